// Question step 1 (topic) and the separate, explicit opt-in to make the question public, showing the
// public text with personal data replaced before the citizen agrees. An idea takes the same steps in its
// own words ("idea.*").
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_question_topic(Ui& ui) {
  const bool idea = ui.s.writing_idea();
  ImVec2 p = begin_screen(ui, "question_topic", ui.t(idea ? "idea.topic.title" : "question.topic.title"));
  p.y += instructions(ui, idea ? "idea.topic.hint" : "question.topic.hint", p) + ui.m.gap;
  if (const auto* n = node_tiles(ui, p, ui.s.tree().question_topics, ui.s.question().topic, "topic."))
    ui.s.pick_topic(n->slug);
  end_screen(ui);
}

void draw_question_publish(Ui& ui) {
  const bool idea = ui.s.writing_idea();
  ImVec2 p = begin_screen(ui, "question_publish", ui.t(idea ? "idea.publish.title" : "question.publish.title"));
  const float W = ui.display.x - 2 * ui.m.pad;
  float y = p.y;
  y += text(ui, ui.t(idea ? "idea.publish.body" : "question.publish.body"), ImVec2(p.x, y), W, theme::kText,
            ui.fonts.body) +
       ui.m.gap;
  mark_instructions(ui);
  y += text(ui, ui.t("question.publish.preview"), ImVec2(p.x, y), W, theme::kMuted, ui.fonts.body) + ui.m.gap * 0.5f;
  // The whole public text (the page scrolls when it is long).
  std::string preview = ui.s.public_preview();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float h =
      text(ui, preview, ImVec2(p.x + ui.m.pad * 0.5f, y + ui.m.pad * 0.5f), W - ui.m.pad, theme::kText, ui.fonts.body);
  ui.registry.items().back().personal = true;  // the citizen's words (speech mode: only with their opt-in)
  float box_bottom = y + h + ui.m.pad;
  dl->AddRect(ImVec2(p.x, y), ImVec2(p.x + W, box_bottom), theme::col(theme::kFieldBorder), 6, 0, 2);
  y = box_bottom + ui.m.gap * 2;
  bool pub = ui.s.question().publish;
  Grid g =
      make_grid(ui, ImVec2(p.x, y), {ui.t("question.publish.no"), ui.t("question.publish.yes")}, 2, content_bottom(ui));
  if (button(ui, "publish.no", ui.t("question.publish.no"), g.pos(0), ImVec2(g.w, g.h),
             pub ? Style::secondary : Style::selected))
    ui.s.set_publish(false);
  if (button(ui, "publish.yes", ui.t("question.publish.yes"), g.pos(1), ImVec2(g.w, g.h),
             pub ? Style::selected : Style::secondary))
    ui.s.set_publish(true);
  if (bottom_action(ui, "app.next", ui.t("app.next"))) ui.s.next();
  end_screen(ui);
}

}  // namespace kiosk::ui
