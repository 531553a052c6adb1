// A stand-in for systemd's notification socket: a unix datagram socket bound in a temporary directory,
// whose path goes into NOTIFY_SOCKET. recv() returns one datagram ("READY=1", "WATCHDOG=1" ...) or
// nothing after a timeout. Used by service_notify_test and xvfb_watchdog_test.
#pragma once

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::test {

class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) : m_path(path.string()) {
    m_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (m_fd < 0 || m_path.size() >= sizeof(addr.sun_path)) return;
    std::memcpy(addr.sun_path, m_path.c_str(), m_path.size() + 1);
    if (bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      close(m_fd);
      m_fd = -1;
    }
  }
  ~NotifySocket() {
    if (m_fd >= 0) close(m_fd);
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  bool ok() const { return m_fd >= 0; }
  const std::string& path() const { return m_path; }

  // The next datagram, or nothing when none arrives within `timeout`.
  std::optional<std::string> recv(std::chrono::milliseconds timeout) {
    if (m_fd < 0) return std::nullopt;
    pollfd p{m_fd, POLLIN, 0};
    if (poll(&p, 1, int(timeout.count())) <= 0) return std::nullopt;
    char buf[4096];
    ssize_t n = ::recv(m_fd, buf, sizeof(buf), 0);
    if (n < 0) return std::nullopt;
    return std::string(buf, std::size_t(n));
  }

 private:
  std::string m_path;
  int m_fd = -1;
};

}  // namespace kiosk::test
