// Idle screen: municipality, time, latest news, language buttons. A touch anywhere else starts a
// session; the top-left corner (three taps) opens the technician's PIN screen.
#include <ctime>

#include <fmt/format.h>

#include "kiosk/ui/bidi.hpp"
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
  dl->AddText(hf, hf->FontSize, ImVec2(ui.m.pad, (band - hf->FontSize) * 0.5f), theme::col(theme::kOnPrimary),
              muni.c_str());
  // Local time (the kiosk's TZ is the system's on the appliance).
  std::time_t now = static_cast<std::time_t>(ui.now_ms / 1000);
  std::tm tm{};
  localtime_r(&now, &tm);
  std::string clock = fmt::format("{:02}:{:02}", tm.tm_hour, tm.tm_min);
  float cw = hf->CalcTextSizeA(hf->FontSize, FLT_MAX, 0, clock.c_str()).x;
  dl->AddText(hf, hf->FontSize, ImVec2(W - ui.m.pad - cw, (band - hf->FontSize) * 0.5f), theme::col(theme::kOnPrimary),
              clock.c_str());

  // The hidden technician corner: top-left, three taps within 3 s.
  {
    ImGui::SetCursorScreenPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("##corner", ImVec2(ui.m.target, ui.m.target))) ui.technician_corner = true;
    register_target(ui, "tech.corner", "", ImVec2(0, 0), ImVec2(ui.m.target, ui.m.target));
  }

  float y = band + ui.m.pad;
  // Call to action.
  const std::string& touch = ui.t("idle.touch");
  float tw = bidi::text_size(hf, touch, 0).x;
  bidi::draw_text(dl, hf, (W - tw) * 0.5f, y, theme::col(theme::kPrimary), touch, 0);
  y += hf->FontSize + ui.m.pad;

  // News.
  const float lang_h = ui.m.button_h;
  const float lang_top = H - ui.m.pad - lang_h * 2 - ui.m.gap * 1.5f - ui.fonts.body->FontSize - ui.m.gap;
  y += text(ui, ui.t("idle.news"), ImVec2(p.x, y), W - 2 * p.x, theme::kText, hf) + ui.m.gap;
  auto news = ui.s.news(3);
  if (news.empty()) y += text(ui, ui.t("news.none"), ImVec2(p.x, y), W - 2 * p.x, theme::kMuted, ui.fonts.body);
  for (const auto& n : news) {
    float h = text_height(ui.fonts.body, n.text, W - 2 * p.x - ui.m.pad);
    if (y + h > lang_top - ui.m.gap) break;
    dl->AddRectFilled(ImVec2(p.x, y + 4), ImVec2(p.x + 8, y + h - 4), theme::col(theme::kPrimary));
    y += text(ui, n.text, ImVec2(p.x + ui.m.pad, y), W - 2 * p.x - ui.m.pad, theme::kText, ui.fonts.body) + ui.m.gap;
  }

  // Languages, each in its own name (two rows of three).
  float ly = lang_top;
  std::string label = ui.notice.empty() ? ui.t("idle.choose_language") : ui.notice;
  text(ui, label, ImVec2(p.x, ly), W - 2 * p.x, ui.notice.empty() ? theme::kText : theme::kError, ui.fonts.body);
  ly += ui.fonts.body->FontSize + ui.m.gap;
  const auto& langs = ui.s.config().kiosk.languages;
  Grid g = make_grid(ui, ImVec2(p.x, ly), int(langs.size()), 3, H - ui.m.pad);
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
        ui.notice = ui.catalogs.get(l).get("language.soon_visual") + " " + ui.catalogs.get(l).get("language.name_visual") +
                    "   " + ui.t("idle.ar_soon");
      }
    }
  }
  // A touch anywhere else starts a session: pressed and released on no item (the screen itself is not a
  // target, so it stays out of the overlap checks).
  ImGuiStorage* st = ImGui::GetStateStorage();
  ImGuiID bg = ImGui::GetID("##background");
  if (ImGui::IsMouseClicked(0)) st->SetBool(bg, !ImGui::IsAnyItemHovered());
  bool start = ImGui::IsMouseReleased(0) && st->GetBool(bg) && !ImGui::IsAnyItemHovered();
  if (ImGui::IsMouseReleased(0)) st->SetBool(bg, false);
  end_screen(ui);
  if (start && !ui.technician_corner) {
    ui.notice.clear();
    ui.s.start();
  }
}

}  // namespace kiosk::ui
