// Run records: what each sync run did, kept in the outbox (sync_runs, sync_run_channels) by the one that
// ran it (kiosk-sync, or `kioskctl sync`). They are the one source of truth for `kioskctl status`, the
// technician screen (kiosk/core/technician.hpp) and the fleet's metrics: none of them counts on its own.
//
// A channel's health after a run, in the order a technician should look at it:
//
//   attention  parked deliveries, or a failure that is not the network's (credential refused, the
//              server rejects our requests): a person must act
//   offline    the server could not be reached or failed (connection, DNS, timeout, 5xx, 429): the
//              sync retries by itself; "offline since" the channel's last successful round
//   waiting    left on purpose: pacing (next post at until), poll votes waiting for their day's tally
//   ok         nothing left, or delivered everything it could
//
// "Sync now" without secrets in the kiosk: the kiosk (user `kiosk`, who cannot read the secrets) adds a
// sync request row (Outbox::request_sync) and sends a datagram to kiosk-sync's wake socket (wake.hpp);
// kiosk-sync runs at once, ignoring backoff, and its run record answers the request (run_id).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/sync/wait.hpp"

namespace kiosk {

struct RunReport;

// Persisted format of a run record (sync_runs.format); bump when the meaning of a column changes.
inline constexpr int kRunRecordFormat = 1;

struct ChannelRun {
  std::string channel;
  // What the run did.
  std::int64_t queued = 0;  // due or waiting at the run's start
  std::int64_t delivered = 0;
  std::int64_t retried = 0;
  std::int64_t parked = 0;
  std::int64_t answers = 0;
  Wait wait = Wait::none;
  std::int64_t wait_until_ms = 0;
  std::int64_t waiting_rows = 0;  // poll votes waiting for their tally
  int failures = 0;               // failed rounds in a row
  std::string circuit = "closed";
  std::string last_error;  // as the channel reported it; explain_error() for words
  // The queue after the run (filled by Outbox::record_run).
  std::int64_t pending = 0;            // not delivered and not parked
  std::int64_t parked_total = 0;       // parked, waiting for a technician
  std::int64_t oldest_pending_ms = 0;  // created_at of the oldest pending submission; 0: none
  std::int64_t last_success_ms = 0;    // the channel's last round that worked (channel_state)
  std::int64_t last_delivery_ms = 0;   // the last run that delivered something to it; 0: never
};

struct RunRecord {
  std::int64_t id = 0;
  std::int64_t started_ms = 0;
  std::int64_t ended_ms = 0;
  std::string source = "kiosk-sync";  // or "kioskctl"
  int exit_code = 0;                  // ExitCode of the run (ok, channel, waiting, or the run's error)
  std::string error;                  // the run itself failed (another sync held the lock, storage)
  int requests_answered = 0;          // "sync now" requests this run answered
  std::vector<ChannelRun> channels;
  const ChannelRun* find(std::string_view channel) const {
    for (const auto& c : channels)
      if (c.channel == channel) return &c;
    return nullptr;
  }
};

// The record of a finished run (queue figures are filled when it is stored).
RunRecord make_run_record(const RunReport& report, std::int64_t started_ms, std::int64_t ended_ms);
// The record of a run that failed as a whole.
RunRecord make_failed_run_record(const Error& error, std::int64_t started_ms, std::int64_t ended_ms);

enum class Health { ok, waiting, offline, attention };
// Stable names for --json and metrics: "ok", "waiting", "offline", "attention".
std::string_view health_name(Health h) noexcept;
Health channel_health(const ChannelRun& c);

// A channel's line for a technician (kioskctl status), e.g. "waiting: paced: ... next post at 18:40" or
// "offline since 2026-12-02 18:40: the server could not be reached ...". Times in time_zone's local time.
std::string describe_channel_run(const ChannelRun& c, int posts_per_hour, const std::string& time_zone,
                                 std::int64_t now_ms);

// A "sync now" request and its outcome.
struct SyncRequest {
  std::int64_t id = 0;
  std::int64_t requested_ms = 0;
  std::int64_t run_id = 0;  // 0 while no run has answered it
};

}  // namespace kiosk
