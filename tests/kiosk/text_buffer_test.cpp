// TextBuffer: the citizen's field in kiosk core (display-free): insert and delete at the caret, caret
// movement by letter, the limit, input that is not valid UTF-8, and the wipe.
#include "kiosk/core/text_buffer.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

using kiosk::core::TextBuffer;

TEST(text_buffer_test, inserts_at_the_caret_and_moves_it_past_the_text) {
  TextBuffer b(100);
  EXPECT_EQ(b.insert("hallo"), 5u);
  EXPECT_EQ(b, "hallo");
  EXPECT_EQ(b.caret(), 5u);
  b.move_home();
  b.move_right();
  b.insert("é");
  EXPECT_EQ(b, "héallo");
  EXPECT_EQ(b.caret(), 3u);  // 'h' + two bytes
  b.move_end();
  b.insert(" ї");
  EXPECT_EQ(b, "héallo ї");
  EXPECT_EQ(b.length(), 8u);
}

TEST(text_buffer_test, backspace_and_delete_remove_whole_code_points) {
  TextBuffer b(100);
  b.insert("aöїب");
  EXPECT_TRUE(b.backspace());
  EXPECT_EQ(b, "aöї");
  b.move_left();
  EXPECT_EQ(b.caret(), 3u);
  EXPECT_TRUE(b.backspace());
  EXPECT_EQ(b, "aї");
  EXPECT_TRUE(b.erase_forward());
  EXPECT_EQ(b, "a");
  EXPECT_FALSE(b.erase_forward());
  b.move_home();
  EXPECT_FALSE(b.backspace());
  EXPECT_EQ(b, "a");
}

TEST(text_buffer_test, caret_moves_over_a_letter_with_its_marks) {
  TextBuffer b(100);
  b.insert("بَتْ");  // beh + fatha, teh + sukun
  b.move_left();
  EXPECT_EQ(b.caret(), 4u);  // before teh, not between teh and its sukun
  b.move_left();
  EXPECT_EQ(b.caret(), 0u);
  b.move_right();
  EXPECT_EQ(b.caret(), 4u);
  b.set_caret(6);  // on the sukun: back to its letter
  EXPECT_EQ(b.caret(), 4u);
  b.set_caret(1);  // inside beh's two bytes
  EXPECT_EQ(b.caret(), 0u);
  b.set_caret(1000);
  EXPECT_EQ(b.caret(), b.size());
  // Backspace takes back a mark alone (typed by mistake).
  EXPECT_TRUE(b.backspace());
  EXPECT_EQ(b, "بَت");
}

TEST(text_buffer_test, stops_at_the_limit_in_code_points) {
  TextBuffer b(5);
  EXPECT_EQ(b.insert("abc"), 3u);
  EXPECT_EQ(b.insert("ĳĳĳ"), 2u);
  EXPECT_EQ(b, "abcĳĳ");
  EXPECT_TRUE(b.full());
  EXPECT_EQ(b.insert("x"), 0u);
  b.backspace();
  EXPECT_FALSE(b.full());
  EXPECT_EQ(b.insert("yz"), 1u);
  EXPECT_EQ(b, "abcĳy");
}

TEST(text_buffer_test, drops_invalid_utf8_and_control_characters) {
  TextBuffer b(100);
  // Overlong '/', a lone continuation byte, a surrogate, a cut-off sequence, C0/C1 controls, a bidi override.
  EXPECT_EQ(b.insert("a\xC0\xAF"
                     "b\x80"
                     "c\xED\xA0\x80"
                     "d\x01\x7F\xC2\x85"
                     "e\xE2\x80\xAE"
                     "f\xE2\x82"),
            6u);
  EXPECT_EQ(b, "abcdef");
  b.insert("\tg\r\nh");
  EXPECT_EQ(b, "abcdef g h");  // single line: tab and newline become spaces
  TextBuffer m(100, true);
  m.insert("a\r\nb\rc\nd");
  EXPECT_EQ(m, "a\nb\nc\nd");
}

TEST(text_buffer_test, raw_assignment_keeps_everything_and_the_caret_stays_on_bytes_it_can_step) {
  TextBuffer b(3);
  b = std::string(10, 'x');  // beyond the limit: validation reports it, the buffer keeps it
  EXPECT_EQ(b.size(), 10u);
  EXPECT_EQ(b.caret(), 10u);
  b = "a\x80\x80z";  // stray continuation bytes each step as one unit
  b.move_left();
  b.move_left();
  EXPECT_EQ(b.caret(), 2u);
  EXPECT_TRUE(b.backspace());
  EXPECT_EQ(b, "a\x80z");
}

TEST(text_buffer_test, wipe_zeroes_every_byte_it_held) {
  TextBuffer b(50, true);
  b.insert("geheim 0612345678");
  b.move_home();
  b.insert("zeer ");
  b.backspace();
  const char* block = b.c_str();
  std::size_t held = b.size();
  b.wipe();
  EXPECT_TRUE(b.empty());
  EXPECT_EQ(b.caret(), 0u);
  EXPECT_EQ(b.c_str(), block);  // the same block, now zero
  for (std::size_t i = 0; i < 50 * 4 + 1; ++i) ASSERT_EQ(block[i], '\0') << "byte " << i << " of " << held;
}

TEST(text_buffer_test, deleting_leaves_no_stale_tail_in_the_block) {
  TextBuffer b(20);
  b.insert("abcdef");
  b.move_home();
  b.erase_forward();
  b.erase_forward();
  const char* block = b.c_str();
  EXPECT_EQ(std::string(block), "cdef");
  for (std::size_t i = 4; i < 20 * 4 + 1; ++i) ASSERT_EQ(block[i], '\0') << "byte " << i;
}

TEST(text_buffer_test, moving_and_copying_keep_the_text_and_limit) {
  TextBuffer a(10, true);
  a.insert("één");
  TextBuffer c = a;
  EXPECT_EQ(c, "één");
  EXPECT_EQ(c.limit(), 10u);
  EXPECT_TRUE(c.multiline());
  TextBuffer m = std::move(a);
  EXPECT_EQ(m, "één");
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  m = TextBuffer(4);
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.limit(), 4u);
  std::string s(static_cast<std::string_view>(c));
  EXPECT_EQ(s, "één");
}
