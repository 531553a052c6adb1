// Idea / poll: the poll from the configuration; one answer per session.
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_poll(Ui& ui) {
  ImVec2 p = begin_screen(ui, "poll", ui.t("poll.title"));
  const Poll* poll = ui.s.active_poll();
  const float W = ui.display.x - 2 * ui.m.pad;
  float y = p.y;
  if (poll) {
    y += text(ui, poll->question.get(ui.lang()), ImVec2(p.x, y), W, theme::kText, ui.fonts.heading) + ui.m.pad;
    mark_instructions(ui);  // what the screen asks
    bool done = ui.s.poll_form().answered;
    if (done) y += text(ui, ui.t("poll.done"), ImVec2(p.x, y), W, theme::kText, ui.fonts.body) + ui.m.gap;
    float bottom = content_bottom(ui) - ui.m.gap;
    if (ui.s.error_for("poll_answer")) bottom -= ui.fonts.body->FontSize * 2;
    std::vector<std::string_view> labels;
    for (const auto& a : poll->answers) labels.push_back(a.text.get(ui.lang()));
    Grid g = make_grid(ui, ImVec2(p.x, y), labels, 1, bottom);
    for (std::size_t i = 0; i < poll->answers.size(); ++i) {
      const auto& a = poll->answers[i];
      std::string id = "poll." + a.id;
      Style st = ui.s.poll_form().answer == a.id ? Style::selected : Style::secondary;
      if (button(ui, id.c_str(), a.text.get(ui.lang()), g.pos(int(i)), ImVec2(g.w, g.h), st, !done, false))
        ui.s.pick_poll_answer(a.id);
    }
    y = g.pos(int(poll->answers.size()) - 1).y + g.h + ui.m.gap;
    field_error(ui, "poll_answer", ImVec2(p.x, y), W);
    for (const auto& e : ui.s.errors())
      if (e.field.empty()) field_error(ui, "", ImVec2(p.x, y), W);
    if (bottom_action(ui, "poll.send", ui.t("poll.send"), Style::primary, !done)) ui.s.submit();
  }
  end_screen(ui);
}

}  // namespace kiosk::ui
