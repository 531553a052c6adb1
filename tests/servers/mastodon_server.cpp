// Mastodon contract server: POST /api/v1/statuses (Bearer token, JSON, Idempotency-Key required by
// our rule and honoured for a configurable time, max_characters in code points, visibility and
// ISO 639-1 language checked), instance limits, verify_credentials, the account's statuses (all, or only
// the pinned ones), a status's context (replies), and a rate limit that answers 429 with X-RateLimit-*
// headers.
#include <chrono>
#include <regex>

#include "contract_server.hpp"
#include "kiosk/sync/submission.hpp"
#include "kiosk/sync/validate.hpp"

namespace kiosk::test {

namespace {
using nlohmann::json;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': out += "<br />"; break;
      default: out += c;
    }
  }
  return out;
}
}  // namespace

MastodonServer::MastodonServer(std::string token, int max_characters)
    : m_token(std::move(token)), m_max_chars(max_characters) {
  auto authorised = [this](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Authorization") != "Bearer " + m_token) {
      json_reply(res, 401, {{"error", "The access token is invalid"}});
      return false;
    }
    return true;
  };
  auto as_json = [this](const Status& s) {
    json j = {{"id", s.id},
              {"created_at", kiosk::format_utc(s.created_ms)},
              {"content", "<p>" + html_escape(s.text) + "</p>"},
              {"visibility", s.visibility},
              {"language", s.language},
              {"url", base_url() + "/@gemeente/" + s.id},
              {"in_reply_to_id", s.in_reply_to.empty() ? json(nullptr) : json(s.in_reply_to)},
              {"account",
               {{"id", s.account_id},
                {"username", s.account_id == kAccountId ? "gemeente" : "inwoner"},
                {"acct", s.account_id == kAccountId ? "gemeente" : "inwoner@example.org"}}}};
    j["tags"] = json::array();
    for (const auto& t : s.tags) j["tags"].push_back({{"name", t}, {"url", base_url() + "/tags/" + t}});
    if (s.account_id == kAccountId) j["pinned"] = s.pinned;  // only the token's own statuses are pinnable
    if (!s.account_acct.empty()) {
      j["account"]["acct"] = s.account_acct;
      j["account"]["username"] = s.account_acct.substr(0, s.account_acct.find('@'));
    }
    return j;
  };

  route("POST", "/api/v1/statuses", [=, this](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res)) return;
    {
      std::lock_guard lock(m_mu);
      std::int64_t now = now_ms();
      if (m_rate_limit > 0) {
        std::erase_if(m_post_times, [&](std::int64_t t) { return t <= now - m_rate_window_ms; });
        res.set_header("X-RateLimit-Limit", std::to_string(m_rate_limit));
        if (static_cast<int>(m_post_times.size()) >= m_rate_limit) {
          res.set_header("X-RateLimit-Remaining", "0");
          res.set_header("X-RateLimit-Reset", kiosk::format_utc(m_post_times.front() + m_rate_window_ms));
          return json_reply(res, 429, {{"error", "Too many requests"}});
        }
        // Counted now, so concurrent requests cannot all pass the check.
        m_post_times.push_back(now);
        res.set_header("X-RateLimit-Remaining", std::to_string(m_rate_limit - static_cast<int>(m_post_times.size())));
      }
    }
    if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
      return json_reply(res, 415, {{"error", "Content-Type must be application/json"}});
    std::string key = req.get_header_value("Idempotency-Key");
    if (key.empty()) return json_reply(res, 400, {{"error", "Idempotency-Key header is required"}});
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return json_reply(res, 400, {{"error", "Invalid JSON"}});
    if (!body.contains("status") || !body["status"].is_string() || body["status"].get<std::string>().empty())
      return json_reply(res, 422, {{"error", "Validation failed: Text can't be blank"}});
    std::string text = body["status"];
    if (!kiosk::valid_utf8(text)) return json_reply(res, 422, {{"error", "Validation failed: invalid UTF-8"}});
    if (kiosk::utf8_length(text) > static_cast<std::size_t>(m_max_chars))
      return json_reply(res, 422,
                        {{"error",
                          "Validation failed: Text character limit of " + std::to_string(m_max_chars) + " exceeded"}});
    std::string visibility = body.value("visibility", "public");
    if (!std::set<std::string>{"public", "unlisted", "private", "direct"}.count(visibility))
      return json_reply(res, 422, {{"error", "Validation failed: Visibility is not included in the list"}});
    std::string language = body.value("language", "");
    if (!language.empty() && !std::regex_match(language, std::regex("^[a-z]{2}$")))
      return json_reply(res, 422, {{"error", "Validation failed: Language is not a valid ISO 639-1 code"}});
    std::lock_guard lock(m_mu);
    std::int64_t now = now_ms();
    auto it = m_keys.find(key);
    if (it != m_keys.end() && it->second.second > now - m_ttl_ms)
      for (const auto& s : m_statuses)
        if (s.id == it->second.first) return json_reply(res, 200, as_json(s));
    Status s;
    s.text = text;
    s.idempotency_key = key;
    s.visibility = visibility;
    s.language = language;
    s.account_id = kAccountId;
    s.in_reply_to = body.value("in_reply_to_id", "");
    std::string id = add_status(s);
    m_keys[key] = {id, now};
    json_reply(res, 200, as_json(m_statuses.back()));
  });

  route("GET", "/api/v2/instance", [this](const httplib::Request&, httplib::Response& res) {
    json_reply(res, 200,
               {{"domain", kDomain},
                {"title", "Testinstantie"},
                {"version", "4.3.0"},
                {"configuration", {{"statuses", {{"max_characters", m_max_chars}, {"max_media_attachments", 4}}}}}});
  });
  route("GET", "/api/v1/accounts/verify_credentials", [=](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res)) return;
    json_reply(res, 200, {{"id", kAccountId}, {"username", "gemeente"}, {"acct", "gemeente"}});
  });
  route("GET", R"(/api/v1/accounts/([0-9]+)/statuses)", [=, this](const httplib::Request& req, httplib::Response& res) {
    std::size_t limit = req.has_param("limit") ? std::stoul(req.get_param_value("limit")) : 20;
    bool exclude_replies = req.get_param_value("exclude_replies") == "true";
    bool pinned_only = req.get_param_value("pinned") == "true";
    json out = json::array();
    std::lock_guard lock(m_mu);
    for (auto it = m_statuses.rbegin(); it != m_statuses.rend() && out.size() < std::min<std::size_t>(limit, 40); ++it)
      if (it->account_id == req.matches[1] && !(exclude_replies && !it->in_reply_to.empty()) &&
          !(pinned_only && !it->pinned))
        out.push_back(as_json(*it));
    json_reply(res, 200, out);
  });
  route("GET", R"(/api/v1/statuses/([0-9]+)/context)", [=, this](const httplib::Request& req, httplib::Response& res) {
    json desc = json::array();
    std::lock_guard lock(m_mu);
    bool found = false;
    for (const auto& s : m_statuses) {
      if (s.id == req.matches[1]) found = true;
      if (s.in_reply_to == req.matches[1]) desc.push_back(as_json(s));
    }
    if (!found) return json_reply(res, 404, {{"error", "Record not found"}});
    json_reply(res, 200, {{"ancestors", json::array()}, {"descendants", desc}});
  });
  start();
}

