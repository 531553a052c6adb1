// The outbox on SQLite (see outbox.hpp for the durability rules and the delivery state machine):
// opening and migrating the file, submitting, and reading submissions back (find, list, stats).
// The class is implemented by area: outbox_queue.cpp (the delivery queue), outbox_side.cpp (channel
// state, cache, answers, news, retention) and outbox_dictionary.cpp (payload dictionaries).
#include "kiosk/sync/outbox.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "kiosk/sync/enum_names.hpp"
#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/validate.hpp"
#include "migrations.hpp"
#include "outbox_impl.hpp"

namespace kiosk {

using sqlite::Stmt;
using sqlite::Transaction;

// The names are the stored form (deliveries.state, CHECK in migrations.hpp).
constexpr EnumNames<DeliveryState, 5> kDeliveryStateNames{{{DeliveryState::pending, "pending"},
                                                           {DeliveryState::in_flight, "in_flight"},
                                                           {DeliveryState::delivered, "delivered"},
                                                           {DeliveryState::retry, "retry"},
                                                           {DeliveryState::parked, "parked"}}};

std::string_view delivery_state_name(DeliveryState s) noexcept { return enum_name(kDeliveryStateNames, s); }
std::optional<DeliveryState> parse_delivery_state(std::string_view s) noexcept {
  return parse_enum(kDeliveryStateNames, s);
}

Outbox::Outbox(std::unique_ptr<Impl> impl) : m(std::move(impl)) {}
Outbox::Outbox(Outbox&&) noexcept = default;
Outbox& Outbox::operator=(Outbox&&) noexcept = default;
Outbox::~Outbox() = default;

int Outbox::schema_version() const { return m->schema; }
const std::filesystem::path& Outbox::path() const { return m->options.path; }
bool Outbox::defers_fsync() const { return m->options.defer_fsync; }

Result<void> Outbox::flush_wal() const {
  std::lock_guard lock(m->flush_mutex);
  if (!m->flush_error.empty()) return make_error(Errc::db_io, m->flush_error);
  auto sync_path = [&](const std::string& file, bool data_only) -> bool {
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return true;  // no log: everything is in the database file already
      m->flush_error = "cannot open " + file + " to write it to disk: " + std::strerror(errno);
      return false;
    }
    // fdatasync works on the file, whichever descriptor wrote it.
    int rc = data_only ? ::fdatasync(fd) : ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) m->flush_error = "cannot write " + file + " to disk: " + std::strerror(err);
    return rc == 0;
  };
  if (!sync_path(m->options.path.string() + "-wal", true)) return make_error(Errc::db_io, m->flush_error);
  // The log's directory entry too, once: SQLite syncs it itself only at a checkpoint in this mode.
  if (!m->dir_synced) {
    std::filesystem::path dir = m->options.path.parent_path();
    if (!sync_path(dir.empty() ? "." : dir.string(), false)) return make_error(Errc::db_io, m->flush_error);
    m->dir_synced = true;
  }
  return {};
}
sqlite3* Outbox::handle() { return m->db; }

