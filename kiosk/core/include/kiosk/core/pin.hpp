// The technician PIN: stored only as a PBKDF2-SHA256 hash in the configuration (ui.technician_pin_hash,
// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>"), compared in constant time, and wrong attempts
// slowed down: after the 3rd wrong attempt in a row each further one waits twice as long (2 s, 4 s, …,
// at most 5 minutes) before the next attempt is accepted.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/sync/clock.hpp"

namespace kiosk::core {

// A new hash with a random salt (kiosk --hash-pin).
std::string hash_pin(std::string_view pin, int iterations = 60000);
// True when pin matches; false also for a malformed hash.
bool verify_pin(std::string_view pin, std::string_view stored_hash);

enum class PinResult { ok, wrong, wait, not_configured };

class PinGuard {
 public:
  PinGuard(const Clock& clock, std::string stored_hash) : m_clock(&clock), m_hash(std::move(stored_hash)) {}
  PinResult attempt(std::string_view pin);
  // Milliseconds before the next attempt is accepted (0: now).
  std::int64_t wait_ms() const;
  int failures() const { return m_failures; }

 private:
  const Clock* m_clock;
  std::string m_hash;
  int m_failures = 0;
  std::int64_t m_next_ok_ms = 0;
};

}  // namespace kiosk::core
