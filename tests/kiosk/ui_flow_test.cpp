// Headless UI tests: the real screens under SDL's dummy driver, driven tap by tap with a fake clock.
// Every flow end to end: a report and a question land in the outbox with the right fields; the idle
// time-out wipes everything (ImGui's text buffers included); back buttons work; validation errors show
// next to their field. With KIOSK_SCREENSHOT_DIR set, each screen is saved as a PNG there.
#include <cmath>
#include <cstdlib>

#include "kiosk/core/mbtiles.hpp"
#include "kiosk/sync/refcode.hpp"
#include "ui_harness.hpp"

namespace kiosk::test {
namespace {

using core::Screen;

void shot(UiHarness& h, const std::string& name) { save_shot(h, name); }

// Tap somewhere on the idle screen that is no button: the session starts.
void start(UiHarness& h) {
  ASSERT_EQ(h.screen(), Screen::idle);
  h.tap_at(640, 200);
  ASSERT_EQ(h.screen(), Screen::choose);
}

TEST(ui_flow_test, report_lands_in_outbox_with_right_fields) {
  UiHarness h;
  shot(h, "01-idle");
  start(h);
  shot(h, "02-choose");
  h.tap("choose.report");
  ASSERT_EQ(h.screen(), Screen::report_category);
  shot(h, "03-report-category");
  h.tap("tile.wegen-verkeer-straatmeubilair");
  ASSERT_EQ(h.screen(), Screen::report_subcategory);
  shot(h, "04-report-subcategory");
  h.tap("tile.bestrating");
  ASSERT_EQ(h.screen(), Screen::report_location);
  shot(h, "05-report-location");
  h.tap("loc.place.1");  // Lindelaan
  h.tap("app.next");
  ASSERT_EQ(h.screen(), Screen::report_description);
  // Empty description: the error appears next to the field and the step does not advance.
  h.tap("app.next");
  ASSERT_EQ(h.screen(), Screen::report_description);
  ASSERT_NE(h.session->error_for("text"), nullptr);
  shot(h, "06-report-description-error");
  h.tap("text");  // the field: the on-screen keyboard appears
  ASSERT_TRUE(h.ui->keyboard_visible());
  h.type_keys("losse tegel");
  h.type(" bij de bushalte");
  shot(h, "07-report-description-keyboard");
  EXPECT_EQ(h.session->report().description, "losse tegel bij de bushalte");
  h.tap("key.backspace");
  EXPECT_EQ(h.session->report().description, "losse tegel bij de bushalt");
  h.type("e");
  h.tap("key.hide");
  ASSERT_FALSE(h.ui->keyboard_visible());
  h.tap("app.next");
  ASSERT_EQ(h.screen(), Screen::report_contact);
  // An e-mail address without consent, then a malformed one: errors beside the fields.
  h.tap("contact.email");
  h.type("jan@example");
  h.tap("key.hide");
  h.tap("app.next");
  ASSERT_EQ(h.screen(), Screen::report_contact);
  EXPECT_NE(h.session->error_for("email"), nullptr);
  EXPECT_NE(h.session->error_for("consent"), nullptr);
  shot(h, "08-report-contact-errors");
  h.tap("contact.email");
  h.type(".nl");
  h.tap("key.hide");
  h.tap("contact.consent");
  h.tap("app.next");
  ASSERT_EQ(h.screen(), Screen::report_review) << (h.session->errors().empty() ? "" : h.session->errors()[0].message);
  shot(h, "09-report-review");
  h.tap("review.send");
  ASSERT_EQ(h.screen(), Screen::receipt);
  shot(h, "10-receipt");
  std::string ref = h.session->receipt()->reference;

  auto stored = h.outbox->find(ref);
  ASSERT_TRUE(stored.ok());
  const Submission& s = stored->submission;
  EXPECT_EQ(s.kind, Kind::report);
  EXPECT_EQ(s.category, "wegen-verkeer-straatmeubilair/bestrating");
  EXPECT_EQ(s.location.text, "Lindelaan");
  ASSERT_TRUE(s.location.point.has_value());
  EXPECT_DOUBLE_EQ(s.location.point->lat, 52.09214);
  EXPECT_EQ(s.text, "losse tegel bij de bushalte");
  EXPECT_EQ(s.contact.email, "jan@example.nl");
  EXPECT_TRUE(s.consents.contact);
  EXPECT_FALSE(s.assisted);
  EXPECT_EQ(s.language, "nl");
  EXPECT_EQ(s.channels, std::vector<std::string>{"signalen"});

  h.tap("receipt.done");
  EXPECT_EQ(h.screen(), Screen::idle);
  EXPECT_EQ(h.session->report().description, "");
}

// The location step's map and address views (demo map and address list, assets/map): Next asks for a tap
// first; a tap up and right of the centre (the kiosk) puts the marker north-east of it; an address typed in
// part is finished by tapping a suggestion, and the report carries that address's point.
TEST(ui_flow_test, report_located_on_the_map_and_by_address_suggestion) {
  UiHarness h;
  ASSERT_TRUE(h.session->addresses_error().empty()) << h.session->addresses_error();
  start(h);
  h.tap("choose.report");
  h.tap("tile.wegen-verkeer-straatmeubilair");
  h.tap("tile.bestrating");
  ASSERT_EQ(h.screen(), Screen::report_location);
  ASSERT_NE(h.target("loc.map"), nullptr) << "the demo configuration has a map";
  h.tap("loc.map");
  h.tap("app.next");
  ASSERT_EQ(h.screen(), Screen::report_location);
  EXPECT_NE(h.session->error_for("location"), nullptr);
  const ui::Target* map = h.target("loc.tap");
  ASSERT_NE(map, nullptr);
  const GeoPoint kiosk{*h.config.kiosk.location.lat, *h.config.kiosk.location.lon};
  h.tap_at((map->x0 + map->x1) / 2 + 60, (map->y0 + map->y1) / 2 - 40);
  const auto& tapped = h.session->report().location.tapped;
  ASSERT_TRUE(tapped.has_value());
  EXPECT_GT(tapped->lat, kiosk.lat);
  EXPECT_GT(tapped->lon, kiosk.lon);
  EXPECT_NEAR(core::distance_m(kiosk, *tapped), std::hypot(60.0, 40.0) * 0.735, 5.0);  // 0.735 m/px at zoom 17
  shot(h, "05a-report-location-map");
  h.tap("map.zoom_out");  // the marker stays where it was put
  h.tap("map.left");
  EXPECT_EQ(h.session->report().location.tapped, tapped);
  h.tap("app.next");
  ASSERT_EQ(h.screen(), Screen::report_description);
  EXPECT_EQ(h.session->draft().location.point, tapped);

  h.session->back();
  h.settle();
  h.tap("loc.list");  // from the map back to the list
  h.tap("loc.type");
  h.tap("loc.typed");
  h.type("kerkstr 1");
  ASSERT_NE(h.target("loc.address.0"), nullptr);
  shot(h, "05b-report-location-address");
  h.tap("key.hide");
  h.tap("loc.address.0");
  const core::Address* a = h.session->typed_address();
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(h.session->report().location.typed, a->label());
  h.tap("app.next");
  ASSERT_EQ(h.screen(), Screen::report_description);
  h.session->report().description = "Losse tegel";
  h.session->next();
  h.session->next();
  h.session->submit();
  ASSERT_TRUE(h.session->receipt());
  auto stored = h.outbox->find(h.session->receipt()->reference);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->submission.location.text, a->label());
  EXPECT_EQ(stored->submission.location.point, a->point);
  EXPECT_FALSE(stored->submission.location.approximate);
}

TEST(ui_flow_test, question_with_public_opt_in_shows_scrubbed_text) {
  UiHarness h;
  start(h);
  h.tap("app.helper");
  shot(h, "20-help-panel");
  h.tap("help.assisted");
  h.tap("help.lang.en");
  h.tap("help.close");
  EXPECT_EQ(h.session->language(), "en");
  EXPECT_TRUE(h.session->assisted());
  h.tap("choose.question");
  ASSERT_EQ(h.screen(), Screen::question_topic);
  shot(h, "21-question-topic");
  h.tap("topic.afval-ophalen");
  ASSERT_EQ(h.screen(), Screen::question_text);
  h.tap("text");
  h.type("When is bulky waste collected in Lindelaan? My name is Jan Jansen, call 0612345678.");
  h.tap("key.hide");
  shot(h, "22-question-text");
  h.tap("app.next");
  ASSERT_EQ(h.screen(), Screen::question_contact);
  shot(h, "23-question-contact");
  h.tap("app.next");  // anonymous
  ASSERT_EQ(h.screen(), Screen::question_publish);
  std::string preview = h.session->public_preview();
  EXPECT_EQ(preview.find("0612345678"), std::string::npos) << preview;
  shot(h, "24-question-publish");
  h.tap("publish.yes");
  h.tap("app.next");
  ASSERT_EQ(h.screen(), Screen::question_review);
  shot(h, "25-question-review");
  h.tap("review.send");
  ASSERT_EQ(h.screen(), Screen::receipt);
  auto stored = h.outbox->find(h.session->receipt()->reference);
  ASSERT_TRUE(stored.ok());
  const Submission& s = stored->submission;
  EXPECT_EQ(s.kind, Kind::question);
  EXPECT_EQ(s.topic, "Waste collection");
  EXPECT_EQ(s.language, "en");
  EXPECT_TRUE(s.assisted);
  EXPECT_TRUE(s.consents.publish);
  EXPECT_TRUE(s.contact.empty());
  EXPECT_EQ(s.channels, (std::vector<std::string>{"openklant", "mastodon"}));
  shot(h, "26-question-receipt");
}

TEST(ui_flow_test, back_buttons_walk_back_to_idle) {
  UiHarness h;
  start(h);
  h.tap("choose.report");
  h.tap("tile.afval");
  h.tap("tile.grofvuil");
  ASSERT_EQ(h.screen(), Screen::report_location);
  h.tap("app.back");
  EXPECT_EQ(h.screen(), Screen::report_subcategory);
  h.tap("app.back");
  EXPECT_EQ(h.screen(), Screen::report_category);
  h.tap("app.back");
  EXPECT_EQ(h.screen(), Screen::choose);
  h.tap("choose.question");
  h.tap("topic.parkeren");
  h.tap("app.back");
  EXPECT_EQ(h.screen(), Screen::question_topic);
  h.tap("app.back");
  h.tap("app.back");
  EXPECT_EQ(h.screen(), Screen::idle);
}

TEST(ui_flow_test, timeout_warns_then_wipes_everything) {
  UiHarness h;
  start(h);
  h.tap("app.helper");
  h.tap("help.large_text");
  h.tap("help.lang.pl");
  h.tap("help.close");
  h.tap("choose.question");
  h.tap("topic.wonen");
  h.tap("text");
  const std::string secret = "Mieszkam przy ulicy Tajnej 7";
  h.type(secret);
  // The kiosk's field edits the session's buffer: ImGui holds no copy to wipe.
  EXPECT_EQ(h.session->question().text, secret);
  EXPECT_EQ(h.ui->ui_text_buffers_dump().find(secret), std::string::npos);
  std::uint64_t contexts = h.ui->contexts_created();

  // Idle until the warning: at least 20 s before the wipe, one tap extends.
  const auto& ui_cfg = h.config.ui;
  h.clock.advance(std::int64_t(ui_cfg.idle_timeout_s - ui_cfg.idle_warning_s) * 1000 + 100);
  h.settle();
  ASSERT_EQ(h.session->idle().phase(), core::IdlePhase::warning);
  EXPECT_GE(h.session->idle().seconds_left(), 20);
  ASSERT_NE(h.target("timeout.extend"), nullptr);
  EXPECT_FALSE(h.ui->keyboard_visible());
  shot(h, "30-timeout-warning");
  h.tap("timeout.extend");
  EXPECT_EQ(h.session->idle().phase(), core::IdlePhase::active);
  EXPECT_EQ(h.screen(), Screen::question_text);

  h.clock.advance(std::int64_t(ui_cfg.idle_timeout_s) * 1000 + 1000);
  h.settle();
  EXPECT_EQ(h.screen(), Screen::idle);
  EXPECT_EQ(h.session->language(), h.config.kiosk.default_language);
  EXPECT_FALSE(h.session->large_text());
  EXPECT_EQ(h.session->question().text, "");
  EXPECT_GT(h.ui->contexts_created(), contexts);  // ImGui context recreated
  EXPECT_EQ(h.ui->ui_text_buffers_dump().find(secret), std::string::npos);
  EXPECT_EQ(h.ui->ui_text_buffers_dump().find("Tajnej"), std::string::npos);
  const char* clip = SDL_GetClipboardText();
  EXPECT_TRUE(clip == nullptr || std::string(clip).empty());
  SDL_free(const_cast<char*>(clip));
  EXPECT_FALSE(std::filesystem::exists("imgui.ini"));
}

TEST(ui_flow_test, ten_extensions_then_no_more) {
  UiHarness h;
  start(h);
  const auto& c = h.config.ui;
  for (int i = 0; i < 10; ++i) {
    h.clock.advance(std::int64_t(c.idle_timeout_s - c.idle_warning_s) * 1000 + 100);
    h.settle();
    ASSERT_TRUE(h.tap("timeout.extend")) << "extension " << i + 1;
  }
  h.clock.advance(std::int64_t(c.idle_timeout_s - c.idle_warning_s) * 1000 + 100);
  h.settle();
  EXPECT_EQ(h.target("timeout.extend"), nullptr);
  h.clock.advance(std::int64_t(c.idle_warning_s) * 1000);
  h.settle();
  EXPECT_EQ(h.screen(), Screen::idle);
}

TEST(ui_flow_test, poll_once_per_session_news_and_lookup) {
  UiHarness h;
  start(h);
  h.tap("choose.news");
  ASSERT_EQ(h.screen(), Screen::news);
  shot(h, "40-news");
  h.tap("app.back");
  h.tap("choose.poll");
  ASSERT_EQ(h.screen(), Screen::poll);
  h.tap("poll.send");  // nothing picked: error beside the answers
  EXPECT_NE(h.session->error_for("poll_answer"), nullptr);
  h.tap("poll.bankjes");
  shot(h, "41-poll");
  h.tap("poll.send");
  ASSERT_EQ(h.screen(), Screen::receipt);
  std::string ref = h.session->receipt()->reference;
  auto stored = h.outbox->find(ref);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->submission.kind, Kind::poll);
  EXPECT_EQ(stored->submission.poll_answer, "bankjes");
  h.tap("receipt.done");

