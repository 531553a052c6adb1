// The theme: dark text on white, dark-blue primary actions. Every colour pair text is drawn in is listed
// in pairs() with the contrast it must reach (body text 7:1, WCAG 1.4.6; borders 3:1, WCAG 1.4.11).
// High contrast (a citizen's switch): white text on black, yellow actions; text 7:1, borders and focus
// 4.5:1. Screens keep naming the normal palette's colours; col()/vec() draw them in the active one.
#include "ui_internal.hpp"

namespace kiosk::ui::theme {

namespace {

bool g_high_contrast = false;

// Normal colour -> high-contrast colour. White is background-like wherever it is used (background, field,
// key, text on a primary button), so it maps to black; the primary blue becomes yellow.
std::uint32_t high_contrast_of(std::uint32_t rgb) {
  switch (rgb) {
    case kBackground: return 0x000000;  // also kOnPrimary, kKey, kField
    case kText: return 0xFFFFFF;
    case kMuted: return 0xE0E0E0;
    case kPrimary: return 0xFFE000;  // also kBar
    case kPrimaryPressed: return 0xB8A000;
    case kTile: return 0x000000;
    case kTilePressed: return 0x3A3A3A;
    case kError: return 0xFF8A8A;
    case kErrorBg: return 0x1A0000;
    case kAssisted: return 0xFFE000;
    case kAssistedBg: return 0x000000;
    case kKeyboard: return 0x202020;
    case kFieldBorder: return 0xFFFFFF;
    case 0xB9D3EE: return 0x6A5A00;  // selected text background
    default: return rgb;
  }
}

}  // namespace

void set_high_contrast(bool on) { g_high_contrast = on; }
bool high_contrast() { return g_high_contrast; }
std::uint32_t active(std::uint32_t rgb) { return g_high_contrast ? high_contrast_of(rgb) : rgb; }

ImU32 col(std::uint32_t rgb, int alpha) {
  rgb = active(rgb);
  return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

ImVec4 vec(std::uint32_t rgb, float alpha) {
  rgb = active(rgb);
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
  std::vector<ColorPair> out = {
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
      {"selected tile on background (non-text, focus)", kPrimary, kBackground, 3.0},
      {"text on pressed primary button", kOnPrimary, kPrimaryPressed, 7.0},
  };
  for (auto& p : out) {
    p.fg = active(p.fg);
    p.bg = active(p.bg);
    if (g_high_contrast && p.min_ratio < 4.5) p.min_ratio = 4.5;  // borders and focus: 4.5:1 in high contrast
  }
  return out;
}

}  // namespace kiosk::ui::theme
