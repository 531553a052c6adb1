// Tests for the Open311 GeoReport v2 adapter through the engine, against the local GeoReport contract
// server: the form-encoded request, batch tokens resolved later, the error array as parked reason, a
// refused api_key as a channel failure, and lookup by reference after a lost answer.
#include <gtest/gtest.h>

#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/refcode.hpp"
#include "odd_answers.hpp"
#include "sync_fixture.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {

struct Fixture {
  test::TempDir dir;
  test::SyncWorld world;
  FakeClock clock{SystemClock::instance().now_ms()};  // the server filters requests.json on real dates
  Config config = world.config(dir / "outbox.sqlite");
  Outbox box = Outbox::open(test::outbox_options_for(config, &clock)).value();
  CurlTransport transport;

  Fixture() {
    for (auto name : {"openklant", "signalen", "mastodon"}) config.channels[name].enabled = false;
    config.channels["open311"].settings["jurisdiction_id"] = std::string("voorbeeldstad.nl");
  }
  Result<RunReport> run() {
    Engine engine(config, world.secrets, box, transport, clock, test::fast_engine());
    return engine.run_once();
  }
  Receipt submit(const std::string& category = "afval/container-is-vol") {
    Submission s = test::sample_report();
    s.category = category;
    s.channels = {"open311"};
    return box.submit(std::move(s)).value();
  }
};

}  // namespace

TEST(open311_test, report_is_posted_form_encoded_with_key_code_point_and_reference) {
  Fixture f;
  auto receipt = f.submit();
  auto rep = f.run();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(rep->find("open311")->delivered, 1u);
  auto reqs = f.world.open311->requests_stored();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].fields["service_code"], "AF01");
  EXPECT_EQ(reqs[0].fields["lat"], "52.0907360");
  EXPECT_EQ(reqs[0].fields["long"], "5.1214200");
  EXPECT_EQ(reqs[0].fields["jurisdiction_id"], "voorbeeldstad.nl");
  EXPECT_NE(reqs[0].fields["description"].find("Kioskreferentie: " + refcode::group(receipt.reference)),
            std::string::npos);
  EXPECT_EQ(reqs[0].fields.count("api_key"), 0u);  // the server keeps it out of storage; it was checked
  EXPECT_EQ(f.box.find(receipt.uuid)->deliveries[0].remote_id, reqs[0].id);
}

TEST(open311_test, batch_service_token_is_resolved_by_the_status_poll) {
  Fixture f;
  f.world.open311->set_batch_service("AF01");
  auto receipt = f.submit();
  ASSERT_TRUE(f.run().ok());
  auto d = f.box.find(receipt.uuid)->deliveries[0];
  EXPECT_EQ(d.state, DeliveryState::delivered);
  EXPECT_FALSE(f.world.open311->requests_stored()[0].token.empty());  // the POST answered with a token only
  f.clock.advance(3'600'000);
  ASSERT_TRUE(f.run().ok());
  EXPECT_EQ(f.box.find(receipt.uuid)->deliveries[0].remote_id, f.world.open311->requests_stored()[0].id);
}

TEST(open311_test, error_array_becomes_the_parked_reason) {
  Fixture f;
  // A code the kiosk's tree has but the server does not know: the server's own words are kept.
  f.world.open311 = std::make_unique<test::Open311Server>();
  f.config.channels["open311"].base_url = f.world.open311->base_url();
  f.config.channels["open311"].settings["jurisdiction_id"] = std::string("elders.nl");
  auto receipt = f.submit();
  ASSERT_TRUE(f.run().ok());
  auto d = f.box.find(receipt.uuid)->deliveries[0];
  EXPECT_EQ(d.state, DeliveryState::parked);
  EXPECT_NE(d.parked_reason.find("jurisdiction_id not found"), std::string::npos) << d.parked_reason;
  EXPECT_NE(d.parked_reason.find("HTTP 404"), std::string::npos) << d.parked_reason;
}

TEST(open311_test, refused_api_key_is_a_channel_failure) {
  Fixture f;
  f.world.secrets.by_channel["open311"] = "fout";
  auto receipt = f.submit();
  auto rep = f.run();
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(f.box.find(receipt.uuid)->deliveries[0].state, DeliveryState::retry);
  EXPECT_NE(rep->find("open311")->last_error.find("credentials refused"), std::string::npos);
}

TEST(open311_test, lost_answer_is_found_by_reference) {
  Fixture f;
  auto receipt = f.submit();
  test::Faults drop;
  drop.drop_after = 1.0;
  f.world.open311->set_faults(drop);
  ASSERT_TRUE(f.run().ok());
  f.world.open311->set_faults({});
  f.clock.advance(600'000);
  auto rep = f.run();
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(rep->find("open311")->found_remote, 1u);
  EXPECT_EQ(f.world.open311->requests_stored().size(), 1u);
  EXPECT_EQ(f.box.find(receipt.uuid)->deliveries[0].state, DeliveryState::delivered);
}

TEST(open311_test, server_refuses_json_and_missing_location) {
  test::Open311Server server;
  CurlTransport t;
  HttpRequest r;
  r.method = "POST";
  r.url = server.base_url() + "/requests.json";
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = R"({"api_key":"test-key-311","service_code":"AF01","lat":52.1,"long":5.1})";
  EXPECT_EQ(t.perform_one(r)->status, 400);
  r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  r.body = form_encode({{"api_key", "test-key-311"}, {"service_code", "AF01"}});
  auto res = t.perform_one(r);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("location is required"), std::string::npos);
}

