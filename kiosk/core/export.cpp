#include "kiosk/core/export.hpp"

#include <fmt/format.h>

#include "kiosk/sync/bundle.hpp"

namespace kiosk::core {

std::filesystem::path find_usb_stick() {
  std::error_code ec;
  for (const char* root : {"/media", "/run/media"}) {
    for (const auto& user : std::filesystem::directory_iterator(root, ec))
      for (const auto& vol : std::filesystem::directory_iterator(user.path(), ec))
        if (vol.is_directory(ec)) return vol.path();
  }
  if (std::filesystem::is_directory("/mnt/usb", ec)) return "/mnt/usb";
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
  return r;
}

}  // namespace kiosk::core
