// The receipt printer: an ESC/POS printer on a USB printer device (ui.printer_device, written directly) or
// a CUPS queue (ui.printer, `lp -d QUEUE` with the slip as plain text). print() blocks (run it on a
// BackgroundCommand's thread); status() is the last thing learnt about the printer, for the citizen's
// screen and the technician's (thread-safe).
//
// An ESC/POS print:
//
//   open device ──fails──► unplugged (ENOENT, ENODEV, ENXIO) / offline
//     │ DLE EOT 4, read 1 byte (status_timeout_ms) ──no answer──► offline
//     │ paper end ──► paper_out (nothing printed)
//     │ write the slip (escpos::encode) ──fails, or 10 s without progress──► offline
//     │ DLE EOT 4 again ──paper end──► paper_out (the slip may be cut short) / no answer ──► offline
//     ▼
//   ready (or paper_low: printed, but the roll is nearly empty)
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>

#include "kiosk/core/receipt.hpp"
#include "kiosk/sync/clock.hpp"
#include "kiosk/sync/config.hpp"
#include "kiosk/sync/error.hpp"

namespace kiosk::core {

enum class PrinterKind { none, cups, escpos };

enum class PrinterState {
  unknown,    // nothing printed or asked yet
  ready,      // the last slip printed
  paper_low,  // printed; the paper is nearly out
  paper_out,  // out of paper: nothing (or not all) printed
  offline,    // device present but not answering or refusing writes
  unplugged,  // no such device
  failed,     // CUPS refused the job (lp's exit code and words in detail)
};
std::string_view printer_state_name(PrinterState s) noexcept;
// Whether a slip in this state reached the citizen.
inline bool printed(PrinterState s) noexcept { return s == PrinterState::ready || s == PrinterState::paper_low; }
// The catalog key the receipt screen shows for a state after a print ("receipt.printing" while printing).
std::string_view print_result_key(PrinterState s) noexcept;

struct PrinterStatus {
  PrinterState state = PrinterState::unknown;
  std::string detail;      // for the technician: errno text, lp's output
  std::int64_t at_ms = 0;  // when it was learnt (0: never)
};

class Printer {
 public:
  Printer(const UiSection& ui, const Clock& clock);
  Printer(const Printer&) = delete;
  Printer& operator=(const Printer&) = delete;

  PrinterKind kind() const { return m_kind; }
  bool available() const { return m_kind != PrinterKind::none; }
  int columns() const { return m_columns; }
  // "/dev/usb/lp0" or the queue name.
  const std::string& target() const { return m_target; }
  // Whether every character of the slip prints (ESC/POS: escpos::can_encode; CUPS takes UTF-8).
  bool can_print(const Slip& slip) const;

  // Prints the slip and records what happened in status(). Errc::io for a printer that did not print it
  // (the message says why; status().state the kind of failure).
  Result<void> print(const Slip& slip);

  PrinterStatus status() const;
  // One line for the technician: "escpos /dev/usb/lp0: paper_out (paper end) 2026-11-23T09:15:02.123Z".
  std::string summary() const;
  // How long an ESC/POS printer may take to answer a status query.
  void set_status_timeout_ms(int ms) { m_status_timeout_ms = ms; }

 private:
  Result<void> print_escpos(const Slip& slip);
  Result<void> print_cups(const Slip& slip);
  Result<void> record(PrinterState state, std::string detail);

  PrinterKind m_kind = PrinterKind::none;
  std::string m_target;
  int m_columns = 48;
  int m_status_timeout_ms = 1000;
  const Clock* m_clock;
  mutable std::mutex m_mutex;
  PrinterStatus m_status;
};

}  // namespace kiosk::core
