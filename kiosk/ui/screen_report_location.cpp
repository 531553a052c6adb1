// Report, step 3: where is it? Three views of one choice (core::LocationChoice):
//   list   the kiosk's own location (default), the configured nearby places, "on the map", "type it"
//   typed  an address field with the address list's suggestions to tap; an address the list does not
//          have is sent as typed, and the screen says the spot will not be exact
//   map    the municipality's offline map (map_view.cpp), centred on the kiosk, moved with +/− and arrow
//          buttons; a tap puts the marker there. Without a map file the list says so.
#include "ui_internal.hpp"

namespace kiosk::ui {

namespace {

using LC = core::LocationChoice;

void choose(Ui& ui, LC::Kind kind, int place = -1) {
  LC c;
  c.kind = kind;
  c.place = place;
  ui.s.pick_location(std::move(c));
}

// A dot with a name on the map (clipped to it by the caller).
void landmark(Ui& ui, ImDrawList* dl, ImVec2 at, std::string_view name, std::uint32_t colour) {
  ImFont* font = ui.fonts.body;
  float r = std::max(6.0f, font->FontSize * 0.3f);
  dl->AddCircleFilled(at, r, theme::col(colour));
  dl->AddCircle(at, r, theme::col(theme::kBackground), 0, 2.0f);
  if (name.empty()) return;
  float w = text_width(font, name);
  ImVec2 p(at.x + r * 1.6f, at.y - font->FontSize * 0.5f);
  dl->AddRectFilled(ImVec2(p.x - 3, p.y - 1), ImVec2(p.x + w + 3, p.y + font->FontSize + 1),
                    theme::col(theme::kBackground, 210), 3);
  draw_text(ui, dl, font, p, w + 1, theme::col(theme::kText), name);
}

void draw_list(Ui& ui, ImVec2 p, float W) {
  auto& loc = ui.s.report().location;
  const auto& places = ui.s.config().places;
  const bool map = ui.map && ui.map->available();
  float bottom = content_bottom(ui) - ui.m.gap;
  if (ui.s.error_for("location")) bottom -= ui.fonts.body->FontSize * 2.5f;
  if (!map) bottom -= ui.fonts.body->FontSize * 2.5f;
  std::string here = ui.t("report.location.here");
  const std::string& kname = ui.s.config().kiosk.location.name;
  if (!kname.empty()) here += ": " + kname;
  std::vector<std::string_view> labels{here};
  if (map) labels.push_back(ui.t("report.location.map"));
  for (const auto& pl : places) labels.push_back(pl.name);
  labels.push_back(ui.t("report.location.type"));
  const int first_place = map ? 2 : 1;
  const int n = int(labels.size());
  Grid g = make_grid(ui, p, labels, 2, bottom);
  if (button(ui, "loc.here", here, g.pos(0), ImVec2(g.w, g.h),
             loc.kind == LC::at_kiosk ? Style::selected : Style::secondary, true, false))
    choose(ui, LC::at_kiosk);
  if (map &&
      button(ui, "loc.map", ui.t("report.location.map"), g.pos(1), ImVec2(g.w, g.h), Style::secondary, true, false)) {
    ui.map->reset();
    choose(ui, LC::on_map);
  }
  for (std::size_t i = 0; i < places.size(); ++i) {
    std::string id = "loc.place." + std::to_string(i);
    bool sel = loc.kind == LC::at_place && loc.place == int(i);
    if (button(ui, id.c_str(), places[i].name, g.pos(int(i) + first_place), ImVec2(g.w, g.h),
               sel ? Style::selected : Style::secondary, true, false))
      choose(ui, LC::at_place, int(i));
  }
  if (button(ui, "loc.type", ui.t("report.location.type"), g.pos(n - 1), ImVec2(g.w, g.h), Style::quiet, true, false))
    choose(ui, LC::typed_in);
  float y = g.pos(n - 1).y + g.h + ui.m.gap;
  if (!map) {
    y += text(ui, ui.t("report.location.no_map"), ImVec2(p.x, y), W, theme::kMuted) + ui.m.gap;
    mark_instructions(ui);
  }
  field_error(ui, "location", ImVec2(p.x, y), W);
}

void draw_typed(Ui& ui, ImVec2 p, float W) {
  auto& loc = ui.s.report().location;
  float y = p.y;
  if (button(ui, "loc.list", ui.t("report.location.here"), ImVec2(p.x, y), ImVec2(W, ui.m.button_h)))
    choose(ui, LC::at_kiosk);
  y += ui.m.button_h + ui.m.gap * 2;
  y = text_field(ui, "loc.typed", ui.t("report.location.typed_label"), &loc.typed, ImVec2(p.x, y), W, ui.m.button_h,
                 false, "location");
  y += ui.m.gap;
  if (loc.typed.empty() || ui.s.addresses().empty()) return;
  // Suggestions from the address list, as many as fit above the keyboard (at most four).
  const float bottom = content_bottom(ui) - ui.m.gap;
  const float row = ui.m.button_h + ui.m.gap;
  const core::Address* found = ui.s.typed_address();
  std::size_t room = bottom > y ? std::size_t((bottom - y) / row) : 0;
  auto hits = ui.s.address_suggestions(std::min<std::size_t>(4, room));
  if (found && hits.size() == 1 && &ui.s.addresses().at(hits[0]) == found) return;  // nothing left to choose
  for (std::size_t i = 0; i < hits.size(); ++i) {
    std::string id = "loc.address." + std::to_string(i);
    std::string label = ui.s.addresses().at(hits[i]).label();
    bool sel = found == &ui.s.addresses().at(hits[i]);
    if (button(ui, id.c_str(), label, ImVec2(p.x, y), ImVec2(W, ui.m.button_h),
               sel ? Style::selected : Style::secondary, true, false))
      ui.s.pick_address(hits[i]);
    y += row;
  }
  if (hits.empty() && !found) text(ui, ui.t("report.location.not_found"), ImVec2(p.x, y), W, theme::kMuted);
}

void draw_map(Ui& ui, ImVec2 p, float W) {
  auto& loc = ui.s.report().location;
  MapView& map = *ui.map;
  float y = p.y;
  if (button(ui, "loc.list", ui.t("report.location.here"), ImVec2(p.x, y), ImVec2(W, ui.m.button_h)))
    choose(ui, LC::at_kiosk);
  y += ui.m.button_h + ui.m.gap;
  const std::string& hint = ui.t(loc.tapped ? "report.location.map_chosen" : "report.location.map_hint");
  y += text(ui, hint, ImVec2(p.x, y), W) + ui.m.gap;
  float bottom = content_bottom(ui) - ui.m.gap;
  if (ui.s.error_for("location")) bottom -= ui.fonts.body->FontSize * 2.5f;
  // The buttons: three columns at the end side, two rows (+ up −, left down right); the map at least as
  // tall as they are (on a small panel in large text the page scrolls).
  const float s = ui.m.button_h;
  const float h = std::max(bottom - y, 2 * s + ui.m.gap);
  const float cw = 3 * s + 2 * ui.m.gap;
  const float mw = W - cw - ui.m.gap;
  const float cx = p.x + mw + ui.m.gap;
  struct Control {
    const char* id;
    int zoom;
    float dx, dy;
  };
  const float step = std::min(mw, h) / 3;
  const Control controls[] = {{"map.zoom_in", 1, 0, 0},  {"map.up", 0, 0, -step},  {"map.zoom_out", -1, 0, 0},
                              {"map.left", 0, -step, 0}, {"map.down", 0, 0, step}, {"map.right", 0, step, 0}};
  for (int i = 0; i < 6; ++i) {
    const Control& c = controls[i];
    ImVec2 at(cx + float(i % 3) * (s + ui.m.gap), y + float(i / 3) * (s + ui.m.gap));
    bool enabled = c.zoom == 0 || map.can_zoom(c.zoom);
    if (button(ui, c.id, ui.t(c.id), at, ImVec2(s, s), Style::secondary, enabled)) {
      if (c.zoom) map.zoom_by(c.zoom);
      else map.pan(c.dx, c.dy);
    }
  }
  // The map at the start side; not mirrored for right-to-left languages (north stays up, east right).
  ImVec2 mmin(flip_x(ui, p.x, mw), y), mmax(mmin.x + mw, y + h);
  ImGui::SetCursorScreenPos(mmin);
  bool tapped = ImGui::InvisibleButton("##map", ImVec2(mw, h)) && !ui.dragging;
  register_widget(ui, core::Role::button, "loc.tap", hint, mmin, mmax);
  if (tapped) ui.s.pick_on_map(map.at(ImGui::GetIO().MousePos, mmin, mmax));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  map.draw(dl, mmin, mmax);
  dl->PushClipRect(mmin, mmax, true);
  // The configured places, and the kiosk ("you are here") on top; a place right next to the kiosk keeps
  // its dot but not its name, which the kiosk's would cover.
  const Place& k = ui.s.config().kiosk.location;
  std::optional<ImVec2> here;
  if (k.lat && k.lon) here = map.screen_of({*k.lat, *k.lon}, mmin, mmax);
  for (const auto& pl : ui.s.config().places) {
    if (!pl.lat || !pl.lon) continue;
    ImVec2 at = map.screen_of({*pl.lat, *pl.lon}, mmin, mmax);
    bool crowded = here && std::abs(at.x - here->x) < ui.fonts.body->FontSize * 8 &&
                   std::abs(at.y - here->y) < ui.fonts.body->FontSize * 1.5f;
    landmark(ui, dl, at, crowded ? std::string_view() : std::string_view(pl.name), theme::kMuted);
  }
  if (here) landmark(ui, dl, *here, ui.t("report.location.you_are_here"), theme::kPrimary);
  if (loc.tapped) {  // the marker: a pin whose point is the spot
    ImVec2 at = map.screen_of(*loc.tapped, mmin, mmax);
    float r = std::max(9.0f, ui.fonts.body->FontSize * 0.45f);
    dl->AddLine(ImVec2(at.x, at.y - 2.2f * r), at, theme::col(theme::kError), 4.0f);
    dl->AddCircleFilled(ImVec2(at.x, at.y - 2.2f * r), r, theme::col(theme::kError));
    dl->AddCircle(ImVec2(at.x, at.y - 2.2f * r), r, theme::col(theme::kBackground), 0, 2.0f);
  }
  dl->PopClipRect();
  dl->AddRect(mmin, mmax, theme::col(theme::kFieldBorder), 0, 0, 2.0f);
  field_error(ui, "location", ImVec2(p.x, y + h + ui.m.gap), W);
}

}  // namespace

void draw_report_location(Ui& ui) {
  ImVec2 p = begin_screen(ui, "report_location", ui.t("report.location.title"));
  const float W = ui.display.x - 2 * ui.m.pad;
  const auto kind = ui.s.report().location.kind;
  if (kind == LC::typed_in) draw_typed(ui, p, W);
  else if (kind == LC::on_map && ui.map && ui.map->available()) draw_map(ui, p, W);
  else draw_list(ui, p, W);
  if (bottom_action(ui, "app.next", ui.t("app.next"))) ui.s.next();
  end_screen(ui);
}

}  // namespace kiosk::ui
