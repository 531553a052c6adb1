// The technician screen's sync commands (see technician.hpp).
#include "kiosk/core/technician.hpp"

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

std::string sync_outcome_key(const CommandResult& r) {
  if (r.exit_code == kSyncNoService) return "tech.sync.no_service";
  if (r.exit_code == kSyncNoAnswer) return "tech.sync.no_answer";
  if (r.exit_code == as_int(ExitCode::ok)) return "tech.sync.ok";
  if (r.exit_code == as_int(ExitCode::waiting)) return "tech.sync.waiting";
  if (r.exit_code == as_int(ExitCode::channel)) return "tech.sync.attention";
  return "tech.sync.failed";
}

}  // namespace kiosk::core
