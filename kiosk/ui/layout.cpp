// The frame every screen shares: a full-screen window, the top bar (Back, title, Staff, Stop) and the
// bottom action bar that moves up above the on-screen keyboard.
#include <imgui_internal.h>

#include "kiosk/ui/bidi.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {

static constexpr ImGuiWindowFlags kScreenFlags =
    ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav;

// While the keyboard is up, the bottom action is hidden ("Done typing" first), so the field gets the room.
float content_bottom(const Ui& ui) {
  if (ui.keyboard_h > 0) return ui.display.y - ui.keyboard_h - ui.m.gap;
  return ui.display.y - ui.m.button_h - 2 * ui.m.gap;
}

namespace {

ImGuiID sub_id(ImGuiID base, const char* what) { return ImHashStr(what, 0, base); }

float label_w(const Ui& ui, std::string_view s) { return text_width(ui.fonts.body, s); }

}  // namespace

Fixed::Fixed(Ui& u) : ui(u), saved(u.scroll) {
  ui.scroll = nullptr;
  ImGui::PushClipRect(ImVec2(0, 0), ui.display, false);
}
Fixed::~Fixed() {
  ImGui::PopClipRect();
  ui.scroll = saved;
}

// The reading-mode switches (large text "A+", high contrast "◐"), end side of a bar; returns the new
// right edge. They show a symbol; the registry carries their full name for speech.
float mode_switches(Ui& ui, float right, float y, float h) {
  struct Switch {
    const char* id;
    const char* symbol_key;
    const char* name_key;
    bool on;
  };
  const Switch sw[] = {{"mode.contrast", "mode.contrast_symbol", "mode.contrast", ui.s.high_contrast()},
                       {"mode.large_text", "mode.large_text_symbol", "mode.large_text", ui.s.large_text()}};
  for (const auto& s : sw) {
    const std::string& sym = ui.t(s.symbol_key);
    float w = std::max(ui.m.target, label_w(ui, sym) + 3 * ui.m.gap);
    right -= w;
    bool tapped = button(ui, s.id, sym, ImVec2(right, y), ImVec2(w, h), s.on ? Style::selected : Style::secondary);
    core::Widget& r = ui.registry.items().back();
    r.key = s.name_key;
    r.label = ui.t(s.name_key);
    r.value = s.on ? "on" : "off";
    if (tapped) {
      if (std::string_view(s.id) == "mode.contrast") ui.s.set_high_contrast(!s.on);
      else ui.s.set_large_text(!s.on);
    }
    right -= ui.m.gap;
  }
  return right;
}

