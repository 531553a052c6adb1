// A decoder of the ESC/POS subset the kiosk sends (kiosk/core/escpos.hpp), written from the command
// reference rather than from the encoder: it turns the bytes a printer received into the lines the paper
// shows (text in UTF-8 with size, bold and alignment) and renders them to a PNG the way a 203 dpi printer
// with its 12 x 24 dot font A would (DejaVu Sans Mono for the glyphs, stb_truetype + stb_image_write of
// libstb-dev). Anything outside the subset is an error, as are bytes a printer would print as garbage.
#pragma once

#include <iconv.h>
#include <stb/stb_image_write.h>
#include <stb/stb_truetype.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace kiosk::test {

struct PrintedLine {
  std::string text;  // UTF-8
  bool large = false, bold = false, centre = false;
};

struct DecodedSlip {
  std::vector<PrintedLine> lines;
  int inits = 0, cuts = 0, status_queries = 0;
  std::vector<std::string> errors;  // unknown commands, stray control bytes, characters of no page
  // Every line's text, one per line ("# " before large ones).
  std::string text() const {
    std::string out;
    for (const auto& l : lines) out += (l.large ? "# " : "") + l.text + "\n";
    return out;
  }
  // The lines as one string of words (wrapping undone) for looking for a sentence.
  std::string flat() const {
    std::string out;
    for (const auto& l : lines)
      if (!l.text.empty()) out += (out.empty() ? "" : " ") + l.text;
    return out;
  }
};

// Epson's code page numbers and glibc's names for them (PC437 is every printer's default).
inline const char* escpos_page_name(int n) {
  switch (n) {
    case 0: return "IBM437";
    case 2: return "IBM850";
    case 13: return "IBM857";
    case 17: return "IBM866";
    case 18: return "IBM852";
    case 19: return "IBM858";
    default: return nullptr;
  }
}

inline std::string decode_page_byte(int page, unsigned char b) {
  const char* name = escpos_page_name(page);
  if (!name) return "?";
  iconv_t cd = iconv_open("UTF-8", name);
  if (cd == reinterpret_cast<iconv_t>(-1)) return "?";
  char in = static_cast<char>(b);
  char out[8] = {};
  char *ip = &in, *op = out;
  std::size_t il = 1, ol = sizeof out;
  std::size_t r = iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  return r == static_cast<std::size_t>(-1) ? "?" : std::string(out, sizeof out - ol);
}

inline DecodedSlip decode_escpos(std::string_view b) {
  DecodedSlip d;
  PrintedLine cur;
  bool large = false, bold = false, centre = false, line_open = false;
  int page = 0;
  auto need = [&](std::size_t i, std::size_t n) {
    if (i + n <= b.size()) return true;
    d.errors.push_back(fmt::format("command cut short at byte {}", i));
    return false;
  };
  for (std::size_t i = 0; i < b.size(); ++i) {
    auto c = static_cast<unsigned char>(b[i]);
    if (c == '\n') {
      cur.large = large, cur.bold = bold, cur.centre = centre;
      d.lines.push_back(cur);
      cur = {};
      line_open = false;
    } else if (c == 0x1b) {  // ESC
      if (!need(i, 2)) break;
      char cmd = b[i + 1];
      if (cmd == '@') {
        ++d.inits, large = bold = centre = false, page = 0, i += 1;
      } else if (cmd == 't' && need(i, 3)) {
        page = static_cast<unsigned char>(b[i + 2]);
        if (!escpos_page_name(page)) d.errors.push_back(fmt::format("code page {} unknown", page));
        i += 2;
      } else if (cmd == 'a' && need(i, 3)) {
        centre = b[i + 2] == 1, i += 2;
      } else if (cmd == 'E' && need(i, 3)) {
        bold = b[i + 2] & 1, i += 2;
      } else {
        d.errors.push_back(fmt::format("unknown ESC {:#04x} at byte {}", cmd, i));
        i += 1;
      }
    } else if (c == 0x1d) {  // GS
      if (!need(i, 3)) break;
      char cmd = b[i + 1];
      auto n = static_cast<unsigned char>(b[i + 2]);
      if (cmd == '!') {
        if (line_open) d.errors.push_back("size changed inside a line");
        large = (n & 0x11) == 0x11, i += 2;
      } else if (cmd == 'V' && (n == 65 || n == 66) && need(i, 4)) {
        ++d.cuts, i += 3;
      } else if (cmd == 'V' && (n == 0 || n == 1 || n == 48 || n == 49)) {
        ++d.cuts, i += 2;
      } else if (cmd == 'r') {
        ++d.status_queries, i += 2;
      } else {
        d.errors.push_back(fmt::format("unknown GS {:#04x} at byte {}", cmd, i));
        i += 2;
      }
    } else if (c == 0x10) {  // DLE EOT n
      if (need(i, 3) && b[i + 1] == 0x04) ++d.status_queries;
      else d.errors.push_back(fmt::format("unknown DLE at byte {}", i));
      i += 2;
    } else if (c < 0x20 || c == 0x7f) {
      d.errors.push_back(fmt::format("control byte {:#04x} at byte {}", c, i));
    } else {
      line_open = true;
      cur.text += c < 0x80 ? std::string(1, static_cast<char>(c)) : decode_page_byte(page, c);
    }
  }
  if (line_open) d.errors.push_back("text after the last line feed is never printed");
  return d;
}

