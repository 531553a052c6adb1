// Shared by the libFuzzer targets (tests/fuzz/<unit>_fuzz.cpp): the fuzz input as text, a scratch file
// for parsers that only read files, and the drive of one channel adapter's answer parsing.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/sync/channel.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/setup.hpp"
#include "test_support.hpp"

namespace kiosk::fuzz {

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A directory of this process (the fuzzer's workers run as separate processes), kept for its life.
inline const std::filesystem::path& scratch_dir() {
  static test::TempDir* dir = new test::TempDir();  // never destroyed: inputs may be read at exit
  return dir->path();
}

// Writes bytes to scratch_dir()/name with mode 0600 (the secrets loader insists on it) and returns its path.
inline std::filesystem::path scratch_file(const std::string& name, std::string_view bytes) {
  auto p = scratch_dir() / name;
  std::FILE* f = std::fopen(p.c_str(), "wb");
  if (!f) std::abort();
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) std::abort();
  std::fclose(f);
  ::chmod(p.c_str(), 0600);
  return p;
}

// One channel adapter with everything it reads from its surroundings, and one real stored submission
// routed to it (from test_support's samples, through Outbox::submit and claim_due), so that every
// interpret_* method sees the unit or remote reference it would see in a sync run.
class ChannelWorld {
 public:
  explicit ChannelWorld(const std::string& channel) {
    config = demo_config();
    for (auto& [name, c] : config.channels) c.enabled = name == channel;
    config.storage.outbox = scratch_dir() / "outbox.sqlite";
    secrets.by_channel["openklant"] = "fuzz-token";
    secrets.by_channel["open311"] = "fuzz-key";
    secrets.by_channel["mastodon"] = "fuzz-access";
    auto tree = CategoryTree::load_default();
    if (!tree) std::abort();
    categories = std::move(*tree);
    auto opts = outbox_options(config);
    if (!opts) std::abort();
    opts->path = config.storage.outbox;
    opts->clock = &clock;
    opts->defer_fsync = true;  // apply_refresh caches answers: no fsync per input
    auto box = Outbox::open(*opts);
    if (!box) std::abort();
    outbox = std::make_unique<Outbox>(std::move(*box));

    Submission s = channel == "signalen" || channel == "open311" ? test::sample_report() : test::sample_question();
    s.channels = {channel};
    auto receipt = outbox->submit(s);
    if (!receipt) std::abort();
    auto due = outbox->claim_due(channel, 1, 1 << 20);
    if (!due || due->size() != 1) std::abort();
    delivery = std::move(due->front());
    delivery.remote_id = "0f3c2a5e-1111-4222-8333-944455556666";  // a lookup needs a remote id on some channels
    ref.row_id = delivery.row_id;
    ref.uuid = receipt->uuid;
    ref.reference = receipt->reference;
    ref.remote_id = delivery.remote_id;
    ref.remote_status = "";
    ref.delivered_ms = clock.now_ms();

    ChannelEnv env{&config, &secrets, &categories, outbox.get(), &clock};
    adapter = make_channel(env, config.channels.at(channel));
    if (!adapter) std::abort();
    // How many answers a send takes (built once: building scrubs and encodes the submission).
    Unit unit{{&delivery}, 0};
    auto requests = adapter->build(unit);
    sends = requests ? std::max<std::size_t>(requests->size(), 1) : 1;
  }

  // Every way the adapter reads an answer, with `body` as the body of every response, under the
  // statuses an adapter tells apart (success, created, not found, throttled, server error).
  void drive(std::string_view body) {
    Unit unit{{&delivery}, 0};
    for (int status : {200, 201, 404, 429, 500}) {
      HttpResponse h;
      h.status = status;
      h.body = std::string(body);
      h.headers.emplace_back("content-type", "application/json");
      std::vector<HttpResult> results(sends, HttpResult(h));
      SendResult first = adapter->interpret(unit, results);
      if (!first.follow_ups.empty()) {
        std::vector<HttpResult> follow(first.follow_ups.size(), HttpResult(h));
        (void)adapter->finish(unit, first, follow);
      }
      // Lookups and status reads whether or not the adapter would ask now (Mastodon looks up only after its
      // idempotency key expired): the answer's parsing is what is tested.
      (void)adapter->interpret_lookup(unit, HttpResult(h));
      (void)adapter->interpret_status(ref, HttpResult(h));
      // Refreshes as built now: what they ask for depends on what earlier answers cached (Mastodon's account).
      auto refresh = adapter->build_refresh();
      if (!refresh.empty()) adapter->apply_refresh(std::vector<HttpResult>(refresh.size(), HttpResult(h)));
      auto probe = adapter->build_probe();
      (void)adapter->interpret_probe(std::vector<HttpResult>(std::max<std::size_t>(probe.size(), 1), HttpResult(h)));
    }
  }

  FakeClock clock{1767258000000};
  Config config;
  Secrets secrets;
  CategoryTree categories;
  std::unique_ptr<Outbox> outbox;
  DueDelivery delivery;
  RemoteRef ref;
  std::unique_ptr<Channel> adapter;
  std::size_t sends = 1;
};

}  // namespace kiosk::fuzz
