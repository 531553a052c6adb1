// kiosk-sync's metrics file (see metrics.hpp).
#include "metrics.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/core.h>

namespace kiosk {

namespace {

// A label value as the text format wants it: backslash, quote and newline escaped.
std::string label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

std::string seconds(std::int64_t ms) { return fmt::format("{:.3f}", static_cast<double>(ms) / 1000.0); }

}  // namespace

std::string format_metrics(const MetricsInput& in) {
  std::string out;
  family(out, "kiosk_sync_info", "gauge", "Version of kiosk-sync and the kiosk's id (always 1).");
  out += fmt::format("kiosk_sync_info{{version=\"{}\",kiosk=\"{}\"}} 1\n", label(in.version), label(in.kiosk_id));
  family(out, "kiosk_sync_outbox_bytes", "gauge", "Size of the outbox database and its write-ahead log.");
  out += fmt::format("kiosk_sync_outbox_bytes {}\n", in.outbox_bytes);
  if (in.disk_free_bytes >= 0) {
    family(out, "kiosk_sync_disk_free_bytes", "gauge", "Free space for the outbox (available to the service).");
    out += fmt::format("kiosk_sync_disk_free_bytes {}\n", in.disk_free_bytes);
    family(out, "kiosk_sync_disk_size_bytes", "gauge", "Size of the file system that holds the outbox.");
    out += fmt::format("kiosk_sync_disk_size_bytes {}\n", in.disk_size_bytes);
  }
  if (!in.run) return out;
  const RunRecord& r = *in.run;
  family(out, "kiosk_sync_last_run_timestamp_seconds", "gauge", "When the last sync run ended (unix time).");
  out += fmt::format("kiosk_sync_last_run_timestamp_seconds {}\n", seconds(r.ended_ms));
  family(out, "kiosk_sync_last_run_exit_code", "gauge",
         "Exit code of the last run: 0 ok, 8 a channel failed, 9 only waits left, others see README.");
  out += fmt::format("kiosk_sync_last_run_exit_code {}\n", r.exit_code);
  auto per_channel = [&](std::string_view name, std::string_view help, auto value) {
    family(out, name, "gauge", help);
    for (const auto& c : r.channels) out += fmt::format("{}{{channel=\"{}\"}} {}\n", name, label(c.channel), value(c));
  };
  per_channel("kiosk_sync_queue_depth", "Deliveries not yet delivered and not parked, per channel.",
              [](const ChannelRun& c) { return std::to_string(c.pending); });
  per_channel("kiosk_sync_oldest_pending_age_seconds", "Age of the oldest submission still pending (0: none).",
              [&](const ChannelRun& c) {
                return c.oldest_pending_ms ? seconds(in.now_ms - c.oldest_pending_ms) : "0";
              });
  per_channel("kiosk_sync_parked", "Parked deliveries: they wait for a technician (kioskctl list --state parked).",
              [](const ChannelRun& c) { return std::to_string(c.parked_total); });
  per_channel("kiosk_sync_last_delivery_timestamp_seconds",
              "When the channel last took a delivery (unix time; 0: never).",
              [](const ChannelRun& c) { return seconds(c.last_delivery_ms); });
  per_channel("kiosk_sync_last_run_delivered", "Deliveries the last run made, per channel.",
              [](const ChannelRun& c) { return std::to_string(c.delivered); });
  family(out, "kiosk_sync_channel_health", "gauge",
         "The channel's health after the last run: 1 for its state (ok, waiting, offline, attention).");
  for (const auto& c : r.channels)
    for (Health h : {Health::ok, Health::waiting, Health::offline, Health::attention})
      out += fmt::format("kiosk_sync_channel_health{{channel=\"{}\",state=\"{}\"}} {}\n", label(c.channel),
                         health_name(h), channel_health(c) == h ? 1 : 0);
  return out;
}

Result<void> write_metrics(const std::filesystem::path& dir, const MetricsInput& in) {
  std::string text = format_metrics(in);
  auto final_path = dir / "kiosk_sync.prom";
  // node-exporter reads only *.prom: the temporary name is ignored until the rename.
  auto tmp = dir / ("kiosk_sync.prom." + std::to_string(::getpid()) + ".tmp");
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Error{Errc::io, "cannot write " + tmp.string() + ": " + std::strerror(errno)};
  std::size_t off = 0;
  while (off < text.size()) {
    ssize_t n = ::write(fd, text.data() + off, text.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int e = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return Error{Errc::io, "cannot write " + tmp.string() + ": " + std::strerror(e)};
    }
    off += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (std::rename(tmp.c_str(), final_path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return Error{Errc::io, "cannot replace " + final_path.string() + ": " + std::strerror(e)};
  }
  return {};
}

}  // namespace kiosk
