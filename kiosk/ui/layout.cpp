// The frame every screen shares: a full-screen window, the top bar (Back, title, Staff, Stop) and the
// bottom action bar that moves up above the on-screen keyboard.
#include <imgui_internal.h>

#include "kiosk/ui/bidi.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {

static constexpr ImGuiWindowFlags kScreenFlags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav;

// While the keyboard is up, the bottom action is hidden ("Done typing" first), so the field gets the room.
float content_bottom(const Ui& ui) {
  if (ui.keyboard_h > 0) return ui.display.y - ui.keyboard_h - ui.m.gap;
  return ui.display.y - ui.m.button_h - 2 * ui.m.gap;
}

ImVec2 begin_screen(Ui& ui, const char* name, std::string_view title, bool with_bar) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ui.display);
  // One window for every screen (IDs kept apart by the screen name): the window under the finger is the
  // same before and after a screen change, so a tap on the first frame of a new screen is not lost.
  ImGui::Begin("##screen", nullptr, kScreenFlags);
  ImGui::PushID(name);
  ImGui::PushFont(ui.fonts.body);
  if (!with_bar) return ImVec2(ui.m.pad, ui.m.pad);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float bar = ui.m.bar_h;
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(ui.display.x, bar), theme::col(theme::kBar));
  const float bh = bar - 2 * ui.m.gap;
  const float y = ui.m.gap;
  float left = ui.m.pad;
  auto bw = [&](std::string_view s) {
    return std::max(ui.m.target * 2.2f, ui.fonts.body->CalcTextSizeA(ui.fonts.body->FontSize, FLT_MAX, 0, s.data(),
                                                                      s.data() + s.size()).x + 3 * ui.m.gap);
  };
  core::Screen scr = ui.s.screen();
  bool has_back = scr != core::Screen::receipt;
  if (has_back) {
    const std::string& lb = ui.t("app.back");
    float w = bw(lb);
    if (button(ui, "app.back", lb, ImVec2(left, y), ImVec2(w, bh), Style::secondary)) ui.s.back();
    left += w + ui.m.gap * 2;
  }
  // Right side: Stop (ends the session, everything wiped) and the discreet staff control.
  float right = ui.display.x - ui.m.pad;
  bool tech = scr == core::Screen::technician || scr == core::Screen::technician_pin;
  if (!tech) {
    const std::string& ls = ui.t("app.stop");
    float w = bw(ls);
    right -= w;
    if (button(ui, "app.stop", ls, ImVec2(right, y), ImVec2(w, bh), Style::secondary)) ui.s.wipe();
    right -= ui.m.gap * 2;
    const std::string& lh = ui.t("app.helper");
    float wh = bw(lh);
    right -= wh;
    if (button(ui, "app.helper", lh, ImVec2(right, y), ImVec2(wh, bh), Style::quiet)) {
      ui.help_open = true;
    }
    right -= ui.m.gap * 2;
  }
  ImFont* hf = ui.fonts.heading;
  float tw = right - left;
  float th = text_height(hf, title, tw);
  float below = bar;  // first free y under the bar and the title
  if (th <= bar - 4 || ui.keyboard_h > 0) {
    // In the bar; while the keyboard is up the room is for the field, so a long title is clipped there.
    dl->PushClipRect(ImVec2(left, 0), ImVec2(right, bar), true);
    bidi::draw_text(dl, hf, left, std::max(2.f, (bar - th) * 0.5f), theme::col(theme::kOnPrimary), title, tw);
    dl->PopClipRect();
  } else {
    // Too long for the bar (large text, long translations): the title goes on its own line(s) below it,
    // never clipped.
    float full = ui.display.x - 2 * ui.m.pad;
    float h2 = text_height(hf, title, full);
    bidi::draw_text(dl, hf, ui.m.pad, bar + ui.m.gap, theme::col(theme::kText), title, full);
    below = bar + ui.m.gap + h2 + ui.m.gap * 0.5f;
  }
  if (ui.s.assisted()) {
    const std::string& badge = ui.t("app.assisted_badge");
    float h = ui.fonts.body->FontSize + ui.m.gap;
    dl->AddRectFilled(ImVec2(0, below), ImVec2(ui.display.x, below + h), theme::col(theme::kAssistedBg));
    dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(ui.m.pad, below + ui.m.gap * 0.5f),
                theme::col(theme::kAssisted), badge.c_str());
    below += h;
  }
  return ImVec2(ui.m.pad, below + ui.m.pad * 0.75f);
}

void end_screen(Ui& ui) {
  (void)ui;
  ImGui::PopFont();
  ImGui::PopID();
  ImGui::End();
}

bool bottom_action(Ui& ui, const char* id, std::string_view label, Style style, bool enabled) {
  if (ui.keyboard_h > 0) return false;
  float w = std::max(ui.display.x * 0.3f,
                     ui.fonts.body->CalcTextSizeA(ui.fonts.body->FontSize, FLT_MAX, 0, label.data(),
                                                  label.data() + label.size()).x + 4 * ui.m.gap);
  ImVec2 pos(ui.display.x - ui.m.pad - w, ui.display.y - ui.keyboard_h - ui.m.button_h - ui.m.gap);
  return button(ui, id, label, pos, ImVec2(w, ui.m.button_h), style, enabled);
}

Grid make_grid(const Ui& ui, ImVec2 origin, int count, int cols, float bottom) {
  Grid g;
  g.origin = origin;
  g.gap = ui.m.gap * 1.5f;
  g.cols = cols;
  int rows = (count + cols - 1) / cols;
  g.w = (ui.display.x - 2 * ui.m.pad - g.gap * float(cols - 1)) / float(cols);
  float avail = bottom - origin.y;
  g.h = std::max(ui.m.target, std::min(ui.m.button_h * 1.3f, (avail - g.gap * float(rows - 1)) / float(std::max(rows, 1))));
  return g;
}

}  // namespace kiosk::ui
