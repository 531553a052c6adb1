// Test helpers for odd server answers: a channel adapter driven directly (build, real libcurl to the
// contract server, interpret), a sweep over every field of an answer with every kind of oddity, and
// what a sensible outcome is. The adapters are called directly, so a test passes only because the
// adapter does not throw, never because the engine catches.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "kiosk/sync/channel.hpp"
#include "kiosk/sync/validate.hpp"
#include "sync_fixture.hpp"
#include "test_support.hpp"

namespace kiosk::test {

// One adapter against the contract servers, with a real outbox and the shipped category tree.
struct AdapterRig {
  TempDir dir;
  SyncWorld world;
  FakeClock clock{1767258000000};
  Config config = world.config(dir / "outbox.sqlite");
  Outbox box = Outbox::open(outbox_options_for(config, &clock)).value();
  CategoryTree tree = CategoryTree::load_default().value();
  CurlTransport transport;
  std::string name;
  std::unique_ptr<Channel> ch;

  explicit AdapterRig(std::string channel) : name(std::move(channel)) { remake(); }
  // After a change of config.
  void remake() { ch = make_channel(ChannelEnv{&config, &world.secrets, &tree, &box, &clock}, config.channels[name]); }

  // Stores a submission for this channel and returns its delivery (not claimed).
  DueDelivery due(Submission s) {
    s.channels = {name};
    auto receipt = box.submit(std::move(s));
    EXPECT_TRUE(receipt.ok()) << receipt.error().message;
    auto all = box.peek_due(name, 100000, std::size_t{1} << 40);
    EXPECT_TRUE(all.ok());
    for (auto& d : *all)
      if (d.submission.uuid == receipt->uuid) return d;
    ADD_FAILURE() << "no due delivery";
    return {};
  }
  // build, send, interpret (and the follow-ups, as the engine does).
  SendResult send(const DueDelivery& d) {
    Unit u{{&d}, 0};
    auto requests = ch->build(u);
    EXPECT_TRUE(requests.ok()) << requests.error().message;
    if (!requests) return {};
    SendResult r = ch->interpret(u, transport.perform(*requests));
    if (r.state == DeliveryState::delivered && !r.follow_ups.empty())
      r = ch->finish(u, r, transport.perform(r.follow_ups));
    return r;
  }
  LookupResult lookup(const DueDelivery& d) {
    Unit u{{&d}, 0};
    auto rq = ch->build_lookup(u);
    EXPECT_TRUE(rq.has_value());
    if (!rq) return {};
    return ch->interpret_lookup(u, transport.perform_one(*rq));
  }
  StatusUpdate status(const RemoteRef& ref) {
    auto rq = ch->build_status(ref);
    EXPECT_TRUE(rq.has_value());
    if (!rq) return {};
    return ch->interpret_status(ref, transport.perform_one(*rq));
  }
  void refresh() { ch->apply_refresh(transport.perform(ch->build_refresh())); }
  std::string probe() { return ch->interpret_probe(transport.perform(ch->build_probe())); }
};

// Text that may be stored or shown: valid UTF-8 and bounded.
inline void expect_plain(const std::string& s, std::size_t max_bytes = 2048) {
  EXPECT_TRUE(valid_utf8(s));
  EXPECT_LE(s.size(), max_bytes);
}

inline void expect_sensible(const SendResult& r) {
  expect_plain(r.remote_id, 1024);
  expect_plain(r.remote_display, 4096);
  expect_plain(r.error);
  if (r.state == DeliveryState::delivered) {
    EXPECT_FALSE(r.remote_id.empty());
  } else EXPECT_FALSE(r.error.empty()) << "a retry or park says why";
}

inline void expect_sensible(const LookupResult& r) {
  expect_plain(r.remote_id, 1024);
  expect_plain(r.remote_display, 4096);
  expect_plain(r.error);
  if (r.found == Found::yes) {
    EXPECT_FALSE(r.remote_id.empty());
  }
  if (r.found == Found::unknown) {
    EXPECT_FALSE(r.error.empty()) << "an undecided lookup says why";
  }
}

inline void expect_sensible(const StatusUpdate& r) {
  expect_plain(r.status, 64);
  expect_plain(r.remote_id, 1024);
  expect_plain(r.error);
  if (!r.ok) {
    EXPECT_FALSE(r.error.empty()) << "a failed poll says why";
  }
  for (const auto& a : r.answers) {
    expect_plain(a.text, 1 << 16);
    EXPECT_FALSE(a.text.empty());
  }
}

// Runs exchange(path, odd) once with normal answers (path "", odd nullopt) to learn the fields of the
// answers to `request` ("METHOD /path" substring), then once for every field and every oddity.
// Returns how many odd exchanges ran.
template <class F>
int for_each_odd_answer(ContractServer& server, const std::string& request, F exchange,
                        std::size_t max_elements = SIZE_MAX) {
  server.set_odd_answer(std::nullopt);
  exchange(std::string(), std::optional<Odd>());
  nlohmann::json sample = server.last_answer(request);
  EXPECT_FALSE(sample.is_discarded()) << "no answer to " << request;
  int n = 0;
  for (const auto& path : ContractServer::field_paths(sample, max_elements))
    for (Odd odd : kOddities) {
      server.set_odd_answer(OddAnswer{request, path, odd});
      SCOPED_TRACE(request + " field '" + path + "' " + odd_name(odd));
      EXPECT_NO_THROW(exchange(path, std::optional<Odd>(odd)));
      ++n;
    }
  server.set_odd_answer(std::nullopt);
  return n;
}

}  // namespace kiosk::test
