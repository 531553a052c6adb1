#!/usr/bin/env bash
# Installs every Debian 12 package the project needs, with apt-get only.
#   scripts/setup.sh          build + test dependencies, UI included
#   scripts/setup.sh --no-ui  only what kiosk_sync, kioskctl and their tests need
# Needs root (or sudo). Safe to run again: apt-get skips what is installed.
set -euo pipefail

with_ui=1
for arg in "$@"; do
  case "$arg" in
    --no-ui) with_ui=0 ;;
    *) echo "setup.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

core=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libsqlite3-dev sqlite3 libzstd-dev zstd uuid-dev
  nlohmann-json3-dev libcli11-dev libtomlplusplus-dev libfmt-dev libspdlog-dev
  libhowardhinnant-date-dev tzdata  # time zones (sync/model/time.cpp)
  libcurl4-openssl-dev libcpp-httplib-dev libssl-dev openssl
  libgtest-dev libgmock-dev libbenchmark-dev
  wrk
  clang libclang-rt-14-dev  # the fuzz preset: libFuzzer and clang's sanitizers
)
ui=(
  libsdl2-dev libimgui-dev libfribidi-dev libespeak-ng-dev espeak-ng libsystemd-dev
  fonts-noto-core fonts-dejavu-core
  xvfb xdotool x11-apps imagemagick
)

pkgs=("${core[@]}")
if [[ $with_ui == 1 ]]; then pkgs+=("${ui[@]}"); fi

SUDO=""
if [[ $(id -u) != 0 ]]; then SUDO="sudo"; fi

export DEBIAN_FRONTEND=noninteractive
# Skip the (slow) index refresh when everything is already there.
if dpkg-query -W -f='${Status}\n' "${pkgs[@]}" 2>/dev/null | grep -vq "install ok installed" \
   || [[ $(dpkg-query -W -f='${Status}\n' "${pkgs[@]}" 2>/dev/null | wc -l) -lt ${#pkgs[@]} ]]; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${pkgs[@]}"
fi
