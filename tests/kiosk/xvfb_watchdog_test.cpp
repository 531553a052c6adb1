// End to end: the real kiosk program under Xvfb, started the way systemd starts kiosk.service with the
// watchdog drop-in (NOTIFY_SOCKET + WATCHDOG_USEC=2 s). It must say READY=1 once its first frame is up,
// keep pinging WATCHDOG=1 while it sits idle on the idle screen (every second; at least two pings in
// ~4 s), stay near 0 % CPU doing so, and say STOPPING=1 when stopped with SIGTERM. Skipped when Xvfb is
// missing or the kiosk was built without libsystemd.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "notify_socket.hpp"
#include "test_support.hpp"
#include "xvfb_support.hpp"

namespace kiosk::test {
namespace {

using namespace std::chrono_literals;

// utime + stime of a process in clock ticks (/proc/PID/stat fields 14 and 15), -1 if unreadable.
long cpu_ticks(pid_t pid) {
  std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  auto close_paren = stat.rfind(')');
  if (close_paren == std::string::npos) return -1;
  unsigned long utime = 0, stime = 0;
  // After ") ": state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
  if (std::sscanf(stat.c_str() + close_paren + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime,
                  &stime) != 2)
    return -1;
  return long(utime + stime);
}

TEST(xvfb_watchdog_test, kiosk_says_ready_and_pings_the_watchdog_while_idle) {
#ifndef KIOSK_HAVE_SYSTEMD
  GTEST_SKIP() << "kiosk built without libsystemd (libsystemd-dev): no sd_notify to test";
#endif
  if (!in_path("Xvfb")) GTEST_SKIP() << "Xvfb is not installed (apt-get install xvfb): real-window test skipped";

  TempDir dir;
  NotifySocket sock(dir / "notify");
  ASSERT_TRUE(sock.ok()) << sock.path();
  Proc xvfb;
  int display = start_xvfb(xvfb, dir / "xvfb.log");
  ASSERT_GE(display, 0) << "Xvfb did not start:\n" << read_file(dir / "xvfb.log");

  // WATCHDOG_PID is not set (the kiosk's pid is not known before it starts): the watchdog then applies
  // to whichever process reads WATCHDOG_USEC. Make sure none leaks in from our own environment.
  unsetenv("WATCHDOG_PID");
  Proc kiosk_proc;
  kiosk_proc.pid = spawn({KIOSK_PROGRAM_PATH, "--db", (dir / "outbox.sqlite").string(), "--size", "1280x800"},
                         {"DISPLAY=:" + std::to_string(display), "SDL_RENDER_DRIVER=software",
                          "SDL_FRAMEBUFFER_ACCELERATION=0", "NOTIFY_SOCKET=" + sock.path(), "WATCHDOG_USEC=2000000",
                          // In the sanitizer build, SDL's X11 back end leaves a libdbus allocation at exit,
                          // which would turn the exit status into 1; our own code's leaks are checked
                          // in-process by ui_flow_test. This test is about the exit path, not leaks.
                          "ASAN_OPTIONS=detect_leaks=0"},
                         (dir / "kiosk.log").string());
  ASSERT_GT(kiosk_proc.pid, 0);

  // READY=1 after the first frame (WATCHDOG=1 may come before it: the loop pings on its first turn).
  bool ready = false;
  const auto ready_deadline = std::chrono::steady_clock::now() + 30s;
  while (!ready && std::chrono::steady_clock::now() < ready_deadline)
    if (auto m = sock.recv(1s)) {
      if (*m == "READY=1") ready = true;
      else EXPECT_EQ(*m, "WATCHDOG=1");
    }
  ASSERT_TRUE(ready) << "no READY=1 from the kiosk within 30 s; log:\n" << read_file(dir / "kiosk.log");

  // Idle: at least two pings within ~4 s (one a second is expected), and little CPU.
  std::this_thread::sleep_for(500ms);  // let the start-up frames settle
  while (sock.recv(10ms)) {
  }
  const long ticks0 = cpu_ticks(kiosk_proc.pid);
  int pings = 0;
  const auto window_end = std::chrono::steady_clock::now() + 4200ms;
  while (std::chrono::steady_clock::now() < window_end)
    if (auto m = sock.recv(100ms)) {
      EXPECT_EQ(*m, "WATCHDOG=1");
      pings += *m == "WATCHDOG=1" ? 1 : 0;
    }
  const long ticks1 = cpu_ticks(kiosk_proc.pid);
  EXPECT_GE(pings, 2) << "the idle kiosk stopped pinging the watchdog; log:\n" << read_file(dir / "kiosk.log");
  EXPECT_LE(pings, 8) << "the idle kiosk pings far more often than every WatchdogSec/2";
  const double cpu_s = double(ticks1 - ticks0) / double(sysconf(_SC_CLK_TCK));
  EXPECT_LT(cpu_s, 0.5) << "the idle kiosk used " << cpu_s << " s of CPU in 4.2 s";

  // systemctl stop: SIGTERM -> SDL_QUIT -> STOPPING=1 and exit status 0.
  ASSERT_EQ(kill(kiosk_proc.pid, SIGTERM), 0);
  bool stopping = false;
  const auto stop_deadline = std::chrono::steady_clock::now() + 10s;
  while (!stopping && std::chrono::steady_clock::now() < stop_deadline)
    if (auto m = sock.recv(500ms)) stopping = *m == "STOPPING=1";
  EXPECT_TRUE(stopping) << "no STOPPING=1 after SIGTERM; log:\n" << read_file(dir / "kiosk.log");
  int status = -1;
  pid_t done = 0;
  for (int i = 0; i < 100 && done == 0; ++i) {
    done = waitpid(kiosk_proc.pid, &status, WNOHANG);
    if (done == 0) std::this_thread::sleep_for(100ms);
  }
  ASSERT_EQ(done, kiosk_proc.pid) << "the kiosk did not exit after SIGTERM";
  kiosk_proc.pid = -1;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status << "; log:\n"
                                                             << read_file(dir / "kiosk.log");
}

}  // namespace
}  // namespace kiosk::test
