// Signalen public API contract server: POST /signals/v1/public/signals/ (JSON, no auth, unknown keys
// rejected, GeoJSON Point [lon, lat] checked against the Netherlands so a swapped pair fails, sub
// category URL must name a known category), the per-IP throttle (429 + Retry-After), the public status
// GET and the public category tree (built from assets/categories/default.json).
#include <chrono>
#include <fstream>
#include <regex>

#include "contract_server.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/submission.hpp"
#include "kiosk/sync/validate.hpp"

namespace kiosk::test {

namespace {

using nlohmann::json;

json load_tree() {
  std::ifstream in(std::string(kiosk::assets_dir()) + "/categories/default.json");
  return json::parse(in, nullptr, false);
}

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

SignalenServer::SignalenServer(int posts_per_hour) : m_posts_per_hour(posts_per_hour) {
  json tree = load_tree();
  std::set<std::string> known_paths;
  json results = json::array();
  if (tree.is_object())
    for (const auto& main : tree["categories"]) {
      json subs = json::array();
      for (const auto& sub : main["sub_categories"]) {
        std::string path = sub.value("signalen_sub_category", "");
        known_paths.insert(path);
        subs.push_back({{"slug", sub["slug"]},
                        {"name", sub["name"].value("nl", "")},
                        {"_display", sub["name"].value("nl", "")},
                        {"handling", "REST"},
                        {"handling_message", sub["handling_message"].value("nl", "")},
                        {"is_active", true},
                        {"_links", {{"self", {{"public", path}}}}}});
      }
      results.push_back({{"slug", main["slug"]},
                         {"name", main["name"].value("nl", "")},
                         {"is_public_accessible", true},
                         {"sub_categories", subs}});
    }
  json categories = {{"count", results.size()}, {"results", results}};

  auto create = [this, known_paths](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
      return json_reply(res, 415,
                        {{"detail",
                          "Unsupported media type \"" + req.get_header_value("Content-Type") + "\" in request."}});
    {
      std::lock_guard lock(m_mu);
      std::int64_t now = steady_ms();
      std::erase_if(m_post_times, [&](std::int64_t t) { return t < now - 3600 * 1000; });
      if (static_cast<int>(m_post_times.size()) >= m_posts_per_hour) {
        std::int64_t wait_s = (m_post_times.front() + 3600 * 1000 - now) / 1000 + 1;
        res.set_header("Retry-After", std::to_string(wait_s));
        return json_reply(res, 429,
                          {{"detail",
                            "Request was throttled. Expected available in " + std::to_string(wait_s) + " seconds."}});
      }
      m_post_times.push_back(now);
    }
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return json_reply(res, 400, {{"detail", "JSON parse error"}});
    json errors = json::object();
    static const std::set<std::string> allowed =
        {"source",           "text",     "text_extra",          "location",
         "category",         "reporter", "incident_date_start", "incident_date_end",
         "extra_properties", "session"};
    std::string extra;
    for (auto& [k, v] : body.items())
      if (!allowed.count(k)) extra += (extra.empty() ? "" : ", ") + k;
    if (!extra.empty()) errors["non_field_errors"] = json::array({"Extra properties present: " + extra});
    if (!body.contains("text") || !body["text"].is_string() || body["text"].get<std::string>().empty())
      errors["text"] = json::array({"Dit veld is vereist."});
    else if (kiosk::utf8_length(body["text"].get<std::string>()) > 3000)
      errors["text"] = json::array({"Zorg ervoor dat dit veld niet meer dan 3000 tekens bevat."});
    const json* geo = nullptr;
    if (body.contains("location") && body["location"].is_object() && body["location"].contains("geometrie"))
      geo = &body["location"]["geometrie"];
    if (!geo) errors["location"] = json::array({"geometrie is vereist."});
    else if (!geo->is_object() || geo->value("type", "") != "Point" || !geo->contains("coordinates") ||
             !(*geo)["coordinates"].is_array() || (*geo)["coordinates"].size() < 2 ||
             (*geo)["coordinates"].size() > 3 || !(*geo)["coordinates"][0].is_number() ||
             !(*geo)["coordinates"][1].is_number())
      errors["location"] =
          json::array({"geometrie moet een GeoJSON Point zijn: {\"type\": \"Point\", \"coordinates\": [lon, lat]}."});
    else {
      double lon = (*geo)["coordinates"][0], lat = (*geo)["coordinates"][1];
      if (lon < 3.0 || lon > 7.5 || lat < 50.5 || lat > 53.8)
        errors["location"] = json::array({"Locatie ligt buiten het werkgebied (verwacht [lon, lat] in WGS84)."});
    }
    if (!body.contains("category") || !body["category"].is_object() || !body["category"].contains("sub_category") ||
        !body["category"]["sub_category"].is_string())
      errors["category"] = json::array({"sub_category is vereist."});
    else {
      std::string url = body["category"]["sub_category"];
      auto pos = url.find("/signals/v1/public/terms/categories/");
      if (url.rfind("http", 0) != 0 || pos == std::string::npos || !known_paths.count(url.substr(pos)))
        errors["category"] = json::array({"Ongeldige hyperlink - Object bestaat niet."});
    }
    if (!body.contains("reporter") || !body["reporter"].is_object())
      errors["reporter"] = json::array({"Dit veld is vereist."});
    else {
      const json& r = body["reporter"];
      if (r.contains("email") && !r["email"].is_null() &&
          (!r["email"].is_string() || r["email"].get<std::string>().size() > 254 ||
           (!r["email"].get<std::string>().empty() && !kiosk::valid_email(r["email"].get<std::string>()))))
        errors["reporter"] = json::array({"Voer een geldig e-mailadres in."});
      if (r.contains("phone") && !r["phone"].is_null() &&
          (!r["phone"].is_string() || r["phone"].get<std::string>().size() > 17))
        errors["reporter"] = json::array({"Zorg ervoor dat dit veld niet meer dan 17 tekens bevat."});
      if (r.contains("sharing_allowed") && !r["sharing_allowed"].is_boolean())
        errors["reporter"] = json::array({"sharing_allowed moet true of false zijn."});
    }
    static const std::regex dt(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");
    if (!body.contains("incident_date_start") || !body["incident_date_start"].is_string() ||
        !std::regex_match(body["incident_date_start"].get<std::string>(), dt))
      errors["incident_date_start"] = json::array({"Datetime heeft een ongeldig formaat."});
    if (body.contains("source") && body["source"] != "online" && body["source"] != "kiosk")
      errors["source"] = json::array({"Invalid source given for anonymous user"});
    if (body.contains("extra_properties") && !body["extra_properties"].is_array())
      errors["extra_properties"] = json::array({"Moet een lijst zijn."});
    if (!errors.empty()) return json_reply(res, 400, errors);
    Signal s;
    s.uuid = kiosk::new_uuid_v4();
    s.body = body;
    {
      std::lock_guard lock(m_mu);
      s.display = "SIG-" + std::to_string(m_next++);
      m_signals.push_back(s);
    }
    json_reply(res, 201,
               {{"_display", s.display},
                {"signal_id", s.uuid},
                {"created_at", kiosk::format_utc(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                     std::chrono::system_clock::now().time_since_epoch())
                                                     .count())},
                {"incident_date_start", body["incident_date_start"]},
                {"status", {{"state", "OPEN"}, {"state_display", "Open"}}}});
  };
  route("POST", "/signals/v1/public/signals/?", create);
  route("GET", R"(/signals/v1/public/signals/([0-9a-f-]{36})/?)",
        [this](const httplib::Request& req, httplib::Response& res) {
          std::lock_guard lock(m_mu);
          for (const auto& s : m_signals)
            if (s.uuid == req.matches[1]) {
              json status = {{"state", s.state}, {"state_display", s.state == "OPEN" ? "Open" : "Afgesloten"}};
              if (!s.text.empty()) status["text"] = s.text;
              return json_reply(res, 200, {{"_display", s.display}, {"signal_id", s.uuid}, {"status", status}});
            }
          json_reply(res, 404, {{"detail", "Niet gevonden."}});
        });
  route("GET", "/signals/v1/public/terms/categories/?",
        [categories](const httplib::Request&, httplib::Response& res) { json_reply(res, 200, categories); });
  start();
}

std::vector<SignalenServer::Signal> SignalenServer::signals() {
  std::lock_guard lock(m_mu);
  return m_signals;
}

std::map<std::string, int> SignalenServer::count_by_reference() {
  std::lock_guard lock(m_mu);
  std::map<std::string, int> out;
  for (const auto& s : m_signals) {
    std::string ref;
    if (s.body.contains("extra_properties"))
      for (const auto& p : s.body["extra_properties"])
        if (p.value("id", "") == "kiosk_referentie") ref = p.value("answer", "");
    ++out[ref];
  }
  return out;
}

void SignalenServer::set_state(const std::string& uuid, const std::string& state, const std::string& text) {
  std::lock_guard lock(m_mu);
  for (auto& s : m_signals)
    if (s.uuid == uuid) {
      s.state = state;
      s.text = text;
    }
}

}  // namespace kiosk::test
