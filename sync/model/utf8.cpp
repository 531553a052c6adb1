// UTF-8 decoding and encoding (see utf8.hpp).
#include "kiosk/sync/utf8.hpp"

namespace kiosk {

Utf8Char decode_utf8(std::string_view s, std::size_t i) noexcept {
  if (i >= s.size()) return {};
  constexpr Utf8Char bad{kReplacementChar, 1, false};
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return {c, 1, true};
  std::size_t n = 0;
  char32_t cp = 0, min = 0;
  if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07, min = 0x10000;
  else return bad;  // a continuation byte, or 0xF8-0xFF
  if (n > s.size() - i) return bad;
  for (std::size_t k = 1; k < n; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return bad;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return bad;
  return {cp, n, true};
}

std::size_t utf8_prev(std::string_view s, std::size_t i) noexcept {
  std::size_t j = i - 1;
  const std::size_t lim = i >= 4 ? i - 4 : 0;
  while (j > lim && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
  return decode_utf8(s, j).len == i - j ? j : i - 1;
}

void append_utf8(std::string& out, char32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacementChar;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool valid_utf8(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Char c = decode_utf8(s, i);
    if (!c.valid) return false;
    i += c.len;
  }
  return true;
}

std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string truncate_utf8(std::string_view s, std::size_t max_cp) {
  std::size_t i = 0;
  for (std::size_t n = 0; i < s.size() && n < max_cp; ++n) i += decode_utf8(s, i).len;
  return std::string(s.substr(0, i));
}

}  // namespace kiosk
