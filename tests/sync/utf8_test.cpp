// Tests for the UTF-8 unit: strict decoding (overlong forms, surrogates, truncated sequences, values
// above U+10FFFF, stray continuation bytes), encoding, stepping back, truncation and white space.
#include "kiosk/sync/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace kiosk;

namespace {
// Every decoded character of s, invalid bytes as U+FFFD.
std::u32string decode_all(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Char c = decode_utf8(s, i);
    out += c.cp;
    i += c.len;
  }
  return out;
}
}  // namespace

TEST(utf8_test, decodes_every_length) {
  EXPECT_EQ(decode_all("a\xC3\xBC\xE2\x82\xAC\xF0\x9F\x98\x80"), U"a\u00FC\u20AC\U0001F600");
  EXPECT_EQ(decode_utf8("\xF4\x8F\xBF\xBF", 0).cp, U'\U0010FFFF');
  EXPECT_EQ(decode_utf8("\xF4\x8F\xBF\xBF", 0).len, 4u);
  EXPECT_TRUE(valid_utf8("Gemeente — straat ü ğ ł Ї ع 😀"));
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8(std::string_view("a\0b", 3)));
}

TEST(utf8_test, rejects_overlong_forms) {
  for (std::string_view s :
       {"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xE0\x9F\xBF", "\xF0\x80\x80\xAF", "\xF0\x8F\xBF\xBF"}) {
    EXPECT_FALSE(valid_utf8(s)) << testing::PrintToString(s);
    EXPECT_FALSE(decode_utf8(s, 0).valid);
  }
  EXPECT_TRUE(valid_utf8("\xC2\x80\xE0\xA0\x80\xF0\x90\x80\x80"));  // the shortest form of each length
}

TEST(utf8_test, rejects_surrogates) {
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));              // U+D800
  EXPECT_FALSE(valid_utf8("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_FALSE(valid_utf8("\xED\xA0\xBD\xED\xB8\x80"));  // CESU-8 pair for U+1F600
  EXPECT_TRUE(valid_utf8("\xED\x9F\xBF\xEE\x80\x80"));   // U+D7FF, U+E000 around them
}

TEST(utf8_test, rejects_values_above_10ffff) {
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(valid_utf8("\xF7\xBF\xBF\xBF"));
  EXPECT_FALSE(valid_utf8("\xF8\x88\x80\x80\x80"));  // old 5-byte form
  EXPECT_FALSE(valid_utf8("\xFE"));
  EXPECT_FALSE(valid_utf8("\xFF"));
}

TEST(utf8_test, rejects_truncated_and_stray_bytes) {
  EXPECT_FALSE(valid_utf8("abc\xE2\x82"));  // truncated at the end
  EXPECT_FALSE(valid_utf8("\xF0\x9F\x98"));
  EXPECT_FALSE(valid_utf8("\xC3"));
  EXPECT_FALSE(valid_utf8("\xC3\x28"));  // bad continuation
  EXPECT_FALSE(valid_utf8("\x80"));      // stray continuation
  EXPECT_FALSE(valid_utf8("a\xBF"
                          "b"));
}

TEST(utf8_test, an_invalid_byte_is_one_replacement_character) {
  // Every byte belongs to exactly one character: the valid ones after a bad byte are not swallowed.
  EXPECT_EQ(decode_all("\xE2\x82"
                       "a"),
            U"\uFFFD\uFFFDa");
  EXPECT_EQ(decode_all("\xC0\xAF"), U"\uFFFD\uFFFD");
  EXPECT_EQ(decode_all("x\xF0\x9F\x98\xC3\xBC"), U"x\uFFFD\uFFFD\uFFFD\u00FC");
  const Utf8Char end = decode_utf8("ab", 2);
  EXPECT_EQ(end.len, 0u);
  EXPECT_FALSE(end.valid);
}

TEST(utf8_test, append_round_trips_and_replaces_what_cannot_be_encoded) {
  std::string out;
  for (char32_t c : {U'A', U'\u00E9', U'\u0648', U'\u20AC', U'\U0001F600', U'\U0010FFFF'}) append_utf8(out, c);
  EXPECT_EQ(out, "A\xC3\xA9\xD9\x88\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF");
  EXPECT_EQ(decode_all(out), U"A\u00E9\u0648\u20AC\U0001F600\U0010FFFF");
  std::string bad;
  append_utf8(bad, 0xD800);
  append_utf8(bad, 0x110000);
  EXPECT_EQ(bad, "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(utf8_test, prev_steps_back_one_character) {
  const std::string_view s = "a\xC3\xBC\xF0\x9F\x98\x80";
  EXPECT_EQ(utf8_prev(s, s.size()), 3u);
  EXPECT_EQ(utf8_prev(s, 3), 1u);
  EXPECT_EQ(utf8_prev(s, 1), 0u);
  // Consistent with decode_utf8 over invalid bytes: a stray continuation byte is its own character.
  const std::string_view bad = "a\x80\x80";
  EXPECT_EQ(utf8_prev(bad, 3), 2u);
  EXPECT_EQ(utf8_prev(bad, 2), 1u);
}

TEST(utf8_test, length_and_truncation_count_code_points) {
  EXPECT_EQ(utf8_length("ğüł"), 3u);
  EXPECT_EQ(utf8_length("a😀b"), 3u);
  EXPECT_EQ(truncate_utf8("ğüł", 2), "ğü");
  EXPECT_EQ(truncate_utf8("a😀b", 2), "a😀");
  EXPECT_EQ(truncate_utf8("a😀b", 1), "a");
  EXPECT_EQ(truncate_utf8("abc", 10), "abc");
  EXPECT_EQ(truncate_utf8("abc", 0), "");
  // Never cuts inside a character, even a truncated one at the end.
  EXPECT_EQ(truncate_utf8("ab\xE2\x82", 3), "ab\xE2");
}

TEST(utf8_test, white_space_is_unicode_white_space) {
  for (char32_t c : {U' ', U'\t', U'\n', U'\v', U'\f', U'\r', U'\u0085', U'\u00A0', U'\u1680', U'\u2000', U'\u2009',
                     U'\u200A', U'\u2028', U'\u2029', U'\u202F', U'\u205F', U'\u3000'})
    EXPECT_TRUE(is_space(c)) << static_cast<unsigned>(c);
  for (char32_t c : {U'a', U'\0', U'\u200B', U'\uFEFF', U'\u180E', U'\u00AD', U'_'})
    EXPECT_FALSE(is_space(c)) << static_cast<unsigned>(c);
  EXPECT_TRUE(is_line_break(U'\u2028'));
  EXPECT_FALSE(is_hspace(U'\u2028'));
  EXPECT_TRUE(is_hspace(U'\u202F'));
  EXPECT_FALSE(is_line_break(U'\u202F'));
}
