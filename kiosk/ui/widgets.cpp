// Touch-sized widgets. Each registers its rectangle as a Target so the accessibility checks can measure
// every interactive item on every screen. Activation is on release (ImGui's default for buttons).
#include <imgui_internal.h>
#include "kiosk/ui/bidi.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {

void register_target(Ui& ui, const char* id, std::string_view label, ImVec2 min, ImVec2 max, bool enabled) {
  ui.targets.push_back(Target{min.x, min.y, max.x, max.y, std::string(label), id, enabled});
}

float text_height(ImFont* font, std::string_view s, float wrap_width) {
  return bidi::text_size(font, s, wrap_width).y;  // shaped and reordered when right to left
}

float text(Ui& ui, std::string_view s, ImVec2 pos, float wrap_width, std::uint32_t color, ImFont* font) {
  (void)ui;
  if (!font) font = ImGui::GetFont();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  bidi::draw_text(dl, font, pos.x, pos.y, theme::col(color), s, wrap_width);
  return text_height(font, s, wrap_width);
}

bool button(Ui& ui, const char* id, std::string_view label, ImVec2 pos, ImVec2 size, Style style, bool enabled,
            bool centered) {
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushID(id);
  if (!enabled) ImGui::BeginDisabled();
  bool clicked = ImGui::InvisibleButton("##b", size);
  bool held = ImGui::IsItemActive();
  if (!enabled) ImGui::EndDisabled();
  ImGui::PopID();
  register_target(ui, id, label, pos, ImVec2(pos.x + size.x, pos.y + size.y), enabled);

  std::uint32_t bg = theme::kTile, fg = theme::kText, border = theme::kPrimary;
  switch (style) {
    case Style::primary: bg = theme::kPrimary; fg = theme::kOnPrimary; break;
    case Style::selected: bg = theme::kPrimary; fg = theme::kOnPrimary; break;
    case Style::secondary: break;
    case Style::quiet: bg = theme::kBackground; border = theme::kFieldBorder; break;
  }
  if (held) bg = style == Style::secondary || style == Style::quiet ? theme::kTilePressed : 0x083A66;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + size.x, pos.y + size.y);
  float r = ui.m.gap * 0.7f;
  dl->AddRectFilled(pos, max, theme::col(bg, enabled ? 255 : 110), r);
  dl->AddRect(pos, max, theme::col(border, enabled ? 255 : 110), r, 0, 2.0f);
  ImFont* font = ui.fonts.body;
  float pad = ui.m.gap * 1.4f;
  float wrap = size.x - 2 * pad;
  bidi::Size ts = bidi::text_size(font, label, wrap);
  ImVec2 tp(centered ? pos.x + (size.x - ts.x) * 0.5f : pos.x + pad, pos.y + (size.y - ts.y) * 0.5f);
  if (centered && ts.x >= wrap - 1) tp.x = pos.x + pad;
  dl->PushClipRect(pos, max, true);
  bidi::draw_text(dl, font, tp.x, tp.y, theme::col(fg, enabled ? 255 : 140), label, wrap, ts.x);
  dl->PopClipRect();
  return clicked && enabled;
}

bool checkbox(Ui& ui, const char* id, std::string_view label, bool* value, ImVec2 pos, ImVec2 size) {
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushID(id);
  bool clicked = ImGui::InvisibleButton("##c", size);
  bool held = ImGui::IsItemActive();
  ImGui::PopID();
  register_target(ui, id, label, pos, ImVec2(pos.x + size.x, pos.y + size.y));
  if (clicked) *value = !*value;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 max(pos.x + size.x, pos.y + size.y);
  float r = ui.m.gap * 0.7f;
  dl->AddRectFilled(pos, max, theme::col(held ? theme::kTilePressed : theme::kTile), r);
  dl->AddRect(pos, max, theme::col(theme::kPrimary), r, 0, 2.0f);
  float box = std::min(size.y - 2 * ui.m.gap, ui.fonts.body->FontSize * 1.4f);
  ImVec2 b0(pos.x + ui.m.gap * 1.4f, pos.y + (size.y - box) * 0.5f), b1(b0.x + box, b0.y + box);
  dl->AddRectFilled(b0, b1, theme::col(*value ? theme::kPrimary : theme::kField), 4);
  dl->AddRect(b0, b1, theme::col(theme::kPrimary), 4, 0, 3.0f);
  if (*value) {
    float t = box / 6;
    dl->AddLine(ImVec2(b0.x + t, b0.y + box * 0.5f), ImVec2(b0.x + box * 0.42f, b1.y - t), theme::col(theme::kOnPrimary), t);
    dl->AddLine(ImVec2(b0.x + box * 0.42f, b1.y - t), ImVec2(b1.x - t, b0.y + t), theme::col(theme::kOnPrimary), t);
  }
  ImFont* font = ui.fonts.body;
  float tx = b1.x + ui.m.gap * 1.4f;
  float wrap = max.x - tx - ui.m.gap;
  float th = text_height(font, label, wrap);
  bidi::draw_text(dl, font, tx, pos.y + (size.y - th) * 0.5f, theme::col(theme::kText), label, wrap);
  return clicked;
}

float field_error(Ui& ui, const char* field, ImVec2 pos, float width) {
  const Error* e = ui.s.error_for(field);
  if (!e) return 0;
  const std::string& msg = ui.t(core::error_key(*e));
  float h = text_height(ui.fonts.body, msg, width - 2 * ui.m.gap) + ui.m.gap;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), theme::col(theme::kErrorBg), 6);
  dl->AddRectFilled(pos, ImVec2(pos.x + 8, pos.y + h), theme::col(theme::kError), 0);
  text(ui, msg, ImVec2(pos.x + ui.m.gap * 1.4f, pos.y + ui.m.gap * 0.5f), width - 2 * ui.m.gap, theme::kError,
       ui.fonts.body);
  return h;
}

}  // namespace kiosk::ui
