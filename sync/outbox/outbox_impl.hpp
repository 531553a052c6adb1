// Outbox's private state, shared by the files that implement the one class by area (see outbox.hpp):
// outbox.cpp, outbox_dictionary.cpp, outbox_queue.cpp and outbox_side.cpp. Private to kiosk_sync.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "kiosk/sync/outbox.hpp"
#include "sqlite_util.hpp"

namespace kiosk {

struct Outbox::Impl {
  sqlite3* db = nullptr;
  OutboxOptions options;
  const Clock* clock = nullptr;
  Codec codec;
  std::uint64_t ref_key = 0;
  int schema = 0;
  std::int64_t claim_run = 0;  // set_claim_run()

  sqlite::Stmt insert_submission, insert_delivery, next_serial, save_serial;
  sqlite::StmtCache stmts;  // the sync engine's per-round statements, prepared once
  // One connection, used by more than one thread (the sync engine records rounds on the transport's
  // worker thread): one public call at a time. Recursive: public calls use one another.
  std::recursive_mutex mutex;
  std::unique_lock<std::recursive_mutex> guard() { return std::unique_lock(mutex); }

  // flush_wal() state, shared with the thread that calls it. After a failed fdatasync the kernel may
  // mark the lost pages clean and report the error only once: every later flush must fail too.
  std::mutex flush_mutex;
  std::string flush_error;  // set once, never cleared
  bool dir_synced = false;

  ~Impl() {
    // Statements must be finalised before the connection closes.
    insert_submission = sqlite::Stmt();
    insert_delivery = sqlite::Stmt();
    next_serial = sqlite::Stmt();
    save_serial = sqlite::Stmt();
    stmts.clear();
    if (db) sqlite3_close_v2(db);
  }

  std::int64_t now() const { return clock->now_ms(); }
  Error fail(int rc, std::string_view what) const { return sqlite::error_from(db, rc, what); }

  // For fixed SQL only (see StmtCache). Check the lease with check(*st, ...) like a fresh Stmt.
  sqlite::StmtCache::Lease cached(std::string_view sql) { return stmts.lease(db, sql); }

  Result<void> check(sqlite::Stmt& st, std::string_view what) const {
    if (st.prepare_rc() != SQLITE_OK) return fail(st.prepare_rc(), what);
    return {};
  }

  // outbox_dictionary.cpp
  Result<void> ensure_dictionary_loaded(std::uint32_t id);
  Result<void> use_newest_dictionary();
  // A stored payload, with the dictionary it was written with: a damaged frame is a codec error,
  // any other failure to read it a db_corrupt one.
  Result<Submission> decode_stored(std::string_view payload, std::uint32_t dict_id, std::int64_t row_id);

  // outbox.cpp
  Result<Receipt> insert(Submission& s);
  Result<std::int64_t> store_row(const Submission& s, std::int64_t purged_ms);
  Result<StoredSubmission> load(sqlite::Stmt& row);
  Result<void> load_deliveries(StoredSubmission& out);

  // outbox_queue.cpp
  Result<void> set_state(std::int64_t row_id, std::string_view channel, std::string_view sql,
                         const std::function<void(sqlite::Stmt&)>& bind_extra);
  // The rows of problems() and problems_per_channel(): `sql` with its one parameter, the limit.
  Result<std::vector<DeliveryProblem>> read_problems(const std::string& sql, std::int64_t limit) const;

  // outbox_side.cpp
  Result<void> write_channel_state(const ChannelState& c);  // inside the caller's transaction, if any
};

}  // namespace kiosk
