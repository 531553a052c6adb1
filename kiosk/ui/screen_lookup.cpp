// Look up: type a reference code on a large keypad (Crockford base32: no I, L, O, U); see the status and
// everything that happened since: each status change and each answer, with its date and channel.
#include <fmt/format.h>

#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/time.hpp"
#include "ui_internal.hpp"

namespace kiosk::ui {

// The status, then the history: every status change and every answer, oldest first, each with its date and
// time in the kiosk's zone and its channel; a bar down the side marks each entry. The page scrolls.
static const char* status_key(core::LookupStatus st) {
  switch (st) {
    case core::LookupStatus::handled: return "lookup.status.handled";
    case core::LookupStatus::answered: return "lookup.status.answered";
    case core::LookupStatus::delivered: return "lookup.status.delivered";
    case core::LookupStatus::received: break;
  }
  return "lookup.status.received";
}

static const char* event_key(core::LookupEvent::Kind k) {
  switch (k) {
    case core::LookupEvent::Kind::sent: return "lookup.event.sent";
    case core::LookupEvent::Kind::in_progress: return "lookup.event.in_progress";
    case core::LookupEvent::Kind::handled: return "lookup.event.handled";
    case core::LookupEvent::Kind::answer: return "lookup.event.answer";
    case core::LookupEvent::Kind::stored: break;
  }
  return "lookup.event.stored";
}

// Draws the answer view; returns the y below it.
static float draw_lookup_answer(Ui& ui, const core::LookupResult& result, ImVec2 p, float W) {
  float y = p.y;
  ImFont* cf = ui.fonts.code;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  std::string grouped = refcode::group(result.reference);
  const float gw = cf->CalcTextSizeA(cf->FontSize * 0.7f, FLT_MAX, 0, grouped.c_str()).x;
  dl->AddText(cf, cf->FontSize * 0.7f, ImVec2(flip_x(ui, p.x, gw), y), theme::col(theme::kText), grouped.c_str());
  register_widget(ui, core::Role::text, "lookup.code", grouped, ImVec2(flip_x(ui, p.x, gw), y),
                  ImVec2(flip_x(ui, p.x, gw) + gw, y + cf->FontSize * 0.7f))
      .spell = true;  // spelled by speech mode
  y += cf->FontSize * 0.7f + ui.m.pad;
  y += text(ui, ui.t("lookup.status"), ImVec2(p.x, y), W, theme::kMuted, ui.fonts.body) + ui.m.gap * 0.5f;
  y += text(ui, ui.t(status_key(result.status)), ImVec2(p.x, y), W, theme::kText, ui.fonts.heading) + ui.m.pad;
  y += text(ui, ui.t("lookup.history"), ImVec2(p.x, y), W, theme::kMuted, ui.fonts.body) + ui.m.gap * 0.5f;
  const std::string& zone = ui.s.config().kiosk.time_zone;
  const core::Catalog& cat = ui.catalogs.get(ui.s.language());
  for (const auto& e : result.history) {
    int offset = utc_offset_minutes(zone, e.at_ms);
    std::string when = format_day_month_year(e.at_ms, offset) + " " + format_clock(e.at_ms, offset);
    if (!e.channel.empty()) {
      std::string key = "lookup.channel." + e.channel;
      when += " \xC2\xB7 " + (cat.has(key) ? cat.get(key) : e.channel);
    }
    const float inner = W - ui.m.pad;
    float h = text_height(ui.fonts.body, when, inner) + ui.m.gap * 0.3f +
              text_height(ui.fonts.body, ui.t(event_key(e.kind)), inner);
    if (!e.text.empty()) h += ui.m.gap * 0.3f + text_height(ui.fonts.body, e.text, inner);
    bool strong = e.kind == core::LookupEvent::Kind::answer || e.kind == core::LookupEvent::Kind::handled;
    float bx = flip_x(ui, p.x, 8);
    dl->AddRectFilled(ImVec2(bx, y), ImVec2(bx + 8, y + h), theme::col(strong ? theme::kPrimary : theme::kTile));
    float x = p.x + ui.m.pad;
    y += text(ui, when, ImVec2(x, y), inner, theme::kMuted, ui.fonts.body) + ui.m.gap * 0.3f;
    y += text(ui, ui.t(event_key(e.kind)), ImVec2(x, y), inner, theme::kText, ui.fonts.body);
    if (!e.text.empty()) y += ui.m.gap * 0.3f + text(ui, e.text, ImVec2(x, y), inner, theme::kText, ui.fonts.body);
    y += ui.m.pad;
  }
  return y;
}

void draw_lookup(Ui& ui) {
  ImVec2 p = begin_screen(ui, "lookup", ui.t("lookup.title"));
  const float W = ui.display.x - 2 * ui.m.pad;
  float y = p.y;
  std::string& code = ui.s.lookup_code();
  const auto& result = ui.s.lookup_result();
  if (result) {
    y = draw_lookup_answer(ui, *result, p, W);
    // The answers on paper (Session::print_answers); how it went, as on the receipt screen.
    if (ui.print_state == 1 && !ui.print_job.running()) ui.print_state = ui.print_job.result()->exit_code == 0 ? 3 : 2;
    if (ui.print_state >= 2)
      text(ui, ui.t(core::print_result_key(ui.s.printer_status().state)), ImVec2(p.x, y), W,
           ui.print_state == 2 ? theme::kError : theme::kText, ui.fonts.body);
    if (ui.s.print_available() &&
        bottom_action(ui, "lookup.print", ui.t("lookup.print"), Style::secondary, ui.print_state != 1) &&
        ui.s.print_answers(ui.catalogs, ui.print_job, ui.wake))
      ui.print_state = 1;
    end_screen(ui);
    return;
  }
  // The code field and the keypad side by side where both fit, else the keypad under the field.
  ImFont* cf = ui.fonts.code;
  const std::string_view alphabet = refcode::kAlphabet;
  float code_w = cf->CalcTextSizeA(cf->FontSize, FLT_MAX, 0, "WW-WWWW-WWWW").x + ui.m.gap * 2;
  float key_w =
      std::max(ui.m.target, ui.fonts.body->CalcTextSizeA(ui.fonts.body->FontSize, FLT_MAX, 0, "W").x + ui.m.gap * 3.2f);
  float box_w = std::max(W * 0.45f, code_w);
  bool side_by_side = box_w + ui.m.pad + 4 * key_w + 3 * ui.m.gap * 1.5f <= W;
  if (!side_by_side) box_w = W;
  const float left_w = side_by_side ? box_w : W;
  y += text(ui, ui.t("lookup.hint"), ImVec2(p.x, y), left_w, theme::kText, ui.fonts.body) + ui.m.gap;
  mark_instructions(ui);
  // The code typed so far, grouped like the receipt (PP-BBBB-BBBC).
  std::string shown;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i == 2 || i == 6) shown += '-';
    shown += code[i];
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float box_h = cf->FontSize + ui.m.gap * 2;
  float bx = flip_x(ui, p.x, box_w);
  dl->AddRect(ImVec2(bx, y), ImVec2(bx + box_w, y + box_h), theme::col(theme::kFieldBorder), 6, 0, 3);
  dl->AddText(cf, cf->FontSize, ImVec2(bx + ui.m.gap, y + ui.m.gap), theme::col(theme::kText), shown.c_str());
  if (!shown.empty())  // the code typed so far, spelled by speech mode
    register_widget(ui, core::Role::text, "lookup.code", shown, ImVec2(bx, y), ImVec2(bx + box_w, y + box_h)).spell =
        true;
  y += box_h + ui.m.gap;
  y += field_error(ui, "reference", ImVec2(p.x, y), box_w) + ui.m.gap;

