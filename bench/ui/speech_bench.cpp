// speech_bench: speech mode's voice (espeak-ng into SDL audio), in process on SDL's dummy video driver
// (software renderer) and its "disk" audio driver writing into a FIFO that this program reads:
//
// 1. memory: PSS and RSS of the whole process (/proc/self/smaps_rollup, read at that moment) before
//    espeak-ng is initialized, after it, after each of the six voices has spoken a sentence, and after the
//    sink has opened SDL audio (its device thread);
// 2. CPU: per voice, a paragraph of the catalog synthesized ten times on this thread: process CPU time
//    (/proc/self/stat utime+stime, and CLOCK_PROCESS_CPUTIME_ID) over the audio's duration (real-time
//    factor; 0.10 = a tenth of one core while speaking);
// 3. latency: touch to first sound, N first taps (default 200) alternating between two buttons of the
//    choose screen in speech mode (each is spoken: "label, button"), in Dutch and in Arabic (speech forms
//    applied): from KioskUi::tap() to the first sample above -40 dBFS that SDL's audio callback hands to
//    the disk driver (read from the FIFO). The driver runs its callback every SDL_DISKAUDIODELAY=1 ms
//    instead of once per device period, so a sound card adds up to one period (1024 frames = 46 ms at
//    22,050 Hz) to these figures, and the sound starts after espeak-ng's own lead-in (the silence before
//    the first loud sample of the label, measured offline); the table prints that worst case too.
// Run: build/<preset>/bench/ui/speech_bench [taps]
#include <SDL.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/core/speech_text.hpp"
#include "kiosk/sync/categories.hpp"
#include "kiosk/sync/setup.hpp"
#include "kiosk/ui/espeak_sink.hpp"
#include "kiosk/ui/kiosk_ui.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const std::vector<std::string> kLanguages = {"nl", "en", "tr", "pl", "uk", "ar"};

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "speech_bench: %s\n", why.c_str());
  std::exit(1);
}

// Pss and Rss of the process in kB (the kernel's figures, read now).
std::pair<long, long> pss_rss() {
  std::ifstream in("/proc/self/smaps_rollup");
  long pss = -1, rss = -1;
  for (std::string line; std::getline(in, line);) {
    std::istringstream f(line);
    std::string key;
    long value = 0;
    if (!(f >> key >> value)) continue;  // the first line: the address range
    if (key == "Pss:") pss = value;
    if (key == "Rss:") rss = value;
  }
  return {pss, rss};
}

// utime + stime of the process, in seconds (/proc/self/stat fields 14 and 15).
double stat_cpu_s() {
  std::ifstream in("/proc/self/stat");
  std::string s((std::istreambuf_iterator<char>(in)), {});
  std::istringstream rest(s.substr(s.rfind(')') + 2));
  std::string f;
  long utime = 0, stime = 0;
  for (int field = 3; rest >> f; ++field) {
    if (field == 14) utime = std::stol(f);
    if (field == 15) {
      stime = std::stol(f);
      break;
    }
  }
  return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

double cputime_s() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// Reads the disk driver's FIFO and stamps the first loud sample after arm().
class Listener {
 public:
  explicit Listener(const fs::path& fifo) {
    m_fd = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);  // before SDL opens it for writing (no deadlock)
    if (m_fd < 0) fail("cannot open the FIFO");
    m_thread = std::thread([this] { run(); });
  }
  ~Listener() {
    m_quit = true;
    m_thread.join();
    close(m_fd);
  }
  void arm() {
    m_heard = false;
    m_armed = true;
  }
  // The time of the first loud sample since arm(); false after timeout.
  bool wait(Clock::time_point* at, std::chrono::milliseconds timeout) {
    const auto end = Clock::now() + timeout;
    while (!m_heard && Clock::now() < end) std::this_thread::sleep_for(std::chrono::microseconds(200));
    if (!m_heard) return false;
    *at = m_at;
    return true;
  }

 private:
  void run() {
    std::int16_t buf[4096];
    while (!m_quit) {
      ssize_t n = read(m_fd, buf, sizeof buf);
      if (n <= 0) {
        std::this_thread::sleep_for(std::chrono::microseconds(100));
        continue;
      }
      const auto now = Clock::now();
      if (!m_armed) continue;
      for (ssize_t i = 0; i < n / 2; ++i)
        if (std::abs(int(buf[i])) > 328) {  // -40 dBFS
          m_at = now;
          m_armed = false;
          m_heard = true;
          break;
        }
    }
  }
  int m_fd = -1;
  std::thread m_thread;
  std::atomic<bool> m_quit{false}, m_armed{false}, m_heard{false};
  Clock::time_point m_at;
};

