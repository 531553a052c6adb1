#!/bin/sh
# Guest side of scripts/usb-boot-test.sh (TEST ONLY: written into a copy of the image's root slot by that
# script, never part of an image). Runs after kiosk-boot-check.service; presses the technician screen's
# actions as the user kiosk through the kiosk program (`kiosk --technician ACTION`: the Session calls the
# screen's buttons make) and prints one USB-TEST-RESULT line per check on the console:
#   kiosk.usbtest=export  three submissions, "sync now" answered by a recorded run, the stick mounted for
#                         the kiosk, "export queue" (hand-over bundle on the stick), "remove safely"
#   kiosk.usbtest=import  the stick mounted, "import queue", the submissions kiosk.usbrefs=R1,R2,... here
mode=$(sed -n 's/.*kiosk\.usbtest=\([a-z]*\).*/\1/p' /proc/cmdline)
refs=$(sed -n 's/.*kiosk\.usbrefs=\([A-Za-z0-9,-]*\).*/\1/p' /proc/cmdline | tr ',' ' ')
set -a
# shellcheck disable=SC1091  # (the appliance's)
. /etc/kiosk/kiosk.env
set +a
DB=/var/lib/kiosk/outbox.sqlite
as_kiosk() { runuser -u kiosk -g kiosk -- "$@"; }
tech() { as_kiosk kiosk --config /etc/kiosk/kiosk.toml --technician "$1"; }
ctl() { as_kiosk kioskctl --config /etc/kiosk/kiosk.toml --db "$DB" "$@"; }
result() { echo "USB-TEST-RESULT $1 $2: $3"; }
stick() { findmnt -rn -o TARGET,SOURCE,FSTYPE,OPTIONS | grep '^/run/media/kiosk/' | head -1; }

i=0
while [ $i -lt 120 ] && [ -z "$(stick)" ]; do sleep 1; i=$((i + 1)); done
m=$(stick)
if [ -n "$m" ]; then result PASS mount "after ${i}s: $m"; else result FAIL mount "no stick under /run/media/kiosk after ${i}s"; fi

case "$mode" in
  export)
    ctl synth -n 3 > /tmp/synth.jsonl
    new=$(ctl submit /tmp/synth.jsonl | xargs | tr ' ' ',')
    if [ "$(echo "$new" | tr ',' ' ' | wc -w)" = 3 ]; then result PASS submit "refs=$new"; else result FAIL submit "kioskctl submit: $new"; fi
    t0=$(date +%s)
    out=$(tech sync-now 2>&1); rc=$?
    # The run's own exit code (0 ok, 8 a channel failed: the guest is offline, 9 waiting); 11: no answer
    # in time, 12: kiosk-sync does not listen (kiosk/app/main.cpp, technician_action).
    if [ $rc -le 9 ]; then result PASS sync-now "run recorded after $(( $(date +%s) - t0 ))s, exit $rc: $out"
    else result FAIL sync-now "exit $rc: $out"; fi
    ctl status 2>&1 | head -20 | sed 's/^/USB-TEST status: /'
    out=$(tech export-usb 2>&1); rc=$?
    f=$(find /run/media/kiosk/ -mindepth 2 -maxdepth 2 -name 'kiosk-*.kbundle' | head -1)
    if [ $rc = 0 ] && [ -n "$f" ]; then result PASS export "$out ($(stat -c %s "$f") bytes)"; else result FAIL export "exit $rc: $out"; fi
    parked=$(ctl list 2>/dev/null | grep -c parked)
    echo "USB-TEST: deliveries listed as parked after the hand-over: $parked"
    out=$(tech eject-usb 2>&1); rc=$?
    if [ $rc = 0 ] && [ -z "$(stick)" ]; then result PASS eject "$out"; else result FAIL eject "exit $rc: $out; still: $(stick)"; fi
    ;;
  import)
    out=$(tech import-usb 2>&1); rc=$?
    if [ $rc = 0 ]; then result PASS import "$out"; else result FAIL import "exit $rc: $out"; fi
    missing=""
    for r in $refs; do ctl show "$r" >/dev/null 2>&1 || missing="$missing $r"; done
    if [ -n "$refs" ] && [ -z "$missing" ]; then result PASS imported "every exported submission is here: $refs"
    else result FAIL imported "missing:${missing:- (no refs given)}"; fi
    out=$(tech eject-usb 2>&1); rc=$?
    if [ $rc = 0 ] && [ -z "$(stick)" ]; then result PASS eject "$out"; else result FAIL eject "exit $rc: $out"; fi
    ;;
esac
echo "USB-TEST-DONE"
