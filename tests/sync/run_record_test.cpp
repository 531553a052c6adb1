// Tests of the run records (run_record.hpp) as kiosk-sync leaves them after a real run against the
// contract servers, and of `kioskctl status`, which must say what the service did: before, nothing but
// the service's log knew, and a paced channel looked like a failure.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/sync/run_record.hpp"
#include "sync_fixture.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {

using Run = test::Output;
Run run(const std::string& cmd) { return test::run_shell(cmd); }

Run kiosk_sync_once(const std::filesystem::path& config) {
  return run(test::program_command(KIOSK_SYNC_PATH) + " --once --config " + config.string());
}

Run kioskctl(const std::filesystem::path& config, const std::string& args) {
  return run(test::program_command(KIOSKCTL_PATH) + " --config " + config.string() + " " + args);
}

// A question (Open Klant and Mastodon, delivered) and a report whose category Signalen does not know
// (parked: needs a person).
void submit_delivered_and_parked(Outbox& box) {
  ASSERT_TRUE(box.submit(test::sample_question()).ok());
  Submission bad = test::sample_report();
  bad.category = "bestaat-niet/nergens";
  ASSERT_TRUE(box.submit(bad).ok());
}

}  // namespace

TEST(run_record_test, kiosk_sync_records_its_run_and_kioskctl_status_agrees) {
  test::TempDir dir;
  test::SyncWorld world;
  auto config = test::write_config_files(world, dir.path(), dir / "outbox.sqlite");
  {
    Outbox box = test::open_config_outbox(config);
    submit_delivered_and_parked(box);
  }
  auto sync = kiosk_sync_once(config);
  EXPECT_EQ(sync.code, 8) << sync.out;  // one report parked
  ASSERT_EQ(world.openklant->contacts().size(), 1u);

  Outbox box = test::open_config_outbox(config);
  auto runs = box.runs(10);
  ASSERT_TRUE(runs.ok()) << runs.error().message;
  ASSERT_EQ(runs->size(), 1u);
  const RunRecord& r = runs->front();
  EXPECT_EQ(r.source, "kiosk-sync");
  EXPECT_EQ(r.exit_code, 8);
  EXPECT_LE(r.started_ms, r.ended_ms);
  const ChannelRun* ok = r.find("openklant");
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(ok->delivered, 1);
  EXPECT_EQ(ok->pending, 0);
  EXPECT_EQ(ok->last_delivery_ms, r.ended_ms);
  EXPECT_EQ(channel_health(*ok), Health::ok);
  const ChannelRun* parked = r.find("signalen");
  ASSERT_NE(parked, nullptr);
  EXPECT_EQ(parked->parked, 1);
  EXPECT_EQ(parked->parked_total, 1);
  EXPECT_EQ(channel_health(*parked), Health::attention);

  auto status = kioskctl(config, "--json status");
  ASSERT_EQ(status.code, 0) << status.out;
  auto j = nlohmann::json::parse(status.out);
  EXPECT_EQ(j["last_run"]["id"], r.id);
  EXPECT_EQ(j["last_run"]["exit_code"], 8);
  for (const auto& c : j["last_run"]["channels"]) {
    const ChannelRun* x = r.find(c["channel"].get<std::string>());
    ASSERT_NE(x, nullptr) << c.dump();
    EXPECT_EQ(c["health"], health_name(channel_health(*x))) << c.dump();
    EXPECT_EQ(c["delivered"], x->delivered);
    EXPECT_EQ(c["parked_total"], x->parked_total);
    EXPECT_EQ(c["pending"], x->pending);
  }
  auto text = kioskctl(config, "status");
  ASSERT_EQ(text.code, 0) << text.out;
  auto person = text.out.find("Needs a person:");
  ASSERT_NE(person, std::string::npos) << text.out;
  EXPECT_NE(text.out.find("signalen   needs attention: 1 parked", person), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("openklant  ok: 1 delivered, 0 pending, 0 parked"), std::string::npos) << text.out;
  EXPECT_LT(text.out.find("openklant  ok"), person) << "normal states come before what needs a person";
}

