// Metrics of kiosk-sync for Prometheus, through node-exporter's textfile collector (Debian's
// prometheus-node-exporter reads /var/lib/prometheus/node-exporter/*.prom): after every run, the newest
// run record (run_record.hpp) and the outbox's size and free space, written atomically (a temporary file
// in the same directory, then rename) so the collector never reads half a file. Names and what they
// mean: the HELP lines in metrics.cpp; the alert rules in firmware/prometheus/kiosk-alerts.rules.yml.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "kiosk/sync/error.hpp"
#include "kiosk/sync/run_record.hpp"

namespace kiosk {

struct OutboxStats;

struct MetricsInput {
  std::string version;
  std::string kiosk_id;
  const RunRecord* run = nullptr;  // the newest run
  std::int64_t outbox_bytes = 0;   // database and its log
  std::int64_t disk_free_bytes = -1;
  std::int64_t disk_size_bytes = -1;
  std::int64_t now_ms = 0;
};

// The exposition text (Prometheus text format 0.0.4).
std::string format_metrics(const MetricsInput& in);
// Writes it to dir/kiosk_sync.prom atomically.
Result<void> write_metrics(const std::filesystem::path& dir, const MetricsInput& in);

}  // namespace kiosk
