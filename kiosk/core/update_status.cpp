// The last update's status file (update_status.hpp): strict parsing, unknown keys skipped.
#include "kiosk/core/update_status.hpp"

#include <array>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "kiosk/sync/file.hpp"
#include "kiosk/sync/time.hpp"
#include "kiosk/sync/utf8.hpp"

namespace kiosk::core {

namespace {

constexpr std::string_view kHeader = "kiosk-update-status ";
constexpr std::size_t kMaxValue = 200;
constexpr std::uintmax_t kMaxFile = 4096;

constexpr std::array<std::pair<std::string_view, UpdateEvent>, 6> kEvents{{{"installed", UpdateEvent::installed},
                                                                           {"good", UpdateEvent::good},
                                                                           {"fallback", UpdateEvent::fallback},
                                                                           {"refused", UpdateEvent::refused},
                                                                           {"failed", UpdateEvent::failed},
                                                                           {"up_to_date", UpdateEvent::up_to_date}}};
constexpr std::array<std::string_view, 6> kReasons{"untrusted", "not_code_signing", "expired",
                                                   "damaged",   "other_device",     "no_keyring"};

// One printable line of UTF-8 (no control characters): what the screen may show as it is.
bool printable(std::string_view s) {
  if (!valid_utf8(s)) return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

Error bad(std::size_t line, std::string_view what) {
  return make_error(Errc::invalid_value, fmt::format("update status, line {}: {}", line, what));
}

}  // namespace

Result<UpdateStatus> parse_update_status(std::string_view text) {
  UpdateStatus st;
  bool have_event = false, have_time = false;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (line_no == 1) {
      if (line.substr(0, kHeader.size()) != kHeader)
        return bad(1, "not a kiosk-update status file (no \"kiosk-update-status 1\" header)");
      if (line.substr(kHeader.size()) != std::to_string(kUpdateStatusFormat))
        return bad(1, fmt::format("format {} is not known to this kiosk (it reads format {})",
                                  printable(line) ? line.substr(kHeader.size()) : "?", kUpdateStatusFormat));
      continue;
    }
    if (line.empty()) continue;
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) return bad(line_no, "no key=value");
    const std::string_view key = line.substr(0, eq), value = line.substr(eq + 1);
    if (value.size() > kMaxValue || !printable(value)) return bad(line_no, "value is too long or not printable text");
    if (key == "event") {
      have_event = false;
      for (const auto& [name, e] : kEvents)
        if (name == value) {
          st.event = e;
          have_event = true;
        }
      if (!have_event) return bad(line_no, "unknown event");
    } else if (key == "time") {
      auto t = parse_utc(value);
      if (!t) return bad(line_no, "time is not an ISO 8601 UTC time");
      st.time_ms = *t;
      have_time = true;
    } else if (key == "version") {
      st.version = value;
    } else if (key == "running") {
      st.running = value;
    } else if (key == "slot") {
      st.slot = value;
    } else if (key == "reason") {
      st.reason = value;
    }  // else: a key of a later kiosk-update, skipped
  }
  if (line_no == 0) return bad(1, "empty");
  if (!have_event) return bad(line_no, "no event");
  if (!have_time) return bad(line_no, "no time");
  return st;
}

Result<std::optional<UpdateStatus>> read_update_status(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return std::optional<UpdateStatus>{};
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > kMaxFile)
    return make_error(Errc::io, fmt::format("{}: larger than {} bytes: not an update status", file.string(), kMaxFile));
  auto text = read_file(file, "the update status");
  if (!text) return text.error();
  auto st = parse_update_status(*text);
  if (!st) return make_error(st.error().code, fmt::format("{}: {}", file.string(), st.error().message));
  return std::optional<UpdateStatus>{std::move(*st)};
}

std::string read_image_version(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec || size > 256) return {};
  auto text = read_file(file, "the image version");
  if (!text) return {};
  std::string v = std::move(*text);
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r' || v.back() == ' ')) v.pop_back();
  return !v.empty() && v.size() <= kMaxValue && printable(v) ? v : std::string();
}

const char* update_event_key(UpdateEvent e) {
  switch (e) {
    case UpdateEvent::installed: return "tech.update.installed";
    case UpdateEvent::good: return "tech.update.good";
    case UpdateEvent::fallback: return "tech.update.fallback";
    case UpdateEvent::refused: return "tech.update.refused";
    case UpdateEvent::failed: return "tech.update.failed";
    case UpdateEvent::up_to_date: return "tech.update.up_to_date";
  }
  return "tech.update.failed";
}

std::string update_reason_key(std::string_view reason) {
  for (std::string_view r : kReasons)
    if (r == reason) return fmt::format("tech.update.reason.{}", r);
  return "tech.update.reason.other";
}

}  // namespace kiosk::core
