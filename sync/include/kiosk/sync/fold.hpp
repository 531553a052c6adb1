// Letters of the kiosk's scripts and folding for matching: lower case, no diacritics, one apostrophe, one alef;
// Arabic-Indic digits read as ASCII digits. Shared by the scrubber (sync/privacy/) and the address list
// (kiosk/core/address_book.cpp), so both fold a citizen's text the same way.
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// Arabic-Indic (U+0660..), Eastern Arabic-Indic (U+06F0..) and full-width (U+FF10.., typed with an East Asian
// or some phone keyboards) digits: their value, or -1.
constexpr int arabic_indic_digit(char32_t c) noexcept {
  if (c >= 0x660 && c <= 0x669) return static_cast<int>(c - 0x660);
  if (c >= 0x6F0 && c <= 0x6F9) return static_cast<int>(c - 0x6F0);
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<int>(c - 0xFF10);
  return -1;
}

// Character classes (only the scripts of the kiosk languages need to be right).
bool is_mark(char32_t c) noexcept;  // combining marks, Arabic harakat, tatweel
bool is_arabic_letter(char32_t c) noexcept;
bool is_ethiopic(char32_t c) noexcept;
bool is_cyrillic(char32_t c) noexcept;
bool is_latin_letter(char32_t c) noexcept;
bool is_letter(char32_t c) noexcept;  // any of the above, or Greek
bool is_upper(char32_t c) noexcept;
bool is_apostrophe(char32_t c) noexcept;

// Folding for matching; 0 = drop (marks, tatweel). White space folds to ' '.
char32_t fold_cp(char32_t c) noexcept;
// The folded text, runs of white space as one ' ', none at the ends.
std::string fold_str(std::string_view s);

}  // namespace kiosk
