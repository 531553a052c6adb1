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

# One style (.clang-format): the C++ sources are as clang-format writes them.
if [[ $# == 0 ]] && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  echo "=== format: clang-format --dry-run ==="
  git ls-files -z '*.cpp' '*.hpp' '*.h' | xargs -0 clang-format --dry-run --Werror
fi

# The sanitizer run (CMakePresets.json, test preset asan) leaves out five sweeps that take a third of its time and
# that the dev and noui runs measure in full, while shorter tests take the same code paths under the sanitizers:
#   - scrubber_eval_test's labelled parts 1 to 42 (42 × 5 s; the scrubber's unit tests, its evaluator test and
#     dev_set_meets_the_goal still run, and scrubber_fuzz feeds it hostile text under the same sanitizers);
#   - ui_layout_test.every_screen_every_panel_language_and_mode (370 s; ui_a11y_test and ui_screenshots_test draw
#     every screen in every language here);
#   - ui_text_field_test's thousand keystrokes in en, tr, pl and uk (4 × 40 s; nl and ar, left to right and right to
#     left, still run);
#   - the two kill soaks kioskctl_test.a_killed_submit_… and drain_test.thousand_… (150 s and 100 s;
#     outbox_test.survives_kill_during_commit and the powercut tests kill the same code here).
# Measured on a fresh clone of 30a7dd6 (2026-12-05): the asan tests took 1,166 s on two cores; these ones took 917 s
# of the 2,328 s of test time summed over both.
# The dev run leaves out the labelled parts one by one too (scrubber_eval_test.heldoutN_…, 42 × 5 s): the scrubber is
# the same code in the dev and noui builds, and the noui run measures every part (CI time, 2026-12-06).
for preset in "${presets[@]}"; do
  echo "=== ${preset}: configure + build ==="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j2
  if [[ $preset == noui ]]; then
    # The display-free build must not even look for the display stack, and it builds kiosk_core and its
    # tests (label core) without it: no SDL or ImGui symbol in the library, no SDL or ImGui library in a
    # program or core test, and no UI test registered. (grep without -q: an early exit would make the
    # writer fail with SIGPIPE, and pipefail would hide the match.)
    core_tests=$(ctest --test-dir build/noui -N -L '^core$' | sed -nE 's/^ *Test +#[0-9]+: ([a-z0-9_]+)\..*/\1/p' | sort -u)
    noui_fail() { echo "test.sh: the noui build $*" >&2; exit 1; }
    grep -qiE '^(SDL2_[A-Z_]*|IMGUI_[A-Z_]*):' build/noui/CMakeCache.txt && noui_fail "looked for SDL or ImGui"
    [[ -f build/noui/kiosk/libkiosk_core.a ]] || noui_fail "did not build kiosk_core"
    nm -u build/noui/kiosk/libkiosk_core.a | grep -iE 'SDL_|ImGui' >/dev/null && noui_fail "has SDL or ImGui in kiosk_core"
    [[ -n $core_tests ]] || noui_fail "has no kiosk_core tests"
    for bin in build/noui/sync/kioskctl $(printf 'build/noui/tests/kiosk/%s ' $core_tests); do
      ldd "$bin" | grep -iE 'sdl|imgui' >/dev/null && noui_fail "links SDL or ImGui into $bin"
    done
    ctest --test-dir build/noui -N -L '^ui$' | grep 'Total Tests: 0' >/dev/null || noui_fail "registers UI tests"
  fi
  echo "=== ${preset}: test (TZ=${test_tz[$preset]:-UTC}) ==="
  TZ="${test_tz[$preset]:-UTC}" ctest --preset "$preset"
  if [[ $preset == noui ]]; then
    # Every core test binary ran (the log of the run above).
    for t in $core_tests; do
      grep -qE "^[0-9]+/[0-9]+ Testing: ${t}\." build/noui/Testing/Temporary/LastTest.log \
        || noui_fail "did not run $t"
    done
    echo "test.sh: noui: kiosk_core and its tests ($(echo $core_tests)) built and ran without SDL or ImGui"
  fi
done
