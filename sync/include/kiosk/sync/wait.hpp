// Waiting states of a channel: work that is left on purpose, not because something failed.
//
//   paced         Signalen's posts_per_hour budget is used up (or the spacing since the last post has
//                 not passed): the next post goes at until_ms
//   tally         poll votes wait for their day's tally (one Open Klant contact per poll per day)
//   backoff       a round failed: no new try before until_ms (after `failures` failed rounds)
//   circuit_open  failures reached the threshold: one probe at until_ms, then normal again when it works
//
// Front ends show a wait in its own words (never as an error) and exit with ExitCode::waiting when a
// run left nothing but waits. Times are shown in the kiosk's local time (kiosk.time_zone).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/sync/error.hpp"

namespace kiosk {

struct ChannelState;
struct RunReport;

enum class Wait { none, paced, tally, backoff, circuit_open };
// Stable names for --json: "", "paced", "tally", "backoff", "circuit_open".
std::string_view wait_name(Wait w) noexcept;

// When the next post may go under pacing (posts in the last hour from sent_times; 0: now).
std::int64_t paced_until(const std::vector<std::int64_t>& sent_times, int posts_per_hour, std::int64_t now_ms);

struct ChannelWait {
  Wait wait = Wait::none;
  std::int64_t until_ms = 0;
  int failures = 0;
};
// A channel's wait as its persisted state shows it (kioskctl stats, the technician screen: they do not
// run the engine). posts_per_hour 0: not paced. Tally waits are per delivery and not in the state.
ChannelWait channel_wait(const ChannelState& state, int posts_per_hour, std::int64_t now_ms);

// A wait in words for a technician, e.g. "paced: at most 60 posts an hour, next post at 18:40; nothing to
// do". rows: how many deliveries wait (0: not known). Times in local time of time_zone.
std::string describe_wait(Wait wait, std::int64_t until_ms, int failures, int posts_per_hour, std::size_t rows,
                          const std::string& time_zone, std::int64_t now_ms);

// A time for people in time_zone: "18:40" today, else "2026-12-03 18:40".
std::string local_clock(std::int64_t unix_ms, const std::string& time_zone, std::int64_t now_ms);

// A stored delivery error as a technician should read it: what happened and what to do. Known low-level
// messages (libcurl's, HTTP statuses) get words; others are returned as they are.
std::string explain_error(std::string_view error);
// Whether a stored error is the network's or the server's passing trouble (unreachable, DNS, timeout,
// broken connection, 429, 5xx): retried by itself, not a person's work.
bool transient_error(std::string_view error);

// A sync run's exit code: channel when a delivery failed (retry with an error, or parked), else waiting
// when a channel waits (ChannelReport::wait), else ok.
ExitCode exit_code(const RunReport& report);

}  // namespace kiosk
