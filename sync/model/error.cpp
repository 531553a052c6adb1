// Names of error codes, stable for scripts (kioskctl --json prints them), and the one mapping of error
// codes to exit codes.
#include "kiosk/sync/error.hpp"

namespace kiosk {

std::string_view errc_name(Errc code) noexcept {
  switch (code) {
    case Errc::missing_field: return "missing_field";
    case Errc::too_long: return "too_long";
    case Errc::invalid_utf8: return "invalid_utf8";
    case Errc::invalid_value: return "invalid_value";
    case Errc::invalid_email: return "invalid_email";
    case Errc::invalid_phone: return "invalid_phone";
    case Errc::invalid_reference: return "invalid_reference";
    case Errc::db_open: return "db_open";
    case Errc::db_corrupt: return "db_corrupt";
    case Errc::db_newer_schema: return "db_newer_schema";
    case Errc::db_readonly: return "db_readonly";
    case Errc::db_full: return "db_full";
    case Errc::db_busy: return "db_busy";
    case Errc::db_io: return "db_io";
    case Errc::not_found: return "not_found";
    case Errc::duplicate: return "duplicate";
    case Errc::codec: return "codec";
    case Errc::bundle_format: return "bundle_format";
    case Errc::config_syntax: return "config_syntax";
    case Errc::config_unknown_key: return "config_unknown_key";
    case Errc::config_type: return "config_type";
    case Errc::config_missing: return "config_missing";
    case Errc::config_permissions: return "config_permissions";
    case Errc::io: return "io";
    case Errc::network: return "network";
    case Errc::timeout: return "timeout";
    case Errc::tls: return "tls";
    case Errc::auth: return "auth";
    case Errc::rate_limited: return "rate_limited";
    case Errc::remote_rejected: return "remote_rejected";
    case Errc::remote_error: return "remote_error";
    case Errc::protocol: return "protocol";
  }
  return "unknown";
}

ExitCode exit_code(Errc code) noexcept {
  switch (code) {
    case Errc::missing_field:
    case Errc::too_long:
    case Errc::invalid_utf8:
    case Errc::invalid_value:
    case Errc::invalid_email:
    case Errc::invalid_phone:
    case Errc::invalid_reference: return ExitCode::invalid_input;
    case Errc::not_found: return ExitCode::not_found;
    case Errc::db_open:
    case Errc::db_corrupt:
    case Errc::db_newer_schema:
    case Errc::db_readonly:
    case Errc::db_full:
    case Errc::db_busy:
    case Errc::db_io:
    case Errc::duplicate:
    case Errc::codec: return ExitCode::storage;
    case Errc::config_syntax:
    case Errc::config_unknown_key:
    case Errc::config_type:
    case Errc::config_missing:
    case Errc::config_permissions: return ExitCode::config;
    case Errc::bundle_format:
    case Errc::io: return ExitCode::file;
    case Errc::network:
    case Errc::timeout:
    case Errc::tls:
    case Errc::auth:
    case Errc::rate_limited:
    case Errc::remote_rejected:
    case Errc::remote_error:
    case Errc::protocol: return ExitCode::channel;
  }
  return ExitCode::internal;
}

}  // namespace kiosk
