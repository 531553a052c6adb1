// kiosk-sync: the sync service. Runs the engine on a schedule (sync.interval_s), at once on SIGUSR1 or a
// datagram on its wake socket (wake.hpp: "sync now" from the technician screen, which adds a request row
// to the outbox first; such a run ignores backoff), and sooner when a channel's backoff ends (so a
// returning network is used within seconds, not at the next interval). SIGTERM/SIGINT end it after the
// current run. Every run leaves a run record in the outbox (run_record.hpp), which answers the open
// requests, and, with --metrics-dir, a metrics file for node-exporter's textfile collector (metrics.hpp). Logs go to stderr (journald) and never contain secrets or personal data: counts,
// channel names and error kinds only. A wait (paced, tally, backoff, circuit open) is logged as a state
// in its own words, not as an error. Exit codes: kiosk::ExitCode (error.hpp), shared with kioskctl.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "kiosk/sync/config.hpp"
#include "kiosk/sync/engine.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/run_record.hpp"
#include "kiosk/sync/setup.hpp"
#include "kiosk/sync/wake.hpp"
#include "journal.hpp"
#include "metrics.hpp"
#include "kiosk/sync/transport.hpp"
#include "kiosk/sync/wait.hpp"

using namespace kiosk;

namespace {

std::atomic<bool> g_stop{false};
std::atomic<bool> g_wake{false};

void on_signal(int sig) {
  if (sig == SIGUSR1) g_wake = true;
  else g_stop = true;
}

void log_report(const RunReport& r, const Config& config) {
  std::int64_t now = SystemClock::instance().now_ms();
  for (const auto& c : r.channels) {
    if (c.queued == 0 && c.delivered == 0 && c.retried == 0 && c.parked == 0 && c.answers == 0 && c.skipped.empty() &&
        c.wait == Wait::none)
      continue;
    std::string state;
    if (c.wait != Wait::none) {
      auto it = config.channels.find(c.channel);
      int pph = it != config.channels.end() ? it->second.posts_per_hour : 0;
      std::size_t rows = c.wait == Wait::tally ? c.deferred : 0;
      state = "; waiting, not failed: " +
              describe_wait(c.wait, c.wait_until_ms, c.failures, pph, rows, config.kiosk.time_zone, now);
    } else if (!c.skipped.empty()) {
      state = " (" + c.skipped + ")";
    }
    if (c.wait == Wait::none && !c.last_error.empty() && (c.retried > 0 || c.parked > 0))
      state += "; last error: " + explain_error(c.last_error);
    fmt::print(stderr, "kiosk-sync: {}: {} delivered, {} retry, {} parked, {} answers, circuit {}{}\n", c.channel,
               c.delivered, c.retried, c.parked, c.answers, c.circuit, state);
  }
}

// The newest run record and the outbox's size and disk as metrics (see metrics.hpp).
void export_metrics(const std::filesystem::path& dir, Outbox& box, const Config& config, const RunRecord& run) {
  MetricsInput in;
  in.version = KIOSK_VERSION;
  in.kiosk_id = config.kiosk.id;
  in.run = &run;
  in.now_ms = SystemClock::instance().now_ms();
  if (auto st = box.stats()) in.outbox_bytes = st->db_file_bytes + st->wal_file_bytes;
  std::error_code ec;
  auto space = std::filesystem::space(box.path().parent_path(), ec);
  if (!ec) {
    in.disk_free_bytes = static_cast<std::int64_t>(space.available);
    in.disk_size_bytes = static_cast<std::int64_t>(space.capacity);
  }
  if (auto r = write_metrics(dir, in); !r) fmt::print(stderr, "kiosk-sync: metrics: {}\n", r.error().message);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kiosk-sync: delivers the kiosk outbox to the municipality's systems"};
  app.set_version_flag("--version", std::string("kiosk-sync ") + KIOSK_VERSION);
  std::optional<std::string> config_path, db_path;
  bool once = false, quiet = false;
  int lease_s = 600, max_rounds = 100;
  std::int64_t backoff_ms = 5000, backoff_max_ms = 15 * 60'000, grace_ms = 120'000;
  app.add_option("--config", config_path, "Configuration file (TOML); else $KIOSK_CONFIG, else the demo");
  app.add_option("--db", db_path, "Outbox database (overrides storage.outbox)");
  app.add_flag("--once", once,
               fmt::format("One run, then exit (exit code {} when something failed, {} when only waits are left)",
                           as_int(ExitCode::channel), as_int(ExitCode::waiting)));
  app.add_option("--lease-s", lease_s, "Seconds after which an unanswered claim counts as lost")->capture_default_str();
  app.add_option("--backoff-ms", backoff_ms, "First backoff after a failed round, ms")->capture_default_str();
  app.add_option("--backoff-max-ms", backoff_max_ms, "Longest backoff of a channel or a delivery, ms")
      ->capture_default_str();
  app.add_option("--grace-ms", grace_ms, "Wait after an uncertain send before asking the server, ms")
      ->capture_default_str();
  app.add_option("--max-rounds", max_rounds, "Batches per channel in one run")->capture_default_str();
  app.add_flag("--quiet", quiet, "No per-run log lines");
  std::string metrics_dir;
  app.add_option("--metrics-dir", metrics_dir,
                 "Write kiosk_sync.prom here after every run (node-exporter's textfile collector directory)")
      ->envname("KIOSK_SYNC_METRICS_DIR");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? as_int(ExitCode::ok) : as_int(ExitCode::usage);
  }
  auto fail = [](const Error& e) {
    fmt::print(stderr, "kiosk-sync: {}\n", e.message);
    return as_int(exit_code(e));
  };

