// The technician screen's USB stick: "export queue to USB stick" (the hand-over of kiosk::export_handover,
// the same code path as `kioskctl export --undelivered --handover`), "import queue from USB stick" (every
// hand-over bundle on the stick, kiosk::import_bundle as `kioskctl import`) and "remove USB stick safely".
// On the appliance a FAT or exFAT stick is mounted for the kiosk under /run/media/kiosk/<device> by udev +
// a systemd unit (firmware/image/overlay: 90-kiosk-usb-stick.rules, kiosk-usb-stick@.service), and taken
// off again on request (kiosk-usb-eject.path watches kUsbEjectRequest). The screen starts these through
// Session (export_queue, import_queue, eject_stick) and shows the result; it builds no command line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/command.hpp"
#include "kiosk/sync/outbox.hpp"

namespace kiosk::core {

// Where the first mounted USB stick is looked for: <root>/<user>/<volume> for each root (udisks2 and the
// appliance use /run/media), then /mnt/usb itself. Only mount points count: a directory left behind by a
// stick that is gone is not a stick.
struct UsbPlaces {
  std::vector<std::filesystem::path> roots{"/media", "/run/media"};
  std::filesystem::path fixed{"/mnt/usb"};
  // "Remove safely": the kiosk creates this file; kiosk-usb-eject.path unmounts every stick and removes it.
  std::filesystem::path eject_request{"/run/kiosk-usb/eject"};
};

// The first mounted USB stick; empty: none.
std::filesystem::path find_usb_stick(const UsbPlaces& places = {});

// Writes every submission not yet delivered everywhere to a new bundle in dir and hands it over (its
// open deliveries are parked here). exit_code from the shared table (kiosk::ExitCode); output says
// what happened and, on failure, what to do.
CommandResult export_to_stick(Outbox& outbox, const std::string& kiosk_id, const std::filesystem::path& dir,
                              std::int64_t now_ms);

// Imports every hand-over bundle (kiosk-*.kbundle, handover_file_name) in dir, oldest name first;
// submissions already here are skipped (importing twice changes nothing). exit_code 0 when every bundle
// was read; output counts what was added and skipped, or names the bundle that could not be read.
CommandResult import_from_stick(Outbox& outbox, const std::filesystem::path& dir);

// Asks the system to unmount the stick (places.eject_request) and waits up to timeout_ms until no stick is
// mounted. exit_code 0: the stick may be pulled out.
CommandResult eject_stick(const UsbPlaces& places, std::int64_t timeout_ms);

}  // namespace kiosk::core
