# Compiler flags shared by every kiosk target: warnings on, optional sanitizers.
add_library(kiosk_warnings INTERFACE)
target_compile_options(kiosk_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers
  # -Wshadow=local is GCC's spelling (clang, in the fuzz preset, warned about an unknown option on every file).
  # GCC 12 reports false positives through std::variant/std::optional at -O2 (GCC bug 105562 and kin).
  $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local -Wno-maybe-uninitialized>)
if(KIOSK_WERROR)
  target_compile_options(kiosk_warnings INTERFACE -Werror)
endif()

if(KIOSK_SANITIZE)
  add_compile_options(-fsanitize=${KIOSK_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${KIOSK_SANITIZE})
endif()

# libFuzzer build (preset `fuzz`, clang only): every library gets coverage instrumentation
# (-fsanitize=fuzzer-no-link) next to KIOSK_SANITIZE; the targets in tests/fuzz/ link libFuzzer's main
# (-fsanitize=fuzzer). A fuzz build tree builds the fuzz targets instead of the GoogleTest suite, which the
# other presets build and run.
option(KIOSK_BUILD_FUZZ "Build the libFuzzer targets (tests/fuzz) instead of the GoogleTest suite (clang)" OFF)
if(KIOSK_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "kiosk: KIOSK_BUILD_FUZZ needs clang (libFuzzer); use `cmake --preset fuzz`")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# Debug information compressed (zlib, SHF_COMPRESSED sections, read by gdb, addr2line and the sanitizers'
# symbolizers): the test programs each link the libraries with their debug information, and the four trees of
# scripts/test.sh took 19 GB uncompressed; a CI run failed with "No space left on device". A package build
# (KIOSK_PACKAGE_BUILD) is left as it was: its bytes are compared against the published source.
option(KIOSK_COMPRESS_DEBUG "Compress debug sections (-gz) in build trees" ON)
if(KIOSK_COMPRESS_DEBUG AND NOT KIOSK_PACKAGE_BUILD)
  include(CheckCXXSourceCompiles)
  set(CMAKE_REQUIRED_FLAGS "-g -gz")
  set(CMAKE_REQUIRED_LINK_OPTIONS "-gz")
  check_cxx_source_compiles("int main() { return 0; }" KIOSK_HAVE_GZ)
  unset(CMAKE_REQUIRED_FLAGS)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  if(KIOSK_HAVE_GZ)
    add_compile_options(-gz)
    add_link_options(-gz)
  endif()
endif()
