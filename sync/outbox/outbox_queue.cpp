// The delivery queue of the outbox (see the state machine in outbox.hpp): claims, outcomes, requeue,
// remote ids and status, followed deliveries and the problems list.
#include "kiosk/sync/outbox.hpp"

#include "outbox_impl.hpp"

namespace kiosk {

using sqlite::Stmt;
using sqlite::Transaction;

Result<std::vector<DueDelivery>> Outbox::claim_due(std::string_view channel, std::size_t max_count,
                                                   std::size_t max_bytes) {
  auto guard = m->guard();
  return due(channel, max_count, max_bytes, true);
}

Result<std::vector<DueDelivery>> Outbox::peek_due(std::string_view channel, std::size_t max_count,
                                                  std::size_t max_bytes) {
  auto guard = m->guard();
  return due(channel, max_count, max_bytes, false);
}

Result<std::vector<DueDelivery>> Outbox::due(std::string_view channel, std::size_t max_count, std::size_t max_bytes,
                                             bool claim) {
  auto guard = m->guard();
  Transaction tx(m->db);
  if (auto r = tx.begin(); !r) return r.error();
  auto out = due_in_tx(channel, max_count, max_bytes, claim);
  if (!out || !claim) return out;  // a peek rolls back: nothing changed
  if (auto r = tx.commit(); !r) return r.error();
  return out;
}

void Outbox::set_claim_run(std::int64_t run_id) {
  auto guard = m->guard();
  m->claim_run = run_id;
}

Result<ClaimsTakenBack> Outbox::take_back_claims(std::int64_t journal_run,
                                                 const std::set<std::pair<std::string, std::int64_t>>& sent,
                                                 std::int64_t uncertain_grace_ms) {
  auto guard = m->guard();
  std::int64_t now_ms = m->now();
  Transaction tx(m->db);
  if (auto r = tx.begin(); !r) return r.error();
  // The claim counted an attempt; an unsent one gives it back, and keeps the uncertainty it had.
  auto unsent =
      m->cached("UPDATE deliveries SET state = 'retry', attempts = max(attempts - 1, 0), next_attempt_at = ?3, "
                "updated_at = ?3, claim_run = 0 WHERE submission_id = ?1 AND channel = ?2 AND state = 'in_flight'");
  auto maybe = m->cached(
      "UPDATE deliveries SET state = 'retry', uncertain = 1, next_attempt_at = updated_at + ?4, updated_at = ?3, "
      "claim_run = 0, last_error = 'the sync stopped while this was being sent; the server is asked whether it "
      "arrived before it is sent again' WHERE submission_id = ?1 AND channel = ?2 AND state = 'in_flight'");
  if (auto r = m->check(*unsent, "cannot take back claims"); !r) return r.error();
  if (auto r = m->check(*maybe, "cannot take back claims"); !r) return r.error();
  struct Claim {
    std::int64_t row;
    std::string channel;
    std::int64_t run;
  };
  std::vector<Claim> claims;
  {
    Stmt st(m->db, "SELECT submission_id, channel, claim_run FROM deliveries WHERE state = 'in_flight'");
    if (auto r = m->check(st, "cannot take back claims"); !r) return r.error();
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) claims.push_back(Claim{st.i64(0), std::string(st.text(1)), st.i64(2)});
    if (rc != SQLITE_DONE) return m->fail(rc, "cannot take back claims");
  }
  ClaimsTakenBack out;
  for (const Claim& c : claims) {
    bool never_sent = journal_run != 0 && c.run == journal_run && !sent.count({c.channel, c.row});
    auto& st = never_sent ? unsent : maybe;
    st->reset().bind(1, c.row).bind(2, c.channel).bind(3, now_ms);
    if (!never_sent) st->bind(4, uncertain_grace_ms);
    if (int rc = st->step(); rc != SQLITE_DONE) return m->fail(rc, "cannot take back claims");
    ++(never_sent ? out.unsent : out.maybe_sent)[c.channel];
  }
  if (auto r = tx.commit(); !r) return r.error();
  return out;
}

Result<std::vector<DueDelivery>> Outbox::record_and_claim(const std::vector<DeliveryUpdate>& updates,
                                                          const ChannelState& state, std::string_view channel,
                                                          std::size_t max_count, std::size_t max_bytes) {
  auto guard = m->guard();
  Transaction tx(m->db);
  if (auto r = tx.begin(); !r) return r.error();
  if (auto r = record_in_tx(updates, &state); !r) return r.error();
  auto out = due_in_tx(channel, max_count, max_bytes, true);
  if (!out) return out;
  if (auto r = tx.commit(); !r) return r.error();
  return out;
}

