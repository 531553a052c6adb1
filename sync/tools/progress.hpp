// A one-line progress bar on stderr for long kioskctl operations; silent when stderr is not a terminal
// (scripts and logs get no carriage-return noise).
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

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

}  // namespace kiosk::tools
