// Choose: the six things a citizen can do, as large tiles.
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_choose(Ui& ui) {
  ImVec2 p = begin_screen(ui, "choose", ui.t("choose.title"));
  p.y += instructions(ui, "choose.hint", p) + ui.m.gap;
  struct Item {
    core::Flow flow;
    const char* id;
    const char* key;
  };
  const Item items[] = {{core::Flow::question, "choose.question", "choose.question"},
                        {core::Flow::report, "choose.report", "choose.report"},
                        {core::Flow::idea, "choose.idea", "choose.idea"},
                        {core::Flow::poll, "choose.poll", "choose.poll"},
                        {core::Flow::news, "choose.news", "choose.news"},
                        {core::Flow::lookup, "choose.lookup", "choose.lookup"}};
  std::vector<std::string_view> labels;
  for (const auto& it : items)
    if (ui.s.offers(it.flow)) labels.push_back(ui.t(it.key));
  Grid g = make_grid(ui, p, labels, 1, content_bottom(ui));
  int i = 0;
  for (const auto& it : items) {
    if (!ui.s.offers(it.flow)) continue;
    bool done = it.flow == core::Flow::poll && ui.s.poll_form().answered;
    if (button(ui, it.id, ui.t(it.key), g.pos(i++), ImVec2(g.w, g.h), Style::secondary, !done, false))
      ui.s.choose(it.flow);
  }
  end_screen(ui);
}

}  // namespace kiosk::ui
