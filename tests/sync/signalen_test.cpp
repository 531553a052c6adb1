// Tests for the Signalen adapter through the engine, against the local Signalen contract server:
// the signal as sent ([lon, lat] Point, sub category URL, reporter, reference), the server's
// refusals, pacing under the public throttle, parking of unverifiable sends, and the status lookup.
#include <gtest/gtest.h>

#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/refcode.hpp"
#include "odd_answers.hpp"
#include "sync_fixture.hpp"
#include "test_support.hpp"

using namespace kiosk;
using nlohmann::json;

namespace {

struct Fixture {
  test::TempDir dir;
  test::SyncWorld world;
  FakeClock clock{1767258000000};
  Config config = world.config(dir / "outbox.sqlite");
  Outbox box;
  CurlTransport transport;
  int lanes = 1;  // batches in flight per channel

  // defer_fsync: as kiosk-sync opens the outbox (a claim becomes durable on the worker thread, later).
  explicit Fixture(bool defer_fsync = false) : box(open_box(defer_fsync)) {
    for (auto name : {"openklant", "open311", "mastodon"}) config.channels[name].enabled = false;
  }
  Outbox open_box(bool defer_fsync) {
    OutboxOptions o = test::outbox_options_for(config, &clock);
    o.defer_fsync = defer_fsync;
    return Outbox::open(o).value();
  }
  Result<RunReport> run() {
    EngineOptions options = test::fast_engine();
    options.lanes_per_channel = lanes;
    Engine engine(config, world.secrets, box, transport, clock, options);
    return engine.run_once();
  }
  Receipt submit(Submission s) {
    s.channels = {"signalen"};
    return box.submit(std::move(s)).value();
  }
};

// sample_report() with a category that exists in the shipped tree.
Submission report() {
  Submission s = test::sample_report();
  s.category = "wegen-verkeer-straatmeubilair/bestrating";
  return s;
}

HttpResult post_json(const std::string& url, const json& body) {
  CurlTransport t;
  HttpRequest r;
  r.method = "POST";
  r.url = url;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = body.dump();
  return t.perform_one(r);
}

}  // namespace

TEST(signalen_test, report_becomes_a_signal_with_point_category_and_reference) {
  Fixture f;
  Submission s = test::sample_report();
  s.category = "afval/container-is-vol";
  auto receipt = f.submit(s);
  auto rep = f.run();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(rep->find("signalen")->delivered, 1u);
  auto signals = f.world.signalen->signals();
  ASSERT_EQ(signals.size(), 1u);
  const json& b = signals[0].body;
  EXPECT_EQ(b["location"]["geometrie"]["type"], "Point");
  EXPECT_DOUBLE_EQ(b["location"]["geometrie"]["coordinates"][0].get<double>(), 5.121420);  // lon first
  EXPECT_DOUBLE_EQ(b["location"]["geometrie"]["coordinates"][1].get<double>(), 52.090736);
  EXPECT_EQ(b["category"]["sub_category"],
            f.world.signalen->base_url() + "/signals/v1/public/terms/categories/afval/sub_categories/container-is-vol");
  EXPECT_EQ(b["reporter"]["email"], "");
  EXPECT_EQ(b["reporter"]["sharing_allowed"], false);
  EXPECT_EQ(b["incident_date_start"], "2026-01-01T10:00:00+01:00");
  EXPECT_EQ(b["extra_properties"][0]["answer"], refcode::group(receipt.reference));
  auto st = f.box.find(receipt.uuid);
  EXPECT_EQ(st->deliveries[0].remote_display, signals[0].display);  // SIG-… for the citizen's lookup
  EXPECT_EQ(st->deliveries[0].remote_id, signals[0].uuid);
}

TEST(signalen_test, server_refuses_what_breaks_the_contract) {
  test::SignalenServer server;
  std::string url = server.base_url() + "/signals/v1/public/signals/";
  json good = {{"text", "Losse tegel"},
               {"location", {{"geometrie", {{"type", "Point"}, {"coordinates", {5.12, 52.09}}}}}},
               {"category",
                {{"sub_category",
                  server.base_url() + "/signals/v1/public/terms/categories/afval/sub_categories/container-is-vol"}}},
               {"reporter", {{"email", ""}, {"phone", ""}, {"sharing_allowed", false}}},
               {"incident_date_start", "2026-05-01T10:00:00+02:00"}};
  EXPECT_EQ(post_json(url, good)->status, 201);
  json swapped = good;
  swapped["location"]["geometrie"]["coordinates"] = {52.09, 5.12};
  EXPECT_EQ(post_json(url, swapped)->status, 400);
  json as_string = good;
  as_string["location"]["geometrie"] = "POINT(5.12 52.09)";
  EXPECT_EQ(post_json(url, as_string)->status, 400);
  json no_reporter = good;
  no_reporter.erase("reporter");
  EXPECT_EQ(post_json(url, no_reporter)->status, 400);
  json extra = good;
  extra["kiosk"] = 1;
  auto r = post_json(url, extra);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("Extra properties present"), std::string::npos);
  json too_long = good;
  too_long["text"] = std::string(3001, 'a');
  EXPECT_EQ(post_json(url, too_long)->status, 400);
  json unknown_cat = good;
  unknown_cat["category"]["sub_category"] =
      server.base_url() + "/signals/v1/public/terms/categories/x/sub_categories/y";
  EXPECT_EQ(post_json(url, unknown_cat)->status, 400);
}

