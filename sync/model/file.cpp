#include "kiosk/sync/file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace kiosk {

Result<std::string> read_file(const std::filesystem::path& file, std::string_view what) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return make_error(Errc::io, fmt::format("{}: cannot read {}: {}", file.string(), what, std::strerror(errno)));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return make_error(Errc::io, fmt::format("{}: cannot read {}", file.string(), what));
  return bytes.str();
}

}  // namespace kiosk
