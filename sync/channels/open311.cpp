// Open311 GeoReport v2 adapter (JSON format), the alternative channel for reports: POST requests.json
// form-encoded with api_key in the body, service_code from the kiosk's tree, lat/long (or
// address_string), description with our reference at its end. A batch service answers with a token,
// resolved later through tokens/{token}.json; errors are the GeoReport array. An uncertain send is
// looked up in requests.json (service_code + date range) by the reference in the description.
#include <functional>

#include "kiosk/sync/channel.hpp"
#include "kiosk/sync/refcode.hpp"
#include "json_read.hpp"

namespace kiosk {

namespace {

using nlohmann::json;

// GeoReport answers one request as a list of one ([{…}]) or, on some servers, as the object itself.
Result<const json*> first_item(const json& j) {
  if (!j.is_array()) return answer::object_at(j, "");
  if (j.empty()) return make_error(Errc::protocol, "the answer is an empty list");
  return answer::object_at(j, "/0");
}

class Open311 final : public Channel {
 public:
  using Channel::Channel;

  const CategoryNode* category(const Submission& s) const {
    return m_env.categories ? m_env.categories->find(s.category) : nullptr;
  }

  static std::string marker(const Submission& s) { return "Kioskreferentie: " + refcode::group(s.reference); }

  Result<std::vector<HttpRequest>> build(const Unit& u) override {
    const Submission& s = u.first().submission;
    const CategoryNode* cat = category(s);
    if (!cat || cat->open311_code.empty())
      return make_error(Errc::invalid_value, "category '" + s.category + "' has no Open311 service code in the tree");
    std::vector<std::pair<std::string, std::string>> f = {{"api_key", m_env.secrets->of(name())},
                                                          {"service_code", cat->open311_code}};
    if (!m_cfg.text("jurisdiction_id").empty()) f.emplace_back("jurisdiction_id", m_cfg.text("jurisdiction_id"));
    // An approximate point (typed address not in the list) is not sent: address_string lets the
    // municipality's system place it, and the description says so.
    ReportPlace place = report_place(s.location, *m_env.config);
    char buf[32];
    if (place.point && !place.approximate) {
      std::snprintf(buf, sizeof buf, "%.7f", place.point->lat);
      f.emplace_back("lat", buf);
      std::snprintf(buf, sizeof buf, "%.7f", place.point->lon);
      f.emplace_back("long", buf);
      if (!s.location.text.empty()) f.emplace_back("address_string", s.location.text);
    } else if (!s.location.text.empty()) {
      f.emplace_back("address_string", s.location.text);
    } else {
      return make_error(Errc::missing_field, "Open311 needs a location and the kiosk has none configured");
    }
    // GeoReport descriptions are plain text, at most 4000 characters; our reference stays at the end.
    std::string tail = "\n" + marker(s);
    std::string loc = place.note.empty() ? "" : "\n" + place.note;
    std::string text = s.text;
    for (char& c : text)
      if (c == '<') c = '(';
      else if (c == '>') c = ')';
    f.emplace_back("description", truncate_utf8(text + loc, 4000 - 40) + tail);
    if (s.consents.contact) {
      if (!s.contact.email.empty()) f.emplace_back("email", s.contact.email);
      if (!s.contact.phone.empty()) f.emplace_back("phone", s.contact.phone);
    }
    f.emplace_back("device_id", s.kiosk_id);
    HttpRequest r = request("POST", "/requests.json");
    r.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    r.body = form_encode(f);
    return std::vector<HttpRequest>{std::move(r)};
  }

  SendResult interpret(const Unit&, const std::vector<HttpResult>& results) override {
    const HttpResult& r = results.front();
    if (!r || r->status / 100 != 2) return classify_failure(r, "requests.json");
    // It may have been created: an answer we cannot read is looked up (by our reference) before any resend.
    auto j = answer::parse(r->body, answer::Shape::any);
    auto item = j ? first_item(*j) : Result<const json*>(j.error());
    if (!item) return unreadable_answer("requests.json", item.error(), true);
    SendResult out;
    const json* sri = answer::find(**item, "service_request_id");
    const json* token = answer::find(**item, "token");
    if (sri && !sri->is_null()) {
      auto id = answer::id_at(**item, "service_request_id");
      if (!id) return unreadable_answer("requests.json", id.error(), true);
      out.state = DeliveryState::delivered;
      out.remote_id = std::move(*id);
      out.remote_display = out.remote_id;
    } else if (token && !token->is_null()) {
      auto t = answer::id_at(**item, "token");
      if (!t) return unreadable_answer("requests.json", t.error(), true);
      out.state = DeliveryState::delivered;
      out.remote_id = "token:" + *t;
    } else {
      return unreadable_answer("requests.json",
                               make_error(Errc::protocol, "the answer has neither a service_request_id nor a token"),
                               true);
    }
    return out;
  }

  std::optional<HttpRequest> build_lookup(const Unit& u) override {
    const Submission& s = u.first().submission;
    const CategoryNode* cat = category(s);
    if (!cat) return std::nullopt;
    return request("GET", "/requests.json?service_code=" + url_encode(cat->open311_code) +
                              "&start_date=" + url_encode(format_utc(s.created_at_ms - 86'400'000)) +
                              "&end_date=" + url_encode(format_utc(now() + 86'400'000)));
  }