Result<std::vector<DueDelivery>> Outbox::due_in_tx(std::string_view channel, std::size_t max_count,
                                                   std::size_t max_bytes, bool claim) {
  auto guard = m->guard();
  std::int64_t now_ms = m->now();
  // pending first (oldest submission first), then due retries, then in-flight claims whose lease ran out.
  // Each state is read through the queue index (channel, state, submission_id) and limited on its own,
  // so a claim reads about one batch of rows however long the channel's history is.
  auto st = m->cached(
      "SELECT d.submission_id, d.state, d.attempts, coalesce(d.remote_id, ''), s.payload, s.dict_id, "
      "s.raw_size, s.stored_size, coalesce(s.purged_at, 0), d.uncertain, d.first_attempt_at, d.updated_at "
      "FROM (SELECT * FROM (SELECT submission_id AS id, 1 AS lost FROM deliveries WHERE channel = ?1 "
      "AND state = 'in_flight' AND updated_at <= ?3 AND (claim_run = 0 OR claim_run <> ?5) "
      "ORDER BY submission_id LIMIT ?4) "
      "UNION ALL SELECT * FROM (SELECT submission_id, 0 FROM deliveries WHERE channel = ?1 AND state = 'pending' "
      "ORDER BY submission_id LIMIT ?4) "
      "UNION ALL SELECT * FROM (SELECT submission_id, 0 FROM deliveries WHERE channel = ?1 AND state = 'retry' "
      "AND next_attempt_at <= ?2 ORDER BY submission_id LIMIT ?4)) q "
      "JOIN deliveries d ON d.submission_id = q.id AND d.channel = ?1 JOIN submissions s ON s.id = q.id "
      "ORDER BY q.lost DESC, q.id LIMIT ?4");
  if (auto r = m->check(*st, "cannot claim deliveries"); !r) return r.error();
  // A run's own claims are never lost to itself, however long they wait for an answer.
  st->bind(1, channel)
      .bind(2, now_ms)
      .bind(3, now_ms - m->options.in_flight_lease_ms)
      .bind(4, static_cast<std::int64_t>(max_count))
      .bind(5, m->claim_run);
  std::vector<DueDelivery> out;
  std::size_t bytes = 0;
  int rc;
  while ((rc = st->step()) == SQLITE_ROW) {
    std::size_t raw = static_cast<std::size_t>(st->i64(6));
    if (!out.empty() && bytes + raw > max_bytes) break;
    DueDelivery d;
    d.row_id = st->i64(0);
    d.channel = std::string(channel);
    d.lost_claim = st->text(1) == "in_flight";
    d.uncertain = d.lost_claim || st->i64(9) != 0;
    d.first_attempt_ms = st->i64(10) ? st->i64(10) : now_ms;
    d.last_attempt_ms = st->i64(11);
    d.attempts = static_cast<int>(st->i64(2));
    d.remote_id = st->text(3);
    auto sub = m->decode_stored(st->blob(4), static_cast<std::uint32_t>(st->i64(5)), d.row_id);
    if (!sub) return sub.error();
    d.submission = std::move(*sub);
    bytes += raw;
    out.push_back(std::move(d));
  }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return m->fail(rc, "cannot claim deliveries");
  st->reset();
  if (!claim) return out;
  auto up =
      m->cached("UPDATE deliveries SET state = 'in_flight', attempts = attempts + 1, updated_at = ?1, "
                "first_attempt_at = CASE first_attempt_at WHEN 0 THEN ?1 ELSE first_attempt_at END, claim_run = ?4 "
                "WHERE submission_id = ?2 AND channel = ?3");
  for (const auto& d : out) {
    up->reset().bind(1, now_ms).bind(2, d.row_id).bind(3, channel).bind(4, m->claim_run);
    if ((rc = up->step()) != SQLITE_DONE) return m->fail(rc, "cannot claim deliveries");
  }
  return out;
}

Result<void> Outbox::Impl::set_state(std::int64_t row_id, std::string_view channel, std::string_view sql,
                                     const std::function<void(Stmt&)>& bind_extra) {
  auto st = cached(sql);
  if (auto r = check(*st, "cannot update the delivery"); !r) return r;
  st->bind(1, row_id).bind(2, channel).bind(3, now());
  bind_extra(*st);
  int rc = st->step();
  if (rc != SQLITE_DONE) return fail(rc, "cannot update the delivery");
  if (sqlite3_changes(db) == 0)
    return make_error(Errc::not_found,
                      "no delivery of submission " + std::to_string(row_id) + " to " + std::string(channel));
  return {};
}

Result<void> Outbox::mark_delivered(std::int64_t row_id, std::string_view channel, std::string_view remote_id,
                                    std::string_view remote_display) {
  auto guard = m->guard();
  return m
      ->set_state(row_id, channel,
                  "UPDATE deliveries SET state = 'delivered', updated_at = ?3, delivered_at = ?3, last_error = NULL, "
                  "uncertain = 0, "
                  "remote_id = ?4, remote_display = ?5 WHERE submission_id = ?1 AND channel = ?2",
                  [&](Stmt& st) { st.bind_opt(4, remote_id).bind_opt(5, remote_display); });
}

