// A program run in the background for the technician screen ("sync now" = kioskctl sync) and for printing
// receipts (lp), or a job of this process (start_job: "export queue to USB stick", see export.hpp). The UI polls result() each frame; on_done
// (called on the worker thread) lets the app wake its event loop.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::core {

struct CommandResult {
  int exit_code = -1;  // -1: could not start
  std::string output;  // stdout and stderr, last 4 KiB (a job's: its detail in English, for logs)
  // A job's outcome in words a person reads: a catalog key and its {name} values (catalog.hpp, fill);
  // empty when only `output` tells it.
  std::string key;
  std::vector<std::pair<std::string, std::string>> values;
};

class BackgroundCommand {
 public:
  BackgroundCommand() = default;
  BackgroundCommand(const BackgroundCommand&) = delete;
  BackgroundCommand& operator=(const BackgroundCommand&) = delete;
  ~BackgroundCommand();

  // False when one is still running. stdin_text is written to the program's standard input.
  bool start(std::vector<std::string> argv, std::function<void()> on_done = {}, std::string stdin_text = {});
  // The same for work done in this process on the background thread (the export to a USB stick).
  bool start_job(std::function<CommandResult()> job, std::function<void()> on_done = {});
  bool running() const;
  std::optional<CommandResult> result() const;

 private:
  mutable std::mutex m_mutex;
  std::thread m_thread;
  bool m_running = false;
  std::optional<CommandResult> m_result;
};

// Runs argv synchronously (same capture rules).
CommandResult run_command(const std::vector<std::string>& argv, const std::string& stdin_text = {});

}  // namespace kiosk::core