  LookupResult interpret_lookup(const Unit& u, const HttpResult& r) override {
    LookupResult out;
    auto j = answer_of(r, answer::Shape::array, "lookup", out.error, "lookup: ");
    if (!j) return out;
    // Other requests may have no description (it is optional); one we cannot read might be ours, and
    // then nothing is decided.
    std::string m = marker(u.first().submission);
    LookupResult found;
    found.found = Found::no;
    for (std::size_t i = 0; i < j->size(); ++i) {
      const json& item = (*j)[i];
      auto checked = answer::object_at(*j, "/" + std::to_string(i));
      if (!checked) {
        out.error = unreadable("lookup", checked.error());
        return out;
      }
      auto description = answer::opt_text_at(item, "description");
      if (!description) {
        out.error = unreadable("lookup", description.error());
        return out;
      }
      if (!*description || (*description)->find(m) == std::string::npos) continue;
      auto id = answer::id_at(item, "service_request_id");
      if (!id) {
        out.error = unreadable("lookup", id.error());
        return out;
      }
      found.found = Found::yes;
      found.remote_id = *id;
      found.remote_display = *id;
    }
    return found;
  }

  std::optional<HttpRequest> build_status(const RemoteRef& ref) override {
    if (ref.remote_id.rfind("token:", 0) == 0)
      return request("GET", "/tokens/" + url_encode(ref.remote_id.substr(6)) + ".json");
    return request("GET", "/requests/" + url_encode(ref.remote_id) + ".json");
  }

  StatusUpdate interpret_status(const RemoteRef& ref, const HttpResult& r) override {
    StatusUpdate out;
    std::string_view what = ref.remote_id.rfind("token:", 0) == 0 ? "token" : "request";
    auto j = answer_of(r, answer::Shape::any, what, out.error);
    if (!j) return out;
    auto item = first_item(*j);
    if (!item) {
      out.error = unreadable(what, item.error());
      return out;
    }
    if (ref.remote_id.rfind("token:", 0) == 0) {
      // Still being processed: no id yet (null or missing).
      const json* sri = answer::find(**item, "service_request_id");
      if (sri && !sri->is_null()) {
        auto id = answer::id_at(**item, "service_request_id");
        if (!id) {
          out.error = unreadable("token", id.error());
          return out;
        }
        out.remote_id = *id;
      }
      out.ok = true;
      return out;
    }
    auto status = answer::opt_text_at(**item, "status", 64);
    auto notes_at =
        status ? answer::opt_text_at(**item, "status_notes") : Result<std::optional<std::string>>(status.error());
    if (!notes_at) {
      out.error = unreadable("request", notes_at.error());
      return out;
    }
    out.ok = true;
    out.status = status->value_or("");
    std::string notes = notes_at->value_or("");
    if (!notes.empty())
      out.answers.push_back(Answer{std::string(name()), now(), notes,
                                   ref.remote_id + ":notes:" + std::to_string(std::hash<std::string>{}(notes))});
    return out;
  }
  std::string_view closed_status() const override { return "closed"; }

  std::vector<HttpRequest> build_refresh() override { return {request("GET", "/services.json")}; }
  void apply_refresh(const std::vector<HttpResult>& rs) override {
    const auto& r = rs.front();
    if (r && r->status == 200 && m_env.outbox && answer::parse(r->body, answer::Shape::array))
      (void)m_env.outbox->cache_put("open311.services", r->body);
  }

  // The service list (endpoint) and a POST that the server must refuse for a missing service_code
  // (400) but not for the key (403): the key is checked without creating anything.
  std::vector<HttpRequest> build_probe() override {
    HttpRequest post = request("POST", "/requests.json");
    post.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    std::vector<std::pair<std::string, std::string>> f = {{"api_key", m_env.secrets->of(name())}};
    if (!m_cfg.text("jurisdiction_id").empty()) f.emplace_back("jurisdiction_id", m_cfg.text("jurisdiction_id"));
    post.body = form_encode(f);
    return {request("GET", "/services.json"), post};
  }
  std::string interpret_probe(const std::vector<HttpResult>& rs) override {
    if (rs.size() < 2) return "no answer";
    if (!rs[0]) return rs[0].error().message;
    if (rs[0]->status != 200)
      return "services.json: HTTP " + std::to_string(rs[0]->status) + " " + error_summary(*rs[0]);
    if (!rs[1]) return rs[1].error().message;
    if (rs[1]->status == 403) return "the api_key was refused (HTTP 403): check [open311] api_key in the secrets file";
    if (rs[1]->status == 404)
      return "jurisdiction_id '" + m_cfg.text("jurisdiction_id") + "' is unknown to the server (HTTP 404)";
    if (rs[1]->status / 100 == 2) return "the probe POST was accepted: the server does not check service_code";
    return {};
  }
};

constexpr ChannelSetting kOpen311Settings[] = {
    {.key = "jurisdiction_id", .type = SettingType::text},  // optional jurisdiction_id
};
}  // namespace

extern constinit const ChannelDescriptor open311_channel{
    // listed in channel_table.cpp
    .name = "open311",       .carries = kinds({Kind::report}), .settings = kOpen311Settings,
    .secret_key = "api_key", .make = make_adapter<Open311>,
};

}  // namespace kiosk
