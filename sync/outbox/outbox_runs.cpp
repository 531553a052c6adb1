// The outbox's run records and "sync now" requests (run_record.hpp).
#include <algorithm>

#include "kiosk/sync/outbox.hpp"
#include "outbox_impl.hpp"

namespace kiosk {

using sqlite::Stmt;
using sqlite::Transaction;

namespace {

constexpr std::string_view kChannelColumns =
    "channel, queued, delivered, retried, parked, answers, wait, wait_until, waiting_rows, failures, circuit, "
    "last_error, pending, parked_total, oldest_pending, last_success, last_delivery";

Wait parse_wait(std::string_view s) {
  for (Wait w : {Wait::paced, Wait::tally, Wait::backoff, Wait::circuit_open})
    if (wait_name(w) == s) return w;
  return Wait::none;
}

}  // namespace

Result<std::int64_t> Outbox::record_run(RunRecord& run, std::int64_t keep_ms) {
  auto guard = m->guard();
  Transaction tx(m->db);
  if (auto r = tx.begin(); !r) return r.error();
  auto fail = [&](int rc) { return m->fail(rc, "cannot record the sync run"); };
  // The queue after the run, per channel: the trigger-kept counts, and the oldest open submission (one
  // index seek per open state, as in stats()).
  for (auto& c : run.channels) {
    Stmt counts(m->db, "SELECT state, n FROM delivery_counts WHERE channel = ?");
    if (auto r = m->check(counts, "cannot record the sync run"); !r) return r.error();
    counts.bind(1, c.channel);
    c.pending = c.parked_total = 0;
    while (counts.step() == SQLITE_ROW) {
      std::string state = counts.text(0);
      if (state == "parked") c.parked_total += counts.i64(1);
      else if (state != "delivered") c.pending += counts.i64(1);
    }
    Stmt oldest(m->db, "SELECT min(created_at) FROM submissions WHERE id IN (SELECT (SELECT min(submission_id) FROM "
                       "deliveries WHERE channel = ?1 AND state = s.state) FROM (SELECT 'pending' AS state UNION ALL "
                       "SELECT 'retry' UNION ALL SELECT 'in_flight') s)");
    if (auto r = m->check(oldest, "cannot record the sync run"); !r) return r.error();
    oldest.bind(1, c.channel);
    c.oldest_pending_ms = oldest.step() == SQLITE_ROW ? oldest.i64(0) : 0;
    Stmt state(m->db, "SELECT last_success FROM channel_state WHERE channel = ?");
    if (auto r = m->check(state, "cannot record the sync run"); !r) return r.error();
    state.bind(1, c.channel);
    c.last_success_ms = state.step() == SQLITE_ROW ? state.i64(0) : 0;
    if (c.delivered > 0) {
      c.last_delivery_ms = run.ended_ms;
    } else {
      // Carried from the channel's previous record; the first record after the upgrade asks the
      // deliveries once.
      Stmt prev(m->db,
                "SELECT coalesce((SELECT last_delivery FROM sync_run_channels WHERE channel = ?1 ORDER BY run_id DESC "
                "LIMIT 1), (SELECT max(delivered_at) FROM deliveries WHERE channel = ?1 AND state = 'delivered'), 0)");
      if (auto r = m->check(prev, "cannot record the sync run"); !r) return r.error();
      prev.bind(1, c.channel);
      c.last_delivery_ms = prev.step() == SQLITE_ROW ? prev.i64(0) : 0;
    }
  }
  Stmt ins(m->db,
           "INSERT INTO sync_runs (format, source, started_at, ended_at, exit_code, error) VALUES (?, ?, ?, ?, ?, ?)");
  if (auto r = m->check(ins, "cannot record the sync run"); !r) return r.error();
  ins.bind(1, kRunRecordFormat)
      .bind(2, run.source)
      .bind(3, run.started_ms)
      .bind(4, run.ended_ms)
      .bind(5, run.exit_code)
      .bind(6, run.error);
  if (int rc = ins.step(); rc != SQLITE_DONE) return fail(rc);
  run.id = sqlite3_last_insert_rowid(m->db);
  Stmt ch(m->db, "INSERT INTO sync_run_channels (run_id, " + std::string(kChannelColumns) +
                     ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (auto r = m->check(ch, "cannot record the sync run"); !r) return r.error();
  for (const auto& c : run.channels) {
    ch.reset()
        .bind(1, run.id)
        .bind(2, c.channel)
        .bind(3, c.queued)
        .bind(4, c.delivered)
        .bind(5, c.retried)
        .bind(6, c.parked)
        .bind(7, c.answers)
        .bind(8, wait_name(c.wait))
        .bind(9, c.wait_until_ms)
        .bind(10, c.waiting_rows)
        .bind(11, c.failures)
        .bind(12, c.circuit)
        .bind(13, c.last_error)
        .bind(14, c.pending)
        .bind(15, c.parked_total)
        .bind(16, c.oldest_pending_ms)
        .bind(17, c.last_success_ms)
        .bind(18, c.last_delivery_ms);
    if (int rc = ch.step(); rc != SQLITE_DONE) return fail(rc);
  }
  // Requests made before the run started are answered by it; later ones wait for the next run.
  Stmt answer(m->db, "UPDATE sync_requests SET run_id = ?1 WHERE run_id = 0 AND requested_at <= ?2");
  if (auto r = m->check(answer, "cannot record the sync run"); !r) return r.error();
  answer.bind(1, run.id).bind(2, run.started_ms);
  if (int rc = answer.step(); rc != SQLITE_DONE) return fail(rc);
  run.requests_answered = sqlite3_changes(m->db);
  Stmt answered(m->db, "UPDATE sync_runs SET requests_answered = ? WHERE id = ?");
  if (auto r = m->check(answered, "cannot record the sync run"); !r) return r.error();
  answered.bind(1, run.requests_answered).bind(2, run.id);
  if (int rc = answered.step(); rc != SQLITE_DONE) return fail(rc);
  // Pruning: older than keep_ms, but never the newest 100 (a kiosk switched off for weeks keeps its past).
  Stmt prune(m->db, "DELETE FROM sync_runs WHERE started_at < ?1 AND id <= ?2 - 100");
  if (auto r = m->check(prune, "cannot record the sync run"); !r) return r.error();
  prune.bind(1, run.ended_ms - keep_ms).bind(2, run.id);
  if (int rc = prune.step(); rc != SQLITE_DONE) return fail(rc);
  Stmt prune_requests(m->db, "DELETE FROM sync_requests WHERE run_id <> 0 AND requested_at < ?");
  if (auto r = m->check(prune_requests, "cannot record the sync run"); !r) return r.error();
  prune_requests.bind(1, run.ended_ms - keep_ms);
  if (int rc = prune_requests.step(); rc != SQLITE_DONE) return fail(rc);
  if (auto r = tx.commit(); !r) return r.error();
  return run.id;
}

Result<std::vector<RunRecord>> Outbox::runs(std::size_t limit, std::int64_t since_ms) {
  auto guard = m->guard();
  std::vector<RunRecord> out;
  Stmt st(m->db, "SELECT id, source, started_at, ended_at, exit_code, error, requests_answered FROM sync_runs "
                 "WHERE started_at >= ? ORDER BY id DESC LIMIT ?");
  if (auto r = m->check(st, "cannot read the sync runs"); !r) return r.error();
  st.bind(1, since_ms).bind(2, static_cast<std::int64_t>(limit));
  Stmt ch(m->db,
          "SELECT " + std::string(kChannelColumns) + " FROM sync_run_channels WHERE run_id = ? ORDER BY channel");
  if (auto r = m->check(ch, "cannot read the sync runs"); !r) return r.error();
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) {
    RunRecord r;
    r.id = st.i64(0);
    r.source = st.text(1);
    r.started_ms = st.i64(2);
    r.ended_ms = st.i64(3);
    r.exit_code = static_cast<int>(st.i64(4));
    r.error = st.text(5);
    r.requests_answered = static_cast<int>(st.i64(6));
    ch.reset().bind(1, r.id);
    int crc;
    while ((crc = ch.step()) == SQLITE_ROW) {
      ChannelRun c;
      c.channel = ch.text(0);
      c.queued = ch.i64(1);
      c.delivered = ch.i64(2);
      c.retried = ch.i64(3);
      c.parked = ch.i64(4);
      c.answers = ch.i64(5);
      c.wait = parse_wait(ch.text(6));
      c.wait_until_ms = ch.i64(7);
      c.waiting_rows = ch.i64(8);
      c.failures = static_cast<int>(ch.i64(9));
      c.circuit = ch.text(10);
      c.last_error = ch.text(11);
      c.pending = ch.i64(12);
      c.parked_total = ch.i64(13);
      c.oldest_pending_ms = ch.i64(14);
      c.last_success_ms = ch.i64(15);
      c.last_delivery_ms = ch.i64(16);
      r.channels.push_back(std::move(c));
    }
    if (crc != SQLITE_DONE) return m->fail(crc, "cannot read the sync runs");
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot read the sync runs");
  return out;
}

Result<std::int64_t> Outbox::request_sync() {
  auto guard = m->guard();
  Stmt st(m->db, "INSERT INTO sync_requests (requested_at) VALUES (?)");
  if (auto r = m->check(st, "cannot ask for a sync"); !r) return r.error();
  st.bind(1, m->now());
  if (int rc = st.step(); rc != SQLITE_DONE) return m->fail(rc, "cannot ask for a sync");
  return sqlite3_last_insert_rowid(m->db);
}

Result<std::optional<SyncRequest>> Outbox::sync_request(std::int64_t id) {
  auto guard = m->guard();
  Stmt st(m->db, "SELECT requested_at, run_id FROM sync_requests WHERE id = ?");
  if (auto r = m->check(st, "cannot read the sync request"); !r) return r.error();
  st.bind(1, id);
  int rc = st.step();
  if (rc == SQLITE_DONE) return std::optional<SyncRequest>();
  if (rc != SQLITE_ROW) return m->fail(rc, "cannot read the sync request");
  return std::optional<SyncRequest>(SyncRequest{id, st.i64(0), st.i64(1)});
}

Result<std::size_t> Outbox::open_sync_requests() {
  auto guard = m->guard();
  Stmt st(m->db, "SELECT count(*) FROM sync_requests WHERE run_id = 0");
  if (auto r = m->check(st, "cannot read the sync requests"); !r) return r.error();
  if (int rc = st.step(); rc != SQLITE_ROW) return m->fail(rc, "cannot read the sync requests");
  return static_cast<std::size_t>(st.i64(0));
}

}  // namespace kiosk
