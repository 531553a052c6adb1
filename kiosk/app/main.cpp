// kiosk: the touchscreen program. Windowed for development, --fullscreen on the appliance; the demo
// configuration and a local outbox (./kiosk-data/) by default, --config PATH for a real one.
//
// Render on demand: the loop blocks in SDL_WaitEventTimeout until an event arrives or a timed change is
// due (idle countdown, the clock on the idle screen), then draws a few frames so ImGui settles. An idle
// kiosk draws no frames between minute changes. Under systemd (kiosk.service) the loop also tells systemd
// READY=1 after the first frame and pings WATCHDOG=1 every half watchdog interval, idle or not
// (service_notify.hpp).
#include <SDL.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/pin.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/core/technician.hpp"
#include "kiosk/core/update_status.hpp"
#include "kiosk/sync/categories.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/setup.hpp"
#include "kiosk/core/speech_text.hpp"
#include "kiosk/ui/espeak_sink.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "secure_heap.hpp"
#include "service_notify.hpp"

namespace {

volatile std::sig_atomic_t g_report = 0;
// SIGUSR1 (--stats) must also wake the loop from SDL_WaitEventTimeout: the handler only writes a byte to a
// pipe (async-signal-safe), a watcher thread reads it and pushes an SDL event (SDL_PushEvent is
// thread-safe, but not async-signal-safe). The event's code tells the loop not to draw for it.
int g_report_pipe[2] = {-1, -1};
constexpr Sint32 kStatsWake = 0x5354;
void on_usr1(int) {
  g_report = 1;
  if (g_report_pipe[1] >= 0) {
    char c = 1;
    [[maybe_unused]] auto n = write(g_report_pipe[1], &c, 1);
  }
}

double cpu_ms() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
         double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
}

double wall_ms() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

// "1280x800" -> width and height; "" when fine, else what is wrong (CLI11 prints it with the usage).
std::string read_size(const std::string& text, int& width, int& height) {
  int w = 0, h = 0;
  char rest = 0;
  if (std::sscanf(text.c_str(), "%dx%d%c", &w, &h, &rest) != 2) return "a size is WIDTHxHEIGHT, e.g. 1280x800";
  if (w < 320 || h < 240) return "the window needs at least 320x240 pixels";
  width = w;
  height = h;
  return {};
}