Result<Outbox> Outbox::open(const OutboxOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->clock = options.clock ? options.clock : &SystemClock::instance();
  impl->ref_key = refcode::key_for_kiosk(options.kiosk_id);
  if (!refcode::valid_prefix(options.code_prefix))
    return make_error(Errc::invalid_value, "reference prefix '" + options.code_prefix +
                                               "' must be two Crockford base32 characters (0-9, A-Z without I L O U)");

  std::error_code ec;
  bool exists = std::filesystem::exists(options.path, ec);
  if (!exists && !options.create) return make_error(Errc::not_found, "no outbox database at " + options.path.string());
  if (!exists && options.path.has_parent_path()) std::filesystem::create_directories(options.path.parent_path(), ec);
  // Create the file ourselves with 0666 minus the umask: SQLite would use 0644, which no umask can widen,
  // so the appliance's two users (kiosk, kiosk-sync: group `kiosk`, UMask=0007) could not share it. The
  // -wal and -shm files take the database file's mode. An empty file is an empty database.
  if (!exists && options.create) {
    int fd = ::open(options.path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) ::close(fd);
  }

  // Say plainly when the file or its folder cannot be written (SQLite would open read-only or fail
  // later with a less helpful code). access() also reports a read-only file system (EROFS).
  if (exists && ::access(options.path.c_str(), W_OK) != 0)
    return make_error(Errc::db_readonly, "the outbox " + options.path.string() +
                                             " is read-only (file permissions or a read-only file system); "
                                             "nothing can be stored. Existing data is untouched.");
  std::filesystem::path dir = options.path.has_parent_path() ? options.path.parent_path() : std::filesystem::path(".");
  if (::access(dir.c_str(), W_OK) != 0)
    return make_error(Errc::db_readonly, "the outbox folder " + dir.string() +
                                             " is read-only; the database needs it for its journal. "
                                             "Existing data is untouched.");

  int flags = SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(options.path.c_str(), &impl->db, flags, nullptr);
  if (rc != SQLITE_OK) return sqlite::error_from(impl->db, rc, "cannot open the outbox " + options.path.string());
  sqlite3* db = impl->db;
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  const std::string where = " (" + options.path.string() + ")";

  // Read the version before anything that writes: a newer or damaged file must stay untouched.
  {
    Stmt st(db, "PRAGMA user_version");
    if (st.prepare_rc() != SQLITE_OK) return impl->fail(st.prepare_rc(), "cannot read the outbox" + where);
    rc = st.step();
    if (rc != SQLITE_ROW) return impl->fail(rc, "cannot read the outbox" + where);
    impl->schema = static_cast<int>(st.i64(0));
  }
  if (impl->schema > kOutboxSchemaVersion)
    return make_error(Errc::db_newer_schema,
                      "the outbox" + where + " has schema version " + std::to_string(impl->schema) +
                          ", written by a newer kiosk version; this version reads up to " +
                          std::to_string(kOutboxSchemaVersion) + ". It was left untouched: update the software.");
  if (impl->schema > 0) {
    // An existing outbox: a damaged header or first page shows up here, before any write.
    Stmt st(db, "SELECT count(*) FROM sqlite_schema");
    if (st.prepare_rc() != SQLITE_OK) return impl->fail(st.prepare_rc(), "cannot read the outbox" + where);
    rc = st.step();
    if (rc != SQLITE_ROW) return impl->fail(rc, "cannot read the outbox" + where);
  }
  if (sqlite3_db_readonly(db, "main") == 1)
    return make_error(Errc::db_readonly, "the outbox" + where +
                                             " is read-only (file permissions or a read-only file system); "
                                             "nothing can be stored");

  // Switching to WAL needs the exclusive lock. When two programs switch a new outbox at the same moment, both hold a
  // shared lock and SQLite answers the second one SQLITE_BUSY at once, without its busy handler (it would deadlock):
  // try again after a short pause, within the busy timeout. The second try finds the file already in WAL mode.
  for (int waited_ms = 0;; waited_ms += 10) {
    Stmt st(db, "PRAGMA journal_mode=WAL");
    rc = st.prepare_rc() == SQLITE_OK ? st.step() : st.prepare_rc();
    if ((rc & 0xff) == SQLITE_BUSY && waited_ms < options.busy_timeout_ms) {
      sqlite3_sleep(10);
      continue;
    }
    if (rc != SQLITE_ROW) return impl->fail(rc, "cannot switch the outbox to WAL" + where);
    if (st.text(0) != "wal")
      return make_error(Errc::db_io, "the outbox" + where + " cannot use WAL mode (got " + st.text(0) + ")");
    break;
  }
  if (auto r = sqlite::exec(db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
                                // a purged or deleted submission's bytes are overwritten, not left in free pages
                                // (Debian's SQLite is built with it on; said here so that no other build drops it)
                                "PRAGMA secure_delete=ON;");
      !r)
    return r.error();
  if (auto r = sqlite::exec(db, "PRAGMA wal_autocheckpoint=" + std::to_string(options.wal_autocheckpoint_pages)); !r)
    return r.error();
  if (options.max_bytes > 0) {
    Stmt ps(db, "PRAGMA page_size");
    ps.step();
    std::int64_t pages = std::max<std::int64_t>(16, options.max_bytes / std::max<std::int64_t>(1, ps.i64(0)));
    if (auto r = sqlite::exec(db, "PRAGMA max_page_count=" + std::to_string(pages)); !r) return r.error();
  }

  // Migrations, each in its own transaction with its version bump. The version is read again inside the
  // transaction (BEGIN IMMEDIATE holds the write lock): the kiosk and kiosk-sync may open a new outbox at the same
  // moment, and the one that waited must not run a migration the other has just committed ("table dictionaries
  // already exists" on the demo's first start).
  while (impl->schema < kOutboxSchemaVersion) {
    Transaction tx(db);
    if (auto r = tx.begin(); !r) return r.error();
    {
      Stmt st(db, "PRAGMA user_version");
      rc = st.prepare_rc() == SQLITE_OK ? st.step() : st.prepare_rc();
      if (rc != SQLITE_ROW) return impl->fail(rc, "cannot read the outbox" + where);
      impl->schema = static_cast<int>(st.i64(0));
    }
    if (impl->schema >= kOutboxSchemaVersion) break;
    if (auto r = sqlite::exec(db, migrations::kMigrations[static_cast<std::size_t>(impl->schema)]); !r)
      return make_error(r.error().code,
                        "migration to schema " + std::to_string(impl->schema + 1) + " failed: " + r.error().message);
    if (auto r = sqlite::exec(db, "PRAGMA user_version=" + std::to_string(impl->schema + 1)); !r) return r.error();
    if (auto r = tx.commit(); !r) return r.error();
    ++impl->schema;
  }

  // The active dictionary is stored in the database so rows stay readable without the asset file.
  if (options.dictionary) {
    const auto& d = *options.dictionary;
    Stmt st(db, "INSERT OR IGNORE INTO dictionaries (id, name, added_at, bytes) VALUES (?, ?, ?, ?)");
    if (auto r = impl->check(st, "cannot store the dictionary"); !r) return r.error();
    st.bind(1, static_cast<std::int64_t>(d.id)).bind(2, d.name).bind(3, impl->now()).bind_blob(4, d.bytes);
    rc = st.step();
    if (rc != SQLITE_DONE) return impl->fail(rc, "cannot store the dictionary");
    if (auto r = impl->codec.add_dictionary(d, /*make_active=*/true); !r) return r.error();
    if (auto r = impl->use_newest_dictionary(); !r) return r.error();
  }

  impl->insert_submission = Stmt(
      db, "INSERT INTO submissions (uuid, reference, kind, created_at, payload_format, dict_id, raw_size, stored_size, "
          "payload, purged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  impl->insert_delivery = Stmt(
      db,
      "INSERT INTO deliveries (submission_id, channel, state, attempts, next_attempt_at, updated_at, delivered_at, "
      "last_error, parked_reason, remote_id, remote_display, remote_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  impl->next_serial = Stmt(db, "SELECT last_serial FROM kiosk_state WHERE id = 1");
  impl->save_serial = Stmt(db, "UPDATE kiosk_state SET last_serial = ? WHERE id = 1");
  for (auto* st : {&impl->insert_submission, &impl->insert_delivery, &impl->next_serial, &impl->save_serial})
    if (auto r = impl->check(*st, "cannot prepare the outbox statements" + where); !r) return r.error();
  // After the migrations, which stay synchronous.
  if (options.defer_fsync)
    if (auto r = sqlite::exec(db, "PRAGMA synchronous=NORMAL"); !r) return r.error();

  return Outbox(std::move(impl));
}

// Compresses the payload and inserts the submission row (inside the caller's transaction); returns its id.
Result<std::int64_t> Outbox::Impl::store_row(const Submission& s, std::int64_t purged_ms) {
  std::size_t raw_size = to_json(s).dump().size();  // the JSON it stands for: stats and claim budgets
  auto frame = codec.encode(s);
  if (!frame) return frame.error();
  insert_submission.reset()
      .bind(1, s.uuid)
      .bind(2, s.reference)
      .bind(3, kind_name(s.kind))
      .bind(4, s.created_at_ms)
      .bind(5, kSubmissionFormatVersion)
      .bind(6, static_cast<std::int64_t>(codec.active_dictionary()))
      .bind(7, static_cast<std::int64_t>(raw_size))
      .bind(8, static_cast<std::int64_t>(frame->size()))
      .bind_blob(9, *frame);
  if (purged_ms) insert_submission.bind(10, purged_ms);
  else insert_submission.bind_null(10);
  int rc = insert_submission.step();
  insert_submission.reset();
  if (rc != SQLITE_DONE) return fail(rc, "cannot store the submission " + s.reference);
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db));
}

