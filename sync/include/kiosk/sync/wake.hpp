// The wake-up of kiosk-sync: a unix datagram socket next to the outbox (<outbox>.wake). kiosk-sync binds
// it; anyone who may write the outbox's directory (the `kiosk` user through the group `kiosk`, with the
// directory's setgid bit and UMask=0007) may send to it. The datagram carries nothing: what is asked
// lives in the outbox (a sync request row, Outbox::request_sync), so a lost datagram costs only time
// (kiosk-sync also looks for open requests after every run) and a forged one only an early run.
#pragma once

#include <cstdint>
#include <filesystem>

#include "kiosk/sync/error.hpp"

namespace kiosk {

std::filesystem::path wake_socket_path(const std::filesystem::path& outbox);

// kiosk-sync's end. Removes a stale socket file before binding, and the file when destroyed.
class WakeSocket {
 public:
  static Result<WakeSocket> bind(const std::filesystem::path& path);
  WakeSocket(WakeSocket&& o) noexcept;
  WakeSocket& operator=(WakeSocket&& o) noexcept;
  WakeSocket(const WakeSocket&) = delete;
  WakeSocket& operator=(const WakeSocket&) = delete;
  ~WakeSocket();
  // Waits up to timeout_ms; true when a wake-up came (all queued ones are read).
  bool wait(int timeout_ms);

 private:
  WakeSocket(int fd, std::filesystem::path path) : m_fd(fd), m_path(std::move(path)) {}
  int m_fd = -1;
  std::filesystem::path m_path;
};

// The kiosk's end: one datagram. Errc::io when nobody listens (kiosk-sync not running).
Result<void> send_wake(const std::filesystem::path& path);

}  // namespace kiosk
