// Crisis and urgent news (core::Session::urgent_news) stands out by more than colour: a warning sign, the
// words "Important message" and the message itself, in a band under every screen's bar and under the idle
// screen's header, on every panel (one line on a short panel, two on a taller one, cut with "…"; the idle
// and news screens list the whole text first). A message in another language than the screen's says so.
#include "ui_internal.hpp"

namespace kiosk::ui {

namespace {

// s cut (on a character boundary) to at most `lines` lines of `width`, ending in "…" when cut.
std::string fit_lines(ImFont* font, const std::string& s, float width, int lines) {
  const float room = font->FontSize * float(lines) + 0.5f;
  if (text_height(font, s, width) <= room) return s;
  std::vector<std::size_t> cuts;
  for (std::size_t i = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) cuts.push_back(i);
  std::size_t lo = 0, hi = cuts.size() - 1;
  while (lo < hi) {
    std::size_t mid = (lo + hi + 1) / 2;
    if (text_height(font, s.substr(0, cuts[mid]) + "\xE2\x80\xA6", width) <= room) lo = mid;
    else hi = mid - 1;
  }
  std::string out = s.substr(0, cuts[lo]);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\xE2\x80\xA6";
}

}  // namespace

void warning_sign(ImDrawList* dl, ImVec2 at, float size, std::uint32_t fill, std::uint32_t mark) {
  dl->AddTriangleFilled(ImVec2(at.x + size * 0.5f, at.y), ImVec2(at.x + size, at.y + size * 0.9f),
                        ImVec2(at.x, at.y + size * 0.9f), theme::col(fill));
  const float cx = at.x + size * 0.5f, w = std::max(2.f, std::round(size * 0.11f));
  dl->AddRectFilled(ImVec2(cx - w * 0.5f, at.y + size * 0.3f), ImVec2(cx + w * 0.5f, at.y + size * 0.6f),
                    theme::col(mark));
  dl->AddRectFilled(ImVec2(cx - w * 0.5f, at.y + size * 0.68f), ImVec2(cx + w * 0.5f, at.y + size * 0.68f + w),
                    theme::col(mark));
}

std::string news_text(const Ui& ui, const NewsItem& n) {
  // The language note leads an urgent item, so a band cut to one line still says it.
  std::string key = ui.s.language_note_key(n);
  std::string note = key.empty() ? std::string() : " " + ui.t(key);
  return n.urgent ? ui.t("news.urgent") + note + ": " + n.text : n.text + note;
}

float urgent_banner(Ui& ui, float y) {
  auto items = ui.s.urgent_news(1);
  if (items.empty()) return 0;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* f = ui.fonts.body;
  const int lines = ui.display.y >= 700 && !ui.m.one_column ? 2 : 1;
  const float sign = f->FontSize;
  const float x = ui.m.pad + sign + ui.m.gap, w = ui.display.x - x - ui.m.pad;
  const std::string shown = fit_lines(f, news_text(ui, items.front()), w, lines);
  const float h = text_height(f, shown, w) + ui.m.gap;
  dl->AddRectFilled(ImVec2(0, y), ImVec2(ui.display.x, y + h), theme::col(theme::kErrorBg));
  dl->AddRectFilled(ImVec2(0, y + h - 3), ImVec2(ui.display.x, y + h), theme::col(theme::kError));
  warning_sign(dl, ImVec2(flip_x(ui, ui.m.pad, sign), y + ui.m.gap * 0.5f), sign, theme::kError, theme::kErrorBg);
  text(ui, shown, ImVec2(x, y + ui.m.gap * 0.5f), w, theme::kError, f);
  ui.registry.items().back().id = "news.urgent";
  return h;
}

}  // namespace kiosk::ui
