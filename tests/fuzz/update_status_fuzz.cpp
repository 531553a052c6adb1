// Fuzz target: the last update's status file (kiosk/core/update_status.hpp), written by kiosk-update as
// root on the data partition and read by the kiosk for the technician screen; display-free, compiled into
// this target. Parsed as written and after a valid header, so the fuzzer reaches the key=value lines; a
// status that parses must hold only what the screen may show (printable, bounded).
#include <cstdlib>

#include "fuzz_support.hpp"
#include "kiosk/core/update_status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = kiosk::fuzz::text(data, size);
  for (const std::string& file : {std::string(input), "kiosk-update-status 1\n" + std::string(input)}) {
    auto st = kiosk::core::parse_update_status(file);
    if (!st) continue;
    for (const std::string* v : {&st->version, &st->running, &st->slot, &st->reason}) {
      if (v->size() > 200) std::abort();
      for (unsigned char c : *v)
        if (c < 0x20 || c == 0x7f) std::abort();
    }
    (void)kiosk::core::update_event_key(st->event);
    (void)kiosk::core::update_reason_key(st->reason);
  }
  return 0;
}
