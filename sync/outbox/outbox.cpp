// The outbox on SQLite (see outbox.hpp for the durability rules and the delivery state machine).
#include "kiosk/sync/outbox.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include <nlohmann/json.hpp>

#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/validate.hpp"
#include "migrations.hpp"
#include "sqlite_util.hpp"

namespace kiosk {

using sqlite::Stmt;
using sqlite::Transaction;

std::string_view delivery_state_name(DeliveryState s) noexcept {
  switch (s) {
    case DeliveryState::pending: return "pending";
    case DeliveryState::in_flight: return "in_flight";
    case DeliveryState::delivered: return "delivered";
    case DeliveryState::retry: return "retry";
    case DeliveryState::parked: return "parked";
  }
  return "pending";
}

std::optional<DeliveryState> parse_delivery_state(std::string_view s) noexcept {
  for (auto st : {DeliveryState::pending, DeliveryState::in_flight, DeliveryState::delivered, DeliveryState::retry,
                  DeliveryState::parked})
    if (delivery_state_name(st) == s) return st;
  return std::nullopt;
}

struct Outbox::Impl {
  sqlite3* db = nullptr;
  OutboxOptions options;
  const Clock* clock = nullptr;
  Codec codec;
  std::uint64_t ref_key = 0;
  int schema = 0;
  std::int64_t claim_run = 0;  // set_claim_run()

  // The rows of problems() and problems_per_channel(): reference, channel, state, attempts, reason, time.
  Result<std::vector<DeliveryProblem>> read_problems(Stmt& st) const {
    std::vector<DeliveryProblem> out;
    int rc;
    while ((rc = st.step()) == SQLITE_ROW)
      out.push_back(DeliveryProblem{st.text(0), st.text(1), parse_delivery_state(st.text(2)).value_or(DeliveryState::retry),
                                    static_cast<int>(st.i64(3)), st.text(4), st.i64(5)});
    if (rc != SQLITE_DONE) return fail(rc, "cannot list problems");
    return out;
  }

  Stmt insert_submission, insert_delivery, next_serial, save_serial;
  sqlite::StmtCache stmts;  // the sync engine's per-round statements, prepared once
  // flush_wal() state, shared with the thread that calls it. After a failed fdatasync the kernel may
  // mark the lost pages clean and report the error only once: every later flush must fail too.
  // One connection, used by more than one thread (the sync engine records rounds on the transport's
  // worker thread): one public call at a time. Recursive: public calls use one another.
  std::recursive_mutex mutex;
  std::unique_lock<std::recursive_mutex> guard() { return std::unique_lock(mutex); }

  std::mutex flush_mutex;
  std::string flush_error;  // set once, never cleared
  bool dir_synced = false;

  ~Impl() {
    // Statements must be finalised before the connection closes.
    insert_submission = Stmt();
    insert_delivery = Stmt();
    next_serial = Stmt();
    save_serial = Stmt();
    stmts.clear();
    if (db) sqlite3_close_v2(db);
  }

  std::int64_t now() const { return clock->now_ms(); }
  Error fail(int rc, std::string_view what) const { return sqlite::error_from(db, rc, what); }

  // For fixed SQL only (see StmtCache). Check the lease with check(*st, ...) like a fresh Stmt.
  sqlite::StmtCache::Lease cached(std::string_view sql) { return stmts.lease(db, sql); }

  Result<void> check(Stmt& st, std::string_view what) const {
    if (st.prepare_rc() != SQLITE_OK) return fail(st.prepare_rc(), what);
    return {};
  }

