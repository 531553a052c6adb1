// Memory that held a citizen's text is zeroed before it is given back (issue 14, "wipe for real").
//
// - secure_free(): free() that zeroes the whole block first (malloc_usable_size); for C libraries that take
//   allocation functions (zstd's ZSTD_customMem, Dear ImGui's SetAllocatorFunctions).
// - wipe(std::string&): zeroes the string's whole capacity (the short-string buffer inside the object too)
//   and empties it; wipe(Submission&) does that for every text field.
// - scrub_stack(): zeroes the unused part of this thread's stack below the caller, where returned calls
//   left their locals (short strings, fmt's inline buffers, copies made on the way to the outbox).
// A citizen's fields are TextBuffers (kiosk/core/text_buffer.hpp), zeroed in place. Every other copy is a
// std::string, json or fmt buffer on the heap, and the kiosk program zeroes every block operator delete
// frees (kiosk/app/secure_heap.cpp); wipe() is for the characters inside a live object.
#pragma once

#include <cstddef>
#include <string>

namespace kiosk {

struct Submission;

void secure_zero(void* p, std::size_t n) noexcept;  // explicit_bzero: not optimised away
void* secure_malloc(std::size_t n) noexcept;        // malloc, for symmetry with secure_free
void secure_free(void* p) noexcept;

void wipe(std::string& s) noexcept;
void wipe(Submission& s) noexcept;

void scrub_stack() noexcept;

}  // namespace kiosk
