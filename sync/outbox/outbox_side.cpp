// The outbox's side tables: the engine's state per channel, the offline cache, answers, news, and
// retention (purge).
#include "kiosk/sync/outbox.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "kiosk/sync/validate.hpp"
#include "outbox_impl.hpp"

namespace kiosk {

using sqlite::Stmt;
using sqlite::Transaction;

Result<ChannelState> Outbox::channel_state(std::string_view channel) {
  auto guard = m->guard();
  auto st =
      m->cached("SELECT circuit, failures, not_before, last_error, last_success, last_attempt, last_poll, sent_times "
                "FROM channel_state WHERE channel = ?");
  if (auto r = m->check(*st, "cannot read the channel state"); !r) return r.error();
  st->bind(1, channel);
  ChannelState out;
  out.channel = std::string(channel);
  int rc = st->step();
  if (rc == SQLITE_ROW) {
    // The schema's CHECK allows only the three names; whatever else a damaged row holds is taken as
    // open: the next round sends a probe of one delivery, which decides.
    out.circuit = parse_circuit(st->text(0)).value_or(CircuitState::open);
    out.failures = static_cast<int>(st->i64(1));
    out.not_before_ms = st->i64(2);
    out.last_error = st->text(3);
    out.last_success_ms = st->i64(4);
    out.last_attempt_ms = st->i64(5);
    out.last_poll_ms = st->i64(6);
    // Comma-separated unix ms. A damaged entry is left out (pacing then counts one post less) rather
    // than thrown out of the library.
    std::string times = st->text(7);
    for (std::size_t pos = 0; pos < times.size();) {
      std::size_t comma = std::min(times.find(',', pos), times.size());
      std::int64_t t = 0;
      auto [end, ec] = std::from_chars(times.data() + pos, times.data() + comma, t);
      if (ec == std::errc() && end == times.data() + comma) out.sent_times.push_back(t);
      pos = comma + 1;
    }
  } else if (rc != SQLITE_DONE) {
    return m->fail(rc, "cannot read the channel state");
  }
  return out;
}

Result<void> Outbox::save_channel_state(const ChannelState& c) {
  auto guard = m->guard();
  return m->write_channel_state(c);
}

Result<void> Outbox::Impl::write_channel_state(const ChannelState& c) {
  auto st = cached(
      "INSERT INTO channel_state (channel, circuit, failures, not_before, last_error, last_success, last_attempt, "
      "last_poll, sent_times) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (channel) DO UPDATE SET "
      "circuit = ?2, failures = ?3, not_before = ?4, last_error = ?5, last_success = ?6, last_attempt = ?7, "
      "last_poll = ?8, sent_times = ?9");
  if (auto r = check(*st, "cannot save the channel state"); !r) return r;
  std::string times;
  for (auto t : c.sent_times) {
    if (!times.empty()) times += ',';
    times += std::to_string(t);
  }
  st->bind(1, c.channel)
      .bind(2, circuit_name(c.circuit))
      .bind(3, c.failures)
      .bind(4, c.not_before_ms)
      .bind(5, c.last_error)
      .bind(6, c.last_success_ms)
      .bind(7, c.last_attempt_ms)
      .bind(8, c.last_poll_ms)
      .bind(9, times);
  if (int rc = st->step(); rc != SQLITE_DONE) return fail(rc, "cannot save the channel state");
  return {};
}

Result<std::optional<std::string>> Outbox::cache_get(std::string_view key, std::int64_t* fetched_ms) {
  auto guard = m->guard();
  auto st = m->cached("SELECT body, fetched_at FROM sync_cache WHERE key = ?");
  if (auto r = m->check(*st, "cannot read the cache"); !r) return r.error();
  st->bind(1, key);
  int rc = st->step();
  if (rc == SQLITE_DONE) return std::optional<std::string>{};
  if (rc != SQLITE_ROW) return m->fail(rc, "cannot read the cache");
  if (fetched_ms) *fetched_ms = st->i64(1);
  return std::optional<std::string>{st->text(0)};
}

Result<void> Outbox::cache_put(std::string_view key, std::string_view body) {
  auto guard = m->guard();
  auto st = m->cached("INSERT INTO sync_cache (key, fetched_at, body) VALUES (?1, ?2, ?3) "
                      "ON CONFLICT (key) DO UPDATE SET fetched_at = ?2, body = ?3");
  if (auto r = m->check(*st, "cannot write the cache"); !r) return r;
  st->bind(1, key).bind(2, m->now()).bind(3, body);
  if (int rc = st->step(); rc != SQLITE_DONE) return m->fail(rc, "cannot write the cache");
  return {};
}

Result<bool> Outbox::add_answer(std::int64_t row_id, const Answer& a) {
  auto guard = m->guard();
  auto st = m->cached(
      "INSERT OR IGNORE INTO answers (submission_id, channel, remote_id, received_at, text) VALUES (?, ?, ?, ?, ?)");
  if (auto r = m->check(*st, "cannot store the answer"); !r) return r.error();
  st->bind(1, row_id)
      .bind(2, a.channel)
      .bind(3, a.remote_id)
      .bind(4, a.received_ms ? a.received_ms : m->now())
      .bind(5, a.text);
  int rc = st->step();
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot store the answer");
  return sqlite3_changes(m->db) > 0;
}

Result<std::size_t> Outbox::purge(int days) {
  auto guard = m->guard();
  if (days < 0) return make_error(Errc::invalid_value, "retention days must not be negative");
  std::int64_t cutoff = m->now() - static_cast<std::int64_t>(days) * 86'400'000;
  Transaction tx(m->db);
  if (auto r = tx.begin(); !r) return r.error();
  // Fully delivered: at least one delivery, none undelivered, the last one older than the cutoff.
  Stmt st(m->db, "SELECT s.id, s.payload, s.dict_id FROM submissions s WHERE s.purged_at IS NULL "
                 "AND EXISTS (SELECT 1 FROM deliveries d WHERE d.submission_id = s.id) "
                 "AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.submission_id = s.id AND "
                 "(d.state <> 'delivered' OR d.delivered_at > ?1))");
  if (auto r = m->check(st, "cannot purge"); !r) return r.error();
  st.bind(1, cutoff);
  struct Row {
    std::int64_t id;
    Submission s;
  };
  std::vector<Row> rows;
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) {
    auto sub = m->decode_stored(st.blob(1), static_cast<std::uint32_t>(st.i64(2)), st.i64(0));
    if (!sub) return sub.error();
    Submission s = std::move(*sub);
    // Personal data and free text go; reference, kind, category, topic, point and status stay.
    s.text.clear();
    s.contact = Contact{};
    s.location.text.clear();
    rows.push_back(Row{st.i64(0), std::move(s)});
  }
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot purge");
  st.reset();
  Stmt up(m->db,
          "UPDATE submissions SET payload = ?, dict_id = ?, raw_size = ?, stored_size = ?, purged_at = ? WHERE id = ?");
  for (const auto& r : rows) {
    auto frame = m->codec.encode(r.s);
    if (!frame) return frame.error();
    up.reset()
        .bind_blob(1, *frame)
        .bind(2, static_cast<std::int64_t>(m->codec.active_dictionary()))
        .bind(3, static_cast<std::int64_t>(to_json(r.s).dump().size()))
        .bind(4, static_cast<std::int64_t>(frame->size()))
        .bind(5, m->now())
        .bind(6, r.id);
    if ((rc = up.step()) != SQLITE_DONE) return m->fail(rc, "cannot purge");
  }
  if (auto r = tx.commit(); !r) return r.error();
  // Overwritten personal data may linger in free pages and the WAL: checkpoint and truncate the WAL.
  if (!rows.empty()) (void)sqlite::exec(m->db, "PRAGMA wal_checkpoint(TRUNCATE)");
  return rows.size();
}

