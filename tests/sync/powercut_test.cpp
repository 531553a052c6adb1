// Power cuts: a thousand simulated power cuts during Outbox::submit and a thousand during sync, on the
// simulated disk of tests/support/powercut_vfs.hpp (what survives: every file as of its last completed
// sync, plus, in half of the cuts, any subset of the later writes with one of them torn). After each cut
// the outbox is reopened with the normal VFS, as after a reboot.
//   submit: a receipt returned before the cut is a promise to the citizen: 0 acknowledged submissions lost.
//   sync:   Engine::run_once over real HTTP against the Open Klant and Mastodon contract servers; after
//           every cut the next run goes on from what the disk holds, and at the end every submission is
//           held by each server exactly once (0 lost, 0 duplicates).
// Each cut is followed by PRAGMA integrity_check. The cuts chain on one outbox, so later ones land on a
// log with history, in checkpoints (a small wal_autocheckpoint in half of the runs), lookups and
// follow-ups of deliveries an earlier cut interrupted.
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <random>

#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/transport.hpp"
#include "powercut_vfs.hpp"
#include "sync_fixture.hpp"
#include "test_support.hpp"

using namespace kiosk;
namespace pc = kiosk::test::powercut;

// The program's fsync and fdatasync go through the simulated disk first: Outbox::flush_wal() syncs the
// log with them, outside SQLite.
extern "C" int fdatasync(int fd) {
  int rc = 0;
  if (pc::Disk::instance().on_fsync(fd, &rc)) return rc;
  static auto real = reinterpret_cast<int (*)(int)>(::dlsym(RTLD_NEXT, "fdatasync"));
  return real(fd);
}
extern "C" int fsync(int fd) {
  int rc = 0;
  if (pc::Disk::instance().on_fsync(fd, &rc)) return rc;
  static auto real = reinterpret_cast<int (*)(int)>(::dlsym(RTLD_NEXT, "fsync"));
  return real(fd);
}

namespace {

constexpr int kCuts = 1000;

Submission question(std::mt19937_64& rng, int n) {
  Submission s = test::sample_question();
  s.text = "Vraag " + std::to_string(n) + ": wanneer wordt het grofvuil in de Lindelaan opgehaald? " +
           std::string(rng() % 400, 'x') + " Dank u.";
  if (rng() & 1) {
    s.contact = {};
    s.consents.contact = false;
  }
  return s;
}

// The simulated disk decides what is durable, so the real one need not be: the files go to tmpfs when
// there is one, where the reboots' recoveries (real fsyncs through the normal VFS) cost nothing.
test::TempDir scratch_dir() {
  if (::access("/dev/shm", W_OK) == 0) ::setenv("TMPDIR", "/dev/shm", 1);
  return test::TempDir();
}

// Reopens the outbox with the normal VFS, as after the reboot, and checks its integrity.
Result<Outbox> reopen(const OutboxOptions& opts) {
  auto box = Outbox::open(opts);
  if (!box) return box.error();
  auto ic = box->integrity_check();
  EXPECT_TRUE(ic.ok() && *ic == "ok") << (ic.ok() ? *ic : ic.error().message);
  return box;
}

}  // namespace

