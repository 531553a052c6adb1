# CMake toolchain file: Debian multiarch cross build for arm64 (aarch64-linux-gnu) on an x86_64 Debian 12 host.
# No sysroot: Debian's cross gcc is configured --with-sysroot=/ --enable-multiarch and finds the arm64
# libraries installed as <pkg>:arm64 in /usr/lib/aarch64-linux-gnu and the shared headers in /usr/include.
# Mirrors what debhelper passes to CMake for a cross build (Debhelper/Buildsystem/cmake.pm): system name and
# processor, the triplet compilers, the triplet pkg-config and the multiarch libdir. Do not set
# CMAKE_FIND_ROOT_PATH: it would re-root searches away from the multiarch directories.
# scripts/cross-setup.sh installs everything this file refers to.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(PKG_CONFIG_EXECUTABLE /usr/bin/aarch64-linux-gnu-pkg-config CACHE FILEPATH "pkg-config for arm64")
set(PKGCONFIG_EXECUTABLE /usr/bin/aarch64-linux-gnu-pkg-config CACHE FILEPATH "pkg-config for arm64")
set(CMAKE_INSTALL_LIBDIR lib/aarch64-linux-gnu CACHE PATH "multiarch libdir")

# Tests (add_test, gtest_discover_tests) run arm64 binaries through qemu-user, called explicitly, so nothing
# depends on binfmt_misc being registered. The arm64 shared libraries are found by the emulated dynamic
# loader in the host's multiarch directories (/lib/ld-linux-aarch64.so.1 -> /usr/lib/aarch64-linux-gnu).
find_program(KIOSK_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64 PATHS /usr/bin NO_DEFAULT_PATH)
if(KIOSK_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${KIOSK_QEMU_AARCH64}" CACHE FILEPATH "runs arm64 test binaries")
endif()

# Programs (code generators, pkg-config) are the host's; libraries and headers come from the default
# search paths, which on Debian multiarch already hold the arm64 ones.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