Result<bool> Outbox::upsert_news(const NewsItem& n) {
  auto guard = m->guard();
  Stmt
      st(m->db,
         "INSERT INTO news (source, remote_id, published_at, language, text, url, urgent) VALUES (?, ?, ?, ?, ?, ?, ?) "
         "ON CONFLICT (source, remote_id) DO UPDATE SET published_at = excluded.published_at, "
         "language = excluded.language, text = excluded.text, url = excluded.url, urgent = excluded.urgent");
  if (auto r = m->check(st, "cannot store news"); !r) return r.error();
  if (!valid_utf8(n.text)) return make_error(Errc::invalid_utf8, "news text is not valid UTF-8");
  st.bind(1, n.source)
      .bind(2, n.remote_id)
      .bind(3, n.published_ms)
      .bind(4, n.language)
      .bind(5, strip_controls(n.text, true))
      .bind(6, n.url)
      .bind(7, std::int64_t{n.urgent ? 1 : 0});
  int rc = st.step();
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot store news");
  return sqlite3_changes(m->db) > 0;
}

Result<std::size_t> Outbox::keep_urgent_only(std::string_view source, const std::vector<std::string>& still_urgent) {
  auto guard = m->guard();
  // The ids as one JSON array parameter: any number of them, no SQL built from outside text.
  Stmt st(m->db, "UPDATE news SET urgent = 0 WHERE urgent = 1 AND source = ? AND remote_id NOT IN "
                 "(SELECT value FROM json_each(?))");
  if (auto r = m->check(st, "cannot end urgent news"); !r) return r.error();
  st.bind(1, std::string(source)).bind(2, nlohmann::json(still_urgent).dump());
  if (int rc = st.step(); rc != SQLITE_DONE) return m->fail(rc, "cannot end urgent news");
  return static_cast<std::size_t>(sqlite3_changes(m->db));
}

Result<std::vector<NewsItem>> Outbox::latest_news(std::size_t limit) {
  auto guard = m->guard();
  Stmt st(m->db,
          "SELECT source, remote_id, published_at, language, text, url, urgent FROM news ORDER BY published_at DESC "
          "LIMIT ?");
  if (auto r = m->check(st, "cannot read news"); !r) return r.error();
  st.bind(1, static_cast<std::int64_t>(limit));
  std::vector<NewsItem> out;
  int rc;
  while ((rc = st.step()) == SQLITE_ROW)
    out.push_back(NewsItem{st.text(0), st.text(1), st.i64(2), st.text(3), st.text(4), st.text(5), st.i64(6) != 0});
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot read news");
  return out;
}

}  // namespace kiosk