TEST(powercut_test, no_acknowledged_submission_is_lost) {
  test::TempDir dir = scratch_dir();
  FakeClock clock;
  OutboxOptions opts;
  opts.path = dir / "outbox.sqlite";
  opts.clock = &clock;
  { ASSERT_TRUE(Outbox::open(opts).ok()); }  // the schema, durable before the cuts begin
  auto& disk = pc::Disk::instance();
  std::mt19937_64 rng(20261202);

  std::vector<Receipt> acknowledged;
  std::vector<std::string> texts;
  int cuts = 0, iterations = 0, failed_after_cut = 0;
  std::int64_t ops_per_run = 60;  // learnt from runs the power did not cut
  std::size_t lost_writes = 0;
  while (cuts < kCuts && iterations < 4 * kCuts) {
    ++iterations;
    disk.install();
    OutboxOptions o = opts;
    o.wal_autocheckpoint_pages = rng() & 1 ? 4 : 4000;
    std::vector<std::pair<Receipt, std::string>> fresh;
    {
      auto box = Outbox::open(o);
      ASSERT_TRUE(box.ok()) << box.error().message;
      disk.arm(1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(ops_per_run + ops_per_run / 4)));
      std::int64_t before = disk.ops();
      for (int i = 0; i < 6; ++i) {
        Submission s = question(rng, iterations * 10 + i);
        std::string text = s.text;
        auto r = box->submit(std::move(s));
        if (!r) {
          EXPECT_TRUE(disk.off()) << "submit failed with the power on: " << r.error().message;
          ++failed_after_cut;
          break;
        }
        fresh.emplace_back(*r, text);
      }
      if (!disk.off()) ops_per_run = std::max<std::int64_t>(8, disk.ops() - before);
    }
    bool was_cut = disk.off();
    disk.uninstall();
    if (was_cut) {
      ++cuts;
      lost_writes += disk.cut(rng() & 1 ? pc::Cut::drop_all : pc::Cut::random_subset, rng);
    } else {
      disk.cut(pc::Cut::drop_all, rng);  // nothing volatile is left after a clean close; checks that too
    }
    auto box = reopen(opts);
    ASSERT_TRUE(box.ok()) << "cut " << cuts << ": " << box.error().message;
    for (const auto& [r, text] : fresh) {
      auto found = box->find(r.uuid);
      ASSERT_TRUE(found.ok()) << "cut " << cuts << ": acknowledged " << r.reference
                              << " lost: " << found.error().message;
      EXPECT_EQ(found->submission.text, text);
      EXPECT_EQ(found->deliveries.size(), 2u);
      acknowledged.push_back(r);
    }
    if (HasFatalFailure()) return;
  }
  // And all of them once more at the end, after every later cut.
  auto box = reopen(opts);
  ASSERT_TRUE(box.ok()) << box.error().message;
  std::size_t lost = 0;
  for (const auto& r : acknowledged) lost += box->find(r.uuid).ok() ? 0 : 1;
  std::printf("powercut submit: %d cuts in %d runs (%zu volatile writes lost), %zu acknowledged, %zu lost, "
              "integrity ok after every cut\n",
              cuts, iterations, lost_writes, acknowledged.size(), lost);
  EXPECT_EQ(cuts, kCuts);
  EXPECT_EQ(lost, 0u);
  EXPECT_GT(failed_after_cut, kCuts / 2);  // most cuts land inside a submit
}

