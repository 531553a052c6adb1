// Touch-sized widgets. Each registers itself in the frame's widget registry (role, label and its catalog
// key, rectangle, state, reading order) so the layout and accessibility checks, and later speech, can read
// every element of every screen. Activation is on release (ImGui's default for buttons); a finger that
// moved into a scroll drags the content and activates nothing. Positions are given left to right and
// mirrored here for right-to-left languages.
#include <imgui_internal.h>
#include <cstring>

#include "kiosk/ui/bidi.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {

namespace {

// The catalog key whose text is stored at `label` (labels come from Ui::t, which returns the catalog's
// own strings), or "" for text from elsewhere (category tree, configuration, the citizen).
std::string catalog_key(const Ui& ui, std::string_view label) {
  if (label.empty()) return {};
  for (const auto& [k, v] : ui.catalogs.get(ui.lang()).strings())
    if (v.data() == label.data() && v.size() == label.size()) return k;
  return {};
}

struct Line {
  const char* begin;
  const char* end;
  float width;
};

// Breaks s into the lines of wrapped text (word wrap at wrap_width; '\n' breaks; blanks at a break dropped).
std::vector<Line> wrap_lines(ImFont* font, std::string_view s, float wrap_width) {
  std::vector<Line> out;
  const char* p = s.data();
  const char* end = s.data() + s.size();
  const float size = font->FontSize;
  while (p < end) {
    const char* eol = wrap_width > 0 ? font->CalcWordWrapPositionA(1.0f, p, end, wrap_width) : end;
    if (eol == p) {  // one character wider than the wrap width: show it anyway (reported as clipped)
      unsigned int c = 0;
      eol = p + std::max(1, ImTextCharFromUtf8(&c, p, end));
    }
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', std::size_t(eol - p)));
    if (nl) eol = nl;
    const char* last = eol;
    while (last > p && (last[-1] == ' ' || last[-1] == '\t')) --last;
    out.push_back({p, last, font->CalcTextSizeA(size, FLT_MAX, 0, p, last).x});
    p = eol;
    if (p < end && *p == '\n') ++p;
    else
      while (p < end && (*p == ' ' || *p == '\t')) ++p;
  }
  return out;
}

struct Extent {
  float w = 0, h = 0;  // widest line, height of all lines
};

// The size of s as draw_text draws it wrapped at wrap_width.
Extent measure(ImFont* font, std::string_view s, float wrap_width) {
  if (bidi::has_rtl(s)) {
    const bidi::Layout& l = bidi::cached(font, s, wrap_width);
    return {l.width, float(l.lines.size()) * font->FontSize};
  }
  Extent e;
  for (const Line& l : wrap_lines(font, s, wrap_width)) {
    e.w = std::max(e.w, l.width);
    e.h += font->FontSize;
  }
  return e;
}

}  // namespace

float flip_x(const Ui& ui, float x, float w) { return ui.rtl ? ui.display.x - x - w : x; }

core::Widget& register_widget(Ui& ui, core::Role role, const char* id, std::string_view label, ImVec2 min, ImVec2 max,
                              bool enabled, bool selected) {
  core::Widget w;
  w.x0 = min.x;
  w.y0 = min.y;
  w.x1 = max.x;
  w.y1 = max.y;
  w.label = std::string(label);
  w.id = id ? id : "";
  w.enabled = enabled;
  w.role = role;
  w.key = catalog_key(ui, label);
  w.selected = selected;
  w.clip_x0 = 0;
  w.clip_y0 = 0;
  w.clip_x1 = ui.display.x;
  w.clip_y1 = ui.display.y;
  if (ScrollRegion* r = ui.scroll) {
    w.region = r->index;
    w.clip_x0 = r->min.x;
    w.clip_y0 = r->min.y;
    w.clip_x1 = r->max.x;
    w.clip_y1 = r->max.y;
    w.visible = min.y >= r->min.y - 0.5f && max.y <= r->max.y + 0.5f;
    r->extent = std::max(r->extent, max.y + r->offset);
  }
  core::Widget& added = ui.registry.add(std::move(w));
  show_focus(ui, added);
  return added;
}

void show_focus(Ui& ui, const core::Widget& w) {
  // Speech mode's focus scrolled out of view (next / previous moved to it): its region scrolls it in.
  if (!w.visible && ui.scroll && ui.speech && ui.speech->is_focus(&w)) {
    ui.scroll->show_y0 = w.y0 + ui.scroll->offset;
    ui.scroll->show_y1 = w.y1 + ui.scroll->offset;
  }
}

