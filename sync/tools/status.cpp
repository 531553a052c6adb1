// `kioskctl status` (see status.hpp).
#include "status.hpp"

#include <iostream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "kiosk/sync/run_record.hpp"
#include "kiosk/sync/time.hpp"

namespace kiosk {

namespace {

using nlohmann::json;

std::string utc_or_empty(std::int64_t ms) { return ms ? format_utc(ms) : std::string(); }

int pph(const Config& config, const std::string& channel) {
  auto it = config.channels.find(channel);
  return it == config.channels.end() ? 0 : it->second.posts_per_hour;
}

json channel_json(const Config& config, const ChannelRun& c, std::int64_t now) {
  return {{"channel", c.channel},
          {"health", health_name(channel_health(c))},
          {"description", describe_channel_run(c, pph(config, c.channel), config.kiosk.time_zone, now)},
          {"queued", c.queued},
          {"delivered", c.delivered},
          {"retried", c.retried},
          {"parked", c.parked},
          {"answers", c.answers},
          {"wait", wait_name(c.wait)},
          {"wait_until", utc_or_empty(c.wait_until_ms)},
          {"waiting_rows", c.waiting_rows},
          {"failures", c.failures},
          {"circuit", c.circuit},
          {"last_error", c.last_error},
          {"last_error_explained", c.last_error.empty() ? std::string() : explain_error(c.last_error)},
          {"pending", c.pending},
          {"parked_total", c.parked_total},
          {"oldest_pending", utc_or_empty(c.oldest_pending_ms)},
          {"last_success", utc_or_empty(c.last_success_ms)},
          {"last_delivery", utc_or_empty(c.last_delivery_ms)}};
}

}  // namespace

int print_status(const Config& config, Outbox& outbox, bool as_json) {
  std::int64_t now = SystemClock::instance().now_ms();
  auto runs = outbox.runs(1);
  if (!runs) {
    std::cerr << "kioskctl: " << runs.error().message << "\n";
    return as_int(exit_code(runs.error()));
  }
  auto open = outbox.open_sync_requests();
  std::size_t open_requests = open ? *open : 0;
  const RunRecord* last = runs->empty() ? nullptr : &runs->front();
  const std::string& tz = config.kiosk.time_zone;
  if (as_json) {
    json j = {{"open_requests", open_requests}, {"last_run", nullptr}};
    if (last) {
      json channels = json::array();
      for (const auto& c : last->channels) channels.push_back(channel_json(config, c, now));
      j["last_run"] = {{"id", last->id},
                       {"source", last->source},
                       {"started", format_utc(last->started_ms)},
                       {"ended", format_utc(last->ended_ms)},
                       {"exit_code", last->exit_code},
                       {"error", last->error},
                       {"requests_answered", last->requests_answered},
                       {"channels", channels}};
    }
    std::cout << j.dump(2) << "\n";
    return as_int(ExitCode::ok);
  }
  if (!last) {
    fmt::print("No sync run recorded yet (is kiosk-sync running? `systemctl status kiosk-sync`).\n");
  } else {
    fmt::print("Last sync run  {} by {}, {:.1f} s, exit code {}\n", local_clock(last->ended_ms, tz, now), last->source,
               static_cast<double>(last->ended_ms - last->started_ms) / 1000.0, last->exit_code);
    if (!last->error.empty()) fmt::print("The run failed: {}\n", last->error);
    // Normal states first, then what needs a person, so the eye lands on the second list.
    std::vector<const ChannelRun*> attention;
    for (const auto& c : last->channels) {
      if (channel_health(c) == Health::attention) {
        attention.push_back(&c);
        continue;
      }
      fmt::print("  {:<10} {}\n", c.channel, describe_channel_run(c, pph(config, c.channel), tz, now));
    }
    if (attention.empty()) {
      fmt::print("Needs a person: nothing\n");
    } else {
      fmt::print("Needs a person:\n");
      for (const ChannelRun* c : attention)
        fmt::print("  {:<10} {}\n", c->channel, describe_channel_run(*c, pph(config, c->channel), tz, now));
    }
  }
  if (open_requests)
    fmt::print("\"Sync now\" asked {} time(s); the sync service has not answered yet.\n", open_requests);
  return as_int(ExitCode::ok);
}

}  // namespace kiosk