TEST(powercut_test, sync_delivers_every_submission_exactly_once) {
  test::TempDir dir = scratch_dir();
  test::SyncWorld world;
  FakeClock clock;
  Config config = world.config(dir / "outbox.sqlite");
  for (auto name : {"signalen", "open311"}) config.channels[name].enabled = false;
  OutboxOptions opts = test::outbox_options_for(config, &clock);
  opts.in_flight_lease_ms = 1000;
  OutboxOptions sync_opts = opts;
  sync_opts.defer_fsync = true;  // as kiosk-sync opens it: durable only through flush_wal() and checkpoints
  EngineOptions eo = test::fast_engine();
  eo.refresh = false;
  eo.poll_status = false;
  auto& disk = pc::Disk::instance();
  std::mt19937_64 rng(42);

  std::vector<Receipt> receipts;
  auto open_deliveries = [&](Outbox& box) {
    auto st = box.stats();
    std::int64_t n = 0;
    for (const auto& [ch, states] : st->deliveries)
      for (const auto& [state, count] : states)
        if (state != "delivered" && state != "parked") n += count;
    return n;
  };

  int cuts = 0, iterations = 0;
  std::int64_t ops_per_run = 40;
  std::size_t lost_writes = 0;
  while (cuts < kCuts && iterations < 4 * kCuts) {
    ++iterations;
    {  // A few new submissions, acknowledged on the kiosk's own connection (power on).
      auto box = Outbox::open(opts);
      ASSERT_TRUE(box.ok()) << box.error().message;
      for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i) {
        auto r = box->submit(question(rng, iterations * 10 + i));
        ASSERT_TRUE(r.ok()) << r.error().message;
        receipts.push_back(*r);
      }
    }
    disk.install();
    {
      OutboxOptions o = sync_opts;
      o.wal_autocheckpoint_pages = rng() & 1 ? 8 : 4000;
      auto box = Outbox::open(o);
      ASSERT_TRUE(box.ok()) << box.error().message;
      CurlTransport transport;
      Engine engine(config, world.secrets, *box, transport, clock, eo);
      disk.arm(1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(ops_per_run + ops_per_run / 4)));
      std::int64_t before = disk.ops();
      auto rep = engine.run_once();
      if (!disk.off()) {
        EXPECT_TRUE(rep.ok()) << rep.error().message;
        ops_per_run = std::max<std::int64_t>(8, disk.ops() - before);
      }
    }
    bool was_cut = disk.off();
    disk.uninstall();
    if (was_cut) {
      ++cuts;
      lost_writes += disk.cut(rng() & 1 ? pc::Cut::drop_all : pc::Cut::random_subset, rng);
    } else {
      disk.cut(pc::Cut::drop_all, rng);
    }
    {
      auto box = reopen(opts);
      ASSERT_TRUE(box.ok()) << "cut " << cuts << ": " << box.error().message;
    }
    if (HasFailure()) return;
    // After the reboot: lost claims come back after their lease, retries after their backoff.
    clock.advance(2000);
  }

  // The last runs, with the power on, until nothing is left to send.
  auto reopened = reopen(sync_opts);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  Outbox& box = *reopened;
  for (int run = 0; run < 50 && open_deliveries(box) > 0; ++run) {
    CurlTransport transport;
    Engine engine(config, world.secrets, box, transport, clock, eo);
    auto rep = engine.run_once();
    ASSERT_TRUE(rep.ok()) << rep.error().message;
    clock.advance(2000);
  }
  auto ok_counts = world.openklant->count_by_object_id();
  auto masto_counts = world.mastodon->count_by_key();
  std::size_t lost = 0, duplicates = 0, parked = 0;
  for (const auto& r : receipts) {
    auto s = box.find(r.uuid);
    ASSERT_TRUE(s.ok()) << s.error().message;
    for (const auto& d : s->deliveries) {
      if (d.state == DeliveryState::parked) ++parked;
      int held = d.channel == "openklant" ? ok_counts[r.uuid] : masto_counts[r.uuid];
      if (held == 0 || d.state != DeliveryState::delivered) {
        ++lost;
        ADD_FAILURE() << r.reference << " " << d.channel << ": held " << held << " times, state "
                      << delivery_state_name(d.state) << " (" << d.last_error << d.parked_reason << ")";
      }
      if (held > 1) {
        ++duplicates;
        ADD_FAILURE() << r.reference << " " << d.channel << ": held " << held << " times";
        for (const auto& e : world.openklant->history(r.uuid)) std::printf("  %s: %s\n", r.uuid.c_str(), e.c_str());
      }
    }
  }
  auto ic = box.integrity_check();
  std::printf("powercut sync: %d cuts in %d runs (%zu volatile writes lost), %zu submissions to 2 channels, "
              "%zu lost, %zu duplicates, %zu parked, integrity %s\n",
              cuts, iterations, lost_writes, receipts.size(), lost, duplicates, parked,
              ic.ok() ? ic->c_str() : ic.error().message.c_str());
  EXPECT_EQ(cuts, kCuts);
  EXPECT_EQ(lost, 0u);
  EXPECT_EQ(duplicates, 0u);
  EXPECT_EQ(open_deliveries(box), 0);
}
