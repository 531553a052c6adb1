// One citizen's visit at the kiosk: the screens, the forms, validation, submission to the outbox, the
// idle timeout and the wipe afterwards. Display-free: the UI reads this state and calls the commands
// below; tests drive it with a FakeClock.
//
// Screens and the command that makes each transition (back() returns along every arrow it can):
//
//   idle ──start()──► choose ──choose(Flow::report)──► report_category ──pick_category()──►
//     ▲                 │        report_subcategory ──pick_subcategory()──► report_location ──next()──►
//     │                 │        report_description ──next()──► report_contact ──next()──► report_review
//     │                 │                                                        │ submit()
//     │                 ├─choose(Flow::question)──► question_topic ──pick_topic()──► question_text
//     │                 │        ──next()──► question_contact ──next()──► question_publish (only when the
//     │                 │        public channel is routed) ──next()──► question_review ──submit()──┐
//     │                 ├─choose(Flow::idea)──► the question screens above with an idea (topic, text,
//     │                 │        contact, publish when routed, review), sent as Kind::idea ──submit()──┤
//     │                 ├─choose(Flow::poll)──► poll ──pick_poll_answer(), submit()──────────────┤
//     │                 ├─choose(Flow::news)──► news                                             ▼
//     │                 └─choose(Flow::lookup)──► lookup (look_up() shows the status there)   receipt
//     │                                                                                          │
//     ├──────────── finish() ◄───────────────────────────────────────────────────────────────────┘
//     ├──────────── tick(): idle timeout expired (from any screen)      [both call wipe()]
//     ├──────────── back() from choose
//   idle ──open_technician()──► technician_pin ──enter_pin()──► technician ──leave_technician()──► idle
//
// wipe() clears every trace of the citizen: forms, errors, receipt, look-up, language (back to the
// default), help mode, text size; generation() changes so the UI recreates its ImGui context.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/address_book.hpp"
#include "kiosk/core/command.hpp"
#include "kiosk/core/export.hpp"
#include "kiosk/core/idle.hpp"
#include "kiosk/core/pin.hpp"
#include "kiosk/core/printer.hpp"
#include "kiosk/core/receipt.hpp"
#include "kiosk/core/technician.hpp"
#include "kiosk/core/update_status.hpp"
#include "kiosk/sync/categories.hpp"
#include "kiosk/core/text_buffer.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/validate.hpp"
#include "kiosk/sync/wait.hpp"

