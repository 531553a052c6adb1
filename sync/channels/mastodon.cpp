// Mastodon adapter, the public social channel: POST /api/v1/statuses with our UUID as Idempotency-Key,
// language and visibility from configuration, only for submissions with public consent, text scrubbed
// of personal data and put in the municipality's prefix template, cut to the instance's max_characters
// (from /api/v2/instance, never more than the contract's 500) on a character boundary. Replies from
// the municipality's own account in the thread (/api/v1/statuses/:id/context) are the answer; the
// account's own recent statuses are the kiosk's news feed. An uncertain send is looked up among the
// account's recent statuses; if it is not there, resending is safe within the hour the
// Idempotency-Key lives.
#include <algorithm>

#include "kiosk/sync/channel.hpp"
#include "kiosk/sync/scrubber.hpp"
#include "kiosk/sync/validate.hpp"

namespace kiosk {

namespace {

using nlohmann::json;

// Status HTML (as Mastodon renders it) to plain text.
std::string html_to_text(const std::string& html) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      auto end = html.find('>', i);
      if (end == std::string::npos) break;
      std::string tag = html.substr(i + 1, end - i - 1);
      if (tag.rfind("br", 0) == 0) out += '\n';
      else if (tag == "/p" && end + 1 < html.size()) out += "\n\n";
      i = end + 1;
    } else if (html[i] == '&') {
      auto end = html.find(';', i);
      std::string ent = end == std::string::npos ? "" : html.substr(i, end - i + 1);
      if (ent == "&amp;") out += '&';
      else if (ent == "&lt;") out += '<';
      else if (ent == "&gt;") out += '>';
      else if (ent == "&quot;") out += '"';
      else if (ent == "&#39;" || ent == "&apos;") out += '\'';
      else if (ent == "&nbsp;") out += ' ';
      else { out += '&'; ++i; continue; }
      i = end + 1;
    } else {
      out += html[i++];
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string replace_all(std::string s, std::string_view what, std::string_view with) {
  for (auto pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + with.size()))
    s.replace(pos, what.size(), with);
  return s;
}

class Mastodon final : public Channel {
 public:
  using Channel::Channel;
  static constexpr std::int64_t kKeyLifetimeMs = 50 * 60'000;  // Mastodon keeps keys 1 h

  json cached(const char* key) const {
    if (!m_env.outbox) return nullptr;
    auto c = m_env.outbox->cache_get(key);
    if (!c || !*c) return nullptr;
    auto j = json::parse(**c, nullptr, false);
    return j.is_discarded() ? json(nullptr) : j;
  }
  // The published contract (../shared/contracts, mastodon-kiosk) allows a status of at most 500
  // characters; an instance that allows more still gets at most that, one that allows less gets less.
  static constexpr std::size_t kContractMaxCharacters = 500;
  std::size_t max_characters() const {
    json i = cached("mastodon.instance");
    if (i.is_object() && i.contains("configuration")) {
      auto v = i["configuration"].value("/statuses/max_characters"_json_pointer, 0);
      if (v > 0) return std::min(static_cast<std::size_t>(v), kContractMaxCharacters);
    }
    return kContractMaxCharacters;
  }
  std::string account_id() const {
    json a = cached("mastodon.account");
    return a.is_object() ? a.value("id", "") : "";
  }

  // The public text: scrubbed, in the template, within max_characters.
  std::string render(const Submission& s) const {
    std::string scrubbed = scrub_personal_data(s.text).text;
    std::string tpl = replace_all(m_cfg.prefix_template, "{municipality}", m_env.config->kiosk.municipality);
    std::size_t fixed = utf8_length(replace_all(tpl, "{text}", ""));
    std::size_t max = max_characters();
    if (fixed + utf8_length(scrubbed) > max) {
      std::size_t room = max > fixed + 1 ? max - fixed - 1 : 0;
      scrubbed = truncate_utf8(scrubbed, room) + "…";
    }
    return replace_all(tpl, "{text}", scrubbed);
  }