// Inserts one submission inside the caller's transaction.
Result<Receipt> Outbox::Impl::insert(Submission& s) {
  std::int64_t now_ms = now();
  if (s.created_at_ms <= 0) s.created_at_ms = now_ms;
  if (s.kiosk_id.empty()) s.kiosk_id = options.kiosk_id;
  if (s.time_zone.empty()) s.time_zone = options.time_zone;
  if (s.uuid.empty()) {
    s.uuid = new_uuid_v4();
    s.utc_offset_minutes = utc_offset_minutes(s.time_zone, s.created_at_ms);
  }
  if (auto r = validate(s); !r) return r.error();

  if (s.reference.empty()) {
    next_serial.reset();
    int rc = next_serial.step();
    if (rc != SQLITE_ROW) return fail(rc, "cannot read the reference counter");
    auto last = static_cast<std::uint64_t>(next_serial.i64(0));
    next_serial.reset();
    std::uint64_t serial = std::max(last + 1, refcode::clock_serial(now_ms));
    if (serial > refcode::kSerialMask) return make_error(Errc::db_full, "reference codes for this kiosk are used up");
    s.reference = refcode::make(options.code_prefix, serial, ref_key);
    save_serial.reset().bind(1, static_cast<std::int64_t>(serial));
    rc = save_serial.step();
    save_serial.reset();
    if (rc != SQLITE_DONE) return fail(rc, "cannot store the reference counter");
  } else if (!refcode::verify(s.reference)) {
    return make_error(Errc::invalid_reference, "reference '" + s.reference + "' has a wrong check character",
                      "reference");
  }

  auto stored = store_row(s, 0);
  if (!stored) return stored.error();
  std::int64_t row = *stored;
  int rc;

  for (const auto& ch : s.channels) {
    insert_delivery.reset()
        .bind(1, row)
        .bind(2, ch)
        .bind(3, "pending")
        .bind(4, 0)
        .bind(5, std::int64_t{0})
        .bind(6, now_ms);
    for (int i = 7; i <= 12; ++i) insert_delivery.bind_null(i);
    rc = insert_delivery.step();
    insert_delivery.reset();
    if (rc != SQLITE_DONE) return fail(rc, "cannot store the deliveries");
  }
  return Receipt{s.uuid, s.reference, s.created_at_ms};
}

