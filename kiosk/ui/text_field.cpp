// The kiosk's own text field: draws a core::TextBuffer (the session's field, not a copy) word-wrapped, in
// reading order (kiosk/ui/bidi: Arabic shaped and right to left), and edits it with what the on-screen
// keyboard (or a physical one) sends: characters through io.InputQueueCharacters, editing keys through
// io.KeysDown. ImGui's InputText is not used: it keeps its own copies of the text, wraps nothing and
// shapes nothing.
//
//   inactive ──tap on the field──► active (keyboard up, caret placed where tapped)
//   active ──tap elsewhere / "done typing" / Enter (single line)──► inactive
//   active ──tap on the field──► active, caret moved
//
// The box grows with the text (a multiline field from three lines, a single-line one from its given
// height, to three lines) up to its height, then scrolls by whole lines: only whole lines are drawn, the
// caret's line always among them; while the field is inactive the end of the text is shown. The count
// against the limit: inside a single-line box on the right, above a multiline one. Active is ImGui's
// active id, kept alive each frame, with overlap allowed so a tap on any button still reaches it (and
// ends typing).
#include <imgui_internal.h>
#include <string.h>  // explicit_bzero

#include "kiosk/ui/bidi.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {
namespace {

float line_full(const bidi::Line& l) { return l.cells.empty() ? 0.f : l.cells.back().x1; }

// The line the caret is on; at a wrapped line's end the caret stands at the start of the next line.
std::size_t caret_line(const bidi::Layout& l, std::size_t c) {
  for (std::size_t i = 0; i < l.lines.size(); ++i) {
    const bidi::Line& line = l.lines[i];
    if ((c >= line.begin && c < line.end) || (c == line.end && (line.hard_end || i + 1 == l.lines.size()))) return i;
  }
  return l.lines.size() - 1;
}

// x of the caret at logical byte c, from the line's left edge: before a left-to-right letter, after
// (to the left of) a right-to-left one.
float caret_x(const bidi::Line& l, std::size_t c) {
  for (const auto& cell : l.cells)
    if (cell.begin == c) return cell.rtl ? cell.x1 : cell.x0;
  for (const auto& cell : l.cells)
    if (cell.end == c) return cell.rtl ? cell.x0 : cell.x1;
  return l.rtl ? line_full(l) : 0.f;
}

// The logical byte offset nearest to x on a line (a tap that places the caret).
std::size_t offset_at(const bidi::Line& l, float x) {
  for (const auto& cell : l.cells)
    if (x < cell.x1) {
      bool left_half = x < (cell.x0 + cell.x1) * 0.5f;
      return left_half != cell.rtl ? cell.begin : cell.end;
    }
  if (l.cells.empty()) return l.begin;
  const bidi::Cell& last = l.cells.back();
  return last.rtl ? last.begin : last.end;
}

// Feeds the frame's typed characters and editing keys to the buffer. Returns true when the text changed.
bool edit(core::TextBuffer& buf, int flags) {
  ImGuiIO& io = ImGui::GetIO();
  bool changed = false;
  if (!io.InputQueueCharacters.empty()) {
    std::string typed;  // at most a few characters of this frame; zeroed below
    typed.reserve(std::size_t(io.InputQueueCharacters.Size) * 3);
    for (ImWchar c : io.InputQueueCharacters) {
      if ((flags & ImGuiInputTextFlags_CharsNoBlank) && (c == ' ' || c == '\t')) continue;
      core::append_utf8(typed, c);
    }
    changed = buf.insert(typed) > 0;
    explicit_bzero(typed.data(), typed.capacity());
    explicit_bzero(io.InputQueueCharacters.Data, std::size_t(io.InputQueueCharacters.Capacity) * sizeof(ImWchar));
    io.InputQueueCharacters.resize(0);
  }
  auto pressed = [&](ImGuiKey k) { return ImGui::IsKeyPressed(io.KeyMap[k]); };
  if (pressed(ImGuiKey_Backspace)) changed |= buf.backspace();
  if (pressed(ImGuiKey_Delete)) changed |= buf.erase_forward();
  if (pressed(ImGuiKey_LeftArrow)) buf.move_left();
  if (pressed(ImGuiKey_RightArrow)) buf.move_right();
  if (pressed(ImGuiKey_Home)) buf.move_home();
  if (pressed(ImGuiKey_End)) buf.move_end();
  if (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter)) {
    if (buf.multiline()) changed |= buf.insert("\n") > 0;
    else ImGui::ClearActiveID();  // a single line is done
  }
  return changed;
}

}  // namespace

