// Report step 4 (description) and question (or idea) step 2: one large text field.
#include "ui_internal.hpp"

namespace kiosk::ui {

static void draw_text_step(Ui& ui, const char* name, const char* title_key, const char* hint_key,
                           core::TextBuffer* value) {
  ImVec2 p = begin_screen(ui, name, ui.t(title_key));
  const float W = ui.display.x - 2 * ui.m.pad;
  float y = p.y;
  if (ui.keyboard_h == 0) {
    y += text(ui, ui.t(hint_key), ImVec2(p.x, y), W, theme::kMuted, ui.fonts.body) + ui.m.gap;
    mark_instructions(ui);
  }
  float err_h = ui.s.error_for("text") ? ui.fonts.body->FontSize * 2.5f : 0;
  float h = std::max(ui.m.target * 2, content_bottom(ui) - y - ui.m.gap - err_h);
  text_field(ui, "text", "", value, ImVec2(p.x, y), W, h, true, "text");
  if (bottom_action(ui, "app.next", ui.t("app.next"))) ui.s.next();
  end_screen(ui);
}

void draw_report_description(Ui& ui) {
  draw_text_step(ui, "report_description", "report.description.title", "report.description.hint",
                 &ui.s.report().description);
}

void draw_question_text(Ui& ui) {
  core::TextBuffer* v = &ui.s.question().text;
  const bool idea = ui.s.writing_idea();
  draw_text_step(ui, "question_text", idea ? "idea.text.title" : "question.text.title",
                 idea ? "idea.text.hint" : "question.text.hint", v);
}

}  // namespace kiosk::ui
