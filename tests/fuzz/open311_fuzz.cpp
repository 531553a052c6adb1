// Fuzz target: the Open311 adapter's reading of server answers (sync/channels/open311.cpp). The input is the
// body of every answer, under each status the adapter tells apart (fuzz_support.hpp, ChannelWorld::drive).
// Any exception or sanitizer report is a crash: an odd answer must be a typed error on that delivery.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static kiosk::fuzz::ChannelWorld world("open311");
  world.drive(kiosk::fuzz::text(data, size));
  return 0;
}
