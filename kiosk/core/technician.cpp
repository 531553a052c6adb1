// The technician screen's sync commands (see technician.hpp).
#include "kiosk/core/technician.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "kiosk/sync/wake.hpp"

namespace kiosk::core {

SyncView read_sync_view(Outbox& outbox) {
  SyncView v;
  auto runs = outbox.runs(1);
  if (!runs) {
    v.error = runs.error().message;
    return v;
  }
  if (auto open = outbox.open_sync_requests()) v.open_requests = *open;
  if (runs->empty()) return v;
  v.last_run = std::move(runs->front());
  for (const auto& c : v.last_run->channels) {
    SyncChannelLine l;
    l.channel = c.channel;
    l.health = channel_health(c);
    l.wait = c.wait;
    l.until_ms = c.wait_until_ms;
    l.since_ms = c.last_success_ms;
    l.pending = c.pending;
    l.parked = c.parked_total;
    l.delivered = c.delivered;
    l.waiting_rows = c.waiting_rows;
    l.failures = c.failures;
    if (!c.last_error.empty()) l.error = explain_error(c.last_error);
    v.channels.push_back(std::move(l));
  }
  return v;
}

SyncHistory read_sync_history(Outbox& outbox, std::int64_t now_ms, int hours) {
  SyncHistory h;
  constexpr std::int64_t kHour = 3600'000;
  const std::int64_t end = now_ms - now_ms % kHour + kHour;  // the current hour is the last bucket
  const std::int64_t start = end - std::int64_t{hours} * kHour;
  h.hours.resize(static_cast<std::size_t>(std::max(hours, 0)));
  for (std::size_t i = 0; i < h.hours.size(); ++i) h.hours[i].start_ms = start + std::int64_t(i) * kHour;
  // The records are kept 8 days (and the newest 100 always): every run of a week fits the limit.
  auto runs = outbox.runs(100'000, start - kHour);
  if (!runs) {
    h.error = runs.error().message;
    return h;
  }
  for (const RunRecord& r : *runs) {
    if (r.ended_ms < start || r.ended_ms >= end) continue;
    SyncHour& b = h.hours[static_cast<std::size_t>((r.ended_ms - start) / kHour)];
    std::int64_t queue = 0, parked = 0;
    for (const ChannelRun& c : r.channels) {
      queue += c.pending;
      parked += c.parked_total;
      b.delivered += c.delivered;
    }
    b.queue = std::max(b.queue, queue);
    b.parked = std::max(b.parked, parked);
    ++b.runs;
  }
  for (std::size_t i = 1; i < h.hours.size(); ++i)
    if (h.hours[i].runs == 0) {
      h.hours[i].queue = h.hours[i - 1].queue;
      h.hours[i].parked = h.hours[i - 1].parked;
    }
  for (const SyncHour& b : h.hours) {
    h.max_queue = std::max(h.max_queue, b.queue);
    h.max_delivered = std::max(h.max_delivered, b.delivered);
    h.max_parked = std::max(h.max_parked, b.parked);
  }
  return h;
}

CommandResult sync_now(Outbox& outbox, std::int64_t timeout_ms) {
  CommandResult r;
  auto id = outbox.request_sync();
  if (!id) {
    r.output = id.error().message;
    return r;
  }
  if (auto w = send_wake(wake_socket_path(outbox.path())); !w) {
    r.exit_code = kSyncNoService;
    r.output = w.error().message;
    return r;
  }
  using namespace std::chrono;
  auto deadline = steady_clock::now() + milliseconds(timeout_ms);
  while (steady_clock::now() < deadline) {
    auto req = outbox.sync_request(*id);
    if (req && *req && (*req)->run_id != 0) {
      auto runs = outbox.runs(20);
      if (runs)
        for (const auto& run : *runs)
          if (run.id == (*req)->run_id) {
            r.exit_code = run.exit_code;
            r.output = run.error;
            return r;
          }
      r.exit_code = 0;  // answered, and its record already pruned: nothing to tell
      return r;
    }
    std::this_thread::sleep_for(milliseconds(250));
  }
  r.exit_code = kSyncNoAnswer;
  return r;
}

bool start_sync_now(Outbox& outbox, BackgroundCommand& job, std::function<void()> on_done, std::int64_t timeout_ms) {
  Outbox* box = &outbox;  // thread-safe (outbox.hpp); the screen polls the job, not the outbox
  return job.start_job([box, timeout_ms] { return sync_now(*box, timeout_ms); }, std::move(on_done));
}

std::optional<TechAction> tech_action_named(std::string_view name) {
  if (name == "sync-now") return TechAction::sync_now;
  if (name == "export-usb") return TechAction::export_usb;
  if (name == "import-usb") return TechAction::import_usb;
  if (name == "eject-usb") return TechAction::eject_usb;
  return std::nullopt;
}

const char* tech_action_key(TechAction a) {
  switch (a) {
    case TechAction::sync_now: return "tech.sync_now";
    case TechAction::export_usb: return "tech.export";
    case TechAction::import_usb: return "tech.import";
    case TechAction::eject_usb: return "tech.eject";
  }
  return "tech.sync_now";
}

std::string tech_action_outcome(const Catalog& words, TechAction a, const CommandResult& r) {
  auto with_detail = [](std::string s, const std::string& detail) { return detail.empty() ? s : s + " " + detail; };
  if (a == TechAction::sync_now) return with_detail(words.get(sync_outcome_key(r)), r.output);
  const std::string& name = words.get(tech_action_key(a));
  if (!r.key.empty() && words.has(r.key)) return name + ": " + fill(words.get(r.key), r.values);
  if (r.exit_code == 0) return name + ": " + words.get("tech.done_ok");
  return name + ": " + with_detail(words.get("tech.done_fail"), r.output);
}

std::string sync_outcome_key(const CommandResult& r) {
  if (r.exit_code == kSyncNoService) return "tech.sync.no_service";
  if (r.exit_code == kSyncNoAnswer) return "tech.sync.no_answer";
  if (r.exit_code == as_int(ExitCode::ok)) return "tech.sync.ok";
  if (r.exit_code == as_int(ExitCode::waiting)) return "tech.sync.waiting";
  if (r.exit_code == as_int(ExitCode::channel)) return "tech.sync.attention";
  return "tech.sync.failed";
}

}  // namespace kiosk::core
