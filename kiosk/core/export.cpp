#include "kiosk/core/export.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "kiosk/sync/bundle.hpp"

namespace kiosk::core {

namespace {

// A mounted file system's root: another device than its parent directory's.
bool is_mount_point(const std::filesystem::path& dir) {
  struct stat self {
  }, parent{};
  if (::stat(dir.c_str(), &self) != 0 || !S_ISDIR(self.st_mode)) return false;
  if (::stat((dir / "..").c_str(), &parent) != 0) return false;
  return self.st_dev != parent.st_dev;
}

}  // namespace

std::filesystem::path find_usb_stick(const UsbPlaces& places) {
  std::error_code ec;
  for (const auto& root : places.roots) {
    for (const auto& user : std::filesystem::directory_iterator(root, ec))
      for (const auto& vol : std::filesystem::directory_iterator(user.path(), ec))
        if (is_mount_point(vol.path())) return vol.path();
  }
  if (!places.fixed.empty() && is_mount_point(places.fixed)) return places.fixed;
  return {};
}

CommandResult export_to_stick(Outbox& outbox, const std::string& kiosk_id, const std::filesystem::path& dir,
                              std::int64_t now_ms) {
  CommandResult r;
  auto file = dir / handover_file_name(kiosk_id, now_ms);
  auto st = export_handover(outbox, file, kiosk_id);
  if (!st) {
    r.exit_code = as_int(exit_code(st.error()));
    r.output = st.error().message;
    return r;
  }
  r.exit_code = as_int(ExitCode::ok);
  r.output = fmt::format("{} submissions handed over in {}: import it with `kioskctl import` where there is a network",
                         st->records, file.string());
  r.key = "tech.export.done";
  r.values = {{"n", std::to_string(st->records)}, {"file", file.filename().string()}};
  return r;
}

CommandResult import_from_stick(Outbox& outbox, const std::filesystem::path& dir) {
  CommandResult r;
  std::vector<std::filesystem::path> bundles;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file(ec) && name.rfind("kiosk-", 0) == 0 && e.path().extension() == ".kbundle")
      bundles.push_back(e.path());
  }
  if (ec) {
    r.exit_code = as_int(ExitCode::file);
    r.output = fmt::format("cannot read the USB stick {}: {}", dir.string(), ec.message());
    return r;
  }
  if (bundles.empty()) {
    r.exit_code = as_int(ExitCode::not_found);
    r.output = fmt::format("no hand-over bundle (kiosk-*.kbundle) on the USB stick {}", dir.string());
    r.key = "tech.import.none";
    return r;
  }
  std::sort(bundles.begin(), bundles.end());
  std::size_t added = 0, skipped = 0;
  for (const auto& b : bundles) {
    auto st = import_bundle(outbox, b);
    if (!st) {
      r.exit_code = as_int(exit_code(st.error()));
      r.output =
          fmt::format("{}: {} ({} submissions imported before it)", b.filename().string(), st.error().message, added);
      return r;
    }
    added += st->added;
    skipped += st->skipped;
  }
  r.exit_code = as_int(ExitCode::ok);
  r.output =
      fmt::format("{} submissions imported from {} bundles, {} were here already", added, bundles.size(), skipped);
  r.key = "tech.import.done";
  r.values = {{"n", std::to_string(added)},
              {"files", std::to_string(bundles.size())},
              {"known", std::to_string(skipped)}};
  return r;
}

CommandResult eject_stick(const UsbPlaces& places, std::int64_t timeout_ms) {
  CommandResult r;
  {
    std::ofstream request(places.eject_request);
    if (!request) {
      r.exit_code = as_int(ExitCode::file);
      r.output = fmt::format("cannot ask for the USB stick's removal ({})", places.eject_request.string());
      return r;
    }
  }
  using namespace std::chrono;
  auto deadline = steady_clock::now() + milliseconds(timeout_ms);
  while (!find_usb_stick(places).empty()) {
    if (steady_clock::now() >= deadline) {
      r.exit_code = as_int(ExitCode::file);
      r.output = "the USB stick is still in use: wait a moment and try again";
      r.key = "tech.eject.busy";
      return r;
    }
    std::this_thread::sleep_for(milliseconds(100));
  }
  r.exit_code = as_int(ExitCode::ok);
  r.key = "tech.eject.done";
  return r;
}

}  // namespace kiosk::core
