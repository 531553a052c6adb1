// kiosk-sync's wake socket (see wake.hpp).
#include "kiosk/sync/wake.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk {

namespace {

Result<sockaddr_un> address(const std::filesystem::path& path) {
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  if (path.native().size() >= sizeof a.sun_path)
    return Error{Errc::invalid_value, "the wake socket's path is too long for a unix socket: " + path.string()};
  std::memcpy(a.sun_path, path.c_str(), path.native().size() + 1);
  return a;
}

}  // namespace

std::filesystem::path wake_socket_path(const std::filesystem::path& outbox) {
  return std::filesystem::path(outbox.string() + ".wake");
}

Result<WakeSocket> WakeSocket::bind(const std::filesystem::path& path) {
  auto a = address(path);
  if (!a) return a.error();
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return Error{Errc::io, std::string("cannot make the wake socket: ") + std::strerror(errno)};
  ::unlink(path.c_str());  // left by a run that was killed
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&*a), sizeof *a) != 0) {
    int e = errno;
    ::close(fd);
    return Error{Errc::io, "cannot bind the wake socket " + path.string() + ": " + std::strerror(e)};
  }
  return WakeSocket(fd, path);
}

WakeSocket::WakeSocket(WakeSocket&& o) noexcept : m_fd(o.m_fd), m_path(std::move(o.m_path)) { o.m_fd = -1; }

WakeSocket& WakeSocket::operator=(WakeSocket&& o) noexcept {
  std::swap(m_fd, o.m_fd);
  std::swap(m_path, o.m_path);
  return *this;
}

WakeSocket::~WakeSocket() {
  if (m_fd < 0) return;
  ::close(m_fd);
  ::unlink(m_path.c_str());
}

bool WakeSocket::wait(int timeout_ms) {
  pollfd p{m_fd, POLLIN, 0};
  int n = ::poll(&p, 1, timeout_ms);
  if (n <= 0) return false;
  char buf[64];
  while (::recv(m_fd, buf, sizeof buf, 0) >= 0) {
  }
  return true;
}

Result<void> send_wake(const std::filesystem::path& path) {
  auto a = address(path);
  if (!a) return a.error();
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Error{Errc::io, std::string("cannot make a socket: ") + std::strerror(errno)};
  const char msg[] = "sync";
  ssize_t n = ::sendto(fd, msg, sizeof msg - 1, MSG_DONTWAIT, reinterpret_cast<const sockaddr*>(&*a), sizeof *a);
  int e = errno;
  ::close(fd);
  if (n < 0) return Error{Errc::io, "the sync service does not listen at " + path.string() + ": " + std::strerror(e)};
  return {};
}

}  // namespace kiosk