// One submission is a batch of one: the same checks, one transaction.
Result<Receipt> Outbox::submit(Submission s) {
  std::vector<Submission> one;
  one.push_back(std::move(s));
  auto receipts = submit_batch(std::move(one));
  if (!receipts) return receipts.error();
  return std::move(receipts->front());
}

Result<std::vector<Receipt>> Outbox::submit_batch(std::vector<Submission> batch) {
  auto guard = m->guard();
  // Validate before opening a transaction: invalid input never touches the database.
  for (auto& s : batch) {
    if (s.created_at_ms <= 0) s.created_at_ms = m->now();
    if (s.kiosk_id.empty()) s.kiosk_id = m->options.kiosk_id;
    if (auto r = validate(s); !r) return r.error();
  }
  Transaction tx(m->db);
  if (auto r = tx.begin(); !r) return r.error();
  if (auto r = m->use_newest_dictionary(); !r) return r.error();
  std::vector<Receipt> out;
  out.reserve(batch.size());
  for (auto& s : batch) {
    auto receipt = m->insert(s);
    if (!receipt) return receipt.error();
    out.push_back(std::move(*receipt));
  }
  if (auto r = tx.commit(); !r) return r.error();
  return out;
}

Result<std::size_t> Outbox::import_stored(const std::vector<StoredSubmission>& batch) {
  auto guard = m->guard();
  for (const auto& in : batch) {
    if (in.submission.uuid.empty() || !refcode::verify(in.submission.reference))
      return make_error(Errc::invalid_value, "an imported submission needs its uuid and a valid reference");
    if (in.purged_ms == 0) {
      Submission copy = in.submission;
      if (auto r = validate(copy); !r) return r.error();
    }
  }
  Transaction tx(m->db);
  if (auto r = tx.begin(); !r) return r.error();
  if (auto r = m->use_newest_dictionary(); !r) return r.error();
  Stmt exists(m->db, "SELECT 1 FROM submissions WHERE uuid = ?");
  Stmt answer(
      m->db, "INSERT OR IGNORE INTO answers (submission_id, channel, remote_id, received_at, text) VALUES (?,?,?,?,?)");
  if (auto r = m->check(exists, "cannot import"); !r) return r.error();
  if (auto r = m->check(answer, "cannot import"); !r) return r.error();
  std::size_t added = 0;
  for (const auto& in : batch) {
    const Submission& s = in.submission;
    exists.reset().bind(1, s.uuid);
    int rc = exists.step();
    if (rc == SQLITE_ROW) continue;
    if (rc != SQLITE_DONE) return m->fail(rc, "cannot look up the submission");
    auto stored = m->store_row(s, in.purged_ms);
    if (!stored) return stored.error();
    std::int64_t row = *stored;
    for (const auto& d : in.deliveries) {
      auto& st = m->insert_delivery;
      st.reset()
          .bind(1, row)
          .bind(2, d.channel)
          .bind(3, delivery_state_name(d.state))
          .bind(4, d.attempts)
          .bind(5, d.next_attempt_ms)
          .bind(6, d.updated_ms ? d.updated_ms : m->now());
      if (d.delivered_ms) st.bind(7, d.delivered_ms);
      else st.bind_null(7);
      st.bind_opt(8, d.last_error)
          .bind_opt(9, d.parked_reason)
          .bind_opt(10, d.remote_id)
          .bind_opt(11, d.remote_display)
          .bind_opt(12, d.remote_status);
      rc = st.step();
      st.reset();
      if (rc != SQLITE_DONE) return m->fail(rc, "cannot store the deliveries of " + s.reference);
    }
    for (const auto& a : in.answers) {
      answer.reset().bind(1, row).bind(2, a.channel).bind(3, a.remote_id).bind(4, a.received_ms).bind(5, a.text);
      if ((rc = answer.step()) != SQLITE_DONE) return m->fail(rc, "cannot store the answers of " + s.reference);
    }
    ++added;
  }
  if (auto r = tx.commit(); !r) return r.error();
  return added;
}