// Pacing is a wait, not a failure, in the record and in `kioskctl status`.
TEST(run_record_test, pacing_shows_as_waiting_not_failure) {
  test::TempDir dir;
  test::SyncWorld world;
  auto config = test::write_config_files(world, dir.path(), dir / "outbox.sqlite");
  {
    std::string text = test::read_file(config);
    text.replace(text.find("posts_per_hour = 100000"), 23, "posts_per_hour = 3");
    std::ofstream(config) << text;
    Outbox box = test::open_config_outbox(config);
    for (int i = 0; i < 5; ++i) {
      Submission r = test::sample_report();
      r.category = "afval/container-is-vol";
      r.text += " " + std::to_string(i);
      ASSERT_TRUE(box.submit(r).ok());
    }
  }
  auto sync = kiosk_sync_once(config);
  EXPECT_EQ(sync.code, 9) << sync.out;
  EXPECT_EQ(world.signalen->signals().size(), 3u) << sync.out;
  Outbox box = test::open_config_outbox(config);
  auto runs = box.runs(1);
  ASSERT_TRUE(runs.ok() && runs->size() == 1u);
  const ChannelRun* s = runs->front().find("signalen");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->wait, Wait::paced);
  EXPECT_GT(s->wait_until_ms, runs->front().ended_ms);
  EXPECT_EQ(s->delivered, 3);
  EXPECT_EQ(s->pending, 2);
  EXPECT_EQ(channel_health(*s), Health::waiting);

  auto text = kioskctl(config, "status");
  EXPECT_NE(text.out.find("signalen   waiting, not failed: paced: at most 3 posts an hour, next post at"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("Needs a person: nothing"), std::string::npos) << text.out;
  auto j = nlohmann::json::parse(kioskctl(config, "--json status").out);
  for (const auto& c : j["last_run"]["channels"])
    if (c["channel"] == "signalen") {
      EXPECT_EQ(c["health"], "waiting") << c.dump();
    }
}

// "Sync now" requests are answered by the first run that started after them; later ones stay open.
TEST(run_record_test, a_sync_request_is_answered_by_the_next_run) {
  test::TempDir dir;
  FakeClock clock(1'800'000'000'000);
  auto box = Outbox::open(OutboxOptions{.path = dir / "outbox.sqlite", .clock = &clock});
  ASSERT_TRUE(box.ok());
  auto id = box->request_sync();
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*box->open_sync_requests(), 1u);
  clock.advance(1000);
  RunRecord run;
  run.started_ms = clock.now_ms();
  clock.advance(500);
  auto late = box->request_sync();  // during the run: for the next one
  run.ended_ms = clock.now_ms();
  ASSERT_TRUE(box->record_run(run).ok());
  EXPECT_EQ(run.requests_answered, 1);
  auto req = box->sync_request(*id);
  ASSERT_TRUE(req.ok() && req->has_value());
  EXPECT_EQ((*req)->run_id, run.id);
  EXPECT_EQ((*box->sync_request(*late))->run_id, 0);
  EXPECT_EQ(*box->open_sync_requests(), 1u);
}

// Old records are pruned, the newest 100 always kept.
TEST(run_record_test, old_records_are_pruned_but_the_newest_kept) {
  test::TempDir dir;
  FakeClock clock(1'800'000'000'000);
  auto box = Outbox::open(OutboxOptions{.path = dir / "outbox.sqlite", .clock = &clock});
  ASSERT_TRUE(box.ok());
  for (int i = 0; i < 150; ++i) {
    RunRecord run;
    run.started_ms = run.ended_ms = clock.now_ms();
    run.channels.push_back(ChannelRun{.channel = "openklant"});
    ASSERT_TRUE(box->record_run(run, 3600'000).ok());
    clock.advance(60'000);
  }
  auto all = box->runs(1000);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 100u);  // 150 minutes of runs, an hour kept, but never fewer than the newest 100
  EXPECT_EQ(all->back().started_ms, clock.now_ms() - 100 * 60'000);
  EXPECT_EQ(all->front().channels.size(), 1u);
}
