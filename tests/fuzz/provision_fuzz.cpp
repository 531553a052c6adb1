// Fuzz target: the first-boot provisioning file (firmware/provision/provision.cpp): the split into
// configuration, secrets and provisioning parts, and the whole validation against a scratch root.
// Nothing is applied.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "provision.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // validate() copies the secrets to a private directory; keep those under this process's scratch dir.
  ::setenv("KIOSK_PROVISION_TMPDIR", kiosk::fuzz::scratch_dir().c_str(), 1);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string in(kiosk::fuzz::text(data, size));
  (void)kiosk::provision::split_provision_file(in);
  kiosk::provision::Options options;
  options.root = kiosk::fuzz::scratch_dir() / "root";
  kiosk::provision::Plan plan;
  (void)kiosk::provision::validate(kiosk::fuzz::scratch_file("kiosk-provision.toml", in), options, &plan);
  return 0;
}
