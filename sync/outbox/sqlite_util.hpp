// Thin RAII helpers over the sqlite3 C API for the outbox: prepared statements, transactions and the
// mapping of SQLite result codes to typed errors. Private to kiosk_sync.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "kiosk/sync/error.hpp"

namespace kiosk::sqlite {

// Maps a SQLite result code (primary or extended) to an Errc.
Errc errc_for(int rc) noexcept;
Error error_from(sqlite3* db, int rc, std::string_view what);

class Stmt {
 public:
  Stmt() = default;
  Stmt(sqlite3* db, std::string_view sql);
  ~Stmt() { sqlite3_finalize(m_stmt); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : m_stmt(o.m_stmt), m_rc(o.m_rc) { o.m_stmt = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept {
    std::swap(m_stmt, o.m_stmt);
    std::swap(m_rc, o.m_rc);
    return *this;
  }

  int prepare_rc() const { return m_rc; }
  sqlite3_stmt* get() const { return m_stmt; }

  Stmt& reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return *this;
  }
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
  }
  Stmt& bind(int i, int v) {
    sqlite3_bind_int(m_stmt, i, v);
    return *this;
  }
  Stmt& bind(int i, std::string_view v) {
    sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind_blob(int i, std::string_view v) {
    sqlite3_bind_blob(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind_null(int i) {
    sqlite3_bind_null(m_stmt, i);
    return *this;
  }
  // Binds NULL for an empty string: optional text columns stay NULL rather than ''.
  Stmt& bind_opt(int i, std::string_view v) { return v.empty() ? bind_null(i) : bind(i, v); }

  int step() { return sqlite3_step(m_stmt); }

  std::int64_t i64(int col) const { return sqlite3_column_int64(m_stmt, col); }
  std::string text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))) : std::string();
  }
  std::string blob(int col) const {
    auto p = static_cast<const char*>(sqlite3_column_blob(m_stmt, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))) : std::string();
  }
  bool is_null(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }

 private:
  sqlite3_stmt* m_stmt = nullptr;
  int m_rc = SQLITE_OK;
};

// Statements kept prepared for the connection's lifetime, for fixed SQL run on every call of a hot
// path (parsing and planning cost more than running most of them). Keyed by the SQL text: not for SQL
// built at run time, which would grow the cache. clear() before sqlite3_close: a connection with
// unfinalised statements does not close.
class StmtCache {
 public:
  // A statement borrowed from the cache. It is reset and its bindings cleared when the lease ends, on
  // every path: a SELECT left mid-step would keep its read transaction (and the WAL's old pages) open.
  class Lease {
   public:
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (m_st->get()) m_st->reset();  // a failed prepare left no statement
      if (m_busy) *m_busy = false;
    }
    Stmt& operator*() const { return *m_st; }
    Stmt* operator->() const { return m_st; }

   private:
    friend class StmtCache;
    Lease(Stmt& st, bool* busy) : m_st(&st), m_busy(busy) { *busy = true; }
    explicit Lease(Stmt own) : m_own(std::move(own)), m_st(&m_own) {}
    Stmt m_own;  // only when the cached one is already leased (nested use)
    Stmt* m_st;
    bool* m_busy = nullptr;
  };

  // Prepares on first use, and again after a failed prepare so that its error is reported fresh.
  Lease lease(sqlite3* db, std::string_view sql);
  void clear() { m_entries.clear(); }

 private:
  struct Entry {
    Stmt st;
    bool busy = false;
  };
  std::map<std::string, Entry, std::less<>> m_entries;  // nodes never move: leases point into them
};

// Runs SQL without results (several statements allowed).
Result<void> exec(sqlite3* db, std::string_view sql);

// BEGIN IMMEDIATE ... COMMIT; rolls back in the destructor unless committed.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : m_db(db) {}
  ~Transaction() {
    if (m_open) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Result<void> begin() {
    auto r = exec(m_db, "BEGIN IMMEDIATE");
    m_open = r.ok();
    return r;
  }
  Result<void> commit() {
    auto r = exec(m_db, "COMMIT");
    if (r.ok()) m_open = false;
    return r;
  }

 private:
  sqlite3* m_db;
  bool m_open = false;
};

}  // namespace kiosk::sqlite
