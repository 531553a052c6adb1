// Bidi, shaping and wrapping with FriBidi: see kiosk/ui/bidi.hpp.
#include "kiosk/ui/bidi.hpp"

#include <fribidi.h>
#include <imgui.h>
#include <string.h>  // explicit_bzero

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "kiosk/core/text_buffer.hpp"

namespace kiosk::ui::bidi {
namespace {

bool rtl_cp(char32_t c) noexcept {
  return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC);
}

template <class T>
void zero(std::vector<T>& v) noexcept {
  if (v.capacity()) explicit_bzero(v.data(), v.capacity() * sizeof(T));
}
void zero(std::string& s) noexcept {
  if (s.capacity()) explicit_bzero(s.data(), s.capacity());
}

constexpr FriBidiFlags kFlags = FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC;

// One paragraph's arrays, indexed by logical code point; zeroed before they are freed.
struct Scratch {
  std::vector<FriBidiChar> cps, shaped, vis;
  std::vector<std::uint32_t> off;         // byte offset of each code point (+ the paragraph's end)
  std::vector<std::uint32_t> lbeg, lend;  // logical bytes of what index i draws (a ligature spans two)
  std::vector<FriBidiCharType> types;
  std::vector<FriBidiBracketType> brackets;
  std::vector<FriBidiLevel> levels;
  std::vector<FriBidiArabicProp> props;
  std::vector<FriBidiStrIndex> map;
  std::vector<float> adv;
  ~Scratch() {
    zero(cps), zero(shaped), zero(vis), zero(off), zero(lbeg), zero(lend), zero(types), zero(brackets), zero(levels);
    zero(props), zero(map), zero(adv);
  }
};

void emit_line(Scratch& s, std::size_t a, std::size_t b, bool hard_end, bool rtl_any, FriBidiParType base,
               Layout& out) {
  Line& line = out.lines.emplace_back();
  line.begin = s.off[a];
  line.end = s.off[b];
  line.hard_end = hard_end;
  line.rtl = FRIBIDI_IS_RTL(base);
  if (rtl_any && b > a &&
      !fribidi_reorder_line(kFlags, s.types.data(), FriBidiStrIndex(b - a), FriBidiStrIndex(a), base, s.levels.data(),
                            s.vis.data(), s.map.data())) {
    // Out of memory in FriBidi: logical order rather than nothing.
    for (std::size_t j = a; j < b; ++j) s.vis[j] = s.shaped[j], s.map[j] = FriBidiStrIndex(j);
  }
  float x = 0;
  for (std::size_t j = a; j < b; ++j) {
    char32_t cp = s.vis[j];
    if (cp == FRIBIDI_CHAR_FILL) continue;  // the second half of a lam-alef ligature
    auto li = std::size_t(s.map[j]);
    Cell c{cp, s.lbeg[li], s.lend[li], (s.levels[li] & 1) != 0, x, x + s.adv[li]};
    x = c.x1;
    line.cells.push_back(c);
    core::append_utf8(line.visual, cp);
  }
  float blanks = 0;  // trailing blanks hang outside the width
  for (std::size_t j = b; j > a && s.shaped[j - 1] == ' '; --j) blanks += s.adv[j - 1];
  line.width = x - blanks;
  out.width = std::max(out.width, line.width);
}

void paragraph(std::string_view text, std::size_t p, std::size_t pend, float wrap, const Advance& advance, Scratch& s,
               Layout& out) {
  s.cps.clear();
  s.off.clear();
  bool rtl_any = false;
  for (std::size_t i = p; i < pend;) {
    const Utf8Char c = decode_utf8(text, i);  // U+FFFD for an invalid byte
    s.cps.push_back(c.cp);
    s.off.push_back(std::uint32_t(i));
    rtl_any = rtl_any || rtl_cp(c.cp);
    i += c.len;
  }
  s.off.push_back(std::uint32_t(pend));
  const std::size_t n = s.cps.size();
  s.shaped = s.cps;
  s.levels.assign(n, 0);
  FriBidiParType base = FRIBIDI_PAR_LTR;
  if (rtl_any) {
    auto len = FriBidiStrIndex(n);
    s.types.resize(n);
    s.brackets.resize(n);
    s.props.resize(n);
    fribidi_get_bidi_types(s.cps.data(), len, s.types.data());
    fribidi_get_bracket_types(s.cps.data(), len, s.types.data(), s.brackets.data());
    base = FRIBIDI_PAR_ON;  // from the first strong letter
    if (fribidi_get_par_embedding_levels_ex(s.types.data(), s.brackets.data(), len, &base, s.levels.data())) {
      fribidi_get_joining_types(s.cps.data(), len, s.props.data());
      fribidi_join_arabic(s.types.data(), len, s.levels.data(), s.props.data());
      fribidi_shape(kFlags, s.levels.data(), len, s.props.data(), s.shaped.data());
    } else {
      rtl_any = false;
      base = FRIBIDI_PAR_LTR;
      s.levels.assign(n, 0);
    }
  }
  s.vis = s.shaped;
  s.map.resize(n);
  s.adv.resize(n);
  s.lbeg.resize(n);
  s.lend.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    s.map[i] = FriBidiStrIndex(i);
    s.adv[i] = s.shaped[i] == FRIBIDI_CHAR_FILL ? 0.f : advance(s.shaped[i]);
    s.lbeg[i] = s.off[i];
    s.lend[i] = s.off[i + 1];
  }
  // FriBidi puts a lam-alef ligature on the alef and leaves a filler on the lam: the ligature's cell
  // stands for both letters.
  for (std::size_t i = 0; i < n; ++i) {
    if (s.shaped[i] != FRIBIDI_CHAR_FILL) continue;
    if (i + 1 < n && s.shaped[i + 1] >= 0xFEF5 && s.shaped[i + 1] <= 0xFEFC) s.lbeg[i + 1] = s.off[i];
    else if (i > 0) s.lend[i - 1] = s.off[i + 1];
  }
  // Greedy wrapping on the logical order: break after a run of blanks, inside a word only when it alone
  // is wider than the line.
  std::size_t start = 0;
  while (true) {
    std::size_t i = start, brk = std::string::npos, end = n;
    float w = 0;
    while (i < n) {
      if (s.shaped[i] == ' ') {
        w += s.adv[i++];
        if (i < n && s.shaped[i] != ' ') brk = i;
        continue;
      }
      if (wrap > 0 && w + s.adv[i] > wrap && i > start) {
        end = brk != std::string::npos ? brk : i;
        break;
      }
      w += s.adv[i++];
    }
    emit_line(s, start, end, end == n, rtl_any, base, out);
    if (end == n) break;
    start = end;
  }
}

