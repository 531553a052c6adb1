// Open Klant 2 (Klantinteracties API) contract server: POST maak-klantcontact and digitaleadressen with
// `Authorization: Token <key>`, GET klantcontacten filtered on onderwerpobject id or referentienummer,
// GET one klantcontact (its `reactie` is the municipality's answer). Limits from the patched spec.
#include <algorithm>
#include <chrono>
#include <regex>

#include "contract_server.hpp"
#include "kiosk/sync/submission.hpp"
#include "kiosk/sync/validate.hpp"

namespace kiosk::test {

namespace {

using nlohmann::json;
const std::string kApi = "/klantinteracties/api/v1";

bool is_datetime(const json& v) {
  static const std::regex re(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");
  return v.is_string() && std::regex_match(v.get<std::string>(), re);
}

struct Problems {
  json params = json::array();
  void add(const std::string& name, const std::string& code, const std::string& reason) {
    params.push_back({{"name", name}, {"code", code}, {"reason", reason}});
  }
  bool empty() const { return params.empty(); }
};

void check_string(Problems& p, const json& obj, const std::string& prefix, const std::string& key, std::size_t max,
                  bool required) {
  if (!obj.contains(key)) {
    if (required) p.add(prefix + key, "required", "Dit veld is vereist.");
    return;
  }
  const auto& v = obj[key];
  if (v.is_null() && !required) return;
  if (!v.is_string()) return p.add(prefix + key, "invalid", "Not a valid string.");
  if (kiosk::utf8_length(v.get<std::string>()) > max)
    p.add(prefix + key, "max_length",
          "Zorg ervoor dat dit veld niet meer dan " + std::to_string(max) + " tekens bevat.");
}

}  // namespace

OpenKlantServer::OpenKlantServer(std::string token) : m_token(std::move(token)) {
  auto authorised = [this](const httplib::Request& req, httplib::Response& res) {
    auto h = req.get_header_value("Authorization");
    if (h.rfind("Token ", 0) != 0 || h.substr(6) != m_token) {
      json_reply(res, 401, {{"detail", h.empty() ? "Authenticatiegegevens zijn niet opgegeven." : "Ongeldige token."}});
      return false;
    }
    return true;
  };
  auto json_body = [](const httplib::Request& req, httplib::Response& res, json& out) {
    if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
      json_reply(res, 415,
                 {{"detail", "Ongeldige mediatype \"" + req.get_header_value("Content-Type") + "\" in aanvraag."}});
      return false;
    }
    out = json::parse(req.body, nullptr, false);
    if (out.is_discarded() || !out.is_object()) {
      json_reply(res, 400, {{"detail", "JSON parse error"}});
      return false;
    }
    return true;
  };
  auto invalid = [](httplib::Response& res, const Problems& p) {
    res.status = 400;
    res.set_content(json{{"type", "http://127.0.0.1/ref/fouten/ValidationError/"},
                         {"code", "invalid"},
                         {"title", "Invalid input."},
                         {"status", 400},
                         {"invalidParams", p.params}}
                        .dump(),
                    "application/problem+json");
  };

