// A stand-in for an ESC/POS receipt printer on a USB printer device: a pseudo-terminal pair in raw mode.
// The code under test opens device() (the pty's slave, /dev/pts/N) exactly as it opens /dev/usb/lp0; this
// side records every byte and answers the real-time status queries (DLE EOT n, GS r n) from the paper
// state the test sets; silent() makes it a printer that never answers (an unplugged printer is a path that
// does not exist).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

namespace kiosk::test {

class FakePrinter {
 public:
  enum class Paper { ok, near_end, out };

  FakePrinter() {
    m_master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m_master < 0 || grantpt(m_master) != 0 || unlockpt(m_master) != 0) return;
    m_device = ptsname(m_master);
    // Held open so that the pair lives while the code under test opens and closes its end.
    m_slave = open(m_device.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    termios t{};
    tcgetattr(m_slave, &t);
    cfmakeraw(&t);  // bytes as they are: no CR/LF translation, no echo, ^D and ^P are data
    tcsetattr(m_slave, TCSANOW, &t);
    m_thread = std::thread([this] { run(); });
  }
  ~FakePrinter() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    if (m_slave >= 0) close(m_slave);
    if (m_master >= 0) close(m_master);
  }
  FakePrinter(const FakePrinter&) = delete;
  FakePrinter& operator=(const FakePrinter&) = delete;

  // The path to configure as ui.printer_device.
  const std::string& device() const { return m_device; }
  bool ok() const { return m_slave >= 0; }
  // Every byte the printer received.
  std::string bytes() const {
    std::lock_guard lock(m_mutex);
    return m_bytes;
  }
  void clear() {
    std::lock_guard lock(m_mutex);
    m_bytes.clear();
    m_parsed = 0;
  }
  int status_queries() const { return m_queries; }
  void set_paper(Paper p) { m_paper = p; }
  // Out of paper after this many more bytes of print data (the roll runs out during a slip).
  void paper_out_after(std::size_t n) {
    std::lock_guard lock(m_mutex);
    m_out_after = static_cast<long long>(n);
  }
  void silent(bool on) { m_silent = on; }

 private:
  void run() {
    char buf[4096];
    while (!m_stop) {
      pollfd p{m_master, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      ssize_t n = read(m_master, buf, sizeof buf);
      if (n <= 0) continue;
      std::string answers;
      {
        std::lock_guard lock(m_mutex);
        m_bytes.append(buf, static_cast<std::size_t>(n));
        if (m_out_after >= 0) {
          m_out_after -= n;
          if (m_out_after <= 0) {
            m_paper = Paper::out;
            m_out_after = -1;
          }
        }
        // Queries are 3 bytes; one may be split across reads.
        while (m_parsed + 3 <= m_bytes.size()) {
          auto a = static_cast<unsigned char>(m_bytes[m_parsed]), b = static_cast<unsigned char>(m_bytes[m_parsed + 1]);
          auto c = static_cast<unsigned char>(m_bytes[m_parsed + 2]);
          if ((a == 0x10 && b == 0x04) || (a == 0x1d && b == 0x72)) {
            ++m_queries;
            if (!m_silent) answers += static_cast<char>(answer(a == 0x10, c));
            m_parsed += 3;
          } else {
            ++m_parsed;
          }
        }
      }
      if (!answers.empty()) (void)!write(m_master, answers.data(), answers.size());
    }
  }
  unsigned char answer(bool dle_eot, unsigned char n) const {
    Paper p = m_paper;
    if (!dle_eot)  // GS r 1: bits 0-1 near end, 2-3 paper end
      return static_cast<unsigned char>((p == Paper::near_end ? 0x03 : 0) | (p == Paper::out ? 0x0C : 0));
    switch (n) {
      case 4:
        return static_cast<unsigned char>(0x12 | (p == Paper::near_end ? 0x0C : 0) | (p == Paper::out ? 0x60 : 0));
      default: return 0x12;  // DLE EOT 1-3: online, no error
    }
  }

  int m_master = -1, m_slave = -1;
  std::string m_device;
  std::thread m_thread;
  std::atomic<bool> m_stop{false}, m_silent{false};
  std::atomic<Paper> m_paper{Paper::ok};
  std::atomic<int> m_queries{0};
  long long m_out_after = -1;
  mutable std::mutex m_mutex;
  std::string m_bytes;
  std::size_t m_parsed = 0;
};

}  // namespace kiosk::test
