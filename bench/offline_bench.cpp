// "A year offline": how the technician's commands and the first claim of a sync run scale with the
// queue. Builds outboxes with SMALL and LARGE undelivered submissions (default 1,000 and 100,000) and
// times, as wall time of separate kioskctl processes (fork, exec, wait: what a technician waits for):
//   submit (one submission) · stats · export (the whole queue; also per submission, since a bundle
//   of the whole queue grows with it) · import (the same 1,000-submission bundle from another kiosk)
//   sync --dry-run (each channel's first batch, peeked, requests built, nothing sent)
// and, in this process on a new connection each time, Outbox::open and claim_due's first batch.
// Prints each figure at both sizes and their ratio (goal: <= 2x).
//   build/dev/bench/offline_bench [SMALL [LARGE [REPEATS]]]
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <sqlite3.h>

#include "kiosk/sync/codec.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/synth.hpp"

extern char** environ;

using namespace kiosk;
namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

namespace {

// Wall time of one kioskctl run in ms; exits the bench when it fails.
double run(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string exe = KIOSK_KIOSKCTL;
  argv.push_back(exe.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  auto t0 = SteadyClock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, exe.c_str(), &fa, nullptr, argv.data(), environ) != 0) {
    fmt::print(stderr, "cannot start {}\n", exe);
    std::exit(1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  double ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
  posix_spawn_file_actions_destroy(&fa);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fmt::print(stderr, "kioskctl {} failed (status {})\n", args.size() > 2 ? args[2] : "", status);
    std::exit(1);
  }
  return ms;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

OutboxOptions options(const fs::path& db, const Dictionary& dict, const std::string& kiosk = "demo-bieb-01") {
  OutboxOptions o;
  o.path = db;
  o.dictionary = dict;
  o.kiosk_id = kiosk;
  return o;
}

void fill(const fs::path& db, const Dictionary& dict, std::size_t count, std::uint64_t seed, const std::string& kiosk) {
  auto box = Outbox::open(options(db, dict, kiosk));
  if (!box) {
    fmt::print(stderr, "outbox: {}\n", box.error().message);
    std::exit(1);
  }
  SynthOptions so;
  so.kiosk_id = kiosk;
  auto subs = synth_submissions(seed, count, so);
  for (std::size_t at = 0; at < subs.size(); at += 5000) {
    std::vector<Submission> part(subs.begin() + static_cast<std::ptrdiff_t>(at),
                                 subs.begin() + static_cast<std::ptrdiff_t>(std::min(subs.size(), at + 5000)));
    if (auto r = box->submit_batch(std::move(part)); !r) {
      fmt::print(stderr, "fill: {}\n", r.error().message);
      std::exit(1);
    }
  }
  (void)box->checkpoint();
}

struct Figures {
  double submit = 0, stats = 0, dry_run = 0, in_stats = 0, open = 0, claim = 0, export_all = 0, export_per = 0,
         import = 0;
};

Figures measure(const fs::path& dir, const Dictionary& dict, std::size_t queued, const fs::path& bundle, int reps) {
  fs::path db = dir / ("queue-" + std::to_string(queued) + ".db");
  fill(db, dict, queued, 5, "demo-bieb-01");
  std::string dbs = db.string();
  Figures f;
  fs::path one = dir / "one.json";
  {
    std::ofstream out(one);
    out << to_json(synth_submissions(99, 1)[0]).dump() << "\n";
  }
  std::vector<double> t;
  for (int i = 0; i < reps; ++i) t.push_back(run({"--db", dbs, "submit", one.string()}));
  f.submit = median(t);
  t.clear();
  for (int i = 0; i < reps; ++i) t.push_back(run({"--db", dbs, "stats"}));
  f.stats = median(t);

  // What a run would claim first, from outside: `kioskctl sync --dry-run` peeks every channel's first
  // batch (the claim's query, rolled back) and builds its requests without sending them.
  t.clear();
  for (int i = 0; i < reps; ++i) t.push_back(run({"--db", dbs, "sync", "--dry-run"}));
  f.dry_run = median(t);

  // First claim of a run: a new connection, then claim_due of one batch; put back afterwards.
  t.clear();
  std::vector<double> opens, in_stats;
  for (int i = 0; i < reps; ++i) {
    auto t0 = SteadyClock::now();
    auto box = Outbox::open(options(db, dict));
    opens.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
    // What `kioskctl stats` asks, without the process around it (a fresh connection: a cold cache).
    t0 = SteadyClock::now();
    if (!box || !box->stats() || !box->problems(20)) {
      fmt::print(stderr, "stats failed\n");
      std::exit(1);
    }
    in_stats.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
    box = Outbox::open(options(db, dict));
    t0 = SteadyClock::now();
    auto claimed = box ? box->claim_due("openklant", 50, 1 << 20) : Result<std::vector<DueDelivery>>(box.error());
    t.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
    if (!claimed || claimed->empty()) {
      fmt::print(stderr, "claim failed\n");
      std::exit(1);
    }
    sqlite3_exec(box->handle(), "UPDATE deliveries SET state = 'pending', attempts = 0 WHERE state = 'in_flight'",
                 nullptr, nullptr, nullptr);
  }
  f.claim = median(t);
  f.open = median(opens);
  f.in_stats = median(in_stats);

  t.clear();
  for (int i = 0; i < std::max(1, reps / 2); ++i)
    t.push_back(run({"--db", dbs, "export", (dir / "out.bundle").string()}));
  f.export_all = median(t);
  auto exported = static_cast<double>(queued + static_cast<std::size_t>(reps));
  f.export_per = f.export_all / exported;

  // The same bundle each time: the second and later imports find it all present, so each run
  // imports into a copy of the queue made before the first.
  t.clear();
  for (int i = 0; i < std::max(1, reps / 2); ++i) {
    fs::path copy = dir / "import.db";
    fs::remove(copy);
    fs::remove(fs::path(copy.string() + "-wal"));
    fs::remove(fs::path(copy.string() + "-shm"));
    fs::copy_file(db, copy);
    t.push_back(run({"--db", copy.string(), "import", bundle.string()}));
  }
  f.import = median(t);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t small = argc > 1 ? static_cast<std::size_t>(std::atol(argv[1])) : 1000;
  std::size_t large = argc > 2 ? static_cast<std::size_t>(std::atol(argv[2])) : 100000;
  int reps = argc > 3 ? std::atoi(argv[3]) : 5;
  auto dict = load_latest_dictionary(fs::path(KIOSK_SOURCE_ASSETS_DIR) / "dict");
  if (!dict) {
    fmt::print(stderr, "no dictionary: {}\n", dict.error().message);
    return 1;
  }
  fs::path dir = fs::temp_directory_path() / ("offline_bench." + std::to_string(::getpid()));
  fs::create_directories(dir);
  // A bundle of 1,000 submissions from another kiosk, to import.
  fs::path other = dir / "other.db", bundle = dir / "other.bundle";
  fill(other, *dict, 1000, 77, "demo-gemeentehuis-02");
  run({"--db", other.string(), "export", bundle.string()});

  fmt::print("offline_bench: {} vs {} queued submissions, median of {} (export, import: {}), wall ms\n", small, large,
             reps, std::max(1, reps / 2));
  auto a = measure(dir, *dict, small, bundle, reps);
  auto b = measure(dir, *dict, large, bundle, reps);
  fs::remove_all(dir);
  auto row = [](const char* what, double x, double y) {
    fmt::print("  {:<36} {:9.2f} {:9.2f}   {:5.2f}x{}\n", what, x, y, y / x, y / x <= 2.0 ? "" : "   > 2x");
  };
  fmt::print("  {:<36} {:>9} {:>9}   ratio (goal <= 2x)\n", "", small, large);
  row("kioskctl submit (one)", a.submit, b.submit);
  row("kioskctl stats", a.stats, b.stats);
  row("Outbox::stats + problems (in process)", a.in_stats, b.in_stats);
  row("kioskctl sync --dry-run (first batches)", a.dry_run, b.dry_run);
  row("Outbox::open (the sync's connection)", a.open, b.open);
  row("first claim_due (50 rows) after it", a.claim, b.claim);
  row("kioskctl import (1,000 from a bundle)", a.import, b.import);
  row("kioskctl export (whole queue)", a.export_all, b.export_all);
  row("kioskctl export, per submission", a.export_per, b.export_per);
  return 0;
}