ImVec2 begin_screen(Ui& ui, const char* name, std::string_view title, bool with_bar) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ui.display);
  // One window for every screen (IDs kept apart by the screen name): the window under the finger is the
  // same before and after a screen change, so a tap on the first frame of a new screen is not lost.
  ImGui::Begin("##screen", nullptr, kScreenFlags);
  ImGui::PushID(name);
  ImGui::PushFont(ui.fonts.body);
  if (!with_bar) return ImVec2(ui.m.pad, ui.m.pad);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The bar: Back at the start; mode switches, Staff and Stop at the end; the title between them. When
  // the controls do not fit one row (narrow panel, large text) they take two rows.
  const float bh = ui.m.bar_h - 2 * ui.m.gap;
  auto bw = [&](std::string_view s) { return std::max(ui.m.target * 1.6f, label_w(ui, s) + 3 * ui.m.gap); };
  core::Screen scr = ui.s.screen();
  bool has_back = scr != core::Screen::receipt;
  bool tech = scr == core::Screen::technician || scr == core::Screen::technician_pin;
  const std::string& lb = ui.t("app.back");
  const std::string& ls = ui.t("app.stop");
  const std::string& lh = ui.t("app.helper");
  float switches_w = 0;
  for (const char* k : {"mode.contrast_symbol", "mode.large_text_symbol"})
    switches_w += std::max(ui.m.target, label_w(ui, ui.t(k)) + 3 * ui.m.gap) + ui.m.gap;
  float row1 = (has_back ? bw(lb) + 2 * ui.m.gap : 0) + (tech ? 0 : bw(ls) + bw(lh) + 3 * ui.m.gap + switches_w);
  // When they do not fit (narrow panel, large text), Staff and the switches move to the first row of the
  // scrolling content, so the fixed bar stays one row high.
  bool two_rows = row1 > ui.display.x - 2 * ui.m.pad;
  // Typing on a short panel (800x480 in large text): when the bar and the keyboard leave no line for the
  // field, the bar folds away while the keyboard is up, as a phone's keyboard does in landscape; "done
  // typing" brings it back with Back and Stop. The title scrolls with the content.
  const bool fold =
      ui.keyboard_h > 0 && content_bottom(ui) - ui.m.bar_h < ui.fonts.body->FontSize + 2 * ui.m.gap + ui.m.pad * 1.75f;
  const float bar = fold ? 0.f : ui.m.bar_h;
  if (!fold) dl->AddRectFilled(ImVec2(0, 0), ImVec2(ui.display.x, bar), theme::col(theme::kBar));
  const float y = ui.m.gap;
  float left = ui.m.pad;
  if (has_back && !fold) {
    float w = bw(lb);
    if (button(ui, "app.back", lb, ImVec2(left, y), ImVec2(w, bh), Style::secondary)) ui.s.back();
    left += w + ui.m.gap * 2;
  }
  // End side: Stop (ends the session, everything wiped), the discreet staff control and the mode switches
  // (second row when they do not fit).
  float right = ui.display.x - ui.m.pad;
  auto staff_and_switches = [&](float r, float yy) {
    float wh = bw(lh);
    r -= wh;
    if (button(ui, "app.helper", lh, ImVec2(r, yy), ImVec2(wh, bh), Style::quiet)) ui.help_open = true;
    r -= ui.m.gap * 2;
    return mode_switches(ui, r, yy, bh);
  };
  if (!tech && !fold) {
    float w = bw(ls);
    right -= w;
    // Stop asks first (draw_stop_confirm): one slip of a finger next to "Staff" must not wipe a long text.
    if (button(ui, "app.stop", ls, ImVec2(right, y), ImVec2(w, bh), Style::secondary) && ui.stop_open)
      *ui.stop_open = true;
    right -= ui.m.gap * 2;
    if (!two_rows) right = staff_and_switches(right, y);
  }
  ImFont* hf = ui.fonts.heading;
  float tw = right - left;
  float th = text_height(hf, title, tw);
  float below = bar;  // first free y under the bar and the title
  if (!fold && !title.empty() && th <= ui.m.bar_h - 4 && tw > ui.m.target) {
    core::Widget& r = register_widget(ui, core::Role::heading, "title", title, ImVec2(flip_x(ui, left, tw), 0),
                                      ImVec2(flip_x(ui, left, tw) + tw, ui.m.bar_h));
    r.need_h = th;
    dl->PushClipRect(ImVec2(r.x0, 0), ImVec2(r.x1, ui.m.bar_h), true);
    draw_text(ui, dl, hf, ImVec2(r.x0, std::max(2.f, (ui.m.bar_h - th) * 0.5f)), tw, theme::col(theme::kOnPrimary),
              title);
    dl->PopClipRect();
    title = {};
  }
  if (ui.s.assisted() && !fold) {
    const std::string& badge = ui.t("app.assisted_badge");
    float w = ui.display.x - 2 * ui.m.pad;
    float h = text_height(ui.fonts.body, badge, w) + ui.m.gap;
    dl->AddRectFilled(ImVec2(0, below), ImVec2(ui.display.x, below + h), theme::col(theme::kAssistedBg));
    text(ui, badge, ImVec2(ui.m.pad, below + ui.m.gap * 0.5f), w, theme::kAssisted, ui.fonts.body);
    below += h;
  }
  if (!fold) below += urgent_banner(ui, below);  // crisis news in every header
  // The idle screen's announcement goes on after a tap there started a session: shown under the header of
  // the screen it is heard on, as on the idle screen (A18).
  if (!fold) {
    const float w = ui.display.x - 2 * ui.m.pad;
    if (float h = announcement_caption(ui, ImVec2(ui.m.pad, below + ui.m.gap * 0.5f), w); h > 0) below += h + ui.m.gap;
  }
  // The content scrolls between the bar and the bottom action bar (or the keyboard).
  begin_scroll(ui, ui.page, "##page", ImVec2(0, below), ImVec2(ui.display.x, content_bottom(ui)), false);
  float top = below + ui.m.pad * 0.75f - ui.page.offset;
  if (two_rows && !tech && !fold) {
    staff_and_switches(ui.display.x - ui.m.pad, below + ui.m.gap - ui.page.offset);
    top += bh;
  }
  if (!title.empty()) {
    // Too long for the bar (large text, long translations): the title is the first line(s) of the content,
    // never clipped.
    float full = ui.display.x - 2 * ui.m.pad;
    top += text(ui, title, ImVec2(ui.m.pad, top), full, theme::kText, hf) + ui.m.gap;
  }
  return ImVec2(ui.m.pad, top);
}

