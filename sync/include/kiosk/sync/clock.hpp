// The clock seam: everything that stamps or schedules asks a Clock, so tests can drive time.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace kiosk {

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock UTC milliseconds since the Unix epoch.
  virtual std::int64_t now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
  static SystemClock& instance() {
    static SystemClock clock;
    return clock;
  }
};

// A clock that moves only when told to.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::int64_t start_ms = 1767258000000 /* 2026-01-01T09:00:00Z */) : m_now(start_ms) {}
  std::int64_t now_ms() const override { return m_now.load(); }
  void set(std::int64_t ms) { m_now.store(ms); }
  void advance(std::int64_t ms) { m_now.fetch_add(ms); }

 private:
  std::atomic<std::int64_t> m_now;
};

}  // namespace kiosk
