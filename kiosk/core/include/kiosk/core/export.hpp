// "Export queue to USB stick" on the technician screen: the hand-over of kiosk::export_handover (the
// same code path as `kioskctl export --undelivered --handover`), onto the first USB stick found. The
// screen starts it through Session::export_queue and shows the result; it builds no command line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "kiosk/core/command.hpp"
#include "kiosk/sync/outbox.hpp"

namespace kiosk::core {

// The first mounted USB stick: /media/<user>/<label>, /run/media/<user>/<label> or /mnt/usb; empty: none.
std::filesystem::path find_usb_stick();

// Writes every submission not yet delivered everywhere to a new bundle in dir and hands it over (its
// open deliveries are parked here). exit_code from the shared table (kiosk::ExitCode); output says
// what happened and, on failure, what to do.
CommandResult export_to_stick(Outbox& outbox, const std::string& kiosk_id, const std::filesystem::path& dir,
                              std::int64_t now_ms);

}  // namespace kiosk::core
