// Tests for the outbox's delivery queue (outbox_queue.cpp): the delivery state machine, claims and
// their budgets, record_and_claim, and taking back a dead run's claims.
#include "kiosk/sync/outbox.hpp"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "outbox_support.hpp"
#include "test_support.hpp"

using namespace kiosk;
using namespace kiosk::test;  // TempDir, options_for, count_rows

TEST(outbox_queue_test, delivery_state_machine) {
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
  for (const auto& d : parked->deliveries)
    if (d.channel == "openklant") p = &d;
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

TEST(outbox_queue_test, claim_respects_the_byte_budget) {
  TempDir dir;
  auto box = Outbox::open(options_for(dir / "outbox.sqlite"));
  ASSERT_TRUE(box.ok());
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(box->submit(test::sample_report()).ok());
  auto one = box->find(box->list()->front().reference);
  auto batch = box->claim_due("signalen", 10, one->raw_bytes * 3 + 1);
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(batch->size(), 3u);
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
TEST(outbox_queue_test, record_and_claim_records_outcomes_and_claims_the_next_batch) {
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
TEST(outbox_queue_test, record_and_claim_without_outcomes_saves_the_state_and_claims) {
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
TEST(outbox_queue_test, record_and_claim_changes_nothing_when_it_fails) {
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
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  ASSERT_EQ(sqlite3_exec(db, ("UPDATE submissions SET payload = x'0011223344556677' WHERE id = " + id).c_str(), nullptr,
                         nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  auto broken = box->record_and_claim(updates(), after, "openklant", 2, 1 << 20);
  ASSERT_FALSE(broken.ok()) << "a damaged payload was claimed";
  EXPECT_EQ(broken.error().code, Errc::codec) << broken.error().message;
  expect_untouched("after a failed claim");

  // Repaired, the same call goes through as a whole.
  ASSERT_EQ(sqlite3_exec(db, ("UPDATE submissions SET payload = (SELECT payload FROM kept) WHERE id = " + id).c_str(),
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
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

// A dead run's claims: those its journal proves unsent are due at once, keep their uncertainty and
// give back the attempt their claim counted; the others are uncertain, due after the grace. A claim
// of another run than the journal's, or with no journal to trust, counts as possibly sent.
TEST(outbox_queue_test, take_back_claims_tells_unsent_claims_from_possibly_sent_ones) {
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
  EXPECT_EQ(back->unsent["openklant"], 2u);      // rows 1 and 2
  EXPECT_EQ(back->maybe_sent["openklant"], 2u);  // row 0 (journalled) and row 3 (run 6: no journal)

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
  auto ok = std::find_if(zero->deliveries.begin(), zero->deliveries.end(),
                         [](const Delivery& d) { return d.channel == "openklant"; });
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
