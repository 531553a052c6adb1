// ui_bench: figures of the real kiosk program under Xvfb, for the software path
// (SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0) and SDL's default renderer:
//   - wall and CPU time from start to the first frame drawn (the program's own --stats line)
//   - frames drawn and CPU time over 10 s on the idle screen
//   - frame time while typing on the on-screen keyboard (xdotool taps)
//   - RSS and PSS (/proc/PID/smaps_rollup) after a full session (a report, submitted, receipt shown)
// Tap positions come from the same UI laid out headlessly (SDL dummy driver) in this process.
#include <SDL.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/command.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/sync/categories.hpp"
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

// The taps of a full report session, computed on a headless copy of the UI.
std::vector<Tap> plan_session(const std::string& typed) {
  setenv("SDL_VIDEODRIVER", "dummy", 1);
  SDL_Init(SDL_INIT_VIDEO);
  SDL_Window* w = SDL_CreateWindow("plan", 0, 0, 1280, 800, 0);
  SDL_Renderer* r = SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE);
  kiosk::Config cfg = kiosk::demo_config();
  kiosk::FakeClock clock;
  fs::path tmp = fs::temp_directory_path() / ("ui_bench_plan_" + std::to_string(getpid()));
  fs::create_directories(tmp);
  auto opts = kiosk::outbox_options(cfg);
  opts->path = tmp / "o.sqlite";
  auto outbox = kiosk::Outbox::open(*opts);
  auto tree = kiosk::CategoryTree::load_default();
  auto cats = kiosk::core::Catalogs::load(kiosk::core::catalog_dir(), cfg.kiosk.languages);
  std::vector<Tap> taps;
  {
    kiosk::core::Session s(cfg, *tree, &*outbox, clock);
    kiosk::ui::KioskUi ui(r, s, *cats, clock, {1280, 800});
    std::string err;
    ui.init(&err);
    auto settle = [&] {
      for (int i = 0; i < 40; ++i) {
        clock.advance(16);
        ui.frame();
        if (!ui.wants_frame()) break;
      }
    };
    settle();
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
    for (const char* id : {"key.hide", "app.next", "app.next", "review.send"}) tap(id);
  }
  SDL_DestroyRenderer(r);
  SDL_DestroyWindow(w);
  SDL_Quit();
  fs::remove_all(tmp);
  unsetenv("SDL_VIDEODRIVER");
  return taps;
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
  pid_t xvfb = spawn({"Xvfb", disp, "-screen", "0", "1280x800x24", "-nolisten", "tcp"}, {}, (dir / "xvfb.log").string());
  for (int i = 0; i < 100 && !fs::exists("/tmp/.X11-unix/X" + std::to_string(display)); ++i) std::this_thread::sleep_for(100ms);
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
    auto r = kiosk::core::run_command({"env", "DISPLAY=" + disp, "xdotool", "search", "--name", "Gemeente Voorbeeldstad"});
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
  for (std::size_t i = typing_to; i < taps.size(); ++i) click(taps[i]);
  std::this_thread::sleep_for(500ms);
  long rss = smaps_kb(k, "Rss"), pss = smaps_kb(k, "Pss");
  bool stored = slurp(log).find("kiosk-stats") != std::string::npos;
  std::printf("%-9s first frame: %6.1f ms wall, %6.1f ms CPU | idle 10 s: %3.0f frames, %5.2f %% of one core | "
              "typing: %5.2f ms/frame avg, %5.2f ms max (%0.f frames) | after a full session: RSS %5.1f MiB, PSS %5.1f MiB\n",
              mode.c_str(), first["wall_ms"], first["cpu_ms"], idle_frames, idle_cpu_pct, typing["frame_ms_avg"],
              typing["frame_ms_max"], typing["frames"] - 0, double(rss) / 1024.0, double(pss) / 1024.0);
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
