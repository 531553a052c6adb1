// The technician screen's sync commands: what the sync service did (its run records, run_record.hpp;
// the same records `kioskctl status` reads) and "sync now" without secrets in the kiosk: a request row
// in the outbox and a wake-up on kiosk-sync's socket (wake.hpp); the outcome is the run record that
// answers the request. Display-free; the screen maps states to catalog keys (sync_outcome_key).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/command.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/run_record.hpp"

namespace kiosk::core {

// A channel's line on the screen: its health (run_record.hpp) and what the words need.
struct SyncChannelLine {
  std::string channel;
  Health health = Health::ok;
  Wait wait = Wait::none;
  std::int64_t until_ms = 0;      // waiting: when the wait ends
  std::int64_t since_ms = 0;      // offline: the channel's last successful round (0: never)
  std::int64_t pending = 0;       // after the run
  std::int64_t parked = 0;        // after the run
  std::int64_t delivered = 0;     // by the run
  std::int64_t waiting_rows = 0;  // tally: votes waiting
  int failures = 0;
  std::string error;  // the last error in words (explain_error), for offline and attention
};

struct SyncView {
  std::optional<RunRecord> last_run;  // nullopt: no run recorded yet
  std::vector<SyncChannelLine> channels;
  std::size_t open_requests = 0;  // "sync now" not answered yet
  std::string error;              // reading the records failed
};

// The newest run record as the screen shows it.
SyncView read_sync_view(Outbox& outbox);

// The technician screen's plot: the run records of the last days in hourly buckets, oldest first. A
// bucket holds the largest queue and parked count a run left in that hour and the deliveries of its runs;
// an hour without a run keeps the queue and parked count of the hour before (the queue stays as it was),
// before the first run they are unknown (-1).
struct SyncHour {
  std::int64_t start_ms = 0;
  std::int64_t queue = -1;  // not delivered and not parked, all channels
  std::int64_t delivered = 0;
  std::int64_t parked = -1;
  int runs = 0;
};
struct SyncHistory {
  std::vector<SyncHour> hours;
  std::int64_t max_queue = 0, max_delivered = 0, max_parked = 0;  // the plot's scales
  std::string error;                                              // reading the records failed
};
inline constexpr int kSyncHistoryHours = 7 * 24;
SyncHistory read_sync_history(Outbox& outbox, std::int64_t now_ms, int hours = kSyncHistoryHours);

// "Sync now": adds the request and wakes kiosk-sync; run in job, which ends when the answering run is
// recorded (CommandResult::exit_code: the run's exit code) or after timeout_ms (exit_code -1). When
// kiosk-sync does not listen, it ends at once with exit_code -2 (the request stays: the service answers
// it after its next run). False when the job is busy.
inline constexpr int kSyncNoAnswer = -1;
inline constexpr int kSyncNoService = -2;
bool start_sync_now(Outbox& outbox, BackgroundCommand& job, std::function<void()> on_done = {},
                    std::int64_t timeout_ms = 10 * 60'000);
// The same, synchronously (the job's body).
CommandResult sync_now(Outbox& outbox, std::int64_t timeout_ms);

// The catalog key of a finished "sync now": tech.sync.ok, tech.sync.waiting (only waits left: normal),
// tech.sync.attention (something needs a person), tech.sync.no_answer, tech.sync.no_service,
// tech.sync.failed (the run itself failed).
std::string sync_outcome_key(const CommandResult& r);

// The technician screen's actions that run as a job, and `kiosk --technician ACTION` (the same words).
enum class TechAction { sync_now, export_usb, import_usb, eject_usb };
// "sync-now", "export-usb", "import-usb", "eject-usb"; nullopt for any other name.
std::optional<TechAction> tech_action_named(std::string_view name);
// The action's button name: tech.sync_now, tech.export, tech.import, tech.eject.
const char* tech_action_key(TechAction a);
// What a finished action did, in the catalog's words: "sync now" its sync outcome (and the run's own
// words, if any); the others "<name>: <outcome>", the outcome from the job's key and values where it gave
// them, else done/failed and its detail.
std::string tech_action_outcome(const Catalog& words, TechAction a, const CommandResult& r);

}  // namespace kiosk::core
