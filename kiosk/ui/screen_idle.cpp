// Idle screen: municipality, time, the reading-mode switches, latest news (scrolls when it does not fit),
// language buttons. A touch anywhere else starts a session; the top-left corner (three taps) opens the
// technician's PIN screen. The top-right corner switches speech mode on (so does a long press anywhere).
#include "kiosk/sync/time.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_idle(Ui& ui) {
  ImVec2 p = begin_screen(ui, "idle", "", false);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float W = ui.display.x, H = ui.display.y;

  // Header band.
  const float band = ui.m.bar_h * 1.3f;
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, band), theme::col(theme::kBar));
  ImFont* hf = ui.fonts.heading;
  const std::string& muni = ui.s.config().kiosk.municipality;
  // Local time in the kiosk's zone (kiosk.time_zone), whatever the process's TZ; then the mode switches.
  std::string clock = format_clock(ui.now_ms, utc_offset_minutes(ui.s.config().kiosk.time_zone, ui.now_ms));
  float cw = hf->CalcTextSizeA(hf->FontSize, FLT_MAX, 0, clock.c_str()).x;
  const float sh = std::max(ui.m.target, band - 2 * ui.m.gap);
  float right = mode_switches(ui, speech_switch(ui, W - ui.m.pad, (band - sh) * 0.5f, sh), (band - sh) * 0.5f, sh);
  bool show_clock = right - cw - ui.m.gap > ui.m.target + ui.m.pad;
  if (show_clock) {
    right -= cw + ui.m.gap;
    text(ui, clock, ImVec2(right, (band - hf->FontSize) * 0.5f), cw + 1, theme::kOnPrimary, hf);
  }
  // The municipality's name where it fits (the corner's target stays clear of it).
  float mx = ui.m.target + ui.m.gap;
  float mw = right - ui.m.gap - mx;
  if (mw > ui.m.target && text_height(hf, muni, mw) <= band)
    text(ui, muni, ImVec2(mx, (band - text_height(hf, muni, mw)) * 0.5f), mw, theme::kOnPrimary, hf);

  // The hidden technician corner: top-left, three taps within 3 s.
  {
    ImGui::SetCursorScreenPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("##corner", ImVec2(ui.m.target, ui.m.target))) ui.technician_corner = true;
    register_target(ui, "tech.corner", "", ImVec2(0, 0), ImVec2(ui.m.target, ui.m.target));
  }

  float y = band + urgent_banner(ui, band) + ui.m.gap;

  // Languages at the bottom, each in its own name (rows of three, of two on a narrow screen); the news
  // between scrolls when it does not fit.
  const auto& langs = ui.s.config().kiosk.languages;
  std::vector<std::string_view> names;
  for (const auto& l : langs) names.push_back(ui.catalogs.get(l).get("language.name"));
  int cols = W < ui.m.target * 12 ? 2 : 3;
  Grid g = make_grid(ui, ImVec2(p.x, 0), names, cols, H, false);
  int rows = (int(langs.size()) + g.cols - 1) / g.cols;
  std::string label = ui.notice.empty() ? ui.t("idle.choose_language") : ui.notice;
  float label_h = text_height(ui.fonts.body, label, W - 2 * p.x);
  const float lang_top = H - ui.m.pad - float(rows) * g.h - float(rows - 1) * g.gap - label_h - ui.m.gap;

  // News.
  ScrollRegion news_region;
  const float side = scroll_side_width(ui, lang_top - ui.m.gap - y);
  begin_scroll(ui, news_region, "##news", ImVec2(0, y), ImVec2(W - ui.m.pad, lang_top - ui.m.gap), true);
  y -= news_region.offset;
  const float nw = W - 2 * p.x - side - ui.m.gap;  // the indicator sits in the gap
  // Call to action, then the news; on a small panel they scroll together above the languages. Above them,
  // while it is heard, the announcement of how to start speech mode (a touch ends it).
  if (float h = announcement_caption(ui, ImVec2(p.x, y), nw); h > 0) y += h + ui.m.gap;
  y += text(ui, ui.t("idle.touch"), ImVec2(p.x, y), nw, theme::kPrimary, hf) + ui.m.gap;
  y += text(ui, ui.t("idle.news"), ImVec2(p.x, y), nw, theme::kText, hf) + ui.m.gap;
  auto news = ui.s.news_urgent_first(20);  // urgent first, whole, with the warning sign
  if (news.empty()) y += text(ui, ui.t("news.none"), ImVec2(p.x, y), nw, theme::kMuted, ui.fonts.body);
  const float sign = ui.fonts.body->FontSize * 0.9f, ind = std::max(ui.m.pad, sign + ui.m.gap * 0.5f);
  for (const auto& n : news) {
    std::string body = news_text(ui, n);
    float h = text_height(ui.fonts.body, body, nw - ind);
    float bx = flip_x(ui, p.x, 8);
    if (n.urgent) warning_sign(dl, ImVec2(flip_x(ui, p.x, sign), y), sign, theme::kError, theme::kErrorBg);
    else dl->AddRectFilled(ImVec2(bx, y + 4), ImVec2(bx + 8, y + h - 4), theme::col(theme::kPrimary));
    y += text(ui, body, ImVec2(p.x + ind, y), nw - ind, n.urgent ? theme::kError : theme::kText, ui.fonts.body) +
         ui.m.gap;
  }
  end_scroll(ui, news_region);

  float ly = lang_top;
  text(ui, label, ImVec2(p.x, ly), W - 2 * p.x, ui.notice.empty() ? theme::kText : theme::kError, ui.fonts.body);
  mark_instructions(ui);
  ly += label_h + ui.m.gap;
  g.origin.y = ly;
  for (std::size_t i = 0; i < langs.size(); ++i) {
    const std::string& l = langs[i];
    const std::string& name = ui.catalogs.get(l).get("language.name");  // shaped by the text path
    std::string id = "lang." + l;
    Style st = l == ui.s.language() ? Style::selected : Style::secondary;
    if (button(ui, id.c_str(), name, g.pos(int(i)), ImVec2(g.w, g.h), st)) {
      if (ui.s.set_language(l)) {
        ui.notice.clear();
        ui.s.start();
      } else {
        // In the language's own words (pre-shaped for Arabic: no RTL text path yet) and in the current one.
        // (visual order, left to right: "soon" then the language's name, so it reads right to left)
        ui.notice = ui.catalogs.get(l).get("language.soon_visual") + " " +
                    ui.catalogs.get(l).get("language.name_visual") + "   " + ui.t("idle.ar_soon");
      }
    }
  }
  // A touch anywhere else starts a session: pressed and released on no item (the screen itself is not a
  // target, so it stays out of the overlap checks).
  ImGuiStorage* st = ImGui::GetStateStorage();
  ImGuiID bg = ImGui::GetID("##background");
  if (ImGui::IsMouseClicked(0)) st->SetBool(bg, !ImGui::IsAnyItemHovered());
  bool start = ImGui::IsMouseReleased(0) && st->GetBool(bg) && !ImGui::IsAnyItemHovered() && !ui.dragging;
  if (ImGui::IsMouseReleased(0)) st->SetBool(bg, false);
  end_screen(ui);
  if (start && !ui.technician_corner) {
    ui.notice.clear();
    ui.s.start();
  }
}

}  // namespace kiosk::ui