std::string MastodonServer::add_status(Status s) {
  s.id = std::to_string(m_next++);
  s.created_ms = now_ms();
  m_statuses.push_back(s);
  return s.id;
}

std::vector<MastodonServer::Status> MastodonServer::statuses() {
  std::lock_guard lock(m_mu);
  return m_statuses;
}

std::map<std::string, int> MastodonServer::count_by_key() {
  std::lock_guard lock(m_mu);
  std::map<std::string, int> out;
  for (const auto& s : m_statuses)
    if (!s.idempotency_key.empty()) ++out[s.idempotency_key];
  return out;
}

void MastodonServer::reply(const std::string& status_id, const std::string& text, bool own_account) {
  std::lock_guard lock(m_mu);
  Status s;
  s.text = text;
  s.in_reply_to = status_id;
  s.account_id = own_account ? kAccountId : "5555";
  s.visibility = "public";
  s.language = "nl";
  add_status(s);
}

void MastodonServer::reply_from(const std::string& status_id, const std::string& text, const std::string& account_id,
                                const std::string& acct) {
  std::lock_guard lock(m_mu);
  Status s;
  s.text = text;
  s.in_reply_to = status_id;
  s.account_id = account_id;
  s.account_acct = acct;
  s.visibility = "public";
  s.language = "nl";
  add_status(s);
}

std::string MastodonServer::post_news(const std::string& text, bool pinned, std::vector<std::string> tags,
                                      const std::string& language) {
  std::lock_guard lock(m_mu);
  Status s;
  s.text = text;
  s.account_id = kAccountId;
  s.visibility = "public";
  s.language = language;
  s.pinned = pinned;
  s.tags = std::move(tags);
  return add_status(s);
}

void MastodonServer::unpin(const std::string& id) {
  std::lock_guard lock(m_mu);
  for (auto& s : m_statuses)
    if (s.id == id) s.pinned = false;
}

void MastodonServer::set_created(const std::string& id, std::int64_t created_ms) {
  std::lock_guard lock(m_mu);
  for (auto& s : m_statuses)
    if (s.id == id) s.created_ms = created_ms;
}

void MastodonServer::set_rate_limit(int limit, std::int64_t window_ms) {
  std::lock_guard lock(m_mu);
  m_rate_limit = limit;
  m_rate_window_ms = window_ms;
}

}  // namespace kiosk::test
