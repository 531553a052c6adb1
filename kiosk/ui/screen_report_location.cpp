// Report, step 3: where is it? The kiosk's own location (default), the configured nearby places, or typed.
#include "ui_internal.hpp"

namespace kiosk::ui {

void draw_report_location(Ui& ui) {
  ImVec2 p = begin_screen(ui, "report_location", ui.t("report.location.title"));
  auto& loc = ui.s.report().location;
  const auto& places = ui.s.config().places;
  const float W = ui.display.x - 2 * ui.m.pad;
  using LC = core::LocationChoice;
  if (loc.kind == LC::typed_in) {
    // Typing: the field, and a way back to the list.
    float y = p.y;
    if (button(ui, "loc.list", ui.t("report.location.here"), ImVec2(p.x, y), ImVec2(W, ui.m.button_h))) {
      LC c;
      c.kind = LC::at_kiosk;
      ui.s.pick_location(c);
    }
    y += ui.m.button_h + ui.m.gap * 2;
    text_field(ui, "loc.typed", ui.t("report.location.typed_label"), &loc.typed, ImVec2(p.x, y), W, ui.m.button_h,
               false, "location");
  } else {
    int n = int(places.size()) + 2;
    float bottom = content_bottom(ui) - ui.m.gap;
    if (ui.s.error_for("location")) bottom -= ui.fonts.body->FontSize * 2.5f;
    std::string here = ui.t("report.location.here");
    const std::string& kname = ui.s.config().kiosk.location.name;
    if (!kname.empty()) here += ": " + kname;
    std::vector<std::string_view> labels{here, ui.t("report.location.type")};
    for (const auto& pl : places) labels.push_back(pl.name);
    Grid g = make_grid(ui, p, labels, 2, bottom);
    (void)n;
    if (button(ui, "loc.here", here, g.pos(0), ImVec2(g.w, g.h),
               loc.kind == LC::at_kiosk ? Style::selected : Style::secondary, true, false)) {
      LC c;
      c.kind = LC::at_kiosk;
      ui.s.pick_location(c);
    }
    for (std::size_t i = 0; i < places.size(); ++i) {
      std::string id = "loc.place." + std::to_string(i);
      bool sel = loc.kind == LC::at_place && loc.place == int(i);
      if (button(ui, id.c_str(), places[i].name, g.pos(int(i) + 1), ImVec2(g.w, g.h),
                 sel ? Style::selected : Style::secondary, true, false)) {
        LC c;
        c.kind = LC::at_place;
        c.place = int(i);
        ui.s.pick_location(c);
      }
    }
    if (button(ui, "loc.type", ui.t("report.location.type"), g.pos(n - 1), ImVec2(g.w, g.h), Style::quiet, true,
               false)) {
      LC c;
      c.kind = LC::typed_in;
      ui.s.pick_location(c);
    }
    float y = g.pos(n - 1).y + g.h + ui.m.gap;
    field_error(ui, "location", ImVec2(p.x, y), W);
  }
  if (bottom_action(ui, "app.next", ui.t("app.next"))) ui.s.next();
  end_screen(ui);
}

}  // namespace kiosk::ui
