// The receipt printer (see printer.hpp).
#include "kiosk/core/printer.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "kiosk/core/command.hpp"
#include "kiosk/core/escpos.hpp"
#include "kiosk/sync/time.hpp"

namespace kiosk::core {
namespace {

// A file descriptor closed on every path.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

// Writes everything to the non-blocking fd, waiting at most timeout_ms each time the device takes nothing
// (a printer that stopped taking data must not hold the print job forever). errno says why on false.
bool write_all(int fd, std::string_view bytes, int timeout_ms) {
  while (!bytes.empty()) {
    ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      pollfd p{fd, POLLOUT, 0};
      int r = ::poll(&p, 1, timeout_ms);
      if (r == 0) errno = ETIMEDOUT;
      if (r <= 0 || (p.revents & (POLLERR | POLLHUP))) return false;
      continue;
    }
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Sends DLE EOT 4 and reads the answer; nullopt when none came within timeout_ms.
std::optional<unsigned char> ask_paper(int fd, int timeout_ms) {
  // Whatever an earlier job left unread is not the answer to this query.
  unsigned char stale[64];
  while (read(fd, stale, sizeof stale) > 0) {
  }
  if (!write_all(fd, escpos::kPaperStatusQuery, timeout_ms)) return std::nullopt;
  pollfd p{fd, POLLIN, 0};
  for (;;) {
    int r = ::poll(&p, 1, timeout_ms);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0 || !(p.revents & POLLIN)) return std::nullopt;
    unsigned char b = 0;
    ssize_t n = read(fd, &b, 1);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n != 1) return std::nullopt;
    return b;
  }
}

}  // namespace

std::string_view printer_state_name(PrinterState s) noexcept {
  switch (s) {
    case PrinterState::unknown: return "unknown";
    case PrinterState::ready: return "ready";
    case PrinterState::paper_low: return "paper_low";
    case PrinterState::paper_out: return "paper_out";
    case PrinterState::offline: return "offline";
    case PrinterState::unplugged: return "unplugged";
    case PrinterState::failed: return "failed";
  }
  return "?";
}

std::string_view print_result_key(PrinterState s) noexcept {
  switch (s) {
    case PrinterState::ready:
    case PrinterState::paper_low: return "receipt.printed";
    case PrinterState::paper_out: return "receipt.paper_out";
    default: return "receipt.print_failed";
  }
}

Printer::Printer(const UiSection& ui, const Clock& clock) : m_columns(ui.printer_columns), m_clock(&clock) {
  if (!ui.printer_device.empty()) {
    m_kind = PrinterKind::escpos;
    m_target = ui.printer_device.string();
  } else if (!ui.printer.empty()) {
    m_kind = PrinterKind::cups;
    m_target = ui.printer;
  }
}

bool Printer::can_print(const Slip& slip) const {
  if (m_kind != PrinterKind::escpos) return m_kind == PrinterKind::cups;
  for (const auto& l : slip.lines)
    if (!escpos::can_encode(l.text)) return false;
  return true;
}

PrinterStatus Printer::status() const {
  std::lock_guard lock(m_mutex);
  return m_status;
}

std::string Printer::summary() const {
  PrinterStatus st = status();
  std::string s = fmt::format("{} {}: {}", m_kind == PrinterKind::escpos ? "escpos" : "cups", m_target,
                              printer_state_name(st.state));
  if (!st.detail.empty()) s += " (" + st.detail + ")";
  if (st.at_ms) s += " " + format_utc(st.at_ms);
  return s;
}

Result<void> Printer::record(PrinterState state, std::string detail) {
  {
    std::lock_guard lock(m_mutex);
    m_status = PrinterStatus{state, detail, m_clock->now_ms()};
  }
  if (printed(state)) return {};
  return make_error(Errc::io, fmt::format("printer {}: {}: {}", m_target, printer_state_name(state), detail));
}

Result<void> Printer::print(const Slip& slip) {
  switch (m_kind) {
    case PrinterKind::escpos: return print_escpos(slip);
    case PrinterKind::cups: return print_cups(slip);
    case PrinterKind::none: break;
  }
  return make_error(Errc::io, "no printer configured");
}

Result<void> Printer::print_escpos(const Slip& slip) {
  Fd dev{open(m_target.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)};
  if (dev.fd < 0) {
    int e = errno;
    bool gone = e == ENOENT || e == ENODEV || e == ENXIO;
    return record(gone ? PrinterState::unplugged : PrinterState::offline, std::strerror(e));
  }
  auto check = [&](bool after) -> std::optional<Result<void>> {
    auto reply = ask_paper(dev.fd, m_status_timeout_ms);
    if (!reply) return record(PrinterState::offline, "no answer to the paper status query");
    switch (escpos::paper_status(*reply)) {
      case escpos::Paper::out:
        return record(PrinterState::paper_out, after ? "paper ran out while printing" : "paper end");
      case escpos::Paper::bad_reply:
        return record(PrinterState::offline, fmt::format("unexpected status byte 0x{:02x}", *reply));
      case escpos::Paper::near_end:
        if (after) return record(PrinterState::paper_low, "paper near end");
        return std::nullopt;
      case escpos::Paper::ok:
        if (after) return record(PrinterState::ready, "");
        return std::nullopt;
    }
    return std::nullopt;
  };
  if (auto failed = check(false)) return *failed;
  // The device takes the slip at its own pace; 10 s without taking a byte is a printer that stopped.
  if (!write_all(dev.fd, escpos::encode(slip, m_columns), 10000))
    return record(errno == ENODEV ? PrinterState::unplugged : PrinterState::offline, std::strerror(errno));
  return *check(true);
}

Result<void> Printer::print_cups(const Slip& slip) {
  CommandResult r = run_command({"lp", "-d", m_target}, slip_text(slip, m_columns));
  if (r.exit_code == 0) return record(PrinterState::ready, "");
  std::string out = r.output;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return record(PrinterState::failed, r.exit_code < 0 ? out : fmt::format("lp exit {}: {}", r.exit_code, out));
}

}  // namespace kiosk::core
