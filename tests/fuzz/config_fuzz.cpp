// Fuzz target: the configuration and secrets files (sync/config/config.cpp). The input is parsed as a
// kiosk.toml (parse_config) and, written to a 0600 file, read as a secrets file (load_secrets_file);
// a configuration that parses is also checked against the secrets that did.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = kiosk::fuzz::text(data, size);
  auto cfg = kiosk::parse_config(in, "fuzz.toml", kiosk::fuzz::scratch_dir());
  auto secrets = kiosk::load_secrets_file(kiosk::fuzz::scratch_file("secrets.toml", in));
  if (cfg && secrets) (void)kiosk::check_secrets(*cfg, *secrets);
  if (cfg) (void)kiosk::route(*cfg, kiosk::Kind::question, true);
  return 0;
}
