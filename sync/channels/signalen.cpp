// Signalen public API adapter: reports become signals through POST /signals/v1/public/signals/ (JSON,
// no auth). location.geometrie is a GeoJSON Point [lon, lat] (report_place: a typed address not in the
// address list carries the municipality's centre and says so in the text, never the kiosk's point); category.sub_category is the URL of the
// sub category from the kiosk's tree; the reporter shares contact details only with consent. The
// returned signal_id and _display (SIG-123) are kept for the citizen's lookup; status comes from the
// public GET. Signalen has no idempotency key and no public search, so an uncertain send without a
// stored id cannot be checked: the engine parks it for a technician rather than risk a duplicate.
// The public throttle (60 POST/hour per IP by default) is paced by the engine (posts_per_hour).
#include "kiosk/sync/channel.hpp"
#include "kiosk/sync/refcode.hpp"
#include "json_read.hpp"

namespace kiosk {

namespace {

using nlohmann::json;
const std::string kSignals = "/signals/v1/public/signals/";

class Signalen final : public Channel {
 public:
  using Channel::Channel;

  Result<std::vector<HttpRequest>> build(const Unit& u) override {
    const Submission& s = u.first().submission;
    const CategoryNode* cat = m_env.categories ? m_env.categories->find(s.category) : nullptr;
    if (!cat || cat->signalen_path.empty())
      return make_error(Errc::invalid_value, "category '" + s.category + "' has no Signalen sub category in the tree");
    ReportPlace place = report_place(s.location, *m_env.config);
    if (!place.point)
      return make_error(Errc::missing_field,
                        place.approximate ? "Signalen needs a point: set map.centre for addresses not in the list"
                                          : "Signalen needs a location point and the kiosk has none configured");
    const GeoPoint* p = &*place.point;
    std::string text = s.text;
    if (!place.note.empty()) text += "\n" + place.note;
    bool contact = s.consents.contact;
    json body = {{"text", truncate_utf8(text, 3000)},
                 {"location", {{"geometrie", {{"type", "Point"}, {"coordinates", {p->lon, p->lat}}}}}},
                 {"category", {{"sub_category", m_cfg.base_url + cat->signalen_path}}},
                 {"reporter",
                  {{"email", contact ? s.contact.email : ""},
                   {"phone", contact ? s.contact.phone : ""},
                   {"sharing_allowed", false}}},
                 {"incident_date_start", format_local(s.created_at_ms, s.utc_offset_minutes)},
                 {"source", m_cfg.text("source")},
                 {"extra_properties", json::array({{{"id", "kiosk_referentie"},
                                                    {"label", "Kioskreferentie"},
                                                    {"answer", refcode::group(s.reference)},
                                                    {"category_url", cat->signalen_path}}})}};
    HttpRequest r = request("POST", kSignals);
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = body.dump();
    return std::vector<HttpRequest>{std::move(r)};
  }

  SendResult interpret(const Unit&, const std::vector<HttpResult>& results) override {
    // Created, but without a readable signal_id: uncertain, and with no id to look up, the engine
    // parks it for a technician rather than risk a second signal.
    json j;
    SendResult out = created(results.front(), "signal", "signal_id", &j);
    if (out.state == DeliveryState::delivered) out.remote_display = answer::text_or(j, "_display", "", answer::kMaxId);
    return out;
  }

  std::optional<HttpRequest> build_lookup(const Unit& u) override {
    if (u.first().remote_id.empty()) return std::nullopt;
    return request("GET", kSignals + url_encode(u.first().remote_id));
  }

  LookupResult interpret_lookup(const Unit&, const HttpResult& r) override {
    LookupResult out;
    if (r && r->status == 404) out.found = Found::no;
    else if (r && r->status == 200) {
      auto j = answer::parse(r->body, answer::Shape::object);
      auto id = j ? answer::id_at(*j, "signal_id") : Result<std::string>(j.error());
      if (!id) {
        out.error = unreadable("lookup", id.error());
        return out;
      }
      out.found = Found::yes;
      out.remote_id = std::move(*id);
      out.remote_display = answer::text_or(*j, "_display", "", answer::kMaxId);
    } else out.error = r ? "lookup: HTTP " + std::to_string(r->status) : r.error().message;
    return out;
  }

