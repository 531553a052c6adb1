// Helpers for the tests that run the real kiosk program under Xvfb (xvfb_*_test.cpp): start and stop
// child processes with a log file, start Xvfb on a display of its own choosing.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "kiosk/core/command.hpp"

extern char** environ;

namespace kiosk::test {

inline bool in_path(const std::string& prog) {
  return core::run_command({"sh", "-c", "command -v " + prog}).exit_code == 0;
}

inline pid_t spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
                   const std::string& log) {
  std::vector<std::string> env_s;
  // The headless harness set SDL_VIDEODRIVER=dummy in this process: overridden variables are replaced.
  for (char** e = environ; *e; ++e) {
    std::string_view v(*e);
    bool overridden = v.rfind("SDL_VIDEODRIVER=", 0) == 0;
    for (const auto& x : extra_env)
      if (v.substr(0, v.find('=') + 1) == std::string_view(x).substr(0, x.find('=') + 1)) overridden = true;
    if (!overridden) env_s.emplace_back(v);
  }
  for (const auto& e : extra_env) env_s.push_back(e);
  std::vector<char*> env, args;
  for (auto& e : env_s) env.push_back(e.data());
  env.push_back(nullptr);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&fa);
  return rc == 0 ? pid : -1;
}

inline void stop(pid_t pid) {
  if (pid <= 0) return;
  kill(pid, SIGTERM);
  for (int i = 0; i < 50; ++i) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

struct Proc {
  pid_t pid = -1;
  ~Proc() { stop(pid); }
};

// Xvfb, 1280x800x24, on a display it chooses itself (-displayfd): two tests started at once never share one
// (choosing a free number here and starting Xvfb on it raced: both tests saw the same number free, the
// second Xvfb failed on the lock, and its kiosk opened in the first test's display). Returns the display
// number (0 and up), or -1 when it did not come up within 10 s.
inline int start_xvfb(Proc& xvfb, const std::filesystem::path& log) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return -1;
  constexpr int kChildFd = 3;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  posix_spawn_file_actions_adddup2(&fa, fds[1], kChildFd);  // dup2 clears close-on-exec on the copy
  std::vector<std::string> argv = {"Xvfb",      "-displayfd", std::to_string(kChildFd), "-screen", "0", "1280x800x24",
                                   "-nolisten", "tcp"};
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, "Xvfb", &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return -1;
  }
  xvfb.pid = pid;
  // Xvfb writes the number and a newline once it accepts connections.
  std::string number;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline && number.find('\n') == std::string::npos) {
    pollfd p{fds[0], POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char buf[32];
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n <= 0) break;  // Xvfb exited without a display
    number.append(buf, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  if (number.find('\n') == std::string::npos) return -1;
  try {
    return std::stoi(number);
  } catch (...) {
    return -1;
  }
}

}  // namespace kiosk::test
