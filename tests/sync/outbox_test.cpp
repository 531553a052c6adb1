// Tests for the outbox: durability, typed storage errors that leave data untouched, validation at the
// door, the delivery state machine, retention, dictionaries and news.
#include "kiosk/sync/outbox.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

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
#include "test_support.hpp"

using namespace kiosk;
using kiosk::test::TempDir;

namespace {

OutboxOptions options_for(const std::filesystem::path& path, const Clock* clock = nullptr) {
  OutboxOptions o;
  o.path = path;
  o.clock = clock;
  auto dict = load_latest_dictionary(std::filesystem::path(KIOSK_SOURCE_ASSETS_DIR) / "dict");
  if (dict) o.dictionary = *dict;
  return o;
}

std::int64_t count_rows(sqlite3* db, const char* table) {
  sqlite3_stmt* st = nullptr;
  std::string sql = std::string("SELECT count(*) FROM ") + table;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  std::int64_t n = -1;
  if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

}  // namespace

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

TEST(outbox_test, newer_schema_is_refused_and_left_untouched) {
  TempDir dir;
  auto path = dir / "outbox.sqlite";
  {
    auto box = Outbox::open(options_for(path));
    ASSERT_TRUE(box.ok());
    ASSERT_TRUE(box->submit(test::sample_report()).ok());
    ASSERT_EQ(sqlite3_exec(box->handle(), "PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE);", nullptr,
                           nullptr, nullptr), SQLITE_OK);
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
      if (!box.ok()) { report("open failed: " + box.error().message); _exit(1); }
      std::mt19937 rng(11);
      for (int i = 0; i < 100000; ++i) {
        auto s = test::sample_report();
        s.text.clear();
        for (int k = 0; k < 900; ++k) s.text += static_cast<char>('a' + rng() % 26);
        auto r = box->submit(s);
        if (!r.ok()) { failure = r.error(); break; }
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
    for (const auto& ref : refs) if (!box->find(ref).ok()) ++missing;
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

TEST(outbox_test, delivery_state_machine) {
  TempDir dir;
  FakeClock clock;
  auto opts = options_for(dir / "outbox.sqlite", &clock);
  opts.in_flight_lease_ms = 60'000;
  auto box = Outbox::open(opts);
  ASSERT_TRUE(box.ok());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(box->submit(test::sample_question()).ok());

  auto batch = box->claim_due("openklant", 3, 1 << 20);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->size(), 3u);
  EXPECT_FALSE((*batch)[0].uncertain);
  // Claimed rows are not handed out twice while the lease runs.
  auto second = box->claim_due("openklant", 10, 1 << 20);
  ASSERT_EQ(second->size(), 2u);
  ASSERT_TRUE(box->claim_due("openklant", 10, 1 << 20)->empty());

  ASSERT_TRUE(box->mark_delivered((*batch)[0].row_id, "openklant", "uuid-1", "KC-1").ok());
  ASSERT_TRUE(box->mark_retry((*batch)[1].row_id, "openklant", clock.now_ms() + 30'000, "HTTP 503").ok());
  ASSERT_TRUE(box->mark_parked((*batch)[2].row_id, "openklant", "400: onderwerp te lang").ok());

  // The retry is due only after its time; the dead claims come back as uncertain after the lease.
  EXPECT_TRUE(box->claim_due("openklant", 10, 1 << 20)->empty());
  clock.advance(30'000);
  auto retry = box->claim_due("openklant", 10, 1 << 20);
  ASSERT_EQ(retry->size(), 1u);
  EXPECT_EQ((*retry)[0].attempts, 1);
  EXPECT_FALSE((*retry)[0].uncertain);
  clock.advance(61'000);
  auto stale = box->claim_due("openklant", 10, 1 << 20);
  ASSERT_EQ(stale->size(), 3u);  // the two from `second` and the retry claimed above
  for (const auto& d : *stale) EXPECT_TRUE(d.uncertain);

  auto parked = box->find(box->list()->at(2).reference);
  const Delivery* p = nullptr;
  for (const auto& d : parked->deliveries) if (d.channel == "openklant") p = &d;
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->state, DeliveryState::parked);
  EXPECT_EQ(p->parked_reason, "400: onderwerp te lang");

  auto stats = box->stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->deliveries["openklant"]["delivered"], 1);
  EXPECT_EQ(stats->deliveries["openklant"]["parked"], 1);
  EXPECT_EQ(stats->deliveries["openklant"]["in_flight"], 3);
  EXPECT_EQ(stats->deliveries["mastodon"]["pending"], 5);
  EXPECT_EQ(*box->requeue_parked("openklant"), 1u);
  EXPECT_EQ(box->stats()->deliveries["openklant"]["pending"], 1);
  // A delivered row does not go back.
  EXPECT_FALSE(box->mark_retry((*batch)[0].row_id, "openklant", 0, "late").ok());
}

TEST(outbox_test, claim_respects_the_byte_budget) {
  TempDir dir;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite"));
  ASSERT_TRUE(box.ok());
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(box->submit(test::sample_report()).ok());
  auto one = box->find(box->list()->front().reference);
  auto batch = box->claim_due("signalen", 10, one->raw_bytes * 3 + 1);
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(batch->size(), 3u);
}

TEST(outbox_test, purge_removes_personal_data_after_retention_only_when_all_delivered) {
  TempDir dir;
  FakeClock clock;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite", &clock));
  ASSERT_TRUE(box.ok());
  auto a = *box->submit(test::sample_question());
  auto b = *box->submit(test::sample_question());
  auto ra = box->find(a.reference)->row_id;
  auto rb = box->find(b.reference)->row_id;
  ASSERT_TRUE(box->mark_delivered(ra, "openklant", "x1", "").ok());
  ASSERT_TRUE(box->mark_delivered(ra, "mastodon", "m1", "").ok());
  ASSERT_TRUE(box->mark_delivered(rb, "openklant", "x2", "").ok());  // mastodon still pending
  ASSERT_TRUE(box->add_answer(ra, Answer{"openklant", clock.now_ms(), "Het grofvuil komt op dinsdag.", "ans-1"}).ok());

  clock.advance(29LL * 86'400'000);
  EXPECT_EQ(*box->purge(30), 0u);
  clock.advance(2LL * 86'400'000);
  EXPECT_EQ(*box->purge(30), 1u);
  EXPECT_EQ(*box->purge(30), 0u);  // idempotent

  auto pa = box->find(a.reference);
  ASSERT_TRUE(pa.ok());
  EXPECT_TRUE(pa->submission.text.empty());
  EXPECT_TRUE(pa->submission.contact.empty());
  EXPECT_EQ(pa->submission.reference, a.reference);
  EXPECT_EQ(pa->submission.topic, "Afval ophalen");
  EXPECT_GT(pa->purged_ms, 0);
  ASSERT_EQ(pa->answers.size(), 1u);
  EXPECT_EQ(pa->answers[0].text, "Het grofvuil komt op dinsdag.");
  for (const auto& d : pa->deliveries) EXPECT_EQ(d.state, DeliveryState::delivered);

  auto pb = box->find(b.reference);
  EXPECT_FALSE(pb->submission.text.empty());
  EXPECT_EQ(pb->submission.contact.email, "t.tester@example.nl");
  EXPECT_EQ(box->stats()->purged, 1);
}

TEST(outbox_test, old_rows_stay_readable_after_a_new_dictionary) {
  TempDir dir;
  auto path = dir / "outbox.sqlite";
  std::vector<std::string> samples;
  for (int i = 0; i < 200; ++i) {
    auto s = test::sample_report();
    s.text += " variant " + std::to_string(i * 7919);
    samples.push_back(to_json(s).dump());
  }
  auto d1 = train_dictionary(samples, 4096, "submissions-v1.zdict");
  ASSERT_TRUE(d1.ok()) << d1.error().message;
  samples.push_back(to_json(test::sample_question()).dump());
  for (int i = 0; i < 50; ++i) samples.push_back(to_json(test::sample_question()).dump() + std::to_string(i));
  auto d2 = train_dictionary(samples, 8192, "submissions-v2.zdict");
  ASSERT_TRUE(d2.ok());
  ASSERT_NE(d1->id, d2->id);

  std::string ref1;
  {
    auto o = options_for(path);
    o.dictionary = *d1;
    auto box = Outbox::open(o);
    ASSERT_TRUE(box.ok());
    ref1 = box->submit(test::sample_report())->reference;
  }
  auto o = options_for(path);
  o.dictionary = *d2;
  auto box = Outbox::open(o);
  ASSERT_TRUE(box.ok());
  auto ref2 = box->submit(test::sample_report())->reference;
  auto s1 = box->find(ref1);
  auto s2 = box->find(ref2);
  ASSERT_TRUE(s1.ok()) << s1.error().message;
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s1->dict_id, d1->id);
  EXPECT_EQ(s2->dict_id, d2->id);
  EXPECT_EQ(s1->submission.text, s2->submission.text);
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

TEST(outbox_test, news_upsert_and_latest_first) {
  TempDir dir;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite"));
  ASSERT_TRUE(box.ok());
  EXPECT_TRUE(*box->upsert_news({"mastodon", "1", 1000, "nl", "Het gemeentehuis is maandag gesloten.", ""}));
  EXPECT_TRUE(*box->upsert_news({"mastodon", "2", 2000, "nl", "Nieuwe speeltuin in het park.", ""}));
  EXPECT_TRUE(*box->upsert_news({"mastodon", "1", 1000, "nl", "Het gemeentehuis is maandag en dinsdag gesloten.", ""}));
  auto news = box->latest_news(10);
  ASSERT_EQ(news->size(), 2u);
  EXPECT_EQ((*news)[0].remote_id, "2");
  EXPECT_EQ((*news)[1].text, "Het gemeentehuis is maandag en dinsdag gesloten.");
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

namespace {

// The delivery of a stored submission to one channel (nullptr when there is none).
const Delivery* delivery_to(const StoredSubmission& s, std::string_view channel) {
  for (const auto& d : s.deliveries)
    if (d.channel == channel) return &d;
  return nullptr;
}

DeliveryState state_of(Outbox& box, const std::string& reference, std::string_view channel) {
  auto s = box.find(reference);
  if (!s.ok()) {
    ADD_FAILURE() << reference << ": " << s.error().message;
    return DeliveryState::pending;
  }
  const Delivery* d = delivery_to(*s, channel);
  if (d == nullptr) {
    ADD_FAILURE() << reference << " has no delivery to " << channel;
    return DeliveryState::pending;
  }
  return d->state;
}

// A delivery read straight from its table (find() would also decode the payload, which may be damaged).
Delivery delivery_row(sqlite3* db, std::int64_t row_id, const char* channel) {
  Delivery d;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT state, attempts, coalesce(remote_id, ''), coalesce(last_error, ''), "
                     "coalesce(parked_reason, '') FROM deliveries WHERE submission_id = ? AND channel = ?",
                     -1, &st, nullptr);
  sqlite3_bind_int64(st, 1, row_id);
  sqlite3_bind_text(st, 2, channel, -1, SQLITE_TRANSIENT);
  if (sqlite3_step(st) == SQLITE_ROW) {
    auto text = [&](int col) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, col))); };
    d.channel = channel;
    d.state = parse_delivery_state(text(0)).value_or(DeliveryState::pending);
    d.attempts = sqlite3_column_int(st, 1);
    d.remote_id = text(2);
    d.last_error = text(3);
    d.parked_reason = text(4);
  } else {
    ADD_FAILURE() << "no delivery of row " << row_id << " to " << channel << ": " << sqlite3_errmsg(db);
  }
  sqlite3_finalize(st);
  return d;
}

ChannelState sample_channel_state(std::int64_t now_ms) {
  ChannelState c;
  c.channel = "openklant";
  c.circuit = CircuitState::half_open;
  c.failures = 3;
  c.not_before_ms = now_ms + 45'000;
  c.last_error = "HTTP 503 Service Unavailable";
  c.last_success_ms = now_ms - 60'000;
  c.last_attempt_ms = now_ms;
  c.last_poll_ms = now_ms - 5'000;
  c.sent_times = {now_ms - 2'000, now_ms - 1'000, now_ms};
  return c;
}

// Submits n sample questions; their receipts and row ids in order.
void submit_questions(Outbox& box, int n, std::vector<Receipt>& receipts, std::vector<std::int64_t>& rows) {
  for (int i = 0; i < n; ++i) {
    auto r = box.submit(test::sample_question());
    ASSERT_TRUE(r.ok()) << r.error().message;
    receipts.push_back(*r);
    rows.push_back(box.find(r->reference)->row_id);
  }
}

}  // namespace

// The engine's end of a round: the outcomes of the batch on the wire, the channel's state and the claim
// of the next batch, in one transaction.
TEST(outbox_test, record_and_claim_records_outcomes_and_claims_the_next_batch) {
  TempDir dir;
  FakeClock clock;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite", &clock));
  ASSERT_TRUE(box.ok()) << box.error().message;
  std::vector<Receipt> receipts;
  std::vector<std::int64_t> rows;
  ASSERT_NO_FATAL_FAILURE(submit_questions(*box, 6, receipts, rows));

  auto batch = box->claim_due("openklant", 3, 1 << 20);
  ASSERT_TRUE(batch.ok()) << batch.error().message;
  ASSERT_EQ(batch->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) ASSERT_EQ((*batch)[i].row_id, rows[i]);

  clock.advance(1'000);
  const std::int64_t round_end = clock.now_ms();
  std::vector<DeliveryUpdate> updates(3);
  updates[0].row_id = rows[0];
  updates[0].channel = "openklant";
  updates[0].state = DeliveryState::delivered;
  updates[0].remote_id = "uuid-0";
  updates[0].remote_display = "KC-100";
  updates[1].row_id = rows[1];
  updates[1].channel = "openklant";
  updates[1].state = DeliveryState::retry;
  updates[1].next_attempt_ms = round_end + 30'000;
  updates[1].error = "HTTP 503";
  updates[1].uncertain = true;
  updates[1].remote_id = "partial-1";
  updates[2].row_id = rows[2];
  updates[2].channel = "openklant";
  updates[2].state = DeliveryState::parked;
  updates[2].error = "400: onderwerp te lang";
  const ChannelState state = sample_channel_state(round_end);

  auto next = box->record_and_claim(updates, state, "openklant", 2, 1 << 20);
  ASSERT_TRUE(next.ok()) << next.error().message;

  // The next batch: the oldest pending rows (the retry is not due yet), handed out for the first time.
  ASSERT_EQ(next->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& d = (*next)[i];
    EXPECT_EQ(d.row_id, rows[3 + i]);
    EXPECT_EQ(d.channel, "openklant");
    EXPECT_EQ(d.attempts, 0);
    EXPECT_FALSE(d.uncertain);
    EXPECT_FALSE(d.lost_claim);
    EXPECT_EQ(d.first_attempt_ms, round_end);
    EXPECT_EQ(d.submission.reference, receipts[3 + i].reference);
    EXPECT_EQ(d.submission.text, test::sample_question().text);
  }

  // The outcomes are stored.
  auto stats = box->stats();
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->deliveries["openklant"]["delivered"], 1);
  EXPECT_EQ(stats->deliveries["openklant"]["retry"], 1);
  EXPECT_EQ(stats->deliveries["openklant"]["parked"], 1);
  EXPECT_EQ(stats->deliveries["openklant"]["in_flight"], 2);
  EXPECT_EQ(stats->deliveries["openklant"]["pending"], 1);
  EXPECT_EQ(stats->deliveries["mastodon"]["pending"], 6);  // another channel is untouched

  auto done = box->find(receipts[0].reference);
  ASSERT_TRUE(done.ok());
  const Delivery* d0 = delivery_to(*done, "openklant");
  ASSERT_NE(d0, nullptr);
  EXPECT_EQ(d0->state, DeliveryState::delivered);
  EXPECT_EQ(d0->remote_id, "uuid-0");
  EXPECT_EQ(d0->remote_display, "KC-100");
  EXPECT_EQ(d0->delivered_ms, round_end);

  auto retried = box->find(receipts[1].reference);
  ASSERT_TRUE(retried.ok());
  const Delivery* d1 = delivery_to(*retried, "openklant");
  ASSERT_NE(d1, nullptr);
  EXPECT_EQ(d1->state, DeliveryState::retry);
  EXPECT_EQ(d1->next_attempt_ms, round_end + 30'000);
  EXPECT_EQ(d1->last_error, "HTTP 503");
  EXPECT_EQ(d1->remote_id, "partial-1");

  auto parked = box->find(receipts[2].reference);
  ASSERT_TRUE(parked.ok());
  const Delivery* d2 = delivery_to(*parked, "openklant");
  ASSERT_NE(d2, nullptr);
  EXPECT_EQ(d2->state, DeliveryState::parked);
  EXPECT_EQ(d2->parked_reason, "400: onderwerp te lang");

  auto problems = box->problems(10);
  ASSERT_TRUE(problems.ok()) << problems.error().message;
  ASSERT_EQ(problems->size(), 2u);
  EXPECT_EQ((*problems)[0].reference, receipts[2].reference);  // parked first
  EXPECT_EQ((*problems)[0].state, DeliveryState::parked);
  EXPECT_EQ((*problems)[0].reason, "400: onderwerp te lang");
  EXPECT_EQ((*problems)[1].reference, receipts[1].reference);
  EXPECT_EQ((*problems)[1].state, DeliveryState::retry);
  EXPECT_EQ((*problems)[1].reason, "HTTP 503");

  // The channel's state is saved.
  auto saved = box->channel_state("openklant");
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->channel, "openklant");
  EXPECT_EQ(saved->circuit, state.circuit);
  EXPECT_EQ(saved->failures, state.failures);
  EXPECT_EQ(saved->not_before_ms, state.not_before_ms);
  EXPECT_EQ(saved->last_error, state.last_error);
  EXPECT_EQ(saved->last_success_ms, state.last_success_ms);
  EXPECT_EQ(saved->last_attempt_ms, state.last_attempt_ms);
  EXPECT_EQ(saved->last_poll_ms, state.last_poll_ms);
  EXPECT_EQ(saved->sent_times, state.sent_times);
  EXPECT_EQ(box->channel_state("mastodon")->circuit, CircuitState::closed);  // only the named channel

  // The returned batch is claimed: a further claim hands out only what was left.
  auto rest = box->claim_due("openklant", 10, 1 << 20);
  ASSERT_TRUE(rest.ok()) << rest.error().message;
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].row_id, rows[5]);
  // Once due, the retry comes back with what the outcome recorded.
  clock.advance(30'000);
  auto due_retry = box->claim_due("openklant", 10, 1 << 20);
  ASSERT_TRUE(due_retry.ok()) << due_retry.error().message;
  ASSERT_EQ(due_retry->size(), 1u);
  EXPECT_EQ((*due_retry)[0].row_id, rows[1]);
  EXPECT_EQ((*due_retry)[0].attempts, 1);
  EXPECT_TRUE((*due_retry)[0].uncertain);
  EXPECT_EQ((*due_retry)[0].remote_id, "partial-1");

  // The next round. A late outcome for an already delivered row leaves it alone; the outcomes are recorded
  // before the claim, so a retry that is due at once is part of the next batch.
  std::vector<DeliveryUpdate> late(3);
  late[0].row_id = rows[0];
  late[0].channel = "openklant";
  late[0].state = DeliveryState::retry;
  late[0].error = "late";
  late[1].row_id = rows[3];
  late[1].channel = "openklant";
  late[1].state = DeliveryState::delivered;
  late[1].remote_id = "uuid-3";
  late[2].row_id = rows[4];
  late[2].channel = "openklant";
  late[2].state = DeliveryState::retry;
  late[2].next_attempt_ms = clock.now_ms();
  late[2].error = "HTTP 429";
  ChannelState closed = state;
  closed.circuit = CircuitState::closed;
  closed.failures = 0;
  closed.sent_times.clear();
  auto round2 = box->record_and_claim(late, closed, "openklant", 10, 1 << 20);
  ASSERT_TRUE(round2.ok()) << round2.error().message;
  ASSERT_EQ(round2->size(), 1u);
  EXPECT_EQ((*round2)[0].row_id, rows[4]);
  EXPECT_EQ((*round2)[0].attempts, 1);
  EXPECT_EQ(state_of(*box, receipts[4].reference, "openklant"), DeliveryState::in_flight);
  EXPECT_TRUE(box->claim_due("openklant", 10, 1 << 20)->empty());
  EXPECT_EQ(state_of(*box, receipts[0].reference, "openklant"), DeliveryState::delivered);
  auto still_done = box->find(receipts[0].reference);
  ASSERT_TRUE(still_done.ok());
  ASSERT_NE(delivery_to(*still_done, "openklant"), nullptr);
  EXPECT_EQ(delivery_to(*still_done, "openklant")->remote_id, "uuid-0");
  EXPECT_EQ(delivery_to(*still_done, "openklant")->last_error, "");
  EXPECT_EQ(state_of(*box, receipts[3].reference, "openklant"), DeliveryState::delivered);
  EXPECT_EQ(box->channel_state("openklant")->circuit, CircuitState::closed);
  EXPECT_EQ(box->channel_state("openklant")->failures, 0);
  EXPECT_TRUE(box->channel_state("openklant")->sent_times.empty());
}