  route("POST", kApi + "/maak-klantcontact", [=, this](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res)) return;
    json body;
    if (!json_body(req, res, body)) return;
    Problems p;
    for (auto& [k, v] : body.items())
      if (k != "klantcontact" && k != "betrokkene" && k != "onderwerpobject") p.add(k, "unknown", "Onbekend veld.");
    if (!body.contains("klantcontact") || !body["klantcontact"].is_object()) {
      p.add("klantcontact", "required", "Dit veld is vereist.");
      return invalid(res, p);
    }
    const json& kc = body["klantcontact"];
    static const std::set<std::string> writable = {"nummer",
                                                   "referentienummer",
                                                   "kanaal",
                                                   "onderwerp",
                                                   "inhoud",
                                                   "reactie",
                                                   "indicatieContactGelukt",
                                                   "hoofdOnderwerpType",
                                                   "verdereActieOndernomen",
                                                   "taal",
                                                   "vertrouwelijk",
                                                   "plaatsgevondenOp",
                                                   "metadata"};
    for (auto& [k, v] : kc.items())
      if (!writable.count(k)) p.add("klantcontact." + k, "unknown", "Onbekend of alleen-lezen veld.");
    check_string(p, kc, "klantcontact.", "kanaal", 50, true);
    check_string(p, kc, "klantcontact.", "onderwerp", 200, true);
    check_string(p, kc, "klantcontact.", "inhoud", 1000, false);
    check_string(p, kc, "klantcontact.", "referentienummer", 10, false);
    check_string(p, kc, "klantcontact.", "taal", 3, true);
    if (kc.contains("taal") && kc["taal"].is_string() &&
        !std::regex_match(kc["taal"].get<std::string>(), std::regex("^[a-z]{3}$")))
      p.add("klantcontact.taal", "invalid", "Gebruik een ISO 639-2/B taalcode (drie letters).");
    if (!kc.contains("vertrouwelijk") || !kc["vertrouwelijk"].is_boolean())
      p.add("klantcontact.vertrouwelijk", "required", "Dit veld is vereist.");
    if (kc.contains("plaatsgevondenOp") && !is_datetime(kc["plaatsgevondenOp"]))
      p.add("klantcontact.plaatsgevondenOp", "invalid", "Datetime heeft een ongeldig formaat.");
    if (kc.contains("metadata"))
      for (auto& [k, v] : kc["metadata"].items())
        if (!v.is_string() || v.get<std::string>().size() > 255)
          p.add("klantcontact.metadata." + k, "invalid", "Ongeldige waarde.");
    if (body.contains("betrokkene")) {
      const json& b = body["betrokkene"];
      if (!b.is_object()) p.add("betrokkene", "invalid", "Geen object.");
      else {
        if (!b.contains("rol") || !b["rol"].is_string() || (b["rol"] != "klant" && b["rol"] != "vertegenwoordiger"))
          p.add("betrokkene.rol", "invalid_choice", "Kies klant of vertegenwoordiger.");
        if (!b.contains("initiator") || !b["initiator"].is_boolean())
          p.add("betrokkene.initiator", "required", "Dit veld is vereist.");
        if (b.contains("digitaleAdressen")) p.add("betrokkene.digitaleAdressen", "read_only", "Alleen-lezen veld.");
      }
    }
    std::string object_id;
    if (body.contains("onderwerpobject")) {
      const json& o = body["onderwerpobject"];
      if (!o.is_object() || !o.contains("onderwerpobjectidentificator") ||
          !o["onderwerpobjectidentificator"].is_object())
        p.add("onderwerpobject.onderwerpobjectidentificator", "required", "Dit veld is vereist.");
      else {
        const json& id = o["onderwerpobjectidentificator"];
        for (auto k : {"objectId", "codeObjecttype", "codeRegister", "codeSoortObjectId"})
          check_string(p, id, "onderwerpobject.onderwerpobjectidentificator.", k, 200, true);
        if (id.contains("objectId") && id["objectId"].is_string()) object_id = id["objectId"];
      }
    }
    if (!p.empty()) return invalid(res, p);
    Contact c;
    c.uuid = kiosk::new_uuid_v4();
    c.body = kc;
    c.object_id = object_id;
    json out_kc = kc;
    out_kc["uuid"] = c.uuid;
    out_kc["url"] = base_url() + kApi + "/klantcontacten/" + c.uuid;
    json betrokkene = json(nullptr);
    if (body.contains("betrokkene")) {
      betrokkene = body["betrokkene"];
      betrokkene["uuid"] = kiosk::new_uuid_v4();
      betrokkene["url"] = base_url() + kApi + "/betrokkenen/" + betrokkene["uuid"].get<std::string>();
      c.betrokkene_uuid = betrokkene["uuid"];
    }
    {
      std::lock_guard lock(m_mu);
      m_contacts.push_back(c);
      m_history.emplace_back(object_id,
                             "created " + c.uuid + " port " + std::to_string(req.remote_port) + " betrokkene " +
                                 (body.contains("betrokkene") ? "y" : "n") + " at " +
                                 std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() / 1000000));
    }
    json out = {{"klantcontact", out_kc}};
    if (!betrokkene.is_null()) out["betrokkene"] = betrokkene;
    json_reply(res, 201, out);
  });

  route("POST", kApi + "/digitaleadressen", [=, this](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res)) return;
    json body;
    if (!json_body(req, res, body)) return;
    Problems p;
    check_string(p, body, "", "adres", 80, true);
    if (!body.contains("soortDigitaalAdres") || !body["soortDigitaalAdres"].is_string() ||
        !std::set<std::string>{"email", "telefoonnummer", "overig"}.count(
            body["soortDigitaalAdres"].get<std::string>()))
      p.add("soortDigitaalAdres", "invalid_choice", "Kies email, telefoonnummer of overig.");
    if (!body.contains("verstrektDoorBetrokkene") || !body["verstrektDoorBetrokkene"].contains("uuid"))
      p.add("verstrektDoorBetrokkene", "required", "Dit veld is vereist.");
    if (!p.empty()) return invalid(res, p);
    json out = body;
    out["uuid"] = kiosk::new_uuid_v4();
    {
      std::lock_guard lock(m_mu);
      std::string b = body["verstrektDoorBetrokkene"].value("uuid", "");
      auto it = std::find_if(m_contacts.begin(), m_contacts.end(),
                             [&](const Contact& c) { return !b.empty() && c.betrokkene_uuid == b; });
      if (it == m_contacts.end()) {
        p.add("verstrektDoorBetrokkene", "does_not_exist", "Ongeldige uuid - object bestaat niet.");
        return invalid(res, p);
      }
      it->addresses.push_back(body);
    }
    json_reply(res, 201, out);
  });

  // A klantcontact as the API shows it; `expand` (hadBetrokkenen, hadBetrokkenen.digitaleAdressen)
  // adds the related resources under _expand, as Open Klant does.
  auto as_json = [this](const Contact& c, const std::string& expand = "") {
    json kc = c.body;
    kc["uuid"] = c.uuid;
    kc["url"] = base_url() + kApi + "/klantcontacten/" + c.uuid;
    kc["reactie"] = c.reactie;
    json refs = json::array();
    if (!c.betrokkene_uuid.empty())
      refs.push_back({{"uuid", c.betrokkene_uuid}, {"url", base_url() + kApi + "/betrokkenen/" + c.betrokkene_uuid}});
    kc["hadBetrokkenen"] = refs;
    if (expand.find("hadBetrokkenen") != std::string::npos) {
      json bs = json::array();
      for (json b : refs) {
        if (expand.find("hadBetrokkenen.digitaleAdressen") != std::string::npos) {
          json ds = json::array();
          for (const auto& a : c.addresses) ds.push_back(a);
          b["_expand"] = {{"digitaleAdressen", ds}};
        }
        bs.push_back(b);
      }
      kc["_expand"] = {{"hadBetrokkenen", bs}};
    }
    return kc;
  };
  route("GET", kApi + "/klantcontacten", [=, this](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res)) return;
    std::string oid = req.get_param_value("onderwerpobject__onderwerpobjectidentificatorObjectId");
    std::string ref = req.get_param_value("referentienummer");
    json results = json::array();
    std::lock_guard lock(m_mu);
    for (const auto& c : m_contacts)
      if ((!oid.empty() && c.object_id == oid) || (!ref.empty() && c.body.value("referentienummer", "") == ref) ||
          (oid.empty() && ref.empty()))
        results.push_back(as_json(c, req.get_param_value("expand")));
    if (!oid.empty())
      m_history.emplace_back(oid,
                             "lookup found " + std::to_string(results.size()) + " at " +
                                 std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() / 1000000));
    json_reply(res, 200, {{"count", results.size()}, {"next", nullptr}, {"previous", nullptr}, {"results", results}});
  });
  route("GET", kApi + R"(/klantcontacten/([0-9a-f-]+))",
        [=, this](const httplib::Request& req, httplib::Response& res) {
          if (!authorised(req, res)) return;
          std::lock_guard lock(m_mu);
          for (const auto& c : m_contacts)
            if (c.uuid == req.matches[1]) return json_reply(res, 200, as_json(c));
          json_reply(res, 404, {{"detail", "Niet gevonden."}});
        });
  start();
}

std::vector<OpenKlantServer::Contact> OpenKlantServer::contacts() {
  std::lock_guard lock(m_mu);
  return m_contacts;
}

std::map<std::string, int> OpenKlantServer::count_by_object_id() {
  std::lock_guard lock(m_mu);
  std::map<std::string, int> out;
  for (const auto& c : m_contacts) ++out[c.object_id];
  return out;
}

std::vector<std::string> OpenKlantServer::history(const std::string& object_id) {
  std::lock_guard lock(m_mu);
  std::vector<std::string> out;
  for (const auto& [id, e] : m_history)
    if (id == object_id) out.push_back(e);
  return out;
}

void OpenKlantServer::set_reactie(const std::string& object_id, const std::string& text) {
  std::lock_guard lock(m_mu);
  for (auto& c : m_contacts)
    if (c.object_id == object_id) c.reactie = text;
}

}  // namespace kiosk::test
