// The offline map file: web-mercator arithmetic, and reading tiles from an MBTiles file the test builds
// itself (SQLite + PNG tiles encoded with libpng): the TMS row flip, missing tiles, files that are not maps.
#include "kiosk/core/mbtiles.hpp"

#include <gtest/gtest.h>
#include <png.h>
#include <sqlite3.h>

#include <cmath>
#include <fstream>

#include "test_support.hpp"

namespace kiosk::core {
namespace {

// A 256x256 RGB tile of one colour, as PNG bytes.
std::string png_tile(unsigned char r, unsigned char g, unsigned char b) {
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(
      png, &out,
      [](png_structp p, png_bytep data, png_size_t n) {
        static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<const char*>(data), n);
      },
      nullptr);
  png_set_IHDR(png, info, kTileSize, kTileSize, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  std::vector<unsigned char> row(kTileSize * 3);
  for (int x = 0; x < kTileSize; ++x) {
    row[x * 3] = r;
    row[x * 3 + 1] = g;
    row[x * 3 + 2] = b;
  }
  for (int y = 0; y < kTileSize; ++y) png_write_row(png, row.data());
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

void exec(sqlite3* db, const char* sql) {
  ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql;
}

// An MBTiles file with tiles at zoom 17 around (52.0915, 5.1210): tile x 67400, y 43240 (XYZ).
void write_map(const std::filesystem::path& file, const char* format = "png",
               const char* bounds = "5.11,52.08,5.13,52.10") {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  exec(db, "CREATE TABLE metadata (name text, value text)");
  exec(db, "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)");
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO metadata VALUES (?1, ?2)", -1, &st, nullptr);
  for (auto [k, v] : {std::pair<const char*, const char*>{"name", "test"}, {"format", format}, {"bounds", bounds}}) {
    sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, v, -1, SQLITE_STATIC);
    sqlite3_step(st);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  sqlite3_prepare_v2(db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1, &st, nullptr);
  auto put = [&](int z, int x, int tms_y, const std::string& data) {
    sqlite3_bind_int(st, 1, z);
    sqlite3_bind_int(st, 2, x);
    sqlite3_bind_int(st, 3, tms_y);
    sqlite3_bind_blob(st, 4, data.data(), static_cast<int>(data.size()), SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
    sqlite3_reset(st);
  };
  const int n = 1 << 17;
  put(17, 67400, n - 1 - 43240, png_tile(255, 0, 0));  // red at XYZ y 43240
  put(17, 67400, 43240, png_tile(0, 0, 255));          // blue where an unflipped reader would look
  put(16, 33700, (1 << 16) - 1 - 21620, png_tile(0, 255, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(mbtiles_test, web_mercator_arithmetic) {
  WorldPixel o = to_pixel({0, 0}, 0);
  EXPECT_DOUBLE_EQ(o.x, 128);
  EXPECT_NEAR(o.y, 128, 1e-9);
  // Amsterdam is in tile 525/336 at zoom 10 (the OpenStreetMap tile of the city centre).
  WorldPixel a = to_pixel({52.3676, 4.9041}, 10);
  EXPECT_EQ(int(a.x / kTileSize), 525);
  EXPECT_EQ(int(a.y / kTileSize), 336);
  for (GeoPoint p : {GeoPoint{52.0915, 5.1210}, GeoPoint{-33.87, 151.21}, GeoPoint{0.5, -0.5}}) {
    GeoPoint back = to_geo(to_pixel(p, 17.5), 17.5);
    EXPECT_NEAR(back.lat, p.lat, 1e-9);
    EXPECT_NEAR(back.lon, p.lon, 1e-9);
  }
  WorldPixel pole = to_pixel({90, 0}, 1);  // clamped, not infinite
  EXPECT_TRUE(std::isfinite(pole.y));
  EXPECT_NEAR(pole.y, 0, 1e-6);
  // One pixel at zoom 17 near 52° N is about 0.74 m across.
  GeoPoint p = {52.0915, 5.1210};
  WorldPixel px = to_pixel(p, 17);
  EXPECT_NEAR(distance_m(p, to_geo({px.x + 100, px.y}, 17)), 73.5, 1.0);
  EXPECT_NEAR(distance_m({52.0, 5.0}, {53.0, 5.0}), 111195, 50);
}

TEST(mbtiles_test, nearest_configured_place_within_reach) {
  std::vector<Place> places = {{"Ver weg", 52.2, 5.2}, {"Markt", 52.09068, 5.12155}, {"Geen punt", {}, {}}};
  EXPECT_EQ(nearest_place(places, {52.0907, 5.1216}, 250), &places[1]);
  EXPECT_EQ(nearest_place(places, {52.0, 5.0}, 250), nullptr);
}

TEST(mbtiles_test, reads_tiles_with_the_tms_row_flip) {
  test::TempDir dir;
  auto file = dir.path() / "map.mbtiles";
  write_map(file);
  auto map = MbTiles::open(file);
  ASSERT_TRUE(map.ok()) << map.error().message;
  EXPECT_EQ(map->info().name, "test");
  EXPECT_EQ(map->info().format, "png");
  EXPECT_EQ(map->info().min_zoom, 16);
  EXPECT_EQ(map->info().max_zoom, 17);
  ASSERT_TRUE(map->info().south_west && map->info().north_east);
  EXPECT_DOUBLE_EQ(map->info().south_west->lat, 52.08);
  EXPECT_DOUBLE_EQ(map->info().north_east->lon, 5.13);
  auto tile = map->tile(17, 67400, 43240);
  ASSERT_TRUE(tile.ok()) << tile.error().message;
  EXPECT_EQ(*tile, png_tile(255, 0, 0));
  EXPECT_EQ(sniff_tile(*tile), TileFormat::png);
  EXPECT_EQ(*map->tile(16, 33700, 21620), png_tile(0, 255, 0));
  auto none = map->tile(17, 67401, 43240);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, Errc::not_found);
  EXPECT_EQ(map->tile(17, -1, 0).error().code, Errc::not_found);
  EXPECT_EQ(map->tile(40, 0, 0).error().code, Errc::not_found);
  EXPECT_EQ(sniff_tile("\xFF\xD8\xFF\xE0"), TileFormat::jpeg);
  EXPECT_EQ(sniff_tile("GIF89a"), TileFormat::unknown);
}

TEST(mbtiles_test, files_that_are_not_maps_get_a_typed_error) {
  test::TempDir dir;
  auto missing = MbTiles::open(dir.path() / "none.mbtiles");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, Errc::db_open);
  EXPECT_NE(missing.error().message.find("none.mbtiles"), std::string::npos);

  auto text = dir.path() / "text.mbtiles";
  std::ofstream(text) << std::string(4096, 'x');
  auto t = MbTiles::open(text);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, Errc::db_corrupt) << t.error().message;

  auto other = dir.path() / "other.mbtiles";
  {
    sqlite3* db = nullptr;
    sqlite3_open(other.c_str(), &db);
    exec(db, "CREATE TABLE something (x)");
    sqlite3_close(db);
  }
  auto o = MbTiles::open(other);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().code, Errc::db_corrupt);
  EXPECT_NE(o.error().message.find("not an MBTiles file"), std::string::npos) << o.error().message;

  auto webp = dir.path() / "webp.mbtiles";
  write_map(webp, "webp");
  EXPECT_EQ(MbTiles::open(webp).error().code, Errc::invalid_value);
  auto bounds = dir.path() / "bounds.mbtiles";
  write_map(bounds, "png", "5.11,52.08,oops");
  EXPECT_EQ(MbTiles::open(bounds).error().code, Errc::invalid_value);

  auto empty = dir.path() / "empty.mbtiles";
  {
    sqlite3* db = nullptr;
    sqlite3_open(empty.c_str(), &db);
    exec(db, "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)");
    sqlite3_close(db);
  }
  auto e = MbTiles::open(empty);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.error().message.find("no tiles"), std::string::npos);
}

TEST(mbtiles_test, opening_never_writes_the_file) {
  test::TempDir dir;
  auto file = dir.path() / "map.mbtiles";
  write_map(file);
  auto before = std::filesystem::last_write_time(file);
  std::filesystem::permissions(file, std::filesystem::perms::owner_read);  // as provisioned: read-only
  {
    auto map = MbTiles::open(file);
    ASSERT_TRUE(map.ok()) << map.error().message;
    EXPECT_TRUE(map->tile(17, 67400, 43240).ok());
  }
  EXPECT_EQ(std::filesystem::last_write_time(file), before);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "map.mbtiles-journal"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "map.mbtiles-wal"));
}

}  // namespace
}  // namespace kiosk::core
