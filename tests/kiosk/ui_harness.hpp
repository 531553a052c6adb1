// Headless harness for the UI tests: SDL's dummy video driver + the software renderer run the real
// KioskUi with no display server; a FakeClock drives time; taps are injected per frame by target id.
#pragma once

#include <SDL.h>
#include <gtest/gtest.h>
#include <stb_image_write.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/sync/categories.hpp"
#include "kiosk/sync/clock.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/setup.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "test_support.hpp"

namespace kiosk::test {

class UiHarness {
 public:
  explicit UiHarness(Config cfg = demo_config(), int width = 1280, int height = 800)
      : config(std::move(cfg)), w(width), h(height) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_RENDER_DRIVER", "software", 1);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) throw std::runtime_error(SDL_GetError());
    window = SDL_CreateWindow("test", 0, 0, w, h, 0);
    if (!window) throw std::runtime_error(SDL_GetError());
    renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    if (!renderer) throw std::runtime_error(SDL_GetError());
    auto opts = outbox_options(config);
    if (!opts) throw std::runtime_error(opts.error().message);
    opts->path = dir / "outbox.sqlite";
    opts->clock = &clock;
    auto ob = Outbox::open(*opts);
    if (!ob) throw std::runtime_error(ob.error().message);
    outbox = std::make_unique<Outbox>(std::move(*ob));
    core::seed_news(*outbox, config);
    auto t = CategoryTree::load_default();
    if (!t) throw std::runtime_error(t.error().message);
    tree = std::move(*t);
    auto c = core::Catalogs::load(core::catalog_dir(), config.kiosk.languages);
    if (!c) throw std::runtime_error(c.error().message);
    catalogs = std::move(*c);
    session = std::make_unique<core::Session>(config, tree, outbox.get(), clock);
    ui = std::make_unique<ui::KioskUi>(renderer, *session, catalogs, clock, ui::UiOptions{w, h});
    std::string err;
    if (!ui->init(&err)) throw std::runtime_error(err);
    settle();
  }
  // The appliance's files for the technician screen's update line, as kiosk-update writes them
  // (kiosk/core/update_status.hpp), in the harness' directory.
  void set_update_status(const std::string& status_text, const std::string& image_version = "1.4.0+abtest2") {
    std::ofstream(dir / "kiosk-update.status", std::ios::binary) << status_text;
    std::ofstream(dir / "kiosk-image-version", std::ios::binary) << image_version << "\n";
    session->set_update_places({dir / "kiosk-update.status", dir / "kiosk-image-version"});
  }
  ~UiHarness() {
    ui.reset();
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    SDL_Quit();
  }

  // Draws frames until the UI has nothing left to draw (bounded), 16 ms of fake time each.
  int settle(int max_frames = 40) {
    int n = 0;
    do {
      clock.advance(16);
      ui->frame();
      ++n;
    } while (ui->wants_frame() && n < max_frames);
    return n;
  }

  const ui::Target* target(const std::string& id) const { return ui->find_target(id); }

  // Taps the centre of the target with this id (as drawn in the last frame); fails the test if absent.
  bool tap(const std::string& id) {
    const ui::Target* t = target(id);
    if (!t) {
      ADD_FAILURE() << "no target '" << id << "' on screen " << core::screen_name(session->screen());
      return false;
    }
    ui->tap((t->x0 + t->x1) / 2, (t->y0 + t->y1) / 2);
    settle();
    return true;
  }
  void tap_at(float x, float y) {
    ui->tap(x, y);
    settle();
  }
  // Types through the on-screen keyboard, key by key (only characters of the current layout).
  void type_keys(const std::string& ascii) {
    for (char c : ascii) {
      std::string id = c == ' ' ? std::string("key.space") : std::string("key.") + c;
      tap(id);
    }
  }
  void type(const std::string& utf8) {
    ui->type_text(utf8);
    settle();
  }
  core::Screen screen() const { return session->screen(); }

  // Reads the frame just drawn (before present) and writes a PNG.
  bool screenshot(const std::filesystem::path& file) {
    clock.advance(16);
    ui->request_frames(1);
    ui->frame();
    std::vector<unsigned char> px(std::size_t(w) * std::size_t(h) * 4);
    if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_ABGR8888, px.data(), w * 4) != 0) return false;
    std::filesystem::create_directories(file.parent_path());
    return stbi_write_png(file.c_str(), w, h, 4, px.data(), w * 4) != 0;
  }

  FakeClock clock{1767258000000};
  TempDir dir;
  Config config;
  int w, h;
  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  std::unique_ptr<Outbox> outbox;
  CategoryTree tree;
  core::Catalogs catalogs;
  std::unique_ptr<core::Session> session;
  std::unique_ptr<ui::KioskUi> ui;
};

// Saves the screen as <name>.png in $KIOSK_SCREENSHOT_DIR (docs/screenshots), else in the test's directory.
inline void save_shot(UiHarness& h, const std::string& name) {
  const char* dir = std::getenv("KIOSK_SCREENSHOT_DIR");
  std::filesystem::path d = dir && *dir ? std::filesystem::path(dir) : h.dir.path() / "shots";
  ASSERT_TRUE(h.screenshot(d / (name + ".png"))) << SDL_GetError();
}

}  // namespace kiosk::test
