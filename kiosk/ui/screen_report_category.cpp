// Report, step 1 and 2: the two levels of the category tree as large tiles.
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_report_category(Ui& ui) {
  ImVec2 p = begin_screen(ui, "report_category", ui.t("report.category.title"));
  p.y += instructions(ui, "report.category.hint", p) + ui.m.gap;
  if (const auto* n = node_tiles(ui, p, ui.s.tree().categories, ui.s.report().main, "tile."))
    ui.s.pick_category(n->slug);
  end_screen(ui);
}

void draw_report_subcategory(Ui& ui) {
  const CategoryNode* main = ui.s.tree().main(ui.s.report().main);
  ImVec2 p = begin_screen(ui, "report_subcategory", ui.t("report.sub.title"));
  if (main) {
    // The main category chosen, as a reminder above the tiles.
    p.y += text(ui, text_in(main->name, ui.lang()), p, ui.display.x - 2 * ui.m.pad, theme::kMuted, ui.fonts.body) +
           ui.m.gap;
    p.y += instructions(ui, "report.sub.hint", p) + ui.m.gap;
    if (const auto* n = node_tiles(ui, p, main->children, ui.s.report().sub, "tile.")) ui.s.pick_subcategory(n->slug);
  }
  end_screen(ui);
}

}  // namespace kiosk::ui
