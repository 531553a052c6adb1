// Reading a whole file the kiosk ships or is given (category tree, language catalogs, dictionaries).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "kiosk/sync/error.hpp"

namespace kiosk {

// The file's bytes, or Errc::io "<file>: cannot read <what>: <reason>".
Result<std::string> read_file(const std::filesystem::path& file, std::string_view what);

}  // namespace kiosk
