// Fuzz target: the municipality's offline map (map.tiles, an MBTiles SQLite file), read by
// kiosk/core/mbtiles.cpp (MbTiles::open and tile(); display-free, compiled into this target). SQLite's own
// file format is fuzzed by SQLite; what this target varies is what the kiosk reads out of a well-formed
// file: the metadata values and the tiles' zoom, column and row. The input's lines are
//   format \n bounds \n name \n "zoom column row" \n tile bytes…
// written into a fresh MBTiles file, which is then opened and read as the map screen does.
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "fuzz_support.hpp"
#include "kiosk/core/mbtiles.hpp"

namespace {

std::string_view next_line(std::string_view& s) {
  const std::size_t nl = s.find('\n');
  std::string_view line = s.substr(0, nl);
  s = nl == std::string_view::npos ? std::string_view{} : s.substr(nl + 1);
  return line;
}

void bind(sqlite3_stmt* st, int i, std::string_view v) {
  sqlite3_bind_text(st, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = kiosk::fuzz::text(data, size);
  const std::string_view format = next_line(in), bounds = next_line(in), name = next_line(in);
  long long zoom = 0, col = 0, row = 0;
  std::istringstream(std::string(next_line(in))) >> zoom >> col >> row;
  // Within int, with room for the neighbours and the row flip below (the harness's own maths must not
  // overflow; the file may hold any 64-bit value, and does: the rows are stored as given).
  constexpr long long kLimit = 1'000'000'000;
  const int c = static_cast<int>(std::clamp(col, -kLimit, kLimit));
  const int r = static_cast<int>(std::clamp(row, -kLimit, kLimit));
  const std::string_view tile = in;

  const auto path = kiosk::fuzz::scratch_dir() / "map.mbtiles";
  std::remove(path.c_str());
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) std::abort();
  sqlite3_exec(db,
               "CREATE TABLE metadata (name TEXT, value TEXT);"
               "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO metadata VALUES (?, ?)", -1, &st, nullptr);
  for (auto [key, value] : {std::pair{"format", format}, {"bounds", bounds}, {"name", name}}) {
    if (value.empty()) continue;  // a missing key, as in many real files
    sqlite3_reset(st);
    bind(st, 1, key);
    bind(st, 2, value);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  sqlite3_prepare_v2(db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &st, nullptr);
  sqlite3_bind_int64(st, 1, zoom);
  sqlite3_bind_int64(st, 2, col);
  sqlite3_bind_int64(st, 3, row);
  sqlite3_bind_blob(st, 4, tile.data(), static_cast<int>(tile.size()), SQLITE_TRANSIENT);
  sqlite3_step(st);
  sqlite3_finalize(st);
  sqlite3_close(db);

  auto map = kiosk::core::MbTiles::open(path);
  if (!map) return 0;
  const auto& info = map->info();
  // The map screen: the tile it was given (XYZ: the row flipped), its neighbours, and the maths between
  // the bounds and the screen at the file's zoom levels.
  for (int z : {info.min_zoom, info.max_zoom}) {
    const long long rows = z >= 0 && z < 31 ? (1LL << z) : 1;
    const int y_xyz = static_cast<int>(std::clamp(rows - 1 - r, -kLimit, kLimit));
    for (int dx = -1; dx <= 1; ++dx) {
      auto t = map->tile(z, c + dx, y_xyz);
      if (t) (void)kiosk::core::sniff_tile(*t);
    }
    if (info.south_west && info.north_east) {
      auto px = kiosk::core::to_pixel(*info.south_west, z);
      (void)kiosk::core::to_geo(px, z);
      (void)kiosk::core::distance_m(*info.south_west, *info.north_east);
    }
  }
  return 0;
}
