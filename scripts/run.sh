#!/usr/bin/env bash
# Runs the kiosk from a fresh Debian 12 machine: installs packages, builds, starts the program with
# the built-in demo configuration and a local outbox in ./kiosk-data/ (a window when there is a
# display). Extra arguments go to the kiosk, e.g. scripts/run.sh --fullscreen or --config FILE.
# With the demo configuration it also starts the demo municipality (demo-municipality serve: the four
# municipal APIs on 127.0.0.1, admin page http://127.0.0.1:18080/) and the sync service, and stops both
# when the kiosk exits. KIOSK_NO_DEMO=1 leaves them out.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset dev >/dev/null
cmake --build --preset dev -j2

demo=1
[[ -n "${KIOSK_CONFIG:-}" || -n "${KIOSK_NO_DEMO:-}" ]] && demo=0
for a in "$@"; do [[ "$a" == --config* ]] && demo=0; done
pids=()
stop_demo() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap stop_demo EXIT
if [[ $demo == 1 && -x build/dev/tests/demo-municipality && -x build/dev/sync/kiosk-sync ]]; then
  mkdir -p kiosk-data
  build/dev/tests/demo-municipality serve >kiosk-data/demo-municipality.log 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do grep -q admin kiosk-data/demo-municipality.log 2>/dev/null && break; sleep 0.1; done
  build/dev/sync/kiosk-sync >kiosk-data/kiosk-sync.log 2>&1 &
  pids+=($!)
  echo "run.sh: demo municipality at http://127.0.0.1:18080/ (or build/dev/tests/demo-municipality answer CODE \"text\");" \
    "logs in kiosk-data/" >&2
fi

if [[ -x build/dev/kiosk/app/kiosk ]]; then
  build/dev/kiosk/app/kiosk "$@"
  exit $?
fi
echo "run.sh: the touchscreen program is not built in this version; showing the outbox instead." >&2
build/dev/sync/kioskctl stats