TEST(signalen_test, pacing_keeps_under_the_public_throttle) {
  Fixture f;
  f.world.signalen = std::make_unique<test::SignalenServer>(5);  // the server allows 5 POST per hour
  f.config.channels["signalen"].base_url = f.world.signalen->base_url();
  f.config.channels["signalen"].posts_per_hour = 5;
  for (int i = 0; i < 8; ++i) f.submit(report());
  for (int run = 0; run < 4; ++run) {
    ASSERT_TRUE(f.run().ok());
    f.clock.advance(60'000);
  }
  EXPECT_EQ(f.world.signalen->signals().size(), 5u);
  // Never hammered into a 429: the three left wait untouched (pending), none in retry.
  auto stats = f.box.stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->deliveries["signalen"]["pending"], 3);
  EXPECT_EQ(stats->deliveries["signalen"].count("retry"), 0u);
  auto state = f.box.channel_state("signalen");
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->sent_times.size(), 5u);
}

// With two batches in flight the lanes share the hour's budget: a lane's claim counts before its posts are
// sent (both lanes used to claim the whole budget at the start of a run: 5 posts with posts_per_hour = 3).
TEST(signalen_test, pacing_holds_with_two_batches_in_flight) {
  Fixture f(true);
  f.lanes = 2;
  f.world.signalen = std::make_unique<test::SignalenServer>(3);
  f.config.channels["signalen"].base_url = f.world.signalen->base_url();
  f.config.channels["signalen"].posts_per_hour = 3;
  for (int i = 0; i < 8; ++i) f.submit(report());
  for (int run = 0; run < 4; ++run) {
    ASSERT_TRUE(f.run().ok());
    EXPECT_LE(f.world.signalen->signals().size(), 3u) << "run " << run;
    f.clock.advance(60'000);
  }
  EXPECT_EQ(f.world.signalen->signals().size(), 3u);
  auto stats = f.box.stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->deliveries["signalen"]["pending"], 5);
  EXPECT_EQ(stats->deliveries["signalen"].count("retry"), 0u);
}

