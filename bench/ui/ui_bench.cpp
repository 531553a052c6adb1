// ui_bench: figures of the real kiosk program under Xvfb, for the software path
// (SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0) and SDL's default renderer:
//   - wall and CPU time from start to the first frame drawn (the program's own --stats line)
//   - frames drawn and CPU time over 10 s on the idle screen
//   - frame time while typing on the on-screen keyboard (xdotool taps)
//   - RSS and PSS (/proc/PID/smaps_rollup) after a full session (a report, submitted, receipt shown), and
//     again after the citizen switched on large text there (the atlas rebuilt at the large size)
// Tap positions come from the same UI laid out headlessly (SDL dummy driver) in this process.
// In process (SDL dummy driver + software renderer, the headless tests' setup), per panel 800x480@133 and
// 1920x1080@92: frame time p50/p99 while scrolling a 3,000-character answer in large text (drags and the
// "more below" button) and while typing 300 characters; the font atlas's size in normal and large text.
#include <SDL.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include "kiosk/core/catalog.hpp"
#include "kiosk/sync/categories.hpp"
#include "kiosk/core/command.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/sync/setup.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "xvfb_support.hpp"

extern char** environ;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

struct Tap {
  int x, y;
  std::string id;
};

// The real UI in this process: SDL's dummy video driver and the software renderer, a fake clock.
struct Headless {
  Headless(int width, int height, double ppi) : w(width), h(height) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    SDL_Init(SDL_INIT_VIDEO);
    window = SDL_CreateWindow("bench", 0, 0, w, h, 0);
    renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    cfg.ui.panel_dpi = ppi;
    fs::create_directories(tmp);
    auto opts = kiosk::outbox_options(cfg);
    opts->path = tmp / "o.sqlite";
    opts->clock = &clock;
    auto ob = kiosk::Outbox::open(*opts);
    if (!ob) {
      std::fprintf(stderr, "ui_bench: %s\n", ob.error().message.c_str());
      std::exit(1);
    }
    outbox = std::make_unique<kiosk::Outbox>(std::move(*ob));
    kiosk::core::seed_news(*outbox, cfg);
    tree = std::move(*kiosk::CategoryTree::load_default());
    cats = std::move(*kiosk::core::Catalogs::load(kiosk::core::catalog_dir(), cfg.kiosk.languages));
    session.emplace(cfg, tree, &*outbox, clock);
    ui.emplace(renderer, *session, cats, clock, kiosk::ui::UiOptions{w, h});
    std::string err;
    if (!ui->init(&err)) {
      std::fprintf(stderr, "ui_bench: %s\n", err.c_str());
      std::exit(1);
    }
    settle();
  }
  ~Headless() {
    ui.reset();
    session.reset();
    outbox.reset();
    SDL_DestroyRenderer(renderer);
    SDL_DestroyWindow(window);
    SDL_Quit();
    fs::remove_all(tmp);
    unsetenv("SDL_VIDEODRIVER");
  }
  void settle() {
    for (int i = 0; i < 40; ++i) {
      clock.advance(16);
      ui->frame();
      if (!ui->wants_frame()) break;
    }
  }
  // One frame (ui + present): its CPU time in ms (this thread; the machine may be shared, so wall time
  // would measure the neighbours too). Wall time goes to `wall`.
  double timed_frame() {
    clock.advance(16);
    auto cpu = [] {
      timespec ts{};
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
      return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
    };
    double c0 = cpu();
    auto t0 = std::chrono::steady_clock::now();
    ui->frame();
    SDL_RenderPresent(renderer);
    wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    return cpu() - c0;
  }
  std::vector<double> wall;

  int w, h;
  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  kiosk::Config cfg = kiosk::demo_config();
  kiosk::FakeClock clock{1767258000000};
  fs::path tmp = fs::temp_directory_path() / ("ui_bench_" + std::to_string(getpid()) + "_headless");
  std::unique_ptr<kiosk::Outbox> outbox;
  kiosk::CategoryTree tree;
  kiosk::core::Catalogs cats;
  std::optional<kiosk::core::Session> session;
  std::optional<kiosk::ui::KioskUi> ui;
};

