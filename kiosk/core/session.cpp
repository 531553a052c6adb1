#include "kiosk/core/session.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <filesystem>

#include <fmt/format.h>

#include "kiosk/core/export.hpp"
#include "kiosk/core/mbtiles.hpp"  // nearest_place
#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/scrubber.hpp"
#include "kiosk/sync/secure_memory.hpp"
#include "kiosk/sync/setup.hpp"
#include "kiosk/sync/validate.hpp"

namespace kiosk::core {

std::string_view screen_name(Screen s) noexcept {
  switch (s) {
    case Screen::idle: return "idle";
    case Screen::choose: return "choose";
    case Screen::report_category: return "report_category";
    case Screen::report_subcategory: return "report_subcategory";
    case Screen::report_location: return "report_location";
    case Screen::report_description: return "report_description";
    case Screen::report_contact: return "report_contact";
    case Screen::report_review: return "report_review";
    case Screen::question_topic: return "question_topic";
    case Screen::question_text: return "question_text";
    case Screen::question_contact: return "question_contact";
    case Screen::question_publish: return "question_publish";
    case Screen::question_review: return "question_review";
    case Screen::poll: return "poll";
    case Screen::news: return "news";
    case Screen::receipt: return "receipt";
    case Screen::lookup: return "lookup";
    case Screen::technician_pin: return "technician_pin";
    case Screen::technician: return "technician";
  }
  return "?";
}

void seed_news(Outbox& outbox, const Config& config) {
  for (const auto& n : config.news)
    for (const auto& [lang, text] : n.text.by_language)
      (void)outbox.upsert_news(NewsItem{"config", n.id + ":" + lang, n.published_ms, lang, text, "", n.urgent});
}

std::string error_key(const Error& e) {
  switch (e.code) {
    case Errc::missing_field:
      if (e.field == "text" || e.field == "category" || e.field == "location" || e.field == "poll_answer")
        return "error.missing." + e.field;
      return "error.invalid";
    case Errc::too_long: return "error.too_long";
    case Errc::invalid_email: return "error.email";
    case Errc::invalid_phone: return "error.phone";
    case Errc::invalid_reference: return "error.reference";
    case Errc::not_found: return "error.not_found";
    case Errc::invalid_value:
      if (e.field == "consent") return "error.consent";
      return "error.invalid";
    case Errc::invalid_utf8: return "error.invalid";
    case Errc::db_full: return "error.storage_full";
    default: return "error.storage";
  }
}

Session::Session(const Config& config, const CategoryTree& tree, Outbox* outbox, const Clock& clock)
    : m_config(&config),
      m_tree(&tree),
      m_outbox(outbox),
      m_clock(&clock),
      m_idle(clock, std::int64_t{config.ui.idle_timeout_s} * 1000, std::int64_t{config.ui.idle_warning_s} * 1000),
      m_pin(clock, config.ui.technician_pin_hash),
      m_language(config.kiosk.default_language),
      m_printer(std::make_shared<Printer>(config.ui, clock)),
      m_shipped(&tree) {
  if (!config.map.addresses.empty()) {
    auto book = AddressBook::load(config.map.addresses);
    if (book) m_addresses = std::move(*book);
    else m_addresses_error = book.error().message;
  }
  refresh_tree();
}

void Session::refresh_tree() {
  if (!m_outbox) return;
  std::int64_t fetched = 0;
  auto cached = m_outbox->cache_get("signalen.categories", &fetched);
  if (!cached || !*cached || fetched == m_live_fetched_ms) return;  // none stored: the shipped file stays
  m_live = *m_shipped;
  m_live.merge_cached(*m_outbox);
  m_live_fetched_ms = fetched;
  m_tree = &m_live;
}

const Error* Session::error_for(std::string_view field) const {
  for (const auto& e : m_errors)
    if (e.field == field) return &e;
  return nullptr;
}

bool Session::offers(Flow f) const {
  switch (f) {
    case Flow::report: return !m_config->routing.report.empty() && !m_tree->categories.empty();
    case Flow::question: return !m_config->routing.question.empty();
    case Flow::poll: return !m_config->routing.poll.empty() && active_poll() != nullptr;
    case Flow::news: return true;
    case Flow::lookup: return m_outbox != nullptr;
    case Flow::idea: return !m_config->routing.idea.empty();
  }
  return false;
}

bool Session::question_has_publish_step() const {
  return routes_to_public_channel(*m_config, m_question.idea ? Kind::idea : Kind::question);
}

void Session::go(Screen s) {
  m_screen = s;
  m_errors.clear();
}

// --- the draft submission ---------------------------------------------------------------------------------

Submission Session::draft() const {
  Submission s;
  s.language = m_language;
  s.kiosk_id = m_config->kiosk.id;
  s.time_zone = m_config->kiosk.time_zone;
  s.assisted = m_assisted;
  s.created_at_ms = m_clock->now_ms();
  s.utc_offset_minutes = utc_offset_minutes(s.time_zone, s.created_at_ms);
  auto set_contact = [&](const ContactForm& c) {
    s.contact.email = c.email;
    s.contact.phone = c.phone;
    s.consents.contact = c.consent && !(c.email.empty() && c.phone.empty());
    // Consent without details means nothing; details without consent are an error validate_all names.
    if (!c.consent) s.consents.contact = false;
  };
  if (m_screen == Screen::poll ||
      (m_poll.answered && m_screen == Screen::receipt && m_receipt && m_receipt->kind == Kind::poll)) {
    s.kind = Kind::poll;
    if (const Poll* p = active_poll()) s.poll_id = p->id;
    s.poll_answer = m_poll.answer;
    s.channels = route(*m_config, Kind::poll, false);
    return s;
  }
  bool is_report = m_screen >= Screen::report_category && m_screen <= Screen::report_review;
  if (is_report) {
    s.kind = Kind::report;
    if (!m_report.main.empty() && !m_report.sub.empty()) s.category = m_report.main + "/" + m_report.sub;
    const auto& loc = m_report.location;
    if (loc.kind == LocationChoice::typed_in) {
      // Never the kiosk's own point for a typed address: the list's point, else the municipality's centre.
      if (const Address* a = typed_address()) {
        s.location.text = a->label();
        s.location.point = a->point;
      } else if (!loc.typed.empty()) {  // empty: no location, which validation names
        s.location.text = loc.typed;
        s.location.approximate = true;
        if (m_config->map.centre_lat && m_config->map.centre_lon)
          s.location.point = GeoPoint{*m_config->map.centre_lat, *m_config->map.centre_lon};
      }
    } else if (loc.kind == LocationChoice::on_map && loc.tapped) {
      s.location.point = loc.tapped;
      s.location.text = "Aangewezen op de kaart";
      if (const Place* near = nearest_place(m_config->places, *loc.tapped, 250))
        s.location.text += ", bij " + near->name;
    } else {
      const Place* p = &m_config->kiosk.location;
      if (loc.kind == LocationChoice::at_place && loc.place >= 0 &&
          static_cast<std::size_t>(loc.place) < m_config->places.size())
        p = &m_config->places[static_cast<std::size_t>(loc.place)];
      s.location.text = p->name;
      if (p->lat && p->lon) s.location.point = GeoPoint{*p->lat, *p->lon};
    }
    s.text = m_report.description;
    set_contact(m_report.contact);
    s.channels = route(*m_config, Kind::report, false);
  } else {
    s.kind = m_question.idea ? Kind::idea : Kind::question;
    if (const CategoryNode* t = m_tree->topic(m_question.topic)) s.topic = text_in(t->name, m_language);
    s.text = m_question.text;
    set_contact(m_question.contact);
    s.consents.publish = m_question.publish && question_has_publish_step();
    s.channels = route(*m_config, s.kind, s.consents.publish);
  }
  return s;
}

std::string Session::public_preview() const { return scrub_personal_data(m_question.text).text; }

std::vector<NewsItem> Session::news(std::size_t limit) const {
  std::vector<NewsItem> out;
  if (!m_outbox) return out;
  auto all = const_cast<Outbox*>(m_outbox)->latest_news(limit * 8 + 8);
  if (!all) return out;
  for (const std::string& lang : {m_language, m_config->kiosk.default_language}) {
    for (const auto& n : *all)
      if (n.language == lang && out.size() < limit) out.push_back(n);
    if (!out.empty()) break;
  }
  return out;
}

std::vector<NewsItem> Session::urgent_news(std::size_t limit) const {
  std::vector<NewsItem> out;
  if (!m_outbox || limit == 0) return out;
  auto all = const_cast<Outbox*>(m_outbox)->latest_news(200);
  if (!all) return out;
  std::erase_if(*all, [](const NewsItem& n) { return !n.urgent; });
  // A crisis message the municipality wrote in one language only is shown (marked) rather than hidden.
  for (const std::string& lang : {m_language, m_config->kiosk.default_language, std::string()}) {
    for (const auto& n : *all)
      if ((lang.empty() || n.language == lang) && out.size() < limit) out.push_back(n);
    if (!out.empty()) break;
  }
  return out;
}

std::vector<NewsItem> Session::news_urgent_first(std::size_t limit) const {
  std::vector<NewsItem> out = urgent_news(limit);
  for (auto& n : news(limit))
    if (!n.urgent && out.size() < limit) out.push_back(std::move(n));
  return out;
}

std::string Session::language_note_key(const NewsItem& item) const {
  if (item.language == m_language || item.language.empty()) return {};  // unknown: nothing to say
  for (std::string_view l : kSupportedLanguages)
    if (item.language == l) return "news.in." + item.language;
  return "news.in_other";
}

std::string Session::handling_message() const {
  if (!m_receipt) return {};
  if (m_receipt->kind == Kind::report)
    if (const CategoryNode* c = m_tree->find(m_receipt->category)) return text_in(c->handling_message, m_language);
  return {};
}

// --- steps and validation ----------------------------------------------------------------------------------

std::vector<std::string> Session::step_fields(Screen s) const {
  switch (s) {
    case Screen::report_category:
    case Screen::report_subcategory: return {"category"};
    case Screen::report_location: return {"location"};
    case Screen::report_description:
    case Screen::question_text: return {"text"};
    case Screen::report_contact:
    case Screen::question_contact: return {"email", "phone", "consent"};
    case Screen::question_topic: return {"topic"};
    case Screen::poll: return {"poll_id", "poll_answer"};
    default: return {};
  }
}

Screen Session::step_of_field(const std::string& field) const {
  bool report = m_screen >= Screen::report_category && m_screen <= Screen::report_review;
  if (field == "category") return Screen::report_category;
  if (field == "location") return Screen::report_location;
  if (field == "text") return report ? Screen::report_description : Screen::question_text;
  if (field == "email" || field == "phone" || field == "consent")
    return report ? Screen::report_contact : Screen::question_contact;
  if (field == "topic") return Screen::question_topic;
  return m_screen;
}

bool Session::validate_step() {
  Submission s = draft();
  auto all = validate_all(s);
  auto fields = step_fields(m_screen);
  m_errors.clear();
  for (auto& e : all)
    if (std::find(fields.begin(), fields.end(), e.field) != fields.end()) m_errors.push_back(std::move(e));
  const auto& loc = m_report.location;
  if (m_screen == Screen::report_location && loc.kind == LocationChoice::on_map && !loc.tapped)
    m_errors.push_back(make_error(Errc::missing_field, "tap the map where it is", "location"));
  return m_errors.empty();
}

// --- commands ---------------------------------------------------------------------------------------------

void Session::start() {
  if (m_screen != Screen::idle) return;
  refresh_tree();
  m_idle.reset();
  go(Screen::choose);
}

void Session::choose(Flow flow) {
  if (m_screen != Screen::choose || !offers(flow)) return;
  switch (flow) {
    case Flow::report: go(Screen::report_category); break;
    case Flow::question:
    case Flow::idea:
      m_question.idea = flow == Flow::idea;
      go(Screen::question_topic);
      break;
    case Flow::poll: go(Screen::poll); break;
    case Flow::news: go(Screen::news); break;
    case Flow::lookup:
      m_lookup.reset();
      go(Screen::lookup);
      break;
  }
}

void Session::back() {
  switch (m_screen) {
    case Screen::choose: wipe(); break;
    case Screen::report_category:
    case Screen::question_topic:
    case Screen::poll:
    case Screen::news:
    case Screen::lookup: go(Screen::choose); break;
    case Screen::report_subcategory: go(Screen::report_category); break;
    case Screen::report_location: go(Screen::report_subcategory); break;
    case Screen::report_description: go(Screen::report_location); break;
    case Screen::report_contact: go(Screen::report_description); break;
    case Screen::report_review: go(Screen::report_contact); break;
    case Screen::question_text: go(Screen::question_topic); break;
    case Screen::question_contact: go(Screen::question_text); break;
    case Screen::question_publish: go(Screen::question_contact); break;
    case Screen::question_review:
      go(question_has_publish_step() ? Screen::question_publish : Screen::question_contact);
      break;
    case Screen::technician_pin:
    case Screen::technician: leave_technician(); break;
    case Screen::idle:
    case Screen::receipt: break;  // a receipt is left with finish()
  }
}

void Session::pick_category(std::string_view main_slug) {
  if (m_screen != Screen::report_category || !m_tree->main(main_slug)) return;
  if (m_report.main != main_slug) m_report.sub.clear();
  m_report.main = std::string(main_slug);
  go(Screen::report_subcategory);
}

void Session::pick_subcategory(std::string_view sub_slug) {
  if (m_screen != Screen::report_subcategory) return;
  if (!m_tree->find(m_report.main + "/" + std::string(sub_slug))) return;
  m_report.sub = std::string(sub_slug);
  go(Screen::report_location);
}

void Session::pick_location(LocationChoice choice) {
  TextBuffer typed = std::move(m_report.location.typed);
  m_report.location = std::move(choice);
  if (m_report.location.typed.empty()) m_report.location.typed = std::move(typed);
  m_errors.clear();
}

std::vector<std::size_t> Session::address_suggestions(std::size_t limit) const {
  const auto& typed = m_report.location.typed;
  if (typed.empty()) return {};
  return m_addresses.suggest(typed, limit);
}

void Session::pick_address(std::size_t index) {
  if (index >= m_addresses.size()) return;
  auto& loc = m_report.location;
  loc.kind = LocationChoice::typed_in;
  loc.typed = m_addresses.at(index).label();
  loc.address = static_cast<int>(index);
  m_errors.clear();
}

void Session::pick_on_map(GeoPoint point) {
  auto& loc = m_report.location;
  loc.kind = LocationChoice::on_map;
  loc.tapped = point;
  m_errors.clear();
}

const Address* Session::typed_address() const {
  const auto& loc = m_report.location;
  if (loc.address >= 0 && static_cast<std::size_t>(loc.address) < m_addresses.size()) {
    const Address& a = m_addresses.at(static_cast<std::size_t>(loc.address));
    if (loc.typed == a.label()) return &a;  // tapped and not changed since
  }
  return m_addresses.match(loc.typed);
}

void Session::pick_topic(std::string_view slug) {
  if (m_screen != Screen::question_topic || !m_tree->topic(slug)) return;
  m_question.topic = std::string(slug);
  go(Screen::question_text);
}

void Session::pick_poll_answer(std::string_view answer_id) {
  const Poll* p = active_poll();
  if (m_screen != Screen::poll || !p || m_poll.answered) return;
  for (const auto& a : p->answers)
    if (a.id == answer_id) m_poll.answer = a.id;
  m_errors.clear();
}

void Session::next() {
  if (!validate_step()) return;
  switch (m_screen) {
    case Screen::report_location: go(Screen::report_description); break;
    case Screen::report_description: go(Screen::report_contact); break;
    case Screen::report_contact: go(Screen::report_review); break;
    case Screen::question_text: go(Screen::question_contact); break;
    case Screen::question_contact:
      go(question_has_publish_step() ? Screen::question_publish : Screen::question_review);
      break;
    case Screen::question_publish: go(Screen::question_review); break;
    default: break;
  }
}

void Session::submit() {
  if (m_screen != Screen::report_review && m_screen != Screen::question_review && m_screen != Screen::poll) return;
  if (m_screen == Screen::poll && m_poll.answered) return;
  Submission s = draft();
  auto all = validate_all(s);
  if (!all.empty()) {
    Screen owner = step_of_field(all.front().field);
    go(owner);
    auto fields = step_fields(owner);
    for (auto& e : all)
      if (std::find(fields.begin(), fields.end(), e.field) != fields.end()) m_errors.push_back(std::move(e));
    if (m_errors.empty()) m_errors.push_back(all.front());
    return;
  }
  if (!m_outbox) {
    m_errors = {make_error(Errc::db_open, "no outbox")};
    return;
  }
  Kind kind = s.kind;
  std::string category = s.category;
  auto r = m_outbox->submit(s);
  kiosk::wipe(s);  // the outbox holds the (compressed) copy now
  if (!r) {
    // Nothing was acknowledged: the citizen stays on the review screen and sees the problem.
    m_errors = {r.error()};
    m_errors.back().field.clear();
    return;
  }
  if (kind == Kind::poll) m_poll.answered = true;
  m_receipt = ReceiptInfo{r->reference, kind, category, r->created_at_ms};
  go(Screen::receipt);
}

void Session::finish() {
  if (m_screen == Screen::receipt) wipe();
}

LookupEvent::Kind lookup_event_kind(std::string_view remote_status) {
  std::string w;
  for (char c : remote_status) w += char(std::tolower(static_cast<unsigned char>(c)));
  // Signalen's public CLOSED and its internal afgehandeld ("o"); Open311's closed.
  if (w == "closed" || w == "afgehandeld" || w == "o") return LookupEvent::Kind::handled;
  if (w == "beantwoord") return LookupEvent::Kind::answer;
  return LookupEvent::Kind::in_progress;
}

// Stored at the kiosk, sent to each channel, every status change and every answer, oldest first (at one
// moment in that order).
static std::vector<LookupEvent> lookup_history(const StoredSubmission& st) {
  std::vector<LookupEvent> out;
  out.push_back({LookupEvent::Kind::stored, st.submission.created_at_ms, "", ""});
  for (const auto& d : st.deliveries)
    if (d.state == DeliveryState::delivered) out.push_back({LookupEvent::Kind::sent, d.delivered_ms, d.channel, ""});
  for (const auto& c : st.status_changes) {
    LookupEvent::Kind k = lookup_event_kind(c.status);
    if (k != LookupEvent::Kind::answer) out.push_back({k, c.changed_ms, c.channel, ""});
  }
  for (const auto& a : st.answers) out.push_back({LookupEvent::Kind::answer, a.received_ms, a.channel, a.text});
  std::stable_sort(out.begin(), out.end(), [](const LookupEvent& a, const LookupEvent& b) {
    return a.at_ms != b.at_ms ? a.at_ms < b.at_ms : a.kind < b.kind;
  });
  return out;
}

void Session::look_up() {
  if (m_screen != Screen::lookup || !m_outbox) return;
  m_lookup.reset();
  m_errors.clear();
  auto code = refcode::normalize(m_lookup_code);
  if (!code) {
    m_errors.push_back(make_error(Errc::invalid_reference, code.error().message, "reference"));
    return;
  }
  auto found = m_outbox->find(*code);
  if (!found) {
    Error e = found.error();
    e.field = "reference";
    m_errors.push_back(std::move(e));
    return;
  }
  LookupResult res;
  res.reference = *code;
  res.kind = found->submission.kind;
  res.created_at_ms = found->submission.created_at_ms;
  res.history = lookup_history(*found);
  res.status = LookupStatus::received;
  for (const auto& e : res.history) {
    if (e.kind == LookupEvent::Kind::sent && res.status == LookupStatus::received) res.status = LookupStatus::delivered;
    if (e.kind == LookupEvent::Kind::answer) {
      res.answer = e.text;
      if (res.status != LookupStatus::handled) res.status = LookupStatus::answered;
    }
    if (e.kind == LookupEvent::Kind::handled) res.status = LookupStatus::handled;
  }
  // A report closed and then reopened is in progress again.
  std::map<std::string, LookupEvent::Kind> last;
  for (const auto& e : res.history)
    if (e.kind == LookupEvent::Kind::handled || e.kind == LookupEvent::Kind::in_progress) last[e.channel] = e.kind;
  if (res.status == LookupStatus::handled &&
      std::none_of(last.begin(), last.end(), [](const auto& kv) { return kv.second == LookupEvent::Kind::handled; }))
    res.status = res.answer.empty() ? LookupStatus::delivered : LookupStatus::answered;
  m_lookup = std::move(res);
}

bool Session::set_language(std::string_view lang) {
  const auto& langs = m_config->kiosk.languages;
  if (std::find(langs.begin(), langs.end(), lang) == langs.end() || !language_ready(lang)) return false;
  m_language = std::string(lang);
  return true;
}

void Session::activity() { m_idle.activity(); }

void Session::tick() {
  if (m_screen == Screen::idle) return;
  if (m_idle.phase() == IdlePhase::expired) wipe();
}

void Session::wipe() {
  m_screen = Screen::idle;
  m_language = m_config->kiosk.default_language;
  m_assisted = false;
  m_large_text = false;
  m_high_contrast = false;
  m_report = ReportForm{};  // TextBuffer's move assignment zeroes the old text
  m_question = QuestionForm{};
  m_poll = PollForm{};
  // Zeroed to their capacity before release: the strings held what the citizen typed or was answered.
  kiosk::wipe(m_lookup_code);
  if (m_lookup) {
    kiosk::wipe(m_lookup->answer);
    for (auto& e : m_lookup->history) kiosk::wipe(e.text);
  }
  m_lookup.reset();
  m_receipt.reset();
  m_errors.clear();
  m_idle.reset();
  ++m_generation;
  // What the session's calls left on the stack below this frame (short strings, fmt's buffers, the
  // draft submissions of the review screen) goes too; freed heap blocks are zeroed by the program's
  // heap (kiosk/app/secure_heap.cpp).
  scrub_stack();
}

// --- technician -------------------------------------------------------------------------------------------

void Session::open_technician() {
  if (m_screen != Screen::idle) return;
  m_idle.reset();
  go(Screen::technician_pin);
}

PinResult Session::enter_pin(std::string_view pin) {
  if (m_screen != Screen::technician_pin) return PinResult::wrong;
  PinResult r = m_pin.attempt(pin);
  if (r == PinResult::ok) {
    m_tech_info.reset();  // read anew for this visit
    m_history.reset();
    go(Screen::technician);
  }
  return r;
}

void Session::leave_technician() {
  if (m_screen == Screen::technician || m_screen == Screen::technician_pin) wipe();
}

// A read made at read_ms is read again after a job the screen started has ended, or when it is older than
// kTechnicianRefreshMs. Clearing the flag here makes the next call of the other reader stale-free too, so
// each reader also compares against its own time.
bool Session::technician_stale(std::int64_t read_ms) {
  if (m_tech_stale->exchange(false)) {
    m_tech_info.reset();
    m_history.reset();
    return true;
  }
  return m_clock->now_ms() - read_ms >= kTechnicianRefreshMs;
}

std::function<void()> Session::mark_technician_stale(std::function<void()> on_done) {
  return [flag = m_tech_stale, on_done = std::move(on_done)] {
    flag->store(true);
    if (on_done) on_done();
  };
}

const SyncHistory& Session::sync_history() {
  if (!m_history || technician_stale(m_history_ms)) {
    m_history = m_outbox ? read_sync_history(*m_outbox, m_clock->now_ms()) : SyncHistory{};
    m_history_ms = m_clock->now_ms();
  }
  return *m_history;
}

const TechnicianInfo& Session::technician_info() {
  if (!m_tech_info || technician_stale(m_tech_info_ms)) {
    m_tech_info = read_technician_info();
    m_tech_info_ms = m_clock->now_ms();
  }
  return *m_tech_info;
}

TechnicianInfo Session::read_technician_info() {
  TechnicianInfo t;
#ifdef KIOSK_VERSION
  t.version = KIOSK_VERSION;
#endif
  t.image_version = read_image_version(m_update_places.image_version);
  if (auto u = read_update_status(m_update_places.status)) t.update = std::move(*u);
  else t.update_error = u.error().message;
  if (!m_outbox) {
    t.error = "no outbox";
    return t;
  }
  t.sync = read_sync_view(*m_outbox);
  if (t.sync.last_run) t.last_sync_ms = t.sync.last_run->ended_ms;
  auto st = m_outbox->stats();
  if (!st) {
    t.error = st.error().message;
  } else {
    t.submissions = st->submissions;
    t.oldest_undelivered_ms = st->oldest_undelivered_ms;
    for (const auto& [channel, states] : st->deliveries) {
      std::int64_t open = 0;
      for (const auto& [state, n] : states)
        if (state != "delivered") open += n;
      t.queue_depth[channel] = open;
      auto p = states.find("parked");
      t.parked[channel] = p == states.end() ? 0 : p->second;
    }
  }
  for (DeliveryState state : {DeliveryState::parked, DeliveryState::retry}) {
    ListFilter f;
    f.state = state;
    f.limit = 5;
    auto l = m_outbox->list(f);
    if (!l) continue;
    for (const auto& summary : *l) {
      auto s = m_outbox->find(summary.uuid);
      if (!s) continue;
      for (const auto& d : s->deliveries)
        if (d.state == state && t.last_errors.size() < 5)
          t.last_errors.push_back(
              fmt::format("{} {}: {}", refcode::group(summary.reference), d.channel,
                          explain_error(state == DeliveryState::parked ? d.parked_reason : d.last_error)));
    }
  }
  for (const auto& [name, ch] : m_config->channels) {
    if (!ch.enabled) continue;
    auto state = m_outbox->channel_state(name);
    if (!state) continue;
    int pph = name == "signalen" ? ch.posts_per_hour : 0;
    ChannelWait w = channel_wait(*state, pph, m_clock->now_ms());
    if (w.wait != Wait::none) t.waiting.push_back({name, w.wait, w.until_ms, w.failures, pph});
  }
  if (m_printer->available()) t.printer = m_printer->summary();
  std::error_code ec;
  auto space = std::filesystem::space(m_outbox->path().parent_path(), ec);
  if (!ec) t.disk_free_bytes = static_cast<std::int64_t>(space.available);
  return t;
}

bool Session::sync_now(BackgroundCommand& job, std::function<void()> on_done) {
  return m_outbox && start_sync_now(*m_outbox, job, mark_technician_stale(std::move(on_done)));
}

StickStart Session::export_queue(BackgroundCommand& job, std::function<void()> on_done, std::filesystem::path stick) {
  if (!m_outbox) return StickStart::no_outbox;
  if (job.running()) return StickStart::busy;
  if (stick.empty()) stick = find_usb_stick();
  if (stick.empty()) return StickStart::no_stick;
  Outbox* outbox = m_outbox;  // thread-safe (outbox.hpp); the session itself stays on the UI thread
  std::string kiosk_id = m_config->kiosk.id;
  std::int64_t now = m_clock->now_ms();
  bool started =
      job.start_job([outbox, kiosk_id, stick, now] { return export_to_stick(*outbox, kiosk_id, stick, now); },
                    mark_technician_stale(std::move(on_done)));
  return started ? StickStart::started : StickStart::busy;
}

StickStart Session::import_queue(BackgroundCommand& job, std::function<void()> on_done, std::filesystem::path stick) {
  if (!m_outbox) return StickStart::no_outbox;
  if (job.running()) return StickStart::busy;
  if (stick.empty()) stick = find_usb_stick();
  if (stick.empty()) return StickStart::no_stick;
  Outbox* outbox = m_outbox;
  bool started = job.start_job([outbox, stick] { return import_from_stick(*outbox, stick); },
                               mark_technician_stale(std::move(on_done)));
  return started ? StickStart::started : StickStart::busy;
}

StickStart Session::eject_stick(BackgroundCommand& job, std::function<void()> on_done, UsbPlaces places) {
  if (job.running()) return StickStart::busy;
  if (find_usb_stick(places).empty()) return StickStart::no_stick;
  bool started = job.start_job([places] { return core::eject_stick(places, 60'000); }, std::move(on_done));
  return started ? StickStart::started : StickStart::busy;
}

// --- printing ---------------------------------------------------------------------------------------------

const Catalog& Session::print_catalog(const Catalogs& catalogs, const std::function<Slip(const Catalog&)>& make) const {
  const Catalog& screen = catalogs.get(m_language);
  if (m_printer->can_print(make(screen))) return screen;
  return catalogs.get(m_config->kiosk.default_language);
}

std::optional<Slip> Session::receipt_slip(const Catalogs& catalogs) const {
  if (!m_receipt) return std::nullopt;
  auto make = [&](const Catalog& c) { return core::receipt_slip(*m_receipt, *m_config, *m_tree, c); };
  return make(print_catalog(catalogs, make));
}

bool Session::print(Slip slip, BackgroundCommand& job, std::function<void()> on_done) {
  if (!m_printer->available()) return false;
  return job.start_job(
      [printer = m_printer, slip = std::move(slip)] {
        auto r = printer->print(slip);
        return CommandResult{r ? 0 : 1, r ? std::string() : r.error().message};
      },
      std::move(on_done));
}

bool Session::print_receipt(const Catalogs& catalogs, BackgroundCommand& job, std::function<void()> on_done) {
  auto slip = receipt_slip(catalogs);
  return slip && print(std::move(*slip), job, std::move(on_done));
}

bool Session::print_answers(const Catalogs& catalogs, BackgroundCommand& job, std::function<void()> on_done) {
  if (m_screen != Screen::lookup || !m_lookup || !m_outbox) return false;
  auto stored = m_outbox->find(m_lookup->reference);
  if (!stored) return false;
  auto make = [&](const Catalog& c) { return answer_slip(*stored, *m_config, c); };
  bool started = print(make(print_catalog(catalogs, make)), job, std::move(on_done));
  kiosk::wipe(stored->submission);
  return started;
}

}  // namespace kiosk::core
