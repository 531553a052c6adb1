// Tests for the outbox's side tables and retention (outbox_side.cpp): purge, news, a damaged channel state.
#include "kiosk/sync/outbox.hpp"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "outbox_support.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace kiosk::test;  // TempDir, options_for, count_rows

TEST(outbox_side_test, purge_removes_personal_data_after_retention_only_when_all_delivered) {
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

TEST(outbox_side_test, news_upsert_and_latest_first) {
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

// Crisis news: the urgent flag is stored, and follows the channel (an unpinned status is ordinary again).
TEST(outbox_side_test, news_urgent_flag_is_stored_and_updated) {
  TempDir dir;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite"));
  ASSERT_TRUE(box.ok());
  NewsItem n{"mastodon", "7", 1000, "nl", "Drink geen kraanwater in Noord.", "", true};
  EXPECT_TRUE(*box->upsert_news(n));
  EXPECT_TRUE(*box->upsert_news({"mastodon", "8", 2000, "nl", "Nieuwe speeltuin in het park.", ""}));
  auto news = box->latest_news(10);
  ASSERT_EQ(news->size(), 2u);
  EXPECT_FALSE((*news)[0].urgent);
  EXPECT_TRUE((*news)[1].urgent);
  n.urgent = false;
  EXPECT_TRUE(*box->upsert_news(n));
  EXPECT_FALSE((*box->latest_news(10))[1].urgent);
}

// The pacing list is written by the engine only; a damaged one (a bad disk block, a hand edit) costs its
// damaged entries, never an exception out of the library.
TEST(outbox_side_test, a_damaged_pacing_list_loses_only_its_damaged_entries) {
  TempDir dir;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite"));
  ASSERT_TRUE(box.ok()) << box.error().message;
  ASSERT_EQ(sqlite3_exec(box->handle(),
                         "INSERT INTO channel_state (channel, sent_times) "
                         "VALUES ('signalen', '1000,x7,,99999999999999999999999,12ab,2000')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  auto st = box->channel_state("signalen");
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(st->sent_times, (std::vector<std::int64_t>{1000, 2000}));
}

TEST(outbox_side_test, every_status_change_and_every_answer_is_kept_in_order) {
  TempDir dir;
  FakeClock clock;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite", &clock));
  ASSERT_TRUE(box.ok());
  auto a = *box->submit(test::sample_question());
  auto row = box->find(a.reference)->row_id;
  ASSERT_TRUE(box->mark_delivered(row, "openklant", "k1", "").ok());
  ASSERT_TRUE(box->mark_delivered(row, "mastodon", "m1", "").ok());
  clock.advance(60'000);
  ASSERT_TRUE(box->set_remote_status(row, "openklant", "open").ok());
  clock.advance(60'000);
  ASSERT_TRUE(box->add_answer(row, Answer{"mastodon", clock.now_ms(), "Zie ons antwoord hieronder.", "s1"}).ok());
  clock.advance(60'000);
  ASSERT_TRUE(box->set_remote_status(row, "openklant", "open").ok());  // unchanged: no new row
  ASSERT_TRUE(box->set_remote_status(row, "openklant", "beantwoord").ok());
  ASSERT_TRUE(box->add_answer(row, Answer{"openklant", clock.now_ms(), "Het grofvuil komt op dinsdag.", "k1:r"}).ok());

  auto st = box->find(a.reference);
  ASSERT_TRUE(st.ok());
  ASSERT_EQ(st->status_changes.size(), 2u);
  EXPECT_EQ(st->status_changes[0].status, "open");
  EXPECT_EQ(st->status_changes[1].status, "beantwoord");
  EXPECT_LT(st->status_changes[0].changed_ms, st->status_changes[1].changed_ms);
  EXPECT_EQ(st->status_changes[1].channel, "openklant");
  ASSERT_EQ(st->answers.size(), 2u);  // the webcare reply does not hide the KCC's answer
  EXPECT_EQ(st->answers[0].channel, "mastodon");
  EXPECT_EQ(st->answers[1].channel, "openklant");
}
