// Fuzz target: the personal-data scrubber (sync/privacy/), which reads whatever a citizen types. Any
// exception or sanitizer report is a crash; so is a result that breaks the scrubber's promises: spans sorted,
// disjoint, inside the text and on character boundaries, the scrubbed text valid UTF-8.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "kiosk/sync/scrubber.hpp"
#include "kiosk/sync/utf8.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = kiosk::fuzz::text(data, size);
  const kiosk::ScrubResult r = kiosk::scrub_personal_data(text);
  if (!kiosk::valid_utf8(r.text)) std::abort();
  const auto boundary = [&](std::size_t i) {
    return i == 0 || i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ||
           !kiosk::decode_utf8(text, kiosk::utf8_prev(text, i)).valid;
  };
  std::size_t last = 0;
  for (const kiosk::PiiSpan& sp : r.found) {
    if (sp.begin < last || sp.begin >= sp.end || sp.end > text.size()) std::abort();
    if (!boundary(sp.begin) || !boundary(sp.end)) std::abort();
    last = sp.end;
  }
  return 0;
}
