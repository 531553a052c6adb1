// Look up: type a reference code on a large keypad (Crockford base32: no I, L, O, U); see the status and
// the answer when one has come back.
#include <fmt/format.h>

#include "kiosk/sync/refcode.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_lookup(Ui& ui) {
  ImVec2 p = begin_screen(ui, "lookup", ui.t("lookup.title"));
  const float W = ui.display.x - 2 * ui.m.pad;
  float y = p.y;
  std::string& code = ui.s.lookup_code();
  const auto& result = ui.s.lookup_result();
  if (result) {
    // The answer view.
    ImFont* cf = ui.fonts.code;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    std::string grouped = refcode::group(result->reference);
    dl->AddText(cf, cf->FontSize * 0.7f, ImVec2(p.x, y), theme::col(theme::kText), grouped.c_str());
    y += cf->FontSize * 0.7f + ui.m.pad;
    y += text(ui, ui.t("lookup.status"), ImVec2(p.x, y), W, theme::kMuted, ui.fonts.body) + ui.m.gap * 0.5f;
    const char* key = result->status == core::LookupStatus::answered    ? "lookup.status.answered"
                      : result->status == core::LookupStatus::delivered ? "lookup.status.delivered"
                                                                        : "lookup.status.received";
    y += text(ui, ui.t(key), ImVec2(p.x, y), W, theme::kText, ui.fonts.heading) + ui.m.pad;
    if (!result->answer.empty()) {
      y += text(ui, ui.t("lookup.answer"), ImVec2(p.x, y), W, theme::kMuted, ui.fonts.body) + ui.m.gap * 0.5f;
      text(ui, result->answer, ImVec2(p.x, y), W, theme::kText, ui.fonts.body);
    }
    end_screen(ui);
    return;
  }
  y += text(ui, ui.t("lookup.hint"), ImVec2(p.x, y), W * 0.5f, theme::kText, ui.fonts.body) + ui.m.gap;
  // The code typed so far, grouped like the receipt (PP-BBBB-BBBC).
  std::string shown;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i == 2 || i == 6) shown += '-';
    shown += code[i];
  }
  ImFont* cf = ui.fonts.code;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float box_h = cf->FontSize + ui.m.gap * 2;
  float box_w = W * 0.45f;
  dl->AddRect(ImVec2(p.x, y), ImVec2(p.x + box_w, y + box_h), theme::col(theme::kFieldBorder), 6, 0, 3);
  dl->PushClipRect(ImVec2(p.x, y), ImVec2(p.x + box_w, y + box_h), true);
  dl->AddText(cf, cf->FontSize, ImVec2(p.x + ui.m.gap, y + ui.m.gap), theme::col(theme::kText), shown.c_str());
  dl->PopClipRect();
  y += box_h + ui.m.gap;
  field_error(ui, "reference", ImVec2(p.x, y), box_w);

  // Keypad on the right half: 32 characters in 8 columns, then erase and search.
  const std::string_view alphabet = refcode::kAlphabet;
  float kx = p.x + box_w + ui.m.pad;
  float kw = ui.display.x - ui.m.pad - kx;
  Grid g = make_grid(ui, ImVec2(kx, p.y), 40, 8, ui.display.y - ui.m.pad);
  g.w = (kw - g.gap * 7) / 8;
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    char c = alphabet[i];
    std::string label(1, c);
    std::string id = "pad." + label;
    if (button(ui, id.c_str(), label, g.pos(int(i)), ImVec2(g.w, g.h)) && code.size() < refcode::kLength) {
      code += c;
      ui.s.clear_error("reference");
    }
  }
  ImVec2 e = g.pos(32);
  float wide = g.w * 3 + g.gap * 2;
  if (button(ui, "pad.erase", ui.t("lookup.erase"), e, ImVec2(wide, g.h)) && !code.empty()) {
    code.pop_back();
    ui.s.clear_error("reference");
  }
  ImVec2 s = g.pos(35);
  if (button(ui, "lookup.search", ui.t("lookup.search"), s, ImVec2(g.w * 5 + g.gap * 4, g.h), Style::primary,
             !code.empty()))
    ui.s.look_up();
  end_screen(ui);
}

}  // namespace kiosk::ui
