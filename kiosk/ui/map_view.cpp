// The offline map on the location screen: tiles of the municipality's MBTiles file (core/mbtiles.hpp)
// decoded with stb_image (libstb-dev, Debian's build of stb) into SDL textures, drawn with ImGui's draw
// list. Moved by buttons only (zoom in/out, four directions): no pinch or drag needed.
#include <SDL.h>
#include <stb/stb_image.h>

#include <cmath>

#include "ui_internal.hpp"

namespace kiosk::ui {

namespace {
constexpr std::size_t kMaxTextures = 96;  // tiles kept decoded (a 1920x1080 map shows about 40)
}

MapView::MapView(SDL_Renderer* renderer, const Config& config) : m_sdl(renderer), m_config(&config) {
  if (config.map.tiles.empty()) return;
  auto map = core::MbTiles::open(config.map.tiles);
  if (!map) {
    m_error = map.error().message;
    return;
  }
  m_map = std::make_unique<core::MbTiles>(std::move(*map));
  reset();
}

MapView::~MapView() { clear_textures(); }

void MapView::clear_textures() {
  for (auto& [key, t] : m_textures)
    if (t.texture) SDL_DestroyTexture(t.texture);
  m_textures.clear();
}

void MapView::reset() {
  if (!m_map) return;
  const auto& info = m_map->info();
  const Place& k = m_config->kiosk.location;
  GeoPoint c{0, 0};
  if (k.lat && k.lon) c = {*k.lat, *k.lon};
  else if (m_config->map.centre_lat && m_config->map.centre_lon)
    c = {*m_config->map.centre_lat, *m_config->map.centre_lon};
  else if (info.south_west && info.north_east)
    c = {(info.south_west->lat + info.north_east->lat) / 2, (info.south_west->lon + info.north_east->lon) / 2};
  m_zoom = std::clamp(m_config->map.zoom, info.min_zoom, info.max_zoom);
  m_centre = core::to_pixel(c, m_zoom);
}

void MapView::zoom_by(int steps) {
  if (!m_map) return;
  int z = std::clamp(m_zoom + steps, m_map->info().min_zoom, m_map->info().max_zoom);
  double f = std::exp2(z - m_zoom);
  m_centre = {m_centre.x * f, m_centre.y * f};
  m_zoom = z;
}

bool MapView::can_zoom(int steps) const {
  if (!m_map) return false;
  return steps > 0 ? m_zoom < m_map->info().max_zoom : m_zoom > m_map->info().min_zoom;
}

void MapView::pan(float dx, float dy) {
  m_centre.x += dx;
  m_centre.y += dy;
  // Not beyond the map's area (its bounds), so the citizen cannot get lost in blank space.
  if (!m_map || !m_map->info().south_west || !m_map->info().north_east) return;
  core::WorldPixel a = core::to_pixel(*m_map->info().south_west, m_zoom);
  core::WorldPixel b = core::to_pixel(*m_map->info().north_east, m_zoom);
  m_centre.x = std::clamp(m_centre.x, std::min(a.x, b.x), std::max(a.x, b.x));
  m_centre.y = std::clamp(m_centre.y, std::min(a.y, b.y), std::max(a.y, b.y));
}

SDL_Texture* MapView::texture(int x, int y) {
  std::uint64_t key = (std::uint64_t(m_zoom) << 56) | (std::uint64_t(std::uint32_t(x)) << 28) | std::uint32_t(y);
  auto it = m_textures.find(key);
  if (it != m_textures.end()) {
    it->second.used = m_frame;
    return it->second.texture;
  }
  if (m_textures.size() >= kMaxTextures) {  // drop the least recently drawn
    auto old = std::min_element(m_textures.begin(), m_textures.end(),
                                [](const auto& a, const auto& b) { return a.second.used < b.second.used; });
    if (old->second.texture) SDL_DestroyTexture(old->second.texture);
    m_textures.erase(old);
  }
  Tile t;
  t.used = m_frame;
  auto bytes = m_map->tile(m_zoom, x, y);
  if (bytes && m_sdl) {
    int w = 0, h = 0, n = 0;
    stbi_uc* px =
        stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes->data()), int(bytes->size()), &w, &h, &n, 4);
    if (px) {
      t.texture = SDL_CreateTexture(m_sdl, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, w, h);
      if (t.texture) {
        SDL_UpdateTexture(t.texture, nullptr, px, 4 * w);
        SDL_SetTextureScaleMode(t.texture, SDL_ScaleModeLinear);
      }
      stbi_image_free(px);
    }
  }
  m_textures.emplace(key, t);  // a missing or undecodable tile stays blank, and is not read again
  return t.texture;
}

void MapView::draw(ImDrawList* dl, ImVec2 min, ImVec2 max) {
  ++m_frame;
  dl->AddRectFilled(min, max, theme::col(theme::kKeyboard));  // where a tile is missing
  if (!m_map) return;
  dl->PushClipRect(min, max, true);
  double left = m_centre.x - (max.x - min.x) / 2, top = m_centre.y - (max.y - min.y) / 2;
  int n = 1 << m_zoom;
  int x0 = int(std::floor(left / core::kTileSize)), y0 = int(std::floor(top / core::kTileSize));
  int x1 = int(std::floor((left + max.x - min.x) / core::kTileSize));
  int y1 = int(std::floor((top + max.y - min.y) / core::kTileSize));
  for (int ty = std::max(0, y0); ty <= std::min(n - 1, y1); ++ty)
    for (int tx = std::max(0, x0); tx <= std::min(n - 1, x1); ++tx)
      if (SDL_Texture* t = texture(tx, ty)) {
        ImVec2 p(min.x + float(tx * core::kTileSize - left), min.y + float(ty * core::kTileSize - top));
        dl->AddImage(static_cast<ImTextureID>(t), p, ImVec2(p.x + core::kTileSize, p.y + core::kTileSize));
      }
  dl->PopClipRect();
}

GeoPoint MapView::at(ImVec2 p, ImVec2 min, ImVec2 max) const {
  core::WorldPixel w{m_centre.x + (p.x - (min.x + max.x) / 2), m_centre.y + (p.y - (min.y + max.y) / 2)};
  return core::to_geo(w, m_zoom);
}

ImVec2 MapView::screen_of(GeoPoint g, ImVec2 min, ImVec2 max) const {
  core::WorldPixel w = core::to_pixel(g, m_zoom);
  return ImVec2(float((min.x + max.x) / 2 + (w.x - m_centre.x)), float((min.y + max.y) / 2 + (w.y - m_centre.y)));
}

}  // namespace kiosk::ui
