// Submission validation and text normalisation.
#include "kiosk/sync/validate.hpp"

#include "kiosk/sync/channel_descriptor.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {
namespace {

Error err(Errc code, std::string field, std::string message) {
  return Error{code, std::move(message), std::move(field)};
}

void check_text(std::vector<Error>& out, std::string& value, const char* field, std::size_t max, bool multiline,
                bool required) {
  if (!valid_utf8(value)) {
    out.push_back(err(Errc::invalid_utf8, field, std::string(field) + " is not valid UTF-8 text"));
    return;
  }
  // Cheap guard before any copying: 4 bytes per code point is the most UTF-8 needs.
  if (value.size() > max * 4) {
    out.push_back(err(Errc::too_long, field,
                      std::string(field) + " is too long (at most " + std::to_string(max) + " characters)"));
    return;
  }
  value = strip_controls(value, multiline);
  std::size_t len = utf8_length(value);
  if (len > max)
    out.push_back(err(Errc::too_long, field,
                      std::string(field) + " is too long: " + std::to_string(len) + " characters, at most " +
                          std::to_string(max)));
  else if (required && value.empty())
    out.push_back(err(Errc::missing_field, field, std::string(field) + " is required"));
}

}  // namespace

std::string strip_controls(std::string_view s, bool multiline) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Char c = decode_utf8(s, i);
    std::string_view bytes = s.substr(i, c.len);
    i += c.len;
    if (!c.valid) continue;  // callers check UTF-8 first; skip defensively
    char32_t cp = c.cp;
    if (cp == '\r') {
      if (i < s.size() && s[i] == '\n') continue;  // CRLF -> LF
      cp = '\n';
      bytes = "\n";
    }
    if (cp == '\n') {
      out += multiline ? '\n' : ' ';
      continue;
    }
    if (cp == '\t') {
      out += ' ';
      continue;
    }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) continue;  // C0, DEL, C1
    if (cp == 0x200B || cp == 0xFEFF || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
      continue;  // zero-width space, BOM, bidi overrides (spoofing in public posts)
    out.append(bytes);
  }
  // Trim Unicode white space at both ends.
  std::size_t start = 0;
  for (Utf8Char c = decode_utf8(out, start); c.len && is_space(c.cp); c = decode_utf8(out, start)) start += c.len;
  std::size_t end = out.size();
  while (end > start && is_space(decode_utf8(out, utf8_prev(out, end)).cp)) end = utf8_prev(out, end);
  return out.substr(start, end - start);
}

bool valid_email(std::string_view e) noexcept {
  auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view local = e.substr(0, at), domain = e.substr(at + 1);
  if (local.size() > 64 || domain.size() < 3 || domain.size() > 253) return false;
  for (char c : local) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || std::string_view("()<>[]:;,\\\"").find(c) != std::string_view::npos) return false;
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) return false;
  std::size_t label = 0;
  for (char c : domain) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || ++label > 63) return false;
  }
  return label > 0;
}

bool valid_phone(std::string_view p) noexcept {
  if (p.empty()) return false;
  std::size_t digits = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '+') {
      if (i != 0) return false;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') return false;
  }
  char first = p.front();
  if (first != '+' && first != '0' && first != '(') return false;
  return digits >= 10 && digits <= 15;
}

std::vector<Error> validate_all(Submission& s, const Limits& L) {
  std::vector<Error> out;
  const bool is_poll = s.kind == Kind::poll;
  check_text(out, s.text, "text", L.text, /*multiline=*/true, /*required=*/!is_poll);
  check_text(out, s.topic, "topic", L.topic, false, false);
  check_text(out, s.category, "category", L.category, false, s.kind == Kind::report);
  check_text(out, s.location.text, "location", L.location_text, false, false);
  check_text(out, s.contact.email, "email", L.email, false, false);
  check_text(out, s.contact.phone, "phone", L.phone, false, false);
  check_text(out, s.kiosk_id, "kiosk_id", L.short_id, false, true);
  check_text(out, s.poll_id, "poll_id", L.short_id, false, is_poll);
  check_text(out, s.poll_answer, "poll_answer", L.short_id, false, is_poll);
  check_text(out, s.time_zone, "time_zone", L.short_id, false, true);

  if (std::find(std::begin(kKnownLanguages), std::end(kKnownLanguages), s.language) == std::end(kKnownLanguages))
    out.push_back(
        err(Errc::invalid_value, "language", "language '" + s.language + "' is not one of nl, en, tr, pl, uk, ar"));
  if (s.kind == Kind::report && s.location.empty())
    out.push_back(err(Errc::missing_field, "location", "a report needs a location"));
  if (s.location.point) {
    const auto& p = *s.location.point;
    if (!std::isfinite(p.lat) || !std::isfinite(p.lon) || p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180)
      out.push_back(err(Errc::invalid_value, "location", "the location point is not a WGS84 latitude/longitude"));
  }
  if (!s.contact.email.empty() && utf8_length(s.contact.email) <= L.email && !valid_email(s.contact.email))
    out.push_back(err(Errc::invalid_email, "email", "this does not look like an e-mail address"));
  if (!s.contact.phone.empty() && utf8_length(s.contact.phone) <= L.phone && !valid_phone(s.contact.phone))
    out.push_back(err(Errc::invalid_phone, "phone", "this does not look like a phone number"));
  if (!s.contact.empty() && !s.consents.contact)
    out.push_back(err(Errc::invalid_value, "consent", "contact details are kept only with the citizen's consent"));
  if (s.consents.publish && !(s.kind == Kind::question || s.kind == Kind::idea))
    out.push_back(err(Errc::invalid_value, "consent", "only questions and ideas can be made public"));

  if (s.channels.empty()) out.push_back(err(Errc::missing_field, "channels", "no channel to deliver to"));
  if (s.channels.size() > L.channels) out.push_back(err(Errc::too_long, "channels", "too many channels"));
  for (std::size_t i = 0; i < s.channels.size(); ++i) {
    const auto& c = s.channels[i];
    const ChannelDescriptor* channel = find_channel(c);
    if (channel == nullptr) out.push_back(err(Errc::invalid_value, "channels", "unknown channel '" + c + "'"));
    else if (std::find(s.channels.begin(), s.channels.begin() + static_cast<long>(i), c) !=
             s.channels.begin() + static_cast<long>(i))
      out.push_back(err(Errc::invalid_value, "channels", "channel '" + c + "' is listed twice"));
    else if (channel->is_public && !s.consents.publish)
      out.push_back(err(Errc::invalid_value, "channels", "the public channel needs the citizen's consent to publish"));
  }
  if (s.created_at_ms <= 0) out.push_back(err(Errc::missing_field, "created_at", "created_at is required"));
  return out;
}

Result<void> validate(Submission& s, const Limits& limits) {
  auto errors = validate_all(s, limits);
  if (errors.empty()) return {};
  return errors.front();
}

}  // namespace kiosk
