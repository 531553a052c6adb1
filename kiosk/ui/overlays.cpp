// Overlays above a screen: the staff panel (help mode, language, text size), the idle warning and the
// question before Stop wipes the session.
// While one is open the screen below cannot be touched, so only the overlay's targets count.
#include "ui_internal.hpp"

namespace kiosk::ui {

static void begin_overlay(Ui& ui, const char* name, ImVec2 size) {
  ui.registry.clear();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ui.display);
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNav);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(0, 0), ui.display, theme::col(theme::kDim, 150));
  ImVec2 p0((ui.display.x - size.x) * 0.5f, (ui.display.y - size.y) * 0.5f);
  dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), theme::col(theme::kBackground), 12);
  dl->AddRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), theme::col(theme::kPrimary), 12, 0, 4);
  ImGui::PushFont(ui.fonts.body);
}

static void end_overlay() {
  ImGui::PopFont();
  ImGui::End();
}

void draw_help_panel(Ui& ui, bool* open) {
  ImVec2 size(std::min(ui.display.x - 2 * ui.m.pad, ui.display.x * 0.8f), ui.display.y - 2 * ui.m.pad);
  begin_overlay(ui, "help", size);
  ImVec2 p((ui.display.x - size.x) * 0.5f + ui.m.pad, (ui.display.y - size.y) * 0.5f + ui.m.pad);
  float W = size.x - 2 * ui.m.pad;
  float y = p.y;
  y += text(ui, ui.t("help.title"), ImVec2(p.x, y), W, theme::kText, ui.fonts.heading) + ui.m.pad;
  bool assisted = ui.s.assisted();
  float h = std::max(ui.m.target, ui.fonts.body->FontSize * 1.6f);
  if (checkbox(ui, "help.assisted", ui.t("help.assisted"), &assisted, ImVec2(p.x, y), ImVec2(W, h)))
    ui.s.set_assisted(assisted);
  y += h + ui.m.gap * 1.5f;
  bool large = ui.s.large_text();
  if (checkbox(ui, "help.large_text", ui.t("help.large_text"), &large, ImVec2(p.x, y), ImVec2(W, h)))
    ui.s.set_large_text(large);
  y += h + ui.m.gap * 1.5f;
  y += text(ui, ui.t("help.language"), ImVec2(p.x, y), W, theme::kText, ui.fonts.body) + ui.m.gap * 0.5f;
  const auto& langs = ui.s.config().kiosk.languages;
  float bottom = (ui.display.y + size.y) * 0.5f - ui.m.pad - h - ui.m.gap * 1.5f;
  Grid g = make_grid(ui, ImVec2(p.x, y), int(langs.size()), 3, bottom);
  g.w = (W - 2 * g.gap) / 3;
  for (std::size_t i = 0; i < langs.size(); ++i) {
    const std::string& l = langs[i];
    std::string id = "help.lang." + l;
    bool ready = core::Session::language_ready(l);
    if (button(ui, id.c_str(), ui.catalogs.get(l).get("language.name"), g.pos(int(i)), ImVec2(g.w, g.h),
               l == ui.s.language() ? Style::selected : Style::secondary, ready))
      ui.s.set_language(l);
  }
  if (button(ui, "help.close", ui.t("help.close"), ImVec2(p.x + W * 0.6f, bottom + ui.m.gap * 1.5f),
             ImVec2(W * 0.4f, h), Style::primary))
    *open = false;
  end_overlay();
}

void draw_timeout_warning(Ui& ui) {
  ImVec2 size(ui.display.x * 0.7f, ui.display.y * 0.6f);
  begin_overlay(ui, "timeout", size);
  ImVec2 p((ui.display.x - size.x) * 0.5f + ui.m.pad, (ui.display.y - size.y) * 0.5f + ui.m.pad);
  float W = size.x - 2 * ui.m.pad;
  float y = p.y;
  y += text(ui, ui.t("timeout.title"), ImVec2(p.x, y), W, theme::kText, ui.fonts.heading) + ui.m.pad;
  std::string body = core::fill(ui.t("timeout.body"), {{"n", std::to_string(ui.s.idle().seconds_left())}});
  y += text(ui, body, ImVec2(p.x, y), W, theme::kText, ui.fonts.body) + ui.m.pad;
  if (ui.speech) ui.speech->alert("timeout", ui.t("timeout.title") + " " + body);
  float by = (ui.display.y + size.y) * 0.5f - ui.m.pad - ui.m.button_h * 1.2f;
  if (ui.s.idle().extensions_left() > 0) {
    if (button(ui, "timeout.extend", ui.t("timeout.extend"), ImVec2(p.x, by), ImVec2(W, ui.m.button_h * 1.2f),
               Style::primary))
      ui.s.extend();
  } else {
    text(ui, ui.t("timeout.no_more"), ImVec2(p.x, y), W, theme::kError, ui.fonts.body);
  }
  end_overlay();
}

void draw_stop_confirm(Ui& ui, bool* open) {
  ImVec2 size(std::min(ui.display.x - 2 * ui.m.pad, std::max(ui.display.x * 0.7f, ui.m.target * 14)),
              std::min(ui.display.y - 2 * ui.m.pad, std::max(ui.display.y * 0.6f, ui.m.target * 7)));
  begin_overlay(ui, "stop", size);
  ImVec2 p((ui.display.x - size.x) * 0.5f + ui.m.pad, (ui.display.y - size.y) * 0.5f + ui.m.pad);
  float W = size.x - 2 * ui.m.pad;
  float y = p.y;
  y += text(ui, ui.t("stop.title"), ImVec2(p.x, y), W, theme::kText, ui.fonts.heading) + ui.m.gap;
  text(ui, ui.t("stop.body"), ImVec2(p.x, y), W, theme::kText, ui.fonts.body);
  if (ui.speech) ui.speech->alert("stop", ui.t("stop.title") + " " + ui.t("stop.body"));
  // "No" is the larger, primary choice: continuing loses nothing. Side by side when both fit, else stacked.
  const std::string &no = ui.t("stop.no"), &yes = ui.t("stop.yes");
  float bottom = (ui.display.y + size.y) * 0.5f - ui.m.pad;
  const float pad = 2 * ui.m.gap * 1.4f;
  const bool stacked = ui.m.one_column || std::max(text_width(ui.fonts.body, no), text_width(ui.fonts.body, yes)) >
                                              (W - ui.m.gap) * 0.5f - pad;
  const float bw = stacked ? W : (W - ui.m.gap) * 0.5f;
  const float bh = std::max({ui.m.button_h, text_height(ui.fonts.body, no, bw - pad) + 2 * ui.m.gap,
                             text_height(ui.fonts.body, yes, bw - pad) + 2 * ui.m.gap});
  ImVec2 no_at(p.x, stacked ? bottom - 2 * bh - ui.m.gap : bottom - bh);  // button() mirrors x when right to left
  ImVec2 yes_at(stacked ? p.x : p.x + bw + ui.m.gap, bottom - bh);
  bool keep = button(ui, "stop.no", no, no_at, ImVec2(bw, bh), Style::primary);
  bool stop = button(ui, "stop.yes", yes, yes_at, ImVec2(bw, bh), Style::secondary);
  end_overlay();
  if (keep) *open = false;
  if (stop) {
    *open = false;
    ui.s.wipe();
  }
}

}  // namespace kiosk::ui
