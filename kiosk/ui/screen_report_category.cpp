// Report, step 1 and 2: the two levels of the category tree as large tiles.
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_report_category(Ui& ui) {
  ImVec2 p = begin_screen(ui, "report_category", ui.t("report.category.title"));
  const auto& cats = ui.s.tree().categories;
  Grid g = make_grid(ui, p, int(cats.size()), 2, ui.display.y - ui.m.pad);
  for (std::size_t i = 0; i < cats.size(); ++i) {
    std::string id = "tile." + cats[i].slug;
    Style st = ui.s.report().main == cats[i].slug ? Style::selected : Style::secondary;
    if (button(ui, id.c_str(), text_in(cats[i].name, ui.lang()), g.pos(int(i)), ImVec2(g.w, g.h), st, true, false))
      ui.s.pick_category(cats[i].slug);
  }
  end_screen(ui);
}

void draw_report_subcategory(Ui& ui) {
  const CategoryNode* main = ui.s.tree().main(ui.s.report().main);
  ImVec2 p = begin_screen(ui, "report_subcategory", ui.t("report.sub.title"));
  if (main) {
    // The main category chosen, as a reminder above the tiles.
    p.y += text(ui, text_in(main->name, ui.lang()), p, ui.display.x - 2 * ui.m.pad, theme::kMuted, ui.fonts.body) +
           ui.m.gap;
    Grid g = make_grid(ui, p, int(main->children.size()), 2, ui.display.y - ui.m.pad);
    for (std::size_t i = 0; i < main->children.size(); ++i) {
      const auto& c = main->children[i];
      std::string id = "tile." + c.slug;
      Style st = ui.s.report().sub == c.slug ? Style::selected : Style::secondary;
      if (button(ui, id.c_str(), text_in(c.name, ui.lang()), g.pos(int(i)), ImVec2(g.w, g.h), st, true, false))
        ui.s.pick_subcategory(c.slug);
    }
  }
  end_screen(ui);
}

}  // namespace kiosk::ui
