#!/usr/bin/env bash
# Boot smoke test of the appliance image under qemu-system-aarch64 -M virt with Debian's arm64 kernel (the
# kernel and initramfs are read from the image's boot partition). Slow (emulated arm64): not part of
# scripts/test.sh. Run after scripts/build-image.sh:
#
#   scripts/boot-test.sh [IMAGE]          (default build/image/kiosk.img)
#
# Works on a sparse copy of the image: puts a provisioning file (firmware/kiosk-provision.example.toml) on
# the boot partition, boots with SDL_VIDEODRIVER=dummy (no display in QEMU), and waits for the line that
# kiosk-boot-check.service prints on the serial console:
#   KIOSK-BOOT-OK kiosk=active kiosk-sync=active provisioned=yes provision-file=absent root=ro uptime=…
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
for t in qemu-system-aarch64 mcopy od; do
  command -v "$t" >/dev/null || { echo "boot-test.sh: $t missing (scripts/build-image.sh installs it as root)" >&2; exit 1; }
done

cp --sparse=always "$IMG" "$W/test.img"
# First partition's start sector, from the MBR (offset 446 + 8, little endian).
start=$(od -A n -t u4 -j 454 -N 4 "$W/test.img" | tr -d ' ')
FAT="$W/test.img@@$((start * 512))"
export MTOOLS_SKIP_CHECK=1
kernel=$(mdir -b -i "$FAT" :: | sed -n 's#^::/##p' | grep '^vmlinuz-' | head -1)
initrd=$(mdir -b -i "$FAT" :: | sed -n 's#^::/##p' | grep '^initrd.img-' | head -1)
mcopy -i "$FAT" "::$kernel" "$W/vmlinuz"
mcopy -i "$FAT" "::$initrd" "$W/initrd.img"
if [[ $BAD == 1 ]]; then
  cp tests/appliance/data/bad-provision.toml "$W/kiosk-provision.toml"
else
  cp firmware/kiosk-provision.example.toml "$W/kiosk-provision.toml"
fi
mcopy -o -i "$FAT" "$W/kiosk-provision.toml" ::kiosk-provision.toml

echo "boot-test: booting $IMG ($kernel) under qemu-system-aarch64 -M virt, serial log $W/serial.log"
t0=$(date +%s)
qemu-system-aarch64 -M virt -cpu cortex-a57 -smp "$QEMU_SMP" -m 2048 -display none -monitor none \
  -serial "file:$W/serial.log" -no-reboot \
  -kernel "$W/vmlinuz" -initrd "$W/initrd.img" \
  -append "root=LABEL=root ro console=ttyAMA0 systemd.setenv=SDL_VIDEODRIVER=dummy systemd.show_status=yes systemd.journald.forward_to_console=1" \
  -drive "file=$W/test.img,format=raw,if=none,id=hd,cache=unsafe" -device virtio-blk-pci,drive=hd \
  -netdev user,id=n0 -device virtio-net-pci,netdev=n0,romfile= &
qpid=$!
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