void register_field(Ui& ui, const char* id, std::string_view label, ImVec2 min, ImVec2 max,
                    const core::TextBuffer& buf) {
  core::Widget& w = register_widget(ui, core::Role::field, id, label, min, max);
  w.value_length = int(buf.length());
  w.caret = int(utf8_length(buf.view().substr(0, buf.caret())));
}

float text_field(Ui& ui, const char* id, std::string_view label, core::TextBuffer* value, ImVec2 pos, float width,
                 float height, bool multiline, const char* error_field, int flags, bool error_below) {
  core::TextBuffer& buf = *value;
  ImFont* font = ui.fonts.body;
  const float lh = font->FontSize, pad = ui.m.gap, half_gap = ui.m.gap * 0.5f;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGuiIO& io = ImGui::GetIO();
  ImDrawList* dl = ImGui::GetWindowDrawList();

  // The count against the limit: in a single-line box at its right (room kept for the longest count), else
  // above the box on the right.
  auto count_text = [&] { return std::to_string(buf.length()) + " / " + std::to_string(buf.limit()); };
  std::string count = count_text();
  const std::string longest = std::to_string(buf.limit()) + " / " + std::to_string(buf.limit());
  const float count_w = font->CalcTextSizeA(lh, FLT_MAX, 0, longest.c_str()).x;
  const bool count_inside = !multiline;
  float row = 0;
  if (!label.empty()) row = text(ui, label, pos, width - (count_inside ? 0 : count_w + ui.m.gap), theme::kText, font);
  if (!count_inside) row = std::max(row, lh);
  const ImVec2 box_min(pos.x, pos.y + (row > 0 ? row + half_gap : 0));
  const float inner_w = width - 2 * pad - (count_inside ? count_w + pad : 0);
  const float three = 3 * lh + 2 * pad;
  const float max_h_given = multiline ? std::max(height - (box_min.y - pos.y), lh + 2 * pad) : std::max(height, three);
  // Never under the on-screen keyboard: what is typed must be seen.
  const float bottom = ui.scroll ? std::min(content_bottom(ui), ui.scroll->max.y) : content_bottom(ui);
  const float above_keyboard = ui.keyboard_h > 0 ? bottom - box_min.y : max_h_given;
  const float max_h = std::max(lh + 2 * pad, std::min(max_h_given, above_keyboard));
  const float min_h = std::min(max_h, multiline ? three : height);

  // The citizen's text laid out for this frame only: wiped before the function returns.
  static bidi::Layout layout;
  auto lay_out = [&] {
    bidi::lay_out(
        buf.view(), inner_w, [font](char32_t cp) { return bidi::advance(font, cp); }, layout);
  };
  auto box_height = [&] { return std::clamp(float(layout.lines.size()) * lh + 2 * pad, min_h, max_h); };
  lay_out();
  float h = box_height();
  ImRect bb(box_min, ImVec2(box_min.x + width, box_min.y + h));

  const ImGuiID gid = ImGui::GetID(id);
  ImGui::SetCursorScreenPos(bb.Min);
  ImGui::ItemSize(bb.GetSize());
  ImGui::ItemAdd(bb, gid);
  const bool hovered = ImGui::ItemHoverable(bb, gid);
  ImGuiStorage* store = ImGui::GetStateStorage();
  auto visible_lines = [&] { return std::max(1, int((h - 2 * pad) / lh)); };
  int first = store->GetInt(gid, 0);
  const float text_x1 = box_min.x + pad + inner_w;
  auto origin_x = [&](const bidi::Line& l) { return l.rtl ? text_x1 - line_full(l) : bb.Min.x + pad; };

  if (hovered && io.MouseClicked[0]) {
    ImGui::SetActiveID(gid, ImGui::GetCurrentWindow());
    // Tap to place the caret: the line under the finger among those drawn last frame.
    int k = first + int((io.MousePos.y - bb.Min.y - pad) / lh);
    k = std::clamp(k, 0, int(layout.lines.size()) - 1);
    const bidi::Line& l = layout.lines[std::size_t(k)];
    buf.set_caret(offset_at(l, io.MousePos.x - origin_x(l)));
  } else if (g.ActiveId == gid && io.MouseClicked[0] && !hovered) {
    ImGui::ClearActiveID();
  }
  bool active = g.ActiveId == gid;
  if (active) {
    ImGui::KeepAliveID(gid);
    g.ActiveIdAllowOverlap = true;  // buttons stay tappable while typing
    g.WantTextInputNextFrame = 1;   // the on-screen keyboard
    ui.keyboard.number_pad = (flags & kNumberPad) != 0;
    if (edit(buf, flags)) {
      if (error_field) {
        ui.s.clear_error(error_field);
        if (std::string_view(error_field) == "email" || std::string_view(error_field) == "phone")
          ui.s.clear_error("consent");
      }
      lay_out();
      h = box_height();
      bb.Max.y = bb.Min.y + h;
      count = count_text();
    }
    active = g.ActiveId == gid;  // Enter may have ended a single line
  }
  // Inside a scrolling screen the field being typed in is scrolled into view (above the keyboard).
  // The count above a multiline box is kept in view with it when there is room for both.
  if (active) {
    const float count_row = count_inside ? 0 : half_gap + lh;
    const bool room = ui.scroll && ui.scroll->max.y - ui.scroll->min.y >= count_row + lh + 2 * pad + 2 * ui.m.gap;
    keep_in_view(ui, bb.Min.y - (room ? count_row : 0), std::min(bb.Max.y, bb.Min.y + three));
  }

  // Scroll by whole lines: the caret's line while typing, else the end of the text.
  const int n = int(layout.lines.size()), vis = visible_lines();
  const int cl = int(caret_line(layout, buf.caret()));
  if (active) {
    if (cl < first) first = cl;
    if (cl >= first + vis) first = cl - vis + 1;
  } else {
    first = n - vis;
  }
  first = std::clamp(first, 0, std::max(0, n - vis));
  store->SetInt(gid, first);

  const Error* e = error_field ? ui.s.error_for(error_field) : nullptr;
  dl->AddRectFilled(bb.Min, bb.Max, theme::col(theme::kField), 8);
  dl->AddRect(bb.Min, bb.Max,
              theme::col(e        ? theme::kError
                         : active ? theme::kPrimary
                                  : theme::kFieldBorder),
              8, 0,
              e        ? 4.f
              : active ? 3.f
                       : 2.f);
  dl->PushClipRect(ImVec2(bb.Min.x + 2, bb.Min.y + 2), ImVec2(bb.Max.x - 2, bb.Max.y - 2), true);
  for (int k = first; k < std::min(n, first + vis); ++k) {
    const bidi::Line& l = layout.lines[std::size_t(k)];
    // Whole pixels, as ImGui places text: the caret stands exactly on its line.
    ImVec2 o(std::floor(origin_x(l)), std::floor(bb.Min.y + pad + float(k - first) * lh));
    if (!l.visual.empty()) dl->AddText(font, lh, o, theme::col(theme::kText), l.visual.c_str());
    if (active && k == cl) {
      float cx = std::clamp(o.x + caret_x(l, buf.caret()), bb.Min.x + pad * 0.5f, text_x1 + pad * 0.5f - 3);
      dl->AddRectFilled(ImVec2(cx - 1, o.y), ImVec2(cx + 2, o.y + lh), theme::col(theme::kPrimary));
    }
  }
  dl->PopClipRect();
  float cw = font->CalcTextSizeA(lh, FLT_MAX, 0, count.c_str()).x;
  ImVec2 cp = count_inside ? ImVec2(bb.Max.x - pad - cw, bb.Min.y + pad)
                           : ImVec2(pos.x + width - cw, box_min.y - half_gap - lh);
  dl->AddText(font, lh, cp, theme::col(buf.full() ? theme::kError : theme::kMuted), count.c_str());
  layout.wipe();
  layout.lines.clear();

  register_field(ui, id, label, bb.Min, bb.Max, buf);
  float y = bb.Max.y + half_gap;
  if (error_field && error_below) y += field_error(ui, error_field, ImVec2(pos.x, y), width);
  return y;
}

}  // namespace kiosk::ui