  // Look it up on the keypad, with an answer from the municipality and a later one on its public channel.
  ASSERT_TRUE(h.outbox->mark_delivered(stored->row_id, "openklant", "k1", "").ok());
  h.clock.advance(3'600'000);
  ASSERT_TRUE(
      h.outbox->add_answer(stored->row_id, Answer{"openklant", h.clock.now_ms(), "Dank u, we tellen mee.", "a1"}).ok());
  h.clock.advance(600'000);
  ASSERT_TRUE(h.outbox
                  ->add_answer(stored->row_id,
                               Answer{"mastodon", h.clock.now_ms(), "De uitslag staat vrijdag op onze website.", "s1"})
                  .ok());
  start(h);
  h.tap("choose.lookup");
  ASSERT_EQ(h.screen(), Screen::lookup);
  for (char c : std::string("DM0000000X")) h.tap(std::string("pad.") + c);  // a wrong check character
  h.tap("lookup.search");
  EXPECT_NE(h.session->error_for("reference"), nullptr);
  shot(h, "42-lookup-error");
  for (int i = 0; i < 10; ++i) h.tap("pad.erase");
  for (char c : ref) h.tap(std::string("pad.") + c);
  shot(h, "43-lookup-keypad");
  h.tap("lookup.search");
  ASSERT_TRUE(h.session->lookup_result().has_value());
  EXPECT_EQ(h.session->lookup_result()->status, core::LookupStatus::answered);
  EXPECT_EQ(h.session->lookup_result()->answer, "De uitslag staat vrijdag op onze website.");
  // Both answers on the screen, the first one first, each under its date and channel.
  float kcc_y = -1, webcare_y = -1, kcc_channel_y = -1;
  for (const auto& w : h.ui->registry().items()) {
    if (w.label == "Dank u, we tellen mee.") kcc_y = w.y0;
    if (w.label == "De uitslag staat vrijdag op onze website.") webcare_y = w.y0;
    if (w.label.find("Klantenservice") != std::string::npos) kcc_channel_y = w.y0;
  }
  EXPECT_GE(kcc_y, 0) << "the KCC's answer is shown";
  EXPECT_GT(webcare_y, kcc_y) << "the webcare reply comes after it";
  EXPECT_GE(kcc_channel_y, 0);
  EXPECT_LT(kcc_channel_y, kcc_y);
  shot(h, "44-lookup-answer");

  // A report the municipality closed with a closing text reads as handled, with that text.
  Submission report;
  report.kind = Kind::report;
  report.language = "nl";
  report.category = "afval/container-is-vol";
  report.location.text = "Marktplein";
  report.text = "De container bij de bibliotheek zit vol.";
  report.channels = {"signalen"};
  report.created_at_ms = h.clock.now_ms();
  auto stored_report = h.outbox->submit(report);
  ASSERT_TRUE(stored_report.ok());
  auto row = h.outbox->find(stored_report->reference)->row_id;
  ASSERT_TRUE(h.outbox->mark_delivered(row, "signalen", "u1", "SIG-101").ok());
  h.clock.advance(600'000);
  ASSERT_TRUE(h.outbox->set_remote_status(row, "signalen", "OPEN").ok());
  h.clock.advance(86'400'000);
  ASSERT_TRUE(h.outbox->set_remote_status(row, "signalen", "CLOSED").ok());
  ASSERT_TRUE(h.outbox->add_answer(row, Answer{"signalen", h.clock.now_ms(), "De container is geleegd.", "u1:s"}).ok());
  h.session->wipe();
  h.settle();
  h.session->start();
  h.settle();
  h.tap("choose.lookup");
  for (char c : stored_report->reference) h.tap(std::string("pad.") + c);
  h.tap("lookup.search");
  ASSERT_TRUE(h.session->lookup_result().has_value());
  EXPECT_EQ(h.session->lookup_result()->status, core::LookupStatus::handled);
  bool closing_text_shown = false;
  for (const auto& w : h.ui->registry().items()) closing_text_shown |= w.label == "De container is geleegd.";
  EXPECT_TRUE(closing_text_shown);
  shot(h, "45-lookup-handled");
}

TEST(ui_flow_test, technician_pin_slows_down_and_opens) {
  UiHarness h;
  for (int i = 0; i < 3; ++i) h.tap("tech.corner");
  ASSERT_EQ(h.screen(), Screen::technician_pin);
  for (int attempt = 0; attempt < 3; ++attempt) {
    for (char c : std::string("1111")) h.tap(std::string("pin.") + c);
    h.tap("pin.ok");
  }
  EXPECT_GT(h.session->pin_wait_ms(), 0);
  for (char c : std::string("2468")) h.tap(std::string("pin.") + c);
  h.tap("pin.ok");
  EXPECT_EQ(h.screen(), Screen::technician_pin);  // still waiting: even the right PIN is refused
  shot(h, "50-technician-pin");
  h.clock.advance(h.session->pin_wait_ms() + 1);
  for (char c : std::string("2468")) h.tap(std::string("pin.") + c);
  h.tap("pin.ok");
  ASSERT_EQ(h.screen(), Screen::technician);
  shot(h, "51-technician");
  h.tap("app.back");
  EXPECT_EQ(h.screen(), Screen::idle);
}

// On the smallest supported display: channels that wait on purpose are shown as waits in words (paced,
// circuit open), apart from the errors.
TEST(ui_flow_test, technician_screen_shows_waits_at_800x480) {
  UiHarness h(demo_config(), 800, 480);
  std::int64_t now = h.clock.now_ms();
  ChannelState paced;
  paced.channel = "signalen";
  for (int i = 0; i < 60; ++i) paced.sent_times.push_back(now - 3000'000 + i * 1000);
  paced.last_attempt_ms = now - 1000;
  ASSERT_TRUE(h.outbox->save_channel_state(paced).ok());
  ChannelState open;
  open.channel = "openklant";
  open.circuit = CircuitState::open;
  open.failures = 3;
  open.not_before_ms = now + 600'000;
  open.last_attempt_ms = now - 1000;
  open.last_error = "openklant: network: http://127.0.0.1:1: Could not connect to server";
  ASSERT_TRUE(h.outbox->save_channel_state(open).ok());
  // The sync service's last run (its record is what the screen shows per channel): paced, offline, ok.
  RunRecord run;
  run.started_ms = now - 2000;
  run.ended_ms = now - 1000;
  ChannelRun s{.channel = "signalen", .delivered = 60, .wait = Wait::paced, .wait_until_ms = now + 60'000};
  ChannelRun o{.channel = "openklant",
               .retried = 2,
               .wait = Wait::circuit_open,
               .wait_until_ms = now + 600'000,
               .failures = 3,
               .circuit = "open",
               .last_error = open.last_error};
  ChannelRun m{.channel = "mastodon", .delivered = 1};
  run.channels = {m, o, s};
  ASSERT_TRUE(h.outbox->record_run(run).ok());
  // On the appliance, after an update that failed its trial boot (kiosk-update's status file).
  h.set_update_status(
      "kiosk-update-status 1\nevent=fallback\nversion=1.4.0+abtest3-broken\nrunning=1.4.0+abtest2\nslot=B\n"
      "time=2026-12-04T10:15:02Z\n");
  for (int i = 0; i < 3; ++i) h.tap("tech.corner");
  for (char c : std::string("2468")) h.tap(std::string("pin.") + c);
  h.tap("pin.ok");
  ASSERT_EQ(h.screen(), Screen::technician);
  auto info = h.session->technician_info();
  EXPECT_EQ(info.image_version, "1.4.0+abtest2");
  ASSERT_TRUE(info.update.has_value()) << info.update_error;
  EXPECT_EQ(info.update->event, core::UpdateEvent::fallback);
  ASSERT_EQ(info.waiting.size(), 2u);
  for (const auto& w : info.waiting)
    EXPECT_EQ(w.wait, w.channel == "signalen" ? Wait::paced : Wait::circuit_open) << w.channel;
  EXPECT_EQ(info.last_sync_ms, now - 1000);
  ASSERT_EQ(info.sync.channels.size(), 3u);
  for (const auto& l : info.sync.channels) {
    Health want = l.channel == "signalen" ? Health::waiting : l.channel == "openklant" ? Health::offline : Health::ok;
    EXPECT_EQ(l.health, want) << l.channel;
  }
  shot(h, "52-technician-waiting-800x480");
  // At the page's end: the image's version and the update that fell back, in words.
  for (int i = 0; i < 10 && h.target("scroll.down"); ++i) h.tap("scroll.down");
  shot(h, "54-technician-update-800x480");
}

// The technician's 7-day plot (issue 17): a week of run records drawn as queue, deliveries per hour and
// parked; the toggle switches between the plot and the rows, on the Pi's display and on a large one.
TEST(ui_flow_test, technician_plot_shows_a_week_of_runs) {
  for (auto [w, h_px] : {std::pair{800, 480}, std::pair{1920, 1080}}) {
    UiHarness h(demo_config(), w, h_px);
    // A week: submissions arrive, runs deliver them during the day, one is parked on day 5.
    const std::int64_t week_start = h.clock.now_ms();
    std::vector<std::int64_t> open;
    for (int hour = 0; hour < 7 * 24; hour += 3) {
      for (int i = 0; i < (hour % 24 < 12 ? 3 : 1); ++i) {
        Submission s = test::sample_question();
        s.channels = {"openklant"};
        open.push_back(h.outbox->find(h.outbox->submit(s)->reference)->row_id);
      }
      std::int64_t delivered = 0;
      if (hour % 24 >= 9 && hour % 24 <= 18)
        while (open.size() > 2) {
          ASSERT_TRUE(h.outbox->mark_delivered(open.back(), "openklant", "x", "").ok());
          open.pop_back();
          ++delivered;
        }
      if (hour == 5 * 24 + 9) {
        ASSERT_TRUE(h.outbox->mark_parked(open.back(), "openklant", "refused").ok());
        open.pop_back();
      }
      h.clock.set(week_start + std::int64_t{hour} * 3600'000);
      RunRecord run{.started_ms = h.clock.now_ms() - 1000, .ended_ms = h.clock.now_ms()};
      run.channels = {ChannelRun{.channel = "openklant", .delivered = delivered}};
      ASSERT_TRUE(h.outbox->record_run(run).ok());
    }
    for (int i = 0; i < 3; ++i) h.tap("tech.corner");
    for (char c : std::string("2468")) h.tap(std::string("pin.") + c);
    h.tap("pin.ok");
    ASSERT_EQ(h.screen(), Screen::technician);
    const core::SyncHistory hist = h.session->sync_history();
    EXPECT_GT(hist.max_queue, 0);
    EXPECT_GT(hist.max_delivered, 0);
    EXPECT_EQ(hist.max_parked, 1);
    for (int i = 0; i < 8 && !h.target("tech.plot") && h.target("scroll.down"); ++i) h.tap("scroll.down");
    ASSERT_NE(h.target("tech.plot"), nullptr) << [&] {
      std::string ids;
      for (const auto& t : h.ui->targets()) ids += t.id + " ";
      return ids;
    }();
    EXPECT_EQ(h.target("tech.plot")->label, h.catalogs.get("nl").get("tech.plot"));
    h.tap("tech.plot");
    ASSERT_EQ(h.screen(), Screen::technician);
    EXPECT_EQ(h.target("tech.plot")->label, h.catalogs.get("nl").get("tech.plot.rows"));  // back to the rows
    shot(h, "53-technician-plot-" + std::to_string(w) + "x" + std::to_string(h_px));
    h.tap("tech.plot");
    EXPECT_EQ(h.target("tech.plot")->label, h.catalogs.get("nl").get("tech.plot"));
  }
}

TEST(ui_flow_test, arabic_button_starts_an_arabic_session) {
  UiHarness h;
  h.tap("lang.ar");
  EXPECT_EQ(h.screen(), Screen::choose);
  EXPECT_EQ(h.session->language(), "ar");
  shot(h, "60-choose-arabic");
  h.tap("app.back");
  h.tap("lang.tr");
  EXPECT_EQ(h.screen(), Screen::choose);
  EXPECT_EQ(h.session->language(), "tr");
  shot(h, "61-choose-turkish");
}

}  // namespace
}  // namespace kiosk::test

namespace kiosk::test {
namespace {

// The app's loop with a fake clock: draw only when the UI asks, otherwise sleep until its next timed
// change. Returns the frames drawn over `ms`.
int frames_over(UiHarness& h, std::int64_t ms) {
  std::uint64_t before = h.ui->frames_drawn();
  std::int64_t end = h.clock.now_ms() + ms;
  while (h.clock.now_ms() < end) {
    if (h.ui->wants_frame()) {
      h.clock.advance(16);
      h.ui->frame();
      continue;
    }
    std::int64_t wait = h.ui->ms_until_timed_frame();
    std::int64_t step = std::min(end - h.clock.now_ms(), wait < 0 ? end - h.clock.now_ms() : wait + 5);
    h.clock.advance(std::max<std::int64_t>(step, 1));
    if (h.clock.now_ms() < end) h.ui->request_frames(1);  // the timed wake-up draws one frame
  }
  return int(h.ui->frames_drawn() - before);
}

TEST(ui_flow_test, render_on_demand_idle_draws_almost_nothing) {
  UiHarness h;
  h.clock.set(1767258000000 + 5000);  // 5 s past a minute: no clock change in the next 10 s
  h.settle();
  EXPECT_LE(frames_over(h, 10000), 1);
  // Over a minute the idle screen redraws once for the clock.
  EXPECT_LE(frames_over(h, 60000), 2);
  // A tap settles in a few frames.
  h.ui->tap(640, 200);
  int n = 0;
  while (h.ui->wants_frame() && n < 100) {
    h.clock.advance(16);
    h.ui->frame();
    ++n;
  }
  EXPECT_LE(n, 8);
  EXPECT_EQ(h.screen(), core::Screen::choose);
  // During the countdown: about one frame per second (<= 2 frames/s).
  h.clock.advance(std::int64_t(h.config.ui.idle_timeout_s - h.config.ui.idle_warning_s) * 1000 + 10);
  int countdown = frames_over(h, 10000);
  EXPECT_GE(countdown, 9);
  EXPECT_LE(countdown, 20);
}

TEST(ui_flow_test, keyboard_layouts_and_large_text_screens) {
  UiHarness h;
  h.tap_at(640, 200);
  for (const std::string lang : {"tr", "pl", "uk"}) {
    h.session->set_language(lang);
    h.session->choose(core::Flow::question);
    h.settle();
    h.tap(std::string("topic.") + h.tree.question_topics[0].slug);
    h.tap("text");
    ASSERT_TRUE(h.ui->keyboard_visible());
    shot(h, "70-keyboard-" + lang);
    if (lang == "tr") {
      h.tap("key.ğ");
      h.tap("key.shift");
      h.tap("key.İ");
      EXPECT_EQ(h.session->question().text, "ğİ");
    }
    if (lang == "uk") {
      h.tap("key.ї");
      h.tap("key.latin");
      h.tap("key.q");
      EXPECT_EQ(h.session->question().text, "їq");
    }
    if (lang == "pl") {
      h.tap("key.ł");
      h.tap("key.layout");
      h.tap("key.@");
      EXPECT_EQ(h.session->question().text, "ł@");
    }
    h.tap("key.hide");
    h.session->wipe();
    h.settle();
    h.tap_at(640, 200);
  }
  h.session->set_large_text(true);
  h.settle();
  shot(h, "71-choose-large-text");
  h.tap("choose.report");
  shot(h, "72-report-category-large-text");
}

}  // namespace
}  // namespace kiosk::test

namespace kiosk::test {
namespace {

SDL_Event finger(Uint32 type, float x, float y) {
  SDL_Event e{};
  e.type = type;
  e.tfinger.x = x;
  e.tfinger.y = y;
  e.tfinger.fingerId = 1;
  return e;
}

TEST(ui_flow_test, finger_events_tap_and_synthetic_mouse_is_ignored) {
  UiHarness h;
  // Finger positions arrive normalised 0..1.
  h.ui->handle_event(finger(SDL_FINGERDOWN, 0.5f, 0.25f));
  h.ui->handle_event(finger(SDL_FINGERUP, 0.5f, 0.25f));
  h.settle();
  ASSERT_EQ(h.screen(), core::Screen::choose);
  const ui::Target* t = h.target("choose.report");
  ASSERT_NE(t, nullptr);
  // SDL's mouse events synthesised from touch (which == SDL_TOUCH_MOUSEID) would double each tap.
  SDL_Event m{};
  m.type = SDL_MOUSEBUTTONDOWN;
  m.button.which = SDL_TOUCH_MOUSEID;
  m.button.button = SDL_BUTTON_LEFT;
  m.button.x = int((t->x0 + t->x1) / 2);
  m.button.y = int((t->y0 + t->y1) / 2);
  EXPECT_FALSE(h.ui->handle_event(m));
  m.type = SDL_MOUSEBUTTONUP;
  EXPECT_FALSE(h.ui->handle_event(m));
  h.settle();
  EXPECT_EQ(h.screen(), core::Screen::choose);
  // A finger down and up before any frame is drawn is not lost (one sample per frame).
  float x = (t->x0 + t->x1) / 2 / float(h.w), y = (t->y0 + t->y1) / 2 / float(h.h);
  h.ui->handle_event(finger(SDL_FINGERDOWN, x, y));
  h.ui->handle_event(finger(SDL_FINGERUP, x, y));
  h.settle();
  EXPECT_EQ(h.screen(), core::Screen::report_category);
  // Press on one button, lift on another: nothing happens (activation on release over the same item).
  const ui::Target* a = h.target("tile.afval");
  const ui::Target* b = h.target("tile.schoon");
  ASSERT_TRUE(a && b);
  h.ui->press((a->x0 + a->x1) / 2, (a->y0 + a->y1) / 2);
  h.ui->release((b->x0 + b->x1) / 2, (b->y0 + b->y1) / 2);
  h.settle();
  EXPECT_EQ(h.screen(), core::Screen::report_category);
}

// Forgiveness (issue 16): "Stop", next to "Staff", asks first; "No" keeps everything, only "Yes" wipes.
TEST(ui_flow_test, stop_asks_before_wiping) {
  UiHarness h(demo_config(), 800, 480);
  start(h);
  h.tap("choose.question");
  h.tap(std::string("topic.") + h.tree.question_topics[0].slug);
  ASSERT_EQ(h.screen(), Screen::question_text);
  h.tap("text");
  h.type("Mijn lange vraag over de afvalinzameling");
  h.tap("key.hide");
  ASSERT_TRUE(h.tap("app.stop"));
  EXPECT_EQ(h.screen(), Screen::question_text) << "Stop wiped without asking";
  EXPECT_EQ(h.session->question().text, "Mijn lange vraag over de afvalinzameling");
  ASSERT_NE(h.target("stop.yes"), nullptr);
  EXPECT_EQ(h.target("app.next"), nullptr) << "the screen below the question can be touched";
  shot(h, "31-stop-confirm");
  ASSERT_TRUE(h.tap("stop.no"));
  EXPECT_EQ(h.screen(), Screen::question_text);
  EXPECT_EQ(h.session->question().text, "Mijn lange vraag over de afvalinzameling");
  EXPECT_EQ(h.target("stop.yes"), nullptr);
  ASSERT_TRUE(h.tap("app.stop"));
  ASSERT_TRUE(h.tap("stop.yes"));
  EXPECT_EQ(h.screen(), Screen::idle);
  EXPECT_EQ(h.session->question().text, "");
  // The next session does not start with the question open.
  start(h);
  EXPECT_EQ(h.target("stop.yes"), nullptr);
}

}  // namespace
}  // namespace kiosk::test
