// ESC/POS, the command language of most receipt printers: the small subset the kiosk sends, as bytes.
//
//   ESC @        initialise              ESC t n   character code table (page) n
//   ESC a n      align (0 left, 1 centre) ESC E n   bold on/off
//   GS ! n       character size (0x11 = double width and height, 0 = normal)
//   LF           print and feed a line   GS V 66 n feed n lines and cut (partial)
//   DLE EOT 4    real-time paper status; the printer answers one byte (paper_status)
//
// Characters: the printer has only single-byte code pages, so text is written in the page that holds each
// character, switching with ESC t between PC858 (Western European, n 19), PC852 (Central European, Polish,
// n 18), PC857 (Turkish, n 13) and PC866 (Cyrillic, n 17) (Epson's numbering; the tables come from glibc's
// iconv). Ukrainian і/І and ґ/Ґ, missing in PC866, print as their look-alikes i/I and г/Г; typographic
// quotes, dashes and the ellipsis as ASCII. Anything else (Arabic script: a code page printer can neither
// shape nor order it) prints as '?': can_encode() tells beforehand, and the kiosk then prints the slip in its
// default language (Session::print_receipt). Only printable ASCII and code page characters are ever sent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/core/receipt.hpp"

namespace kiosk::core::escpos {

// The status query and how its one-byte answer reads.
inline constexpr std::string_view kPaperStatusQuery{"\x10\x04\x04", 3};
enum class Paper { ok, near_end, out, bad_reply };
Paper paper_status(unsigned char reply) noexcept;

// True when every character of the UTF-8 text prints as itself or as a look-alike (no '?').
bool can_encode(std::string_view utf8);

// The text in code page bytes (ESC t switches included); `page` is the page in effect (-1: unknown) and is
// updated.
std::string encode_text(std::string_view utf8, int& page);

// The whole print job of a slip: initialise, every line (wrapped at `columns`, large lines at columns / 2),
// feed and cut.
std::string encode(const Slip& slip, int columns);

}  // namespace kiosk::core::escpos
