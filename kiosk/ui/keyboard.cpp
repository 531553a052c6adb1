// The on-screen keyboard (KMSDRM has none). Shown while ImGui wants text input. Layouts: Dutch/English
// QWERTY, Turkish Q, Polish (QWERTY with a row of Polish letters), Ukrainian ЙЦУКЕН and Arabic (the
// common Arabic 101 layout; shift gives the harakat, hamza forms and Arabic punctuation), both with a
// Latin layout for e-mail addresses, and numbers/symbols. A numeric field (phone number) gets a number pad:
// large digits, '+' and erase, no letters to mistype. Touches on the keyboard never reach ImGui, so the
// text field stays active; characters go in through io.AddInputCharactersUTF8, editing keys through
// io.KeysDown (ImGui 1.86 has no AddKeyEvent).
#include <SDL_scancode.h>

#include "kiosk/sync/utf8.hpp"
#include "kiosk/ui/bidi.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {
namespace {

std::vector<std::string> split_utf8(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = decode_utf8(s, i).len;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

struct Layout {
  std::vector<std::string_view> lower, upper;
};

const Layout kLatin{{"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm,.-"},
                    {"1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM,.-"}};
const Layout kTurkish{{"1234567890", "qwertyuıopğü", "asdfghjklşi", "zxcvbnmöç.,"},
                      {"1234567890", "QWERTYUIOPĞÜ", "ASDFGHJKLŞİ", "ZXCVBNMÖÇ.,"}};
const Layout kPolish{{"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm,.-", "ąćęłńóśźż"},
                     {"1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM,.-", "ĄĆĘŁŃÓŚŹŻ"}};
const Layout kUkrainian{{"1234567890", "йцукенгшщзхї", "фівапролджє", "ґячсмитьбю.,"},
                        {"1234567890", "ЙЦУКЕНГШЩЗХЇ", "ФІВАПРОЛДЖЄ", "ҐЯЧСМИТЬБЮ.,"}};
// Rows left to right as on the keys. Letters take their isolated form on the key (kiosk/ui/bidi shapes the
// label), marks are shown on a tatweel.
const Layout kArabic{{"1234567890", "ضصثقفغعهخحجد", "شسيبلاتنمكط", "ذئءؤرىةوزظ"},
                     {"1234567890", "ًٌٍَُِّْ", "أإآـ،؛؟!", "ذئءؤرىةوزظ"}};
const Layout kDigits{{"123", "456", "789"}, {"123", "456", "789"}};
const Layout kSymbols{{"1234567890", "@.-_,?!:/+", "()'\"#&%€;="}, {"1234567890", "@.-_,?!:/+", "()'\"#&%€;="}};

}  // namespace

void Keyboard::set_language(const std::string& lang) {
  if (lang != m_lang) {
    m_lang = lang;
    m_latin = false;
  }
}

void Keyboard::reset() {
  m_shift = m_symbols = m_latin = false;
  number_pad = false;
  visible = false;
  pressed = -1;
  hide_requested = false;
  pending_key_release = -1;
  m_rects.clear();
}

bool Keyboard::compact(const Metrics& m, float display_h) const {
  float full = float(rows(false).size() + 1) * (m.target + 2 + m.gap * 0.6f) + m.gap;
  return full > display_h * 0.45f;
}

std::vector<std::vector<Keyboard::Key>> Keyboard::rows(bool compact) const {
  const Layout* l = &kLatin;
  if (number_pad) l = &kDigits;
  else if (m_symbols) l = &kSymbols;
  else if (!m_latin && m_lang == "tr") l = &kTurkish;
  else if (m_lang == "pl") l = &kPolish;  // its toggle (compact only) is for the Polish letters
  else if (!m_latin && m_lang == "uk") l = &kUkrainian;
  else if (!m_latin && m_lang == "ar") l = &kArabic;
  std::vector<std::string_view> letter_rows = m_shift ? l->upper : l->lower;
  if (compact && l != &kSymbols && l != &kDigits) {
    letter_rows.erase(letter_rows.begin());  // digits: on the "123" layer
    if (l == &kPolish) {
      // Polish letters instead of the top row on their layer (the toggle key), else Latin rows only.
      std::string_view polish = letter_rows.back();
      letter_rows.pop_back();
      if (m_latin) letter_rows.front() = polish;
    }
  }
  std::vector<std::vector<Key>> out;
  for (std::string_view row : letter_rows) {
    std::vector<Key> keys;
    for (auto& ch : split_utf8(row)) {
      const char32_t cp = decode_utf8(ch, 0).cp;
      keys.push_back(Key{core::is_combining_mark(cp) ? "ـ" + ch : ch, ch, Key::chr, 1});
    }
    out.push_back(std::move(keys));
  }
  return out;
}

// Keys are at least a touch target high, and the keyboard never takes more than 45 % of the screen.
float Keyboard::key_height(const Metrics& m, float display_h) const {
  float rows_n = float(rows(compact(m, display_h)).size() + 1);
  float key_h = std::max(m.target + 6, m.button_h * 0.72f);
  float cap = (display_h * 0.45f - m.gap) / rows_n - m.gap * 0.6f;
  return std::max(m.target + 2, std::min(key_h, cap));
}

float Keyboard::height(const Metrics& m, float display_h) const {
  std::size_t n = rows(compact(m, display_h)).size() + 1;
  return float(n) * (key_height(m, display_h) + m.gap * 0.6f) + m.gap;
}

void Keyboard::draw(Ui& ui) {
  m_rects.clear();
  if (!visible) {
    m_area = ImVec4(0, 0, 0, 0);
    return;
  }
  const Metrics& m = ui.m;
  const float H = height(m, ui.display.y);
  const float key_h = key_height(m, ui.display.y);
  const float gap = m.gap * 0.6f;
  const float x0 = m.gap, x1 = ui.display.x - m.gap;
  const float top = ui.display.y - H;
  m_area = ImVec4(0, top, ui.display.x, ui.display.y);
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  dl->AddRectFilled(ImVec2(0, top), ui.display, theme::col(theme::kKeyboard));

  const bool small = compact(m, ui.display.y);
  auto all = rows(small);
  std::vector<Key> bottom;
  const auto& cat = ui.catalogs.get(ui.lang());
  // The special keys: their name, or their symbol when the name does not fit (speech reads the name).
  auto special = [&](const char* name, Key::Kind kind, float weight) {
    const std::string k = std::string("keyboard.") + name;
    return Key{cat.get(k), kind == Key::space ? " " : "", kind, weight, cat.get(k + "_short")};
  };
  if (number_pad) {
    bottom.push_back(Key{"+", "+", Key::chr, 1});
    bottom.push_back(Key{"0", "0", Key::chr, 1});
    bottom.push_back(special("backspace", Key::backspace, 1));
    bottom.push_back(special("hide", Key::hide, 1));
  } else {
    bottom.push_back(special("shift", Key::shift, 2.0f));
    bottom.push_back(special(m_symbols ? "letters" : "numbers", Key::layout, 1.3f));
    if ((m_lang == "uk" || m_lang == "ar") && !m_symbols)
      bottom.push_back(
          Key{m_latin ? std::string(m_lang == "ar" ? "أبج" : "АБВ") : std::string("ABC"), "", Key::latin, 1.2f});
    if (m_lang == "pl" && small && !m_symbols)
      bottom.push_back(Key{m_latin ? std::string("qwe") : std::string("ąęł"), "", Key::latin, 1.2f});
    bottom.push_back(special("space", Key::space, 2.4f));
    bottom.push_back(special("backspace", Key::backspace, 1.5f));
    bottom.push_back(special("enter", Key::enter, 2.1f));
    bottom.push_back(special("hide", Key::hide, 2.6f));
  }
  all.push_back(std::move(bottom));

  // Every row spans the width: the widest letter row sets the key width, shorter rows are centred (the
  // number pad's rows of three take three quarters of it, as wide as its last row's digit keys).
  std::size_t max_keys = number_pad ? 4 : 10;
  for (std::size_t r = 0; r + 1 < all.size(); ++r) max_keys = std::max(max_keys, all[r].size());
  const float unit = (x1 - x0 - gap * float(max_keys - 1)) / float(max_keys);
  float y = top + m.gap * 0.5f;
  int index = 0;
  for (std::size_t r = 0; r < all.size(); ++r) {
    float total_w = 0;
    bool last = r + 1 == all.size();
    float row_unit = unit;
    if (last && !number_pad) {
      float weights = 0;
      for (const auto& k : all[r]) weights += k.weight;
      row_unit = (x1 - x0 - gap * float(all[r].size() - 1)) / weights;
    }
    for (const auto& k : all[r]) total_w += k.weight * row_unit;
    total_w += gap * float(all[r].size() - 1);
    float x = x0 + (x1 - x0 - total_w) * 0.5f;
    for (const auto& k : all[r]) {
      float w = k.weight * row_unit;
      ImVec2 a(x, y), b(x + w, y + key_h);
      bool down = pressed == index;
      bool active = (k.kind == Key::shift && m_shift);
      dl->AddRectFilled(a, b, theme::col(down ? theme::kTilePressed : active ? theme::kPrimary : theme::kKey), 6);
      dl->AddRect(a, b, theme::col(theme::kFieldBorder), 6, 0, 1.5f);
      ImFont* f = ui.fonts.body;
      const float inner = w - m.gap;
      const std::string& shown = text_width(f, k.label) > inner && !k.short_label.empty() ? k.short_label : k.label;
      const float tw = text_width(f, shown), th = text_height(f, shown, 0);
      dl->PushClipRect(a, b, true);
      draw_text(ui, dl, f, ImVec2(a.x + (w - tw) * 0.5f, a.y + (key_h - th) * 0.5f), 0,
                theme::col(active ? theme::kOnPrimary : theme::kText), shown);
      dl->PopClipRect();
      m_rects.push_back({ImVec4(a.x, a.y, b.x, b.y), k});
      static const char* kSpecial[] = {"", "shift", "backspace", "enter", "layout", "latin", "space", "hide"};
      std::string id = std::string("key.") + (k.kind == Key::chr ? k.insert : kSpecial[int(k.kind)]);
      core::Widget& kw = register_widget(ui, core::Role::key, id.c_str(), k.label, a, b);
      kw.need_w = tw + m.gap;
      kw.need_h = th;
      x += w + gap;
      ++index;
    }
    y += key_h + gap;
  }
}

bool Keyboard::contains(ImVec2 p) const {
  return visible && p.x >= m_area.x && p.x < m_area.z && p.y >= m_area.y && p.y < m_area.w;
}

int Keyboard::key_at(ImVec2 p) const {
  for (std::size_t i = 0; i < m_rects.size(); ++i) {
    const ImVec4& r = m_rects[i].first;
    if (p.x >= r.x && p.x < r.z && p.y >= r.y && p.y < r.w) return int(i);
  }
  return -1;
}

void Keyboard::activate(int k, ImGuiIO& io, const std::vector<std::string>&) {
  if (k < 0 || std::size_t(k) >= m_rects.size()) return;
  const Key& key = m_rects[std::size_t(k)].second;
  auto press_key = [&](int scancode) {
    io.KeysDown[scancode] = true;
    pending_key_release = scancode;
  };
  switch (key.kind) {
    case Key::chr:
    case Key::space:
      io.AddInputCharactersUTF8(key.insert.c_str());
      if (key.kind == Key::chr) m_shift = false;
      break;
    case Key::shift: m_shift = !m_shift; break;
    case Key::layout: m_symbols = !m_symbols; break;
    case Key::latin: m_latin = !m_latin; break;
    case Key::backspace: press_key(SDL_SCANCODE_BACKSPACE); break;
    case Key::enter: press_key(SDL_SCANCODE_RETURN); break;
    case Key::hide: hide_requested = true; break;
  }
}

std::vector<std::string> Keyboard::all_characters() const {
  std::vector<std::string> out;
  for (const Layout* l : {&kLatin, &kTurkish, &kPolish, &kUkrainian, &kArabic, &kSymbols})
    for (const auto* rows_ : {&l->lower, &l->upper})
      for (std::string_view r : *rows_) out.emplace_back(r);
  out.emplace_back("ABCАБВأبجـqweąęł");
  return out;
}

}  // namespace kiosk::ui
