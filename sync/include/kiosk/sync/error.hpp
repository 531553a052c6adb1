// Typed errors for every kiosk library: an enum class plus a human message, carried in Result<T>
// (an expected-like type; C++20 has no std::expected). Front ends translate Errc into exit codes
// (exit_code below, for kioskctl, kiosk-sync and kiosk-provision) or on-screen messages (kiosk UI); the
// libraries never print.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace kiosk {

enum class Errc {
  // Input validation (nothing reaches the database).
  missing_field,
  too_long,
  invalid_utf8,
  invalid_value,
  invalid_email,
  invalid_phone,
  invalid_reference,
  // Storage.
  db_open,          // cannot open or create the database file
  db_corrupt,       // not a database, or a damaged page
  db_newer_schema,  // written by a newer kiosk version; refused, left untouched
  db_readonly,      // file system or file is read-only
  db_full,          // disk (or the configured outbox cap) is full
  db_busy,          // locked by another process for too long
  db_io,            // any other SQLite failure
  not_found,
  duplicate,
  // Formats.
  codec,          // zstd or dictionary failure
  bundle_format,  // export bundle unreadable or of an unknown version
  // Configuration.
  config_syntax,
  config_unknown_key,
  config_type,
  config_missing,
  config_permissions,
  io,  // plain file I/O outside SQLite
  // Network and remote systems (sync engine, channel adapters).
  network,          // cannot connect, connection reset, DNS
  timeout,          // no (complete) answer in time
  tls,              // certificate not trusted, name mismatch, handshake failure
  auth,             // the server refused our credentials (401/403)
  rate_limited,     // 429 or our own pacing
  remote_rejected,  // permanent refusal (4xx other than 408/429): parked with the server's reason
  remote_error,     // server-side failure (5xx, 408), worth retrying
  protocol,         // an answer we cannot understand
};

std::string_view errc_name(Errc code) noexcept;

// The exit codes of every kiosk program (kioskctl, kiosk-sync, kiosk-provision): one table, listed in
// README.md and docs/technician.md. `waiting` is not a failure: everything that could go now went, and
// what is left waits on purpose (pacing, a poll's tally, a channel's backoff or open circuit).
enum class ExitCode : int {
  ok = 0,
  internal = 1,       // a bug: an exception or an impossible state
  usage = 2,          // wrong command line
  invalid_input = 3,  // the input (a submission, a provisioning file) has errors; nothing was stored or written
  not_found = 4,
  storage = 5,  // outbox full, read-only, damaged, of a newer schema, or busy
  config = 6,   // configuration or secrets
  file = 7,     // file or bundle I/O
  channel = 8,  // a channel failed (network, credentials, server error or refusal): retried later or parked
  waiting = 9,  // nothing failed; work is left that waits on purpose (paced, tally, backoff, circuit open)
};
ExitCode exit_code(Errc code) noexcept;
// The exit code as the process returns it.
constexpr int as_int(ExitCode c) noexcept { return static_cast<int>(c); }

struct Error {
  Errc code;
  std::string message;
  std::string field;  // which input field, when the error is about one (for showing it next to that field)
};

// Result<T>: either a T or an Error. Result<void> carries only success or an Error.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

  bool ok() const noexcept { return m_v.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(m_v);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(m_v);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(m_v));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(m_v);
  }

 private:
  std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : m_error(std::move(error)), m_ok(false) {}
  bool ok() const noexcept { return m_ok; }
  explicit operator bool() const noexcept { return m_ok; }
  const Error& error() const {
    assert(!m_ok);
    return m_error;
  }

 private:
  Error m_error{Errc::io, {}, {}};
  bool m_ok = true;
};

inline ExitCode exit_code(const Error& e) noexcept { return exit_code(e.code); }

inline Error make_error(Errc code, std::string message, std::string field = {}) {
  return Error{code, std::move(message), std::move(field)};
}

}  // namespace kiosk
