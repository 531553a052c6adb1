// The real program in a real X server: starts Xvfb on a free display, starts `kiosk` in it, taps through
// a report with xdotool (the on-screen keyboard included) and finds the report in the outbox. The tap
// positions come from the same UI laid out headlessly (same configuration and window size). Skipped
// with a message when Xvfb or xdotool is missing. Every wait is bounded.
#include <chrono>
#include <fstream>
#include <thread>

#include "notify_socket.hpp"
#include "ui_harness.hpp"
#include "xvfb_support.hpp"

namespace kiosk::test {
namespace {

TEST(xvfb_kiosk_test, tap_through_a_report_with_xdotool) {
  if (!in_path("Xvfb")) GTEST_SKIP() << "Xvfb is not installed (apt-get install xvfb): real-window test skipped";
  if (!in_path("xdotool"))
    GTEST_SKIP() << "xdotool is not installed (apt-get install xdotool): real-window test skipped";

  // 1. Plan: the same flow headless, recording where each target is.
  std::vector<std::pair<int, int>> taps;
  {
    UiHarness h;
    auto plan = [&](const std::string& id) {
      const ui::Target* t = h.target(id);
      ASSERT_NE(t, nullptr) << id << " on " << core::screen_name(h.screen());
      taps.emplace_back(int((t->x0 + t->x1) / 2), int((t->y0 + t->y1) / 2));
      h.tap(id);
    };
    taps.emplace_back(640, 200);  // idle: anywhere
    h.tap_at(640, 200);
    for (const char* id : {"choose.report", "tile.schoon", "tile.graffiti", "loc.place.0", "app.next", "text"})
      plan(id);
    for (char c : std::string("graffiti")) plan(std::string("key.") + c);
    plan("key.hide");
    plan("app.next");
    plan("app.next");  // anonymous
    ASSERT_EQ(h.screen(), core::Screen::report_review);
    plan("review.send");
    ASSERT_EQ(h.screen(), core::Screen::receipt);
  }

  // 2. Xvfb on a free display, and the kiosk in it.
  TempDir dir;
  Proc xvfb;
  const int display = start_xvfb(xvfb, dir / "xvfb.log");
  ASSERT_GE(display, 0) << "Xvfb did not start; log:\n" << read_file(dir / "xvfb.log");
  const std::string disp = ":" + std::to_string(display);
  std::filesystem::path db = dir / "outbox.sqlite";
  // The kiosk says READY=1 once its first frame is on screen: the taps wait for it (a window that exists by name may
  // not be mapped yet, and a tap then goes nowhere: it happened once under AddressSanitizer on a loaded machine).
  NotifySocket sock(dir / "notify.sock");
  ASSERT_TRUE(sock.ok()) << "cannot bind " << sock.path();
  Proc kiosk_proc;
  kiosk_proc.pid = spawn({KIOSK_PROGRAM_PATH, "--db", db.string(), "--size", "1280x800"},
                         {"DISPLAY=" + disp, "SDL_RENDER_DRIVER=software", "SDL_FRAMEBUFFER_ACCELERATION=0",
                          "NOTIFY_SOCKET=" + sock.path()},
                         (dir / "kiosk.log").string());
  ASSERT_GT(kiosk_proc.pid, 0);
  // Wait for its window: 0.7 s alone, but on a loaded 2-core machine it once took more than 10 s, and under
  // AddressSanitizer beside an emulator more than 60 s. A deadline of 120 s.
  std::string wid;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (wid.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto r = core::run_command({"env", "DISPLAY=" + disp, "xdotool", "search", "--name", "Gemeente Voorbeeldstad"});
    if (r.exit_code == 0) wid = r.output.substr(0, r.output.find('\n'));
  }
  ASSERT_FALSE(wid.empty()) << "no kiosk window; log:\n" << read_file(dir / "kiosk.log");
  bool ready = false;
  while (!ready && std::chrono::steady_clock::now() < deadline)
    if (auto m = sock.recv(std::chrono::seconds(1))) ready = *m == "READY=1";
  ASSERT_TRUE(ready) << "no READY=1 (first frame) from the kiosk; log:\n" << read_file(dir / "kiosk.log");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  // 3. Tap through with real X pointer events.
  for (auto [x, y] : taps) {
    auto r = core::run_command({"env", "DISPLAY=" + disp, "xdotool", "mousemove", "--window", wid, std::to_string(x),
                                std::to_string(y), "click", "1"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }

  // 4. The report is in the outbox (the kiosk keeps it open in WAL mode; reading alongside is fine).
  // The kiosk takes one queued tap per frame: under AddressSanitizer on a loaded machine it may still be working
  // through them well after the last one was sent, so wait up to 60 s.
  std::optional<StoredSubmission> found;
  for (int i = 0; i < 600 && !found; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    OutboxOptions o;
    o.path = db;
    o.create = false;
    auto ob = Outbox::open(o);
    if (!ob) continue;
    auto list = ob->list();
    if (!list || list->empty()) continue;
    auto s = ob->find(list->front().reference);
    if (s) found = *s;
  }
  ASSERT_TRUE(found.has_value()) << "no submission in the outbox; kiosk log:\n" << read_file(dir / "kiosk.log");
  EXPECT_EQ(found->submission.kind, Kind::report);
  EXPECT_EQ(found->submission.category, "schoon/graffiti");
  EXPECT_EQ(found->submission.text, "graffiti");
  EXPECT_EQ(found->submission.location.text, "Marktplein");
}

// Without --size the window is the panel of the configuration (ui.panel_width x ui.panel_height): the
// Raspberry Pi's 800x480 previewed on a desktop as it will look.
TEST(xvfb_kiosk_test, window_is_the_configured_panel_without_size) {
  if (!in_path("Xvfb")) GTEST_SKIP() << "Xvfb is not installed (apt-get install xvfb): real-window test skipped";
  if (!in_path("xdotool"))
    GTEST_SKIP() << "xdotool is not installed (apt-get install xdotool): real-window test skipped";
  TempDir dir;
  std::string demo = read_file(std::filesystem::path(KIOSK_SOURCE_ASSETS_DIR) / "config" / "demo.toml");
  const std::size_t ui = demo.find("[ui]\n");
  ASSERT_NE(ui, std::string::npos);
  demo.insert(ui + 5, "panel_width = 800\npanel_height = 480\npanel_width_mm = 154.2\n");
  const auto config = dir / "pi.toml";
  std::ofstream(config) << demo;
  Proc xvfb;
  const int display = start_xvfb(xvfb, dir / "xvfb.log");
  ASSERT_GE(display, 0) << "Xvfb did not start";
  const std::string disp = ":" + std::to_string(display);
  Proc kiosk_proc;
  kiosk_proc.pid = spawn({KIOSK_PROGRAM_PATH, "--db", (dir / "outbox.sqlite").string(), "--config", config.string()},
                         {"DISPLAY=" + disp, "SDL_RENDER_DRIVER=software"}, (dir / "kiosk.log").string());
  ASSERT_GT(kiosk_proc.pid, 0);
  std::string geometry;  // the same 120 s deadline as above: the kiosk's start under a loaded machine
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (geometry.find("Geometry") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    geometry = core::run_command({"env", "DISPLAY=" + disp, "xdotool", "search", "--name", "Gemeente Voorbeeldstad",
                                  "getwindowgeometry"})
                   .output;
  }
  EXPECT_NE(geometry.find("Geometry: 800x480"), std::string::npos) << geometry << "\nlog:\n"
                                                                   << read_file(dir / "kiosk.log");
}

}  // namespace
}  // namespace kiosk::test