void register_target(Ui& ui, const char* id, std::string_view label, ImVec2 min, ImVec2 max, bool enabled) {
  bool key = std::strncmp(id, "key.", 4) == 0 || std::strncmp(id, "pad.", 4) == 0 || std::strncmp(id, "pin.", 4) == 0;
  register_widget(ui, key ? core::Role::key : core::Role::button, id, label, min, max, enabled);
}

float text_width(ImFont* font, std::string_view s, float wrap_width) { return measure(font, s, wrap_width).w; }

float text_height(ImFont* font, std::string_view s, float wrap_width) { return measure(font, s, wrap_width).h; }

void draw_text(Ui& ui, ImDrawList* dl, ImFont* font, ImVec2 pos, float wrap_width, ImU32 color, std::string_view s,
               bool centered) {
  float y = pos.y;
  // A line is aligned to the end of the box when the screen's language is right to left or when the line's
  // own paragraph is (Arabic text on a Dutch screen).
  auto place = [&](float width, bool rtl_line) {
    if (centered) return pos.x + std::max(0.f, (wrap_width - width) * 0.5f);
    return ui.rtl || rtl_line ? pos.x + std::max(0.f, wrap_width - width) : pos.x;
  };
  if (bidi::has_rtl(s)) {  // shaped and reordered line by line (kiosk/ui/bidi)
    for (const bidi::Line& l : bidi::cached(font, s, wrap_width).lines) {
      const float full = l.cells.empty() ? 0.f : l.cells.back().x1;
      if (!l.visual.empty()) dl->AddText(font, font->FontSize, ImVec2(place(full, l.rtl), y), color, l.visual.c_str());
      y += font->FontSize;
    }
    return;
  }
  for (const Line& l : wrap_lines(font, s, wrap_width)) {
    dl->AddText(font, font->FontSize, ImVec2(place(l.width, false), y), color, l.begin, l.end);
    y += font->FontSize;
  }
}

float text(Ui& ui, std::string_view s, ImVec2 pos, float wrap_width, std::uint32_t color, ImFont* font) {
  if (!font) font = ImGui::GetFont();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  pos.x = flip_x(ui, pos.x, wrap_width);
  const Extent e = measure(font, s, wrap_width);
  draw_text(ui, dl, font, pos, wrap_width, theme::col(color), s);
  core::Role role = font == ui.fonts.heading ? core::Role::heading : core::Role::text;
  core::Widget& r = register_widget(ui, role, "", s, pos, ImVec2(pos.x + wrap_width, pos.y + e.h));
  r.need_w = e.w;
  r.need_h = e.h;
  return e.h;
}

bool button(Ui& ui, const char* id, std::string_view label, ImVec2 pos, ImVec2 size, Style style, bool enabled,
            bool centered) {
  pos.x = flip_x(ui, pos.x, size.x);
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushID(id);
  if (!enabled) ImGui::BeginDisabled();
  bool clicked = ImGui::InvisibleButton("##b", size);
  bool held = ImGui::IsItemActive();
  if (!enabled) ImGui::EndDisabled();
  ImGui::PopID();
  ImVec2 max(pos.x + size.x, pos.y + size.y);
  core::Widget& w = register_widget(ui, std::strncmp(id, "pad.", 4) == 0 ? core::Role::key : core::Role::button, id,
                                    label, pos, max, enabled, style == Style::selected);
  w.pressed = held;

  std::uint32_t bg = theme::kTile, fg = theme::kText, border = theme::kPrimary;
  switch (style) {
    case Style::primary:
      bg = theme::kPrimary;
      fg = theme::kOnPrimary;
      break;
    case Style::selected:
      bg = theme::kPrimary;
      fg = theme::kOnPrimary;
      border = theme::kOnPrimary;
      break;
    case Style::secondary: break;
    case Style::quiet:
      bg = theme::kBackground;
      border = theme::kFieldBorder;
      break;
  }
  if (held) bg = style == Style::secondary || style == Style::quiet ? theme::kTilePressed : theme::kPrimaryPressed;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float r = ui.m.gap * 0.7f;
  dl->AddRectFilled(pos, max, theme::col(bg, enabled ? 255 : 110), r);
  dl->AddRect(pos, max, theme::col(border, enabled ? 255 : 110), r, 0, style == Style::selected ? 3.0f : 2.0f);
  if (style == Style::selected)  // the primary outline outside the white one: visible on a page and on the bar
    dl->AddRect(ImVec2(pos.x - 2, pos.y - 2), ImVec2(max.x + 2, max.y + 2), theme::col(theme::kPrimary), r + 2, 0,
                2.0f);
  ImFont* font = ui.fonts.body;
  float pad = ui.m.gap * 1.4f;
  float wrap = size.x - 2 * pad;
  const Extent e = measure(font, label, wrap);
  const float th = e.h;
  w.need_w = e.w + 2 * pad;
  w.need_h = th + ui.m.gap * 0.5f;
  dl->PushClipRect(pos, max, true);
  draw_text(ui, dl, font, ImVec2(pos.x + pad, pos.y + (size.y - th) * 0.5f), wrap, theme::col(fg, enabled ? 255 : 140),
            label, centered);
  dl->PopClipRect();
  return clicked && enabled && !ui.dragging;
}