static constexpr std::string_view kSelectSubmission =
    "SELECT id, payload, dict_id, raw_size, stored_size, coalesce(purged_at, 0) FROM submissions ";

Result<StoredSubmission> Outbox::Impl::load(Stmt& row) {
  StoredSubmission out;
  out.row_id = row.i64(0);
  out.dict_id = static_cast<std::uint32_t>(row.i64(2));
  out.raw_bytes = static_cast<std::size_t>(row.i64(3));
  out.stored_bytes = static_cast<std::size_t>(row.i64(4));
  out.purged_ms = row.i64(5);
  auto sub = decode_stored(row.blob(1), out.dict_id, out.row_id);
  if (!sub) return sub.error();
  out.submission = std::move(*sub);
  if (auto r = load_deliveries(out); !r) return r.error();
  return out;
}

Result<void> Outbox::Impl::load_deliveries(StoredSubmission& out) {
  // Prepared once (export and `kioskctl list` read every row through here).
  auto lease =
      cached("SELECT channel, state, attempts, next_attempt_at, updated_at, coalesce(delivered_at, 0), "
             "coalesce(last_error, ''), coalesce(parked_reason, ''), coalesce(remote_id, ''), "
             "coalesce(remote_display, ''), coalesce(remote_status, '') FROM deliveries WHERE submission_id = ? "
             "ORDER BY channel");
  Stmt& st = *lease;
  if (auto r = check(st, "cannot read deliveries"); !r) return r;
  st.bind(1, out.row_id);
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) {
    Delivery d;
    d.channel = st.text(0);
    d.state = parse_delivery_state(st.text(1)).value_or(DeliveryState::pending);
    d.attempts = static_cast<int>(st.i64(2));
    d.next_attempt_ms = st.i64(3);
    d.updated_ms = st.i64(4);
    d.delivered_ms = st.i64(5);
    d.last_error = st.text(6);
    d.parked_reason = st.text(7);
    d.remote_id = st.text(8);
    d.remote_display = st.text(9);
    d.remote_status = st.text(10);
    out.deliveries.push_back(std::move(d));
  }
  if (rc != SQLITE_DONE) return fail(rc, "cannot read deliveries");
  auto an_lease =
      cached("SELECT channel, remote_id, received_at, text FROM answers WHERE submission_id = ? ORDER BY received_at");
  Stmt& an = *an_lease;
  if (auto r = check(an, "cannot read answers"); !r) return r;
  an.bind(1, out.row_id);
  while ((rc = an.step()) == SQLITE_ROW) out.answers.push_back(Answer{an.text(0), an.i64(2), an.text(3), an.text(1)});
  if (rc != SQLITE_DONE) return fail(rc, "cannot read answers");
  auto sc_lease = cached(
      "SELECT channel, changed_at, status FROM status_changes WHERE submission_id = ? ORDER BY changed_at, channel");
  Stmt& sc = *sc_lease;
  if (auto r = check(sc, "cannot read status changes"); !r) return r;
  sc.bind(1, out.row_id);
  while ((rc = sc.step()) == SQLITE_ROW) out.status_changes.push_back(StatusChange{sc.text(0), sc.i64(1), sc.text(2)});
  if (rc != SQLITE_DONE) return fail(rc, "cannot read status changes");
  return {};
}

