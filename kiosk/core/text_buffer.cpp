// A citizen's field: see text_buffer.hpp.
#include "kiosk/core/text_buffer.hpp"

#include <algorithm>
#include <cstring>

#include "kiosk/sync/secure_memory.hpp"

namespace kiosk::core {

bool is_combining_mark(char32_t cp) noexcept {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489) || (cp >= 0x0591 && cp <= 0x05BD) ||
         (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
         (cp >= 0x06D6 && cp <= 0x06DC) || (cp >= 0x06DF && cp <= 0x06E4) || (cp >= 0x06E7 && cp <= 0x06E8) ||
         (cp >= 0x06EA && cp <= 0x06ED) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         cp == 0x200C || cp == 0x200D || (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         (cp >= 0xFE20 && cp <= 0xFE2F);
}

namespace {

// What insert() keeps of one decoded code point: 0 drops it.
char32_t accepted(char32_t cp, bool multiline) noexcept {
  if (cp == '\n') return multiline ? U'\n' : U' ';
  if (cp == '\t') return U' ';
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) return 0;  // C0, DEL, C1
  if (cp == 0x200B || cp == 0xFEFF || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
    return 0;  // zero-width space, BOM, bidi overrides: validation strips them too
  return cp;
}

std::size_t utf8_size(char32_t cp) noexcept { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

}  // namespace

TextBuffer::TextBuffer(const TextBuffer& o) : m_caret(o.m_caret), m_limit(o.m_limit), m_multiline(o.m_multiline) {
  if (o.m_data) {
    reserve(o.m_cap - 1);
    std::memcpy(m_data, o.m_data, o.m_size + 1);
    m_size = o.m_size;
  }
}

TextBuffer::TextBuffer(TextBuffer&& o) noexcept
    : m_data(o.m_data),
      m_size(o.m_size),
      m_cap(o.m_cap),
      m_caret(o.m_caret),
      m_limit(o.m_limit),
      m_multiline(o.m_multiline) {
  o.m_data = nullptr;
  o.m_size = o.m_cap = o.m_caret = 0;
}

TextBuffer& TextBuffer::operator=(const TextBuffer& o) {
  if (this == &o) return *this;
  m_limit = o.m_limit;
  m_multiline = o.m_multiline;
  *this = o.view();
  m_caret = std::min(o.m_caret, m_size);
  return *this;
}

TextBuffer& TextBuffer::operator=(TextBuffer&& o) noexcept {
  if (this == &o) return *this;
  wipe();
  delete[] m_data;
  m_data = o.m_data;
  m_size = o.m_size;
  m_cap = o.m_cap;
  m_caret = o.m_caret;
  m_limit = o.m_limit;
  m_multiline = o.m_multiline;
  o.m_data = nullptr;
  o.m_size = o.m_cap = o.m_caret = 0;
  return *this;
}

TextBuffer::~TextBuffer() {
  secure_zero(m_data, m_cap);
  delete[] m_data;
}

TextBuffer& TextBuffer::operator=(std::string_view text) {
  if (m_data && text.data() >= m_data && text.data() < m_data + m_cap) {
    // A part of itself: move it to the front, clear the rest.
    std::memmove(m_data, text.data(), text.size());
    secure_zero(m_data + text.size(), m_cap - text.size());
    m_size = text.size();
  } else {
    reserve(text.size());
    secure_zero(m_data, m_cap);
    std::memcpy(m_data, text.data(), text.size());
    m_size = text.size();
    m_data[m_size] = '\0';
  }
  m_caret = m_size;
  return *this;
}

void TextBuffer::reserve(std::size_t bytes) {
  if (m_data && bytes + 1 <= m_cap) return;
  std::size_t cap = std::max(bytes + 1, m_limit * 4 + 1);
  char* fresh = new char[cap]();
  if (m_data) {
    std::memcpy(fresh, m_data, m_size + 1);
    secure_zero(m_data, m_cap);
    delete[] m_data;
  }
  m_data = fresh;
  m_cap = cap;
}

void TextBuffer::wipe() noexcept {
  secure_zero(m_data, m_cap);
  m_size = m_caret = 0;
}

std::size_t TextBuffer::length() const noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < m_size; ++i)
    if ((static_cast<unsigned char>(m_data[i]) & 0xC0) != 0x80) ++n;
  return n;
}

bool TextBuffer::starts_mark(std::size_t i) const noexcept {
  const Utf8Char c = decode_utf8(view(), i);
  return c.valid && is_combining_mark(c.cp);
}

std::size_t TextBuffer::prev_boundary(std::size_t i) const noexcept {
  if (i == 0) return 0;
  std::size_t k = i - 1;
  while (k > 0 && i - k < 4 && (static_cast<unsigned char>(m_data[k]) & 0xC0) == 0x80) --k;
  // A stray continuation byte (raw assignment of bad bytes) is a unit of its own.
  const Utf8Char c = decode_utf8(view(), k);
  return c.valid && c.len == i - k ? k : i - 1;
}

std::size_t TextBuffer::next_boundary(std::size_t i) const noexcept {
  if (i >= m_size) return m_size;
  return i + std::max<std::size_t>(decode_utf8(view(), i).len, 1);
}

void TextBuffer::set_caret(std::size_t off) noexcept {
  off = std::min(off, m_size);
  while (off > 0 && off < m_size && (static_cast<unsigned char>(m_data[off]) & 0xC0) == 0x80) --off;
  while (off > 0 && off < m_size && starts_mark(off)) off = prev_boundary(off);
  m_caret = off;
}

void TextBuffer::move_left() noexcept {
  std::size_t c = prev_boundary(m_caret);
  while (c > 0 && starts_mark(c)) c = prev_boundary(c);
  m_caret = c;
}

void TextBuffer::move_right() noexcept {
  std::size_t c = next_boundary(m_caret);
  while (c < m_size && starts_mark(c)) c = next_boundary(c);
  m_caret = c;
}

std::size_t TextBuffer::insert(std::string_view in) {
  std::size_t len = length();
  std::size_t room = m_limit > len ? m_limit - len : 0;
  // Two passes over the input, so that no copy of it is made: count, then write in place.
  auto each = [&](auto&& emit) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < in.size() && count < room;) {
      const Utf8Char d = decode_utf8(in, i);
      i += d.len;
      if (!d.valid) continue;
      char32_t cp = d.cp;
      if (cp == '\r') {
        if (i < in.size() && in[i] == '\n') continue;
        cp = '\n';
      }
      if (char32_t keep = accepted(cp, m_multiline)) {
        emit(keep);
        ++count;
      }
    }
    return count;
  };
  std::size_t bytes = 0;
  std::size_t count = each([&](char32_t cp) { bytes += utf8_size(cp); });
  if (count == 0) return 0;
  reserve(m_size + bytes);
  std::memmove(m_data + m_caret + bytes, m_data + m_caret, m_size - m_caret + 1);
  char* out = m_data + m_caret;
  each([&](char32_t cp) {
    std::size_t n = utf8_size(cp);
    if (n == 1) {
      *out = char(cp);
    } else {
      out[0] = char((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | (cp >> (6 * (n - 1))));
      for (std::size_t k = 1; k < n; ++k) out[k] = char(0x80 | ((cp >> (6 * (n - 1 - k))) & 0x3F));
    }
    out += n;
  });
  m_size += bytes;
  m_caret += bytes;
  return count;
}

bool TextBuffer::backspace() noexcept {
  if (m_caret == 0) return false;
  std::size_t from = prev_boundary(m_caret), n = m_caret - from;
  std::memmove(m_data + from, m_data + m_caret, m_size - m_caret + 1);
  m_size -= n;
  secure_zero(m_data + m_size + 1, n);  // the tail's old bytes, moved down
  m_caret = from;
  return true;
}

bool TextBuffer::erase_forward() noexcept {
  if (m_caret >= m_size) return false;
  std::size_t keep = m_caret;
  move_right();
  std::size_t to = m_caret, n = to - keep;
  std::memmove(m_data + keep, m_data + to, m_size - to + 1);
  m_size -= n;
  secure_zero(m_data + m_size + 1, n);
  m_caret = keep;
  return true;
}

}  // namespace kiosk::core
