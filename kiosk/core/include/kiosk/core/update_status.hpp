// What the appliance's last update did, for the technician screen. kiosk-update
// (firmware/image/overlay/usr/sbin/kiosk-update, run as root) writes it after every install, trial and
// refusal to a world-readable file on the data partition, so the kiosk (user kiosk) can read it; its own
// state in /data/rauc stays root's. Format 1, one `key=value` a line after the header:
//
//   kiosk-update-status 1
//   event=good                   installed | good | fallback | refused | failed | up_to_date
//   version=1.4.0+g0123456789    the update's version (empty when a refused bundle had none readable)
//   running=1.3.2+gabcdef0123    the version running when the line was written
//   slot=B                       the booted slot then (A or B; empty outside an A/B boot)
//   time=2026-12-04T10:00:00Z    UTC
//   reason=untrusted             refused only: untrusted | not_code_signing | expired | damaged | other_device
//                                                          | no_keyring
//
// The events and their order (kiosk-update's functions):
//
//   (install_)  --installed-->  trial boot  --(mark_good)-->  good
//        |                          `--(record_fallback, next boot on the old slot)-->  fallback
//        +--> failed   (rauc install failed; the kiosk stays as it is)
//   (verify, on install/fetch/usb)  --> refused
//   (install_if_new: fetch/usb found the running version)  --> up_to_date
//
// Keys it does not know are skipped (a later kiosk-update may add some); another header is refused.
// Display-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/sync/error.hpp"

namespace kiosk::core {

inline constexpr int kUpdateStatusFormat = 1;

// Where the appliance keeps it (kiosk-update's KIOSK_UPDATE_STATUS_FILE and KIOSK_IMAGE_VERSION_FILE;
// the kiosk takes the same variables, for tests).
struct UpdatePlaces {
  std::filesystem::path status{"/data/kiosk-update.status"};
  std::filesystem::path image_version{"/etc/kiosk-image-version"};
};

enum class UpdateEvent { installed, good, fallback, refused, failed, up_to_date };

struct UpdateStatus {
  UpdateEvent event = UpdateEvent::installed;
  std::string version;
  std::string running;
  std::string slot;
  std::string reason;  // refused: untrusted, not_code_signing, expired, damaged, other_device, no_keyring
  std::int64_t time_ms = 0;
};

// The file's text. Errc::invalid_value (with the line) for another header, an unknown event, a missing
// event or time, a value that is not printable UTF-8 or longer than 200 bytes.
Result<UpdateStatus> parse_update_status(std::string_view text);

// The file: nullopt when there is none (no update has run on this kiosk, or it is no appliance);
// Errc::io when it cannot be read or is larger than 4 KiB; parse errors as above.
Result<std::optional<UpdateStatus>> read_update_status(const std::filesystem::path& file);

// The image's version (/etc/kiosk-image-version: the package's version and the commit, which an update
// bundle of the image carries); empty when there is none or it is not one printable line.
std::string read_image_version(const std::filesystem::path& file);

// The catalog key of the event's sentence: tech.update.installed, .good, .fallback, .refused, .failed,
// .up_to_date; and of a refusal's reason: tech.update.reason.<reason>, tech.update.reason.other for one
// this kiosk does not know.
const char* update_event_key(UpdateEvent e);
std::string update_reason_key(std::string_view reason);

}  // namespace kiosk::core