void end_screen(Ui& ui) {
  if (ui.scroll == &ui.page) end_scroll(ui, ui.page);
  ImGui::PopFont();
  ImGui::PopID();
  ImGui::End();
}

bool bottom_action(Ui& ui, const char* id, std::string_view label, Style style, bool enabled) {
  if (ui.keyboard_h > 0) return false;
  Fixed fixed(ui);
  float w = std::max(ui.display.x * 0.3f, label_w(ui, label) + 4 * ui.m.gap);
  w = std::min(w, ui.display.x - 2 * ui.m.pad);
  ImVec2 pos(ui.display.x - ui.m.pad - w, ui.display.y - ui.keyboard_h - ui.m.button_h - ui.m.gap);
  ui.bottom_bar_left = pos.x;
  return button(ui, id, label, pos, ImVec2(w, ui.m.button_h), style, enabled);
}

// Side scroll buttons show a symbol only: a target wide, or the symbol and the button's padding.
static float side_button_w(const Ui& ui) {
  return std::max(ui.m.target, std::ceil(label_w(ui, "\xE2\x96\xB2") + ui.m.gap * 2.8f + 1));
}

void keep_in_view(Ui& ui, float y0, float y1) {
  if (!ui.scroll) return;
  ui.scroll->keep_y0 = y0 + ui.scroll->offset;
  ui.scroll->keep_y1 = y1 + ui.scroll->offset;
}

float scroll_side_width(const Ui& ui, float view_h) {
  float w = side_button_w(ui);
  return 2 * ui.m.target + ui.m.gap <= view_h ? w + ui.m.gap : 2 * w + 2 * ui.m.gap;
}

void begin_scroll(Ui& ui, ScrollRegion& r, const char* id, ImVec2 min, ImVec2 max, bool side_buttons) {
  ImGuiStorage* st = ImGui::GetStateStorage();
  r.id = ImGui::GetID(id);
  r.min = min;
  r.max = max;
  r.side_buttons = side_buttons;
  r.limit = st->GetFloat(sub_id(r.id, "limit"), 0);
  r.offset = std::clamp(st->GetFloat(r.id, 0), 0.f, r.limit);
  r.extent = min.y;
  ui.scroll = nullptr;
  r.index = register_widget(ui, core::Role::scroll_region, id, "", min, max).order;
  ui.dragging = ui.dragging || st->GetBool(sub_id(r.id, "moved"));
  ImGui::PushClipRect(min, max, true);
  ui.scroll = &r;
}