  HttpRequest authed(std::string method, std::string path) const {
    HttpRequest r = request(std::move(method), std::move(path));
    r.headers.emplace_back("Authorization", "Bearer " + m_env.secrets->mastodon_access_token);
    r.secret_headers.push_back("Authorization");
    return r;
  }

  Result<std::vector<HttpRequest>> build(const Unit& u) override {
    const Submission& s = u.first().submission;
    if (!s.consents.publish)
      return make_error(Errc::invalid_value, "no consent to publish: this submission may not go to the public channel");
    json body = {{"status", render(s)}, {"visibility", m_cfg.visibility}, {"language", m_cfg.status_language}};
    HttpRequest r = authed("POST", "/api/v1/statuses");
    r.headers.emplace_back("Content-Type", "application/json");
    r.headers.emplace_back("Idempotency-Key", s.uuid);
    r.body = body.dump();
    return std::vector<HttpRequest>{std::move(r)};
  }

  SendResult interpret(const Unit&, const std::vector<HttpResult>& results) override {
    const HttpResult& r = results.front();
    if (!r || r->status / 100 != 2) {
      SendResult out = classify_failure(r, "status");
      // 422 is Mastodon's validation failure: permanent, parked by classify_failure.
      return out;
    }
    auto j = json::parse(r->body, nullptr, false);
    SendResult out;
    if (j.is_discarded() || !j.contains("id")) {
      out.error = "status: answer without id";
      out.uncertain = true;
      out.channel_failure = true;
      return out;
    }
    out.state = DeliveryState::delivered;
    out.remote_id = j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump();
    out.remote_display = j.value("url", "");
    return out;
  }

  std::optional<HttpRequest> build_lookup(const Unit& u) override {
    // Within the hour the Idempotency-Key lives (counted from the first attempt, with a margin),
    // resending is the lookup: the server answers with the status it already made.
    if (now() - u.first().first_attempt_ms < kKeyLifetimeMs) return std::nullopt;
    std::string id = account_id();
    if (id.empty()) return std::nullopt;
    return authed("GET", "/api/v1/accounts/" + url_encode(id) + "/statuses?limit=40");
  }

  LookupResult interpret_lookup(const Unit& u, const HttpResult& r) override {
    LookupResult out;
    if (!r || r->status != 200) {
      out.error = r ? "lookup: HTTP " + std::to_string(r->status) : r.error().message;
      return out;
    }
    auto j = json::parse(r->body, nullptr, false);
    if (!j.is_array()) {
      out.error = "lookup: unreadable answer";
      return out;
    }
    // After the key expired: find our text among the account's recent statuses, skipping statuses that
    // belong to other submissions; two candidates are for a technician to decide.
    std::string mine = render(u.first().submission);
    int matches = 0;
    for (const auto& st : j) {
      if (!st.is_object() || html_to_text(st.value("content", "")) != mine) continue;
      std::string sid = st.value("id", "");
      auto taken = m_env.outbox ? m_env.outbox->remote_id_taken(name(), sid, u.first().row_id) : Result<bool>(false);
      if (!taken || *taken) continue;
      ++matches;
      out.remote_id = sid;
      out.remote_display = st.value("url", "");
    }
    if (matches == 1) out.found = Found::yes;
    else if (matches == 0) out.found = Found::no;
    else {
      out.park = true;
      out.error = "the answer to an earlier post was lost and " + std::to_string(matches) +
                  " identical statuses are on the account; check which one belongs to this reference, then requeue";
    }
    return out;
  }
  bool resend_unverifiable() const override { return true; }

  std::optional<HttpRequest> build_status(const RemoteRef& ref) override {
    return authed("GET", "/api/v1/statuses/" + url_encode(ref.remote_id) + "/context");
  }