struct Latency {
  std::vector<double> ms;
  int missed = 0;
  std::vector<std::string> said;  // the two labels, as speech mode describes them
};

// Milliseconds of espeak-ng's output before its first loud sample (played after the measured figure).
double lead_in_ms(const std::string& text, const std::string& lang, const std::vector<kiosk::core::SpeechText>& forms) {
  std::string spoken = text;
  for (const auto& f : forms)
    if (f.language() == lang) spoken = f.apply(text);
  auto pcm = kiosk::ui::espeak_synthesize(spoken, lang);
  if (!pcm) fail(pcm.error().message);
  std::size_t i = 0;
  while (i < pcm->samples.size() && std::abs(int(pcm->samples[i])) <= 328) ++i;
  return 1000.0 * double(i) / pcm->rate;
}

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, std::size_t(p / 100.0 * double(v.size())))];
}

Latency touch_to_sound(const std::string& lang, kiosk::core::SpeechSink& sink, Listener& listener, int taps) {
  SDL_Window* w = SDL_CreateWindow("bench", 0, 0, 800, 480, 0);
  SDL_Renderer* r = SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE);
  kiosk::Config cfg = kiosk::demo_config();
  cfg.ui.panel_dpi = 133;
  kiosk::FakeClock clock;
  auto tree = kiosk::CategoryTree::load_default();
  auto cats = kiosk::core::Catalogs::load(kiosk::core::catalog_dir(), cfg.kiosk.languages);
  if (!tree || !cats) fail("set-up failed");
  Latency out;
  {
    kiosk::core::Session s(cfg, *tree, nullptr, clock);
    kiosk::ui::KioskUi ui(r, s, *cats, clock, {800, 480});
    std::string err;
    if (!ui.init(&err)) fail(err);
    ui.set_speech_sink(&sink);
    auto settle = [&] {
      for (int i = 0; i < 40; ++i) {
        clock.advance(16);
        ui.frame();
        if (!ui.wants_frame()) break;
      }
    };
    auto centre = [&](const std::string& id, float* x, float* y) {
      const kiosk::ui::Target* t = ui.find_target(id);
      if (!t) fail("no element " + id + " on the screen");
      *x = (t->x0 + t->x1) / 2;
      *y = (t->y0 + t->y1) / 2;
    };
    settle();
    float x = 0, y = 0;
    centre("speech.switch", &x, &y);
    ui.tap(x, y);
    settle();
    s.start();
    s.set_language(lang);
    ui.request_frames();
    settle();
    if (!ui.speech().on()) fail("speech mode did not start");
    const std::string ids[2] = {"choose.question", "choose.report"};
    for (int i = 0; i < taps; ++i) {
      centre(ids[i % 2], &x, &y);
      // Silence, and let the driver drain what was queued before.
      ui.speech_silence();
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      listener.arm();
      const auto t0 = Clock::now();
      ui.tap(x, y);
      settle();
      Clock::time_point t1;
      if (listener.wait(&t1, std::chrono::milliseconds(2000)))
        out.ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      else ++out.missed;
      // Let a part of it play, as a citizen would listen before the next touch.
      std::this_thread::sleep_for(std::chrono::milliseconds(40));
    }
    for (const auto& id : ids)
      if (const kiosk::ui::Target* t = ui.find_target(id))
        out.said.push_back(ui.speech().describe(*t, cats->get(lang)));
  }
  SDL_DestroyRenderer(r);
  SDL_DestroyWindow(w);
  return out;
}