Result<void> Outbox::mark_retry(std::int64_t row_id, std::string_view channel, std::int64_t next_attempt_ms,
                                std::string_view error) {
  auto guard = m->guard();
  return m->set_state(row_id, channel,
                      "UPDATE deliveries SET state = 'retry', updated_at = ?3, next_attempt_at = ?4, last_error = ?5 "
                      "WHERE submission_id = ?1 AND channel = ?2 AND state <> 'delivered'",
                      [&](Stmt& st) { st.bind(4, next_attempt_ms).bind(5, error); });
}

Result<void> Outbox::mark_parked(std::int64_t row_id, std::string_view channel, std::string_view reason) {
  auto guard = m->guard();
  return m->set_state(row_id, channel,
                      "UPDATE deliveries SET state = 'parked', updated_at = ?3, parked_reason = ?4, uncertain = 0 "
                      "WHERE submission_id = ?1 AND channel = ?2 AND state <> 'delivered'",
                      [&](Stmt& st) { st.bind(4, reason); });
}

Result<std::size_t> Outbox::requeue_parked(std::string_view channel) {
  auto guard = m->guard();
  Stmt st(m->db, "UPDATE deliveries SET state = 'pending', parked_reason = NULL, next_attempt_at = 0, updated_at = ? "
                 "WHERE state = 'parked' AND (? = '' OR channel = ?)");
  if (auto r = m->check(st, "cannot requeue"); !r) return r.error();
  st.bind(1, m->now()).bind(2, channel).bind(3, channel);
  int rc = st.step();
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot requeue");
  return static_cast<std::size_t>(sqlite3_changes(m->db));
}

Result<void> Outbox::set_remote_status(std::int64_t row_id, std::string_view channel, std::string_view status) {
  auto guard = m->guard();
  return m
      ->set_state(row_id, channel,
                  "UPDATE deliveries SET updated_at = ?3, remote_status = ?4 WHERE submission_id = ?1 AND channel = ?2",
                  [&](Stmt& st) { st.bind(4, status); });
}

Result<bool> Outbox::remote_id_taken(std::string_view channel, std::string_view remote_id, std::int64_t except_row) {
  auto guard = m->guard();
  auto st = m->cached("SELECT 1 FROM deliveries WHERE channel = ? AND remote_id = ? AND submission_id <> ? LIMIT 1");
  if (auto r = m->check(*st, "cannot look up remote ids"); !r) return r.error();
  st->bind(1, channel).bind(2, remote_id).bind(3, except_row);
  int rc = st->step();
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot look up remote ids");
  return false;
}

Result<void> Outbox::set_remote_id(std::int64_t row_id, std::string_view channel, std::string_view remote_id) {
  auto guard = m->guard();
  return m->set_state(row_id, channel,
                      "UPDATE deliveries SET updated_at = ?3, remote_id = ?4 WHERE submission_id = ?1 AND channel = ?2",
                      [&](Stmt& st) { st.bind(4, remote_id); });
}

Result<void> Outbox::record(const std::vector<DeliveryUpdate>& updates, const ChannelState* state) {
  auto guard = m->guard();
  if (updates.empty()) return state ? save_channel_state(*state) : Result<void>{};
  Transaction tx(m->db);
  if (auto r = tx.begin(); !r) return r;
  if (auto r = record_in_tx(updates, state); !r) return r;
  return tx.commit();
}

Result<void> Outbox::record_in_tx(const std::vector<DeliveryUpdate>& updates, const ChannelState* state) {
  auto guard = m->guard();
  std::int64_t now_ms = m->now();
  auto done =
      m->cached("UPDATE deliveries SET state = 'delivered', updated_at = ?3, delivered_at = ?3, last_error = NULL, "
                "uncertain = 0, remote_id = ?4, remote_display = ?5 WHERE submission_id = ?1 AND channel = ?2 "
                "AND state <> 'delivered'");
  auto retry =
      m->cached("UPDATE deliveries SET state = 'retry', updated_at = ?3, next_attempt_at = ?4, last_error = ?5, "
                "uncertain = ?6, remote_id = coalesce(?7, remote_id) WHERE submission_id = ?1 AND channel = ?2 "
                "AND state <> 'delivered'");
  auto park = m->cached("UPDATE deliveries SET state = 'parked', updated_at = ?3, parked_reason = ?4, last_error = ?4, "
                        "uncertain = 0 WHERE submission_id = ?1 AND channel = ?2 AND state <> 'delivered'");
  for (auto* st : {&*done, &*retry, &*park})
    if (auto r = m->check(*st, "cannot record delivery outcomes"); !r) return r;
  for (const auto& u : updates) {
    Stmt* st = nullptr;
    switch (u.state) {
      case DeliveryState::delivered:
        st = &*done;
        done->reset().bind(4, u.remote_id).bind_opt(5, u.remote_display);
        break;
      case DeliveryState::retry:
        st = &*retry;
        retry->reset()
            .bind(4, u.next_attempt_ms)
            .bind(5, u.error)
            .bind(6, u.uncertain ? 1 : 0)
            .bind_opt(7, u.remote_id);
        break;
      case DeliveryState::parked:
        st = &*park;
        park->reset().bind(4, u.error);
        break;
      default: return make_error(Errc::invalid_value, "record() takes delivered, retry or parked outcomes");
    }
    st->bind(1, u.row_id).bind(2, u.channel).bind(3, now_ms);
    if (int rc = st->step(); rc != SQLITE_DONE) return m->fail(rc, "cannot record delivery outcomes");
  }
  if (state)
    if (auto r = m->write_channel_state(*state); !r) return r;
  return {};
}

