#include "kiosk/core/command.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace kiosk::core {

CommandResult run_command(const std::vector<std::string>& argv, const std::string& stdin_text) {
  CommandResult r;
  if (argv.empty()) return r;
  int out[2], in[2];
  if (pipe2(out, O_CLOEXEC) != 0) return r;
  if (pipe2(in, O_CLOEXEC) != 0) {
    close(out[0]);
    close(out[1]);
    return r;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, out[1], 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(in[0]);
  close(out[1]);
  if (rc != 0) {
    close(in[1]);
    close(out[0]);
    r.output = std::string("cannot start ") + argv[0] + ": " + std::strerror(rc);
    return r;
  }
  if (!stdin_text.empty()) {
    std::size_t off = 0;
    while (off < stdin_text.size()) {
      ssize_t n = write(in[1], stdin_text.data() + off, stdin_text.size() - off);
      if (n <= 0) break;
      off += static_cast<std::size_t>(n);
    }
  }
  close(in[1]);
  char buf[4096];
  for (;;) {
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    r.output.append(buf, static_cast<std::size_t>(n));
    if (r.output.size() > 8192) r.output.erase(0, r.output.size() - 4096);
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  if (r.output.size() > 4096) r.output.erase(0, r.output.size() - 4096);
  return r;
}

BackgroundCommand::~BackgroundCommand() {
  if (m_thread.joinable()) m_thread.join();
}

bool BackgroundCommand::start(std::vector<std::string> argv, std::function<void()> on_done, std::string stdin_text) {
  std::lock_guard lock(m_mutex);
  if (m_running) return false;
  if (m_thread.joinable()) m_thread.join();
  m_running = true;
  m_result.reset();
  m_thread =
      std::thread([this, argv = std::move(argv), on_done = std::move(on_done), stdin_text = std::move(stdin_text)] {
        CommandResult r = run_command(argv, stdin_text);
        {
          std::lock_guard lock2(m_mutex);
          m_result = std::move(r);
          m_running = false;
        }
        if (on_done) on_done();
      });
  return true;
}

bool BackgroundCommand::start_job(std::function<CommandResult()> job, std::function<void()> on_done) {
  std::lock_guard lock(m_mutex);
  if (m_running) return false;
  if (m_thread.joinable()) m_thread.join();
  m_running = true;
  m_result.reset();
  m_thread = std::thread([this, job = std::move(job), on_done = std::move(on_done)] {
    CommandResult r = job();
    {
      std::lock_guard lock2(m_mutex);
      m_result = std::move(r);
      m_running = false;
    }
    if (on_done) on_done();
  });
  return true;
}

bool BackgroundCommand::running() const {
  std::lock_guard lock(m_mutex);
  return m_running;
}

std::optional<CommandResult> BackgroundCommand::result() const {
  std::lock_guard lock(m_mutex);
  return m_result;
}

}  // namespace kiosk::core