  StatusUpdate interpret_status(const RemoteRef&, const HttpResult& r) override {
    StatusUpdate out;
    if (!r || r->status != 200) {
      out.error = r ? "HTTP " + std::to_string(r->status) : r.error().message;
      return out;
    }
    auto j = json::parse(r->body, nullptr, false);
    if (!j.is_object() || !j.contains("descendants")) return out;
    out.ok = true;
    std::string own = account_id();
    for (const auto& st : j["descendants"]) {
      // Only the municipality's own replies are its answer; other people's replies stay out.
      if (!st.is_object() || own.empty() || !st.contains("account") || st["account"].value("id", "") != own) continue;
      std::string text = html_to_text(st.value("content", ""));
      if (text.empty() || !valid_utf8(text)) continue;
      auto t = parse_utc(st.value("created_at", ""));
      out.answers.push_back(Answer{std::string(name()), t ? *t : now(), text, st.value("id", "")});
      out.status = "beantwoord";
    }
    return out;
  }
  std::string_view closed_status() const override { return "-"; }  // replies may keep coming

  std::vector<HttpRequest> build_refresh() override {
    std::vector<HttpRequest> out = {authed("GET", "/api/v1/accounts/verify_credentials"), request("GET", "/api/v2/instance")};
    std::string id = account_id();
    if (!id.empty()) out.push_back(authed("GET", "/api/v1/accounts/" + url_encode(id) + "/statuses?exclude_replies=true&limit=20"));
    return out;
  }

  void apply_refresh(const std::vector<HttpResult>& rs) override {
    if (!m_env.outbox) return;
    if (rs[0] && rs[0]->status == 200 && json::parse(rs[0]->body, nullptr, false).is_object())
      (void)m_env.outbox->cache_put("mastodon.account", rs[0]->body);
    if (rs[1] && rs[1]->status == 200 && json::parse(rs[1]->body, nullptr, false).is_object())
      (void)m_env.outbox->cache_put("mastodon.instance", rs[1]->body);
    if (rs.size() < 3 || !rs[2] || rs[2]->status != 200) return;
    auto j = json::parse(rs[2]->body, nullptr, false);
    if (!j.is_array()) return;
    // The kiosk's own posts are not news.
    std::string tpl = replace_all(m_cfg.prefix_template, "{municipality}", m_env.config->kiosk.municipality);
    std::string own_prefix = tpl.substr(0, tpl.find("{text}"));
    for (const auto& st : j) {
      if (!st.is_object()) continue;
      std::string text = html_to_text(st.value("content", ""));
      if (text.empty() || !valid_utf8(text) || (!own_prefix.empty() && text.rfind(own_prefix, 0) == 0)) continue;
      auto t = parse_utc(st.value("created_at", ""));
      NewsItem n{"mastodon", st.value("id", ""), t ? *t : now(),
                 st.contains("language") && st["language"].is_string() ? st["language"].get<std::string>() : "",
                 text, st.value("url", "")};
      (void)m_env.outbox->upsert_news(n);
    }
  }

  std::vector<HttpRequest> build_probe() override {
    return {authed("GET", "/api/v1/accounts/verify_credentials"), request("GET", "/api/v2/instance")};
  }
  std::string interpret_probe(const std::vector<HttpResult>& rs) override {
    if (!rs[0]) return rs[0].error().message;
    if (rs[0]->status == 401 || rs[0]->status == 403)
      return "the access token was refused (HTTP " + std::to_string(rs[0]->status) +
             "): check [mastodon] access_token in the secrets file";
    if (rs[0]->status != 200) return "verify_credentials: HTTP " + std::to_string(rs[0]->status) + " " + error_summary(*rs[0]);
    if (!rs[1] || rs[1]->status != 200) return "the instance information (/api/v2/instance) is not available";
    return {};
  }
};

}  // namespace

std::unique_ptr<Channel> make_mastodon(const ChannelEnv& env, const ChannelConfig& cfg) {
  return std::make_unique<Mastodon>(env, cfg);
}

}  // namespace kiosk
