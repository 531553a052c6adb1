// Mastodon adapter, the public social channel: POST /api/v1/statuses with our UUID as Idempotency-Key,
// language and visibility from configuration, only for submissions with public consent, text scrubbed
// of personal data and put in the municipality's prefix template, cut to the instance's max_characters
// (from /api/v2/instance, never more than the contract's 500) on a character boundary. Replies in the
// thread (/api/v1/statuses/:id/context) are the answer when they come from the kiosk's own account or
// from an account in answer_accounts (the municipality's webcare); the account's own recent statuses
// are the kiosk's news feed; a pinned status, or one with a tag of urgent_tags, is urgent news. Every answer is read through json_read.hpp (url, language and
// in_reply_to_id may be null, as the contract allows; an odd answer never throws). An uncertain send is
// looked up among the account's recent statuses; if it is not there, resending is safe within the hour
// the Idempotency-Key lives.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "kiosk/sync/channel.hpp"
#include "kiosk/sync/scrubber.hpp"
#include "kiosk/sync/validate.hpp"
#include "json_read.hpp"

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
      else {
        out += '&';
        ++i;
        continue;
      }
      i = end + 1;
    } else {
      out += html[i++];
    }
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Mastodon names a local account "user" and a remote one "user@domain"; configuration may write
// either (with or without a leading '@'). Both become "user@domain", lower-cased, to compare.
std::string full_acct(std::string_view acct, std::string_view local_domain) {
  if (!acct.empty() && acct.front() == '@') acct.remove_prefix(1);
  std::string a = lower(acct);
  if (a.find('@') == std::string::npos && !local_domain.empty()) a += "@" + lower(local_domain);
  return a;
}