Result<StoredSubmission> Outbox::find(std::string_view key) {
  auto guard = m->guard();
  std::string sql(kSelectSubmission);
  std::string value;
  if (key.size() == 36 && key[8] == '-') {
    sql += "WHERE uuid = ?";
    value = std::string(key);
  } else {
    auto ref = refcode::normalize(key);
    if (!ref) return ref.error();
    sql += "WHERE reference = ?";
    value = *ref;
  }
  Stmt st(m->db, sql);
  if (auto r = m->check(st, "cannot look up the submission"); !r) return r.error();
  st.bind(1, value);
  int rc = st.step();
  if (rc == SQLITE_DONE) return make_error(Errc::not_found, "no submission with reference " + std::string(key));
  if (rc != SQLITE_ROW) return m->fail(rc, "cannot look up the submission");
  return m->load(st);
}

Result<void> Outbox::for_each(const std::function<bool(const StoredSubmission&)>& visit) {
  auto guard = m->guard();
  Stmt st(m->db, std::string(kSelectSubmission) + "ORDER BY id");
  if (auto r = m->check(st, "cannot read submissions"); !r) return r;
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) {
    auto s = m->load(st);
    if (!s) return s.error();
    if (!visit(*s)) return {};
  }
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot read submissions");
  return {};
}

