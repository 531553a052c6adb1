// Optional contact details with the municipality's consent wording (contact about this message only).
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_contact(Ui& ui) {
  bool report = ui.s.screen() == core::Screen::report_contact;
  core::ContactForm& c = report ? ui.s.report().contact : ui.s.question().contact;
  ImVec2 p = begin_screen(ui, report ? "report_contact" : "question_contact", ui.t("contact.title"));
  const float W = ui.display.x - 2 * ui.m.pad;
  float y = p.y;
  bool has_errors = !ui.s.errors().empty();
  if (ui.keyboard_h == 0 && !has_errors) {
    y += text(ui, ui.t("contact.optional"), ImVec2(p.x, y), W, theme::kMuted, ui.fonts.body) + ui.m.gap;
    mark_instructions(ui);
  }
  const float half = (W - ui.m.pad) * 0.5f;
  float y1 =
      text_field(ui, "contact.email", ui.t("contact.email"), &c.email, ImVec2(p.x, y), half,
                 std::max(ui.m.target, ui.m.button_h * 0.8f), false, "email", ImGuiInputTextFlags_CharsNoBlank, false);
  float y2 = text_field(ui, "contact.phone", ui.t("contact.phone"), &c.phone, ImVec2(p.x + half + ui.m.pad, y), half,
                        std::max(ui.m.target, ui.m.button_h * 0.8f), false, "phone", kNumberPad, false);
  y = std::max(y1, y2);
  // The fields' errors full width under both (fewer lines than two half columns); the red border shows which.
  y += field_error(ui, "email", ImVec2(p.x, y), W);
  y += field_error(ui, "phone", ImVec2(p.x, y), W) + ui.m.gap;
  if (!ui.keyboard.visible) {
    // As tall as fits above the action bar (large text and error messages take room), never below a target.
    const std::string& consent = ui.t("contact.consent");
    float need =
        text_height(ui.fonts.body, consent, W - ui.fonts.body->FontSize * 1.4f - ui.m.gap * 3.8f) + 2 * ui.m.gap;
    float ch = std::max({ui.m.target, need, std::min(content_bottom(ui) - y - ui.m.gap, ui.m.button_h * 1.2f)});
    checkbox(ui, "contact.consent", consent, &c.consent, ImVec2(p.x, y), ImVec2(W, ch));
    y += ch + ui.m.gap;
    y += field_error(ui, "consent", ImVec2(p.x, y), W);
    read_details_control(ui, ImVec2(p.x, y), W);  // speech mode: hear the details typed
  }
  if (bottom_action(ui, "app.next", ui.t("app.next"))) ui.s.next();
  end_screen(ui);
}

}  // namespace kiosk::ui
