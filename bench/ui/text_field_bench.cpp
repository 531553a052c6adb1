// text_field_bench: frame time while typing 1,000 characters on the on-screen keyboard into the question
// field (p50/p99 of every frame drawn, SDL's software renderer on the dummy video driver, no display
// server), at 800x480 (133 ppi) and 1920x1080 (92 ppi), in Dutch and in Arabic (shaped, right to left);
// and the font atlas with the six languages (Arabic's presentation forms included). Run: build/<preset>/bench/ui/text_field_bench
#include <SDL.h>
#include <imgui.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>

#include "kiosk/core/catalog.hpp"
#include "kiosk/sync/categories.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/sync/setup.hpp"
#include "kiosk/ui/kiosk_ui.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
  double p50 = 0, p99 = 0, max = 0;
  int frames = 0, typed = 0, atlas_w = 0, atlas_h = 0;
};

Run type_thousand(int width, int height, double dpi, const std::string& lang) {
  SDL_Window* w = SDL_CreateWindow("bench", 0, 0, width, height, 0);
  SDL_Renderer* r = SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE);
  kiosk::Config cfg = kiosk::demo_config();
  cfg.ui.panel_dpi = dpi;
  kiosk::FakeClock clock;
  fs::path tmp = fs::temp_directory_path() / ("text_field_bench_" + std::to_string(getpid()));
  fs::create_directories(tmp);
  auto opts = kiosk::outbox_options(cfg);
  opts->path = tmp / "o.sqlite";
  auto outbox = kiosk::Outbox::open(*opts);
  auto tree = kiosk::CategoryTree::load_default();
  auto cats = kiosk::core::Catalogs::load(kiosk::core::catalog_dir(), cfg.kiosk.languages);
  if (!outbox || !tree || !cats) {
    std::fprintf(stderr, "text_field_bench: set-up failed\n");
    std::exit(1);
  }
  Run run;
  std::vector<double> ms;
  {
    kiosk::core::Session s(cfg, *tree, &*outbox, clock);
    kiosk::ui::KioskUi ui(r, s, *cats, clock, {width, height});
    std::string err;
    if (!ui.init(&err)) {
      std::fprintf(stderr, "text_field_bench: %s\n", err.c_str());
      std::exit(1);
    }
    run.atlas_w = ImGui::GetIO().Fonts->TexWidth;
    run.atlas_h = ImGui::GetIO().Fonts->TexHeight;
    bool timing = false;
    auto settle = [&] {
      for (int i = 0; i < 40; ++i) {
        clock.advance(16);
        auto t0 = std::chrono::steady_clock::now();
        ui.frame();
        if (timing)
          ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        if (!ui.wants_frame()) break;
      }
    };
    auto tap = [&](const std::string& id) {
      const kiosk::ui::Target* t = ui.find_target(id);
      if (!t) return false;
      ui.tap((t->x0 + t->x1) / 2, (t->y0 + t->y1) / 2);
      settle();
      return true;
    };
    settle();
    s.start();
    s.set_language(lang);
    s.choose(kiosk::core::Flow::question);
    s.pick_topic(tree->question_topics.at(0).slug);
    ui.request_frames();
    settle();
    tap("text");
    static const std::set<std::string> special = {"shift", "backspace", "enter", "layout", "latin", "space", "hide"};
    std::vector<std::string> keys;
    for (const auto& t : ui.targets())
      if (t.id.rfind("key.", 0) == 0 && !special.count(t.id.substr(4))) keys.push_back(t.id);
    timing = true;
    for (int i = 0; i < 1000 && !keys.empty(); ++i)
      run.typed += tap(i % 7 == 6 ? std::string("key.space") : keys[std::size_t(i * 5 + i / 7) % keys.size()]);
  }
  SDL_DestroyRenderer(r);
  SDL_DestroyWindow(w);
  fs::remove_all(tmp);
  std::sort(ms.begin(), ms.end());
  run.frames = int(ms.size());
  if (!ms.empty()) {
    run.p50 = ms[ms.size() / 2];
    run.p99 = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
    run.max = ms.back();
  }
  return run;
}

}  // namespace

int main() {
  setenv("SDL_VIDEODRIVER", "dummy", 1);
  setenv("SDL_RENDER_DRIVER", "software", 1);
  if (SDL_Init(SDL_INIT_VIDEO) != 0) {
    std::fprintf(stderr, "text_field_bench: %s\n", SDL_GetError());
    return 1;
  }
  std::printf("typing 1,000 characters on the on-screen keyboard (software renderer, dummy video driver)\n");
  std::printf("%-10s %-5s %8s %8s %8s %8s %7s\n", "panel", "lang", "p50 ms", "p99 ms", "max ms", "frames", "typed");
  struct Panel {
    int w, h;
    double dpi;
  };
  for (Panel p : {Panel{800, 480, 133}, Panel{1920, 1080, 92}})
    for (const char* lang : {"nl", "ar"}) {
      Run r = type_thousand(p.w, p.h, p.dpi, lang);
      std::printf("%4dx%-5d %-5s %8.2f %8.2f %8.2f %8d %7d\n", p.w, p.h, lang, r.p50, r.p99, r.max, r.frames, r.typed);
    }
  std::printf("\nfont atlas (body, heading, code; RGBA32 texture)\n");
  for (Panel p : {Panel{800, 480, 133}, Panel{1920, 1080, 92}}) {
    // Atlas size only: build the UI, type nothing.
    SDL_Window* w = SDL_CreateWindow("bench", 0, 0, p.w, p.h, 0);
    SDL_Renderer* r = SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE);
    kiosk::Config cfg = kiosk::demo_config();
    cfg.ui.panel_dpi = p.dpi;
    kiosk::FakeClock clock;
    auto tree = kiosk::CategoryTree::load_default();
    auto cats = kiosk::core::Catalogs::load(kiosk::core::catalog_dir(), cfg.kiosk.languages);
    {
      kiosk::core::Session s(cfg, *tree, nullptr, clock);
      kiosk::ui::KioskUi ui(r, s, *cats, clock, {p.w, p.h});
      std::string err;
      if (ui.init(&err)) {
        const ImFontAtlas* a = ImGui::GetIO().Fonts;
        int glyphs = 0;
        for (const ImFont* f : a->Fonts) glyphs += f->Glyphs.Size;
        std::printf("%4dx%-5d %5d x %-5d %6.1f MiB  %5d glyphs\n", p.w, p.h, a->TexWidth, a->TexHeight,
                    double(a->TexWidth) * a->TexHeight * 4 / (1024.0 * 1024.0), glyphs);
      }
    }
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(w);
  }
  SDL_Quit();
  return 0;
}