// The taps of a full report session, computed on a headless copy of the UI; at the end the citizen
// switches on large text on the receipt.
std::vector<Tap> plan_session(const std::string& typed) {
  std::vector<Tap> taps;
  {
    Headless hl(1280, 800, kiosk::demo_config().ui.panel_dpi);
    kiosk::ui::KioskUi& ui = *hl.ui;
    auto settle = [&] { hl.settle(); };
    auto tap = [&](const std::string& id) {
      const kiosk::ui::Target* t = ui.find_target(id);
      if (!t) {
        std::fprintf(stderr, "ui_bench: no target %s\n", id.c_str());
        std::exit(1);
      }
      taps.push_back({int((t->x0 + t->x1) / 2), int((t->y0 + t->y1) / 2), id});
      ui.tap((t->x0 + t->x1) / 2, (t->y0 + t->y1) / 2);
      settle();
    };
    taps.push_back({640, 200, "start"});
    ui.tap(640, 200);
    settle();
    for (const char* id : {"choose.report", "tile.afval", "tile.grofvuil", "loc.place.2", "app.next", "text"}) tap(id);
    for (char c : typed) tap(std::string("key.") + c);
    for (const char* id : {"key.hide", "app.next", "app.next", "review.send", "mode.large_text"}) tap(id);
  }
  return taps;
}

struct Percentiles {
  double p50 = 0, p99 = 0, max = 0;
  std::size_t n = 0;
};
Percentiles percentiles(std::vector<double> v) {
  Percentiles p;
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  p.n = v.size();
  p.p50 = v[v.size() / 2];
  p.p99 = v[std::min(v.size() - 1, std::size_t(double(v.size()) * 0.99))];
  p.max = v.back();
  return p;
}

// Frame times in process at one panel size: scrolling a 3,000-character answer in large text, typing.
void run_frames(int width, int height, double ppi) {
  Headless hl(width, height, ppi);
  kiosk::core::Session& s = *hl.session;
  kiosk::ui::KioskUi& ui = *hl.ui;
  auto [aw, ah] = ui.font_atlas_size();
  // An answered submission to look up.
  s.start();
  s.choose(kiosk::core::Flow::poll);
  s.pick_poll_answer(hl.cfg.polls[0].answers[0].id);
  s.submit();
  std::string ref = s.receipt()->reference;
  std::string answer;
  while (answer.size() < 3000)
    answer += "De gemeente heeft uw vraag over het ophalen van grofvuil ontvangen en doorgestuurd naar de afdeling "
              "Afval en Reiniging, die binnen vijf werkdagen contact met u opneemt. ";
  answer.resize(3000);
  if (!hl.outbox->add_answer(hl.outbox->find(ref)->row_id, kiosk::Answer{"openklant", hl.clock.now_ms(), answer, "a1"}))
    std::fprintf(stderr, "ui_bench: storing the answer failed\n");
  s.finish();
  hl.settle();
  s.start();
  s.set_large_text(true);
  s.choose(kiosk::core::Flow::lookup);
  s.lookup_code() = ref;
  s.look_up();
  hl.settle();
  auto [lw, lh] = ui.font_atlas_size();
  const kiosk::core::Widget* page = ui.registry().find("##page");
  float top = page ? page->y0 + 10 : 100, bottom = page ? page->y1 - 10 : float(height) - 100;
  std::vector<double> scroll;
  for (int round = 0; round < 6; ++round) {
    // Drag up (content moves up) then down, 30 moves each: one frame per finger sample.
    for (int dir = 0; dir < 2; ++dir) {
      float y0 = dir == 0 ? bottom : top, y1 = dir == 0 ? top : bottom;
      ui.drag(float(width) / 2, y0, y1, 30);
      while (ui.wants_frame()) scroll.push_back(hl.timed_frame());
    }
    // The "more below" button.
    if (const auto* t = ui.find_target("scroll.down")) {
      ui.tap((t->x0 + t->x1) / 2, (t->y0 + t->y1) / 2);
      while (ui.wants_frame()) scroll.push_back(hl.timed_frame());
    }
  }
  s.wipe();
  hl.settle();
  // Typing: the question's text field, 300 characters, one per frame.
  s.start();
  s.choose(kiosk::core::Flow::question);
  s.pick_topic(hl.tree.question_topics[0].slug);
  hl.settle();
  if (const auto* t = ui.find_target("text")) ui.tap((t->x0 + t->x1) / 2, (t->y0 + t->y1) / 2);
  hl.settle();
  std::vector<double> typing;
  const std::string text = "Wanneer wordt het grofvuil in de Kerkstraat opgehaald? ";
  for (int i = 0; i < 300; ++i) {
    ui.type_text(std::string(1, text[std::size_t(i) % text.size()]));
    typing.push_back(hl.timed_frame());
    while (ui.wants_frame()) hl.timed_frame();
  }
  auto ps = percentiles(scroll), pt = percentiles(typing), pw = percentiles(hl.wall);
  std::printf(
      "in process %4dx%-4d @%3.0f ppi, software renderer, CPU ms per frame | scrolling a 3,000-char answer (large text): p50 %5.2f ms, "
      "p99 %5.2f ms, max %5.2f ms (%zu frames) | typing: p50 %5.2f ms, p99 %5.2f ms, max %5.2f ms (%zu frames) | "
      "font atlas %dx%d (%.1f MiB RGBA), large text %dx%d (%.1f MiB) | wall, all frames: p50 %5.2f ms, p99 %5.2f ms\n",
      width, height, ppi, ps.p50, ps.p99, ps.max, ps.n, pt.p50, pt.p99, pt.max, pt.n, aw, ah,
      double(aw) * ah * 4 / 1048576.0, lw, lh, double(lw) * lh * 4 / 1048576.0, pw.p50, pw.p99);
}

