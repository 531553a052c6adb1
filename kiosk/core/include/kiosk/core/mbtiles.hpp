// The municipality's offline map (map.tiles): an MBTiles file (SQLite: tables metadata(name, value) and
// tiles(zoom_level, tile_column, tile_row, tile_data), rows counted from the south as in TMS), read
// read-only, and the web-mercator arithmetic between WGS84 points, world pixels and tiles. Display-free:
// the UI decodes the tile images (PNG or JPEG) and draws them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/sync/config.hpp"
#include "kiosk/sync/error.hpp"
#include "kiosk/sync/submission.hpp"

namespace kiosk::core {

inline constexpr int kTileSize = 256;  // pixels along a tile's side (the MBTiles 1.x convention)
inline constexpr double kMaxMercatorLat = 85.0511287798066;

// Web mercator (EPSG:3857) "world pixels" at a zoom level: the world is kTileSize * 2^zoom pixels
// square, x to the east from 180°W, y to the south from 85.05°N (the XYZ tile scheme on screen).
struct WorldPixel {
  double x = 0;
  double y = 0;
};
WorldPixel to_pixel(GeoPoint p, double zoom);  // latitude clamped to ±kMaxMercatorLat
GeoPoint to_geo(WorldPixel px, double zoom);
// Metres between two points on the WGS84 sphere (haversine, mean radius): good to a few metres in a town.
double distance_m(GeoPoint a, GeoPoint b);
// The configured place with a point nearest to p, within max_m metres; nullptr if none.
const Place* nearest_place(const std::vector<Place>& places, GeoPoint p, double max_m);

enum class TileFormat { png, jpeg, unknown };
TileFormat sniff_tile(std::string_view bytes);  // from the bytes' signature

struct MbTilesInfo {
  std::string name;
  std::string format;  // metadata "format": png or jpg
  int min_zoom = 0;
  int max_zoom = 0;
  std::optional<GeoPoint> south_west, north_east;  // metadata "bounds"
};

class MbTiles {
 public:
  // Opens read-only (immutable: the kiosk never writes the file). Errors: db_open (missing or unreadable),
  // db_corrupt (not SQLite, or no tiles table: "not an MBTiles file"), invalid_value (a tile format other
  // than png/jpg, or unreadable bounds).
  static Result<MbTiles> open(const std::filesystem::path& file);
  MbTiles(MbTiles&&) noexcept;
  MbTiles& operator=(MbTiles&&) noexcept;
  ~MbTiles();

  const MbTilesInfo& info() const { return m_info; }
  // The image bytes of tile (zoom, x, y) in the XYZ scheme (y from the north; flipped to TMS here).
  // not_found when the file has no such tile, db_io when SQLite fails.
  Result<std::string> tile(int zoom, int x, int y) const;

 private:
  struct Impl;
  explicit MbTiles(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m;
  MbTilesInfo m_info;
};

}  // namespace kiosk::core