namespace kiosk::core {

enum class Screen {
  idle,
  choose,
  report_category,
  report_subcategory,
  report_location,
  report_description,
  report_contact,
  report_review,
  question_topic,
  question_text,
  question_contact,
  question_publish,
  question_review,
  poll,
  news,
  receipt,
  lookup,
  technician_pin,
  technician,
};
std::string_view screen_name(Screen s) noexcept;
inline constexpr Screen kAllScreens[] = {Screen::idle,
                                         Screen::choose,
                                         Screen::report_category,
                                         Screen::report_subcategory,
                                         Screen::report_location,
                                         Screen::report_description,
                                         Screen::report_contact,
                                         Screen::report_review,
                                         Screen::question_topic,
                                         Screen::question_text,
                                         Screen::question_contact,
                                         Screen::question_publish,
                                         Screen::question_review,
                                         Screen::poll,
                                         Screen::news,
                                         Screen::receipt,
                                         Screen::lookup,
                                         Screen::technician_pin,
                                         Screen::technician};

enum class Flow { report, question, poll, news, lookup, idea };

// Typed fields are TextBuffers (wiped in place, limits of validate.hpp's Limits).
struct ContactForm {
  TextBuffer email{Limits{}.email};
  TextBuffer phone{Limits{}.phone};
  bool consent = false;  // the municipality may contact me about this submission only
};

// Where a report is: the kiosk's own location (default), one of the configured places, typed text
// (matched against the address list), or a spot tapped on the map.
struct LocationChoice {
  enum Kind { at_kiosk, at_place, typed_in, on_map } kind = at_kiosk;
  int place = -1;
  TextBuffer typed{Limits{}.location_text};
  int address = -1;                // typed_in: the suggestion tapped (AddressBook index), while typed is its label
  std::optional<GeoPoint> tapped;  // on_map: where the citizen tapped
};

struct ReportForm {
  std::string main;  // main category slug
  std::string sub;   // sub-category slug
  LocationChoice location;
  TextBuffer description{Limits{}.text, true};
  ContactForm contact;
};

struct QuestionForm {
  std::string topic;  // topic slug
  TextBuffer text{Limits{}.text, true};
  ContactForm contact;
  bool publish = false;  // explicit opt-in: the scrubbed text goes on the public channel
  bool idea = false;     // the flow is an idea (Flow::idea): same steps, sent as Kind::idea
};

struct PollForm {
  std::string answer;     // answer id picked
  bool answered = false;  // one answer per session
};

// handled: a channel closed it (Signalen CLOSED, Open311 closed); stronger than answered.
enum class LookupStatus { received, delivered, answered, handled };
// One line of a look-up's history: when, through which channel, what happened.
struct LookupEvent {
  enum class Kind { stored, sent, in_progress, handled, answer } kind = Kind::stored;
  std::int64_t at_ms = 0;
  std::string channel;  // the configured channel name ("" for stored)
  std::string text;     // answer: the municipality's words
};
struct LookupResult {
  std::string reference;  // canonical
  Kind kind = Kind::question;
  LookupStatus status = LookupStatus::received;
  std::string answer;  // newest answer, if any
  std::int64_t created_at_ms = 0;
  std::vector<LookupEvent> history;  // every status change and every answer, oldest first
};
// What a channel's own status word means to the citizen: handled (closed), answered (Open Klant's
// beantwoord: its answer is an event of its own) or in progress.
LookupEvent::Kind lookup_event_kind(std::string_view remote_status);

struct ReceiptInfo {
  std::string reference;  // canonical; refcode::group() to show
  Kind kind = Kind::question;
  std::string category;  // report category id
  std::int64_t created_at_ms = 0;
};

struct TechnicianInfo {
  std::string version;
  std::map<std::string, std::int64_t> queue_depth;  // channel -> not yet delivered
  std::map<std::string, std::int64_t> parked;       // channel -> parked
  std::int64_t submissions = 0;
  std::int64_t oldest_undelivered_ms = 0;
  std::int64_t last_sync_ms = 0;  // end of the sync service's last run (its run record; 0: none yet)
  SyncView sync;                  // that run per channel (technician.hpp): the same records as `kioskctl status`
  std::vector<std::string> last_errors;
  std::int64_t disk_free_bytes = -1;
  std::string error;  // reading the outbox failed
  // Channels that wait on purpose (paced, backing off, circuit open): a state, not an error.
  struct Waiting {
    std::string channel;
    Wait wait = Wait::none;
    std::int64_t until_ms = 0;
    int failures = 0;
    int posts_per_hour = 0;
  };
  std::vector<Waiting> waiting;
  std::string printer;  // Printer::summary(): kind, target, last state; empty without a printer
  // The appliance's image version and what its last update did (update_status.hpp); empty / nullopt off
  // the appliance or before any update; update_error: the status file is there but cannot be read.
  std::string image_version;
  std::optional<UpdateStatus> update;
  std::string update_error;
};

// Starting a USB stick action of the technician screen (Session::export_queue, import_queue, eject_stick).
enum class StickStart { started, busy, no_stick, no_outbox };

// Puts the configured [[news]] into the outbox (one item per language, source "config"), so the idle
// screen has news before the municipality's own arrives. Idempotent.
void seed_news(Outbox& outbox, const Config& config);

// The catalog key of a validation or storage error (shown next to its field).
std::string error_key(const Error& e);

class Session {
 public:
  Session(const Config& config, const CategoryTree& tree, Outbox* outbox, const Clock& clock);
  Session(const Session&) = delete;  // m_tree may point into m_live
  Session& operator=(const Session&) = delete;

