// Zeroing memory before release: see secure_memory.hpp.
#include "kiosk/sync/secure_memory.hpp"

#include <alloca.h>
#include <malloc.h>  // malloc_usable_size
#include <string.h>  // explicit_bzero

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdint>
#include <cstdlib>

#include "kiosk/sync/submission.hpp"

namespace kiosk {

void secure_zero(void* p, std::size_t n) noexcept {
  if (p && n) explicit_bzero(p, n);
}

void* secure_malloc(std::size_t n) noexcept { return std::malloc(n); }

void secure_free(void* p) noexcept {
  if (!p) return;
  secure_zero(p, malloc_usable_size(p));
  std::free(p);
}

void wipe(std::string& s) noexcept {
  // Up to the capacity: what a longer earlier value left behind the current end too.
  s.resize(s.capacity());  // no reallocation
  secure_zero(s.data(), s.size());
  s.clear();
}

void wipe(Submission& s) noexcept {
  for (std::string* f : {&s.uuid, &s.reference, &s.kiosk_id, &s.language, &s.time_zone, &s.category, &s.topic,
                         &s.poll_id, &s.poll_answer, &s.location.text, &s.text, &s.contact.email, &s.contact.phone})
    wipe(*f);
}

namespace {
// Zeroes n bytes of fresh stack below the caller's frame.
[[gnu::noinline]] void zero_below(std::size_t n) noexcept {
  auto* p = static_cast<unsigned char*>(alloca(n));
  explicit_bzero(p, n);
  asm volatile("" : : "r"(p) : "memory");
}
}  // namespace

void scrub_stack() noexcept {
  // The lowest address this thread's stack reached is the start of its mapping (the main thread's stack
  // grows on demand; pthread_getattr_np would give the whole rlimit and zeroing that would commit it).
  unsigned char here = 0;
  auto sp = reinterpret_cast<std::uintptr_t>(&here);
  std::uintptr_t lo = 0;
  if (std::FILE* maps = std::fopen("/proc/self/maps", "re")) {
    char line[512];
    while (std::fgets(line, sizeof line, maps)) {
      std::uintptr_t a = 0, b = 0;
      if (std::sscanf(line, "%" SCNxPTR "-%" SCNxPTR, &a, &b) == 2 && a <= sp && sp < b) {
        lo = a;
        break;
      }
    }
    std::fclose(maps);
  }
  // Room for zero_below's and explicit_bzero's own frames and a signal frame at the bottom; at most
  // 1 MiB (a thread's stack is mapped whole: zeroing all of it would commit it).
  constexpr std::uintptr_t kMargin = 16 * 1024, kMax = 1024 * 1024;
  if (lo == 0 || sp - lo <= kMargin + 4096) return;
  zero_below(std::min(sp - lo - kMargin, kMax));
}

}  // namespace kiosk
