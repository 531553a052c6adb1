// The sent journal (see sent_journal.hpp).
#include "kiosk/sync/sent_journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kiosk {

SentJournal::SentJournal(SentJournal&& o) noexcept : m_fd(o.m_fd) { o.m_fd = -1; }

SentJournal& SentJournal::operator=(SentJournal&& o) noexcept {
  if (this != &o) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = o.m_fd;
    o.m_fd = -1;
  }
  return *this;
}

SentJournal::~SentJournal() {
  if (m_fd >= 0) ::close(m_fd);
}

std::string SentJournal::current_boot_id() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id;
}

namespace {

// Parses a header line; 0 when it is not one of this format.
std::int64_t header_run(const std::string& line, std::string& boot) {
  std::istringstream head(line);
  std::string magic, run, boot_word;
  int version = 0;
  head >> magic >> version >> run >> boot_word;
  if (magic != "kiosk-sent-journal" || version != kSentJournalVersion || run.rfind("run=", 0) != 0 ||
      boot_word.rfind("boot=", 0) != 0)
    return 0;
  try {
    std::int64_t id = std::stoll(run.substr(4));
    boot = boot_word.substr(5);
    return id > 0 ? id : 0;
  } catch (...) {
    return 0;
  }
}

}  // namespace

SentJournal::Contents SentJournal::read(const std::filesystem::path& file, bool all_runs) {
  Contents out;
  std::ifstream in(file, std::ios::binary);
  if (!in) return out;
  std::string line;
  bool damaged = false;
  while (std::getline(in, line)) {
    // A last line without its newline was cut by the end of the file (a kill between two writes of a
    // record is not possible, but a full disk is): a cut record is ignored, a cut header voids.
    bool cut = in.eof();
    if (line.rfind("kiosk-sent-journal", 0) == 0) {
      std::string boot;
      std::int64_t run = cut ? 0 : header_run(line, boot);
      if (!all_runs) out.sent.clear();
      out.run_id = run;
      out.boot_id = run ? boot : "";
      damaged = run == 0;
      continue;
    }
    if (cut) break;
    std::istringstream rec(line);
    std::int64_t row = 0;
    std::string channel;
    if (!(rec >> row >> channel) || row <= 0) {
      damaged = true;  // the current run's records prove nothing
      continue;
    }
    out.sent.emplace(std::move(channel), row);
  }
  if (damaged && !all_runs) return Contents{};
  return out;
}

Result<SentJournal> SentJournal::start(const std::filesystem::path& file, std::int64_t run_id,
                                       std::string_view boot_id) {
  SentJournal j;
  // Earlier runs' sections stay (a technician can see what left when) until the file passes its cap.
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  bool keep = !ec && size < kSentJournalCapBytes;
  j.m_fd = ::open(file.c_str(), O_CREAT | (keep ? 0 : O_TRUNC) | O_WRONLY | O_APPEND | O_CLOEXEC, 0600);
  if (j.m_fd < 0)
    return make_error(Errc::io, "cannot create the sent journal " + file.string() + ": " + std::strerror(errno));
  std::string head = "kiosk-sent-journal " + std::to_string(kSentJournalVersion) + " run=" + std::to_string(run_id) +
                     " boot=" + std::string(boot_id.empty() ? "unknown" : boot_id) + "\n";
  if (::write(j.m_fd, head.data(), head.size()) != static_cast<ssize_t>(head.size()))
    return make_error(Errc::io, "cannot write the sent journal " + file.string() + ": " + std::strerror(errno));
  return j;
}

bool SentJournal::record(std::string_view channel, const std::vector<std::int64_t>& row_ids) noexcept {
  if (m_fd < 0) return false;
  char buf[4096];
  std::size_t n = 0;
  for (std::int64_t row : row_ids) {
    // One record: up to 20 digits, a space, the channel, a newline.
    if (n + 22 + channel.size() > sizeof buf) {
      if (::write(m_fd, buf, n) != static_cast<ssize_t>(n)) return false;
      n = 0;
    }
    std::string digits = std::to_string(row);
    std::memcpy(buf + n, digits.data(), digits.size());
    n += digits.size();
    buf[n++] = ' ';
    std::memcpy(buf + n, channel.data(), channel.size());
    n += channel.size();
    buf[n++] = '\n';
  }
  return n == 0 || ::write(m_fd, buf, n) == static_cast<ssize_t>(n);
}

}  // namespace kiosk