  // --- state ---
  Screen screen() const { return m_screen; }
  const std::string& language() const { return m_language; }
  bool assisted() const { return m_assisted; }
  bool large_text() const { return m_large_text; }
  bool high_contrast() const { return m_high_contrast; }
  std::uint64_t generation() const { return m_generation; }
  const Config& config() const { return *m_config; }
  const CategoryTree& tree() const { return *m_tree; }
  ReportForm& report() { return m_report; }
  QuestionForm& question() { return m_question; }
  const PollForm& poll_form() const { return m_poll; }
  std::string& lookup_code() { return m_lookup_code; }
  const std::optional<LookupResult>& lookup_result() const { return m_lookup; }
  const std::optional<ReceiptInfo>& receipt() const { return m_receipt; }
  const IdleTimer& idle() const { return m_idle; }
  // Errors of the current step (validation, look-up, storage); field "" for screen-wide ones.
  const std::vector<Error>& errors() const { return m_errors; }
  const Error* error_for(std::string_view field) const;
  const Poll* active_poll() const { return m_config->polls.empty() ? nullptr : &m_config->polls.front(); }
  bool offers(Flow f) const;
  bool question_has_publish_step() const;
  // The submission as it would be sent now (review screen); channels and time filled in.
  Submission draft() const;
  // What would be public (scrub_personal_data of the question text).
  std::string public_preview() const;
  // Newest news in the current language (else the default language), at most `limit`.
  std::vector<NewsItem> news(std::size_t limit) const;
  // Urgent news for the banner of the idle screen and every header, newest first: in the current
  // language, else in the default language, else in any; at most `limit`.
  std::vector<NewsItem> urgent_news(std::size_t limit) const;
  // What the idle and news screens list: urgent_news() first, then the other items of news().
  std::vector<NewsItem> news_urgent_first(std::size_t limit) const;
  // The catalog key that says an item is in another language than the screen's ("news.in.nl", or
  // "news.in_other" for one the kiosk has no screen language for); empty when it is in the screen's.
  std::string language_note_key(const NewsItem& item) const;
  bool writing_idea() const { return m_question.idea; }  // the question screens carry an idea
  std::string handling_message() const;  // receipt: what happens next, in the current language key or text
  // Every catalog language can be shown and typed (Arabic: shaped right-to-left text in kiosk_ui).
  static bool language_ready(std::string_view) { return true; }

  // --- commands ---
  void start();  // idle -> choose
  void choose(Flow flow);
  void back();
  void pick_category(std::string_view main_slug);
  void pick_subcategory(std::string_view sub_slug);
  void pick_location(LocationChoice choice);
  void pick_topic(std::string_view slug);
  void set_publish(bool publish) { m_question.publish = publish; }
  // The citizen changed a field: its error goes away until the next check.
  void clear_error(std::string_view field) {
    std::erase_if(m_errors, [&](const Error& e) { return e.field == field; });
  }
  void pick_poll_answer(std::string_view answer_id);
  void next();                               // validate the current step, then go on
  void submit();                             // review/poll -> receipt (stored in the outbox first)
  void finish();                             // receipt -> idle, wiped
  void look_up();                            // lookup: find lookup_code() in the outbox
  bool set_language(std::string_view lang);  // false when not offered or not ready
  void set_assisted(bool on) { m_assisted = on; }
  // Reading modes a citizen switches from the idle screen or any header (and staff from their panel);
  // both reset when the session ends.
  void set_large_text(bool on) { m_large_text = on; }
  void set_high_contrast(bool on) { m_high_contrast = on; }

  // Idle handling: call activity() on every touch, tick() every frame/wake-up.
  void activity();
  bool extend() { return m_idle.extend(); }
  void tick();  // wipes when the idle time ran out (not on the idle screen)
  void wipe();

