// Tests for the Open Klant 2 adapter through the engine, against the local Klantinteracties contract
// server: the klantcontact as sent, consent-bound digital addresses, the server's refusals, lookup
// before resend, poll tallies and answers coming back.
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
  FakeClock clock{1767258000000};  // 2026-01-01T09:00:00Z
  Config config = world.config(dir / "outbox.sqlite");
  Outbox box = Outbox::open(test::outbox_options_for(config, &clock)).value();
  CurlTransport transport;

  Fixture() {
    for (auto name : {"signalen", "open311", "mastodon"}) config.channels[name].enabled = false;
  }
  Result<RunReport> run(EngineOptions o = test::fast_engine()) {
    Engine engine(config, world.secrets, box, transport, clock, o);
    return engine.run_once();
  }
  Receipt submit(Submission s) {
    s.channels = {"openklant"};
    auto r = box.submit(std::move(s));
    EXPECT_TRUE(r.ok()) << r.error().message;
    return *r;
  }
};

// A raw request to the contract server, for checking what it refuses.
HttpResult raw_post(const std::string& url, const std::string& auth, const std::string& type, const std::string& body) {
  CurlTransport t;
  HttpRequest r;
  r.method = "POST";
  r.url = url;
  if (!auth.empty()) r.headers.emplace_back("Authorization", auth);
  r.headers.emplace_back("Content-Type", type);
  r.body = body;
  return t.perform_one(r);
}

}  // namespace

TEST(openklant_test, question_becomes_a_klantcontact_with_consented_addresses) {
  Fixture f;
  auto receipt = f.submit(test::sample_question());
  auto rep = f.run();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(rep->find("openklant")->delivered, 1u);

  auto contacts = f.world.openklant->contacts();
  ASSERT_EQ(contacts.size(), 1u);
  const json& kc = contacts[0].body;
  EXPECT_EQ(kc["kanaal"], "kiosk");
  EXPECT_EQ(kc["taal"], "nld");
  EXPECT_EQ(kc["onderwerp"], "Afval ophalen");
  EXPECT_EQ(kc["referentienummer"], receipt.reference);
  EXPECT_EQ(kc["vertrouwelijk"], true);
  // When the citizen submitted (local time with offset), not when it synced.
  EXPECT_EQ(kc["plaatsgevondenOp"], "2026-01-01T10:00:00+01:00");
  EXPECT_EQ(contacts[0].object_id, receipt.uuid);
  ASSERT_EQ(contacts[0].addresses.size(), 1u);
  EXPECT_EQ(contacts[0].addresses[0]["adres"], "t.tester@example.nl");
  EXPECT_EQ(contacts[0].addresses[0]["soortDigitaalAdres"], "email");

  auto stored = f.box.find(receipt.uuid);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->deliveries[0].state, DeliveryState::delivered);
  EXPECT_EQ(stored->deliveries[0].remote_id.size(), 36u);  // the klantcontact uuid, nothing more
}

TEST(openklant_test, no_betrokkene_without_consent_to_contact) {
  Fixture f;
  Submission s = test::sample_question();
  s.consents.contact = false;
  s.contact = {};
  f.submit(s);
  ASSERT_TRUE(f.run().ok());
  auto contacts = f.world.openklant->contacts();
  ASSERT_EQ(contacts.size(), 1u);
  EXPECT_TRUE(contacts[0].addresses.empty());
}

TEST(openklant_test, server_refuses_what_breaks_the_contract) {
  test::OpenKlantServer server;
  std::string url = server.base_url() + "/klantinteracties/api/v1/maak-klantcontact";
  json good = {{"klantcontact", {{"kanaal", "kiosk"}, {"onderwerp", "x"}, {"taal", "nld"}, {"vertrouwelijk", true}}}};
  EXPECT_EQ(raw_post(url, "Token test-token-ok", "application/json", good.dump())->status, 201);
  EXPECT_EQ(raw_post(url, "", "application/json", good.dump())->status, 401);
  EXPECT_EQ(raw_post(url, "Bearer test-token-ok", "application/json", good.dump())->status, 401);
  EXPECT_EQ(raw_post(url, "Token test-token-ok", "text/plain", good.dump())->status, 415);
  json missing = good;
  missing["klantcontact"].erase("onderwerp");
  auto r = raw_post(url, "Token test-token-ok", "application/json", missing.dump());
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("klantcontact.onderwerp"), std::string::npos);
  json too_long = good;
  too_long["klantcontact"]["inhoud"] = std::string(1001, 'a');
  EXPECT_EQ(raw_post(url, "Token test-token-ok", "application/json", too_long.dump())->status, 400);
  json wrong_lang = good;
  wrong_lang["klantcontact"]["taal"] = "nl";
  EXPECT_EQ(raw_post(url, "Token test-token-ok", "application/json", wrong_lang.dump())->status, 400);
}

