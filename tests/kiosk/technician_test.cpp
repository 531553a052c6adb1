// Tests of the technician screen's sync commands (kiosk/core/technician.hpp) against a real kiosk-sync
// and the contract servers: the screen reads the same run records as `kioskctl status` (before, it
// showed the presses of its own button as "last sync"), and "sync now" is a request the `kiosk` user can
// make (a row and a datagram; before, the screen ran kioskctl, which needs the secrets the kiosk may not
// read), answered by the service's run; pacing is a wait, not a failure.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "kiosk/core/pin.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/core/technician.hpp"
#include "kiosk/sync/wake.hpp"
#include "sync_fixture.hpp"
#include "test_support.hpp"

extern char** environ;

using namespace kiosk;

namespace {

std::string capture(const std::string& cmd, int* code = nullptr) {
  auto r = test::run_shell(cmd);
  if (code) *code = r.code;
  return r.out;
}

// kiosk-sync as the service runs it (no --once), stopped with SIGTERM like systemd does.
class Service {
 public:
  explicit Service(const std::filesystem::path& config, const std::filesystem::path& outbox) {
    std::vector<std::string> args = {KIOSK_SYNC_PATH, "--config", config.string(), "--quiet"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawn(&m_pid, argv[0], nullptr, nullptr, argv.data(), environ), 0);
    // Ready when its wake socket is there.
    auto socket = wake_socket_path(outbox);
    for (int i = 0; i < 200 && !std::filesystem::exists(socket); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_TRUE(std::filesystem::exists(socket));
  }
  ~Service() {
    kill(m_pid, SIGTERM);
    int status = 0;
    waitpid(m_pid, &status, 0);
  }

 private:
  pid_t m_pid = -1;
};

std::filesystem::path paced_config(const test::SyncWorld& world, const test::TempDir& dir) {
  auto config = test::write_config_files(world, dir.path(), dir / "outbox.sqlite");
  std::string text = test::read_file(config);
  text.replace(text.find("posts_per_hour = 100000"), 23, "posts_per_hour = 3");
  std::ofstream(config) << text;
  return config;
}

Outbox open_outbox(const Config& config) {
  auto box = Outbox::open(test::outbox_options_for(config));
  EXPECT_TRUE(box.ok()) << box.error().message;
  return std::move(box.value());
}

void submit_reports(Outbox& box, int n) {
  for (int i = 0; i < n; ++i) {
    Submission r = test::sample_report();
    r.category = "afval/container-is-vol";
    r.text += " " + std::to_string(i);
    ASSERT_TRUE(box.submit(r).ok());
  }
}

}  // namespace

TEST(technician_test, screen_reads_the_same_run_records_as_kioskctl_status) {
  test::TempDir dir;
  test::SyncWorld world;
  auto config_file = paced_config(world, dir);
  auto config = load_config_file(config_file);
  ASSERT_TRUE(config.ok());
  Outbox box = open_outbox(*config);
  ASSERT_TRUE(box.submit(test::sample_question()).ok());
  submit_reports(box, 5);
  int code = -1;
  std::string log = capture(test::program_command(KIOSK_SYNC_PATH) + " --once --config " + config_file.string(), &code);
  EXPECT_EQ(code, 9) << log;

  core::SyncView view = core::read_sync_view(box);
  ASSERT_TRUE(view.last_run.has_value()) << view.error;
  auto j = nlohmann::json::parse(
      capture(test::program_command(KIOSKCTL_PATH) + " --json --config " + config_file.string() + " status"));
  EXPECT_EQ(j["last_run"]["id"], view.last_run->id);
  ASSERT_EQ(j["last_run"]["channels"].size(), view.channels.size());
  for (std::size_t i = 0; i < view.channels.size(); ++i) {
    const auto& c = j["last_run"]["channels"][i];
    EXPECT_EQ(c["channel"], view.channels[i].channel);
    EXPECT_EQ(c["health"], health_name(view.channels[i].health)) << c.dump();
    EXPECT_EQ(c["pending"], view.channels[i].pending);
    EXPECT_EQ(c["parked_total"], view.channels[i].parked);
  }
  for (const auto& l : view.channels) {
    if (l.channel == "signalen") {
      EXPECT_EQ(l.health, Health::waiting);  // paced: not a failure
      EXPECT_EQ(l.wait, Wait::paced);
      EXPECT_GT(l.until_ms, view.last_run->ended_ms);
    }
    if (l.channel == "openklant") {
      EXPECT_EQ(l.health, Health::ok);
    }
  }
  // The session's technician info says the service's last run, not a button press.
  auto tree = CategoryTree::load_default();
  ASSERT_TRUE(tree.ok());
  core::Session session(*config, *tree, &box, SystemClock::instance());
  EXPECT_EQ(session.technician_info().last_sync_ms, view.last_run->ended_ms);
}

TEST(technician_test, sync_now_is_answered_by_the_running_service) {
  test::TempDir dir;
  test::SyncWorld world;
  auto config_file = paced_config(world, dir);
  auto config = load_config_file(config_file);
  ASSERT_TRUE(config.ok());
  Outbox box = open_outbox(*config);
  Service service(config_file, config->storage.outbox);
  // The service's first run had nothing to do; now there is work, and the button asks for a run.
  ASSERT_TRUE(box.submit(test::sample_question()).ok());
  submit_reports(box, 5);
  core::CommandResult r = core::sync_now(box, 60'000);
  EXPECT_EQ(r.exit_code, as_int(ExitCode::waiting)) << r.output;  // Signalen is paced: a wait
  EXPECT_EQ(core::sync_outcome_key(r), "tech.sync.waiting");
  EXPECT_EQ(world.openklant->contacts().size(), 1u);
  EXPECT_EQ(world.signalen->signals().size(), 3u);
  EXPECT_EQ(*box.open_sync_requests(), 0u);
  // One of the service's runs answered it (the service may have run again since).
  auto runs = box.runs(10);
  ASSERT_TRUE(runs.ok());
  int answered = 0;
  for (const auto& run : *runs) answered += run.requests_answered;
  EXPECT_EQ(answered, 1);
}

TEST(technician_test, sync_now_without_the_service_says_so_and_keeps_the_request) {
  test::TempDir dir;
  test::SyncWorld world;
  auto config = world.config(dir / "outbox.sqlite");
  Outbox box = open_outbox(config);
  core::CommandResult r = core::sync_now(box, 60'000);
  EXPECT_EQ(r.exit_code, core::kSyncNoService) << r.output;
  EXPECT_EQ(core::sync_outcome_key(r), "tech.sync.no_service");
  EXPECT_EQ(*box.open_sync_requests(), 1u);  // the service answers it when it runs again
}

// The 7-day plot: runs land in the hour they ended; the queue and parked count a run left carry on through
// the hours without a run; before the first run they are unknown.
TEST(technician_test, history_puts_runs_in_their_hour_and_carries_the_queue) {
  test::TempDir dir;
  FakeClock clock{1767258000000};  // 2026-01-01 09:00 UTC, on the hour
  OutboxOptions o;
  o.path = dir / "outbox.sqlite";
  o.clock = &clock;
  Outbox box = Outbox::open(o).value();
  std::vector<std::int64_t> rows;
  for (int i = 0; i < 4; ++i) {
    Submission s = test::sample_question();
    s.channels = {"openklant"};
    rows.push_back(box.find(box.submit(s)->reference)->row_id);
  }
  const std::int64_t t0 = clock.now_ms();
  RunRecord first{.started_ms = t0 + 60'000, .ended_ms = t0 + 120'000};
  first.channels = {ChannelRun{.channel = "openklant"}};
  ASSERT_TRUE(box.record_run(first).ok());  // four waiting
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(box.mark_delivered(rows[i], "openklant", "x", "").ok());
  RunRecord second{.started_ms = t0 + 3 * 3600'000, .ended_ms = t0 + 3 * 3600'000 + 5'000};
  second.channels = {ChannelRun{.channel = "openklant", .delivered = 3}};
  ASSERT_TRUE(box.record_run(second).ok());  // one left
  clock.advance(5 * 3600'000);

  const core::SyncHistory h = core::read_sync_history(box, clock.now_ms());
  ASSERT_TRUE(h.error.empty()) << h.error;
  ASSERT_EQ(h.hours.size(), std::size_t{core::kSyncHistoryHours});
  // The last bucket is the current hour (14:00); the first run ended in the 09:00 bucket, 5 hours before.
  const std::size_t last = h.hours.size() - 1, at9 = last - 5;
  EXPECT_EQ(h.hours[last].start_ms, t0 + 5 * 3600'000);
  EXPECT_EQ(h.hours[at9 - 1].queue, -1);  // before any run: unknown
  EXPECT_EQ(h.hours[at9].queue, 4);
  EXPECT_EQ(h.hours[at9].runs, 1);
  EXPECT_EQ(h.hours[at9 + 1].queue, 4);  // no run at 10:00 and 11:00: the queue stays
  EXPECT_EQ(h.hours[at9 + 2].queue, 4);
  EXPECT_EQ(h.hours[at9 + 3].queue, 1);  // 12:00: three delivered
  EXPECT_EQ(h.hours[at9 + 3].delivered, 3);
  EXPECT_EQ(h.hours[last].queue, 1);
  EXPECT_EQ(h.hours[last].delivered, 0);
  EXPECT_EQ(h.max_queue, 4);
  EXPECT_EQ(h.max_delivered, 3);
  EXPECT_EQ(h.max_parked, 0);
}

// The screen draws the technician info and the plot every frame it draws; the session reads the outbox
// for them when the screen opens, after a sync the screen asked for has ended, and at most every 10 s
// (before, every frame read up to a week of run records and decoded the parked rows).
TEST(technician_test, screen_reads_the_records_on_opening_after_a_sync_and_every_10_s) {
  test::TempDir dir;
  test::SyncWorld world;
  auto config = world.config(dir / "outbox.sqlite");
  config.ui.technician_pin_hash = core::hash_pin("2468", 1000);
  FakeClock clock;
  Outbox box = Outbox::open(test::outbox_options_for(config, &clock)).value();
  auto tree = CategoryTree::load_default();
  ASSERT_TRUE(tree.ok());
  core::Session session(config, *tree, &box, clock);
  auto record = [&](std::int64_t delivered) {
    RunRecord run{.started_ms = clock.now_ms() - 1000, .ended_ms = clock.now_ms()};
    run.channels = {ChannelRun{.channel = "openklant", .delivered = delivered}};
    ASSERT_TRUE(box.record_run(run).ok());
  };
  record(1);
  session.open_technician();
  ASSERT_EQ(session.enter_pin("2468"), core::PinResult::ok);
  const std::int64_t first = session.technician_info().last_sync_ms;
  EXPECT_EQ(first, clock.now_ms());
  EXPECT_EQ(session.sync_history().max_delivered, 1);

  // A run the screen did not ask for: seen within 10 s, not at once.
  clock.advance(1000);
  record(5);
  EXPECT_EQ(session.technician_info().last_sync_ms, first);
  EXPECT_EQ(session.sync_history().max_delivered, 1);
  clock.advance(core::Session::kTechnicianRefreshMs);
  EXPECT_EQ(session.technician_info().last_sync_ms, clock.now_ms() - core::Session::kTechnicianRefreshMs);
  EXPECT_EQ(session.sync_history().max_delivered, 1 + 5);  // both runs in this hour

  // "Sync now" (no service here: it ends at once): the next frame reads anew, without waiting 10 s.
  record(7);
  core::BackgroundCommand job;
  ASSERT_TRUE(session.sync_now(job));
  for (int i = 0; i < 200 && job.running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_FALSE(job.running());
  EXPECT_EQ(session.sync_history().max_delivered, 1 + 5 + 7);
  EXPECT_EQ(session.technician_info().last_sync_ms, clock.now_ms());
}

TEST(technician_test, an_actions_outcome_is_told_in_the_catalogs_words_with_its_counts) {
  auto nl = core::Catalog::load(core::catalog_dir() / "nl.json");
  auto en = core::Catalog::load(core::catalog_dir() / "en.json");
  ASSERT_TRUE(nl.ok() && en.ok());
  core::CommandResult imported{0,
                               "3 submissions imported from 1 bundles, 1 were here already",
                               "tech.import.done",
                               {{"n", "3"}, {"files", "1"}, {"known", "1"}}};
  EXPECT_EQ(core::tech_action_outcome(*nl, core::TechAction::import_usb, imported),
            "Wachtrij van USB-stick halen: 3 berichten ingelezen uit 1 bestand(en). 1 waren er al.");
  EXPECT_EQ(core::tech_action_outcome(*en, core::TechAction::import_usb, imported),
            "Import queue from USB stick: 3 submissions imported from 1 file(s). 1 were here already.");
  // Without words of its own: done or failed, and the job's detail after a failure.
  core::CommandResult failed{3, "disk full", "", {}};
  EXPECT_EQ(core::tech_action_outcome(*nl, core::TechAction::export_usb, failed),
            "Wachtrij naar USB-stick: Mislukt: disk full");
  core::CommandResult synced{0, "", "", {}};
  EXPECT_EQ(core::tech_action_outcome(*nl, core::TechAction::sync_now, synced), nl->get("tech.sync.ok"));
  for (auto name : {"sync-now", "export-usb", "import-usb", "eject-usb"})
    EXPECT_TRUE(core::tech_action_named(name).has_value()) << name;
  EXPECT_FALSE(core::tech_action_named("format-disk").has_value());
}