// Child processes and their logs: the same helpers as the Xvfb tests.
using kiosk::test::spawn;
using kiosk::test::stop;

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The last "kiosk-stats:" line containing key, as key=value pairs.
std::map<std::string, double> last_stats(const fs::path& log, const std::string& must_contain) {
  std::map<std::string, double> out;
  std::istringstream in(slurp(log));
  std::string line, last;
  while (std::getline(in, line))
    if (line.rfind("kiosk-stats:", 0) == 0 && line.find(must_contain) != std::string::npos) last = line;
  std::istringstream words(last);
  std::string wd;
  while (words >> wd) {
    auto eq = wd.find('=');
    if (eq != std::string::npos) out[wd.substr(0, eq)] = std::atof(wd.c_str() + eq + 1);
  }
  return out;
}

std::map<std::string, double> stats_now(pid_t pid, const fs::path& log) {
  std::size_t before = slurp(log).size();
  kill(pid, SIGUSR1);
  for (int i = 0; i < 50 && slurp(log).size() == before; ++i) std::this_thread::sleep_for(20ms);
  return last_stats(log, "frames=");
}

long smaps_kb(pid_t pid, const std::string& key) {
  std::istringstream in(slurp("/proc/" + std::to_string(pid) + "/smaps_rollup"));
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::atol(line.c_str() + key.size() + 1);
  return -1;
}