// ---- odd answers: no exception, a sensible outcome, the run goes on --------------------------------

namespace {
Submission report311() {
  Submission s = test::sample_report();
  s.category = "afval/container-is-vol";
  return s;
}
}  // namespace

TEST(open311_test, odd_answers_to_a_request_never_throw) {
  test::AdapterRig rig("open311");
  rig.config.channels["open311"].settings["jurisdiction_id"] = std::string("voorbeeldstad.nl");
  rig.remake();
  int n = test::for_each_odd_answer(*rig.world.open311, "POST /requests.json",
                                    [&](const std::string& path, std::optional<test::Odd> odd) {
                                      SendResult r = rig.send(rig.due(report311()));
                                      test::expect_sensible(r);
                                      bool needed = path == "" || path == "/0" || path == "/0/service_request_id" ||
                                                    odd == test::Odd::invalid_utf8;
                                      if (!odd || !needed) {
                                        EXPECT_EQ(r.state, DeliveryState::delivered) << r.error;
                                      } else {
                                        EXPECT_EQ(r.state, DeliveryState::retry);
                                        EXPECT_TRUE(r.uncertain)
                                            << "made, maybe: looked up by reference before anything is sent again";
                                      }
                                    });
  EXPECT_GE(n, 18);
}

TEST(open311_test, odd_status_token_and_lookup_answers_never_throw) {
  test::AdapterRig rig("open311");
  rig.clock.set(SystemClock::instance().now_ms());  // the server filters requests.json on real dates
  rig.config.channels["open311"].settings["jurisdiction_id"] = std::string("voorbeeldstad.nl");
  rig.remake();
  DueDelivery d = rig.due(report311());
  SendResult sent = rig.send(d);
  ASSERT_EQ(sent.state, DeliveryState::delivered) << sent.error;
  rig.world.open311->set_status(sent.remote_id, "closed", "De container is geleegd.");
  RemoteRef ref{d.row_id, d.submission.uuid, d.submission.reference, sent.remote_id, "open", 0};
  test::for_each_odd_answer(*rig.world.open311, "GET /requests/",
                            [&](const std::string&, std::optional<test::Odd> odd) {
                              StatusUpdate su = rig.status(ref);
                              test::expect_sensible(su);
                              if (!odd) {
                                EXPECT_EQ(su.status, "closed");
                                ASSERT_EQ(su.answers.size(), 1u);
                              }
                            });
  d.uncertain = true;
  test::for_each_odd_answer(*rig.world.open311, "GET /requests.json",
                            [&](const std::string& path, std::optional<test::Odd> odd) {
                              LookupResult lr = rig.lookup(d);
                              test::expect_sensible(lr);
                              if (!odd) {
                                EXPECT_EQ(lr.found, Found::yes) << lr.error;
                              }
                              // Not found only when the answer leaves it out (or its optional description).
                              bool left_out =
                                  (path == "/0" && odd == test::Odd::missing) ||
                                  (path == "/0/description" && (odd == test::Odd::missing || odd == test::Odd::null));
                              if (!left_out) {
                                EXPECT_NE(lr.found, Found::no) << lr.error;
                              }
                            });

  rig.world.open311->set_batch_service("AF02");
  Submission batch = report311();
  batch.category = "afval/container-is-kapot";
  DueDelivery t = rig.due(batch);
  SendResult token = rig.send(t);
  ASSERT_EQ(token.remote_id.rfind("token:", 0), 0u) << token.remote_id << token.error;
  RemoteRef tref{t.row_id, t.submission.uuid, t.submission.reference, token.remote_id, "", 0};
  test::for_each_odd_answer(*rig.world.open311, "GET /tokens/", [&](const std::string&, std::optional<test::Odd> odd) {
    StatusUpdate su = rig.status(tref);
    test::expect_sensible(su);
    if (!odd) {
      EXPECT_FALSE(su.remote_id.empty());
    }
  });
  test::for_each_odd_answer(
      *rig.world.open311, "GET /services.json",
      [&](const std::string&, std::optional<test::Odd>) {
        rig.refresh();
        EXPECT_NO_THROW((void)rig.probe());
      },
      1);
}

TEST(open311_test, odd_error_answers_still_give_a_plain_reason) {
  test::AdapterRig rig("open311");
  rig.world.secrets.by_channel["open311"] = "wrong-key";
  int n = test::for_each_odd_answer(*rig.world.open311, "POST /requests.json",
                                    [&](const std::string&, std::optional<test::Odd>) {
                                      SendResult r = rig.send(rig.due(report311()));
                                      test::expect_sensible(r);
                                      EXPECT_EQ(r.state, DeliveryState::retry);
                                      EXPECT_TRUE(r.channel_failure);
                                      EXPECT_NE(r.error.find("HTTP 403"), std::string::npos) << r.error;
                                    });
  EXPECT_GE(n, 18);
}
