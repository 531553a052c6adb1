// UTF-8: the one decoder, encoder and white-space class of the kiosk (validation, the scrubber, the
// adapters, the UI). Strict RFC 3629: overlong forms, UTF-16 surrogates, values above U+10FFFF and
// truncated or stray continuation bytes are invalid.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk {

inline constexpr char32_t kReplacementChar = 0xFFFD;

struct Utf8Char {
  char32_t cp = 0;      // U+FFFD when !valid
  std::size_t len = 0;  // bytes taken: the sequence, or 1 for an invalid byte; 0 only at the end of the text
  bool valid = false;
};

// The code point at byte i. An invalid sequence takes one byte, so every byte of any text belongs to
// exactly one character; i >= s.size() gives len 0.
Utf8Char decode_utf8(std::string_view s, std::size_t i) noexcept;
// Start of the character that ends at byte i (0 < i <= s.size()), consistent with decode_utf8.
std::size_t utf8_prev(std::string_view s, std::size_t i) noexcept;
// Appends the encoding of cp; U+FFFD for a surrogate or a value above U+10FFFF.
void append_utf8(std::string& out, char32_t cp);

bool valid_utf8(std::string_view s) noexcept;
// Number of code points of valid UTF-8.
std::size_t utf8_length(std::string_view s) noexcept;
// The first max_code_points characters of s; never cuts inside a character.
std::string truncate_utf8(std::string_view s, std::size_t max_code_points);

// Unicode White_Space (U+0009-000D, U+0020, U+0085, U+00A0, U+1680, U+2000-200A, U+2028, U+2029,
// U+202F, U+205F, U+3000), split into line breaks and the rest.
constexpr bool is_line_break(char32_t c) noexcept {
  return (c >= '\n' && c <= '\r') || c == 0x85 || c == 0x2028 || c == 0x2029;
}
constexpr bool is_hspace(char32_t c) noexcept {
  return c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}
constexpr bool is_space(char32_t c) noexcept { return is_hspace(c) || is_line_break(c); }

}  // namespace kiosk