  // Technician screen.
  void open_technician();
  PinResult enter_pin(std::string_view pin);
  std::int64_t pin_wait_ms() const { return m_pin.wait_ms(); }
  void leave_technician();
  // What the technician screen shows, drawn every frame it draws: read from the outbox when the screen
  // opens (enter_pin), after a sync or export it started has finished, and otherwise at most once every
  // kTechnicianRefreshMs of the session's clock (the plot reads up to a week of run records).
  const TechnicianInfo& technician_info();
  const SyncHistory& sync_history();  // the 7-day plot (read_sync_history)
  // Where technician_info reads the image version and the last update's status (tests: other files).
  void set_update_places(UpdatePlaces places) { m_update_places = std::move(places); }
  static constexpr std::int64_t kTechnicianRefreshMs = 10'000;
  // "Sync now": a request to kiosk-sync (technician.hpp, start_sync_now), run in job; on_done as there.
  bool sync_now(BackgroundCommand& job, std::function<void()> on_done = {});
  // "Export queue to USB stick": export_to_stick (export.hpp, the hand-over of `kioskctl export
  // --undelivered --handover`) into `stick` (empty: find_usb_stick()), run in job; on_done as there.
  StickStart export_queue(BackgroundCommand& job, std::function<void()> on_done = {}, std::filesystem::path stick = {});
  // "Import queue from USB stick": import_from_stick (export.hpp) from `stick` (empty: find_usb_stick()).
  StickStart import_queue(BackgroundCommand& job, std::function<void()> on_done = {}, std::filesystem::path stick = {});
  // "Remove USB stick safely": eject_stick (export.hpp) with `places`, waiting up to a minute; exit_code 0
  // once it may be pulled.
  StickStart eject_stick(BackgroundCommand& job, std::function<void()> on_done = {}, UsbPlaces places = {});
  // Printing (printer.hpp, receipt.hpp). The slip is in the screen's language when the printer can print
  // its characters, else in the default language (Arabic on a code page printer); the job prints it on
  // job's thread and its result (exit_code 0: printed) plus printer_status() tell the screen what happened.
  bool print_available() const { return m_printer->available(); }
  std::optional<Slip> receipt_slip(const Catalogs& catalogs) const;  // nullopt off the receipt screen
  bool print_receipt(const Catalogs& catalogs, BackgroundCommand& job, std::function<void()> on_done = {});
  // The answers of the code shown on the look-up screen (answer_slip); false without a look-up result.
  bool print_answers(const Catalogs& catalogs, BackgroundCommand& job, std::function<void()> on_done = {});
  PrinterStatus printer_status() const { return m_printer->status(); }

  // --- location (report_location) ---
  const AddressBook& addresses() const { return m_addresses; }
  // Why the configured address list is not used ("" when it loaded, or none is configured).
  const std::string& addresses_error() const { return m_addresses_error; }
  // The best addresses for the typed text, best first (AddressBook indexes).
  std::vector<std::size_t> address_suggestions(std::size_t limit) const;
  void pick_address(std::size_t index);  // typed text := the address, which the report then carries
  void pick_on_map(GeoPoint point);
  // The address the typed text names (tapped or typed in full), or nullptr: then the report goes with
  // the municipality's centre, marked approximate.
  const Address* typed_address() const;

 private:
  void go(Screen s);
  std::vector<std::string> step_fields(Screen s) const;
  Screen step_of_field(const std::string& field) const;
  bool validate_step();
  const Catalog& print_catalog(const Catalogs& catalogs, const std::function<Slip(const Catalog&)>& make) const;
  bool print(Slip slip, BackgroundCommand& job, std::function<void()> on_done);
  TechnicianInfo read_technician_info();
  bool technician_stale(std::int64_t read_ms);
  std::function<void()> mark_technician_stale(std::function<void()> on_done);

  const Config* m_config;
  const CategoryTree* m_tree;  // m_shipped, or m_live once the sync service stored Signalen's categories
  Outbox* m_outbox;
  const Clock* m_clock;
  IdleTimer m_idle;
  PinGuard m_pin;

  Screen m_screen = Screen::idle;
  std::string m_language;
  bool m_assisted = false;
  bool m_large_text = false;
  bool m_high_contrast = false;
  std::uint64_t m_generation = 0;
  ReportForm m_report;
  QuestionForm m_question;
  PollForm m_poll;
  std::string m_lookup_code;
  std::optional<LookupResult> m_lookup;
  std::optional<ReceiptInfo> m_receipt;
  std::vector<Error> m_errors;
  std::shared_ptr<Printer> m_printer;  // shared with a print job still running after the session ends
  // The technician screen's reads (technician_info, sync_history) and when they were made; the flag is
  // set on a job's thread when a sync or export the screen started ends (shared: the job may outlive us).
  std::optional<TechnicianInfo> m_tech_info;
  std::int64_t m_tech_info_ms = 0;
  std::optional<SyncHistory> m_history;
  std::int64_t m_history_ms = 0;
  UpdatePlaces m_update_places;
  std::shared_ptr<std::atomic<bool>> m_tech_stale = std::make_shared<std::atomic<bool>>(false);

  // The tree the screens show: the shipped file merged with the categories and promises the sync
  // service last stored from Signalen (refresh_tree(), at each session's start; never mid-flow).
  void refresh_tree();
  const CategoryTree* m_shipped;
  CategoryTree m_live;
  std::int64_t m_live_fetched_ms = -1;  // fetched_at of the stored list m_live holds; -1: none
  AddressBook m_addresses;
  std::string m_addresses_error;
};

}  // namespace kiosk::core