  std::optional<std::filesystem::path> cp;
  if (config_path) cp = *config_path;
  auto config = resolve_config(cp);
  if (!config) return fail(config.error());
  auto secrets = load_secrets_file(config->sync.secrets_file);
  if (!secrets) return fail(secrets.error());
  if (auto r = check_secrets(*config, *secrets); !r) return fail(r.error());
  auto opts = outbox_options(*config);
  if (!opts) return fail(opts.error());
  if (db_path) opts->path = *db_path;
  opts->in_flight_lease_ms = static_cast<std::int64_t>(lease_s) * 1000;
  opts->defer_fsync = true;  // the engine flushes before each send, off its I/O thread
  auto box = Outbox::open(*opts);
  if (!box) return fail(box.error());

  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGUSR1, &sa, nullptr);

  CurlOptions co;
  co.max_host_connections = config->sync.connections_per_host;
  CurlTransport transport(co);
  EngineOptions eo;
  eo.lanes_per_channel = config->sync.batches_in_flight;
  eo.backoff_base_ms = backoff_ms;
  eo.backoff_max_ms = std::max(backoff_ms, backoff_max_ms);
  eo.max_rounds = max_rounds;
  eo.uncertain_grace_ms = grace_ms;
  Engine engine(*config, *secrets, *box, transport, SystemClock::instance(), eo);
  // "Sync now" (a request row) tries every channel at once, like `kioskctl sync`; made at the first request.
  EngineOptions now_eo = eo;
  now_eo.ignore_backoff = true;
  std::optional<Engine> engine_now;
  std::optional<WakeSocket> wake_socket;
  if (!once) {
    if (auto w = WakeSocket::bind(wake_socket_path(box->path()))) wake_socket = std::move(*w);
    else fmt::print(stderr, "kiosk-sync: no wake socket, \"sync now\" waits for the next run: {}\n", w.error().message);
  }

  for (;;) {
    auto open_requests = box->open_sync_requests();
    bool requested = open_requests && *open_requests > 0;
    std::int64_t started = SystemClock::instance().now_ms();
    if (requested && !engine_now)
      engine_now.emplace(*config, *secrets, *box, transport, SystemClock::instance(), now_eo);
    auto report = (requested ? *engine_now : engine).run_once();
    std::int64_t ended = SystemClock::instance().now_ms();
    RunRecord record =
        report ? make_run_record(*report, started, ended) : make_failed_run_record(report.error(), started, ended);
    if (auto r = box->record_run(record); !r)
      fmt::print(stderr, "kiosk-sync: cannot record the run: {}\n", r.error().message);
    if (!metrics_dir.empty()) export_metrics(metrics_dir, *box, *config, record);
    journal_run(record);
    if (!report) {
      fmt::print(stderr, "kiosk-sync: {}: {}\n", errc_name(report.error().code), report.error().message);
      if (once) return as_int(exit_code(report.error()));
    } else if (!quiet) {
      log_report(*report, *config);
    }
    // The kiosk's own dictionary once it has enough submissions (a second or so, rarely): idle time here.
    if (auto trained = box->retrain_dictionary(); !trained)
      fmt::print(stderr, "kiosk-sync: dictionary retraining: {}\n", trained.error().message);
    else if (*trained != kNoDictionary && !quiet)
      fmt::print("kiosk-sync: new payload dictionary {} trained on this kiosk's submissions\n", *trained);
    if (once) return as_int(exit_code(*report));
    // A request made during the run (its wake-up came while we were busy): run again at once.
    if (auto open = box->open_sync_requests(); open && *open > 0) continue;
    // Sleep until the interval ends, a channel's backoff ends, or someone says "sync now".
    std::int64_t now = SystemClock::instance().now_ms();
    std::int64_t wake = now + static_cast<std::int64_t>(config->sync.interval_s) * 1000;
    // A channel's refresh (news: minutes for a crisis channel) may come due before the next round.
    wake = std::min(wake, std::max(now + 1000, engine.next_refresh_ms()));
    for (auto name : kChannelNames) {
      auto st = box->channel_state(name);
      if (st && st->not_before_ms > now) wake = std::min(wake, std::max(now + 1000, st->not_before_ms));
    }
    while (!g_stop && !g_wake && SystemClock::instance().now_ms() < wake) {
      if (wake_socket) {
        if (wake_socket->wait(200)) g_wake = true;
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    }
    g_wake = false;
    if (g_stop) return as_int(ExitCode::ok);
  }
}
