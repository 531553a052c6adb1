#!/usr/bin/env bash
# Boot smoke test of the appliance image under qemu-system-aarch64 -M virt with Debian's arm64 kernel (the
# kernel, initramfs and command line are read from the boot partition of the slot autoboot.txt names, by
# the firmware stand-in scripts/qemu-firmware.sh). The guest is off every network (restrict=on). Slow
# (emulated arm64): not part of scripts/test.sh. Run after scripts/build-image.sh:
#
#   scripts/boot-test.sh [IMAGE]          (default build/image/kiosk.img)
#
# Works on a sparse copy of the image: puts a provisioning file (firmware/kiosk-provision.example.toml) on
# the boot partition, boots with SDL_VIDEODRIVER=dummy (no display in QEMU), and waits for the line that
# kiosk-boot-check.service prints on the serial console:
#   KIOSK-BOOT-OK kiosk=active kiosk-sync=active provisioned=yes provision-file=absent root=ro uptime=… slot=A …
# Exit 0 when it appears with both services active, the provisioning applied and its file removed.
# Also checks that a provisioning file with an error is rejected and left in place: --bad.
# Environment: BOOT_TIMEOUT (seconds, default 1200), QEMU_SMP (2). Needs no root.
set -euo pipefail
cd "$(dirname "$0")/.."
BAD=0
IMG=""
for a in "$@"; do
  case "$a" in
    --bad) BAD=1 ;;
    -*) echo "boot-test.sh: unknown option $a" >&2; exit 2 ;;
    *) IMG=$a ;;
  esac
done
IMG=${IMG:-build/image/kiosk.img}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-1200}
QEMU_SMP=${QEMU_SMP:-2}
W=$(dirname "$IMG")/boot-test
rm -rf "$W"; mkdir -p "$W"
for t in qemu-system-aarch64 mcopy sfdisk; do
  command -v "$t" >/dev/null || { echo "boot-test.sh: $t missing (scripts/build-image.sh installs it as root)" >&2; exit 1; }
done

cp --sparse=always "$IMG" "$W/test.img"
source scripts/qemu-firmware.sh
FAT=$(fw_fat "$W/test.img" 1)
if [[ $BAD == 1 ]]; then
  cp tests/appliance/data/bad-provision.toml "$W/kiosk-provision.toml"
else
  cp firmware/kiosk-provision.example.toml "$W/kiosk-provision.toml"
fi
mcopy -o -i "$FAT" "$W/kiosk-provision.toml" ::kiosk-provision.toml

fw_select "$W/test.img"
fw_load "$W/test.img" "$FW_PART" "$W"
echo "boot-test: booting $IMG (boot partition $FW_PART) under qemu-system-aarch64 -M virt, serial log $W/serial.log"
t0=$(date +%s)
fw_boot "$W/test.img" "$W" "$W/serial.log" ""
qpid=$FW_QEMU_PID
trap 'kill $qpid 2>/dev/null || true' EXIT
result=""
while (( $(date +%s) - t0 < BOOT_TIMEOUT )); do
  if ! kill -0 $qpid 2>/dev/null; then result="qemu exited"; break; fi
  if [[ $BAD == 1 ]] && grep -aq 'kiosk-provision: .*kiosk-provision.toml:[0-9]*:' "$W/serial.log" 2>/dev/null; then
    sleep 5; result=$(grep -a 'kiosk-provision\.toml:[0-9]*:' "$W/serial.log" | head -3); break
  fi
  line=$(grep -a -o -m1 -E 'KIOSK-BOOT-(OK|FAILED).*' "$W/serial.log" 2>/dev/null | tr -d '\r' || true)
  if [[ -n $line ]]; then result=$line; break; fi
  sleep 2
done
t1=$(date +%s)
kill $qpid 2>/dev/null || true; wait $qpid 2>/dev/null || true
trap - EXIT
echo "boot-test: after $((t1 - t0)) s: ${result:-timeout}"
if [[ $BAD == 1 ]]; then
  # The rejected file must still be on the FAT partition, with the error file beside it.
  still=$(mdir -b -i "$FAT" :: | grep -c 'kiosk-provision.toml$' || true)
  mcopy -i "$FAT" ::kiosk-provision-errors.txt "$W/errors.txt" 2>/dev/null || true
  [[ -s $W/errors.txt ]] && { echo "--- kiosk-provision-errors.txt:"; cat "$W/errors.txt"; }
  if [[ -n $result && $still == 1 ]]; then echo "boot-test: PASS (bad file rejected with its line and kept)"; exit 0; fi
  echo "boot-test: FAIL"; exit 1
fi
if [[ $result == KIOSK-BOOT-OK*kiosk=active*kiosk-sync=active*provisioned=yes*provision-file=absent* ]]; then
  echo "boot-test: PASS"
  exit 0
fi
tail -n 80 "$W/serial.log" >&2
echo "boot-test: FAIL" >&2
exit 1