// The host of a base URL ("https://social.example.nl/x" -> "social.example.nl").
std::string url_host(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/:?#"));
  return std::string(url);
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
    auto j = answer::parse(**c, answer::Shape::object);
    return j ? std::move(*j) : json(nullptr);
  }
  // The published contract (../shared/contracts, mastodon-kiosk) allows a status of at most 500
  // characters; an instance that allows more still gets at most that, one that allows less gets less.
  static constexpr std::size_t kContractMaxCharacters = 500;
  std::size_t max_characters() const {
    auto v = answer::opt_int_at(cached("mastodon.instance"), "/configuration/statuses/max_characters");
    if (v && *v && **v > 0) return std::min(static_cast<std::size_t>(**v), kContractMaxCharacters);
    return kContractMaxCharacters;
  }
  std::string account_id() const {
    auto id = answer::id_at(cached("mastodon.account"), "id");
    return id ? *id : "";
  }
  // The instance's own domain, which local accounts' acct leave out (LOCAL_DOMAIN; /api/v2/instance
  // "domain"), else the host we talk to.
  std::string local_domain() const {
    std::string d = answer::text_or(cached("mastodon.instance"), "domain", "", 253);
    return d.empty() ? url_host(m_cfg.base_url) : d;
  }

  // Whether a reply's account speaks for the municipality: the kiosk's own account, or one listed in
  // answer_accounts (by acct, or by numeric account id).
  bool answers_for_municipality(const json& account, const std::string& own_id, const std::string& domain) const {
    auto id = answer::id_at(account, "id");
    if (id && !own_id.empty() && *id == own_id) return true;
    auto acct = answer::text_at(account, "acct", 512);
    for (const auto& want : m_cfg.list("answer_accounts")) {
      bool numeric = !want.empty() && want.find_first_not_of("0123456789") == std::string::npos;
      if (numeric ? id && *id == want : acct && full_acct(*acct, domain) == full_acct(want, domain)) return true;
    }
    return false;
  }

  // The public text: scrubbed, in the template, within max_characters.
  std::string render(const Submission& s) const {
    std::string scrubbed = scrub_personal_data(s.text).text;
    std::string tpl = replace_all(m_cfg.text("prefix_template"), "{municipality}", m_env.config->kiosk.municipality);
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
    r.headers.emplace_back("Authorization", "Bearer " + m_env.secrets->of(name()));
    r.secret_headers.push_back("Authorization");
    return r;
  }

  Result<std::vector<HttpRequest>> build(const Unit& u) override {
    const Submission& s = u.first().submission;
    if (!s.consents.publish)
      return make_error(Errc::invalid_value, "no consent to publish: this submission may not go to the public channel");
    // Fail closed: without its word lists the scrubber misses names, addresses and dates of birth, so nothing
    // is posted in public until they are back (the submission waits, parked, for the technician).
    if (auto lists = scrubber_data_status(); !lists)
      return make_error(Errc::io, "nothing is posted in public while the personal-data word lists are missing (" +
                                      lists.error().message + ")");
    json body = {{"status", render(s)},
                 {"visibility", m_cfg.text("visibility")},
                 {"language", m_cfg.text("status_language")}};
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
    // Posted, but without a readable id we cannot know which status it is: the next attempt resends
    // with the same Idempotency-Key (or looks it up), which never posts it twice.
    auto j = answer::parse(r->body, answer::Shape::object);
    if (!j) return unreadable_answer("status", j.error(), true);
    auto id = answer::id_at(*j, "id");
    if (!id) return unreadable_answer("status", id.error(), true);
    SendResult out;
    out.state = DeliveryState::delivered;
    out.remote_id = std::move(*id);
    out.remote_display = answer::text_or(*j, "url", "", 2048);  // null is allowed: no link to show
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
    auto j = answer_of(r, answer::Shape::array, "lookup", out.error, "lookup: ");
    if (!j) return out;
    // After the key expired: find our text among the account's recent statuses, skipping statuses that
    // belong to other submissions; two candidates are for a technician to decide. A status whose text
    // or id cannot be read might be ours: then nothing is decided (found stays unknown).
    std::string mine = render(u.first().submission);
    int matches = 0;
    for (const auto& st : *j) {
      auto content = answer::text_at(st, "content");
      if (!content) {
        out.error = unreadable("lookup", content.error());
        return out;
      }
      if (html_to_text(*content) != mine) continue;
      auto sid = answer::id_at(st, "id");
      if (!sid) {
        out.error = unreadable("lookup", sid.error());
        return out;
      }
      auto taken = m_env.outbox ? m_env.outbox->remote_id_taken(name(), *sid, u.first().row_id) : Result<bool>(false);
      if (!taken || *taken) continue;
      ++matches;
      out.remote_id = *sid;
      out.remote_display = answer::text_or(st, "url", "", 2048);
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
    auto j = answer_of(r, answer::Shape::object, "context", out.error);
    if (!j) return out;
    auto desc = answer::array_at(*j, "descendants");
    if (!desc) {
      out.error = unreadable("context", desc.error());
      return out;
    }
    out.ok = true;
    std::string own = account_id();
    std::string domain = local_domain();
    for (std::size_t i = 0; i < (*desc)->size(); ++i) {
      // Only replies from the municipality's accounts are its answer; other people's replies stay out.
      // A reply that cannot be read is left for the next poll (answers are kept by their status id).
      const json& st = (**desc)[i];
      auto account = answer::object_at(st, "account");
      if (!account) {
        out.error = unreadable("context reply " + std::to_string(i), account.error());
        continue;
      }
      if (!answers_for_municipality(**account, own, domain)) continue;
      auto content = answer::text_at(st, "content");
      auto id = answer::id_at(st, "id");
      if (!content || !id) {
        out.error = unreadable("context reply " + std::to_string(i), !content ? content.error() : id.error());
        continue;
      }
      std::string text = html_to_text(*content);
      if (text.empty() || !valid_utf8(text)) continue;
      auto t = parse_utc(answer::text_or(st, "created_at", "", 64));
      out.answers.push_back(Answer{std::string(name()), t ? *t : now(), text, *id});
      out.status = "beantwoord";
    }
    return out;
  }
  std::string_view closed_status() const override { return "-"; }  // replies may keep coming

  std::vector<HttpRequest> build_refresh() override {
    std::vector<HttpRequest> out = {authed("GET", "/api/v1/accounts/verify_credentials"),
                                    request("GET", "/api/v2/instance")};
    std::string id = account_id();
    if (!id.empty()) {
      out.push_back(authed("GET", "/api/v1/accounts/" + url_encode(id) + "/statuses?exclude_replies=true&limit=20"));
      // The pinned statuses on their own: a crisis message pinned days ago is older than the last 20.
      out.push_back(authed("GET", "/api/v1/accounts/" + url_encode(id) + "/statuses?pinned=true&limit=20"));
    }
    return out;
  }

  void apply_refresh(const std::vector<HttpResult>& rs) override {
    if (!m_env.outbox) return;
    // An answer that cannot be read keeps what was cached before.
    if (rs.size() > 0 && rs[0] && rs[0]->status == 200) {
      auto a = answer::parse(rs[0]->body, answer::Shape::object);
      if (a && answer::id_at(*a, "id")) (void)m_env.outbox->cache_put("mastodon.account", rs[0]->body);
    }
    if (rs.size() > 1 && rs[1] && rs[1]->status == 200 && answer::parse(rs[1]->body, answer::Shape::object))
      (void)m_env.outbox->cache_put("mastodon.instance", rs[1]->body);
    // The latest statuses, then the pinned ones (urgent whatever their `pinned` field says: the list was
    // asked for them). Each list that cannot be read keeps what was stored from it before.
    std::vector<std::string> urgent_ids;
    bool both_read = rs.size() >= 4;
    for (std::size_t i = 2; i < 4 && i < rs.size(); ++i)
      both_read = store_news(rs[i] && rs[i]->status == 200 ? &rs[i]->body : nullptr, i == 3, urgent_ids) && both_read;
    // Urgent news ends: a status no longer pinned, deleted, or tagged longer ago than urgent_tag_hours is
    // no longer urgent, also when it is older than the latest 20. Only when both lists were read: a list
    // that could not be read says nothing about what ended.
    if (both_read) (void)m_env.outbox->keep_urgent_only("mastodon", urgent_ids);
  }

  // Stores the statuses of one list (body null: it could not be fetched) and adds the urgent ones to
  // urgent_ids. False when the list could not be read.
  bool store_news(const std::string* body, bool pinned_list, std::vector<std::string>& urgent_ids) {
    if (!body) return false;
    auto j = answer::parse(*body, answer::Shape::array);
    if (!j) return false;
    // The kiosk's own posts are not news.
    std::string tpl = replace_all(m_cfg.text("prefix_template"), "{municipality}", m_env.config->kiosk.municipality);
    std::string own_prefix = tpl.substr(0, tpl.find("{text}"));
    for (const auto& st : *j) {
      // A status that cannot be read is no news; the rest still is.
      auto content = answer::text_at(st, "content");
      auto id = answer::id_at(st, "id");
      if (!content || !id) continue;
      std::string text = html_to_text(*content);
      if (text.empty() || !valid_utf8(text) || (!own_prefix.empty() && text.rfind(own_prefix, 0) == 0)) continue;
      auto t = parse_utc(answer::text_or(st, "created_at", "", 64));
      NewsItem n{"mastodon",     *id,
                 t ? *t : now(), answer::text_or(st, "language", "", 35),
                 text,           answer::text_or(st, "url", "", 2048)};
      n.urgent = pinned_list || urgent(st, n.published_ms);
      if (n.urgent) urgent_ids.push_back(n.remote_id);
      (void)m_env.outbox->upsert_news(n);
    }
    return true;
  }

  // Pinned (`pinned` may be null or absent: not pinned) or tagged with one of urgent_tags (case-insensitive,
  // as Mastodon treats tags) and posted less than urgent_tag_hours ago.
  bool urgent(const json& st, std::int64_t published_ms) const {
    const json* pinned = answer::find(st, "pinned");
    if (pinned && pinned->is_boolean() && pinned->get<bool>()) return true;
    if (now() - published_ms >= m_cfg.integer("urgent_tag_hours") * 3'600'000) return false;
    auto tags = answer::opt_array_at(st, "tags");
    if (!tags || !*tags) return false;
    const auto& wanted = m_cfg.list("urgent_tags");
    for (const auto& tag : **tags) {
      std::string name = tag.is_object() ? answer::text_or(tag, "name", "", 100) : "";
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      for (const auto& w : wanted)
        if (!name.empty() && name == w) return true;
    }
    return false;
  }

  std::vector<HttpRequest> build_probe() override {
    return {authed("GET", "/api/v1/accounts/verify_credentials"), request("GET", "/api/v2/instance")};
  }
  std::string interpret_probe(const std::vector<HttpResult>& rs) override {
    if (rs.size() < 2) return "no answer";
    if (!rs[0]) return rs[0].error().message;
    if (rs[0]->status == 401 || rs[0]->status == 403)
      return "the access token was refused (HTTP " + std::to_string(rs[0]->status) +
             "): check [mastodon] access_token in the secrets file";
    if (rs[0]->status != 200)
      return "verify_credentials: HTTP " + std::to_string(rs[0]->status) + " " + error_summary(*rs[0]);
    if (!rs[1] || rs[1]->status != 200) return "the instance information (/api/v2/instance) is not available";
    return {};
  }
};

