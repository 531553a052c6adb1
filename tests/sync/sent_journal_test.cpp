// The sent journal: what it lists is read back exactly; anything damaged or of another format proves
// nothing (no run id), so its claims count as possibly sent.
#include "kiosk/sync/sent_journal.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "test_support.hpp"

using namespace kiosk;

TEST(sent_journal_test, lists_what_was_recorded_with_its_run_and_boot) {
  test::TempDir dir;
  auto file = dir / "outbox.sqlite.sent-journal";
  {
    auto j = SentJournal::start(file, 4242, "boot-a");
    ASSERT_TRUE(j.ok()) << j.error().message;
    EXPECT_TRUE(j->record("signalen", {3, 5}));
    EXPECT_TRUE(j->record("openklant", {3}));
  }
  auto c = SentJournal::read(file);
  EXPECT_EQ(c.run_id, 4242);
  EXPECT_EQ(c.boot_id, "boot-a");
  EXPECT_EQ(c.sent.size(), 3u);
  EXPECT_TRUE(c.sent.count({"signalen", 5}));
  EXPECT_TRUE(c.sent.count({"openklant", 3}));
  EXPECT_FALSE(c.sent.count({"openklant", 5}));
}

TEST(sent_journal_test, a_new_run_starts_its_own_section_and_the_old_ones_stay_until_the_cap) {
  test::TempDir dir;
  auto file = dir / "j";
  ASSERT_TRUE(SentJournal::start(file, 1, "b")->record("signalen", {9}));
  ASSERT_TRUE(SentJournal::start(file, 2, "b")->record("signalen", {10}));
  auto c = SentJournal::read(file);
  EXPECT_EQ(c.run_id, 2);
  EXPECT_EQ(c.sent.size(), 1u);
  EXPECT_TRUE(c.sent.count({"signalen", 10}));
  EXPECT_EQ(SentJournal::read(file, true).sent.size(), 2u);
  // Past the cap the next run starts the file afresh.
  std::vector<std::int64_t> many(kSentJournalCapBytes / 10, 12345);
  ASSERT_TRUE(SentJournal::start(file, 3, "b")->record("signalen", many));
  ASSERT_TRUE(SentJournal::start(file, 4, "b").ok());
  EXPECT_LT(std::filesystem::file_size(file), 100u);
  EXPECT_TRUE(SentJournal::read(file, true).sent.empty());
}

TEST(sent_journal_test, a_cut_last_record_is_ignored_and_a_damaged_one_voids_the_journal) {
  test::TempDir dir;
  auto file = dir / "j";
  std::ofstream(file) << "kiosk-sent-journal 1 run=7 boot=b\n12 signalen\n13 sig";
  auto c = SentJournal::read(file);
  EXPECT_EQ(c.run_id, 7);
  EXPECT_EQ(c.sent.size(), 1u);
  std::ofstream(file) << "kiosk-sent-journal 1 run=7 boot=b\n12 signalen\nxx signalen\n";
  EXPECT_EQ(SentJournal::read(file).run_id, 0);
  // Damage in an earlier run's section does not void the last one.
  std::ofstream(file) << "kiosk-sent-journal 1 run=6 boot=b\nxx\nkiosk-sent-journal 1 run=7 boot=b\n12 signalen\n";
  EXPECT_EQ(SentJournal::read(file).run_id, 7);
  // A header cut by the end of the file: the run that wrote it had claimed nothing yet.
  std::ofstream(file) << "kiosk-sent-journal 1 run=6 boot=b\n12 signalen\nkiosk-sent-journal 1 run=7 bo";
  EXPECT_EQ(SentJournal::read(file).run_id, 0);
}

TEST(sent_journal_test, a_missing_or_foreign_file_proves_nothing) {
  test::TempDir dir;
  EXPECT_EQ(SentJournal::read(dir / "none").run_id, 0);
  std::ofstream(dir / "v2") << "kiosk-sent-journal 2 run=7 boot=b\n";
  EXPECT_EQ(SentJournal::read(dir / "v2").run_id, 0);
  std::ofstream(dir / "half") << "kiosk-sent-journal 1 run=7 bo";
  EXPECT_EQ(SentJournal::read(dir / "half").run_id, 0);
  std::ofstream(dir / "junk") << "run=abc\n";
  EXPECT_EQ(SentJournal::read(dir / "junk").run_id, 0);
}

TEST(sent_journal_test, a_closed_journal_refuses_to_record) {
  SentJournal j;
  EXPECT_FALSE(j.record("signalen", {1}));
}

TEST(sent_journal_test, the_boot_id_is_the_kernels) {
  EXPECT_EQ(SentJournal::current_boot_id().size(), 36u);  // a UUID, on Linux
}
