// Question step 1 (topic) and the separate, explicit opt-in to make the question public, showing the
// public text with personal data replaced before the citizen agrees.
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_question_topic(Ui& ui) {
  ImVec2 p = begin_screen(ui, "question_topic", ui.t("question.topic.title"));
  const auto& topics = ui.s.tree().question_topics;
  Grid g = make_grid(ui, p, int(topics.size()), 2, ui.display.y - ui.m.pad);
  for (std::size_t i = 0; i < topics.size(); ++i) {
    std::string id = "topic." + topics[i].slug;
    Style st = ui.s.question().topic == topics[i].slug ? Style::selected : Style::secondary;
    if (button(ui, id.c_str(), text_in(topics[i].name, ui.lang()), g.pos(int(i)), ImVec2(g.w, g.h), st, true, false))
      ui.s.pick_topic(topics[i].slug);
  }
  end_screen(ui);
}

void draw_question_publish(Ui& ui) {
  ImVec2 p = begin_screen(ui, "question_publish", ui.t("question.publish.title"));
  const float W = ui.display.x - 2 * ui.m.pad;
  float y = p.y;
  y += text(ui, ui.t("question.publish.body"), ImVec2(p.x, y), W, theme::kText, ui.fonts.body) + ui.m.gap;
  y += text(ui, ui.t("question.publish.preview"), ImVec2(p.x, y), W, theme::kMuted, ui.fonts.body) + ui.m.gap * 0.5f;
  std::string preview = ui.s.public_preview();
  if (preview.size() > 300) preview = preview.substr(0, 300) + "…";
  float h = text_height(ui.fonts.body, preview, W - 2 * ui.m.pad);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float box_bottom = std::min(y + h + ui.m.pad, content_bottom(ui) - ui.m.button_h - ui.m.gap * 2);
  dl->AddRect(ImVec2(p.x, y), ImVec2(p.x + W, box_bottom), theme::col(theme::kFieldBorder), 6, 0, 2);
  dl->PushClipRect(ImVec2(p.x, y), ImVec2(p.x + W, box_bottom), true);
  text(ui, preview, ImVec2(p.x + ui.m.pad * 0.5f, y + ui.m.pad * 0.5f), W - ui.m.pad, theme::kText, ui.fonts.body);
  dl->PopClipRect();
  y = box_bottom + ui.m.gap * 2;
  float half = (W - ui.m.pad) * 0.5f;
  bool pub = ui.s.question().publish;
  if (button(ui, "publish.no", ui.t("question.publish.no"), ImVec2(p.x, y), ImVec2(half, ui.m.button_h),
             pub ? Style::secondary : Style::selected))
    ui.s.set_publish(false);
  if (button(ui, "publish.yes", ui.t("question.publish.yes"), ImVec2(p.x + half + ui.m.pad, y), ImVec2(half, ui.m.button_h),
             pub ? Style::selected : Style::secondary))
    ui.s.set_publish(true);
  if (bottom_action(ui, "app.next", ui.t("app.next"))) ui.s.next();
  end_screen(ui);
}

}  // namespace kiosk::ui
