// The outbox's payload dictionaries: the shipped one and those trained on the kiosk's own submissions,
// all kept in the database so that every row stays readable with the one it was written with.
#include "kiosk/sync/outbox.hpp"

#include <algorithm>
#include <cstdlib>

#include "outbox_impl.hpp"

namespace kiosk {

using sqlite::Stmt;
using sqlite::Transaction;

Result<void> Outbox::Impl::ensure_dictionary_loaded(std::uint32_t id) {
  if (codec.has_dictionary(id)) return {};
  Stmt st(db, "SELECT name, bytes FROM dictionaries WHERE id = ?");
  if (auto r = check(st, "cannot read dictionaries"); !r) return r;
  st.bind(1, static_cast<std::int64_t>(id));
  int rc = st.step();
  if (rc == SQLITE_DONE)
    return make_error(Errc::codec, "dictionary " + std::to_string(id) + " is missing from the outbox");
  if (rc != SQLITE_ROW) return fail(rc, "cannot read dictionaries");
  auto d = dictionary_from_bytes(st.blob(1), st.text(0));
  if (!d) return d.error();
  return codec.add_dictionary(*d, false);
}

Result<Submission> Outbox::Impl::decode_stored(std::string_view payload, std::uint32_t dict_id, std::int64_t row_id) {
  if (auto r = ensure_dictionary_loaded(dict_id); !r) return r.error();
  auto sub = codec.decode(payload, dict_id);
  if (!sub && sub.error().code == Errc::codec) return sub.error();  // damaged frame
  if (!sub)
    return make_error(Errc::db_corrupt,
                      "stored submission " + std::to_string(row_id) + " is unreadable: " + sub.error().message);
  return sub;
}

// With a shipped dictionary: compress with the newest stored one (a kiosk-trained dictionary once there
// is one). Cheap (a few rows), so every submit checks it and follows another process's retraining.
Result<void> Outbox::Impl::use_newest_dictionary() {
  if (!options.dictionary) return {};
  auto st = cached("SELECT id FROM dictionaries ORDER BY added_at DESC, id DESC LIMIT 1");
  if (auto r = check(*st, "cannot read dictionaries"); !r) return r;
  int rc = st->step();
  if (rc == SQLITE_DONE) return {};
  if (rc != SQLITE_ROW) return fail(rc, "cannot read dictionaries");
  auto id = static_cast<std::uint32_t>(st->i64(0));
  if (id == codec.active_dictionary()) return {};
  if (auto r = ensure_dictionary_loaded(id); !r) return r;
  return codec.make_active(id);
}

// Kiosk-trained dictionaries are named after the newest submission row they were trained on.
static constexpr std::string_view kTrainedPrefix = "outbox-trained-r";

Result<std::uint32_t> Outbox::retrain_dictionary(const RetrainPolicy& policy, bool force) {
  auto guard = m->guard();
  std::int64_t stored = 0, last_row = 0, newest_added = 0;
  std::string newest_name;
  {
    Stmt st(m->db, "SELECT submissions, (SELECT coalesce(max(id), 0) FROM submissions), "
                   "(SELECT coalesce(max(added_at), 0) FROM dictionaries), "
                   "(SELECT name FROM dictionaries ORDER BY added_at DESC, id DESC LIMIT 1) FROM kiosk_state");
    if (auto r = m->check(st, "cannot read the outbox totals"); !r) return r.error();
    if (int rc = st.step(); rc != SQLITE_ROW) return m->fail(rc, "cannot read the outbox totals");
    stored = st.i64(0);
    last_row = st.i64(1);
    newest_added = st.i64(2);
    newest_name = st.text(3);
  }
  if (!force) {
    if (stored < policy.min_submissions) return kNoDictionary;
    if (newest_name.rfind(kTrainedPrefix, 0) == 0) {
      std::int64_t trained_row = std::atoll(newest_name.c_str() + kTrainedPrefix.size());
      if (last_row - trained_row < policy.refresh_after) return kNoDictionary;
    }
  }
  // The newest submissions with their text (purged rows have none), read in row order backwards.
  std::vector<Submission> samples;
  {
    Stmt st(m->db, "SELECT payload, dict_id FROM submissions WHERE purged_at IS NULL ORDER BY id DESC LIMIT ?");
    if (auto r = m->check(st, "cannot read submissions"); !r) return r.error();
    st.bind(1, static_cast<std::int64_t>(policy.samples));
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) {
      auto dict = static_cast<std::uint32_t>(st.i64(1));
      if (auto r = m->ensure_dictionary_loaded(dict); !r) return r.error();
      auto sub = m->codec.decode(st.blob(0), dict);
      if (!sub) return sub.error();
      samples.push_back(std::move(*sub));
    }
    if (rc != SQLITE_DONE) return m->fail(rc, "cannot read submissions");
  }
  auto dict = train_payload_dictionary(samples, policy.capacity,
                                       std::string(kTrainedPrefix) + std::to_string(last_row) + ".zdict");
  if (!dict) return dict.error();
  Transaction tx(m->db);
  if (auto r = tx.begin(); !r) return r.error();
  {
    // An id already taken by other bytes (zstd ids are hashes) would make old rows unreadable: refuse.
    Stmt same(m->db, "SELECT bytes = ? FROM dictionaries WHERE id = ?");
    if (auto r = m->check(same, "cannot read dictionaries"); !r) return r.error();
    same.bind_blob(1, dict->bytes).bind(2, static_cast<std::int64_t>(dict->id));
    int rc = same.step();
    if (rc == SQLITE_ROW && same.i64(0) == 0)
      return make_error(Errc::codec, "a trained dictionary's id " + std::to_string(dict->id) +
                                         " is already used by another dictionary; kept the current one");
    if (rc == SQLITE_ROW) return kNoDictionary;  // the very same dictionary: nothing new
  }
  Stmt ins(m->db, "INSERT INTO dictionaries (id, name, added_at, bytes) VALUES (?, ?, ?, ?)");
  if (auto r = m->check(ins, "cannot store the dictionary"); !r) return r.error();
  // Newest by added_at: after every dictionary already stored, even with a clock that stands still.
  ins.bind(1, static_cast<std::int64_t>(dict->id))
      .bind(2, dict->name)
      .bind(3, std::max(m->now(), newest_added + 1))
      .bind_blob(4, dict->bytes);
  if (int rc = ins.step(); rc != SQLITE_DONE) return m->fail(rc, "cannot store the dictionary");
  if (auto r = tx.commit(); !r) return r.error();
  if (auto r = m->codec.add_dictionary(*dict, /*make_active=*/true); !r) return r.error();
  return dict->id;
}

}  // namespace kiosk
