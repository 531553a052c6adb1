// Idle timeout of a citizen's session (WCAG 2.2.1, EN 301 549): after `timeout - warning` of no touch a
// warning with a countdown appears; one tap extends (up to max_extensions times); at `timeout` the session
// is wiped. Time comes from the Clock seam, so tests drive it with a FakeClock.
#pragma once

#include <cstdint>

#include "kiosk/sync/clock.hpp"

namespace kiosk::core {

enum class IdlePhase { active, warning, expired };

class IdleTimer {
 public:
  IdleTimer(const Clock& clock, std::int64_t timeout_ms, std::int64_t warning_ms, int max_extensions = 10)
      : m_clock(&clock), m_timeout(timeout_ms), m_warning(warning_ms), m_max_ext(max_extensions) {
    reset();
  }

  // A new session: the clock starts now, no extensions used.
  void reset() {
    m_last = m_clock->now_ms();
    m_extensions = 0;
  }
  // Any touch while active restarts the countdown. During the warning only extend() counts.
  void activity() {
    if (phase() == IdlePhase::active) m_last = m_clock->now_ms();
  }
  // The citizen tapped "I am still here". False when no extension is left (or already expired).
  bool extend() {
    if (phase() != IdlePhase::warning || m_extensions >= m_max_ext) return false;
    ++m_extensions;
    m_last = m_clock->now_ms();
    return true;
  }
  IdlePhase phase() const {
    std::int64_t idle = m_clock->now_ms() - m_last;
    if (idle >= m_timeout) return IdlePhase::expired;
    if (idle >= m_timeout - m_warning) return IdlePhase::warning;
    return IdlePhase::active;
  }
  // Whole seconds left before the wipe (rounded up).
  int seconds_left() const {
    std::int64_t left = m_timeout - (m_clock->now_ms() - m_last);
    return left <= 0 ? 0 : static_cast<int>((left + 999) / 1000);
  }
  // Milliseconds until the phase changes or the countdown shows another second (for wake-ups).
  std::int64_t ms_until_next_event() const {
    std::int64_t idle = m_clock->now_ms() - m_last;
    if (idle < m_timeout - m_warning) return m_timeout - m_warning - idle;
    std::int64_t left = m_timeout - idle;
    if (left <= 0) return 0;
    std::int64_t r = left % 1000;
    return r == 0 ? 1000 : r;
  }
  int extensions_left() const { return m_max_ext - m_extensions; }
  std::int64_t timeout_ms() const { return m_timeout; }
  std::int64_t warning_ms() const { return m_warning; }

 private:
  const Clock* m_clock;
  std::int64_t m_timeout, m_warning;
  int m_max_ext;
  std::int64_t m_last = 0;
  int m_extensions = 0;
};

}  // namespace kiosk::core