// The first round has no outcomes yet: the state is saved and the batch claimed all the same.
TEST(outbox_test, record_and_claim_without_outcomes_saves_the_state_and_claims) {
  TempDir dir;
  FakeClock clock;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite", &clock));
  ASSERT_TRUE(box.ok()) << box.error().message;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(box->submit(test::sample_report()).ok());
  const ChannelState state = [&] {
    auto c = sample_channel_state(clock.now_ms());
    c.channel = "signalen";
    return c;
  }();
  auto batch = box->record_and_claim({}, state, "signalen", 2, 1 << 20);
  ASSERT_TRUE(batch.ok()) << batch.error().message;
  EXPECT_EQ(batch->size(), 2u);
  EXPECT_EQ(box->stats()->deliveries["signalen"]["in_flight"], 2);
  EXPECT_EQ(box->stats()->deliveries["signalen"]["pending"], 1);
  auto saved = box->channel_state("signalen");
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->circuit, CircuitState::half_open);
  EXPECT_EQ(saved->failures, 3);
  EXPECT_EQ(saved->sent_times, state.sent_times);
}

// All or nothing: whether the record part or the claim part fails, no outcome, channel state or claim
// of that call is left behind, and the call can be made again.
TEST(outbox_test, record_and_claim_changes_nothing_when_it_fails) {
  TempDir dir;
  FakeClock clock;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite", &clock));
  ASSERT_TRUE(box.ok()) << box.error().message;
  std::vector<Receipt> receipts;
  std::vector<std::int64_t> rows;
  ASSERT_NO_FATAL_FAILURE(submit_questions(*box, 5, receipts, rows));
  auto batch = box->claim_due("openklant", 3, 1 << 20);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->size(), 3u);
  ChannelState before;
  before.channel = "openklant";
  before.failures = 1;
  before.last_error = "timeout";
  ASSERT_TRUE(box->save_channel_state(before).ok());
  clock.advance(1'000);

  auto updates = [&] {
    std::vector<DeliveryUpdate> u(3);
    u[0].row_id = rows[0];
    u[0].channel = "openklant";
    u[0].state = DeliveryState::delivered;
    u[0].remote_id = "uuid-0";
    u[1].row_id = rows[1];
    u[1].channel = "openklant";
    u[1].state = DeliveryState::parked;
    u[1].error = "400";
    u[2].row_id = rows[2];
    u[2].channel = "openklant";
    u[2].state = DeliveryState::retry;
    u[2].next_attempt_ms = clock.now_ms() + 60'000;
    u[2].error = "HTTP 502";
    return u;
  };
  const ChannelState after = sample_channel_state(clock.now_ms());

  // Nothing of the call is left: the three claimed rows are still in flight with no remote id, the other
  // two still pending and never attempted, the channel state is the one saved before.
  auto expect_untouched = [&](const char* when) {
    SCOPED_TRACE(when);
    auto stats = box->stats();
    ASSERT_TRUE(stats.ok()) << stats.error().message;
    EXPECT_EQ(stats->deliveries["openklant"]["in_flight"], 3);
    EXPECT_EQ(stats->deliveries["openklant"]["pending"], 2);
    EXPECT_EQ(stats->deliveries["openklant"].count("delivered"), 0u);
    EXPECT_EQ(stats->deliveries["openklant"].count("parked"), 0u);
    EXPECT_EQ(stats->deliveries["openklant"].count("retry"), 0u);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      Delivery d = delivery_row(box->handle(), rows[i], "openklant");
      EXPECT_EQ(d.state, i < 3 ? DeliveryState::in_flight : DeliveryState::pending) << "row " << i;
      EXPECT_EQ(d.attempts, i < 3 ? 1 : 0) << "row " << i;
      EXPECT_TRUE(d.remote_id.empty()) << "row " << i;
      EXPECT_TRUE(d.last_error.empty()) << "row " << i;
      EXPECT_TRUE(d.parked_reason.empty()) << "row " << i;
    }
    EXPECT_TRUE(box->problems(10)->empty());
    auto state = box->channel_state("openklant");
    ASSERT_TRUE(state.ok());
    EXPECT_EQ(state->circuit, CircuitState::closed);
    EXPECT_EQ(state->failures, 1);
    EXPECT_EQ(state->last_error, "timeout");
    EXPECT_TRUE(state->sent_times.empty());
  };

  // 1. The record part fails at its last outcome (record() takes no pending or in_flight outcome),
  //    after the valid outcomes before it were applied.
  for (auto bad : {DeliveryState::pending, DeliveryState::in_flight}) {
    auto u = updates();
    DeliveryUpdate invalid;
    invalid.row_id = rows[2];
    invalid.channel = "openklant";
    invalid.state = bad;
    u.push_back(invalid);
    auto r = box->record_and_claim(u, after, "openklant", 2, 1 << 20);
    ASSERT_FALSE(r.ok()) << "an outcome in state " << delivery_state_name(bad) << " was accepted";
    EXPECT_EQ(r.error().code, Errc::invalid_value) << r.error().message;
    expect_untouched(bad == DeliveryState::pending ? "after a pending outcome" : "after an in_flight outcome");
  }

  // 2. The record part succeeds and the claim part fails: the next row to claim has a damaged payload.
  sqlite3* db = box->handle();
  const std::string id = std::to_string(rows[3]);
  ASSERT_EQ(sqlite3_exec(db, ("CREATE TEMP TABLE kept AS SELECT id, payload FROM submissions WHERE id = " + id).c_str(),
                         nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  ASSERT_EQ(sqlite3_exec(db, ("UPDATE submissions SET payload = x'0011223344556677' WHERE id = " + id).c_str(),
                         nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  auto broken = box->record_and_claim(updates(), after, "openklant", 2, 1 << 20);
  ASSERT_FALSE(broken.ok()) << "a damaged payload was claimed";
  EXPECT_EQ(broken.error().code, Errc::codec) << broken.error().message;
  expect_untouched("after a failed claim");

  // Repaired, the same call goes through as a whole.
  ASSERT_EQ(sqlite3_exec(db, ("UPDATE submissions SET payload = (SELECT payload FROM kept) WHERE id = " + id).c_str(),
                         nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  auto next = box->record_and_claim(updates(), after, "openklant", 2, 1 << 20);
  ASSERT_TRUE(next.ok()) << next.error().message;
  ASSERT_EQ(next->size(), 2u);
  EXPECT_EQ((*next)[0].row_id, rows[3]);
  EXPECT_EQ((*next)[0].submission.reference, receipts[3].reference);
  EXPECT_EQ((*next)[1].row_id, rows[4]);
  auto stats = box->stats();
  EXPECT_EQ(stats->deliveries["openklant"]["delivered"], 1);
  EXPECT_EQ(stats->deliveries["openklant"]["parked"], 1);
  EXPECT_EQ(stats->deliveries["openklant"]["retry"], 1);
  EXPECT_EQ(stats->deliveries["openklant"]["in_flight"], 2);
  EXPECT_EQ(box->channel_state("openklant")->failures, after.failures);
  EXPECT_EQ(box->channel_state("openklant")->circuit, after.circuit);
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

// ---- Dictionaries of the kiosk's own (retrain_dictionary) and payload versions ---------------------

namespace {
// Every stored submission read back, by uuid.
std::map<std::string, Submission> read_all(Outbox& box) {
  std::map<std::string, Submission> out;
  auto r = box.for_each([&](const StoredSubmission& s) {
    out[s.submission.uuid] = s.submission;
    return true;
  });
  EXPECT_TRUE(r.ok()) << r.error().message;
  return out;
}

std::set<std::int64_t> dict_ids_in_use(sqlite3* db) {
  std::set<std::int64_t> out;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT DISTINCT dict_id FROM submissions", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW) out.insert(sqlite3_column_int64(st, 0));
  sqlite3_finalize(st);
  return out;
}
}  // namespace

TEST(outbox_test, retrains_on_its_own_submissions_and_every_row_stays_readable) {
  TempDir dir;
  FakeClock clock;
  auto opts = options_for(dir / "outbox.sqlite", &clock);
  ASSERT_TRUE(opts.dictionary.has_value());
  const std::uint32_t shipped = opts.dictionary->id;
  auto box = Outbox::open(opts);
  ASSERT_TRUE(box.ok()) << box.error().message;
  // A second connection (the kiosk's, while kiosk-sync retrains) follows at its next submit.
  auto other = Outbox::open(opts);
  ASSERT_TRUE(other.ok()) << other.error().message;

  SynthOptions so;
  so.kiosk_id = "test-kiosk-07";
  ASSERT_TRUE(box->submit_batch(synth_submissions(1, 600, so)).ok());
  RetrainPolicy policy;
  policy.min_submissions = 1000;
  policy.refresh_after = 1500;
  auto not_yet = box->retrain_dictionary(policy);
  ASSERT_TRUE(not_yet.ok()) << not_yet.error().message;
  EXPECT_EQ(*not_yet, kNoDictionary) << "trained before min_submissions";

  ASSERT_TRUE(box->submit_batch(synth_submissions(2, 600, so)).ok());
  auto before = read_all(*box);
  ASSERT_EQ(before.size(), 1200u);
  auto first = box->retrain_dictionary(policy);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_NE(*first, kNoDictionary);
  EXPECT_NE(*first, shipped);
  EXPECT_EQ(box->stats()->active_dictionary, *first);
  // Not due again until refresh_after more submissions.
  EXPECT_EQ(*box->retrain_dictionary(policy), kNoDictionary);

  // Every row reads back exactly, on both connections; new rows use the new dictionary.
  EXPECT_EQ(read_all(*box), before);
  auto r1 = box->submit(synth_submissions(3, 1, so)[0]);
  auto r2 = other->submit(synth_submissions(4, 1, so)[0]);
  ASSERT_TRUE(r1.ok() && r2.ok());
  EXPECT_EQ(box->find(r1->uuid)->dict_id, *first);
  EXPECT_EQ(other->find(r2->uuid)->dict_id, *first) << "the other connection did not follow the retraining";
  EXPECT_EQ(read_all(*other).size(), 1202u);

  // Reopened with the shipped dictionary configured, the kiosk's own stays in use.
  box = Outbox::open(opts);
  ASSERT_TRUE(box.ok());
  EXPECT_EQ(box->stats()->active_dictionary, *first);

  // After refresh_after more: a second one; rows of all three dictionaries read back.
  ASSERT_TRUE(box->submit_batch(synth_submissions(5, 1500, so)).ok());
  auto second = box->retrain_dictionary(policy);
  ASSERT_TRUE(second.ok()) << second.error().message;
  ASSERT_NE(*second, kNoDictionary);
  EXPECT_NE(*second, *first);
  ASSERT_TRUE(box->submit(synth_submissions(6, 1, so)[0]).ok());
  EXPECT_EQ(dict_ids_in_use(box->handle()),
            (std::set<std::int64_t>{shipped, *first, *second}));
  auto all = read_all(*box);
  EXPECT_EQ(all.size(), 2703u);
  for (const auto& [uuid, s] : before) EXPECT_EQ(all.at(uuid), s);
  EXPECT_EQ(count_rows(box->handle(), "dictionaries"), 3);
  // Claims and purges decode them too.
  auto claimed = box->claim_due("openklant", 5000, std::size_t{1} << 30);
  ASSERT_TRUE(claimed.ok()) << claimed.error().message;
  EXPECT_GT(claimed->size(), 1000u);
  EXPECT_EQ(*box->integrity_check(), "ok");
}

TEST(outbox_test, rows_stored_before_payload_v2_stay_readable) {
  TempDir dir;
  auto opts = options_for(dir / "outbox.sqlite");
  auto box = Outbox::open(opts);
  ASSERT_TRUE(box.ok());
  auto receipt = box->submit(test::sample_report());
  ASSERT_TRUE(receipt.ok());
  auto stored = box->find(receipt->uuid);
  ASSERT_TRUE(stored.ok());
  // Rewrite the row as the previous version stored it: a zstd frame of the JSON, same dictionary.
  Codec v1;
  ASSERT_TRUE(v1.add_dictionary(*opts.dictionary, true).ok());
  auto frame = v1.compress(to_json(stored->submission).dump());
  ASSERT_TRUE(frame.ok());
  EXPECT_EQ(payload_version(*frame), 1);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(box->handle(), "UPDATE submissions SET payload = ? WHERE uuid = ?", -1, &st, nullptr);
  sqlite3_bind_blob(st, 1, frame->data(), static_cast<int>(frame->size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, receipt->uuid.c_str(), -1, SQLITE_TRANSIENT);
  ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
  sqlite3_finalize(st);
  auto again = box->find(receipt->uuid);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->submission, stored->submission);
  auto claimed = box->claim_due("signalen", 10, 1 << 20);
  ASSERT_TRUE(claimed.ok()) << claimed.error().message;
  ASSERT_EQ(claimed->size(), 1u);
  EXPECT_EQ((*claimed)[0].submission, stored->submission);
}

// ---- Stats from delivery_counts (migration 6) --------------------------------------------------------

namespace {
// What stats() must report: the deliveries table counted the slow way.
std::map<std::string, std::map<std::string, std::int64_t>> counted(sqlite3* db) {
  std::map<std::string, std::map<std::string, std::int64_t>> out;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT channel, state, count(*) FROM deliveries GROUP BY channel, state", -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW)
    out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))][reinterpret_cast<const char*>(sqlite3_column_text(st, 1))] =
        sqlite3_column_int64(st, 2);
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
  ASSERT_EQ(sqlite3_exec(box->handle(), "DELETE FROM submissions WHERE id <= 10", nullptr, nullptr, nullptr), SQLITE_OK);
  check("delete");
  // The oldest open submission and the problems list, through the queue index.
  auto st = box->stats();
  ASSERT_TRUE(st.ok());
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(box->handle(),
                     "SELECT s.created_at FROM submissions s JOIN deliveries d ON d.submission_id = s.id "
                     "WHERE d.state <> 'delivered' ORDER BY s.id LIMIT 1", -1, &q, nullptr);
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
    ASSERT_EQ(sqlite3_exec(box->handle(),
                           "DROP TRIGGER delivery_counts_insert; DROP TRIGGER delivery_counts_delete; "
                           "DROP TRIGGER delivery_counts_update; DROP TABLE delivery_counts; PRAGMA user_version = 5;",
                           nullptr, nullptr, nullptr), SQLITE_OK);
  }
  auto box = Outbox::open(options_for(path));
  ASSERT_TRUE(box.ok()) << box.error().message;
  EXPECT_EQ(box->schema_version(), 6);
  EXPECT_EQ(box->stats()->deliveries, counted(box->handle()));
  ASSERT_TRUE(box->submit_batch(synth_submissions(9, 20)).ok());
  EXPECT_EQ(box->stats()->deliveries, counted(box->handle()));
}

// A dead run's claims: those its journal proves unsent are due at once, keep their uncertainty and
// give back the attempt their claim counted; the others are uncertain, due after the grace. A claim
// of another run than the journal's, or with no journal to trust, counts as possibly sent.
TEST(outbox_test, take_back_claims_tells_unsent_claims_from_possibly_sent_ones) {
  TempDir dir;
  FakeClock clock;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite", &clock));
  ASSERT_TRUE(box.ok()) << box.error().message;
  std::vector<Receipt> receipts;
  std::vector<std::int64_t> rows;
  ASSERT_NO_FATAL_FAILURE(submit_questions(*box, 4, receipts, rows));
  box->set_claim_run(5);
  ASSERT_EQ(box->claim_due("openklant", 3, 1 << 20)->size(), 3u);
  box->set_claim_run(6);
  ASSERT_EQ(box->claim_due("openklant", 3, 1 << 20)->size(), 1u);
  const std::int64_t claimed_at = clock.now_ms();
  clock.advance(1'000);

  std::set<std::pair<std::string, std::int64_t>> sent{{"openklant", rows[0]}};
  auto back = box->take_back_claims(5, sent, 30'000);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->unsent["openklant"], 2u);       // rows 1 and 2
  EXPECT_EQ(back->maybe_sent["openklant"], 2u);   // row 0 (journalled) and row 3 (run 6: no journal)

  auto due = box->claim_due("openklant", 10, 1 << 20);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 2u);
  for (const auto& d : *due) {
    EXPECT_TRUE(d.row_id == rows[1] || d.row_id == rows[2]);
    EXPECT_FALSE(d.uncertain);
    EXPECT_FALSE(d.lost_claim);
    EXPECT_EQ(d.attempts, 0);
  }
  auto zero = box->find(receipts[0].uuid);
  auto ok = std::find_if(zero->deliveries.begin(), zero->deliveries.end(), [](const Delivery& d) { return d.channel == "openklant"; });
  ASSERT_NE(ok, zero->deliveries.end());
  EXPECT_EQ(ok->state, DeliveryState::retry);
  EXPECT_EQ(ok->next_attempt_ms, claimed_at + 30'000);
  clock.advance(30'000);
  auto later = box->claim_due("openklant", 10, 1 << 20);
  ASSERT_EQ(later->size(), 2u);
  for (const auto& d : *later) EXPECT_TRUE(d.uncertain);
  // Nothing is in flight once taken back twice (the second time, the claims just made).
  ASSERT_TRUE(box->take_back_claims(0, {}, 0).ok());
  EXPECT_EQ(box->stats()->deliveries["openklant"].count("in_flight"), 0u);
}
