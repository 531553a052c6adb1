// Structured journald fields for every sync run, so a technician or a log shipper can filter runs
// without parsing text: journalctl -u kiosk-sync KIOSK_SYNC_EXIT_CODE=8, or -o json. One entry per run;
// only under systemd (INVOCATION_ID set) and only when built with libsystemd (KIOSK_HAVE_SYSTEMD).
#pragma once

#include "kiosk/sync/run_record.hpp"

namespace kiosk {

void journal_run(const RunRecord& run);

}  // namespace kiosk
