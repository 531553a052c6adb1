// Submission validation and text normalisation.
#include "kiosk/sync/validate.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk {
namespace {

// Decodes one code point; returns its length in bytes, or 0 if the sequence is invalid
// (overlong forms, surrogates and values above U+10FFFF are invalid).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  if (c < 0x80) { cp = c; return 1; }
  std::size_t n;
  char32_t min;
  if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; min = 0x10000; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

bool is_space(char32_t cp) { return cp == ' ' || cp == 0xA0 || cp == 0x2009 || cp == 0x202F || cp == 0x3000; }

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

std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  return i < s.size() ? decode(s, i, cp) : 0;
}

bool valid_utf8(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    std::size_t n = decode(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string strip_controls(std::string_view s, bool multiline) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    std::size_t n = decode(s, i, cp);
    if (n == 0) { ++i; continue; }  // callers check UTF-8 first; skip defensively
    std::string_view bytes = s.substr(i, n);
    i += n;
    if (cp == '\r') {
      if (i < s.size() && s[i] == '\n') continue;  // CRLF -> LF
      cp = '\n';
      bytes = "\n";
    }
    if (cp == '\n') {
      out += multiline ? '\n' : ' ';
      continue;
    }
    if (cp == '\t') { out += ' '; continue; }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) continue;                  // C0, DEL, C1
    if (cp == 0x200B || cp == 0xFEFF || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
      continue;  // zero-width space, BOM, bidi overrides (spoofing in public posts)
    out.append(bytes);
  }
  // Trim white space (ASCII and the common Unicode spaces) at both ends.
  auto is_trim = [](std::string_view v, std::size_t i, std::size_t& len) {
    char32_t cp;
    len = decode(v, i, cp);
    return len != 0 && (is_space(cp) || cp == '\n');
  };
  std::size_t start = 0, len = 0;
  while (start < out.size() && is_trim(out, start, len)) start += len;
  std::size_t end = out.size();
  while (end > start) {
    std::size_t k = end - 1;
    while (k > start && (static_cast<unsigned char>(out[k]) & 0xC0) == 0x80) --k;
    if (!is_trim(out, k, len)) break;
    end = k;
  }
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
    else if (c == '+') { if (i != 0) return false; }
    else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') return false;
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
    out.push_back(err(Errc::invalid_value, "language", "language '" + s.language + "' is not one of nl, en, tr, pl, uk, ar"));
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

  if (s.channels.empty())
    out.push_back(err(Errc::missing_field, "channels", "no channel to deliver to"));
  if (s.channels.size() > L.channels)
    out.push_back(err(Errc::too_long, "channels", "too many channels"));
  for (std::size_t i = 0; i < s.channels.size(); ++i) {
    const auto& c = s.channels[i];
    if (std::find(std::begin(kKnownChannels), std::end(kKnownChannels), c) == std::end(kKnownChannels))
      out.push_back(err(Errc::invalid_value, "channels", "unknown channel '" + c + "'"));
    else if (std::find(s.channels.begin(), s.channels.begin() + static_cast<long>(i), c) != s.channels.begin() + static_cast<long>(i))
      out.push_back(err(Errc::invalid_value, "channels", "channel '" + c + "' is listed twice"));
    else if (c == "mastodon" && !s.consents.publish)
      out.push_back(err(Errc::invalid_value, "channels", "the public channel needs the citizen's consent to publish"));
  }
  if (s.created_at_ms <= 0)
    out.push_back(err(Errc::missing_field, "created_at", "created_at is required"));
  return out;
}

Result<void> validate(Submission& s, const Limits& limits) {
  auto errors = validate_all(s, limits);
  if (errors.empty()) return {};
  return errors.front();
}

}  // namespace kiosk