std::string check_visibility(std::string_view v) {
  if (v == "public" || v == "unlisted" || v == "private") return {};
  return "must be \"public\", \"unlisted\" or \"private\" (got '" + std::string(v) + "')";
}

std::string check_status_language(std::string_view s) {
  if (s.size() == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z') return {};
  return "must be a two-letter ISO 639-1 code such as \"nl\" (got '" + std::string(s) + "')";
}

// The mastodon prefix template: placeholders {municipality} and {text}, {text} required.
std::string check_prefix_template(std::string_view tpl) {
  bool has_text = false;
  for (std::size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] == '}') return "has a '}' without '{'";
    if (tpl[i] != '{') continue;
    auto close = tpl.find('}', i);
    if (close == std::string_view::npos) return "has a '{' without '}'";
    std::string_view name = tpl.substr(i + 1, close - i - 1);
    if (name == "text") has_text = true;
    else if (name != "municipality")
      return fmt::format("has an unknown placeholder '{{{}}}' (known: {{municipality}}, {{text}})", name);
    i = close;
  }
  if (!has_text) return "must contain the placeholder {text}";
  return {};
}

// One entry of mastodon.answer_accounts: "user", "user@domain" (a leading '@' allowed) or a numeric
// account id. Usernames are letters, digits and '_' (Mastodon's rule); the domain is a host name.
std::string check_mastodon_account(std::string_view a) {
  std::string shown(a);
  auto bad = [&] {
    return fmt::format("has '{}', which is not a Mastodon account: write \"webcare\" (same instance), "
                       "\"webcare@gemeente.nl\" (another instance) or a numeric account id",
                       shown);
  };
  if (!a.empty() && a.front() == '@') a.remove_prefix(1);
  auto at = a.find('@');
  std::string_view user = a.substr(0, at);
  std::string_view domain = at == std::string_view::npos ? std::string_view() : a.substr(at + 1);
  if (user.empty() || user.size() > 64 || (at != std::string_view::npos && domain.empty()) || domain.size() > 253)
    return bad();
  for (char c : user)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return bad();
  for (char c : domain)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.') return bad();
  if (!domain.empty() && (domain.front() == '.' || domain.back() == '.' || domain.find('.') == std::string_view::npos))
    return bad();
  return {};
}

