// Speech mode: the kiosk speaks for itself (EN 301 549 §5.1, closed functionality), on the widget registry
// of the last frame. Display-free: the UI routes touches here and draws the highlight; the words go to a
// SpeechSink in the screen's language, from the catalogs ("Verder, knop").
//
//   off ──start()──> on ──stop_mode() / reset() (session wipe)──> off
//
// While on (touch to explore, confirm to act, after EZ Access):
//   finger down ─────────────────────> cancel()   (every touch silences, §5.1.3.5)
//   tap on an element not in focus ──> focus it, speak "label, role, state"; the tap does nothing else
//   tap on the element in focus ─────> the tap goes through: the element acts
//   next() / previous() ─────────────> focus and speak the next / previous element in reading order
//   new screen or language ──────────> cancel(), focus cleared, the screen's title and instructions
//                                      (the element "instructions" it shows) spoken
//   silence() / repeat() ────────────> stop speaking / say the last utterance again
//   an alert appears (drawn) ────────> spoken after the title, once while it stays (time-out warning,
//                                      a validation error with its field)
//   volume_up() / volume_down() ─────> the level (1..10) to the sink, spoken ("Volume 6 van 10"); stop_mode()
//                                      and reset() set the configured level again (§5.1.3.13)
// Personal data (Widget::personal, and every field's text) is spoken as a count ("12 tekens") unless the
// citizen opted in (set_read_personal), §5.1.3.8/§5.1.3.9. A reference code (Widget::spell) is spelled.
//
// Off or on, an announcement (how to start speech mode, in every language in turn) is a list of
// utterances said one after the other:
//   announce() ──> the first said at once ──tick(): it is over──> the next … ──tick(): the last is over──> done
//   touch() / start() / reset() ──> cancel(), the rest dropped
// announced() is the part being said, from when it is said until it is over, for the screen to show
// (EN 301 549 §5.1.5: nothing only heard). The sink cuts off what plays when it is given something new, so
// tick() waits until a part is over: when the sink says it has finished (SpeechSink::speaking()) and a
// pause (kAnnouncePauseMs) has passed; a sink that cannot tell is given the time the utterance takes to
// say (speaking_ms: an estimate from its length), and one that can is given three times that at most.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/speech_sink.hpp"
#include "kiosk/core/widget_registry.hpp"

namespace kiosk::core {

// The element a finger at (x, y) touches: the last drawn containing it (overlays and the keyboard are drawn
// after the screen), controls before text, inside its clipping (scrolled-out parts are not touched).
// Scroll regions themselves are not elements. nullptr: none.
const Widget* element_at(const WidgetRegistry& registry, float x, float y);

// The on-screen speech controls (previous, next, activate, repeat, stop: the UI's fixed bar) have ids with
// this prefix: they act on the first tap and are not part of the reading order they move through.
inline constexpr std::string_view kSpeechBarPrefix = "speech.bar.";
inline bool speech_control(const Widget& w) { return w.id.starts_with(kSpeechBarPrefix); }

// The elements speech mode walks through, in reading order: every control, and every text or heading that
// has words (the technician's hidden corner, empty labels and the speech controls are not read).
std::vector<const Widget*> reading_order(const WidgetRegistry& registry);

// Something to say in a language (an announcement's parts).
struct Utterance {
  std::string text, lang;
};

class SpeechMode {
 public:
  static constexpr int kVolumeLevels = 10;
  static constexpr int kVolumeStep = 20;  // percent of the calibrated loudness per level (level 5: 100 %)
  static constexpr std::int64_t kAnnouncePauseMs = 600;  // between two parts of an announcement
  // How often tick() asks a sink that can tell (a frame each time: 5 a second while an announcement plays).
  static constexpr std::int64_t kAnnouncePollMs = 200;

  explicit SpeechMode(SpeechSink& sink) : m_sink(&sink) {}
  void set_sink(SpeechSink& sink) {
    m_sink = &sink;
    apply_volume();
  }

