// Outbox benchmark: acknowledged submit latency against a bare prepared INSERT of the same bytes with
// the same pragmas (ratio in one run), and 100,000 submissions enqueued in batch transactions (time,
// database size, time to open + stats like `kioskctl stats`).
//   build/bench/outbox_bench [DIR] [--kioskctl PATH]      (DIR: where the database files go; default /tmp)
#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "kiosk/sync/codec.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/synth.hpp"

using namespace kiosk;
using SteadyClock = std::chrono::steady_clock;

namespace {

double ms_since(SteadyClock::time_point t0) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}

double pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void remove_db(const std::filesystem::path& p) {
  for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir = "/tmp";
  std::string kioskctl;
  bool latency_only = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--kioskctl") == 0 && i + 1 < argc) kioskctl = argv[++i];
    else if (std::strcmp(argv[i], "--latency-only") == 0) latency_only = true;
    else dir = argv[i];
  }
  auto dict = load_latest_dictionary(std::filesystem::path(KIOSK_SOURCE_ASSETS_DIR) / "dict");
  if (!dict) {
    fmt::print(stderr, "no dictionary: {}\n", dict.error().message);
    return 1;
  }
  fmt::print("outbox_bench: files in {}, dictionary {} ({} bytes), SQLite {}\n", dir.string(), dict->name,
             dict->bytes.size(), sqlite3_libversion());

  // ---- 1. acknowledged submit latency vs bare INSERT ---------------------------------------------
  const int kRounds = 6, kPerRound = 250;
  auto subs = synth_submissions(777, kRounds * kPerRound);
  auto kiosk_db = dir / "bench-outbox.sqlite", bare_db = dir / "bench-bare.sqlite";
  remove_db(kiosk_db);
  remove_db(bare_db);
  OutboxOptions o;
  o.path = kiosk_db;
  o.dictionary = *dict;
  auto box = Outbox::open(o);
  if (!box) {
    fmt::print(stderr, "{}\n", box.error().message);
    return 1;
  }
  // The same stored bytes for the bare insert: the compressed payloads the outbox would write.
  Codec codec;
  (void)codec.add_dictionary(*dict, true);
  std::vector<std::string> frames;
  for (const auto& s : subs) frames.push_back(*codec.encode(s));

  sqlite3* bare = nullptr;
  sqlite3_open(bare_db.c_str(), &bare);
  // The same pragmas the outbox sets (see Outbox::open).
  std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
                        "PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=" +
                        std::to_string(OutboxOptions{}.wal_autocheckpoint_pages) + ";";
  sqlite3_exec(bare, pragmas.c_str(), nullptr, nullptr, nullptr);
  sqlite3_exec(bare, "CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);", nullptr, nullptr, nullptr);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(bare, "INSERT INTO t (payload) VALUES (?)", -1, &ins, nullptr);

  std::vector<double> lat_outbox, lat_bare;
  // Alternate rounds so both see the same disk weather.
  for (int round = 0; round < kRounds; ++round) {
    for (int i = 0; i < kPerRound; ++i) {
      auto& s = subs[static_cast<std::size_t>(round * kPerRound + i)];
      auto t0 = SteadyClock::now();
      auto r = box->submit(s);
      lat_outbox.push_back(ms_since(t0));
      if (!r) {
        fmt::print(stderr, "submit failed: {}\n", r.error().message);
        return 1;
      }
    }
    for (int i = 0; i < kPerRound; ++i) {
      const auto& f = frames[static_cast<std::size_t>(round * kPerRound + i)];
      auto t0 = SteadyClock::now();
      sqlite3_bind_blob(ins, 1, f.data(), static_cast<int>(f.size()), SQLITE_STATIC);
      int rc = sqlite3_step(ins);
      sqlite3_reset(ins);
      lat_bare.push_back(ms_since(t0));
      if (rc != SQLITE_DONE) return 1;
    }
  }
  sqlite3_finalize(ins);
  sqlite3_close(bare);
  double o50 = pct(lat_outbox, 0.50), o99 = pct(lat_outbox, 0.99), b50 = pct(lat_bare, 0.50), b99 = pct(lat_bare, 0.99);
  fmt::print("\n[acknowledged submit, {} each, WAL + synchronous=FULL, one transaction per submission]\n",
             lat_outbox.size());
  fmt::print("  outbox submit   p50 {:8.3f} ms   p99 {:8.3f} ms\n", o50, o99);
  fmt::print("  bare INSERT     p50 {:8.3f} ms   p99 {:8.3f} ms\n", b50, b99);
  fmt::print("  ratio           p50 {:8.2f} x    p99 {:8.2f} x    (target <= 1.5 x)\n", o50 / b50, o99 / b99);
  box = make_error(Errc::io, "closed");
  if (latency_only) {
    remove_db(kiosk_db);
    remove_db(bare_db);
    return 0;
  }

  // ---- 2. 100,000 submissions in batch transactions ----------------------------------------------
  const std::size_t kTotal = 100'000, kBatch = 1000;
  auto big_db = dir / "bench-100k.sqlite";
  remove_db(big_db);
  o.path = big_db;
  {
    auto big = Outbox::open(o);
    if (!big) return 1;
    auto t0 = SteadyClock::now();
    for (std::size_t done = 0; done < kTotal; done += kBatch) {
      auto r = big->submit_batch(synth_submissions(1000 + done, kBatch));
      if (!r) {
        fmt::print(stderr, "batch failed: {}\n", r.error().message);
        return 1;
      }
    }
    double total_ms = ms_since(t0);
    sqlite3_exec(big->handle(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    fmt::print("\n[{} submissions in transactions of {}]\n", kTotal, kBatch);
    fmt::print("  time            {:8.1f} s  ({:.0f} submissions/s)\n", total_ms / 1000, kTotal / (total_ms / 1000));
  }
  auto size = std::filesystem::file_size(big_db);
  fmt::print("  database size   {:8.1f} MB  ({:.0f} bytes per submission)\n", size / 1e6,
             static_cast<double>(size) / kTotal);
  std::vector<double> stats_ms;
  for (int i = 0; i < 5; ++i) {
    auto t0 = SteadyClock::now();
    auto big = Outbox::open(o);
    auto st = big->stats();
    stats_ms.push_back(ms_since(t0));
    if (!st || st->submissions != static_cast<std::int64_t>(kTotal)) return 1;
  }
  fmt::print("  open + stats    {:8.1f} ms  (median of 5, in process; target < 100 ms)\n", pct(stats_ms, 0.5));
  if (!kioskctl.empty()) {
    std::vector<double> cli_ms;
    std::string cmd = "'" + kioskctl + "' --db '" + big_db.string() + "' stats > /dev/null";
    for (int i = 0; i < 5; ++i) {
      auto t0 = SteadyClock::now();
      int rc = std::system(cmd.c_str());
      cli_ms.push_back(ms_since(t0));
      if (rc != 0) return 1;
    }
    fmt::print("  kioskctl stats  {:8.1f} ms  (median of 5 whole-process runs)\n", pct(cli_ms, 0.5));
  }
  remove_db(kiosk_db);
  remove_db(bare_db);
  remove_db(big_db);
  return 0;
}
