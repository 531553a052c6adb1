#!/usr/bin/env bash
# Runs every libFuzzer target (tests/fuzz/<unit>_fuzz.cpp) for a number of executions and prints a report:
# target, executions, crashes found and what they were.
#   scripts/fuzz.sh                      10,000,000 executions of each target
#   scripts/fuzz.sh 1000000              another count
#   scripts/fuzz.sh 1000000 bundle_fuzz  only these targets
# Builds the fuzz preset (clang, address+undefined) first. New inputs go to build/fuzz/fuzz-corpus/<unit>/,
# crashing inputs to build/fuzz/fuzz-crashes/<unit>/ (reproduce: build/fuzz/tests/fuzz/<unit>_fuzz FILE).
# After a crash the target goes on with the executions left, up to 5 crashes per target.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-10000000}
shift || true
max_crashes=5

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j2
bin=build/fuzz/tests/fuzz
targets=("$@")
if [[ ${#targets[@]} == 0 ]]; then
  for f in "$bin"/*_fuzz; do targets+=("$(basename "$f")"); done
fi

export KIOSK_ASSETS_DIR=$PWD/assets
# Scratch files of the targets on tmpfs when there is one.
if [[ -d /dev/shm && -w /dev/shm ]]; then export TMPDIR=/dev/shm; fi
report=()
for t in "${targets[@]}"; do
  unit=${t%_fuzz}
  work=build/fuzz/fuzz-corpus/$unit
  crashes=build/fuzz/fuzz-crashes/$unit
  mkdir -p "$work" "$crashes"
  dict=tests/fuzz/json.dict
  [[ $unit == config || $unit == provision ]] && dict=tests/fuzz/toml.dict
  done_runs=0 found=0 kinds=() attempts=0 last_artifact=
  while (( done_runs < runs && found < max_crashes && attempts < max_crashes + 2 )); do
    attempts=$((attempts + 1))
    log=$(mktemp)
    set +e
    "$bin/$t" -runs=$((runs - done_runs)) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -dict="$dict" \
      -artifact_prefix="$crashes/" "$work" "tests/fuzz/corpus/$unit" >"$log" 2>&1
    rc=$?
    set -e
    n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    done_runs=$((done_runs + ${n:-0}))
    if (( rc != 0 )); then
      found=$((found + 1))
      what=$(grep -m1 -E "what\(\)|^SUMMARY:|ERROR: libFuzzer" "$log" | sed 's/^ *//' | cut -c1-160)
      artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
      kinds+=("$what -> ${artifact:-no artifact}")
      cp "$log" "$crashes/last-crash.log"
      # The same input again (a crash on a seed or on the empty input): going on would only repeat it.
      [[ -n $artifact && $artifact == "$last_artifact" ]] && { found=$((found - 1)); unset 'kinds[-1]'; rm -f "$log"; break; }
      last_artifact=$artifact
    fi
    rm -f "$log"
    (( rc == 0 )) && break
  done
  line=$(printf '%-24s %12d executions  %d crash(es)' "$t" "$done_runs" "$found")
  echo "$line"
  report+=("$line")
  for k in "${kinds[@]+"${kinds[@]}"}"; do report+=("    $k"); done
done

echo
echo "=== fuzz report: up to $runs executions per target ==="
printf '%s\n' "${report[@]}"
