// Tests for the outbox's payload dictionaries (outbox_dictionary.cpp): old rows stay readable after a
// new dictionary, retraining on the kiosk's own submissions, and payloads from before format v2.
#include "kiosk/sync/outbox.hpp"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "kiosk/sync/synth.hpp"
#include "outbox_support.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace kiosk::test;  // TempDir, options_for, count_rows

TEST(outbox_dictionary_test, old_rows_stay_readable_after_a_new_dictionary) {
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

TEST(outbox_dictionary_test, retrains_on_its_own_submissions_and_every_row_stays_readable) {
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
  EXPECT_EQ(dict_ids_in_use(box->handle()), (std::set<std::int64_t>{shipped, *first, *second}));
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

TEST(outbox_dictionary_test, rows_stored_before_payload_v2_stay_readable) {
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