  bool on() const { return m_on; }
  // Switches speech mode on; the next after_frame() says so, then the screen's title.
  void start(const Catalog& catalog);
  // Switches speech mode off: silence, and the volume back to the configured level.
  void stop_mode();
  // The session was wiped: off, opt-in off, nothing in focus, nothing to repeat.
  void reset();
  // The configured volume level (1..10, clamped): set on the sink now and by every reset().
  void set_default_volume(int level);
  int volume_level() const { return m_volume; }
  void volume_up(const Catalog& catalog) { change_volume(+1, catalog); }
  void volume_down(const Catalog& catalog) { change_volume(-1, catalog); }
  // Says these one after the other (speech mode on or off); tick() goes on to the next.
  void announce(std::vector<Utterance> parts, std::int64_t now_ms);
  bool announcing() const { return !m_announce.empty(); }
  // The part of the announcement being said (nullptr: none).
  const Utterance* announced() const { return m_announce_said ? &m_announce[m_announce_next - 1] : nullptr; }
  // The next part of the announcement when the one before is over (the end when it was the last); returns
  // the ms until tick() is due again (-1: nothing left).
  std::int64_t tick(std::int64_t now_ms);
  std::int64_t ms_until_tick(std::int64_t now_ms) const;
  // About how long text takes to say (espeak-ng's default rate, ~14 characters a second, and a pause).
  static std::int64_t speaking_ms(std::string_view text);
  // One text in each of these languages, in this order, from the catalogs (key: "speech.announce").
  static std::vector<Utterance> in_languages(const Catalogs& catalogs, const std::vector<std::string>& langs,
                                             std::string_view key);
  void set_read_personal(bool on) { m_read_personal = on; }
  bool read_personal() const { return m_read_personal; }
  // The text of a field when the citizen opted in (the UI reads the session's buffer; never copied here).
  void set_field_text(std::function<std::string(const Widget&)> f) { m_field_text = std::move(f); }

  // After each frame: a new screen (name) or language cancels speech and speaks its title.
  void after_frame(const WidgetRegistry& registry, std::string_view screen, const Catalog& catalog);
  // Drawn this frame: an alert (the time-out warning, a validation error), spoken by the after_frame() of the
  // first frame it is drawn in; id keeps it the same alert while its words change (a countdown).
  void alert(std::string id, std::string text);
  // A reference code character by character, letters with the catalog's spelling words ("D van Dirk, 7, …");
  // the group dashes are left out.
  static std::string spell(std::string_view code, const Catalog& catalog);
  // The words of a validation error: "field: message" (field: the session's name, "" none).
  static std::string error_words(std::string_view field, const std::string& message, const Catalog& catalog);
  // A finger came down (anywhere, also with speech mode off): silence.
  void touch();
  // The element in focus is this one (a tap on it acts).
  bool is_focus(const Widget* w) const;
  // A tap on w (nullptr: on nothing) that is not on the focus: focus and speak it.
  void explore(const Widget* w, const Catalog& catalog);
  void next(const WidgetRegistry& registry, const Catalog& catalog) { step(registry, catalog, +1); }
  void previous(const WidgetRegistry& registry, const Catalog& catalog) { step(registry, catalog, -1); }
  void silence();
  void repeat();
  // The focus in this frame's registry (for the highlight and for confirming without coordinates).
  const Widget* focus(const WidgetRegistry& registry) const;

  // What speech mode says for an element: "label, role, state" in the catalog's words.
  std::string describe(const Widget& w, const Catalog& catalog) const;

 private:
  void say(std::string text, const std::string& lang);
  void step(const WidgetRegistry& registry, const Catalog& catalog, int dir);
  void change_volume(int by, const Catalog& catalog);
  void apply_volume() { m_sink->set_volume(m_volume * kVolumeStep); }
  void stop_announcement();
  static std::string identity(const Widget& w);

  SpeechSink* m_sink;
  bool m_on = false;
  bool m_read_personal = false;
  std::string m_intro;              // said before the next title (speech mode switched on)
  std::string m_screen;             // screen and language the title was spoken for
  std::string m_focus;              // identity of the element in focus ("" none)
  std::string m_last, m_last_lang;  // the last utterance, for repeat()
  std::function<std::string(const Widget&)> m_field_text;
  std::vector<std::pair<std::string, std::string>> m_alerts;  // drawn this frame: id, words
  std::vector<std::string> m_alerted;                         // ids drawn (and spoken) the frame before
  int m_default_volume = 5, m_volume = 5;
  std::vector<Utterance> m_announce;  // the announcement being said (empty: none)
  std::size_t m_announce_next = 0;    // its next part (== size: none)
  bool m_announce_said = false;       // the part before m_announce_next is being said
  bool m_announce_polls = false;      // the sink tells when that part has finished
  bool m_announce_heard = false;      // it has: the pause before the next runs
  std::int64_t m_announce_at = 0;     // when the part being said is over at the latest (the next is due)
};

}  // namespace kiosk::core
