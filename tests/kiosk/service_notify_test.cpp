// kiosk::app::ServiceNotify (kiosk/app/service_notify.cpp): what the kiosk tells systemd through
// NOTIFY_SOCKET. A unix datagram socket in a temporary directory plays systemd. The cadence tests drive the
// clock by hand; one test runs an idle loop in real time with a short watchdog and only counts.
#include "service_notify.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "notify_socket.hpp"
#include "test_support.hpp"

namespace kiosk::test {
namespace {

using app::ServiceNotify;
using namespace std::chrono_literals;

class service_notify_test : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
  }
  void TearDown() override { SetUp(); }

  // Points NOTIFY_SOCKET at a fresh socket; with watchdog_usec > 0 also sets WATCHDOG_USEC/WATCHDOG_PID.
  NotifySocket& listen(long watchdog_usec, pid_t pid = getpid()) {
    sock = std::make_unique<NotifySocket>(dir / "notify");
    EXPECT_TRUE(sock->ok());
    setenv("NOTIFY_SOCKET", sock->path().c_str(), 1);
    if (watchdog_usec > 0) {
      setenv("WATCHDOG_USEC", std::to_string(watchdog_usec).c_str(), 1);
      setenv("WATCHDOG_PID", std::to_string(pid).c_str(), 1);
    }
    return *sock;
  }
  void skip_without_systemd() {
#ifndef KIOSK_HAVE_SYSTEMD
    GTEST_SKIP() << "kiosk built without libsystemd (libsystemd-dev): notifications are compiled out";
#endif
  }

  TempDir dir;
  std::unique_ptr<NotifySocket> sock;
};

TEST_F(service_notify_test, without_notify_socket_everything_is_a_noop) {
  ServiceNotify n;
  EXPECT_FALSE(n.active());
  EXPECT_EQ(n.watchdog_ms(), 0);
  EXPECT_EQ(n.cap_wait(-1, 0), -1);
  EXPECT_EQ(n.cap_wait(1234, 0), 1234);
  EXPECT_FALSE(n.tick(0));
  EXPECT_FALSE(n.tick(100000));
  n.ready(0);
  n.stopping();
}

TEST_F(service_notify_test, watchdog_usec_without_notify_socket_does_not_shorten_waits) {
  setenv("WATCHDOG_USEC", "2000000", 1);
  setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  ServiceNotify n;
  EXPECT_FALSE(n.active());
  EXPECT_EQ(n.watchdog_ms(), 0);
  EXPECT_EQ(n.cap_wait(-1, 0), -1);
}

TEST_F(service_notify_test, ready_and_stopping_without_watchdog) {
  skip_without_systemd();
  NotifySocket& s = listen(0);
  ServiceNotify n;
  EXPECT_TRUE(n.active());
  EXPECT_EQ(n.watchdog_ms(), 0);
  EXPECT_EQ(n.cap_wait(-1, 0), -1) << "no watchdog: the idle loop may sleep for ever";
  EXPECT_EQ(n.cap_wait(60000, 0), 60000);
  EXPECT_FALSE(n.tick(0));
  n.ready(0);
  EXPECT_EQ(s.recv(2s), "READY=1");
  n.ready(10);  // only once
  n.stopping();
  EXPECT_EQ(s.recv(2s), "STOPPING=1");
  EXPECT_FALSE(s.recv(100ms).has_value());
}

TEST_F(service_notify_test, watchdog_of_another_process_is_ignored) {
  skip_without_systemd();
  listen(2000000, getpid() + 1);
  ServiceNotify n;
  EXPECT_TRUE(n.active());
  EXPECT_EQ(n.watchdog_ms(), 0);
  EXPECT_FALSE(n.tick(0));
}

TEST_F(service_notify_test, pings_every_half_interval_with_a_driven_clock) {
  skip_without_systemd();
  NotifySocket& s = listen(2000000);  // WatchdogSec=2
  ServiceNotify n;
  ASSERT_TRUE(n.active());
  EXPECT_EQ(n.watchdog_ms(), 2000);
  EXPECT_EQ(n.ping_period_ms(), 1000);

  // Start-up: the first loop iteration pings at once, READY=1 follows the first frame.
  EXPECT_TRUE(n.tick(1000));
  EXPECT_EQ(s.recv(2s), "WATCHDOG=1");
  n.ready(1010);
  EXPECT_EQ(s.recv(2s), "READY=1");
  EXPECT_FALSE(s.recv(50ms).has_value()) << "no second ping 10 ms after the first";

  // A busy loop (60 frames a second) pings once per period, not once per frame.
  int pings = 0;
  for (std::int64_t t = 1016; t < 4100; t += 16) pings += n.tick(t) ? 1 : 0;
  EXPECT_EQ(pings, 3);  // at 2008, 3016 and 4024
  for (int i = 0; i < pings; ++i) EXPECT_EQ(s.recv(2s), "WATCHDOG=1");

  // The idle wait is shortened to the next due ping, never lengthened.
  std::int64_t last = 0;
  for (std::int64_t t = 4100; t < 6000 && !last; ++t)
    if (n.tick(t)) last = t;
  ASSERT_GT(last, 0);
  EXPECT_EQ(s.recv(2s), "WATCHDOG=1");
  EXPECT_EQ(n.cap_wait(-1, last), 1000);
  EXPECT_EQ(n.cap_wait(-1, last + 300), 700);
  EXPECT_EQ(n.cap_wait(60000, last + 300), 700);
  EXPECT_EQ(n.cap_wait(200, last + 300), 200) << "an earlier UI deadline stays";
  EXPECT_EQ(n.cap_wait(-1, last + 5000), 1) << "overdue: wake at once, but never a 0 ms busy wait";
  EXPECT_FALSE(n.tick(last + 999));
  EXPECT_TRUE(n.tick(last + 1000));
  EXPECT_EQ(s.recv(2s), "WATCHDOG=1");

  n.stopping();
  EXPECT_EQ(s.recv(2s), "STOPPING=1");
}

// An idle frame loop in real time: sleep for cap_wait(-1), tick, repeat. With WATCHDOG_USEC=400 ms it must
// ping (≈ every 200 ms) and must not wake much more often than it pings. Counts only, generous bounds.
TEST_F(service_notify_test, idle_loop_keeps_pinging_in_real_time) {
  skip_without_systemd();
  NotifySocket& s = listen(400000);
  ServiceNotify n;
  ASSERT_EQ(n.watchdog_ms(), 400);
  int wakeups = 0, pinged = 0;
  const std::int64_t start = ServiceNotify::monotonic_ms();
  while (ServiceNotify::monotonic_ms() - start < 1500) {
    pinged += n.tick(ServiceNotify::monotonic_ms()) ? 1 : 0;
    int wait = n.cap_wait(-1, ServiceNotify::monotonic_ms());
    ASSERT_GE(wait, 1);
    ASSERT_LE(wait, 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
    ++wakeups;
  }
  int received = 0;
  while (auto m = s.recv(200ms)) {
    EXPECT_EQ(*m, "WATCHDOG=1");
    ++received;
  }
  EXPECT_EQ(received, pinged);
  EXPECT_GE(received, 3) << "expected about 8 pings in 1.5 s";
  EXPECT_LE(wakeups, 2 * pinged + 2) << "the idle loop wakes more often than the watchdog needs";
}

}  // namespace
}  // namespace kiosk::test