// One entry of mastodon.urgent_tags: a hashtag without '#', lower case letters, digits and '_'.
std::string check_urgent_tag(std::string_view t) {
  bool ok = !t.empty() && t.size() <= 100;
  for (char c : t) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (ok) return {};
  return fmt::format("has '{}', which is not a hashtag: write it without '#', in lower case (\"crisis\")", t);
}

constexpr std::string_view kDefaultUrgentTags[] = {"crisis", "nlalert", "urgent"};

constexpr ChannelSetting kMastodonSettings[] = {
    {.key = "visibility", .type = SettingType::text, .text = "public", .check = check_visibility},
    {.key = "status_language", .type = SettingType::text, .text = "nl", .check = check_status_language},
    {.key = "prefix_template",
     .type = SettingType::text,
     .text = "Via de kiosk van {municipality}: {text}",
     .check = check_prefix_template},
    // Accounts whose replies in a status's thread count as the municipality's answer, besides the kiosk's
    // own account (always counted): acct as Mastodon writes it ("webcare" on the same instance,
    // "webcare@gemeente.nl" elsewhere; a leading '@' is allowed) or a numeric account id.
    {.key = "answer_accounts", .type = SettingType::text_list, .check = check_mastodon_account},
    // Hashtags (without '#', lower case) that make a status of the municipality's account urgent news: a
    // banner on the idle screen and in every header. A pinned status is urgent too.
    {.key = "urgent_tags", .type = SettingType::text_list, .list = kDefaultUrgentTags, .check = check_urgent_tag},
    // A tagged status is urgent for this long after it was posted (a crisis message must not stay in every
    // header for ever); a pinned one as long as it stays pinned.
    {.key = "urgent_tag_hours", .type = SettingType::integer, .integer = 24, .min = 1, .max = 720, .unit = "hours"},
};

}  // namespace

extern constinit const ChannelDescriptor mastodon_channel{
    // listed in channel_table.cpp
    .name = "mastodon",
    .is_public = true,
    .carries = kinds({Kind::question, Kind::idea}),
    .settings = kMastodonSettings,
    .secret_key = "access_token",
    .make = make_adapter<Mastodon>,
};

}  // namespace kiosk
