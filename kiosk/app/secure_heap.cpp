// Freed heap memory keeps nothing of a citizen (issue 14). Three layers, for what each covers:
//
// - C++ (std::string, nlohmann::json, fmt, vectors: every copy of a citizen's text the program makes):
//   operator delete is replaced here and zeroes the whole block before free(). glibc's own M_PERTURB
//   would not do: blocks up to 1032 bytes go to the per-thread cache (tcache) unperturbed, and those are
//   exactly the short strings (a question, an e-mail address) that matter.
// - C libraries: zstd and Dear ImGui get zeroing allocation functions (secure_free, secure_memory.hpp);
//   for the rest (SQLite, SDL) mallopt(M_PERTURB) fills freed blocks outside tcache. SQLite only ever
//   sees the compressed payload.
// - Under AddressSanitizer (which owns malloc and operator delete) its own options do the same: every
//   freed block filled with zero bytes (free_fill_byte=0, max_free_fill_size unlimited).
//
// The replacement lives in its own library (kiosk_secure_heap), linked into the program and its privacy
// test (tests/kiosk/ui_session_wipe_test.cpp) only: the other tools keep glibc's plain delete.
#include "secure_heap.hpp"

#include <malloc.h>
#include <string.h>  // explicit_bzero

#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define KIOSK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KIOSK_ASAN 1
#endif
#endif

namespace kiosk {

void harden_heap() noexcept {
#ifndef KIOSK_ASAN
  // Freed blocks outside tcache are filled with 0xa5 (new ones with 0x5a: uninitialised reads show).
  mallopt(M_PERTURB, 0xa5);
#endif
}

}  // namespace kiosk

#ifdef KIOSK_ASAN

extern "C" const char* __asan_default_options() { return "free_fill_byte=0:max_free_fill_size=2147483647"; }

#else

namespace {
void zero_and_free(void* p) noexcept {
  if (!p) return;
  explicit_bzero(p, malloc_usable_size(p));
  std::free(p);
}
}  // namespace

// libstdc++'s operator new (plain and aligned) allocates with malloc / aligned_alloc: free() is right.
void operator delete(void* p) noexcept { zero_and_free(p); }
void operator delete[](void* p) noexcept { zero_and_free(p); }
void operator delete(void* p, std::size_t) noexcept { zero_and_free(p); }
void operator delete[](void* p, std::size_t) noexcept { zero_and_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { zero_and_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { zero_and_free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { zero_and_free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { zero_and_free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { zero_and_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { zero_and_free(p); }

#endif
