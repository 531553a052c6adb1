// Helpers for the tests that run the real kiosk program under Xvfb (xvfb_*_test.cpp): start and stop
// child processes with a log file, find a free X display, start Xvfb on it.
#pragma once

#include <fcntl.h>
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

inline int free_display() {
  for (int n = 91; n < 200; ++n) {
    std::string sock = "/tmp/.X11-unix/X" + std::to_string(n), lock = "/tmp/.X" + std::to_string(n) + "-lock";
    if (!std::filesystem::exists(sock) && !std::filesystem::exists(lock)) return n;
  }
  return -1;
}

// Xvfb on a free display, 1280x800x24. Returns the display number (e.g. 91), or -1 when it did not come up.
inline int start_xvfb(Proc& xvfb, const std::filesystem::path& log) {
  int display = free_display();
  if (display < 0) return -1;
  xvfb.pid = spawn({"Xvfb", ":" + std::to_string(display), "-screen", "0", "1280x800x24", "-nolisten", "tcp"}, {},
                   log.string());
  if (xvfb.pid <= 0) return -1;
  for (int i = 0; i < 100; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (std::filesystem::exists("/tmp/.X11-unix/X" + std::to_string(display))) return display;
  }
  return -1;
}

}  // namespace kiosk::test
