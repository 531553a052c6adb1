// kiosk-sync's structured journal entry per run (see journal.hpp).
#include "journal.hpp"

#include <cstdlib>

#ifdef KIOSK_HAVE_SYSTEMD
#include <sys/uio.h>
#include <syslog.h>
#include <systemd/sd-journal.h>

#include <cctype>
#include <string>
#include <vector>

#include <fmt/core.h>
#endif

namespace kiosk {

void journal_run(const RunRecord& run) {
#ifdef KIOSK_HAVE_SYSTEMD
  if (!std::getenv("INVOCATION_ID")) return;  // not a systemd service: the stderr lines are enough
  std::vector<std::string> fields = {fmt::format("MESSAGE=kiosk-sync run {}: exit code {}{}", run.id, run.exit_code,
                                                 run.error.empty() ? "" : ": " + run.error),
                                     fmt::format("PRIORITY={}",
                                                 run.exit_code == 0 || run.exit_code == 9 ? LOG_INFO : LOG_WARNING),
                                     fmt::format("KIOSK_SYNC_RUN_ID={}", run.id),
                                     fmt::format("KIOSK_SYNC_EXIT_CODE={}", run.exit_code),
                                     fmt::format("KIOSK_SYNC_DURATION_MS={}", run.ended_ms - run.started_ms)};
  for (const auto& c : run.channels) {
    std::string name;
    for (char ch : c.channel) name += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    fields.push_back(fmt::format("KIOSK_SYNC_{}_HEALTH={}", name, health_name(channel_health(c))));
    fields.push_back(fmt::format("KIOSK_SYNC_{}_DELIVERED={}", name, c.delivered));
    fields.push_back(fmt::format("KIOSK_SYNC_{}_PENDING={}", name, c.pending));
    fields.push_back(fmt::format("KIOSK_SYNC_{}_PARKED={}", name, c.parked_total));
    if (c.wait != Wait::none) fields.push_back(fmt::format("KIOSK_SYNC_{}_WAIT={}", name, wait_name(c.wait)));
  }
  std::vector<iovec> iov;
  for (auto& f : fields) iov.push_back({f.data(), f.size()});
  sd_journal_sendv(iov.data(), static_cast<int>(iov.size()));
#else
  (void)run;
#endif
}

}  // namespace kiosk