  std::optional<HttpRequest> build_status(const RemoteRef& ref) override {
    return request("GET", kSignals + url_encode(ref.remote_id));
  }

  // The public detail says OPEN or CLOSED. Its contract carries no closing text; a server that adds the
  // status's own `text` (as the private API has it) gets it shown as the municipality's answer.
  StatusUpdate interpret_status(const RemoteRef& ref, const HttpResult& r) override {
    StatusUpdate out;
    auto j = answer_of(r, answer::Shape::object, "status", out.error);
    if (!j) return out;
    auto status = answer::object_at(*j, "status");
    auto state =
        status ? answer::opt_text_at(**status, "state", 64) : Result<std::optional<std::string>>(status.error());
    auto text = state ? answer::opt_text_at(**status, "text") : Result<std::optional<std::string>>(state.error());
    if (!text) {
      out.error = unreadable("status", text.error());
      return out;
    }
    out.ok = true;
    out.status = state->value_or("");
    if (text->has_value() && !(*text)->empty())
      out.answers.push_back(Answer{std::string(name()), now(), **text,
                                   ref.remote_id + ":status:" + std::to_string(std::hash<std::string>{}(**text))});
    return out;
  }

  std::vector<HttpRequest> build_refresh() override { return {request("GET", "/signals/v1/public/terms/categories")}; }
  void apply_refresh(const std::vector<HttpResult>& rs) override {
    const auto& r = rs.front();
    if (!r || r->status != 200 || !m_env.outbox) return;
    auto j = answer::parse(r->body, answer::Shape::object);
    if (!j || !answer::array_at(*j, "results")) return;  // unreadable: the cached list stays
    (void)m_env.outbox->cache_put("signalen.categories", r->body);
  }

  std::vector<HttpRequest> build_probe() override { return build_refresh(); }
  std::string interpret_probe(const std::vector<HttpResult>& rs) override {
    const auto& r = rs.front();
    if (!r) return r.error().message;
    if (r->status == 404) return "no Signalen public API at " + m_cfg.base_url + "/signals/v1/public (HTTP 404)";
    if (r->status != 200) return "unexpected HTTP " + std::to_string(r->status) + ": " + error_summary(*r);
    auto j = answer::parse(r->body, answer::Shape::object);
    auto results = j ? answer::array_at(*j, "results") : Result<const json*>(j.error());
    if (!results) return "the category list is not Signalen's format: " + results.error().message;
    // Every sub category the kiosk offers must exist on this server.
    std::string missing;
    if (m_env.categories)
      for (const auto& ours : m_env.categories->categories)
        for (const auto& sub : ours.children) {
          bool found = false;
          for (const auto& main : **results) {
            auto subs = answer::array_at(main, "sub_categories");
            if (answer::text_or(main, "slug") == ours.slug && subs)
              for (const auto& s : **subs)
                if (answer::text_or(s, "slug") == sub.slug) found = true;
          }
          if (!found) missing += (missing.empty() ? "" : ", ") + ours.slug + "/" + sub.slug;
        }
    if (!missing.empty())
      return "reachable, but these kiosk categories are unknown to the server: " + truncate_utf8(missing, 200);
    return {};
  }
};

std::string check_source(std::string_view v) { return v.empty() ? "must not be empty" : ""; }
constexpr ChannelSetting kSignalenSettings[] = {
    {.key = "source", .type = SettingType::text, .text = "online", .check = check_source},  // signal source
};
}  // namespace

extern constinit const ChannelDescriptor signalen_channel{
    // listed in channel_table.cpp
    .name = "signalen",
    .carries = kinds({Kind::report}),
    .settings = kSignalenSettings,
    .posts_per_hour = 60,  // the public throttle: 60 POST/hour per IP by default
    .make = make_adapter<Signalen>,
};

}  // namespace kiosk