  // Keypad: 32 characters in as many columns as fit (at most 8), then erase and search.
  float kx = side_by_side ? p.x + box_w + ui.m.pad : p.x;
  float ky = side_by_side ? p.y : y;
  float kw = p.x + W - kx;
  int cols = std::clamp(int((kw + ui.m.gap * 1.5f) / (key_w + ui.m.gap * 1.5f)), 4, 8);
  Grid g = make_grid(ui, ImVec2(kx, ky), 40, cols, content_bottom(ui));
  g.w = (kw - g.gap * float(cols - 1)) / float(cols);
  g.h = std::max({g.h, ui.m.target, ui.fonts.body->FontSize + 2 * ui.m.gap});
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    char c = alphabet[i];
    std::string label(1, c);
    std::string id = "pad." + label;
    if (button(ui, id.c_str(), label, g.pos(int(i)), ImVec2(g.w, g.h)) && code.size() < refcode::kLength) {
      code += c;
      ui.s.clear_error("reference");
    }
  }
  int rows = (int(alphabet.size()) + cols - 1) / cols;
  float ly = g.origin.y + float(rows) * (g.h + g.gap);
  const std::string& erase = ui.t("lookup.erase");
  const std::string& search = ui.t("lookup.search");
  Grid last = make_grid(ui, ImVec2(kx, ly), {erase, search}, 2, content_bottom(ui), false);
  last.w = (kw - last.gap) / 2;
  last.h = std::max(last.h, text_height(ui.fonts.body, search, last.w - ui.m.gap * 2.8f) + 2 * ui.m.gap);
  if (button(ui, "pad.erase", erase, last.pos(0), ImVec2(last.w, last.h)) && !code.empty()) {
    code.pop_back();
    ui.s.clear_error("reference");
  }
  if (button(ui, "lookup.search", search, last.pos(1), ImVec2(last.w, last.h), Style::primary, !code.empty()))
    ui.s.look_up();
  end_screen(ui);
}

}  // namespace kiosk::ui
