#!/usr/bin/env bash
# Installs what the arm64 cross build needs on an x86_64 Debian 12 machine, from Debian's archive only:
# the arm64 architecture (multiarch), crossbuild-essential-arm64, the arm64 -dev packages of the build,
# and qemu-user-static (runs the arm64 tests; binfmt_misc is NOT needed: CMake calls the emulator itself).
#   scripts/cross-setup.sh          display-free build + tests, plus the UI's arm64 -dev packages
#   scripts/cross-setup.sh --no-ui  only what kiosk_sync, kioskctl, kiosk-sync and their tests need
# Needs root (or sudo). Safe to run again.
set -euo pipefail

source "$(dirname "$0")/setup-common.sh" "$@"

# Host tools, the arch-independent headers the build shares with the native build, and packaging
# (CPack DEB: file, dpkg-shlibdeps; fakeroot for the clean-root install check).
host=(
  build-essential cmake ninja-build pkg-config file
  crossbuild-essential-arm64 qemu-user-static
  nlohmann-json3-dev libcli11-dev
  dpkg-dev fakeroot
  fonts-dejavu-core  # glyphs of the slips the tests render
)
# arm64 libraries and -dev packages (Multi-Arch: same, co-installable with the amd64 ones).
a=(
  pkgconf libsqlite3-dev libzstd-dev uuid-dev libfmt-dev libtomlplusplus-dev libhowardhinnant-date-dev
  libcurl4-openssl-dev libssl-dev libcpp-httplib-dev libgtest-dev
  libstb-dev  # the core tests' ESC/POS decoder (tests/support/escpos_decoder.hpp)
)
ui=(libsdl2-dev libimgui-dev libfribidi-dev libsystemd-dev libespeak-ng-dev)

if [[ $with_ui == 1 ]]; then a+=("${ui[@]}"); fi
arm64=()
for p in "${a[@]}"; do arm64+=("$p:arm64"); done

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  $SUDO dpkg --add-architecture arm64
  need_update=1
fi
pkgs=("${host[@]}" "${arm64[@]}")
missing=$(dpkg-query -W -f='${db:Status-Abbrev}${binary:Package}\n' "${pkgs[@]}" 2>/dev/null | grep -vc '^ii ' || true)
installed=$(dpkg-query -W -f='${db:Status-Abbrev}\n' "${pkgs[@]}" 2>/dev/null | grep -c '^ii ' || true)
if [[ ${need_update:-0} == 1 || $missing != 0 || $installed -lt ${#pkgs[@]} ]]; then
  $SUDO apt-get update
  # The -dev packages must be the same version for amd64 and arm64 (Multi-Arch: same); apt picks the
  # archive's current one for both, upgrading an older amd64 copy if needed.
  $SUDO apt-get install -y --no-install-recommends "${pkgs[@]}"
fi

# Sanity: the cross compiler and pkg-config wrapper are there; qemu runs arm64 code without binfmt.
aarch64-linux-gnu-g++ --version | head -1
/usr/bin/aarch64-linux-gnu-pkg-config --modversion sqlite3 >/dev/null
/usr/bin/qemu-aarch64-static --version | head -1