std::string cache_key(ImFont* font, float wrap, std::string_view text) {
  std::string k(sizeof font + sizeof wrap, '\0');
  std::memcpy(k.data(), &font, sizeof font);
  std::memcpy(k.data() + sizeof font, &wrap, sizeof wrap);
  k.append(text);
  return k;
}

std::unordered_map<std::string, Layout>& cache() {
  static std::unordered_map<std::string, Layout> c;
  return c;
}

}  // namespace

void Layout::wipe() noexcept {
  for (auto& l : lines) {
    zero(l.cells);
    zero(l.visual);
  }
}

void lay_out(std::string_view text, float wrap_width, const Advance& advance, Layout& out) {
  out.wipe();
  out.lines.clear();
  out.width = 0;
  Scratch s;
  for (std::size_t p = 0;;) {
    std::size_t nl = text.find('\n', p);
    paragraph(text, p, nl == std::string_view::npos ? text.size() : nl, wrap_width, advance, s, out);
    if (nl == std::string_view::npos) break;
    p = nl + 1;
  }
}

std::string visual(std::string_view text) {
  Layout l;
  lay_out(
      text, 0, [](char32_t) { return 0.f; }, l);
  std::string out;
  for (std::size_t i = 0; i < l.lines.size(); ++i) {
    if (i) out += '\n';
    out += l.lines[i].visual;
  }
  return out;
}

bool has_rtl(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size(); ++i) {
    // Every right-to-left code point we know is 2 or 3 bytes long with a lead byte of D6..DF or EF.
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0xD6) continue;
    const Utf8Char ch = decode_utf8(text, i);
    if (ch.valid && rtl_cp(ch.cp)) return true;
  }
  return false;
}

std::string presentation_forms(std::string_view letters) {
  const std::string tatweel = "\u0640";
  std::string out;
  for (std::size_t i = 0; i < letters.size();) {
    const Utf8Char c = decode_utf8(letters, i);
    std::string l(letters.substr(i, c.len));
    i += c.len;
    if (!c.valid || !rtl_cp(c.cp)) continue;
    for (const std::string& s :
         {l, l + tatweel, tatweel + l + tatweel, tatweel + l, "\u0644" + l, tatweel + "\u0644" + l})
      out += visual(s);
  }
  return out;
}

float advance(ImFont* font, char32_t cp) {
  return cp <= 0xFFFF ? font->GetCharAdvance(static_cast<ImWchar>(cp)) : font->FallbackAdvanceX;
}

const Layout& cached(ImFont* font, std::string_view text, float wrap_width) {
  auto& c = cache();
  std::string key = cache_key(font, wrap_width, text);
  auto it = c.find(key);
  if (it == c.end()) {
    if (c.size() >= 512) clear_cache();
    it = c.emplace(std::move(key), Layout{}).first;
    lay_out(
        text, wrap_width, [font](char32_t cp) { return advance(font, cp); }, it->second);
  } else {
    zero(key);
  }
  return it->second;
}

void clear_cache() noexcept {
  auto& c = cache();
  for (auto& [k, v] : c) {
    explicit_bzero(const_cast<char*>(k.data()), k.size());  // cleared right after: no look-up sees it
    v.wipe();
  }
  c.clear();
}

Size text_size(ImFont* font, std::string_view text, float wrap_width) {
  if (!has_rtl(text)) {
    ImVec2 s = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap_width, text.data(), text.data() + text.size());
    return {s.x, s.y};
  }
  const Layout& l = cached(font, text, wrap_width);
  return {l.width, float(l.lines.size()) * font->FontSize};
}

void draw_text(ImDrawList* dl, ImFont* font, float x, float y, std::uint32_t col, std::string_view text,
               float wrap_width, float align_width) {
  if (!has_rtl(text)) {
    dl->AddText(font, font->FontSize, ImVec2(x, y), col, text.data(), text.data() + text.size(), wrap_width);
    return;
  }
  const Layout& l = cached(font, text, wrap_width);
  float box = align_width > 0 ? align_width : wrap_width > 0 ? wrap_width : l.width;
  for (const auto& line : l.lines) {
    float full = line.cells.empty() ? 0.f : line.cells.back().x1;
    float ox = line.rtl ? x + box - full : x;
    if (!line.visual.empty()) dl->AddText(font, font->FontSize, ImVec2(ox, y), col, line.visual.c_str());
    y += font->FontSize;
  }
}

}  // namespace kiosk::ui::bidi
