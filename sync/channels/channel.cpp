// What every channel adapter shares: failure classification (retry, park, circuit, server-requested
// wait), text helpers, and the factory.
#include "kiosk/sync/channel.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "kiosk/sync/validate.hpp"
#include "json_read.hpp"

namespace kiosk {

std::unique_ptr<Channel> make_channel(const ChannelEnv& env, const ChannelConfig& cfg) {
  const ChannelDescriptor* d = find_channel(cfg.name);
  return d != nullptr && d->make != nullptr ? d->make(env, cfg) : nullptr;
}

std::vector<Unit> Channel::plan(const std::vector<DueDelivery>& due, std::int64_t) {
  std::vector<Unit> out;
  for (const auto& d : due) out.push_back(Unit{{&d}, 0});
  return out;
}

SendResult Channel::finish(const Unit&, SendResult first, const std::vector<HttpResult>& follow_ups) {
  for (const auto& r : follow_ups) {
    if (r && r->status / 100 == 2) continue;
    SendResult out = classify_failure(r, "follow-up");
    if (out.state == DeliveryState::parked) return out;
    out.remote_id = first.remote_id;  // keep what already exists remotely
    out.uncertain = false;
    return out;
  }
  first.follow_ups.clear();
  return first;
}

HttpRequest Channel::request(std::string method, std::string path) const {
  HttpRequest r;
  r.method = std::move(method);
  r.url = m_cfg.base_url + path;
  r.timeout_ms = m_cfg.timeout_s * 1000;
  r.ca_bundle = m_cfg.ca_bundle.string();
  r.headers.emplace_back("Accept", "application/json");
  return r;
}

SendResult Channel::classify_failure(const HttpResult& r, std::string_view what) const {
  SendResult out;
  out.state = DeliveryState::retry;
  if (!r) {
    const Error& e = r.error();
    out.channel_failure = true;
    out.uncertain = e.field != "not_sent";
    out.error = std::string(what) + ": " + std::string(errc_name(e.code)) + ": " + e.message;
    return out;
  }
  const HttpResponse& h = *r;
  std::string summary = error_summary(h);
  out.error = std::string(what) + ": HTTP " + std::to_string(h.status) + (summary.empty() ? "" : ": " + summary);
  if (h.status == 429) {
    out.channel_failure = true;
    out.not_before_ms = parse_retry_after(h, now());
    if (out.not_before_ms == 0) out.not_before_ms = now() + 60'000;
    return out;
  }
  if (h.status == 401 || h.status == 403) {
    // Our credentials, not this submission: the channel waits for a technician, nothing is parked.
    out.channel_failure = true;
    out.error = std::string(what) + ": credentials refused (HTTP " + std::to_string(h.status) +
                "); check the token in the secrets file" + (summary.empty() ? "" : ": " + summary);
    return out;
  }
  if (h.status == 408 || h.status >= 500 || h.status < 200) {
    out.channel_failure = true;
    // A gateway error may hide a request the backend did process.
    out.uncertain = h.status == 502 || h.status == 504;
    out.not_before_ms = parse_retry_after(h, now());
    return out;
  }
  if (h.status >= 400) {
    out.state = DeliveryState::parked;
    out.error = "rejected by " + m_cfg.name + " (HTTP " + std::to_string(h.status) + ")" +
                (summary.empty() ? "" : ": " + summary);
    return out;
  }
  out.error = std::string(what) + ": unexpected HTTP " + std::to_string(h.status);
  out.channel_failure = true;
  return out;
}

std::string Channel::unreadable(std::string_view what, const Error& e) const {
  return std::string(what) + ": " + m_cfg.name + " sent an answer the kiosk cannot read (" + e.message +
         "); it is asked again later; if this keeps happening, ask the server's administrator whether it follows the " +
         m_cfg.name + " API";
}

std::optional<nlohmann::json> Channel::answer_of(const HttpResult& r, answer::Shape shape, std::string_view what,
                                                 std::string& error, std::string_view prefix) const {
  if (!r || r->status != 200) {
    error = r ? std::string(prefix) + "HTTP " + std::to_string(r->status) : r.error().message;
    return std::nullopt;
  }
  auto j = answer::parse(r->body, shape);
  if (!j) {
    error = unreadable(what, j.error());
    return std::nullopt;
  }
  return std::move(*j);
}

SendResult Channel::created(const HttpResult& r, std::string_view what, std::string_view id_path,
                            nlohmann::json* body) const {
  if (!r || r->status != 201) return classify_failure(r, what);
  auto j = answer::parse(r->body, answer::Shape::object);
  if (!j) return unreadable_answer(what, j.error(), true);
  auto id = answer::id_at(*j, id_path);
  if (!id) return unreadable_answer(what, id.error(), true);
  SendResult out;
  out.state = DeliveryState::delivered;
  out.remote_id = std::move(*id);
  if (body != nullptr) *body = std::move(*j);
  return out;
}

SendResult Channel::unreadable_answer(std::string_view what, const Error& e, bool may_exist) const {
  SendResult out;
  out.state = DeliveryState::retry;
  out.error = unreadable(what, e);
  out.uncertain = may_exist;
  out.channel_failure = true;
  return out;
}

std::int64_t parse_retry_after(const HttpResponse& r, std::int64_t now_ms) {
  std::string ra = r.header("Retry-After");
  if (!ra.empty()) {
    if (std::all_of(ra.begin(), ra.end(), [](char c) { return c >= '0' && c <= '9'; }) && ra.size() < 10)
      return now_ms + std::stoll(ra) * 1000;
    // HTTP-date form.
    std::tm tm{};
    if (strptime(ra.c_str(), "%a, %d %b %Y %H:%M:%S", &tm)) return static_cast<std::int64_t>(timegm(&tm)) * 1000;
  }
  std::string reset = r.header("X-RateLimit-Reset");
  if (!reset.empty()) {
    if (auto t = parse_utc(reset); t) return *t;
    // Mastodon writes ISO 8601 with milliseconds; some servers write epoch seconds.
    if (std::all_of(reset.begin(), reset.end(), [](char c) { return c >= '0' && c <= '9'; }) && reset.size() < 12)
      return std::stoll(reset) * 1000;
    std::tm tm{};
    if (strptime(reset.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return static_cast<std::int64_t>(timegm(&tm)) * 1000 + 1000;
  }
  return 0;
}

std::string iso639_2b(std::string_view l) {
  if (l == "nl") return "nld";
  if (l == "en") return "eng";
  if (l == "tr") return "tur";
  if (l == "pl") return "pol";
  if (l == "uk") return "ukr";
  if (l == "ar") return "ara";
  if (l == "de") return "ger";
  if (l == "fr") return "fre";
  return "und";
}

namespace {

// A compact form of an answer part for messages. Short answers are re-serialised as before; a long
// one is cut from its own text (no deep recursion over a hostile nesting).
std::string compact(const nlohmann::json& v, std::string_view raw) {
  if (raw.size() <= 4096) return v.dump();
  return std::string(raw.substr(0, 4096));
}

}  // namespace

std::string error_summary(const HttpResponse& r) {
  const std::string& body = r.body;
  auto parsed = answer::parse(body, answer::Shape::any);
  std::string out;
  if (parsed) {
    const nlohmann::json& j = *parsed;
    // The shapes of our four APIs: {"detail"}, {"error"}, [{"code","description"}], problem+json, field maps.
    const nlohmann::json* desc = j.is_array() ? answer::find(j, "/0/description") : nullptr;
    const nlohmann::json* params = answer::find(j, "invalidParams");
    if (desc)
      out =
          desc->is_string() ? answer::text_or(j, "/0/description", "", answer::kMaxAnswerBytes) : compact(*desc, body);
    else if (params && params->is_array()) {
      for (const auto& p : *params)
        out += (out.empty() ? "" : "; ") + answer::text_or(p, "name") + ": " + answer::text_or(p, "reason");
    } else if (auto e = answer::text_at(j, "error", answer::kMaxAnswerBytes)) out = std::move(*e);
    else if (auto d = answer::text_at(j, "detail", answer::kMaxAnswerBytes)) out = std::move(*d);
    else out = compact(j, body);
  } else {
    out = body;
  }
  out = truncate_utf8(out, 1200);  // what is shown is at most 300 characters; spare the checks the rest
  if (!valid_utf8(out)) out = "(binary answer)";
  return truncate_utf8(strip_controls(out, false), 300);
}

ReportPlace report_place(const Location& loc, const Config& config) {
  ReportPlace out;
  out.point = loc.point;
  out.approximate = loc.approximate;
  const MapSection& map = config.map;
  if (!out.point && !loc.text.empty()) {
    out.approximate = true;
    if (map.centre_lat && map.centre_lon) out.point = GeoPoint{*map.centre_lat, *map.centre_lon};
  } else if (!out.point) {
    const Place& k = config.kiosk.location;
    if (k.lat && k.lon) out.point = GeoPoint{*k.lat, *k.lon};
  }
  if (!loc.text.empty())
    out.note = out.approximate ? "Locatie (ingetypt, niet gevonden in de adreslijst): " + loc.text +
                                     "\nLet op: de plek is bij benadering; het punt is het midden van de gemeente."
                               : "Locatie: " + loc.text;
  return out;
}

}  // namespace kiosk
