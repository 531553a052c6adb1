// Shared by the outbox's tests (outbox_test, outbox_queue_test, outbox_side_test, outbox_dictionary_test).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "kiosk/sync/outbox.hpp"

namespace kiosk::test {

// An outbox at `path` with the shipped dictionary, as the kiosk opens it.
inline OutboxOptions options_for(const std::filesystem::path& path, const Clock* clock = nullptr) {
  OutboxOptions o;
  o.path = path;
  o.clock = clock;
  auto dict = load_latest_dictionary(std::filesystem::path(KIOSK_SOURCE_ASSETS_DIR) / "dict");
  if (dict) o.dictionary = *dict;
  return o;
}

inline std::int64_t count_rows(sqlite3* db, const char* table) {
  sqlite3_stmt* st = nullptr;
  std::string sql = std::string("SELECT count(*) FROM ") + table;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  std::int64_t n = -1;
  if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

}  // namespace kiosk::test
