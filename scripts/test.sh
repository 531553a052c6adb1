#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs packages, builds, runs ctest.
#   scripts/test.sh            dev build (warnings as errors) + tests, the display-free build + tests,
#                              the address/undefined sanitizer build + tests, and the libFuzzer targets
#                              (clang) with a short run of each (scripts/fuzz.sh runs them long)
#   scripts/test.sh dev|noui|asan|fuzz   only that configuration
set -euo pipefail
cd "$(dirname "$0")/.."

presets=("$@")
if [[ ${#presets[@]} == 0 ]]; then presets=(dev noui asan fuzz); fi

bash scripts/setup.sh
# Prism (npm) serves the published API contracts for the conformance test; installs npm if missing.
bash scripts/prism-setup.sh

# Tests that need a display use Xvfb; make sure none leaks in from the caller.
unset DISPLAY || true

# Nothing may depend on the machine's time zone, so each configuration's tests run in another one: dev in
# Europe/Amsterdam (the kiosks' own, with DST), noui in Pacific/Auckland (across the date line, DST the
# other way round), the sanitizer build in UTC.
declare -A test_tz=([dev]=Europe/Amsterdam [noui]=Pacific/Auckland [asan]=UTC [fuzz]=UTC)

for preset in "${presets[@]}"; do
  echo "=== ${preset}: configure + build ==="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j2
  if [[ $preset == noui ]]; then
    # The display-free build must not even look for the display stack.
    if grep -qiE '^(SDL2_DIR|IMGUI_)' build/noui/CMakeCache.txt || ldd build/noui/sync/kioskctl | grep -qiE 'sdl|imgui'; then
      echo "test.sh: the noui build depends on SDL or ImGui" >&2
      exit 1
    fi
  fi
  echo "=== ${preset}: test (TZ=${test_tz[$preset]:-UTC}) ==="
  TZ="${test_tz[$preset]:-UTC}" ctest --preset "$preset"
done
