// Open Klant 2 (Klantinteracties API) adapter: questions and ideas become a klantcontact through
// POST /klantinteracties/api/v1/maak-klantcontact (`Authorization: Token …`). plaatsgevondenOp is when
// the citizen submitted, our UUID is the onderwerpobject identificator so an uncertain retry can look
// it up first (GET klantcontacten?onderwerpobject__onderwerpobjectidentificatorObjectId=…). A
// betrokkene with digital addresses (POST digitaleadressen, follow-ups) only with consent to contact.
// Poll votes are never sent one by one: the votes of one poll and day become one tally, sent when
// that day is over.
#include <algorithm>
#include <ctime>
#include <map>

#include "kiosk/sync/channel.hpp"
#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/validate.hpp"
#include "json_read.hpp"

namespace kiosk {

namespace {

using nlohmann::json;
const std::string kApi = "/klantinteracties/api/v1";

std::int64_t local_day(std::int64_t unix_ms, int offset_min) {
  return (unix_ms + static_cast<std::int64_t>(offset_min) * 60'000) / 86'400'000;
}

class OpenKlant final : public Channel {
 public:
  using Channel::Channel;

  std::vector<Unit> plan(const std::vector<DueDelivery>& due, std::int64_t now_ms) override {
    std::vector<Unit> out;
    std::map<std::pair<std::string, std::int64_t>, Unit> tallies;
    std::map<std::string, Unit> tagged;
    for (const auto& d : due) {
      const Submission& s = d.submission;
      if (s.kind != Kind::poll) {
        out.push_back(Unit{{&d}, 0});
        continue;
      }
      std::int64_t day = local_day(s.created_at_ms, s.utc_offset_minutes);
      std::int64_t today = local_day(now_ms, s.utc_offset_minutes);
      if (day >= today) {
        // The day is not over: wait until just after local midnight.
        std::int64_t next =
            (today + 1) * 86'400'000 - static_cast<std::int64_t>(s.utc_offset_minutes) * 60'000 + 300'000;
        out.push_back(Unit{{&d}, next});
        continue;
      }
      // A vote whose tally may have arrived goes only with the votes of that same tally (its tag).
      if (d.uncertain && is_tally_tag(d.remote_id)) tagged[d.remote_id].members.push_back(&d);
      else tallies[{s.poll_id, day}].members.push_back(&d);
    }
    for (auto& [k, u] : tallies) out.push_back(std::move(u));
    for (auto& [k, u] : tagged) out.push_back(std::move(u));
    return out;
  }

  static bool is_tally_tag(const std::string& id) { return id.rfind("peiling:", 0) == 0; }

  // The tag a tally is sent under: poll, day, its first vote's row and that vote's attempt number, so a
  // resend after "not found" never reuses the id of a tally with other members.
  std::string send_tag(const Unit& u) const override {
    if (!is_tally(u)) return {};
    const Submission& s = u.first().submission;
    const DueDelivery* first = u.members.front();
    for (auto* m : u.members)
      if (m->row_id < first->row_id) first = m;
    return truncate_utf8("peiling:" + s.poll_id + ":" + format_date(s.created_at_ms, s.utc_offset_minutes) + ":" +
                             std::to_string(first->row_id) + "." + std::to_string(first->attempts),
                         200);
  }

  static bool is_tally(const Unit& u) { return u.first().submission.kind == Kind::poll; }

  // What a klantcontact is filed under: our uuid, or for a tally the tag it is (or was) sent under.
  std::string object_id(const Unit& u) const {
    if (!is_tally(u)) return u.first().submission.uuid;
    if (u.first().uncertain && is_tally_tag(u.first().remote_id)) return u.first().remote_id;
    return send_tag(u);
  }

  HttpRequest authed(std::string method, std::string path) const {
    HttpRequest r = request(std::move(method), std::move(path));
    r.headers.emplace_back("Authorization", "Token " + m_env.secrets->of(name()));
    r.secret_headers.push_back("Authorization");
    return r;
  }

  // The citizen's digital addresses as (address, soortDigitaalAdres), in the order they are sent; empty
  // ones left out. One list for building, checking and resuming them.
  static std::vector<std::pair<const std::string*, const char*>> addresses(const Submission& s) {
    std::vector<std::pair<const std::string*, const char*>> out;
    if (!s.contact.email.empty()) out.emplace_back(&s.contact.email, "email");
    if (!s.contact.phone.empty()) out.emplace_back(&s.contact.phone, "telefoonnummer");
    return out;
  }
  static std::string have_marker(const char* soort) { return std::string(";have=") + soort; }

  // The digital-address requests of a betrokkene; `have` lists kinds the server already holds
  // (";have=email" in a resumed delivery's remote id).
  std::vector<HttpRequest> address_requests(const Submission& s, const std::string& betrokkene_uuid,
                                            std::string_view have = {}) const {
    std::vector<HttpRequest> out;
    for (auto [adres, soort] : addresses(s)) {
      if (have.find(have_marker(soort)) != std::string_view::npos) continue;
      HttpRequest r = authed("POST", kApi + "/digitaleadressen");
      r.headers.emplace_back("Content-Type", "application/json");
      r.body = json{{"verstrektDoorBetrokkene", {{"uuid", betrokkene_uuid}}},
                    {"adres", *adres},
                    {"soortDigitaalAdres", soort},
                    {"omschrijving", "Opgegeven bij de kiosk"}}
                   .dump();
      out.push_back(std::move(r));
    }
    return out;
  }

  Result<std::vector<HttpRequest>> build(const Unit& u) override {
    const Submission& s = u.first().submission;
    // A retry after the klantcontact was made but its addresses were not: only the addresses.
    const std::string& known = u.first().remote_id;
    if (auto pos = known.find(";betrokkene="); pos != std::string::npos) {
      std::string rest = known.substr(pos + 12);
      auto end = rest.find(';');
      return address_requests(s, rest.substr(0, end),
                              end == std::string::npos ? "" : std::string_view(rest).substr(end));
    }

    json kc = {{"kanaal", m_cfg.text("kanaal")},
               {"vertrouwelijk", m_cfg.flag("vertrouwelijk")},
               {"indicatieContactGelukt", true}};
    json metadata = {{"kiosk_id", s.kiosk_id}, {"kiosk_formaat", std::to_string(kChannelFormatVersion)}};
    if (is_tally(u)) {
      std::map<std::string, int> counts;
      for (auto* m : u.members) ++counts[m->submission.poll_answer];
      std::string day = format_date(s.created_at_ms, s.utc_offset_minutes);
      std::string inhoud = "Stemmen bij kiosk " + s.kiosk_id + " op " + day + ":";
      for (const auto& [answer, n] : counts) inhoud += " " + answer + ": " + std::to_string(n) + ";";
      inhoud += " totaal " + std::to_string(u.members.size()) + ".";
      kc["onderwerp"] = truncate_utf8("Peiling " + s.poll_id + ": uitslag " + day, 200);
      kc["inhoud"] = truncate_utf8(inhoud, 1000);
      kc["taal"] = "nld";
      kc["vertrouwelijk"] = false;
      kc["plaatsgevondenOp"] = format_local(s.created_at_ms, s.utc_offset_minutes);
      metadata["soort"] = "peiling";
      metadata["peiling"] = truncate_utf8(s.poll_id, 255);
      metadata["stemmen"] = std::to_string(u.members.size());
    } else {
      std::string soort = s.kind == Kind::idea ? "Idee" : s.kind == Kind::report ? "Melding" : "Vraag";
      std::string onderwerp = !s.topic.empty() ? s.topic : !s.category.empty() ? s.category : soort + " via de kiosk";
      std::string inhoud = s.text;
      if (!s.location.text.empty()) inhoud += "\nLocatie: " + s.location.text;
      kc["onderwerp"] = truncate_utf8(onderwerp, 200);
      kc["inhoud"] = truncate_utf8(inhoud, 1000);
      kc["taal"] = iso639_2b(s.language);
      kc["plaatsgevondenOp"] = format_local(s.created_at_ms, s.utc_offset_minutes);
      kc["referentienummer"] = s.reference.substr(0, 10);
      metadata["soort"] = soort;
      metadata["kiosk_referentie"] = refcode::group(s.reference);
      if (s.assisted) metadata["geholpen"] = "ja";
    }
    kc["metadata"] = metadata;
    json body = {{"klantcontact", kc},
                 {"onderwerpobject",
                  {{"onderwerpobjectidentificator",
                    {{"objectId", is_tally(u) ? send_tag(u) : object_id(u)},
                     {"codeObjecttype", is_tally(u) ? "kioskpeiling" : "kioskbericht"},
                     {"codeRegister", "kiosk"},
                     {"codeSoortObjectId", is_tally(u) ? "peilingdag" : "uuid"}}}}}};
    if (!is_tally(u) && s.consents.contact && !s.contact.empty())
      body["betrokkene"] = {{"rol", "klant"}, {"initiator", true}};
    HttpRequest r = authed("POST", kApi + "/maak-klantcontact");
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = body.dump();
    return std::vector<HttpRequest>{std::move(r)};
  }

  SendResult interpret(const Unit& u, const std::vector<HttpResult>& results) override {
    const std::string& known = u.first().remote_id;
    if (known.find(";betrokkene=") != std::string::npos) {
      SendResult first;
      first.state = DeliveryState::delivered;
      first.remote_id = known;  // finish() keeps it whole for a retry and trims it once delivered
      return finish(u, first, results);
    }
    // It was created; an answer we cannot read is settled by the lookup (klantcontact, betrokkene and
    // which addresses it has), never by a second klantcontact.
    json j;
    SendResult out = created(results.front(), "maak-klantcontact", "/klantcontact/uuid", &j);
    if (out.state != DeliveryState::delivered) return out;
    const Submission& s = u.first().submission;
    if (wants_addresses(u) && !addresses(s).empty()) {
      // We sent a betrokkene: its uuid is needed to add the addresses.
      auto b = answer::id_at(j, "/betrokkene/uuid");
      if (!b) return unreadable_answer("maak-klantcontact", b.error(), true);
      out.follow_ups = address_requests(s, *b);
      if (!out.follow_ups.empty()) out.remote_id += ";betrokkene=" + *b;
    }
    return out;
  }

  SendResult finish(const Unit& u, SendResult first, const std::vector<HttpResult>& follow_ups) override {
    SendResult out = Channel::finish(u, first, follow_ups);
    // Delivered: keep the klantcontact uuid only; a retry keeps the betrokkene to add the addresses.
    if (out.state == DeliveryState::delivered) out.remote_id = out.remote_id.substr(0, out.remote_id.find(';'));
    if (out.state != DeliveryState::retry) return out;
    // A retry sends only the addresses that did not arrive (";have=" marks the ones that did), and if
    // an answer was lost, asks the server first (it may have arrived): never an address twice.
    const Submission& s = u.first().submission;
    std::vector<const char*> kinds;  // the follow-ups in address_requests() order
    for (auto [adres, soort] : addresses(s))
      if (first.remote_id.find(have_marker(soort)) == std::string::npos) kinds.push_back(soort);
    out.uncertain = false;
    for (std::size_t i = 0; i < follow_ups.size() && i < kinds.size(); ++i) {
      const HttpResult& r = follow_ups[i];
      if (r && r->status / 100 == 2) out.remote_id += have_marker(kinds[i]);
      else if (classify_failure(r, "digitaleadressen").uncertain) out.uncertain = true;
    }
    return out;
  }

  std::optional<HttpRequest> build_lookup(const Unit& u) override {
    // With addresses to deliver, the betrokkene and its addresses come along: a run may have died
    // between the klantcontact and its digitaleadressen.
    return authed("GET", kApi + "/klantcontacten?onderwerpobject__onderwerpobjectidentificatorObjectId=" +
                             url_encode(object_id(u)) +
                             (wants_addresses(u) ? "&expand=hadBetrokkenen.digitaleAdressen" : ""));
  }

  LookupResult interpret_lookup(const Unit& u, const HttpResult& r) override {
    LookupResult out;
    if (!r || r->status != 200) {
      out.error = "lookup: " + (r ? "HTTP " + std::to_string(r->status) + " " + error_summary(*r) : r.error().message);
      return out;
    }
    // An answer that cannot be read decides nothing (found stays unknown): a wrong "no" would send a
    // second klantcontact, a wrong address list a second address.
    auto fail = [&](const Error& e) {
      out = LookupResult{};
      out.error = unreadable("lookup", e);
      return out;
    };
    auto j = answer::parse(r->body, answer::Shape::object);
    if (!j) return fail(j.error());
    auto results = answer::array_at(*j, "results");
    if (!results) return fail(results.error());
    if ((*results)->empty()) {
      out.found = Found::no;
      return out;
    }
    auto uuid = answer::id_at(**results, "/0/uuid");
    if (!uuid) return fail(uuid.error());
    out.found = Found::yes;
    out.remote_id = *uuid;
    if (!wants_addresses(u)) return out;
    // Which of the citizen's addresses the betrokkene already has.
    auto bs = answer::array_at(**results, "/0/_expand/hadBetrokkenen");
    if (!bs) return fail(bs.error());
    if ((*bs)->empty()) {
      out.found = Found::unknown;
      out.park = true;
      out.error = "the klantcontact arrived without its betrokkene; add the citizen's contact details by hand";
      return out;
    }
    const json& b = (**bs)[0];
    auto b_uuid = answer::id_at(b, "uuid");
    if (!b_uuid) return fail(b_uuid.error());
    auto held_list = answer::array_at(b, "/_expand/digitaleAdressen");
    if (!held_list) return fail(held_list.error());
    std::vector<std::string> held_addresses;
    for (std::size_t i = 0; i < (*held_list)->size(); ++i) {
      auto a = answer::text_at(**held_list, "/" + std::to_string(i) + "/adres", 1024);
      if (!a) return fail(a.error());
      held_addresses.push_back(std::move(*a));
    }
    std::size_t want = 0, held = 0;
    std::string have;
    const Submission& s = u.first().submission;
    for (auto [adres, soort] : addresses(s)) {
      ++want;
      if (std::find(held_addresses.begin(), held_addresses.end(), *adres) != held_addresses.end()) {
        have += have_marker(soort);
        ++held;
      }
    }
    if (held < want) {  // not every address arrived: add the missing ones
      out.incomplete = true;
      out.remote_id += ";betrokkene=" + *b_uuid + have;
    }
    return out;
  }

  bool wants_addresses(const Unit& u) const {
    const Submission& s = u.first().submission;
    return !is_tally(u) && s.consents.contact && !s.contact.empty();
  }

  std::optional<HttpRequest> build_status(const RemoteRef& ref) override {
    return authed("GET", kApi + "/klantcontacten/" + url_encode(ref.remote_id));
  }

  StatusUpdate interpret_status(const RemoteRef& ref, const HttpResult& r) override {
    StatusUpdate out;
    auto j = answer_of(r, answer::Shape::object, "klantcontact", out.error);
    if (!j) return out;
    auto reactie_at = answer::opt_text_at(*j, "reactie");
    if (!reactie_at) {
      out.error = unreadable("klantcontact", reactie_at.error());
      return out;
    }
    out.ok = true;
    std::string reactie = reactie_at->value_or("");
    if (!reactie.empty()) {
      out.status = "beantwoord";
      out.answers.push_back(Answer{std::string(name()), now(), reactie, ref.remote_id + ":reactie"});
    }
    return out;
  }
  std::string_view closed_status() const override { return "beantwoord"; }

  std::vector<HttpRequest> build_probe() override {
    return {authed("GET", kApi + "/klantcontacten?referentienummer=KIOSKTEST0")};
  }
  std::string interpret_probe(const std::vector<HttpResult>& rs) override {
    const auto& r = rs.front();
    if (!r) return r.error().message;
    if (r->status == 401 || r->status == 403)
      return "the token was refused (HTTP " + std::to_string(r->status) +
             "): check [openklant] token in the secrets file";
    if (r->status == 404) return "no Klantinteracties API at " + m_cfg.base_url + "/klantinteracties/api/v1 (HTTP 404)";
    if (r->status != 200) return "unexpected HTTP " + std::to_string(r->status) + ": " + error_summary(*r);
    return {};
  }
};

std::string check_kanaal(std::string_view v) {
  return v.empty() || v.size() > 50 ? "must be 1 to 50 characters (Open Klant's limit)" : "";
}
constexpr ChannelSetting kOpenKlantSettings[] = {
    {.key = "kanaal", .type = SettingType::text, .text = "kiosk", .check = check_kanaal},  // klantcontact.kanaal
    {.key = "vertrouwelijk", .type = SettingType::flag, .flag = true},                     // klantcontact.vertrouwelijk
};
}  // namespace

extern constinit const ChannelDescriptor openklant_channel{
    // listed in channel_table.cpp
    .name = "openklant",
    .carries = kinds({Kind::question, Kind::report, Kind::idea, Kind::poll}),
    .settings = kOpenKlantSettings,
    .secret_key = "token",
    .make = make_adapter<OpenKlant>,
};

}  // namespace kiosk
