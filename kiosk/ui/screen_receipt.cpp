// Receipt: the reference code in large grouped characters, what happens next (the category's
// handling_message: the response-time promise), printing when a printer is configured (the slip and the
// printer are kiosk/core's: receipt.hpp, printer.hpp), then Done. A print that failed says why (no paper,
// printer not working) and asks the citizen to write the code down or ask staff; it may be tried again.
#include "kiosk/sync/refcode.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_receipt(Ui& ui) {
  ImVec2 p = begin_screen(ui, "receipt", ui.t("receipt.title"));
  const auto& r = ui.s.receipt();
  const float W = ui.display.x - 2 * ui.m.pad;
  float y = p.y;
  if (r) {
    y += text(ui, ui.t("receipt.code"), ImVec2(p.x, y), W, theme::kText, ui.fonts.heading) + ui.m.gap;
    std::string code = refcode::group(r->reference);
    ImFont* cf = ui.fonts.code;
    float cw = cf->CalcTextSizeA(cf->FontSize, FLT_MAX, 0, code.c_str()).x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float box_h = cf->FontSize + ui.m.pad;
    dl->AddRect(ImVec2(p.x, y), ImVec2(p.x + W, y + box_h), theme::col(theme::kPrimary), 8, 0, 3);
    dl->AddText(cf, cf->FontSize, ImVec2(p.x + (W - cw) * 0.5f, y + ui.m.pad * 0.5f), theme::col(theme::kText),
                code.c_str());
    // In the reading order: next / previous reach it, choosing it spells it again.
    register_widget(ui, core::Role::text, "receipt.code", code, ImVec2(p.x, y), ImVec2(p.x + W, y + box_h)).spell =
        true;
    y += box_h + ui.m.gap;
    if (ui.speech)  // spoken after the title, character by character; repeat says it again
      ui.speech->alert("receipt.code",
                       ui.t("receipt.code") + " " + core::SpeechMode::spell(r->reference, ui.catalogs.get(ui.lang())));
    y += text(ui, ui.t(r->kind == Kind::poll ? "receipt.keep.poll" : "receipt.keep"), ImVec2(p.x, y), W, theme::kText,
              ui.fonts.body) +
         ui.m.pad;
    mark_instructions(ui);
    std::string next = ui.s.handling_message();
    if (next.empty()) next = ui.t(r->kind == Kind::poll ? "receipt.next.poll" : "receipt.next.question");
    y += text(ui, next, ImVec2(p.x, y), W, theme::kText, ui.fonts.body) + ui.m.pad;
    if (ui.s.print_available()) {
      if (ui.print_state == 1 && !ui.print_job.running()) {
        auto res = ui.print_job.result();
        ui.print_state = res && res->exit_code == 0 ? 3 : 2;
      }
      // Under the text (the bottom bar holds Done and, when the page scrolls, its buttons).
      if (ui.print_state == 1)
        y += text(ui, ui.t("receipt.printing"), ImVec2(p.x, y), W, theme::kText, ui.fonts.body) + ui.m.gap;
      if (ui.print_state == 2 || ui.print_state == 3)
        y += text(ui, ui.t(core::print_result_key(ui.s.printer_status().state)), ImVec2(p.x, y), W,
                  ui.print_state == 2 ? theme::kError : theme::kText, ui.fonts.body) +
             ui.m.gap;
      const std::string& pl = ui.t("receipt.print");
      Grid g = make_grid(ui, ImVec2(p.x, y), {pl}, 1, content_bottom(ui));
      if (button(ui, "receipt.print", pl, ImVec2(p.x, y), ImVec2(ui.m.one_column ? W : W * 0.5f, g.h), Style::secondary,
                 ui.print_state == 0 || ui.print_state == 2)) {
        if (ui.s.print_receipt(ui.catalogs, ui.print_job, ui.wake)) ui.print_state = 1;
      }
    }
  }
  if (bottom_action(ui, "receipt.done", ui.t("receipt.done"))) {
    ui.print_state = 0;
    ui.s.finish();
  }
  end_screen(ui);
}

}  // namespace kiosk::ui
