// Speech mode: touch to explore, confirm to act, on the widget registry. See speech_mode.hpp.
#include "kiosk/core/speech_mode.hpp"

#include <algorithm>

#include "kiosk/sync/utf8.hpp"

namespace kiosk::core {

namespace {

bool readable(const Widget& w) {
  if (w.role == Role::scroll_region) return false;
  if (interactive(w.role)) return !w.label.empty() || w.role == Role::field;
  return !w.label.empty();
}

bool contains(const Widget& w, float x, float y) {
  return x >= std::max(w.x0, w.clip_x0) && x < std::min(w.x1, w.clip_x1) && y >= std::max(w.y0, w.clip_y0) &&
         y < std::min(w.y1, w.clip_y1);
}

std::string count_words(const Catalog& c, std::size_t n) {
  return fill(c.get(n == 1 ? "speech.count_one" : "speech.count"), {{"n", std::to_string(n)}});
}

}  // namespace

const Widget* element_at(const WidgetRegistry& registry, float x, float y) {
  const Widget* best = nullptr;
  for (const auto& w : registry.items()) {
    if (w.role == Role::scroll_region || !contains(w, x, y)) continue;
    // Later drawn wins, but a control wins over text it lies on (a tile's label, a region's body).
    if (!best || interactive(w.role) || !interactive(best->role)) best = &w;
  }
  return best;
}

std::vector<const Widget*> reading_order(const WidgetRegistry& registry) {
  std::vector<const Widget*> out;
  for (const auto& w : registry.items())
    if (readable(w) && !speech_control(w)) out.push_back(&w);
  return out;
}

std::string SpeechMode::identity(const Widget& w) {
  // Controls by id; text by its place and words (the same paragraph on the next frame).
  return w.id.empty() ? "#" + std::to_string(w.order) + ":" + w.label : w.id;
}

void SpeechMode::start(const Catalog& catalog) {
  stop_announcement();
  m_on = true;
  m_intro = catalog.get("speech.started");
  m_screen.clear();  // the title follows the intro
  m_focus.clear();
}

void SpeechMode::stop_mode() {
  m_sink->cancel();
  m_on = false;
  m_intro.clear();
  m_focus.clear();
  // The next one to switch it on (or the announcement) starts at the configured loudness (§5.1.3.13).
  m_volume = m_default_volume;
  apply_volume();
}

void SpeechMode::reset() {
  stop_mode();
  stop_announcement();
  m_read_personal = false;
  m_screen.clear();
  m_last.clear();
  m_last_lang.clear();
}

void SpeechMode::set_default_volume(int level) {
  m_default_volume = m_volume = std::clamp(level, 1, kVolumeLevels);
  apply_volume();
}

void SpeechMode::change_volume(int by, const Catalog& catalog) {
  m_volume = std::clamp(m_volume + by, 1, kVolumeLevels);
  apply_volume();  // before the words, so they are heard at the new level
  say(fill(catalog.get("speech.volume"), {{"n", std::to_string(m_volume)}, {"max", std::to_string(kVolumeLevels)}}),
      catalog.language());
}

std::int64_t SpeechMode::speaking_ms(std::string_view text) { return 600 + 75 * std::int64_t(utf8_length(text)); }

std::vector<Utterance> SpeechMode::in_languages(const Catalogs& catalogs, const std::vector<std::string>& langs,
                                                std::string_view key) {
  std::vector<Utterance> out;
  for (const auto& l : langs) {
    const Catalog& c = catalogs.get(l);
    if (c.language() == l) out.push_back({c.get(key), l});  // each in its own voice
  }
  return out;
}

void SpeechMode::announce(std::vector<Utterance> parts, std::int64_t now_ms) {
  stop_announcement();
  m_announce = std::move(parts);
  m_announce_at = now_ms;
  tick(now_ms);
}

std::int64_t SpeechMode::tick(std::int64_t now_ms) {
  if (!announcing()) return -1;
  if (m_announce_said && m_announce_polls && !m_announce_heard) {
    const std::optional<bool> speaking = m_sink->speaking();
    if (!speaking || !*speaking) {  // finished (or the sink can no longer tell): a pause, then the next
      m_announce_heard = true;
      m_announce_at = std::min(m_announce_at, now_ms + kAnnouncePauseMs);
    }
  }
  if (now_ms < m_announce_at) return ms_until_tick(now_ms);
  if (m_announce_next == m_announce.size()) {  // the last part is over
    stop_announcement();
    return -1;
  }
  const Utterance& u = m_announce[m_announce_next++];
  say(u.text, u.lang);
  m_announce_said = true;
  m_announce_polls = m_sink->speaking().has_value();
  m_announce_heard = false;
  m_announce_at = now_ms + (m_announce_polls ? 3 : 1) * speaking_ms(u.text);
  return ms_until_tick(now_ms);
}

std::int64_t SpeechMode::ms_until_tick(std::int64_t now_ms) const {
  if (!announcing()) return -1;
  const std::int64_t due = std::max<std::int64_t>(0, m_announce_at - now_ms);
  return m_announce_polls && !m_announce_heard ? std::min(due, kAnnouncePollMs) : due;
}

void SpeechMode::stop_announcement() {
  m_announce.clear();
  m_announce_next = 0;
  m_announce_said = m_announce_polls = m_announce_heard = false;
}

void SpeechMode::say(std::string text, const std::string& lang) {
  m_sink->cancel();  // the ordering tests rely on: cancel, then the new utterance
  m_sink->speak(text, lang);
  m_last = std::move(text);
  m_last_lang = lang;
}

void SpeechMode::alert(std::string id, std::string text) {
  if (m_on) m_alerts.emplace_back(std::move(id), std::move(text));
}

std::string SpeechMode::error_words(std::string_view field, const std::string& message, const Catalog& catalog) {
  if (field.empty()) return message;
  return catalog.get("speech.field." + std::string(field)) + ": " + message;
}

std::string SpeechMode::spell(std::string_view code, const Catalog& catalog) {
  std::string out;
  for (char ch : code) {
    if (ch == '-') continue;
    const std::string c(1, ch);
    const std::string key = "speech.spell." + c;
    if (!out.empty()) out += ", ";
    out += catalog.has(key) ? fill(catalog.get("speech.spell"), {{"c", c}, {"word", catalog.get(key)}}) : c;
  }
  return out;
}

void SpeechMode::after_frame(const WidgetRegistry& registry, std::string_view screen, const Catalog& catalog) {
  auto alerts = std::exchange(m_alerts, {});
  if (!m_on) {
    m_alerted.clear();
    return;
  }
  std::string text;
  std::string key = std::string(screen) + "|" + catalog.language();
  if (key != m_screen) {
    m_screen = key;
    m_focus.clear();
    // The title: in the bar, or (folded) its first heading from the catalog; a screen without one (idle) is
    // introduced by its first text from the catalog. Clocks and names are not titles.
    std::string title;
    if (const Widget* t = registry.find("title")) title = t->label;
    for (Role role : {Role::heading, Role::text})
      for (const auto& w : registry.items())
        if (title.empty() && w.role == role && !w.key.empty()) title = w.label;
    text = m_intro.empty() ? title : m_intro + " " + title;
    m_intro.clear();
    // Then what the screen asks (§5.1.3.1): the sentence it shows as its instructions.
    if (const Widget* i = registry.find("instructions"); i && !i->label.empty() && i->label != title)
      text += (text.empty() ? "" : " ") + i->label;
  }
  // Alerts new in this frame, after the title.
  std::vector<std::string> ids;
  for (auto& [id, words] : alerts) {
    if (std::find(m_alerted.begin(), m_alerted.end(), id) == m_alerted.end()) text += (text.empty() ? "" : " ") + words;
    ids.push_back(std::move(id));
  }
  m_alerted = std::move(ids);
  if (!text.empty()) say(std::move(text), catalog.language());
}

void SpeechMode::touch() {
  stop_announcement();
  m_sink->cancel();
}

bool SpeechMode::is_focus(const Widget* w) const { return m_on && w && !m_focus.empty() && identity(*w) == m_focus; }

void SpeechMode::explore(const Widget* w, const Catalog& catalog) {
  if (!m_on) return;
  if (!w || !readable(*w)) {
    m_focus.clear();
    return;
  }
  m_focus = identity(*w);
  say(describe(*w, catalog), catalog.language());
}

void SpeechMode::step(const WidgetRegistry& registry, const Catalog& catalog, int dir) {
  if (!m_on) return;
  auto order = reading_order(registry);
  if (order.empty()) return;
  int at = -1;
  for (std::size_t i = 0; i < order.size(); ++i)
    if (identity(*order[i]) == m_focus) at = int(i);
  int n = int(order.size());
  // From nothing, next starts at the first element and previous at the last; both wrap around.
  int to = at < 0 ? (dir > 0 ? 0 : n - 1) : (at + dir + n) % n;
  m_focus = identity(*order[std::size_t(to)]);
  say(describe(*order[std::size_t(to)], catalog), catalog.language());
}

void SpeechMode::silence() { m_sink->cancel(); }

void SpeechMode::repeat() {
  if (m_last.empty()) return;
  m_sink->cancel();
  m_sink->speak(m_last, m_last_lang);
}

const Widget* SpeechMode::focus(const WidgetRegistry& registry) const {
  if (!m_on || m_focus.empty()) return nullptr;
  for (const auto& w : registry.items())
    if (identity(w) == m_focus) return &w;
  return nullptr;
}

std::string SpeechMode::describe(const Widget& w, const Catalog& c) const {
  std::vector<std::string> parts;
  if (w.spell) parts.push_back(spell(w.label, c));
  else if (w.personal && !m_read_personal) parts.push_back(count_words(c, utf8_length(w.label)));
  else if (!w.label.empty()) parts.push_back(w.label);
  switch (w.role) {
    case Role::button:
    case Role::checkbox:
    case Role::key:
    case Role::field:
    case Role::heading: parts.push_back(c.get("speech.role." + std::string(role_name(w.role)))); break;
    case Role::text:
    case Role::scroll_region: break;
  }
  if (w.role == Role::checkbox) parts.push_back(c.get(w.selected ? "speech.state.checked" : "speech.state.unchecked"));
  else if (w.value == "on" || w.value == "off") parts.push_back(c.get("speech.state." + w.value));
  else if (w.selected) parts.push_back(c.get("speech.state.selected"));
  if (w.role == Role::field) {
    // A field's text is the citizen's: its length, unless they chose to hear it.
    std::string text = m_read_personal && m_field_text ? m_field_text(w) : std::string();
    if (!text.empty()) parts.push_back(text);
    else if (w.value_length <= 0) parts.push_back(c.get("speech.empty"));
    else parts.push_back(count_words(c, std::size_t(w.value_length)));
  }
  if (!w.enabled) parts.push_back(c.get("speech.state.disabled"));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace kiosk::core