TEST(signalen_test, lost_answer_without_id_is_parked_for_a_technician) {
  Fixture f;
  auto receipt = f.submit(report());
  test::Faults drop;
  drop.drop_after = 1.0;
  f.world.signalen->set_faults(drop);
  ASSERT_TRUE(f.run().ok());
  f.world.signalen->set_faults({});
  f.clock.advance(600'000);
  ASSERT_TRUE(f.run().ok());
  auto st = f.box.find(receipt.uuid);
  EXPECT_EQ(st->deliveries[0].state, DeliveryState::parked);
  EXPECT_NE(st->deliveries[0].parked_reason.find("no way to check"), std::string::npos);
  EXPECT_EQ(f.world.signalen->signals().size(), 1u);  // never sent twice
  auto problems = f.box.problems(10);
  ASSERT_TRUE(problems.ok());
  ASSERT_EQ(problems->size(), 1u);
  EXPECT_EQ((*problems)[0].channel, "signalen");
}

TEST(signalen_test, status_comes_back_through_the_public_get) {
  Fixture f;
  auto receipt = f.submit(report());
  ASSERT_TRUE(f.run().ok());
  auto st = f.box.find(receipt.uuid);
  f.world.signalen->set_state(st->deliveries[0].remote_id, "CLOSED", "De losse tegel is vastgezet.");
  f.clock.advance(3'600'000);
  ASSERT_TRUE(f.run().ok());
  st = f.box.find(receipt.uuid);
  EXPECT_EQ(st->deliveries[0].remote_status, "CLOSED");
  ASSERT_FALSE(st->status_changes.empty());  // kept with its moment for the look-up
  EXPECT_EQ(st->status_changes.back().status, "CLOSED");
  ASSERT_EQ(st->answers.size(), 1u);  // the closing text
  EXPECT_EQ(st->answers[0].channel, "signalen");
  EXPECT_EQ(st->answers[0].text, "De losse tegel is vastgezet.");
}

TEST(signalen_test, category_without_mapping_is_parked_with_the_reason) {
  Fixture f;
  Submission s = test::sample_report();
  s.category = "bestaat-niet/nergens";
  auto receipt = f.submit(s);
  ASSERT_TRUE(f.run().ok());
  auto st = f.box.find(receipt.uuid);
  EXPECT_EQ(st->deliveries[0].state, DeliveryState::parked);
  EXPECT_NE(st->deliveries[0].parked_reason.find("no Signalen sub category"), std::string::npos);
}

// ---- odd answers: no exception, a sensible outcome, the run goes on --------------------------------

TEST(signalen_test, odd_answers_to_a_report_never_throw_nor_send_twice) {
  test::AdapterRig rig("signalen");
  int n = test::for_each_odd_answer(*rig.world.signalen, "POST /signals/v1/public/signals",
                                    [&](const std::string& path, std::optional<test::Odd> odd) {
                                      SendResult r = rig.send(rig.due(report()));
                                      test::expect_sensible(r);
                                      bool id_unreadable =
                                          path == "" || path == "/signal_id" || odd == test::Odd::invalid_utf8;
                                      if (!odd || !id_unreadable) {
                                        EXPECT_EQ(r.state, DeliveryState::delivered) << r.error;
                                      } else {
                                        EXPECT_EQ(r.state, DeliveryState::retry);
                                        EXPECT_TRUE(r.uncertain) << "created, maybe: never sent again blindly";
                                      }
                                      if (odd && path == "/_display" && *odd != test::Odd::invalid_utf8) {
                                        EXPECT_EQ(r.remote_display, "");
                                      }
                                    });
  EXPECT_GE(n, 40);
}

TEST(signalen_test, odd_answer_parks_one_report_and_the_run_goes_on) {
  Fixture f;
  f.config.channels["openklant"].enabled = true;
  f.world.signalen->set_odd_answer(test::OddAnswer{"POST /signals/v1/public/signals", "/signal_id", test::Odd::null});
  auto receipt = f.submit(report());
  Submission q = test::sample_question();
  q.channels = {"openklant"};
  auto question = f.box.submit(q).value();
  auto rep = f.run();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(rep->find("openklant")->delivered, 1u);
  f.world.signalen->set_odd_answer(std::nullopt);
  f.clock.advance(600'000);
  ASSERT_TRUE(f.run().ok());
  EXPECT_EQ(f.world.signalen->signals().size(), 1u);  // never sent twice
  auto st = f.box.find(receipt.uuid);
  EXPECT_EQ(st->deliveries[0].state, DeliveryState::parked);
  EXPECT_EQ(f.box.find(question.uuid)->deliveries[0].state, DeliveryState::delivered);
}

TEST(signalen_test, odd_status_and_lookup_answers_never_throw) {
  test::AdapterRig rig("signalen");
  DueDelivery d = rig.due(report());
  SendResult sent = rig.send(d);
  ASSERT_EQ(sent.state, DeliveryState::delivered) << sent.error;
  d.remote_id = sent.remote_id;
  d.uncertain = true;
  RemoteRef ref{d.row_id, d.submission.uuid, d.submission.reference, sent.remote_id, "OPEN", 0};
  test::for_each_odd_answer(*rig.world.signalen, "GET /signals/v1/public/signals/",
                            [&](const std::string&, std::optional<test::Odd> odd) {
                              StatusUpdate su = rig.status(ref);
                              test::expect_sensible(su);
                              LookupResult lr = rig.lookup(d);
                              test::expect_sensible(lr);
                              EXPECT_NE(lr.found, Found::no) << "it answered 200: it is there";
                              if (!odd) {
                                EXPECT_EQ(su.status, "OPEN");
                                EXPECT_EQ(lr.found, Found::yes);
                                EXPECT_EQ(lr.remote_id, sent.remote_id);
                              }
                            });
}

TEST(signalen_test, odd_category_lists_keep_the_shipped_promises) {
  test::AdapterRig rig("signalen");
  std::string promise = rig.tree.handling_message("afval/container-is-vol", "nl");
  ASSERT_FALSE(promise.empty());
  int n = test::for_each_odd_answer(
      *rig.world.signalen, "GET /signals/v1/public/terms/categories",
      [&](const std::string&, std::optional<test::Odd>) {
        rig.refresh();
        CategoryTree tree = rig.tree;
        tree.merge_cached(rig.box);
        EXPECT_FALSE(tree.handling_message("afval/container-is-vol", "nl").empty());
        EXPECT_FALSE(tree.handling_message("afval/container-is-vol", "uk").empty());
        EXPECT_NO_THROW((void)rig.probe());
      },
      1);
  EXPECT_GE(n, 40);
}