  Result<void> ensure_dictionary_loaded(std::uint32_t id);
  Result<void> use_newest_dictionary();
  Result<Receipt> insert(Submission& s);
  Result<std::int64_t> store_row(const Submission& s, std::int64_t purged_ms);
  Result<StoredSubmission> load(Stmt& row);
  Result<void> load_deliveries(StoredSubmission& out);
  Result<void> write_channel_state(const ChannelState& c);  // inside the caller's transaction, if any
  Result<void> set_state(std::int64_t row_id, std::string_view channel, std::string_view sql,
                         const std::function<void(Stmt&)>& bind_extra);
};

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
  if (rc != SQLITE_OK)
    return sqlite::error_from(impl->db, rc, "cannot open the outbox " + options.path.string());
  sqlite3 * db = impl->db;
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

  {
    Stmt st(db, "PRAGMA journal_mode=WAL");
    rc = st.prepare_rc() == SQLITE_OK ? st.step() : st.prepare_rc();
    if (rc != SQLITE_ROW) return impl->fail(rc, "cannot switch the outbox to WAL" + where);
    if (st.text(0) != "wal")
      return make_error(Errc::db_io, "the outbox" + where + " cannot use WAL mode (got " + st.text(0) + ")");
  }
  if (auto r = sqlite::exec(db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"); !r)
    return r.error();
  if (auto r = sqlite::exec(db, "PRAGMA wal_autocheckpoint=" + std::to_string(options.wal_autocheckpoint_pages)); !r)
    return r.error();
  if (options.max_bytes > 0) {
    Stmt ps(db, "PRAGMA page_size");
    ps.step();
    std::int64_t pages = std::max<std::int64_t>(16, options.max_bytes / std::max<std::int64_t>(1, ps.i64(0)));
    if (auto r = sqlite::exec(db, "PRAGMA max_page_count=" + std::to_string(pages)); !r) return r.error();
  }

  // Migrations, each in its own transaction with its version bump.
  while (impl->schema < kOutboxSchemaVersion) {
    Transaction tx(db);
    if (auto r = tx.begin(); !r) return r.error();
    if (auto r = sqlite::exec(db, migrations::kMigrations[static_cast<std::size_t>(impl->schema)]); !r)
      return make_error(r.error().code, "migration to schema " + std::to_string(impl->schema + 1) + " failed: " +
                                            r.error().message);
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

  impl->insert_submission = Stmt(db,
      "INSERT INTO submissions (uuid, reference, kind, created_at, payload_format, dict_id, raw_size, stored_size, "
      "payload, purged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  impl->insert_delivery = Stmt(db,
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

Result<void> Outbox::Impl::ensure_dictionary_loaded(std::uint32_t id) {
  if (codec.has_dictionary(id)) return {};
  Stmt st(db, "SELECT name, bytes FROM dictionaries WHERE id = ?");
  if (auto r = check(st, "cannot read dictionaries"); !r) return r;
  st.bind(1, static_cast<std::int64_t>(id));
  int rc = st.step();
  if (rc == SQLITE_DONE) return make_error(Errc::codec, "dictionary " + std::to_string(id) + " is missing from the outbox");
  if (rc != SQLITE_ROW) return fail(rc, "cannot read dictionaries");
  auto d = dictionary_from_bytes(st.blob(1), st.text(0));
  if (!d) return d.error();
  return codec.add_dictionary(*d, false);
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
  if (purged_ms) insert_submission.bind(10, purged_ms); else insert_submission.bind_null(10);
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
    return make_error(Errc::invalid_reference, "reference '" + s.reference + "' has a wrong check character", "reference");
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

Result<Receipt> Outbox::submit(Submission s) {
  auto guard = m->guard();
  // Validate before opening a transaction: invalid input never touches the database.
  if (s.created_at_ms <= 0) s.created_at_ms = m->now();
  if (s.kiosk_id.empty()) s.kiosk_id = m->options.kiosk_id;
  if (auto r = validate(s); !r) return r.error();
  Transaction tx(m->db);
  if (auto r = tx.begin(); !r) return r.error();
  if (auto r = m->use_newest_dictionary(); !r) return r.error();
  auto receipt = m->insert(s);
  if (!receipt) return receipt.error();
  if (auto r = tx.commit(); !r) return r.error();
  return receipt;
}

Result<std::vector<Receipt>> Outbox::submit_batch(std::vector<Submission> batch) {
  auto guard = m->guard();
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
  Stmt answer(m->db,
              "INSERT OR IGNORE INTO answers (submission_id, channel, remote_id, received_at, text) VALUES (?,?,?,?,?)");
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
      st.reset().bind(1, row).bind(2, d.channel).bind(3, delivery_state_name(d.state)).bind(4, d.attempts)
          .bind(5, d.next_attempt_ms).bind(6, d.updated_ms ? d.updated_ms : m->now());
      if (d.delivered_ms) st.bind(7, d.delivered_ms); else st.bind_null(7);
      st.bind_opt(8, d.last_error).bind_opt(9, d.parked_reason).bind_opt(10, d.remote_id)
          .bind_opt(11, d.remote_display).bind_opt(12, d.remote_status);
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
  if (auto r = ensure_dictionary_loaded(out.dict_id); !r) return r.error();
  auto sub = codec.decode(row.blob(1), out.dict_id);
  if (!sub && sub.error().code == Errc::codec) return sub.error();  // damaged frame
  if (!sub) return make_error(Errc::db_corrupt, "stored submission " + std::to_string(out.row_id) +
                                                    " is unreadable: " + sub.error().message);
  out.submission = std::move(*sub);
  if (auto r = load_deliveries(out); !r) return r.error();
  return out;
}

Result<void> Outbox::Impl::load_deliveries(StoredSubmission& out) {
  // Prepared once (export and `kioskctl list` read every row through here).
  auto lease = cached(
      "SELECT channel, state, attempts, next_attempt_at, updated_at, coalesce(delivered_at, 0), "
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
  auto an_lease = cached("SELECT channel, remote_id, received_at, text FROM answers WHERE submission_id = ? ORDER BY received_at");
  Stmt& an = *an_lease;
  if (auto r = check(an, "cannot read answers"); !r) return r;
  an.bind(1, out.row_id);
  while ((rc = an.step()) == SQLITE_ROW)
    out.answers.push_back(Answer{an.text(0), an.i64(2), an.text(3), an.text(1)});
  if (rc != SQLITE_DONE) return fail(rc, "cannot read answers");
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
    struct stat sb{};
    std::string wal = m->options.path.string() + "-wal";
    if (::stat(wal.c_str(), &sb) == 0) out.wal_file_bytes = sb.st_size;
  }
  return out;
}

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
  auto unsent = m->cached(
      "UPDATE deliveries SET state = 'retry', attempts = max(attempts - 1, 0), next_attempt_at = ?3, "
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
  st->bind(1, channel).bind(2, now_ms).bind(3, now_ms - m->options.in_flight_lease_ms)
      .bind(4, static_cast<std::int64_t>(max_count)).bind(5, m->claim_run);
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
    auto dict = static_cast<std::uint32_t>(st->i64(5));
    if (auto r = m->ensure_dictionary_loaded(dict); !r) return r.error();
    auto sub = m->codec.decode(st->blob(4), dict);
    if (!sub && sub.error().code == Errc::codec) return sub.error();  // damaged frame
    if (!sub) return make_error(Errc::db_corrupt, "stored submission is unreadable: " + sub.error().message);
    d.submission = std::move(*sub);
    bytes += raw;
    out.push_back(std::move(d));
  }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return m->fail(rc, "cannot claim deliveries");
  st->reset();
  if (!claim) return out;
  auto up = m->cached(
      "UPDATE deliveries SET state = 'in_flight', attempts = attempts + 1, updated_at = ?1, "
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
    return make_error(Errc::not_found, "no delivery of submission " + std::to_string(row_id) + " to " + std::string(channel));
  return {};
}

Result<void> Outbox::mark_delivered(std::int64_t row_id, std::string_view channel, std::string_view remote_id,
                                    std::string_view remote_display) {
  auto guard = m->guard();
  return m->set_state(row_id, channel,
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
  Stmt st(m->db,
          "UPDATE deliveries SET state = 'pending', parked_reason = NULL, next_attempt_at = 0, updated_at = ? "
          "WHERE state = 'parked' AND (? = '' OR channel = ?)");
  if (auto r = m->check(st, "cannot requeue"); !r) return r.error();
  st.bind(1, m->now()).bind(2, channel).bind(3, channel);
  int rc = st.step();
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot requeue");
  return static_cast<std::size_t>(sqlite3_changes(m->db));
}

Result<void> Outbox::set_remote_status(std::int64_t row_id, std::string_view channel, std::string_view status) {
  auto guard = m->guard();
  return m->set_state(row_id, channel,
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

Result<bool> Outbox::add_answer(std::int64_t row_id, const Answer& a) {
  auto guard = m->guard();
  auto st = m->cached(
      "INSERT OR IGNORE INTO answers (submission_id, channel, remote_id, received_at, text) VALUES (?, ?, ?, ?, ?)");
  if (auto r = m->check(*st, "cannot store the answer"); !r) return r.error();
  st->bind(1, row_id).bind(2, a.channel).bind(3, a.remote_id).bind(4, a.received_ms ? a.received_ms : m->now())
      .bind(5, a.text);
  int rc = st->step();
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot store the answer");
  return sqlite3_changes(m->db) > 0;
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
  auto done = m->cached(
      "UPDATE deliveries SET state = 'delivered', updated_at = ?3, delivered_at = ?3, last_error = NULL, "
      "uncertain = 0, remote_id = ?4, remote_display = ?5 WHERE submission_id = ?1 AND channel = ?2 "
      "AND state <> 'delivered'");
  auto retry = m->cached(
      "UPDATE deliveries SET state = 'retry', updated_at = ?3, next_attempt_at = ?4, last_error = ?5, "
      "uncertain = ?6, remote_id = coalesce(?7, remote_id) WHERE submission_id = ?1 AND channel = ?2 "
      "AND state <> 'delivered'");
  auto park = m->cached(
      "UPDATE deliveries SET state = 'parked', updated_at = ?3, parked_reason = ?4, last_error = ?4, "
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
        retry->reset().bind(4, u.next_attempt_ms).bind(5, u.error).bind(6, u.uncertain ? 1 : 0).bind_opt(7, u.remote_id);
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
  auto st = m->cached(
      "SELECT d.submission_id, s.uuid, s.reference, d.remote_id, coalesce(d.remote_status, ''), "
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

Result<std::vector<DeliveryProblem>> Outbox::problems(std::size_t limit) {
  auto guard = m->guard();
  Stmt st(m->db,
          "SELECT s.reference, d.channel, d.state, d.attempts, coalesce(d.parked_reason, d.last_error, ''), "
          "d.updated_at FROM delivery_counts c CROSS JOIN deliveries d ON d.channel = c.channel AND d.state = c.state "
          "JOIN submissions s ON s.id = d.submission_id "  // through the queue index: parked and retry rows only
          "WHERE c.state IN ('parked', 'retry') AND c.n > 0 "
          "AND (d.state = 'parked' OR (d.state = 'retry' AND coalesce(d.last_error, '') <> '')) "
          "ORDER BY d.state = 'parked' DESC, d.updated_at DESC LIMIT ?");
  if (auto r = m->check(st, "cannot list problems"); !r) return r.error();
  st.bind(1, static_cast<std::int64_t>(limit));
  return m->read_problems(st);
}

Result<std::vector<DeliveryProblem>> Outbox::problems_per_channel(std::size_t per_channel) {
  auto guard = m->guard();
  Stmt st(m->db,
          "SELECT reference, channel, state, attempts, reason, updated_at FROM ("
          " SELECT s.reference, d.channel, d.state, d.attempts, coalesce(d.parked_reason, d.last_error, '') AS reason,"
          "  d.updated_at, row_number() OVER (PARTITION BY d.channel, d.state ORDER BY d.updated_at DESC) AS n"
          // Through the queue index, as problems() reads it: parked and retry rows only, not the history.
          " FROM delivery_counts c CROSS JOIN deliveries d ON d.channel = c.channel AND d.state = c.state"
          " JOIN submissions s ON s.id = d.submission_id"
          " WHERE c.state IN ('parked', 'retry') AND c.n > 0"
          " AND (d.state = 'parked' OR (d.state = 'retry' AND coalesce(d.last_error, '') <> '')))"
          " WHERE n <= ? ORDER BY channel, state = 'parked' DESC, updated_at DESC");
  if (auto r = m->check(st, "cannot list problems"); !r) return r.error();
  st.bind(1, static_cast<std::int64_t>(per_channel));
  return m->read_problems(st);
}

Result<ChannelState> Outbox::channel_state(std::string_view channel) {
  auto guard = m->guard();
  auto st = m->cached(
      "SELECT circuit, failures, not_before, last_error, last_success, last_attempt, last_poll, sent_times "
      "FROM channel_state WHERE channel = ?");
  if (auto r = m->check(*st, "cannot read the channel state"); !r) return r.error();
  st->bind(1, channel);
  ChannelState out;
  out.channel = std::string(channel);
  int rc = st->step();
  if (rc == SQLITE_ROW) {
    out.circuit = st->text(0);
    out.failures = static_cast<int>(st->i64(1));
    out.not_before_ms = st->i64(2);
    out.last_error = st->text(3);
    out.last_success_ms = st->i64(4);
    out.last_attempt_ms = st->i64(5);
    out.last_poll_ms = st->i64(6);
    std::string times = st->text(7);
    std::size_t pos = 0;
    while (pos < times.size()) {
      auto comma = times.find(',', pos);
      std::string part = times.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      if (!part.empty()) out.sent_times.push_back(std::stoll(part));
      if (comma == std::string::npos) break;
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
  st->bind(1, c.channel).bind(2, c.circuit).bind(3, c.failures).bind(4, c.not_before_ms).bind(5, c.last_error)
      .bind(6, c.last_success_ms).bind(7, c.last_attempt_ms).bind(8, c.last_poll_ms).bind(9, times);
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
  auto st = m->cached(
      "INSERT INTO sync_cache (key, fetched_at, body) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (key) DO UPDATE SET fetched_at = ?2, body = ?3");
  if (auto r = m->check(*st, "cannot write the cache"); !r) return r;
  st->bind(1, key).bind(2, m->now()).bind(3, body);
  if (int rc = st->step(); rc != SQLITE_DONE) return m->fail(rc, "cannot write the cache");
  return {};
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
  ins.bind(1, static_cast<std::int64_t>(dict->id)).bind(2, dict->name)
      .bind(3, std::max(m->now(), newest_added + 1)).bind_blob(4, dict->bytes);
  if (int rc = ins.step(); rc != SQLITE_DONE) return m->fail(rc, "cannot store the dictionary");
  if (auto r = tx.commit(); !r) return r.error();
  if (auto r = m->codec.add_dictionary(*dict, /*make_active=*/true); !r) return r.error();
  return dict->id;
}

Result<std::size_t> Outbox::purge(int days) {
  auto guard = m->guard();
  if (days < 0) return make_error(Errc::invalid_value, "retention days must not be negative");
  std::int64_t cutoff = m->now() - static_cast<std::int64_t>(days) * 86'400'000;
  Transaction tx(m->db);
  if (auto r = tx.begin(); !r) return r.error();
  // Fully delivered: at least one delivery, none undelivered, the last one older than the cutoff.
  Stmt st(m->db,
          "SELECT s.id, s.payload, s.dict_id FROM submissions s WHERE s.purged_at IS NULL "
          "AND EXISTS (SELECT 1 FROM deliveries d WHERE d.submission_id = s.id) "
          "AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.submission_id = s.id AND "
          "(d.state <> 'delivered' OR d.delivered_at > ?1))");
  if (auto r = m->check(st, "cannot purge"); !r) return r.error();
  st.bind(1, cutoff);
  struct Row { std::int64_t id; Submission s; };
  std::vector<Row> rows;
  int rc;
  while ((rc = st.step()) == SQLITE_ROW) {
    auto dict = static_cast<std::uint32_t>(st.i64(2));
    if (auto r = m->ensure_dictionary_loaded(dict); !r) return r.error();
    auto sub = m->codec.decode(st.blob(1), dict);
    if (!sub && sub.error().code == Errc::codec) return sub.error();  // damaged frame
    if (!sub) return make_error(Errc::db_corrupt, "stored submission is unreadable: " + sub.error().message);
    Submission s = std::move(*sub);
    // Personal data and free text go; reference, kind, category, topic, point and status stay.
    s.text.clear();
    s.contact = Contact{};
    s.location.text.clear();
    rows.push_back(Row{st.i64(0), std::move(s)});
  }
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot purge");
  st.reset();
  Stmt up(m->db, "UPDATE submissions SET payload = ?, dict_id = ?, raw_size = ?, stored_size = ?, purged_at = ? WHERE id = ?");
  for (const auto& r : rows) {
    auto frame = m->codec.encode(r.s);
    if (!frame) return frame.error();
    up.reset().bind_blob(1, *frame).bind(2, static_cast<std::int64_t>(m->codec.active_dictionary()))
        .bind(3, static_cast<std::int64_t>(to_json(r.s).dump().size())).bind(4, static_cast<std::int64_t>(frame->size()))
        .bind(5, m->now()).bind(6, r.id);
    if ((rc = up.step()) != SQLITE_DONE) return m->fail(rc, "cannot purge");
  }
  if (auto r = tx.commit(); !r) return r.error();
  // Overwritten personal data may linger in free pages and the WAL: checkpoint and truncate the WAL.
  if (!rows.empty()) (void)sqlite::exec(m->db, "PRAGMA wal_checkpoint(TRUNCATE)");
  return rows.size();
}

Result<bool> Outbox::upsert_news(const NewsItem& n) {
  auto guard = m->guard();
  Stmt st(m->db,
          "INSERT INTO news (source, remote_id, published_at, language, text, url) VALUES (?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (source, remote_id) DO UPDATE SET published_at = excluded.published_at, "
          "language = excluded.language, text = excluded.text, url = excluded.url");
  if (auto r = m->check(st, "cannot store news"); !r) return r.error();
  if (!valid_utf8(n.text)) return make_error(Errc::invalid_utf8, "news text is not valid UTF-8");
  st.bind(1, n.source).bind(2, n.remote_id).bind(3, n.published_ms).bind(4, n.language)
      .bind(5, strip_controls(n.text, true)).bind(6, n.url);
  int rc = st.step();
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot store news");
  return sqlite3_changes(m->db) > 0;
}

Result<std::vector<NewsItem>> Outbox::latest_news(std::size_t limit) {
  auto guard = m->guard();
  Stmt st(m->db, "SELECT source, remote_id, published_at, language, text, url FROM news ORDER BY published_at DESC LIMIT ?");
  if (auto r = m->check(st, "cannot read news"); !r) return r.error();
  st.bind(1, static_cast<std::int64_t>(limit));
  std::vector<NewsItem> out;
  int rc;
  while ((rc = st.step()) == SQLITE_ROW)
    out.push_back(NewsItem{st.text(0), st.text(1), st.i64(2), st.text(3), st.text(4), st.text(5)});
  if (rc != SQLITE_DONE) return m->fail(rc, "cannot read news");
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
