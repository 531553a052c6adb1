// MBTiles reading with the sqlite3 C API (read-only, immutable) and web-mercator arithmetic.
#include "kiosk/core/mbtiles.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>

#include <fmt/format.h>

namespace kiosk::core {

WorldPixel to_pixel(GeoPoint p, double zoom) {
  double size = kTileSize * std::exp2(zoom);
  double lat = std::clamp(p.lat, -kMaxMercatorLat, kMaxMercatorLat) * std::numbers::pi / 180;
  double x = (p.lon + 180) / 360 * size;
  double y = (1 - std::log(std::tan(lat) + 1 / std::cos(lat)) / std::numbers::pi) / 2 * size;
  return {x, y};
}

GeoPoint to_geo(WorldPixel px, double zoom) {
  double size = kTileSize * std::exp2(zoom);
  double lon = px.x / size * 360 - 180;
  double n = std::numbers::pi * (1 - 2 * px.y / size);
  double lat = std::atan(std::sinh(n)) * 180 / std::numbers::pi;
  return {lat, lon};
}

double distance_m(GeoPoint a, GeoPoint b) {
  constexpr double kEarthRadius = 6371008.8;  // metres, mean
  constexpr double rad = std::numbers::pi / 180;
  double dlat = (b.lat - a.lat) * rad, dlon = (b.lon - a.lon) * rad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(a.lat * rad) * std::cos(b.lat * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

const Place* nearest_place(const std::vector<Place>& places, GeoPoint p, double max_m) {
  const Place* best = nullptr;
  double best_m = max_m;
  for (const Place& pl : places) {
    if (!pl.lat || !pl.lon) continue;
    double d = distance_m(p, GeoPoint{*pl.lat, *pl.lon});
    if (d <= best_m) {
      best = &pl;
      best_m = d;
    }
  }
  return best;
}

TileFormat sniff_tile(std::string_view b) {
  if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n") return TileFormat::png;
  if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") return TileFormat::jpeg;
  return TileFormat::unknown;
}

struct MbTiles::Impl {
  sqlite3* db = nullptr;
  sqlite3_stmt* tile = nullptr;
  ~Impl() {
    sqlite3_finalize(tile);
    sqlite3_close(db);
  }
};

MbTiles::MbTiles(std::unique_ptr<Impl> impl) : m(std::move(impl)) {}
MbTiles::MbTiles(MbTiles&&) noexcept = default;
MbTiles& MbTiles::operator=(MbTiles&&) noexcept = default;
MbTiles::~MbTiles() = default;

Result<MbTiles> MbTiles::open(const std::filesystem::path& file) {
  auto impl = std::make_unique<Impl>();
  std::string what = file.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return make_error(Errc::db_open, fmt::format("{}: the map file is not there", what));
  // immutable=1: no locks, no journal; the file on the kiosk is provisioned and never written.
  std::string uri = "file:" + what + "?mode=ro&immutable=1";
  for (std::size_t i = 5; i < uri.size() && uri[i] != '?'; ++i)  // escape what a URI path cannot hold
    if (uri[i] == '%' || uri[i] == '#') {
      uri.replace(i, 1, uri[i] == '%' ? "%25" : "%23");
      i += 2;
    }
  int rc = sqlite3_open_v2(uri.c_str(), &impl->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
  if (rc != SQLITE_OK)
    return make_error(Errc::db_open, fmt::format("{}: cannot open the map: {}", what, sqlite3_errstr(rc)));
  rc = sqlite3_prepare_v2(impl->db,
                          "SELECT tile_data FROM tiles WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3",
                          -1, &impl->tile, nullptr);
  if (rc != SQLITE_OK) {
    bool not_db = rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
    return make_error(Errc::db_corrupt,
                      fmt::format("{}: {}: {}", what,
                                  not_db ? "not an SQLite file" : "not an MBTiles file (no tiles table)",
                                  sqlite3_errmsg(impl->db)));
  }
  MbTilesInfo info;
  sqlite3_stmt* meta = nullptr;
  if (sqlite3_prepare_v2(impl->db, "SELECT name, value FROM metadata", -1, &meta, nullptr) == SQLITE_OK) {
    while (sqlite3_step(meta) == SQLITE_ROW) {
      auto text = [&](int col) {
        const unsigned char* t = sqlite3_column_text(meta, col);
        return t ? std::string(reinterpret_cast<const char*>(t),
                               static_cast<std::size_t>(sqlite3_column_bytes(meta, col)))
                 : std::string();
      };
      std::string name = text(0), value = text(1);
      if (name == "name") info.name = value;
      else if (name == "format") info.format = value;
      else if (name == "bounds") {
        double v[4];
        char* p = value.data();
        bool ok = true;
        for (int i = 0; i < 4 && ok; ++i) {
          char* end = nullptr;
          v[i] = std::strtod(p, &end);
          ok = end != p && std::isfinite(v[i]);
          p = end;
          if (i < 3 && ok) ok = *p++ == ',';
        }
        if (!ok || *p != '\0' || v[0] >= v[2] || v[1] >= v[3]) {
          sqlite3_finalize(meta);
          return make_error(Errc::invalid_value,
                            fmt::format("{}: metadata bounds must be \"west,south,east,north\" (got '{}')", what,
                                        value));
        }
        info.south_west = GeoPoint{v[1], v[0]};
        info.north_east = GeoPoint{v[3], v[2]};
      }
    }
  }
  sqlite3_finalize(meta);
  if (!info.format.empty() && info.format != "png" && info.format != "jpg" && info.format != "jpeg")
    return make_error(Errc::invalid_value,
                      fmt::format("{}: the map's tiles are '{}'; the kiosk shows png or jpg tiles", what, info.format));
  // Zoom levels from the tiles themselves (metadata minzoom/maxzoom are optional and sometimes wrong).
  sqlite3_stmt* zooms = nullptr;
  rc =
      sqlite3_prepare_v2(impl->db, "SELECT min(zoom_level), max(zoom_level), count(*) FROM tiles", -1, &zooms, nullptr);
  if (rc != SQLITE_OK || sqlite3_step(zooms) != SQLITE_ROW || sqlite3_column_int64(zooms, 2) == 0) {
    sqlite3_finalize(zooms);
    return make_error(Errc::db_corrupt, fmt::format("{}: the map has no tiles", what));
  }
  info.min_zoom = sqlite3_column_int(zooms, 0);
  info.max_zoom = sqlite3_column_int(zooms, 1);
  sqlite3_finalize(zooms);
  MbTiles out(std::move(impl));
  out.m_info = std::move(info);
  return out;
}

Result<std::string> MbTiles::tile(int zoom, int x, int y) const {
  if (zoom < 0 || zoom > 30) return make_error(Errc::not_found, "no such zoom level");
  std::int64_t n = std::int64_t{1} << zoom;
  if (x < 0 || y < 0 || x >= n || y >= n) return make_error(Errc::not_found, "outside the world");
  sqlite3_stmt* st = m->tile;
  sqlite3_reset(st);
  sqlite3_bind_int(st, 1, zoom);
  sqlite3_bind_int64(st, 2, x);
  sqlite3_bind_int64(st, 3, n - 1 - y);  // TMS rows count from the south
  int rc = sqlite3_step(st);
  if (rc == SQLITE_DONE) return make_error(Errc::not_found, fmt::format("no tile {}/{}/{}", zoom, x, y));
  if (rc != SQLITE_ROW)
    return make_error(Errc::db_io, fmt::format("reading tile {}/{}/{}: {}", zoom, x, y, sqlite3_errstr(rc)));
  const void* blob = sqlite3_column_blob(st, 0);
  std::string bytes(static_cast<const char*>(blob), static_cast<std::size_t>(sqlite3_column_bytes(st, 0)));
  sqlite3_reset(st);
  return bytes;
}

}  // namespace kiosk::core