TEST(openklant_test, wrong_token_is_a_channel_failure_not_a_parked_submission) {
  Fixture f;
  f.world.secrets.by_channel["openklant"] = "wrong";
  auto receipt = f.submit(test::sample_question());
  auto rep = f.run();
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(rep->find("openklant")->delivered, 0u);
  EXPECT_EQ(rep->find("openklant")->parked, 0u);
  EXPECT_NE(rep->find("openklant")->last_error.find("credentials refused"), std::string::npos);
  auto st = f.box.find(receipt.uuid);
  EXPECT_EQ(st->deliveries[0].state, DeliveryState::retry);
  EXPECT_EQ(st->deliveries[0].last_error.find("wrong"), std::string::npos);  // no secret in the error
}

TEST(openklant_test, lost_answer_is_looked_up_before_resending) {
  Fixture f;
  auto receipt = f.submit(test::sample_question());
  test::Faults drop;
  drop.drop_after = 1.0;
  f.world.openklant->set_faults(drop);
  ASSERT_TRUE(f.run().ok());
  auto st = f.box.find(receipt.uuid);
  EXPECT_EQ(st->deliveries[0].state, DeliveryState::retry) << st->deliveries[0].parked_reason;
  EXPECT_EQ(f.world.openklant->contacts().size(), 1u);  // it did arrive

  f.world.openklant->set_faults({});
  f.clock.advance(3'600'000);
  auto rep = f.run();
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(rep->find("openklant")->looked_up, 1u);
  EXPECT_EQ(rep->find("openklant")->found_remote, 1u);
  EXPECT_EQ(f.world.openklant->contacts().size(), 1u);  // not twice
  st = f.box.find(receipt.uuid);
  EXPECT_EQ(st->deliveries[0].state, DeliveryState::delivered);
  EXPECT_EQ(st->deliveries[0].remote_id, f.world.openklant->contacts()[0].uuid);
  // The lost answer also lost the betrokkene's uuid; the lookup found it and the address still went.
  ASSERT_EQ(f.world.openklant->contacts()[0].addresses.size(), 1u);
  EXPECT_EQ(f.world.openklant->contacts()[0].addresses[0]["adres"], "t.tester@example.nl");
}

