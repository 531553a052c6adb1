// Tests for the outbox (outbox.cpp): durability, typed storage errors that leave data untouched,
// validation at the door, references, file modes, deferred fsync, and stats. The queue, the side
// tables and the dictionaries have their own: outbox_queue_test, outbox_side_test, outbox_dictionary_test.
#include "kiosk/sync/outbox.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <cstring>
#include <random>
#include <thread>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/synth.hpp"
#include "outbox_support.hpp"
#include "test_support.hpp"

using namespace kiosk;
using kiosk::test::count_rows;
using kiosk::test::options_for;
using kiosk::test::TempDir;

TEST(outbox_test, submit_assigns_identity_and_round_trips) {
  TempDir dir;
  FakeClock clock;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite", &clock));
  ASSERT_TRUE(box.ok()) << box.error().message;
  EXPECT_EQ(box->schema_version(), kOutboxSchemaVersion);

  auto receipt = box->submit(test::sample_question());
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  EXPECT_TRUE(refcode::verify(receipt->reference));
  EXPECT_EQ(receipt->reference.substr(0, 2), "DM");
  EXPECT_EQ(receipt->uuid.size(), 36u);
  EXPECT_EQ(receipt->created_at_ms, clock.now_ms());

  auto found = box->find(refcode::group(receipt->reference));
  ASSERT_TRUE(found.ok()) << found.error().message;
  const auto& s = found->submission;
  EXPECT_EQ(s.uuid, receipt->uuid);
  EXPECT_EQ(s.text, test::sample_question().text);
  EXPECT_EQ(s.contact.email, "t.tester@example.nl");
  EXPECT_EQ(s.utc_offset_minutes, 60);  // January in Amsterdam
  ASSERT_EQ(found->deliveries.size(), 2u);
  for (const auto& d : found->deliveries) EXPECT_EQ(d.state, DeliveryState::pending);
  EXPECT_GT(found->raw_bytes, found->stored_bytes);
  EXPECT_NE(found->dict_id, kNoDictionary);

  auto by_uuid = box->find(receipt->uuid);
  ASSERT_TRUE(by_uuid.ok());
  EXPECT_EQ(by_uuid->submission, s);
}

TEST(outbox_test, invalid_input_never_reaches_the_database) {
  TempDir dir;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite"));
  ASSERT_TRUE(box.ok());

  auto bad_utf8 = test::sample_report();
  bad_utf8.text = "kapotte lamp \xC3\x28 bij de school";
  auto r1 = box->submit(bad_utf8);
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(r1.error().code, Errc::invalid_utf8);
  EXPECT_EQ(r1.error().field, "text");

  auto huge = test::sample_report();
  huge.text = std::string(1 << 20, 'a');
  auto r2 = box->submit(huge);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().code, Errc::too_long);

  auto empty = test::sample_report();
  empty.text = "   \n ";
  auto r3 = box->submit(empty);
  ASSERT_FALSE(r3.ok());
  EXPECT_EQ(r3.error().code, Errc::missing_field);

  auto only_nul = test::sample_report();
  only_nul.text = std::string("\0\0\0", 3);
  auto r4 = box->submit(only_nul);
  ASSERT_FALSE(r4.ok());
  EXPECT_EQ(r4.error().code, Errc::missing_field);

  auto no_category = test::sample_report();
  no_category.category.clear();
  EXPECT_EQ(box->submit(no_category).error().code, Errc::missing_field);

  auto bad_email = test::sample_question();
  bad_email.contact.email = "jan@@example";
  EXPECT_EQ(box->submit(bad_email).error().code, Errc::invalid_email);

  EXPECT_EQ(count_rows(box->handle(), "submissions"), 0);
  EXPECT_EQ(count_rows(box->handle(), "deliveries"), 0);

  // NUL bytes inside otherwise good text are removed, never stored.
  auto with_nul = test::sample_report();
  with_nul.text = std::string("losse tegel\0 bij de kerk", 24);
  auto ok = box->submit(with_nul);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  auto back = box->find(ok->reference);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->submission.text, "losse tegel bij de kerk");
  EXPECT_EQ(back->submission.text.find('\0'), std::string::npos);
}

