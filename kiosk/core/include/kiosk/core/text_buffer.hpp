// What a citizen types into one field: UTF-8 text, a caret, a limit in code points, and a wipe that
// leaves no copy behind. Display-free: the UI's text field draws it and feeds it keys; the session owns
// one per field so it can be wiped (and, later, spoken).
//
// Storage: one heap block, sized for the limit at the first edit (4 bytes per code point), so typing never
// reallocates; when an assignment needs more, the old block is zeroed before it is freed. wipe() and the
// destructor zero every byte of the block (explicit_bzero: not optimised away).
//
// The caret is a byte offset, always on a code point boundary. Moving it skips combining marks (Arabic
// harakat, Latin accents typed separately, ZWJ/ZWNJ) with their base letter; backspace removes one code
// point, so a mark typed by mistake can be taken back alone.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "kiosk/sync/utf8.hpp"

namespace kiosk::core {

class TextBuffer {
 public:
  explicit TextBuffer(std::size_t limit = 1000, bool multiline = false) noexcept
      : m_limit(limit), m_multiline(multiline) {}
  TextBuffer(const TextBuffer& o);
  TextBuffer(TextBuffer&& o) noexcept;
  TextBuffer& operator=(const TextBuffer& o);
  TextBuffer& operator=(TextBuffer&& o) noexcept;
  ~TextBuffer();

  // Replaces the whole text (programmatic: not limited, not filtered; validation reports what is wrong).
  // The caret goes to the end.
  TextBuffer& operator=(std::string_view text);

  std::string_view view() const noexcept { return {m_data ? m_data : "", m_size}; }
  operator std::string_view() const noexcept { return view(); }
  const char* c_str() const noexcept { return m_data ? m_data : ""; }
  bool empty() const noexcept { return m_size == 0; }
  std::size_t size() const noexcept { return m_size; }  // bytes
  std::size_t length() const noexcept;                  // code points
  std::size_t limit() const noexcept { return m_limit; }
  bool multiline() const noexcept { return m_multiline; }
  bool full() const noexcept { return length() >= m_limit; }

  std::size_t caret() const noexcept { return m_caret; }  // byte offset
  // Places the caret at a byte offset, moved back to the start of its code point (and of its letter when
  // it falls on a combining mark).
  void set_caret(std::size_t byte_offset) noexcept;

  // Inserts at the caret what is valid of utf8: malformed sequences and control characters are dropped
  // ('\n' kept in a multiline field, else a space; '\t' a space), and nothing beyond the limit. Returns
  // the number of code points inserted.
  std::size_t insert(std::string_view utf8);
  bool backspace() noexcept;      // removes the code point before the caret
  bool erase_forward() noexcept;  // removes the letter (with its marks) after the caret
  void move_left() noexcept;
  void move_right() noexcept;
  void move_home() noexcept { m_caret = 0; }
  void move_end() noexcept { m_caret = m_size; }

  // Zeroes every byte the buffer ever held and empties it.
  void wipe() noexcept;

  friend bool operator==(const TextBuffer& a, std::string_view b) noexcept { return a.view() == b; }

 private:
  void reserve(std::size_t bytes);
  std::size_t prev_boundary(std::size_t i) const noexcept;  // start of the code point before i
  std::size_t next_boundary(std::size_t i) const noexcept;  // end of the code point at i
  bool starts_mark(std::size_t i) const noexcept;           // a combining mark begins at byte i

  char* m_data = nullptr;  // NUL-terminated, m_cap bytes
  std::size_t m_size = 0;
  std::size_t m_cap = 0;
  std::size_t m_caret = 0;
  std::size_t m_limit;
  bool m_multiline;
};

using kiosk::append_utf8;  // kiosk/sync/utf8.hpp: the one UTF-8 decoder and encoder
using kiosk::decode_utf8;

// True for code points drawn on the letter before them (combining marks, joiners): a caret never stands
// between the two.
bool is_combining_mark(char32_t cp) noexcept;

}  // namespace kiosk::core