// Renders the slip as the paper shows it: `columns` cells of 12 x 24 dots per line (large: 24 x 48).
// False when the font or the file cannot be used.
inline bool render_png(const DecodedSlip& d, int columns, const std::filesystem::path& png,
                       const std::string& font_dir = "/usr/share/fonts/truetype/dejavu") {
  auto load = [](const std::string& f) {
    std::ifstream in(f, std::ios::binary);
    return std::vector<unsigned char>(std::istreambuf_iterator<char>(in), {});
  };
  std::vector<unsigned char> regular = load(font_dir + "/DejaVuSansMono.ttf");
  std::vector<unsigned char> boldf = load(font_dir + "/DejaVuSansMono-Bold.ttf");
  stbtt_fontinfo fr, fb;
  if (regular.empty() || boldf.empty() || !stbtt_InitFont(&fr, regular.data(), 0) ||
      !stbtt_InitFont(&fb, boldf.data(), 0))
    return false;
  const int cw = 12, ch = 24, margin = 16;
  const int W = columns * cw + 2 * margin;
  int H = 2 * margin + 40;
  for (const auto& l : d.lines) H += l.large ? 2 * ch : ch;
  std::vector<unsigned char> img(static_cast<std::size_t>(W) * H, 255);
  int y = margin;
  for (const auto& l : d.lines) {
    int scale = l.large ? 2 : 1;
    std::u32string cps;
    for (std::size_t i = 0; i < l.text.size();) {  // UTF-8 to code points
      auto c = static_cast<unsigned char>(l.text[i]);
      int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      char32_t cp = n == 1 ? c : c & (0x7F >> n);
      for (int k = 1; k < n && i + k < l.text.size(); ++k) cp = cp << 6 | (l.text[i + k] & 0x3F);
      cps += cp;
      i += n;
    }
    int x = margin;
    if (l.centre) x += std::max(0, (columns * cw - int(cps.size()) * cw * scale) / 2);
    const stbtt_fontinfo* f = l.bold ? &fb : &fr;
    float px = stbtt_ScaleForPixelHeight(f, 22.0f * scale);
    int ascent = 0, descent = 0, gap = 0;
    stbtt_GetFontVMetrics(f, &ascent, &descent, &gap);
    int baseline = y + int(ascent * px) + scale;
    for (char32_t cp : cps) {
      int gw = 0, gh = 0, xo = 0, yo = 0;
      unsigned char* g = stbtt_GetCodepointBitmap(f, 0, px, int(cp), &gw, &gh, &xo, &yo);
      for (int gy = 0; gy < gh; ++gy)
        for (int gx = 0; gx < gw; ++gx) {
          int X = x + xo + gx + (cw * scale - gw) / 2 - xo, Y = baseline + yo + gy;
          if (X < 0 || Y < 0 || X >= W || Y >= H) continue;
          auto& p = img[static_cast<std::size_t>(Y) * W + X];
          p = static_cast<unsigned char>(std::min<int>(p, 255 - g[gy * gw + gx]));
        }
      stbtt_FreeBitmap(g, nullptr);
      x += cw * scale;
    }
    y += ch * scale;
  }
  for (int cut = 0; cut < d.cuts; ++cut)  // the cut: a dashed line across the paper
    for (int x = 0; x < W; ++x)
      if ((x / 8) % 2 == 0) img[static_cast<std::size_t>(y + 20) * W + x] = 0;
  return stbi_write_png(png.c_str(), W, H, 1, img.data(), W) != 0;
}

}  // namespace kiosk::test