// A paragraph of the catalog in lang, as speech mode would say it (Arabic: in its speech forms).
std::string paragraph(const kiosk::core::Catalog& c, const std::vector<kiosk::core::SpeechText>& forms) {
  std::string p;
  for (const char* key : {"speech.started", "question.publish.body", "receipt.keep", "contact.optional",
                          "receipt.print_failed", "error.consent", "report.location.not_found"})
    p += c.get(key) + " ";
  for (const auto& f : forms)
    if (f.language() == c.language()) return f.apply(p);
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  const int taps = argc > 1 ? std::max(2, std::atoi(argv[1])) : 200;
  auto cats = kiosk::core::Catalogs::load(kiosk::core::catalog_dir(), kLanguages);
  auto forms = kiosk::core::load_speech_texts(kiosk::core::speech_text_dir(), kLanguages);
  if (!cats || !forms) fail("catalogs or speech forms");

  // 1. Memory.
  std::printf("memory of the process (kB, /proc/self/smaps_rollup)\n%-34s %8s %8s\n", "", "PSS", "RSS");
  auto mem = [](const char* what) {
    auto [pss, rss] = pss_rss();
    std::printf("%-34s %8ld %8ld\n", what, pss, rss);
    return pss;
  };
  const long pss0 = mem("before espeak-ng");
  if (!kiosk::ui::espeak_phonemes("", "nl")) fail("espeak-ng");
  mem("espeak-ng initialized");
  for (const auto& lang : kLanguages) {
    auto pcm = kiosk::ui::espeak_synthesize(cats->get(lang).get("speech.started"), lang);
    if (!pcm) fail(pcm.error().message);
    mem(("after a sentence in " + lang).c_str());
  }

  // 2. CPU: real-time factor of synthesis.
  std::printf("\nCPU while speaking: a paragraph synthesized per voice (real-time factor = CPU / audio)\n");
  std::printf("%-5s %8s %10s %10s %12s %12s\n", "lang", "audio s", "wall s", "CPU s", "RTF (stat)", "RTF (clock)");
  constexpr int kRepeat = 10;  // /proc/self/stat counts in clock ticks (10 ms): enough of them
  for (const auto& lang : kLanguages) {
    const std::string text = paragraph(cats->get(lang), *forms);
    double audio = 0;
    const double s0 = stat_cpu_s(), c0 = cputime_s();
    const auto w0 = Clock::now();
    for (int i = 0; i < kRepeat; ++i) {
      auto pcm = kiosk::ui::espeak_synthesize(text, lang);
      if (!pcm) fail(pcm.error().message);
      audio += double(pcm->samples.size()) / pcm->rate;
    }
    const double wall = std::chrono::duration<double>(Clock::now() - w0).count();
    const double s1 = stat_cpu_s(), c1 = cputime_s();
    std::printf("%-5s %8.1f %10.3f %10.3f %12.4f %12.4f\n", lang.c_str(), audio, wall, c1 - c0, (s1 - s0) / audio,
                (c1 - c0) / audio);
  }

  // 3. Touch to first sound, through the real UI and sink.
  const fs::path dir = fs::temp_directory_path() / ("speech_bench_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path fifo = dir / "audio.fifo";
  if (mkfifo(fifo.c_str(), 0600) != 0) fail("mkfifo");
  setenv("SDL_VIDEODRIVER", "dummy", 1);
  setenv("SDL_RENDER_DRIVER", "software", 1);
  setenv("SDL_AUDIODRIVER", "disk", 1);
  setenv("SDL_DISKAUDIOFILE", fifo.c_str(), 1);
  setenv("SDL_DISKAUDIODELAY", "1", 1);
  if (SDL_Init(SDL_INIT_VIDEO) != 0) fail(SDL_GetError());
  {
    Listener listener(fifo);
    auto voice = kiosk::ui::EspeakSink::open();
    if (!voice) fail(voice.error().message);
    const long pss_sink = mem("sink open (SDL audio)");
    std::printf("%-34s %8ld\n", "added by the voices and the sink", pss_sink - pss0);
    kiosk::core::SpeechTextSink sink(**voice, *forms);
    std::printf("\ntouch to first sound (%d first taps, 800x480, software renderer; ms)\n", taps);
    std::printf("%-5s %7s %7s %7s %7s %7s %8s %22s  %s\n", "lang", "p50", "p95", "p99", "max", "missed", "lead-in",
                "p95+lead-in+period", "said (one of two)");
    for (const char* lang : {"nl", "ar"}) {
      Latency l = touch_to_sound(lang, sink, listener, taps);
      double lead_in = 0;
      for (const auto& said : l.said) lead_in = std::max(lead_in, lead_in_ms(said, lang, *forms));
      std::printf("%-5s %7.1f %7.1f %7.1f %7.1f %7d %8.1f %22.1f  %s\n", lang, pct(l.ms, 50), pct(l.ms, 95),
                  pct(l.ms, 99), pct(l.ms, 100), l.missed, lead_in, pct(l.ms, 95) + lead_in + 1024.0 * 1000 / 22050,
                  l.said.empty() ? "" : l.said.back().c_str());
    }
    voice->reset();
  }
  SDL_Quit();
  fs::remove_all(dir);
  return 0;
}
