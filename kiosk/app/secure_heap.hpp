// The kiosk process's heap keeps nothing of a citizen once it is freed (issue 14): see secure_heap.cpp.
#pragma once

namespace kiosk {

// Call first thing in main (the privacy test calls it too).
void harden_heap() noexcept;

}  // namespace kiosk
