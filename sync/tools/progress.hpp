// A one-line progress bar on stderr for long kioskctl operations; silent when stderr is not a terminal
// (scripts and logs get no carriage-return noise).
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>
#include <algorithm>

namespace kiosk::tools {

class ProgressBar {
 public:
  ProgressBar(std::string label, bool enabled) : m_label(std::move(label)), m_enabled(enabled && isatty(2)) {}
  ~ProgressBar() { finish(); }

  void update(std::size_t done, std::size_t total) {
    if (!m_enabled) return;
    auto now = std::chrono::steady_clock::now();
    if (done != total && now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    constexpr int kWidth = 30;
    int filled = total ? static_cast<int>(kWidth * done / total) : 0;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r%s [%s] %3d%% %zu/%zu", m_label.c_str(), bar.c_str(),
                 total ? static_cast<int>(100 * done / total) : 100, done, total);
    m_drawn = true;
  }
  void finish() {
    if (m_drawn) std::fputc('\n', stderr);
    m_drawn = false;
  }

 private:
  std::string m_label;
  bool m_enabled;
  bool m_drawn = false;
  std::chrono::steady_clock::time_point m_last{};
};

// One bar per line for several things at once (kioskctl sync: one per channel). Redraws in place with
// ANSI cursor movement; silent when stderr is not a terminal.
class MultiProgress {
 public:
  MultiProgress(std::vector<std::string> labels, bool enabled)
      : m_labels(std::move(labels)),
        m_done(m_labels.size(), 0),
        m_total(m_labels.size(), 0),
        m_note(m_labels.size()),
        m_enabled(enabled && isatty(2)) {}
  ~MultiProgress() { finish(); }

  void set(std::size_t i, std::size_t done, std::size_t total, std::string note = {}) {
    if (i >= m_labels.size()) return;
    m_done[i] = done;
    m_total[i] = total;
    m_note[i] = std::move(note);
    draw();
  }
  void finish() {
    if (m_drawn) draw(true);
    m_drawn = false;
  }

 private:
  void draw(bool force = false) {
    if (!m_enabled) return;
    auto now = std::chrono::steady_clock::now();
    if (!force && m_drawn && now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    if (m_drawn) std::fprintf(stderr, "\x1b[%zuA", m_labels.size());
    for (std::size_t i = 0; i < m_labels.size(); ++i) {
      constexpr int kWidth = 30;
      std::size_t total = m_total[i];
      int filled = total ? static_cast<int>(kWidth * std::min(m_done[i], total) / total) : kWidth;
      std::string bar(static_cast<std::size_t>(filled), '#');
      bar.resize(kWidth, '.');
      std::fprintf(stderr, "\r\x1b[2K%-10s [%s] %zu/%zu %s\n", m_labels[i].c_str(), bar.c_str(), m_done[i], total,
                   m_note[i].c_str());
    }
    m_drawn = true;
  }

  std::vector<std::string> m_labels;
  std::vector<std::size_t> m_done, m_total;
  std::vector<std::string> m_note;
  bool m_enabled;
  bool m_drawn = false;
  std::chrono::steady_clock::time_point m_last{};
};

}  // namespace kiosk::tools
