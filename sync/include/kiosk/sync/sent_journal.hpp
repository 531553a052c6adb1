// The sent journal: which claimed deliveries a sync run handed to a socket.
//
// A claim is made durable before anything of it is sent, so after a kill or a power cut every claim
// left in flight may have reached the server: on Signalen, which offers no lookup, that meant parking
// reports that had never left the kiosk. The journal tells the two apart. Just before a request's first
// byte goes to its connection (CURLOPT_PREREQFUNCTION through HttpRequest::on_send), the run appends the
// request's deliveries to this file with one write(). The file is not fsynced: a killed process's
// writes are in the page cache and survive it; a power cut (a new boot) may lose them, so the journal is
// trusted only within the boot that wrote it (the kernel's boot id is in its header).
//
// Format 1, text, one record a line; each run appends its own section (the file starts afresh once it
// passes kSentJournalCapBytes at a run's start):
//   kiosk-sent-journal 1 run=<run id> boot=<boot id>
//   <submission row id> <channel>
//   ...
// A record that cannot be written aborts its request before it is sent, so whatever the journal does
// not list certainly did not leave.
#pragma once

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/sync/error.hpp"

namespace kiosk {

inline constexpr int kSentJournalVersion = 1;
inline constexpr std::uintmax_t kSentJournalCapBytes = 1 << 20;

class SentJournal {
 public:
  // What a finished (or killed) run's journal says.
  struct Contents {
    std::int64_t run_id = 0;  // 0: no usable journal (missing, unknown version, torn header)
    std::string boot_id;
    std::set<std::pair<std::string, std::int64_t>> sent;  // (channel, submission row id)
  };
  // The last run's section (all_runs: every send the file still holds, with the last run's id; for
  // technicians and tests). A damaged last section, or a cut header, proves nothing (run_id 0).
  static Contents read(const std::filesystem::path& file, bool all_runs = false);
  // The kernel's id of the current boot (/proc/sys/kernel/random/boot_id), "" when unknown.
  static std::string current_boot_id();

  SentJournal() = default;
  SentJournal(SentJournal&&) noexcept;
  SentJournal& operator=(SentJournal&&) noexcept;
  ~SentJournal();

  // Starts a run's section.
  static Result<SentJournal> start(const std::filesystem::path& file, std::int64_t run_id, std::string_view boot_id);
  // Appends the deliveries of one request. False when it could not be written: the request must not
  // be sent (the journal then no longer proves anything about it).
  bool record(std::string_view channel, const std::vector<std::int64_t>& row_ids) noexcept;
  bool is_open() const { return m_fd >= 0; }

 private:
  int m_fd = -1;
};

}  // namespace kiosk