bool named_button(Ui& ui, const char* id, const std::string& key, ImVec2 pos, ImVec2 size, Style style, bool enabled) {
  const std::string& name = ui.t(key);
  const bool fits = text_width(ui.fonts.body, name) + 2.8f * ui.m.gap <= size.x;  // button()'s padding
  const bool hit = button(ui, id, fits ? name : ui.t(key + "_short"), pos, size, style, enabled);
  core::Widget& w = ui.registry.items().back();
  w.key = key;
  w.label = name;
  return hit;
}

bool checkbox(Ui& ui, const char* id, std::string_view label, bool* value, ImVec2 pos, ImVec2 size) {
  pos.x = flip_x(ui, pos.x, size.x);
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushID(id);
  bool clicked = ImGui::InvisibleButton("##c", size) && !ui.dragging;
  bool held = ImGui::IsItemActive();
  ImGui::PopID();
  if (clicked) *value = !*value;
  ImVec2 max(pos.x + size.x, pos.y + size.y);
  core::Widget& w = register_widget(ui, core::Role::checkbox, id, label, pos, max, true, *value);
  w.pressed = held;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float r = ui.m.gap * 0.7f;
  dl->AddRectFilled(pos, max, theme::col(held ? theme::kTilePressed : theme::kTile), r);
  dl->AddRect(pos, max, theme::col(theme::kPrimary), r, 0, 2.0f);
  float box = std::min(size.y - 2 * ui.m.gap, ui.fonts.body->FontSize * 1.4f);
  float inset = ui.m.gap * 1.4f;
  ImVec2 b0(ui.rtl ? max.x - inset - box : pos.x + inset, pos.y + (size.y - box) * 0.5f), b1(b0.x + box, b0.y + box);
  dl->AddRectFilled(b0, b1, theme::col(*value ? theme::kPrimary : theme::kField), 4);
  dl->AddRect(b0, b1, theme::col(theme::kPrimary), 4, 0, 3.0f);
  if (*value) {
    float t = box / 6;
    dl->AddLine(ImVec2(b0.x + t, b0.y + box * 0.5f), ImVec2(b0.x + box * 0.42f, b1.y - t),
                theme::col(theme::kOnPrimary), t);
    dl->AddLine(ImVec2(b0.x + box * 0.42f, b1.y - t), ImVec2(b1.x - t, b0.y + t), theme::col(theme::kOnPrimary), t);
  }
  ImFont* font = ui.fonts.body;
  float wrap = size.x - box - 2 * inset - ui.m.gap;
  float tx = ui.rtl ? pos.x + ui.m.gap : b1.x + inset;
  const Extent e = measure(font, label, wrap);
  const float th = e.h;
  w.need_w = e.w + box + 2 * inset + ui.m.gap;
  w.need_h = th + ui.m.gap * 0.5f;
  dl->PushClipRect(pos, max, true);
  draw_text(ui, dl, font, ImVec2(tx, pos.y + (size.y - th) * 0.5f), wrap, theme::col(theme::kText), label);
  dl->PopClipRect();
  return clicked;
}

float field_error(Ui& ui, const char* field, ImVec2 pos, float width) {
  const Error* e = ui.s.error_for(field);
  if (!e) return 0;
  const std::string& msg = ui.t(core::error_key(*e));
  if (ui.speech)
    ui.speech->alert("error." + std::string(field), ui.speech->error_words(field, msg, ui.catalogs.get(ui.lang())));
  float h = text_height(ui.fonts.body, msg, width - 2 * ui.m.gap) + ui.m.gap;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), theme::col(theme::kErrorBg), 6);
  dl->AddRectFilled(pos, ImVec2(pos.x + 8, pos.y + h), theme::col(theme::kError), 0);
  text(ui, msg, ImVec2(pos.x + ui.m.gap * 1.4f, pos.y + ui.m.gap * 0.5f), width - 2 * ui.m.gap, theme::kError,
       ui.fonts.body);
  return h;
}

}  // namespace kiosk::ui