// A run that dies after the klantcontact but before its digital addresses: the next run finds the
// klantcontact, sees which addresses are missing and adds only those, once.
TEST(openklant_test, addresses_missing_after_a_crash_are_added_once) {
  Fixture f;
  Submission q = test::sample_question();
  q.contact.phone = "0612345678";
  auto receipt = f.submit(q);
  // The klantcontact arrives and the e-mail address too; then the run dies (simulated: the claim is
  // taken and the requests are made by hand, the outbox never hears of them).
  auto due = f.box.claim_due("openklant", 1, 1 << 20);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  auto made = raw_post(f.world.openklant->base_url() + "/klantinteracties/api/v1/maak-klantcontact",
                       "Token test-token-ok", "application/json",
                       json{{"klantcontact",
                             {{"kanaal", "kiosk"},
                              {"onderwerp", "x"},
                              {"inhoud", "x"},
                              {"taal", "nld"},
                              {"vertrouwelijk", true},
                              {"indicatieContactGelukt", true}}},
                            {"onderwerpobject",
                             {{"onderwerpobjectidentificator",
                               {{"objectId", receipt.uuid},
                                {"codeObjecttype", "kioskbericht"},
                                {"codeRegister", "kiosk"},
                                {"codeSoortObjectId", "uuid"}}}}},
                            {"betrokkene", {{"rol", "klant"}, {"initiator", true}}}}
                           .dump());
  ASSERT_TRUE(made.ok());
  ASSERT_EQ(made->status, 201) << made->body;
  std::string b = json::parse(made->body)["betrokkene"]["uuid"];
  auto addr = raw_post(f.world.openklant->base_url() + "/klantinteracties/api/v1/digitaleadressen",
                       "Token test-token-ok", "application/json",
                       json{{"verstrektDoorBetrokkene", {{"uuid", b}}},
                            {"adres", "t.tester@example.nl"},
                            {"soortDigitaalAdres", "email"},
                            {"omschrijving", "x"}}
                           .dump());
  ASSERT_EQ(addr->status, 201) << addr->body;

  f.clock.advance(11 * 60'000);  // the dead run's lease is over
  auto rep = f.run();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(rep->find("openklant")->found_remote, 1u);
  auto contacts = f.world.openklant->contacts();
  ASSERT_EQ(contacts.size(), 1u);               // no second klantcontact
  ASSERT_EQ(contacts[0].addresses.size(), 2u);  // the e-mail once, the phone added
  EXPECT_EQ(contacts[0].addresses[0]["adres"], "t.tester@example.nl");
  EXPECT_EQ(contacts[0].addresses[1]["adres"], "0612345678");
  auto st = f.box.find(receipt.uuid);
  EXPECT_EQ(st->deliveries[0].state, DeliveryState::delivered);
  EXPECT_EQ(st->deliveries[0].remote_id, contacts[0].uuid);
}

TEST(openklant_test, poll_votes_become_one_tally_per_poll_and_day) {
  Fixture f;
  for (int i = 0; i < 7; ++i) {
    Submission s;
    s.kind = Kind::poll;
    s.poll_id = "speeltuin-2026";
    s.poll_answer = i % 3 == 0 ? "nee" : "ja";
    s.kiosk_id = "demo-bieb-01";
    f.submit(s);
  }
  auto rep = f.run();
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(rep->find("openklant")->deferred, 7u);  // the day is not over
  EXPECT_TRUE(f.world.openklant->contacts().empty());

  f.clock.advance(24 * 3'600'000);
  rep = f.run();
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(rep->find("openklant")->delivered, 7u);
  auto contacts = f.world.openklant->contacts();
  ASSERT_EQ(contacts.size(), 1u);
  std::string inhoud = contacts[0].body["inhoud"];
  EXPECT_NE(inhoud.find("ja: 4"), std::string::npos) << inhoud;
  EXPECT_NE(inhoud.find("nee: 3"), std::string::npos) << inhoud;
  EXPECT_EQ(contacts[0].body["metadata"]["stemmen"], "7");
}

TEST(openklant_test, the_municipalitys_reactie_comes_back_as_an_answer) {
  Fixture f;
  auto receipt = f.submit(test::sample_question());
  ASSERT_TRUE(f.run().ok());
  f.world.openklant->set_reactie(receipt.uuid, "Het grofvuil wordt op dinsdag opgehaald.");
  f.clock.advance(3'600'000);
  auto rep = f.run();
  ASSERT_TRUE(rep.ok());
  EXPECT_EQ(rep->find("openklant")->answers, 1u);
  auto st = f.box.find(receipt.reference);
  ASSERT_EQ(st->answers.size(), 1u);
  EXPECT_EQ(st->answers[0].text, "Het grofvuil wordt op dinsdag opgehaald.");
  EXPECT_EQ(st->deliveries[0].remote_status, "beantwoord");
}

// A tally whose answer was lost is looked up by exactly the votes it carried. The next claim may hold
// another mix (here: one more vote); the lost tally's votes go with their tag, the new vote in a tally
// of its own, so every vote is counted once.
TEST(openklant_test, a_lost_tally_is_found_by_its_own_votes_not_by_a_new_mix) {
  Fixture f;
  f.config.channels["openklant"].batch_count = 2;
  for (int i = 0; i < 3; ++i) {
    Submission s;
    s.kind = Kind::poll;
    s.poll_id = "speeltuin-2026";
    s.poll_answer = "ja";
    s.kiosk_id = "demo-bieb-01";
    f.submit(s);
  }
  f.clock.advance(24 * 3'600'000);  // the day is over
  test::Faults drop;
  drop.drop_after = 1.0;  // the tally of the first two votes arrives; its answer does not
  f.world.openklant->set_faults(drop);
  EngineOptions once = test::fast_engine();
  once.max_rounds = 1;
  ASSERT_TRUE(f.run(once).ok());
  ASSERT_EQ(f.world.openklant->contacts().size(), 1u);

  f.world.openklant->set_faults({});
  f.config.channels["openklant"].batch_count = 5;  // the next claim holds all three votes
  f.clock.advance(3'600'000);
  auto rep = f.run();
  ASSERT_TRUE(rep.ok()) << rep.error().message;
  EXPECT_EQ(rep->find("openklant")->found_remote, 1u);
  EXPECT_EQ(rep->find("openklant")->delivered, 3u);
  std::size_t tallied = 0;
  for (const auto& c : f.world.openklant->contacts()) tallied += std::stoul(c.body["metadata"].value("stemmen", "0"));
  EXPECT_EQ(f.world.openklant->contacts().size(), 2u);
  EXPECT_EQ(tallied, 3u);  // every vote once: the lost tally's two, and the third on its own
}

// ---- odd answers: no exception, a sensible outcome, the run goes on --------------------------------

namespace {
Submission question_with_contact() {
  Submission q = test::sample_question();
  q.contact.phone = "0612345678";
  return q;
}
}  // namespace

TEST(openklant_test, odd_answers_to_a_klantcontact_never_throw_nor_lose_addresses) {
  test::AdapterRig rig("openklant");
  int n = test::for_each_odd_answer(*rig.world.openklant, "POST /klantinteracties/api/v1/maak-klantcontact",
                                    [&](const std::string& path, std::optional<test::Odd> odd) {
                                      std::size_t before = rig.world.openklant->contacts().size();
                                      SendResult r = rig.send(rig.due(question_with_contact()));
                                      test::expect_sensible(r);
                                      auto contacts = rig.world.openklant->contacts();
                                      ASSERT_EQ(contacts.size(), before + 1);
                                      // What is needed to go on: the klantcontact's uuid, and the betrokkene's for the addresses.
                                      bool needed = path == "" || path == "/klantcontact" ||
                                                    path == "/klantcontact/uuid" || path == "/betrokkene" ||
                                                    path == "/betrokkene/uuid" || odd == test::Odd::invalid_utf8;
                                      if (!odd || !needed) {
                                        EXPECT_EQ(r.state, DeliveryState::delivered) << r.error;
                                        EXPECT_EQ(r.remote_id, contacts.back().uuid);
                                        EXPECT_EQ(contacts.back().addresses.size(), 2u) << "both addresses added";
                                      } else {
                                        EXPECT_EQ(r.state, DeliveryState::retry);
                                        EXPECT_TRUE(r.uncertain)
                                            << "made, maybe: looked up before anything is sent again";
                                      }
                                    });
  EXPECT_GE(n, 60);
}

TEST(openklant_test, odd_lookup_answers_never_make_a_second_klantcontact) {
  test::AdapterRig rig("openklant");
  DueDelivery d = rig.due(question_with_contact());
  ASSERT_EQ(rig.send(d).state, DeliveryState::delivered);
  d.uncertain = true;
  int n = test::for_each_odd_answer(*rig.world.openklant, "GET /klantinteracties/api/v1/klantcontacten",
                                    [&](const std::string& path, std::optional<test::Odd> odd) {
                                      LookupResult lr = rig.lookup(d);
                                      test::expect_sensible(lr);
                                      if (!odd) {
                                        EXPECT_EQ(lr.found, Found::yes) << lr.error;
                                        EXPECT_FALSE(lr.incomplete);
                                      }
                                      // Only an answer that leaves the klantcontact out says "not there".
                                      bool left_out = odd == test::Odd::missing && path == "/results/0";
                                      if (!left_out) {
                                        EXPECT_NE(lr.found, Found::no) << lr.error;
                                      }
                                    });
  EXPECT_GE(n, 100);
  EXPECT_EQ(rig.world.openklant->contacts().size(), 1u);
}

TEST(openklant_test, odd_klantcontact_answers_never_throw) {
  test::AdapterRig rig("openklant");
  DueDelivery d = rig.due(test::sample_question());
  SendResult sent = rig.send(d);
  ASSERT_EQ(sent.state, DeliveryState::delivered) << sent.error;
  rig.world.openklant->set_reactie(d.submission.uuid, "U kunt het grofvuil op dinsdag buiten zetten.");
  RemoteRef ref{d.row_id, d.submission.uuid, d.submission.reference, sent.remote_id, "", 0};
  test::for_each_odd_answer(*rig.world.openklant, "GET /klantinteracties/api/v1/klantcontacten/",
                            [&](const std::string& path, std::optional<test::Odd> odd) {
                              StatusUpdate su = rig.status(ref);
                              test::expect_sensible(su);
                              if (!odd || (path != "" && path != "/reactie" && odd != test::Odd::invalid_utf8)) {
                                EXPECT_TRUE(su.ok) << su.error;
                                ASSERT_EQ(su.answers.size(), 1u);
                                EXPECT_EQ(su.answers[0].text, "U kunt het grofvuil op dinsdag buiten zetten.");
                              }
                              if (odd && path == "/reactie" &&
                                  (*odd == test::Odd::null || *odd == test::Odd::missing)) {
                                EXPECT_TRUE(su.ok) << "no reactie yet";
                                EXPECT_TRUE(su.answers.empty());
                              }
                            });
}

TEST(openklant_test, odd_refusals_still_give_a_plain_reason) {
  test::AdapterRig rig("openklant");
  rig.config.channels["openklant"].settings["kanaal"] = std::string(60, 'k');  // longer than the API allows: 400
  rig.remake();
  int n = test::for_each_odd_answer(*rig.world.openklant, "POST /klantinteracties/api/v1/maak-klantcontact",
                                    [&](const std::string&, std::optional<test::Odd> odd) {
                                      SendResult r = rig.send(rig.due(test::sample_question()));
                                      test::expect_sensible(r);
                                      EXPECT_EQ(r.state, DeliveryState::parked);
                                      EXPECT_NE(r.error.find("HTTP 400"), std::string::npos) << r.error;
                                      if (!odd) {
                                        EXPECT_NE(r.error.find("klantcontact.kanaal"), std::string::npos) << r.error;
                                      }
                                    });
  EXPECT_GE(n, 40);
}
