// Municipal news (from the outbox database: the sync service stores what the municipality posts); the
// page scrolls when the items do not fit.
#include "kiosk/sync/time.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_news(Ui& ui) {
  ImVec2 p = begin_screen(ui, "news", ui.t("news.title"));
  const float W = ui.display.x - 2 * ui.m.pad;
  float y = p.y + instructions(ui, "news.hint", p) + ui.m.gap;
  auto items = ui.s.news_urgent_first(50);  // urgent first, with the warning sign
  if (items.empty()) text(ui, ui.t("news.none"), ImVec2(p.x, y), W, theme::kText, ui.fonts.body);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const auto& n : items) {
    std::string date =
        format_day_month_year(n.published_ms, utc_offset_minutes(ui.s.config().kiosk.time_zone, n.published_ms));
    std::string body = news_text(ui, n);
    const float sign = ui.fonts.body->FontSize * 0.9f, ind = std::max(ui.m.pad, sign + ui.m.gap * 0.5f);
    float h = ui.fonts.body->FontSize + ui.m.gap * 0.3f + text_height(ui.fonts.body, body, W - ind);
    float bx = flip_x(ui, p.x, 8);
    if (n.urgent) warning_sign(dl, ImVec2(flip_x(ui, p.x, sign), y), sign, theme::kError, theme::kErrorBg);
    else dl->AddRectFilled(ImVec2(bx, y), ImVec2(bx + 8, y + h), theme::col(theme::kPrimary));
    y += text(ui, date, ImVec2(p.x + ind, y), W - ind, theme::kMuted, ui.fonts.body) + ui.m.gap * 0.3f;
    y += text(ui, body, ImVec2(p.x + ind, y), W - ind, n.urgent ? theme::kError : theme::kText, ui.fonts.body) +
         ui.m.pad;
  }
  end_screen(ui);
}

}  // namespace kiosk::ui
