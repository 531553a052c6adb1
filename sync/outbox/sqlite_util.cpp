// SQLite error mapping and helpers (see sqlite_util.hpp).
#include "sqlite_util.hpp"

#include <cerrno>
#include <cstring>

namespace kiosk::sqlite {

Errc errc_for(int rc) noexcept {
  switch (rc & 0xff) {
    case SQLITE_FULL: return Errc::db_full;
    case SQLITE_READONLY: return Errc::db_readonly;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Errc::db_corrupt;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Errc::db_busy;
    case SQLITE_CANTOPEN: return Errc::db_open;
    case SQLITE_CONSTRAINT: return Errc::duplicate;
    case SQLITE_IOERR:
      // Some file systems report ENOSPC as a short write; SQLite maps that to IOERR_WRITE.
      return Errc::db_io;
    default: return Errc::db_io;
  }
}

Error error_from(sqlite3* db, int rc, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  Errc code = errc_for(rc);
  // A write refused by the kernel for lack of space (or a file size limit) is a full disk too.
  int sys = db ? sqlite3_system_errno(db) : 0;
  if ((rc & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EFBIG || sys == EDQUOT)) code = Errc::db_full;
  switch (code) {
    case Errc::db_full: msg += "the disk (or the outbox size limit) is full; nothing was stored"; break;
    case Errc::db_readonly: msg += "the database is read-only (file permissions or a read-only file system)"; break;
    case Errc::db_corrupt: msg += "the database file is damaged or is not an outbox database"; break;
    case Errc::db_busy: msg += "the database is locked by another process"; break;
    default: break;
  }
  const char* detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  msg += std::string(code == Errc::db_io || code == Errc::db_open || code == Errc::duplicate ? "" : " (") + detail +
         (code == Errc::db_io || code == Errc::db_open || code == Errc::duplicate ? "" : ")");
  if (code == Errc::db_io) msg += " (" + std::string(std::strerror(sys)) + ", code " + std::to_string(rc) + ")";
  return make_error(code, std::move(msg));
}

Stmt::Stmt(sqlite3* db, std::string_view sql) {
  m_rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
}

StmtCache::Lease StmtCache::lease(sqlite3* db, std::string_view sql) {
  auto it = m_entries.find(sql);
  if (it == m_entries.end()) it = m_entries.emplace(std::string(sql), Entry{}).first;
  Entry& e = it->second;
  // A caller already iterating this statement keeps it: the nested use gets its own, finalised after.
  if (e.busy) return Lease(Stmt(db, sql));
  if (!e.st.get()) e.st = Stmt(db, sql);
  return Lease(e.st, &e.busy);
}

Result<void> exec(sqlite3* db, std::string_view sql) {
  std::string s(sql);
  int rc = sqlite3_exec(db, s.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error_from(db, rc, "SQL failed");
  return {};
}

}  // namespace kiosk::sqlite
