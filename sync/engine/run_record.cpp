// Run records from the engine's report, and a channel's health in words (see run_record.hpp).
#include "kiosk/sync/run_record.hpp"

#include <fmt/core.h>

#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/time.hpp"

namespace kiosk {

RunRecord make_run_record(const RunReport& report, std::int64_t started_ms, std::int64_t ended_ms) {
  RunRecord r;
  r.started_ms = started_ms;
  r.ended_ms = ended_ms;
  r.exit_code = as_int(exit_code(report));
  for (const auto& c : report.channels) {
    ChannelRun x;
    x.channel = c.channel;
    x.queued = static_cast<std::int64_t>(c.queued);
    x.delivered = static_cast<std::int64_t>(c.delivered);
    x.retried = static_cast<std::int64_t>(c.retried);
    x.parked = static_cast<std::int64_t>(c.parked);
    x.answers = static_cast<std::int64_t>(c.answers);
    x.wait = c.wait;
    x.wait_until_ms = c.wait_until_ms;
    x.waiting_rows = static_cast<std::int64_t>(c.deferred);
    x.failures = c.failures;
    x.circuit = c.circuit;
    // A skipped channel that does not wait (e.g. not configured right) says why in its error.
    x.last_error = !c.last_error.empty() ? c.last_error : c.wait == Wait::none ? c.skipped : std::string();
    r.channels.push_back(std::move(x));
  }
  return r;
}

RunRecord make_failed_run_record(const Error& error, std::int64_t started_ms, std::int64_t ended_ms) {
  RunRecord r;
  r.started_ms = started_ms;
  r.ended_ms = ended_ms;
  r.exit_code = as_int(exit_code(error));
  r.error = error.message;
  return r;
}

std::string_view health_name(Health h) noexcept {
  switch (h) {
    case Health::ok: return "ok";
    case Health::waiting: return "waiting";
    case Health::offline: return "offline";
    case Health::attention: return "attention";
  }
  return "ok";
}

Health channel_health(const ChannelRun& c) {
  if (c.parked_total > 0 || c.parked > 0) return Health::attention;
  bool failing = c.retried > 0 || c.wait == Wait::backoff || c.wait == Wait::circuit_open || !c.last_error.empty();
  if (failing) return transient_error(c.last_error) ? Health::offline : Health::attention;
  if (c.wait == Wait::paced || c.wait == Wait::tally) return Health::waiting;
  return Health::ok;
}

std::string describe_channel_run(const ChannelRun& c, int posts_per_hour, const std::string& time_zone,
                                 std::int64_t now_ms) {
  std::string queue = fmt::format("{} delivered, {} pending, {} parked", c.delivered, c.pending, c.parked_total);
  switch (channel_health(c)) {
    case Health::ok: return "ok: " + queue;
    case Health::waiting:
      return "waiting, not failed: " +
             describe_wait(c.wait, c.wait_until_ms, c.failures, posts_per_hour,
                           static_cast<std::size_t>(c.wait == Wait::tally ? c.waiting_rows : 0), time_zone, now_ms) +
             "; " + queue;
    case Health::offline: {
      std::string since = c.last_success_ms ? "offline since " + local_clock(c.last_success_ms, time_zone, now_ms)
                                            : std::string("offline (never reached yet)");
      std::string next = c.wait != Wait::none ? "; " + describe_wait(c.wait, c.wait_until_ms, c.failures,
                                                                     posts_per_hour, 0, time_zone, now_ms)
                                              : std::string();
      return since + ": " + explain_error(c.last_error) + next + "; " + queue;
    }
    case Health::attention: {
      std::string why = c.parked_total > 0 ? fmt::format("{} parked: `kioskctl list --state parked --channel {}`, fix "
                                                         "the cause, then `kioskctl requeue --channel {}`",
                                                         c.parked_total, c.channel, c.channel)
                                           : explain_error(c.last_error);
      if (c.parked_total > 0 && !c.last_error.empty()) why += "; last error: " + explain_error(c.last_error);
      return "needs attention: " + why + "; " + queue;
    }
  }
  return queue;
}

}  // namespace kiosk
