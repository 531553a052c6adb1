// Waiting states in words, and a sync run's exit code (see wait.hpp).
#include "kiosk/sync/wait.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "kiosk/sync/channel.hpp"
#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/submission.hpp"

namespace kiosk {

std::string_view wait_name(Wait w) noexcept {
  switch (w) {
    case Wait::none: return "";
    case Wait::paced: return "paced";
    case Wait::tally: return "tally";
    case Wait::backoff: return "backoff";
    case Wait::circuit_open: return "circuit_open";
  }
  return "";
}

// The engine's pacing rule (Engine::Impl::pacing_budget): at most posts_per_hour in any hour, spaced
// evenly. The next post may go when both allow it.
std::int64_t paced_until(const std::vector<std::int64_t>& sent_times, int posts_per_hour, std::int64_t now_ms) {
  if (posts_per_hour <= 0) return 0;
  std::vector<std::int64_t> recent;
  for (auto x : sent_times)
    if (x > now_ms - 3600'000) recent.push_back(x);
  if (recent.empty()) return 0;
  std::sort(recent.begin(), recent.end());
  std::int64_t until = recent.back() + std::max<std::int64_t>(1, 3600'000 / posts_per_hour);
  if (recent.size() >= static_cast<std::size_t>(posts_per_hour))
    until = std::max(until, recent[recent.size() - static_cast<std::size_t>(posts_per_hour)] + 3600'000);
  return until > now_ms ? until : 0;
}

ChannelWait channel_wait(const ChannelState& state, int posts_per_hour, std::int64_t now_ms) {
  ChannelWait w;
  w.failures = state.failures;
  if (state.not_before_ms > now_ms && (state.circuit != CircuitState::closed || state.failures > 0)) {
    w.wait = state.circuit == CircuitState::closed ? Wait::backoff : Wait::circuit_open;
    w.until_ms = state.not_before_ms;
    return w;
  }
  if (std::int64_t until = paced_until(state.sent_times, posts_per_hour, now_ms)) {
    w.wait = Wait::paced;
    w.until_ms = until;
  }
  return w;
}

std::string local_clock(std::int64_t unix_ms, const std::string& time_zone, std::int64_t now_ms) {
  std::string at = format_local(unix_ms, utc_offset_minutes(time_zone, unix_ms));  // 2026-12-02T18:40:00+01:00
  std::string today = format_local(now_ms, utc_offset_minutes(time_zone, now_ms));
  std::string clock = at.substr(11, 5);
  return at.compare(0, 10, today, 0, 10) == 0 ? clock : at.substr(0, 10) + " " + clock;
}

std::string describe_wait(Wait wait, std::int64_t until_ms, int failures, int posts_per_hour, std::size_t rows,
                          const std::string& time_zone, std::int64_t now_ms) {
  std::string at = until_ms > 0 ? local_clock(until_ms, time_zone, now_ms) : std::string("soon");
  std::string n = rows ? fmt::format("{} waiting; ", rows) : std::string();
  switch (wait) {
    case Wait::none: return "";
    case Wait::paced:
      return fmt::format("paced: {}at most {} posts an hour, next post at {} (nothing to do; raise "
                         "channels.signalen.posts_per_hour only if the municipality allows more)",
                         n, posts_per_hour, at);
    case Wait::tally:
      return fmt::format("poll votes wait for their day's tally: {}sent together at {} (nothing to do)", n, at);
    case Wait::backoff:
      return fmt::format("backing off until {} after {} failed {}: {}tried again then by itself "
                         "(`kioskctl sync` tries now)",
                         at, failures, failures == 1 ? "round" : "rounds", n);
    case Wait::circuit_open:
      return fmt::format("circuit open after {} failed rounds: {}one test request at {}, normal again when it "
                         "works (check `kioskctl channels test` and the last error)",
                         failures, n, at);
  }
  return "";
}

namespace {

// A known low-level error: its words, and whether it is the network's or the server's passing trouble
// (retried by itself) rather than something a person must fix.
struct KnownError {
  std::string what;
  bool transient = false;
};

KnownError classify(std::string_view error) {
  auto has = [&](std::string_view s) { return error.find(s) != std::string_view::npos; };
  if (has("seek callback") || has("necessary data rewind"))
    return {"the connection closed while a request was being sent; it may have arrived, so the sync asks the "
            "server before sending it again (nothing to do)",
            true};
  if (has("Could not connect") || has("Couldn't connect") || has("Connection refused") || has("Failed to connect"))
    return {"the server could not be reached; check the network and channels.<name>.base_url "
            "(`kioskctl channels test`); it is retried by itself",
            true};
  if (has("Could not resolve") || has("Couldn't resolve"))
    return {"the server's name could not be resolved; check the network's DNS and channels.<name>.base_url; it is "
            "retried by itself",
            true};
  if (has("timeout: ") || has("timed out"))
    return {"the server did not answer in time; it is retried by itself (raise channels.<name>.timeout_s if it "
            "keeps happening)",
            true};
  if (has("Connection reset") || has("Recv failure") || has("Send failure") || has("Empty reply"))
    return {"the connection broke off; the sync checks with the server before sending again (nothing to do)", true};
  if (has("HTTP 429"))
    return {"the server asked us to slow down; the sync waits as long as it said (nothing to do)", true};
  if (has("HTTP 5") || has("HTTP 408"))
    return {"the server had a problem; it is retried by itself (tell the municipality if it lasts)", true};
  return {};
}

}  // namespace

std::string explain_error(std::string_view error) {
  KnownError k = classify(error);
  if (k.what.empty()) return std::string(error);
  return k.what + " [" + std::string(error) + "]";
}

bool transient_error(std::string_view error) { return classify(error).transient; }

ExitCode exit_code(const RunReport& report) {
  bool waiting = false;
  for (const auto& c : report.channels) {
    if (c.parked > 0 || c.retried > 0) return ExitCode::channel;
    if (!c.skipped.empty() && c.wait == Wait::none) return ExitCode::channel;
    waiting = waiting || c.wait != Wait::none;
  }
  return waiting ? ExitCode::waiting : ExitCode::ok;
}

}  // namespace kiosk
