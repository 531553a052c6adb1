// Speech mode on screen: the control that starts it from the idle screen, the bar of speech controls while
// it is on, and the outline of the element being spoken (EN 301 549 §5.1.3.3: what is heard is what is highlighted). The logic is
// core::SpeechMode's; KioskUi routes touches to it.
#include "ui_internal.hpp"

namespace kiosk::ui {

// The speech switch, at the end of the idle screen's band: the top corner opposite the technician's, the
// same on every panel (§5.2: found without sight). Its symbol is drawn; the
// registry carries its name for speech.
float speech_switch(Ui& ui, float right, float y, float h) {
  const std::string& sym = ui.t("speech.switch_symbol");
  const float w = std::max(ui.m.target, text_width(ui.fonts.body, sym) + 3 * ui.m.gap);
  right -= w;
  const bool on = ui.speech && ui.speech->on();
  // (The idle screen is in the kiosk's default language; a right-to-left one would mirror it with the band.)
  bool tapped =
      button(ui, "speech.switch", sym, ImVec2(right, y), ImVec2(w, h), on ? Style::selected : Style::secondary);
  core::Widget& r = ui.registry.items().back();
  r.key = "speech.switch";
  r.label = ui.t("speech.switch");
  r.value = on ? "on" : "off";
  if (tapped && ui.speech) {
    if (on) ui.speech->stop_mode();
    else ui.speech->start(ui.catalogs.get(ui.lang()));
  }
  return right - ui.m.gap;
}

// The speech controls: one row across the bottom of the panel, below every screen, overlay and the keyboard
// (they are laid out above it), so a hand finds them in the same place everywhere. The order does not
// mirror with the language. A name that does not fit its button is drawn as its symbol ("*_short"); the
// registry carries the name for speech. KioskUi routes their taps (they act on the first tap). Quieter
// and louder are the last two (§5.1.3.11/12: volume without sight, the level spoken).
void speech_bar(Ui& ui, float top, float bottom) {
  static constexpr const char* kControls[] = {"previous", "next",        "activate", "repeat",
                                              "stop",     "volume_down", "volume_up"};
  constexpr float n = float(std::size(kControls));
  ImGui::SetNextWindowPos(ImVec2(0, top));
  ImGui::SetNextWindowSize(ImVec2(ui.display.x, bottom - top));
  ImGui::Begin("##speech_bar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoNav);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, top), ImVec2(ui.display.x, bottom), theme::col(theme::kBar));
  const bool rtl = std::exchange(ui.rtl, false);
  const float g = ui.m.gap, w = (ui.display.x - g * (n + 1)) / n;
  float x = g;
  for (const char* name : kControls) {
    const std::string key = std::string(core::kSpeechBarPrefix) + name;
    named_button(ui, key.c_str(), key, ImVec2(x, top + g), ImVec2(w, bottom - top - 2 * g));
    ui.registry.items().back().clip_y1 = bottom;  // below the screens' display
    x += w + g;
  }
  ui.rtl = rtl;
  ImGui::End();
}

float speech_bar_height(const Metrics& m) { return m.button_h + 2 * m.gap; }

void speech_highlight(Ui& ui) {
  if (!ui.speech) return;
  const core::Widget* w = ui.speech->focus(ui.registry);
  if (!w) return;
  const float t = std::max(3.f, ui.m.gap * 0.4f);
  ImVec2 a(std::max(w->x0, w->clip_x0) - t * 0.5f, std::max(w->y0, w->clip_y0) - t * 0.5f);
  ImVec2 b(std::min(w->x1, w->clip_x1) + t * 0.5f, std::min(w->y1, w->clip_y1) + t * 0.5f);
  // Two rings, dark outside light, so it shows on every background of both palettes.
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  dl->AddRect(a, b, theme::col(theme::kText), ui.m.gap * 0.7f, 0, t * 2);
  dl->AddRect(a, b, theme::col(theme::kBackground), ui.m.gap * 0.7f, 0, t * 0.6f);
}

float announcement_caption(Ui& ui, ImVec2 pos, float width) {
  const core::Utterance* a = ui.caption;
  if (!a) return 0;
  const float in = ui.m.gap, x = flip_x(ui, pos.x, width);  // the box on the screen's start side
  const float h = text_height(ui.fonts.body, a->text, width - 2 * in) + 2 * in;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(x, pos.y), ImVec2(x + width, pos.y + h), theme::col(theme::kTile), ui.m.gap * 0.5f);
  dl->AddRect(ImVec2(x, pos.y), ImVec2(x + width, pos.y + h), theme::col(theme::kPrimary), ui.m.gap * 0.5f, 0, 2);
  // Its lines aligned in the direction of its own language, whatever the screen's.
  const bool rtl = std::exchange(ui.rtl, core::right_to_left(ui.catalogs.get(a->lang)));
  draw_text(ui, dl, ui.fonts.body, ImVec2(x + in, pos.y + in), width - 2 * in, theme::col(theme::kText), a->text);
  ui.rtl = rtl;
  register_widget(ui, core::Role::text, "speech.announced", a->text, ImVec2(x, pos.y), ImVec2(x + width, pos.y + h));
  return h;
}

void mark_instructions(Ui& ui) {
  core::Widget& w = ui.registry.items().back();
  w.id = "instructions";
  show_focus(ui, w);  // it is known to speech mode by this id
}

float instructions(Ui& ui, const char* key, ImVec2 pos) {
  const std::string& words = ui.t(key);
  const float w = ui.display.x - 2 * ui.m.pad;
  // On a short page (the Pi's panel in large text, crisis news in the header) the line would push the
  // screen's first control out of view: then it is shown in speech mode only (which says it on entry and
  // scrolls it into view when it is stepped onto); the title asks the question either way.
  if (ui.scroll == &ui.page && !(ui.speech && ui.speech->on())) {
    const float unscrolled = pos.y + ui.page.offset;
    if (unscrolled + text_height(ui.fonts.body, words, w) + ui.m.gap + ui.m.target > ui.page.max.y) return 0;
  }
  const float h = text(ui, words, pos, w, theme::kMuted, ui.fonts.body);
  mark_instructions(ui);
  return h;
}

// "Read my details aloud": a button; tapped, it shows and speaks the warning (others may hear) with yes and
// no; yes lets speech mode read the citizen's text and contact details until the session ends.
float read_details_control(Ui& ui, ImVec2 pos, float width) {
  if (!ui.speech || !ui.speech->on() || !ui.personal_ask) return 0;
  const float y0 = pos.y;
  const float pad = 2 * ui.m.gap * 1.4f;
  auto button_h = [&](const std::string& label, float w) {
    return std::max({ui.m.target, ui.m.button_h, text_height(ui.fonts.body, label, w - pad) + 2 * ui.m.gap});
  };
  if (ui.speech->read_personal()) {
    pos.y += text(ui, ui.t("speech.personal.on"), pos, width, theme::kText, ui.fonts.body) + ui.m.gap;
    return pos.y - y0;
  }
  if (!*ui.personal_ask) {
    const std::string& label = ui.t("speech.personal");
    const float h = button_h(label, width);
    if (button(ui, "speech.personal", label, pos, ImVec2(width, h))) *ui.personal_ask = true;
    return h + ui.m.gap;
  }
  const std::string& warning = ui.t("speech.personal.warning");
  pos.y += text(ui, warning, pos, width, theme::kError, ui.fonts.body) + ui.m.gap;
  ui.speech->alert("speech.personal", warning);  // said once, when it appears
  const std::string &yes = ui.t("speech.personal.yes"), &no = ui.t("speech.personal.no");
  const bool stacked = ui.m.one_column || std::max(text_width(ui.fonts.body, yes), text_width(ui.fonts.body, no)) >
                                              (width - ui.m.gap) * 0.5f - pad;
  const float bw = stacked ? width : (width - ui.m.gap) * 0.5f;
  const float bh = std::max(button_h(yes, bw), button_h(no, bw));
  const ImVec2 no_at = pos,
               yes_at = stacked ? ImVec2(pos.x, pos.y + bh + ui.m.gap) : ImVec2(pos.x + bw + ui.m.gap, pos.y);
  if (button(ui, "speech.personal.no", no, no_at, ImVec2(bw, bh), Style::primary)) *ui.personal_ask = false;
  if (button(ui, "speech.personal.yes", yes, yes_at, ImVec2(bw, bh), Style::secondary)) {
    ui.speech->set_read_personal(true);
    *ui.personal_ask = false;
  }
  pos.y = (stacked ? yes_at.y : no_at.y) + bh + ui.m.gap;
  return pos.y - y0;
}

}  // namespace kiosk::ui
