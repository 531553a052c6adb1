// Open311 GeoReport v2 contract server (JSON format): GET services.json, POST requests.json
// (form-encoded, api_key in the body, service_code, lat+long or address_string or address_id,
// description <= 4000), tokens for batch services, GET requests/{id}.json and requests.json.
// Errors are the GeoReport array [{"code", "description"}].
#include <chrono>
#include <fstream>

#include "contract_server.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/submission.hpp"
#include "kiosk/sync/validate.hpp"

namespace kiosk::test {

namespace {
using nlohmann::json;

void errors(httplib::Response& res, int status, const std::string& description) {
  res.status = status;
  res.set_content(json::array({{{"code", status}, {"description", description}}}).dump(), "application/json");
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

Open311Server::Open311Server(std::string api_key) : m_key(std::move(api_key)) {
  std::ifstream in(std::string(kiosk::assets_dir()) + "/categories/default.json");
  json tree = json::parse(in, nullptr, false);
  json services = json::array();
  std::set<std::string> codes;
  if (tree.is_object())
    for (const auto& main : tree["categories"])
      for (const auto& sub : main["sub_categories"]) {
        std::string code = sub.value("open311_service_code", "");
        codes.insert(code);
        services.push_back({{"service_code", code},
                            {"service_name", sub["name"].value("nl", "")},
                            {"description", sub["handling_message"].value("nl", "")},
                            {"metadata", false},
                            {"type", "realtime"},
                            {"keywords", ""},
                            {"group", main["name"].value("nl", "")}});
      }

  route("GET", "/services.json",
        [services](const httplib::Request&, httplib::Response& res) { json_reply(res, 200, services); });

  route("POST", "/requests.json", [this, codes](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0)
      return errors(res, 400, "POST requests must be application/x-www-form-urlencoded");
    // Only body fields count: api_key in the query string is not the contract.
    httplib::Params f;
    httplib::detail::parse_query_text(req.body, f);
    auto get = [&](const char* k) {
      auto it = f.find(k);
      return it == f.end() ? std::string() : it->second;
    };
    if (!f.count("api_key") || get("api_key") != m_key)
      return errors(res, 403, "Invalid api_key received -- can't proceed with create_request.");
    if (f.count("jurisdiction_id") && get("jurisdiction_id") != "voorbeeldstad.nl")
      return errors(res, 404, "jurisdiction_id not found");
    if (get("service_code").empty()) return errors(res, 400, "service_code missing");
    if (!codes.count(get("service_code"))) return errors(res, 400, "Service not found: " + get("service_code"));
    bool has_point = f.count("lat") && f.count("long");
    if (has_point) {
      try {
        double lat = std::stod(get("lat")), lon = std::stod(get("long"));
        if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return errors(res, 400, "lat/long out of range");
      } catch (...) {
        return errors(res, 400, "lat/long must be numbers");
      }
    }
    if (!has_point && get("address_string").empty() && get("address_id").empty())
      return errors(res, 400, "A location is required: lat and long, or address_string, or address_id");
    if (kiosk::utf8_length(get("description")) > 4000)
      return errors(res, 400, "description longer than 4000 characters");
    if (get("description").find('<') != std::string::npos) return errors(res, 400, "description must not contain HTML");
    if (f.count("email") && !get("email").empty() && !kiosk::valid_email(get("email")))
      return errors(res, 400, "invalid email");
    Request r;
    for (const auto& [k, v] : f)
      if (k != "api_key") r.fields[k] = v;
    r.created_ms = now_ms();
    json out;
    {
      std::lock_guard lock(m_mu);
      r.id = std::to_string(m_next++);
      if (m_batch.count(get("service_code"))) r.token = "tok-" + r.id;
      m_requests.push_back(r);
    }
    if (!r.token.empty()) out = {{"token", r.token}, {"service_notice", "Uw melding wordt verwerkt."}};
    else out = {{"service_request_id", r.id}, {"service_notice", "We laten binnen 3 werkdagen weten wat we doen."}};
    json_reply(res, 201, json::array({out}));
  });

  route("GET", R"(/tokens/([A-Za-z0-9-]+)\.json)", [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(m_mu);
    for (const auto& r : m_requests)
      if (r.token == req.matches[1])
        return json_reply(res, 200, json::array({{{"service_request_id", r.id}, {"token", r.token}}}));
    errors(res, 404, "token not found");
  });
  auto as_json = [](const Request& r) {
    auto field = [&](const char* k) {
      auto it = r.fields.find(k);
      return it == r.fields.end() ? std::string() : it->second;
    };
    return json{{"service_request_id", r.id},
                {"status", r.status},
                {"status_notes", r.status_notes},
                {"service_code", field("service_code")},
                {"description", field("description")},
                {"requested_datetime", kiosk::format_utc(r.created_ms)},
                {"updated_datetime", kiosk::format_utc(r.created_ms)}};
  };
  route("GET", R"(/requests/([0-9]+)\.json)", [this, as_json](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(m_mu);
    for (const auto& r : m_requests)
      if (r.id == req.matches[1]) return json_reply(res, 200, json::array({as_json(r)}));
    errors(res, 404, "service_request_id not found");
  });
  route("GET", "/requests.json", [this, as_json](const httplib::Request& req, httplib::Response& res) {
    std::string code = req.get_param_value("service_code");
    std::int64_t start = 0, end = INT64_MAX;
    if (req.has_param("start_date")) {
      auto t = kiosk::parse_utc(req.get_param_value("start_date"));
      if (t) start = *t;
    }
    if (req.has_param("end_date")) {
      auto t = kiosk::parse_utc(req.get_param_value("end_date"));
      if (t) end = *t;
    }
    json out = json::array();
    std::lock_guard lock(m_mu);
    for (const auto& r : m_requests) {
      auto it = r.fields.find("service_code");
      if (!code.empty() && (it == r.fields.end() || it->second != code)) continue;
      if (r.created_ms < start || r.created_ms > end) continue;
      out.push_back(as_json(r));
    }
    json_reply(res, 200, out);
  });
  start();
}

std::vector<Open311Server::Request> Open311Server::requests_stored() {
  std::lock_guard lock(m_mu);
  return m_requests;
}

std::map<std::string, int> Open311Server::count_by_reference() {
  std::lock_guard lock(m_mu);
  std::map<std::string, int> out;
  for (const auto& r : m_requests) {
    auto it = r.fields.find("description");
    std::string d = it == r.fields.end() ? std::string() : it->second;
    auto pos = d.rfind("Kioskreferentie: ");
    ++out[pos == std::string::npos ? std::string() : d.substr(pos + 17, 12)];
  }
  return out;
}

void Open311Server::set_status(const std::string& id, const std::string& status, const std::string& notes) {
  std::lock_guard lock(m_mu);
  for (auto& r : m_requests)
    if (r.id == id) {
      r.status = status;
      r.status_notes = notes;
    }
}

void Open311Server::set_batch_service(const std::string& code) {
  std::lock_guard lock(m_mu);
  m_batch.insert(code);
}

}  // namespace kiosk::test
