// ESC/POS encoding of slips (see escpos.hpp).
#include "kiosk/core/escpos.hpp"

#include <iconv.h>

#include <array>
#include <map>

#include "kiosk/sync/utf8.hpp"

namespace kiosk::core::escpos {
namespace {

// Epson page numbers and glibc's names, in the order they are tried.
struct Page {
  int number;
  const char* iconv_name;
};
constexpr std::array<Page, 4> kPages{{{19, "IBM858"}, {18, "IBM852"}, {13, "IBM857"}, {17, "IBM866"}}};

// Code point -> byte of each page for the bytes 0x80..0xFF, read from iconv once (thread-safe static).
// A page glibc lacks stays empty: its characters then print as '?', never as wrong bytes.
using PageTable = std::map<char32_t, unsigned char>;
const std::array<PageTable, kPages.size()>& tables() {
  static const auto t = [] {
    std::array<PageTable, kPages.size()> out;
    for (std::size_t i = 0; i < kPages.size(); ++i) {
      iconv_t cd = iconv_open("UTF-32LE", kPages[i].iconv_name);
      if (cd == reinterpret_cast<iconv_t>(-1)) continue;
      for (unsigned b = 0x80; b <= 0xFF; ++b) {
        char in = static_cast<char>(b);
        unsigned char outb[4] = {};
        char* ip = &in;
        char* op = reinterpret_cast<char*>(outb);
        std::size_t il = 1, ol = sizeof outb;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
        if (iconv(cd, &ip, &il, &op, &ol) == static_cast<std::size_t>(-1) || ol != 0) continue;
        char32_t cp = char32_t(outb[0]) | char32_t(outb[1]) << 8 | char32_t(outb[2]) << 16 | char32_t(outb[3]) << 24;
        if (cp >= 0xA0) out[i].emplace(cp, static_cast<unsigned char>(b));  // box drawing etc. included
      }
      iconv_close(cd);
    }
    return out;
  }();
  return t;
}

// Look-alikes and ASCII forms for characters no page holds.
std::string_view fallback(char32_t cp) {
  switch (cp) {
    case 0x0406: return "I";
    case 0x0456: return "i";
    case 0x0490: return "\xD0\x93";  // Ґ -> Г
    case 0x0491: return "\xD0\xB3";  // ґ -> г
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x2032: return "'";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x00AB:
    case 0x00BB: return "\"";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2212: return "-";
    case 0x2026: return "...";
    case 0x2022: return "*";
    default: return {};
  }
}

// Appends cp; false when it had to print '?'.
bool put(std::string& out, char32_t cp, int& page) {
  if (cp == '\t' || is_hspace(cp)) cp = ' ';
  if (cp >= 0x20 && cp < 0x7F) {
    out += static_cast<char>(cp);
    return true;
  }
  const auto& t = tables();
  // The page in effect first, then the others in order.
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t i = 0; i < kPages.size(); ++i) {
      if ((pass == 0) != (kPages[i].number == page)) continue;
      auto it = t[i].find(cp);
      if (it == t[i].end()) continue;
      if (kPages[i].number != page) {
        page = kPages[i].number;
        out += "\x1bt";
        out += static_cast<char>(page);
      }
      out += static_cast<char>(it->second);
      return true;
    }
  std::string_view alt = fallback(cp);
  if (alt.empty()) {
    out += '?';
    return false;
  }
  for (std::size_t i = 0; i < alt.size();) {
    Utf8Char c = decode_utf8(alt, i);
    put(out, c.cp, page);
    i += c.len;
  }
  return true;
}

}  // namespace

Paper paper_status(unsigned char reply) noexcept {
  if ((reply & 0x93) != 0x12) return Paper::bad_reply;  // bits 1 and 4 set, 0 and 7 clear in every answer
  if (reply & 0x60) return Paper::out;
  if (reply & 0x0C) return Paper::near_end;
  return Paper::ok;
}

bool can_encode(std::string_view utf8) {
  std::string sink;
  int page = -1;
  for (std::size_t i = 0; i < utf8.size();) {
    Utf8Char c = decode_utf8(utf8, i);
    if (!c.valid || (!is_line_break(c.cp) && !put(sink, c.cp, page))) return false;
    i += c.len;
  }
  return true;
}

std::string encode_text(std::string_view utf8, int& page) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    Utf8Char c = decode_utf8(utf8, i);
    if (!c.valid) out += '?';
    else if (!is_line_break(c.cp)) put(out, c.cp, page);
    i += c.len;
  }
  return out;
}

std::string encode(const Slip& slip, int columns) {
  std::string out = "\x1b@";  // initialise: left, normal size, bold off, the printer's default page
  int page = -1;
  bool centre = false, bold = false, large = false;
  auto set = [&](bool want, bool& now, std::string_view on, std::string_view off) {
    if (want != now) out += want ? on : off;
    now = want;
  };
  for (const SlipLine& line : slip.lines) {
    using S = SlipLine::Style;
    set(line.centre, centre,
        "\x1b"
        "a\x01",
        std::string_view("\x1b"
                         "a\x00",
                         3));
    set(line.style == S::bold, bold,
        "\x1b"
        "E\x01",
        std::string_view("\x1b"
                         "E\x00",
                         3));
    set(line.style == S::large, large, "\x1d!\x11", std::string_view("\x1d!\x00", 3));
    if (line.style == S::rule) {
      out += std::string(static_cast<std::size_t>(columns), '-') + "\n";
      continue;
    }
    for (const std::string& l : wrap_text(line.text, large ? columns / 2 : columns)) out += encode_text(l, page) + "\n";
  }
  set(false, centre, "",
      std::string_view("\x1b"
                       "a\x00",
                       3));
  set(false, bold, "",
      std::string_view("\x1b"
                       "E\x00",
                       3));
  set(false, large, "", std::string_view("\x1d!\x00", 3));
  out += "\x1dVB\x04";  // feed 4 lines (past the cutter) and cut, leaving a hinge
  return out;
}

}  // namespace kiosk::core::escpos