// Drag: a press inside the region that moves more than m.drag becomes a drag; from then on the content
// follows the finger 1:1 (no inertia) and the control it started on is released without activating.
void end_scroll(Ui& ui, ScrollRegion& r) {
  ImGui::PopClipRect();
  ui.scroll = nullptr;
  ImGuiIO& io = ImGui::GetIO();
  ImGuiStorage* st = ImGui::GetStateStorage();
  const ImGuiID k_armed = sub_id(r.id, "armed"), k_moved = sub_id(r.id, "moved"), k_y0 = sub_id(r.id, "y0"),
                k_off0 = sub_id(r.id, "off0");
  const float view = r.max.y - r.min.y;
  float limit = std::max(0.f, r.extent + ui.m.pad * 0.5f - r.max.y);
  float offset = std::clamp(r.offset, 0.f, limit);
  bool inside =
      io.MousePos.x >= r.min.x && io.MousePos.x < r.max.x && io.MousePos.y >= r.min.y && io.MousePos.y < r.max.y;
  if (ImGui::IsMouseClicked(0) && inside) {
    st->SetBool(k_armed, true);
    st->SetBool(k_moved, false);
    st->SetFloat(k_y0, io.MousePos.y);
    st->SetFloat(k_off0, offset);
  }
  if (st->GetBool(k_armed)) {
    if (io.MouseDown[0]) {
      float d = io.MousePos.y - st->GetFloat(k_y0);
      if (!st->GetBool(k_moved) && std::fabs(d) >= ui.m.drag && limit > 0) {
        st->SetBool(k_moved, true);
        ImGui::ClearActiveID();  // the button under the finger does not activate on release
      }
      if (st->GetBool(k_moved)) offset = std::clamp(st->GetFloat(k_off0) - d, 0.f, limit);
    } else {
      st->SetBool(k_armed, false);
      st->SetBool(k_moved, false);
    }
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (limit > 0) {
    // The indicator: a track and a thumb in the margin at the end side.
    float x = flip_x(ui, r.max.x - ui.m.pad * 0.5f - 3, 6);
    if (r.side_buttons) x = flip_x(ui, r.max.x - scroll_side_width(ui, view) + ui.m.gap * 0.5f - 3, 6);
    float t0 = r.min.y + 4, t1 = r.max.y - 4;
    float thumb = std::max(ui.m.gap * 2, (t1 - t0) * view / (view + limit));
    float ty = t0 + (t1 - t0 - thumb) * (offset / limit);
    dl->AddRectFilled(ImVec2(x, t0), ImVec2(x + 6, t1), theme::col(theme::kTilePressed), 3);
    dl->AddRectFilled(ImVec2(x, ty), ImVec2(x + 6, ty + thumb), theme::col(theme::kPrimary), 3);
    // "More above" / "more below": the single-tap alternative to dragging (WCAG 2.5.7).
    Fixed fixed(ui);
    const std::string& up = ui.t("app.more_above");
    const std::string& down = ui.t("app.more_below");
    std::string up_l = "\xE2\x96\xB2 " + up, down_l = "\xE2\x96\xBC " + down;  // ▲ ▼
    float step = std::max(ui.fonts.body->FontSize, view * 0.8f);
    ImVec2 up_pos, down_pos, size;
    bool show = true;
    if (r.side_buttons) {
      // A column at the end side, or side by side at its top when the region is too low for two.
      size = ImVec2(side_button_w(ui), std::max(ui.m.target, std::min(ui.m.button_h, view * 0.5f - ui.m.gap)));
      up_l = "\xE2\x96\xB2";
      down_l = "\xE2\x96\xBC";
      if (2 * ui.m.target + ui.m.gap <= view) {
        up_pos = ImVec2(r.max.x - size.x, r.min.y);
        down_pos = ImVec2(r.max.x - size.x, r.max.y - size.y);
      } else {
        size.y = ui.m.target;
        up_pos = ImVec2(r.max.x - 2 * size.x - ui.m.gap, r.min.y);
        down_pos = ImVec2(r.max.x - size.x, r.min.y);
        show = view >= ui.m.target;
      }
    } else {
      float right = (ui.bottom_bar_left > 0 ? ui.bottom_bar_left : ui.display.x - ui.m.pad) - ui.m.gap * 2;
      float avail = right - ui.m.pad;
      float w = std::max(label_w(ui, up_l), label_w(ui, down_l)) + 3 * ui.m.gap;
      if (2 * w + ui.m.gap > avail) {  // symbols only
        up_l = "\xE2\x96\xB2";
        down_l = "\xE2\x96\xBC";
        w = std::max(ui.m.target * 1.4f, label_w(ui, up_l) + 3 * ui.m.gap);
      }
      show = ui.keyboard_h == 0 && 2 * w + ui.m.gap <= avail;
      size = ImVec2(w, ui.m.button_h);
      float y = ui.display.y - ui.m.button_h - ui.m.gap;
      up_pos = ImVec2(ui.m.pad, y);
      down_pos = ImVec2(ui.m.pad + w + ui.m.gap, y);
    }
    if (show) {
      if (button(ui, "scroll.up", up_l, up_pos, size, Style::secondary, offset > 0))
        offset = std::max(0.f, offset - step);
      ui.registry.items().back().key = "app.more_above";
      if (button(ui, "scroll.down", down_l, down_pos, size, Style::secondary, offset < limit))
        offset = std::min(limit, offset + step);
      ui.registry.items().back().key = "app.more_below";
    }
  }
  if (r.keep_y1 > r.keep_y0 && !st->GetBool(k_moved)) {
    // Where the region ends once the keyboard is up (it appears the frame after a field is tapped): the
    // field must stay in view then, or ImGui drops its focus.
    float bottom = r.max.y;
    if (ui.keyboard_h == 0) bottom = std::min(bottom, ui.display.y - ui.keyboard.height(ui.m, ui.display.y) - ui.m.gap);
    limit = std::max(limit, r.extent + ui.m.pad * 0.5f - bottom);
    if (r.keep_y1 - offset > bottom) offset = std::min(limit, r.keep_y1 - bottom + ui.m.gap);
    if (r.keep_y0 - offset < r.min.y) offset = std::max(0.f, r.keep_y0 - r.min.y - ui.m.gap);
  }
  if (r.show_y1 > r.show_y0 && !st->GetBool(k_moved)) {
    // Speech mode moved its focus to an element scrolled out of view: scroll it in (its top first when it is
    // taller than the region).
    if (r.show_y1 - offset > r.max.y) offset = std::min(limit, r.show_y1 - r.max.y + ui.m.gap);
    if (r.show_y0 - offset < r.min.y) offset = std::max(0.f, r.show_y0 - r.min.y - ui.m.gap);
  }
  st->SetFloat(r.id, offset);
  st->SetFloat(sub_id(r.id, "limit"), limit);
  if (r.index >= 0 && r.index < int(ui.registry.items().size())) {
    core::Widget& w = ui.registry.items()[std::size_t(r.index)];
    w.value = std::to_string(int(offset)) + "/" + std::to_string(int(limit));
    w.need_h = r.extent - r.min.y;
  }
}

Grid make_grid(const Ui& ui, ImVec2 origin, int count, int cols, float bottom) {
  Grid g;
  g.origin = origin;
  g.gap = ui.m.gap * 1.5f;
  g.cols = cols;
  int rows = (count + cols - 1) / cols;
  g.w = (ui.display.x - 2 * ui.m.pad - g.gap * float(cols - 1)) / float(cols);
  float avail = bottom - origin.y;
  g.h = std::max(ui.m.target,
                 std::min(ui.m.button_h * 1.3f, (avail - g.gap * float(rows - 1)) / float(std::max(rows, 1))));
  return g;
}

const CategoryNode* node_tiles(Ui& ui, ImVec2 origin, const std::vector<CategoryNode>& nodes, std::string_view selected,
                               const char* prefix, int cols) {
  std::vector<std::string_view> labels;
  for (const auto& n : nodes) labels.push_back(text_in(n.name, ui.lang()));
  Grid g = make_grid(ui, origin, labels, cols, content_bottom(ui));
  const CategoryNode* picked = nullptr;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    std::string id = prefix + nodes[i].slug;
    Style st = selected == nodes[i].slug ? Style::selected : Style::secondary;
    if (button(ui, id.c_str(), labels[i], g.pos(int(i)), ImVec2(g.w, g.h), st, true, false)) picked = &nodes[i];
  }
  return picked;
}

Grid make_grid(const Ui& ui, ImVec2 origin, const std::vector<std::string_view>& labels, int cols, float bottom,
               bool reflow) {
  if (ui.m.one_column && reflow) cols = 1;
  Grid g = make_grid(ui, origin, int(labels.size()), cols, bottom);
  float need = 0;
  for (auto l : labels) need = std::max(need, text_height(ui.fonts.body, l, g.w - 2 * ui.m.gap * 1.4f));
  g.h = std::max({g.h, need + 2 * ui.m.gap, ui.m.button_h});
  return g;
}

}  // namespace kiosk::ui
