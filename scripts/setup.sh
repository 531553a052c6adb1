#!/usr/bin/env bash
# Installs every Debian 12 package the project needs, with apt-get only.
#   scripts/setup.sh          build + test dependencies, UI included
#   scripts/setup.sh --no-ui  only what kiosk_sync, kioskctl and their tests need
# Needs root (or sudo). Safe to run again: apt-get skips what is installed.
set -euo pipefail

source "$(dirname "$0")/setup-common.sh" "$@"

core=(
  build-essential cmake ninja-build pkg-config ca-certificates
  libsqlite3-dev libzstd-dev uuid-dev
  libhowardhinnant-date-dev tzdata  # time zones (sync/model/time.cpp)
  nlohmann-json3-dev libcli11-dev libtomlplusplus-dev libfmt-dev
  libcurl4-openssl-dev libcpp-httplib-dev libssl-dev
  libgtest-dev
  libstb-dev fonts-dejavu-core  # the tests' ESC/POS decoder renders slips to PNG (tests/support/escpos_decoder.hpp)
  libpng-dev  # tests/kiosk/mbtiles_test makes its map tiles
  prometheus  # promtool: tests/sync/metrics_test checks the metrics file and the alert rules
  wrk
  clang libclang-rt-14-dev clang-format
  # tests/appliance: update bundles (rauc bundle runs mksquashfs), partitions, the image's layout (stage 3)
  rauc squashfs-tools fdisk e2fsprogs genimage dosfstools mtools fakeroot bmap-tools
)
ui=(
  libsdl2-dev libimgui-dev libfribidi-dev libsystemd-dev libespeak-ng-dev
  fonts-noto-core
  xvfb xdotool
)

pkgs=("${core[@]}")
if [[ $with_ui == 1 ]]; then pkgs+=("${ui[@]}"); fi

# Skip the (slow) index refresh when everything is already there.
if dpkg-query -W -f='${Status}\n' "${pkgs[@]}" 2>/dev/null | grep -vq "install ok installed" \
   || [[ $(dpkg-query -W -f='${Status}\n' "${pkgs[@]}" 2>/dev/null | wc -l) -lt ${#pkgs[@]} ]]; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${pkgs[@]}"
fi