// The kiosk and kiosk-sync open a new outbox at the same moment on the demo's first start (scripts/run.sh): both must
// open it, the one that waited for the write lock finding the schema already made ("table dictionaries already
// exists" before).
TEST(outbox_test, two_programs_opening_a_new_outbox_at_once_both_succeed) {
  TempDir dir;
  for (int round = 0; round < 40; ++round) {
    const auto path = dir / ("outbox-" + std::to_string(round) + ".sqlite");
    std::atomic<int> ready{0};
    std::string errors[2];
    const auto open = [&](int i) {
      ++ready;
      while (ready.load() < 2) std::this_thread::yield();
      auto box = Outbox::open(options_for(path));
      if (!box.ok()) errors[i] = box.error().message;
    };
    std::thread a(open, 0), b(open, 1);
    a.join();
    b.join();
    EXPECT_EQ(errors[0], "") << "round " << round;
    EXPECT_EQ(errors[1], "") << "round " << round;
    if (!errors[0].empty() || !errors[1].empty()) break;
  }
}

TEST(outbox_test, newer_schema_is_refused_and_left_untouched) {
  TempDir dir;
  auto path = dir / "outbox.sqlite";
  {
    auto box = Outbox::open(options_for(path));
    ASSERT_TRUE(box.ok());
    ASSERT_TRUE(box->submit(test::sample_report()).ok());
    ASSERT_EQ(sqlite3_exec(box->handle(), "PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE);", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
  }
  auto before = test::read_file(path);
  auto box = Outbox::open(options_for(path));
  ASSERT_FALSE(box.ok());
  EXPECT_EQ(box.error().code, Errc::db_newer_schema);
  EXPECT_NE(box.error().message.find("99"), std::string::npos);
  EXPECT_EQ(test::read_file(path), before);
}

TEST(outbox_test, file_that_is_not_a_database_is_refused_and_left_untouched) {
  TempDir dir;
  auto path = dir / "outbox.sqlite";
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 4096; ++i) out.put(static_cast<char>(i * 31));
  }
  auto before = test::read_file(path);
  auto box = Outbox::open(options_for(path));
  ASSERT_FALSE(box.ok());
  EXPECT_EQ(box.error().code, Errc::db_corrupt);
  EXPECT_EQ(test::read_file(path), before);
}

