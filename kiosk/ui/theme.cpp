// The theme: dark text on white, dark-blue primary actions. Every colour pair text is drawn in is listed
// in pairs() with the contrast it must reach (body text 7:1, WCAG 1.4.6; borders 3:1, WCAG 1.4.11).
#include "ui_internal.hpp"

namespace kiosk::ui::theme {

ImU32 col(std::uint32_t rgb, int alpha) {
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

ImVec4 vec(std::uint32_t rgb, float alpha) {
  return ImVec4(float((rgb >> 16) & 0xFF) / 255.f, float((rgb >> 8) & 0xFF) / 255.f, float(rgb & 0xFF) / 255.f, alpha);
}

void apply(ImGuiStyle& style, float scale) {
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(0, 0);
  style.WindowBorderSize = 0;
  style.WindowRounding = 0;
  style.FrameRounding = 8;
  style.FrameBorderSize = 2;
  style.FramePadding = ImVec2(14, 12);
  style.ItemSpacing = ImVec2(12, 12);
  style.ScrollbarSize = 0;
  style.TouchExtraPadding = ImVec2(0, 0);  // hit areas are exactly the drawn rectangles (no overlap)
  style.ScaleAllSizes(scale);
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = vec(kText);
  c[ImGuiCol_TextDisabled] = vec(kMuted);
  c[ImGuiCol_WindowBg] = vec(kBackground);
  c[ImGuiCol_ChildBg] = vec(kBackground, 0);
  c[ImGuiCol_PopupBg] = vec(kBackground);
  c[ImGuiCol_Border] = vec(kFieldBorder);
  c[ImGuiCol_FrameBg] = vec(kField);
  c[ImGuiCol_FrameBgHovered] = vec(kField);
  c[ImGuiCol_FrameBgActive] = vec(kField);
  c[ImGuiCol_Button] = vec(kTile);
  c[ImGuiCol_ButtonHovered] = vec(kTile);
  c[ImGuiCol_ButtonActive] = vec(kTilePressed);
  c[ImGuiCol_TextSelectedBg] = vec(0xB9D3EE);
  c[ImGuiCol_NavHighlight] = vec(kPrimary);
  c[ImGuiCol_ModalWindowDimBg] = vec(kDim, 0.6f);
}

std::vector<ColorPair> pairs() {
  return {
      {"body text on background", kText, kBackground, 7.0},
      {"hint text on background", kMuted, kBackground, 7.0},
      {"text on tile", kText, kTile, 7.0},
      {"text on pressed tile", kText, kTilePressed, 7.0},
      {"text on primary button", kOnPrimary, kPrimary, 7.0},
      {"top bar title", kOnPrimary, kBar, 7.0},
      {"error text on background", kError, kBackground, 7.0},
      {"error text on error background", kError, kErrorBg, 7.0},
      {"help badge", kAssisted, kAssistedBg, 7.0},
      {"text in a field", kText, kField, 7.0},
      {"key label on key", kText, kKey, 7.0},
      {"field border on background (non-text)", kFieldBorder, kBackground, 3.0},
      {"primary border on background (non-text)", kPrimary, kBackground, 3.0},
      {"key on keyboard background (non-text)", kText, kKeyboard, 4.5},
  };
}

}  // namespace kiosk::ui::theme
