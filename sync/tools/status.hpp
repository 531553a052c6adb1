// `kioskctl status`: what the sync service really did, from its run records (run_record.hpp): the last
// run and each channel's health in words, normal waits apart from what needs a person.
#pragma once

#include "kiosk/sync/config.hpp"
#include "kiosk/sync/outbox.hpp"

namespace kiosk {

// Prints the status (as JSON with json) and returns the exit code: ok, or storage when the records
// cannot be read.
int print_status(const Config& config, Outbox& outbox, bool json);

}  // namespace kiosk