int run_mode(const std::string& mode, const std::vector<Tap>& taps, std::size_t typing_from, std::size_t typing_to) {
  fs::path dir = fs::temp_directory_path() / ("ui_bench_" + std::to_string(getpid()) + "_" + mode);
  fs::remove_all(dir);
  fs::create_directories(dir);
  int display = -1;
  for (int n = 120; n < 250; ++n)
    if (!fs::exists("/tmp/.X11-unix/X" + std::to_string(n)) && !fs::exists("/tmp/.X" + std::to_string(n) + "-lock")) {
      display = n;
      break;
    }
  std::string disp = ":" + std::to_string(display);
  pid_t xvfb =
      spawn({"Xvfb", disp, "-screen", "0", "1280x800x24", "-nolisten", "tcp"}, {}, (dir / "xvfb.log").string());
  for (int i = 0; i < 100 && !fs::exists("/tmp/.X11-unix/X" + std::to_string(display)); ++i)
    std::this_thread::sleep_for(100ms);
  std::vector<std::string> env = {"DISPLAY=" + disp, "SDL_VIDEODRIVER=x11"};
  if (mode == "software") {
    env.push_back("SDL_RENDER_DRIVER=software");
    env.push_back("SDL_FRAMEBUFFER_ACCELERATION=0");
  }
  fs::path log = dir / "kiosk.log";
  pid_t k = spawn({KIOSK_PROGRAM_PATH, "--stats", "--db", (dir / "o.sqlite").string(), "--size", "1280x800"}, env,
                  log.string());
  std::map<std::string, double> first;
  for (int i = 0; i < 200 && first.empty(); ++i) {
    std::this_thread::sleep_for(50ms);
    first = last_stats(log, "first_frame");
  }
  if (first.empty()) {
    std::fprintf(stderr, "ui_bench[%s]: no first frame; log:\n%s\n", mode.c_str(), slurp(log).c_str());
    stop(k);
    stop(xvfb);
    return 1;
  }
  std::string wid;
  for (int i = 0; i < 50 && wid.empty(); ++i) {
    auto r =
        kiosk::core::run_command({"env", "DISPLAY=" + disp, "xdotool", "search", "--name", "Gemeente Voorbeeldstad"});
    if (r.exit_code == 0) wid = r.output.substr(0, r.output.find('\n'));
    else std::this_thread::sleep_for(100ms);
  }
  std::this_thread::sleep_for(1500ms);
  // Idle: 10 s on the idle screen.
  auto a = stats_now(k, log);
  std::this_thread::sleep_for(10s);
  auto b = stats_now(k, log);
  double idle_frames = b["frames"] - a["frames"];
  double idle_cpu_pct = (b["cpu_ms"] - a["cpu_ms"]) / 10000.0 * 100.0;

  auto click = [&](const Tap& t) {
    kiosk::core::run_command({"env", "DISPLAY=" + disp, "xdotool", "mousemove", "--window", wid, std::to_string(t.x),
                              std::to_string(t.y), "click", "1"});
    std::this_thread::sleep_for(200ms);
  };
  for (std::size_t i = 0; i < typing_from; ++i) click(taps[i]);
  stats_now(k, log);  // reset the frame-time window
  for (std::size_t i = typing_from; i < typing_to; ++i) click(taps[i]);
  auto typing = stats_now(k, log);
  for (std::size_t i = typing_to; i + 1 < taps.size(); ++i) click(taps[i]);
  std::this_thread::sleep_for(500ms);
  long rss = smaps_kb(k, "Rss"), pss = smaps_kb(k, "Pss");
  click(taps.back());  // large text on the receipt
  std::this_thread::sleep_for(800ms);
  long rss_large = smaps_kb(k, "Rss"), pss_large = smaps_kb(k, "Pss");
  bool stored = slurp(log).find("kiosk-stats") != std::string::npos;
  std::printf(
      "%-9s first frame: %6.1f ms wall, %6.1f ms CPU | idle 10 s: %3.0f frames, %5.2f %% of one core | "
      "typing: %5.2f ms/frame avg, %5.2f ms max (%0.f frames) | after a full session: RSS %5.1f MiB, PSS %5.1f MiB; "
      "with large text: RSS %5.1f MiB, PSS %5.1f MiB\n",
      mode.c_str(), first["wall_ms"], first["cpu_ms"], idle_frames, idle_cpu_pct, typing["frame_ms_avg"],
      typing["frame_ms_max"], typing["frames"] - 0, double(rss) / 1024.0, double(pss) / 1024.0,
      double(rss_large) / 1024.0, double(pss_large) / 1024.0);
  (void)stored;
  stop(k);
  stop(xvfb);
  fs::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (kiosk::core::run_command({"sh", "-c", "command -v Xvfb && command -v xdotool"}).exit_code != 0) {
    std::fprintf(stderr, "ui_bench: needs Xvfb and xdotool (scripts/setup.sh)\n");
    return 2;
  }
  std::string only = argc > 1 ? argv[1] : "";
  if (only.empty() || only == "frames") {
    run_frames(800, 480, 133);
    run_frames(1920, 1080, 92);
    if (only == "frames") return 0;
  }
  const std::string typed = "grofvuil";
  auto taps = plan_session(typed);
  std::size_t from = 0;
  while (from < taps.size() && taps[from].id != "text") ++from;
  ++from;  // the first key
  std::size_t to = from + typed.size();
  int rc = 0;
  for (const std::string mode : {"software", "default"})
    if (only.empty() || only == mode) rc |= run_mode(mode, taps, from, to);
  return rc;
}
