// Service notification for kiosk.service (systemd Type=notify with WatchdogSec=, see
// firmware/systemd/kiosk-watchdog.conf): tells systemd "READY=1" once the first frame is on screen,
// pings "WATCHDOG=1" from the frame loop at least every half watchdog interval (also while the loop idles
// in SDL_WaitEventTimeout: cap_wait() shortens the wait just enough) and says "STOPPING=1" on a clean
// exit. Everything is a no-op when NOTIFY_SOCKET is not set (desktop runs, tests) or when the program was
// built without libsystemd (KIOSK_HAVE_SYSTEMD undefined). Only the kiosk program uses this: kiosk/core,
// kiosk/ui and sync/ never see systemd.
#pragma once

#include <cstdint>

namespace kiosk::app {

class ServiceNotify {
 public:
  // Reads NOTIFY_SOCKET and, through sd_watchdog_enabled(), WATCHDOG_USEC / WATCHDOG_PID.
  ServiceNotify();

  // True when notifications go anywhere (built with libsystemd and NOTIFY_SOCKET set).
  bool active() const { return m_active; }
  // The watchdog interval in milliseconds, 0 when systemd does not watch this process.
  std::int64_t watchdog_ms() const { return m_watchdog_ms; }
  // How often tick() pings: half the watchdog interval (0 when no watchdog).
  std::int64_t ping_period_ms() const { return m_watchdog_ms / 2; }

  // "READY=1", once (later calls do nothing), then a first ping if due. Call after the first frame has
  // been presented.
  void ready(std::int64_t now_ms);
  // Call once per frame-loop iteration: sends "WATCHDOG=1" when a ping period has passed since the last
  // one. Returns true when it pinged.
  bool tick(std::int64_t now_ms);
  // The timeout to give SDL_WaitEventTimeout: timeout_ms (-1 = forever) shortened to the time left until
  // the next ping is due, never below 1 ms and never shorter than needed.
  int cap_wait(int timeout_ms, std::int64_t now_ms) const;
  // "STOPPING=1" on a clean exit.
  void stopping();

  // Monotonic milliseconds (CLOCK_MONOTONIC), the clock the frame loop passes in.
  static std::int64_t monotonic_ms();

 private:
  bool send(const char* state);

  bool m_active = false;
  bool m_ready = false;
  bool m_pinged = false;
  std::int64_t m_watchdog_ms = 0;
  std::int64_t m_last_ping_ms = 0;
};

}  // namespace kiosk::app