Result<std::vector<SubmissionSummary>> Outbox::list(const ListFilter& f) {
  auto guard = m->guard();
  std::string sql =
      "SELECT s.id, s.reference, s.uuid, s.kind, s.created_at, "
      "(SELECT group_concat(d.channel || ':' || d.state, ' ') FROM deliveries d WHERE d.submission_id = s.id) "
      "FROM submissions s WHERE s.id > ?1 ";
  if (f.state)
    sql += "AND EXISTS (SELECT 1 FROM deliveries d WHERE d.submission_id = s.id AND d.state = ?2 "
           "AND (?3 = '' OR d.channel = ?3)) ";
  sql += "ORDER BY s.id LIMIT ?4";
  Stmt st(m->db, sql);
  if (auto r = m->check(st, "cannot list submissions"); !r) return r.error();
  st.bind(1, f.after_row).bind(4, static_cast<std::int64_t>(f.limit));
  if (f.state) st.bind(2, delivery_state_name(*f.state)).bind(3, f.channel);
  std::vector<SubmissionSummary> out;
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) {
    SubmissionSummary s;
    s.row_id = st.i64(0);
    s.reference = st.text(1);
    s.uuid = st.text(2);
    s.kind = parse_kind(st.text(3)).value_or(Kind::question);
    s.created_at_ms = st.i64(4);
    s.states = st.text(5);
    out.push_back(std::move(s));
  }
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot list submissions");
  return out;
}

Result<OutboxStats> Outbox::stats() {
  auto guard = m->guard();
  OutboxStats out;
  out.schema_version = m->schema;
  out.active_dictionary = m->codec.active_dictionary();
  {
    Stmt st(m->db, "SELECT submissions, raw_bytes, stored_bytes FROM kiosk_state WHERE id = 1");
    if (auto r = m->check(st, "cannot read stats"); !r) return r.error();
    int rc = st.step();
    if (rc != SQLITE_ROW) return m->fail(rc, "cannot read stats");
    out.submissions = st.i64(0);
    out.raw_payload_bytes = st.i64(1);
    out.stored_payload_bytes = st.i64(2);
  }
  {
    Stmt st(m->db, "SELECT channel, state, n FROM delivery_counts WHERE n <> 0");  // migration 6
    if (auto r = m->check(st, "cannot read stats"); !r) return r.error();
    int rc;
    while ((rc = st.step()) == SQLITE_ROW) out.deliveries[st.text(0)][st.text(1)] = st.i64(2);
    if (rc != SQLITE_DONE) return m->fail(rc, "cannot read stats");
  }
  {
    Stmt st(m->db, "SELECT count(*) FROM submissions WHERE purged_at IS NOT NULL");
    if (auto r = m->check(st, "cannot read stats"); !r) return r.error();
    if (st.step() == SQLITE_ROW) out.purged = st.i64(0);
  }
  {
    // The oldest open submission (ids grow with time; imports may be off): the lowest submission id
    // of each open (channel, state) in the queue index, one index seek each, whatever the history.
    Stmt st(m->db,
            "SELECT created_at FROM submissions WHERE id = (SELECT min((SELECT min(d.submission_id) FROM deliveries d "
            "WHERE d.channel = c.channel AND d.state = c.state)) FROM delivery_counts c "
            "WHERE c.state <> 'delivered' AND c.n > 0)");
    if (auto r = m->check(st, "cannot read stats"); !r) return r.error();
    if (st.step() == SQLITE_ROW) out.oldest_undelivered_ms = st.i64(0);
  }
  {
    Stmt st(m->db, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
    if (st.step() == SQLITE_ROW) out.db_file_bytes = st.i64(0);
    struct stat sb {};
    std::string wal = m->options.path.string() + "-wal";
    if (::stat(wal.c_str(), &sb) == 0) out.wal_file_bytes = sb.st_size;
  }
  return out;
}

Result<void> Outbox::checkpoint() {
  auto guard = m->guard();
  int rc = sqlite3_wal_checkpoint_v2(m->db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) return m->fail(rc, "checkpoint failed");
  return {};
}

Result<std::string> Outbox::integrity_check() {
  auto guard = m->guard();
  Stmt st(m->db, "PRAGMA integrity_check");
  if (auto r = m->check(st, "integrity check failed"); !r) return r.error();
  std::string out;
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) {
    if (!out.empty()) out += "\n";
    out += st.text(0);
  }
  if (rc != SQLITE_DONE) return m->fail(rc, "integrity check failed");
  return out;
}

}  // namespace kiosk