Result<std::vector<RemoteRef>> Outbox::followed(std::string_view channel, std::int64_t since_ms,
                                                std::string_view closed_status, std::size_t limit) {
  auto guard = m->guard();
  auto st =
      m->cached("SELECT d.submission_id, s.uuid, s.reference, d.remote_id, coalesce(d.remote_status, ''), "
                "coalesce(d.delivered_at, 0) FROM deliveries d JOIN submissions s ON s.id = d.submission_id "
                "WHERE d.channel = ?1 AND d.state = 'delivered' AND d.remote_id IS NOT NULL AND d.delivered_at >= ?2 "
                "AND coalesce(d.remote_status, '') <> ?3 ORDER BY d.updated_at LIMIT ?4");
  if (auto r = m->check(*st, "cannot list followed deliveries"); !r) return r.error();
  st->bind(1, channel).bind(2, since_ms).bind(3, closed_status).bind(4, static_cast<std::int64_t>(limit));
  std::vector<RemoteRef> out;
  int rc;
  while ((rc = st->step()) == SQLITE_ROW)
    out.push_back(RemoteRef{st->i64(0), st->text(1), st->text(2), st->text(3), st->text(4), st->i64(5)});
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot list followed deliveries");
  return out;
}

// A problem row: reference, channel, state, attempts, reason, time. Read through the queue index
// (delivery_counts names the channel and state pairs that have rows): parked and retry rows only, not
// every delivery of the history.
static constexpr std::string_view kProblemColumns =
    "SELECT s.reference, d.channel, d.state, d.attempts, coalesce(d.parked_reason, d.last_error, '') AS reason, "
    "d.updated_at";
static constexpr std::string_view kProblemRows =
    " FROM delivery_counts c CROSS JOIN deliveries d ON d.channel = c.channel AND d.state = c.state"
    " JOIN submissions s ON s.id = d.submission_id"
    " WHERE c.state IN ('parked', 'retry') AND c.n > 0"
    " AND (d.state = 'parked' OR (d.state = 'retry' AND coalesce(d.last_error, '') <> ''))";

Result<std::vector<DeliveryProblem>> Outbox::Impl::read_problems(const std::string& sql, std::int64_t limit) const {
  Stmt st(db, sql);
  if (auto r = check(st, "cannot list problems"); !r) return r.error();
  st.bind(1, limit);
  std::vector<DeliveryProblem> out;
  int rc;
  while ((rc = st.step()) == SQLITE_ROW)
    out.push_back(DeliveryProblem{st.text(0), st.text(1),
                                  parse_delivery_state(st.text(2)).value_or(DeliveryState::retry),
                                  static_cast<int>(st.i64(3)), st.text(4), st.i64(5)});
  if (rc != SQLITE_DONE) return fail(rc, "cannot list problems");
  return out;
}

Result<std::vector<DeliveryProblem>> Outbox::problems(std::size_t limit) {
  auto guard = m->guard();
  return m->read_problems(std::string(kProblemColumns) + std::string(kProblemRows) +
                              " ORDER BY d.state = 'parked' DESC, d.updated_at DESC LIMIT ?",
                          static_cast<std::int64_t>(limit));
}

Result<std::vector<DeliveryProblem>> Outbox::problems_per_channel(std::size_t per_channel) {
  auto guard = m->guard();
  return m->read_problems("SELECT reference, channel, state, attempts, reason, updated_at FROM (" +
                              std::string(kProblemColumns) +
                              ", row_number() OVER (PARTITION BY d.channel, d.state ORDER BY d.updated_at DESC) AS n" +
                              std::string(kProblemRows) +
                              ") WHERE n <= ? ORDER BY channel, state = 'parked' DESC, updated_at DESC",
                          static_cast<std::int64_t>(per_channel));
}

}  // namespace kiosk
