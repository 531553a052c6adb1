// sd_notify for kiosk.service: see service_notify.hpp.
#include "service_notify.hpp"

#include <time.h>

#include <algorithm>
#include <cstdlib>

#ifdef KIOSK_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace kiosk::app {

ServiceNotify::ServiceNotify() {
#ifdef KIOSK_HAVE_SYSTEMD
  const char* socket = std::getenv("NOTIFY_SOCKET");
  m_active = socket && *socket;
  std::uint64_t usec = 0;
  // > 0 only when WATCHDOG_USEC is set and WATCHDOG_PID (if set) is this process.
  if (m_active && sd_watchdog_enabled(0, &usec) > 0 && usec >= 2000) m_watchdog_ms = std::int64_t(usec / 1000);
#endif
}

bool ServiceNotify::send(const char* state) {
#ifdef KIOSK_HAVE_SYSTEMD
  if (!m_active) return false;
  return sd_notify(0, state) > 0;
#else
  (void)state;
  return false;
#endif
}

void ServiceNotify::ready(std::int64_t now_ms) {
  if (m_ready || !m_active) return;
  m_ready = true;
  send("READY=1");
  tick(now_ms);
}

bool ServiceNotify::tick(std::int64_t now_ms) {
  if (!m_active || m_watchdog_ms <= 0) return false;
  if (m_pinged && now_ms - m_last_ping_ms < ping_period_ms()) return false;
  m_pinged = true;
  m_last_ping_ms = now_ms;
  send("WATCHDOG=1");
  return true;
}

int ServiceNotify::cap_wait(int timeout_ms, std::int64_t now_ms) const {
  if (!m_active || m_watchdog_ms <= 0) return timeout_ms;
  std::int64_t left = m_pinged ? m_last_ping_ms + ping_period_ms() - now_ms : 0;
  left = std::max<std::int64_t>(left, 1);
  if (timeout_ms >= 0 && timeout_ms <= left) return timeout_ms;
  return int(std::min<std::int64_t>(left, 24 * 3600 * 1000));
}

void ServiceNotify::stopping() {
  if (!m_active) return;
  send("STOPPING=1");
}

std::int64_t ServiceNotify::monotonic_ms() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return std::int64_t(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

}  // namespace kiosk::app