TEST(outbox_test, damaged_page_gives_a_typed_error_and_changes_nothing) {
  TempDir dir;
  auto path = dir / "outbox.sqlite";
  std::vector<std::string> refs;
  {
    auto box = Outbox::open(options_for(path));
    ASSERT_TRUE(box.ok());
    for (int i = 0; i < 200; ++i) refs.push_back(box->submit(test::sample_report())->reference);
    ASSERT_EQ(sqlite3_exec(box->handle(), "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  // Overwrite three stretches of the file (table and index pages) with garbage.
  auto size = std::filesystem::file_size(path);
  {
    std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
    for (auto at : {size / 4, size / 2, size * 3 / 4}) {
      f.seekp(static_cast<std::streamoff>(at));
      for (int i = 0; i < 8192; ++i) f.put(static_cast<char>(0xA5 ^ i));
    }
  }
  auto before = test::read_file(path);
  auto box = Outbox::open(options_for(path));
  bool saw_corrupt = !box.ok() && box.error().code == Errc::db_corrupt;
  if (box.ok()) {
    auto check = box->integrity_check();
    EXPECT_TRUE(!check.ok() || *check != "ok");
    int errors = 0;
    for (const auto& ref : refs) {
      auto s = box->find(ref);
      if (!s.ok()) {
        EXPECT_TRUE(s.error().code == Errc::db_corrupt || s.error().code == Errc::codec) << s.error().message;
        ++errors;
      }
    }
    auto all = box->for_each([](const StoredSubmission&) { return true; });
    saw_corrupt = errors > 0 || !all.ok();
  }
  EXPECT_TRUE(saw_corrupt);
  EXPECT_EQ(test::read_file(path), before);
}

TEST(outbox_test, full_outbox_gives_db_full_and_keeps_what_was_stored) {
  TempDir dir;
  auto opts = options_for(dir / "outbox.sqlite");
  opts.max_bytes = 256 * 1024;
  auto box = Outbox::open(opts);
  ASSERT_TRUE(box.ok()) << box.error().message;
  std::vector<std::string> refs;
  Result<Receipt> last = Receipt{};
  std::mt19937 rng(7);
  for (int i = 0; i < 100000; ++i) {
    auto s = test::sample_report();
    s.text.clear();
    for (int k = 0; k < 900; ++k) s.text += static_cast<char>('a' + rng() % 26);  // incompressible-ish
    last = box->submit(s);
    if (!last.ok()) break;
    refs.push_back(last->reference);
  }
  ASSERT_FALSE(last.ok());
  EXPECT_EQ(last.error().code, Errc::db_full) << last.error().message;
  EXPECT_GT(refs.size(), 10u);
  for (const auto& ref : refs) ASSERT_TRUE(box->find(ref).ok()) << ref;
  EXPECT_EQ(*box->integrity_check(), "ok");
  EXPECT_EQ(count_rows(box->handle(), "submissions"), static_cast<std::int64_t>(refs.size()));
}

// A real full disk: a 384 KiB tmpfs in a private mount namespace (needs root or CAP_SYS_ADMIN,
// which CI has). The child fills it, checks the typed error, then reopens and reads everything back.
TEST(outbox_test, full_disk_gives_db_full_and_keeps_data) {
  TempDir dir;
  auto mnt = dir / "small-disk";
  std::filesystem::create_directory(mnt);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    auto report = [&](const std::string& line) {
      if (write(fds[1], line.data(), line.size()) < 0) _exit(99);
    };
    if (unshare(CLONE_NEWNS) != 0 || mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
        mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=384k") != 0) {
      report("skip: cannot mount a small tmpfs here (needs root): " + std::string(strerror(errno)));
      _exit(0);
    }
    auto path = mnt / "outbox.sqlite";
    std::vector<std::string> refs;
    Error failure{Errc::io, "never failed", {}};
    {
      auto box = Outbox::open(options_for(path));
      if (!box.ok()) {
        report("open failed: " + box.error().message);
        _exit(1);
      }
      std::mt19937 rng(11);
      for (int i = 0; i < 100000; ++i) {
        auto s = test::sample_report();
        s.text.clear();
        for (int k = 0; k < 900; ++k) s.text += static_cast<char>('a' + rng() % 26);
        auto r = box->submit(s);
        if (!r.ok()) {
          failure = r.error();
          break;
        }
        refs.push_back(r->reference);
      }
    }
    report("code " + std::string(errc_name(failure.code)) + ": " + failure.message + "\n");
    auto box = Outbox::open(options_for(path));
    if (!box.ok()) {
      // Reopening a completely full disk may itself fail cleanly; free a little space like a technician would.
      report("reopen: " + box.error().message + "\n");
      _exit(2);
    }
    auto check = box->integrity_check();
    report("integrity " + (check.ok() ? *check : check.error().message) + "\n");
    int missing = 0;
    for (const auto& ref : refs)
      if (!box->find(ref).ok()) ++missing;
    report("stored " + std::to_string(refs.size()) + " missing " + std::to_string(missing) + "\n");
    _exit(0);
  }
  close(fds[1]);
  std::string out;
  char chunk[1024];
  ssize_t n;
  while ((n = read(fds[0], chunk, sizeof chunk)) > 0) out.append(chunk, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (out.rfind("skip:", 0) == 0) GTEST_SKIP() << out;
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << out;
  EXPECT_NE(out.find("code db_full"), std::string::npos) << out;
  EXPECT_NE(out.find("integrity ok"), std::string::npos) << out;
  EXPECT_NE(out.find(" missing 0"), std::string::npos) << out;
  EXPECT_EQ(out.find("stored 0 "), std::string::npos) << out;
  std::cout << out;
}

TEST(outbox_test, read_only_database_gives_db_readonly_and_changes_nothing) {
  TempDir dir;
  auto sub = dir.path() / "data";
  std::filesystem::create_directory(sub);
  auto path = sub / "outbox.sqlite";
  {
    auto box = Outbox::open(options_for(path));
    ASSERT_TRUE(box.ok());
    ASSERT_TRUE(box->submit(test::sample_report()).ok());
  }
  auto before = test::read_file(path);
  std::filesystem::permissions(dir.path(), std::filesystem::perms(0755));
  std::filesystem::permissions(sub, std::filesystem::perms(0555));
  std::filesystem::permissions(path, std::filesystem::perms(0444));
  // Root ignores file modes: run the attempt as an unprivileged user then.
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(93);
    auto box = Outbox::open(options_for(path));
    if (box.ok()) _exit(94);
    _exit(box.error().code == Errc::db_readonly ? 0 : 95);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  std::filesystem::permissions(sub, std::filesystem::perms(0755));
  std::filesystem::permissions(path, std::filesystem::perms(0644));
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "93: cannot drop privileges, 94: opened, 95: wrong error code";
  EXPECT_EQ(test::read_file(path), before);
}

// The acknowledged-write promise: a child submits in a loop and reports every acknowledged
// reference through a pipe; it is killed with SIGKILL at random moments, 200 times over.
TEST(outbox_test, survives_kill_during_commit) {
  TempDir dir;
  auto path = dir / "outbox.sqlite";
  std::set<std::string> acknowledged;
  std::mt19937 rng(20261123);
  const int kKills = 200;
  int killed_mid_run = 0;
  for (int round = 0; round < kKills; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      auto box = Outbox::open(options_for(path));
      if (!box.ok()) _exit(3);
      for (int i = 0;; ++i) {
        auto s = (i % 2) ? test::sample_report() : test::sample_question();
        s.text += " #" + std::to_string(round) + "." + std::to_string(i);
        auto r = box->submit(s);
        if (!r.ok()) _exit(4);
        std::string line = r->reference + "\n";
        if (write(fds[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
      }
    }
    close(fds[1]);
    // Most rounds wait for the child's first acknowledged submission (slow builds such as ASan take
    // long to start), so the kill lands in the submit loop; every tenth kills it at a random moment of
    // opening and migrating instead.
    std::string buf;
    if (round % 10 != 0) {
      char c;
      while (read(fds[0], &c, 1) == 1) {
        buf += c;
        if (c == '\n') break;
      }
      if (buf.empty() || buf.back() != '\n') ADD_FAILURE() << "child never acknowledged a submission";
    }
    std::this_thread::sleep_for(std::chrono::microseconds(500 + rng() % 30000));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++killed_mid_run;
    else ADD_FAILURE() << "child exited by itself with " << WEXITSTATUS(status);
    char chunk[4096];
    ssize_t n;
    while ((n = read(fds[0], chunk, sizeof chunk)) > 0) buf.append(chunk, static_cast<std::size_t>(n));
    close(fds[0]);
    std::size_t start = 0, nl;
    while ((nl = buf.find('\n', start)) != std::string::npos) {
      acknowledged.insert(buf.substr(start, nl - start));
      start = nl + 1;
    }
  }
  EXPECT_EQ(killed_mid_run, kKills);
  ASSERT_GE(acknowledged.size(), static_cast<std::size_t>(kKills * 9 / 10));

  auto box = Outbox::open(options_for(path));
  ASSERT_TRUE(box.ok()) << box.error().message;
  EXPECT_EQ(*box->integrity_check(), "ok");
  for (const auto& ref : acknowledged) {
    auto s = box->find(ref);
    ASSERT_TRUE(s.ok()) << ref << ": " << s.error().message;
    EXPECT_EQ(s->deliveries.size(), s->submission.channels.size());
  }
  // No half-written record: every stored row decodes and has all its deliveries.
  std::int64_t rows = 0;
  auto all = box->for_each([&](const StoredSubmission& s) {
    ++rows;
    EXPECT_FALSE(s.submission.text.empty());
    EXPECT_EQ(s.deliveries.size(), s.submission.channels.size()) << s.submission.reference;
    return true;
  });
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_GE(rows, static_cast<std::int64_t>(acknowledged.size()));
  // At most one submission per kill can have committed without its acknowledgement being read.
  EXPECT_LE(rows - static_cast<std::int64_t>(acknowledged.size()), kKills);
  std::cout << "acknowledged " << acknowledged.size() << ", stored " << rows << " over " << kKills << " kills\n";
}

TEST(outbox_test, references_keep_growing_after_the_database_is_replaced) {
  TempDir dir;
  FakeClock clock;
  std::string first;
  {
    auto box = Outbox::open(options_for(dir / "a.sqlite", &clock));
    for (int i = 0; i < 50; ++i) {
      first = box->submit(test::sample_report())->reference;
      clock.advance(20'000);  // citizens, not scripts: seconds apart
    }
  }
  // A re-flashed kiosk starts with an empty database but a later clock: no code repeats.
  clock.advance(60'000);
  std::set<std::string> seen;
  auto box = Outbox::open(options_for(dir / "b.sqlite", &clock));
  for (int i = 0; i < 50; ++i) seen.insert(box->submit(test::sample_report())->reference);
  EXPECT_EQ(seen.size(), 50u);
  EXPECT_EQ(seen.count(first), 0u);
}

// On the appliance the kiosk and kiosk-sync share the outbox through their group (UMask=0007): a new
// outbox and its WAL must be group-writable, which SQLite's own 0644 never is.
TEST(outbox_test, new_outbox_follows_the_umask_so_a_group_can_share_it) {
  TempDir dir;
  mode_t old = ::umask(0007);
  auto box = Outbox::open(options_for(dir / "shared.sqlite"));
  ::umask(old);
  ASSERT_TRUE(box.ok()) << box.error().message;
  ASSERT_TRUE(box->submit(test::sample_question()).ok());
  for (const char* name : {"shared.sqlite", "shared.sqlite-wal"}) {
    struct stat st {};
    ASSERT_EQ(::stat((dir / name).c_str(), &st), 0) << name;
    EXPECT_EQ(st.st_mode & 0777, 0660u) << name << " mode " << std::oct << (st.st_mode & 0777);
  }
}

// The sync service's connection commits without waiting for the disk and makes its commits durable
// with flush_wal() (from another thread, before each send); a kiosk's connection keeps synchronous=FULL.
TEST(outbox_test, deferred_fsync_connection_commits_then_flush_wal_writes_the_log) {
  TempDir dir;
  auto synchronous = [](Outbox& box) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(box.handle(), "PRAGMA synchronous", -1, &st, nullptr);
    sqlite3_step(st);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
  };
  auto kiosk = Outbox::open(options_for(dir / "outbox.sqlite"));
  ASSERT_TRUE(kiosk.ok()) << kiosk.error().message;
  EXPECT_EQ(synchronous(*kiosk), 2);  // FULL
  EXPECT_FALSE(kiosk->defers_fsync());
  OutboxOptions o = options_for(dir / "outbox.sqlite");
  o.defer_fsync = true;
  auto sync = Outbox::open(o);
  ASSERT_TRUE(sync.ok()) << sync.error().message;
  EXPECT_EQ(synchronous(*sync), 1);  // NORMAL
  EXPECT_TRUE(sync->defers_fsync());

  ASSERT_TRUE(kiosk->submit(test::sample_question()).ok());
  auto claimed = sync->claim_due("openklant", 1, 1 << 20);
  ASSERT_TRUE(claimed.ok());
  ASSERT_EQ(claimed->size(), 1u);
  Result<void> flushed = make_error(Errc::db_io, "not run");
  std::thread([&] { flushed = sync->flush_wal(); }).join();
  EXPECT_TRUE(flushed.ok()) << flushed.error().message;
  // The claim is visible to the other connection: it was committed, only its fsync was deferred.
  auto again = kiosk->claim_due("openklant", 1, 1 << 20);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

// ---- Stats from delivery_counts (migration 6) --------------------------------------------------------

namespace {
// What stats() must report: the deliveries table counted the slow way.
std::map<std::string, std::map<std::string, std::int64_t>> counted(sqlite3* db) {
  std::map<std::string, std::map<std::string, std::int64_t>> out;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT channel, state, count(*) FROM deliveries GROUP BY channel, state", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW)
    out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))]
       [reinterpret_cast<const char*>(sqlite3_column_text(st, 1))] = sqlite3_column_int64(st, 2);
  sqlite3_finalize(st);
  return out;
}
}  // namespace

TEST(outbox_test, stats_counts_follow_every_delivery_change) {
  TempDir dir;
  FakeClock clock;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite", &clock));
  ASSERT_TRUE(box.ok()) << box.error().message;
  auto check = [&](const char* after) {
    auto st = box->stats();
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ(st->deliveries, counted(box->handle())) << "after " << after;
  };
  check("nothing");
  ASSERT_TRUE(box->submit_batch(synth_submissions(3, 300)).ok());
  check("submit");
  auto claimed = box->claim_due("openklant", 40, 1 << 20);
  ASSERT_TRUE(claimed.ok());
  check("claim");
  std::vector<DeliveryUpdate> updates;
  for (std::size_t i = 0; i < claimed->size(); ++i) {
    DeliveryUpdate u;
    u.row_id = (*claimed)[i].row_id;
    u.channel = "openklant";
    u.state = i % 3 == 0 ? DeliveryState::delivered : i % 3 == 1 ? DeliveryState::retry : DeliveryState::parked;
    u.error = "x";
    u.remote_id = "r" + std::to_string(i);
    updates.push_back(u);
  }
  ASSERT_TRUE(box->record(updates).ok());
  check("record");
  ASSERT_TRUE(box->mark_parked((*claimed)[1].row_id, "openklant", "again").ok());  // retry -> parked
  ASSERT_TRUE(box->requeue_parked("").ok());
  check("requeue");
  // A submission deleted (cascade) takes its deliveries' counts with it.
  ASSERT_EQ(sqlite3_exec(box->handle(), "DELETE FROM submissions WHERE id <= 10", nullptr, nullptr, nullptr),
            SQLITE_OK);
  check("delete");
  // The oldest open submission and the problems list, through the queue index.
  auto st = box->stats();
  ASSERT_TRUE(st.ok());
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(box->handle(),
                     "SELECT s.created_at FROM submissions s JOIN deliveries d ON d.submission_id = s.id "
                     "WHERE d.state <> 'delivered' ORDER BY s.id LIMIT 1",
                     -1, &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_EQ(st->oldest_undelivered_ms, sqlite3_column_int64(q, 0));
  sqlite3_finalize(q);
  auto problems = box->problems(1000);
  ASSERT_TRUE(problems.ok());
  auto counts = counted(box->handle());
  EXPECT_EQ(static_cast<std::int64_t>(problems->size()), counts["openklant"]["retry"] + counts["openklant"]["parked"]);
}

TEST(outbox_test, migration_6_counts_an_existing_queue) {
  TempDir dir;
  auto path = dir / "outbox.sqlite";
  {
    auto box = Outbox::open(options_for(path));
    ASSERT_TRUE(box.ok());
    ASSERT_TRUE(box->submit_batch(synth_submissions(8, 200)).ok());
    ASSERT_TRUE(box->claim_due("signalen", 7, 1 << 20).ok());
    // Back to schema 5, as a file written before migration 6.
    ASSERT_EQ(
        sqlite3_exec(box->handle(),
                     "DROP TRIGGER delivery_counts_insert; DROP TRIGGER delivery_counts_delete; "
                     "DROP TRIGGER delivery_counts_update; DROP TABLE delivery_counts; DROP TABLE sync_runs; "
                     "DROP TABLE sync_run_channels; DROP TABLE sync_requests; DROP TRIGGER status_changes_record; "
                     "DROP TABLE status_changes; ALTER TABLE news DROP COLUMN urgent; PRAGMA user_version = 5;",
                     nullptr, nullptr, nullptr),
        SQLITE_OK);
  }
  auto box = Outbox::open(options_for(path));
  ASSERT_TRUE(box.ok()) << box.error().message;
  EXPECT_EQ(box->schema_version(), kOutboxSchemaVersion);
  EXPECT_EQ(box->stats()->deliveries, counted(box->handle()));
  ASSERT_TRUE(box->submit_batch(synth_submissions(9, 20)).ok());
  EXPECT_EQ(box->stats()->deliveries, counted(box->handle()));
}

TEST(outbox_test, migration_8_keeps_every_status_change_from_then_on) {
  TempDir dir;
  FakeClock clock;
  std::string ref;
  {
    auto box = Outbox::open(options_for(dir / "outbox.sqlite", &clock));
    ASSERT_TRUE(box.ok());
    auto r = box->submit(test::sample_report());
    ASSERT_TRUE(r.ok());
    ref = r->reference;
    auto row = box->find(ref)->row_id;
    ASSERT_TRUE(box->mark_delivered(row, "signalen", "u1", "SIG-1").ok());
    // Back to schema 7, as a file written before migration 8, with a status seen then.
    ASSERT_EQ(sqlite3_exec(box->handle(),
                           "DROP TRIGGER status_changes_record; DROP TABLE status_changes; "
                           "ALTER TABLE news DROP COLUMN urgent; "
                           "UPDATE deliveries SET remote_status = 'OPEN'; PRAGMA user_version = 7;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  auto box = Outbox::open(options_for(dir / "outbox.sqlite", &clock));
  ASSERT_TRUE(box.ok()) << box.error().message;
  EXPECT_EQ(box->schema_version(), kOutboxSchemaVersion);
  auto st = box->find(ref);
  ASSERT_TRUE(st.ok());
  ASSERT_EQ(st->status_changes.size(), 1u);  // the old file kept only the last status: it is the first row
  EXPECT_EQ(st->status_changes[0].status, "OPEN");
  clock.advance(1000);
  ASSERT_TRUE(box->set_remote_status(st->row_id, "signalen", "CLOSED").ok());
  st = box->find(ref);
  ASSERT_EQ(st->status_changes.size(), 2u);
  EXPECT_EQ(st->status_changes[1].status, "CLOSED");
  EXPECT_EQ(st->status_changes[1].changed_ms, clock.now_ms());
}