// --technician ACTION: one of the technician screen's actions without a display, through the same Session
// calls its buttons make, printed in the screen's words (the appliance's boot test presses them as the
// user kiosk: scripts/usb-boot-test.sh). Returns the action's exit code.
int technician_action(const std::string& name, kiosk::core::Session& session, const kiosk::core::Catalog& words) {
  using kiosk::core::StickStart;
  using kiosk::core::TechAction;
  const TechAction action = kiosk::core::tech_action_named(name).value_or(TechAction::eject_usb);
  const std::string& label = words.get(kiosk::core::tech_action_key(action));
  kiosk::core::BackgroundCommand job;
  StickStart start = StickStart::busy;
  switch (action) {
    case TechAction::sync_now: start = session.sync_now(job) ? StickStart::started : StickStart::no_outbox; break;
    case TechAction::export_usb: start = session.export_queue(job); break;
    case TechAction::import_usb: start = session.import_queue(job); break;
    case TechAction::eject_usb: start = session.eject_stick(job); break;
  }
  if (start == StickStart::no_stick) {
    std::printf("%s: %s\n", label.c_str(), words.get("tech.no_usb").c_str());
    return 4;
  }
  if (start != StickStart::started) {
    std::printf("%s: %s\n", label.c_str(), words.get("tech.done_fail").c_str());
    return 5;
  }
  while (job.running()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto r = job.result();
  if (!r) return 1;
  // The screen's words, then the job's own detail (English, for the log) where the words do not hold it.
  std::string outcome = kiosk::core::tech_action_outcome(words, action, *r);
  if (action == TechAction::sync_now) outcome = label + ": " + outcome;
  else if (!r->key.empty() && !r->output.empty()) outcome += " (" + r->output + ")";
  std::printf("%s\n", outcome.c_str());
  return r->exit_code < 0 ? 10 - r->exit_code : r->exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  kiosk::harden_heap();  // freed memory keeps nothing of a citizen (secure_heap.cpp)
  const double t0_wall = wall_ms();
  std::optional<std::string> config_path, db_path;
  bool fullscreen = false, stats = false;
  int width = 1280, height = 800;
  std::string size, pin;
  CLI::App app{"kiosk: the town-hall kiosk's touchscreen program"};
  app.set_version_flag("--version", std::string("kiosk ") + KIOSK_VERSION);
  app.add_option("--config", config_path, "Configuration file (TOML); else $KIOSK_CONFIG, else the demo")
      ->type_name("FILE");
  app.add_option("--db", db_path, "Outbox database (overrides storage.outbox)")->type_name("FILE");
  app.add_flag("--fullscreen", fullscreen, "Fill the screen (also ui.fullscreen in the configuration)");
  auto* size_opt =
      app.add_option(
             "--size", size,
             "Window size in pixels, at least 320x240 (default: the panel, ui.panel_width x ui.panel_height, else 1280x800)")
          ->type_name("WxH")
          ->check(CLI::Validator(
              [](std::string& v) {
                int w, h;
                return read_size(v, w, h);
              },
              ""))
          ->each([&](const std::string& v) { (void)read_size(v, width, height); });
  app.add_flag("--stats", stats, "Print start-up figures and, on SIGUSR1 and at exit, frames drawn (benchmarks)");
  auto* hash_pin =
      app.add_option("--hash-pin", pin, "Print a technician PIN hash for ui.technician_pin_hash, then exit")
          ->type_name("PIN");
  std::string tech_action;
  auto* tech_opt =
      app.add_option("--technician", tech_action,
                     "Run one technician screen action without a display, then exit (exit code: the action's)")
          ->check(CLI::IsMember({"sync-now", "export-usb", "import-usb", "eject-usb"}));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (*hash_pin) {
    if (pin.size() < 4) {
      std::fprintf(stderr, "kiosk: a PIN needs at least 4 digits\n");
      return 2;
    }
    std::printf("%s\n", kiosk::core::hash_pin(pin).c_str());
    return 0;
  }

  auto config = kiosk::resolve_config(config_path ? std::optional<std::filesystem::path>(*config_path) : std::nullopt);
  if (!config) {
    std::fprintf(stderr, "kiosk: %s\n", config.error().message.c_str());
    return 6;
  }
  if (config->ui.fullscreen) fullscreen = true;
  // Without --size the window is the panel the configuration describes (a desktop preview of the kiosk).
  if (!*size_opt && config->ui.panel_width >= 320 && config->ui.panel_height >= 240) {
    width = config->ui.panel_width;
    height = config->ui.panel_height;
  }
  auto options = kiosk::outbox_options(*config);
  if (!options) {
    std::fprintf(stderr, "kiosk: %s\n", options.error().message.c_str());
    return 6;
  }
  if (db_path) options->path = *db_path;
  std::error_code ec;
  std::filesystem::create_directories(options->path.parent_path(), ec);
  auto outbox = kiosk::Outbox::open(*options);
  if (!outbox) {
    std::fprintf(stderr, "kiosk: outbox %s: %s\n", options->path.c_str(), outbox.error().message.c_str());
    return 5;
  }
  kiosk::core::seed_news(*outbox, *config);
  auto tree = kiosk::CategoryTree::load_default();
  if (!tree) {
    std::fprintf(stderr, "kiosk: %s\n", tree.error().message.c_str());
    return 6;
  }
  auto catalogs = kiosk::core::Catalogs::load(kiosk::core::catalog_dir(), config->kiosk.languages);
  if (!catalogs) {
    std::fprintf(stderr, "kiosk: %s\n", catalogs.error().message.c_str());
    return 6;
  }

  if (*tech_opt) {
    kiosk::core::Session session(*config, *tree, &*outbox, kiosk::SystemClock::instance());
    return technician_action(tech_action, session, catalogs->get(config->kiosk.default_language));
  }

  // Touch: SDL's synthetic mouse events would double every tap (KMSDRM sends none anyway).
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  // Video only: a game controller subsystem turns every wait into a 1 ms polling loop.
  if (SDL_Init(SDL_INIT_VIDEO) != 0) {
    std::fprintf(stderr, "kiosk: SDL_Init: %s\n", SDL_GetError());
    return 1;
  }
  Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
  if (fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  SDL_Window* window = SDL_CreateWindow(config->kiosk.municipality.c_str(), SDL_WINDOWPOS_CENTERED,
                                        SDL_WINDOWPOS_CENTERED, width, height, flags);
  if (!window) {
    std::fprintf(stderr, "kiosk: SDL_CreateWindow: %s\n", SDL_GetError());
    return 1;
  }
  SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, 0);
  if (!renderer) {
    std::fprintf(stderr, "kiosk: SDL_CreateRenderer: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GetRendererOutputSize(renderer, &width, &height);

  kiosk::core::Session session(*config, *tree, &*outbox, kiosk::SystemClock::instance());
  // The technician screen's update line: the files kiosk-update writes, under kiosk-update's own variables.
  {
    kiosk::core::UpdatePlaces places;
    if (const char* f = std::getenv("KIOSK_UPDATE_STATUS_FILE"); f && *f) places.status = f;
    if (const char* f = std::getenv("KIOSK_IMAGE_VERSION_FILE"); f && *f) places.image_version = f;
    session.set_update_places(std::move(places));
  }
  // Speech mode's voice (espeak-ng on the default audio sink). Without one the kiosk runs silent: speech
  // mode still shows what it would say by its highlight.
  auto voice = kiosk::ui::EspeakSink::open();
  if (!voice) std::fprintf(stderr, "kiosk: speech mode is silent: %s\n", voice.error().message.c_str());
  // Arabic is spoken from its fully vowelled speech forms (kiosk/core/speech_text.hpp): espeak-ng guesses
  // the vowels of display text (no vowel at all in one word in 15 of the catalog, some lost in a third).
  auto speech_forms = kiosk::core::load_speech_texts(kiosk::core::speech_text_dir(), config->kiosk.languages);
  if (!speech_forms) {
    std::fprintf(stderr, "kiosk: %s\n", speech_forms.error().message.c_str());
    return 6;
  }
  std::optional<kiosk::core::SpeechTextSink> spoken;
  if (voice) spoken.emplace(**voice, std::move(*speech_forms));
  kiosk::ui::KioskUi ui(renderer, session, *catalogs, kiosk::SystemClock::instance(), {width, height});
  std::string error;
  if (!ui.init(&error)) {
    std::fprintf(stderr, "kiosk: %s\n", error.c_str());
    return 1;
  }
  if (spoken) ui.set_speech_sink(&*spoken);
  ui.set_wake([] {
    SDL_Event e{};
    e.type = SDL_USEREVENT;
    SDL_PushEvent(&e);
  });
  std::string kioskctl = KIOSKCTL_PATH;
  if (kioskctl.empty() || !std::filesystem::exists(kioskctl)) kioskctl = "kioskctl";
  ui.set_kioskctl({kioskctl});
  if (stats) {
    if (pipe(g_report_pipe) == 0)
      std::thread([fd = g_report_pipe[0]] {
        char c;
        while (read(fd, &c, 1) > 0) {
          SDL_Event e{};
          e.type = SDL_USEREVENT;
          e.user.code = kStatsWake;
          SDL_PushEvent(&e);
        }
      }).detach();
    std::signal(SIGUSR1, on_usr1);
  }

  kiosk::app::ServiceNotify notify;
  bool running = true, first = true;
  double frame_ms_sum = 0, frame_ms_max = 0;
  unsigned long long frames_since = 0;
  while (running) {
    notify.tick(kiosk::app::ServiceNotify::monotonic_ms());
    SDL_Event e;
    if (!ui.wants_frame()) {
      std::int64_t wait = ui.ms_until_timed_frame();
      int ui_timeout = wait < 0 ? -1 : int(std::min<std::int64_t>(wait + 5, 60000));
      // Wake up in time for the next watchdog ping, but no earlier (no-op without a watchdog).
      int timeout = notify.cap_wait(ui_timeout, kiosk::app::ServiceNotify::monotonic_ms());
      if (SDL_WaitEventTimeout(&e, timeout)) {
        if (e.type == SDL_QUIT) break;
        ui.handle_event(e);
        if (e.type == SDL_USEREVENT && e.user.code != kStatsWake) ui.request_frames(2);
      } else if (timeout == ui_timeout) {
        ui.request_frames(1);  // a timed change (countdown second, clock minute)
      }                        // else: woken only for the watchdog ping at the top of the loop, nothing to draw
    }
    while (SDL_PollEvent(&e)) {
      if (e.type == SDL_QUIT) running = false;
      ui.handle_event(e);
      if (e.type == SDL_USEREVENT && e.user.code != kStatsWake) ui.request_frames(2);
    }
    if (!running) break;
    if (g_report) {
      g_report = 0;
      std::fprintf(stderr, "kiosk-stats: frames=%llu cpu_ms=%.1f frame_ms_avg=%.2f frame_ms_max=%.2f\n",
                   (unsigned long long)ui.frames_drawn(), cpu_ms(),
                   frames_since ? frame_ms_sum / double(frames_since) : 0.0, frame_ms_max);
      frame_ms_sum = frame_ms_max = 0;
      frames_since = 0;
    }
    if (ui.wants_frame()) {
      double f0 = stats ? wall_ms() : 0;
      ui.frame();
      SDL_RenderPresent(renderer);
      if (stats) {
        double d = wall_ms() - f0;
        frame_ms_sum += d;
        frame_ms_max = std::max(frame_ms_max, d);
        ++frames_since;
      }
      if (first) {
        first = false;
        notify.ready(kiosk::app::ServiceNotify::monotonic_ms());  // the first frame is on screen
        if (stats)
          std::fprintf(stderr, "kiosk-stats: first_frame wall_ms=%.1f cpu_ms=%.1f\n", wall_ms() - t0_wall, cpu_ms());
      }
    }
  }
  notify.stopping();
  if (stats)
    std::fprintf(stderr, "kiosk-stats: exit frames=%llu cpu_ms=%.1f\n", (unsigned long long)ui.frames_drawn(),
                 cpu_ms());
  session.wipe();
  // The voice's thread stops before SDL's audio does.
  ui.set_speech_sink(nullptr);
  if (voice) voice->reset();
  SDL_DestroyRenderer(renderer);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return 0;
}
