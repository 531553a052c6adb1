#!/usr/bin/env bash
# The USB stick on the appliance (issue 17), under qemu-system-aarch64 -M virt (emulated arm64, two boots of
# a few minutes each; by hand, not in scripts/test.sh). No root. The guest is off every network
# (scripts/qemu-firmware.sh: user network with restrict=on).
#
#   scripts/usb-boot-test.sh [IMAGE]          (default build/image/kiosk.img)
#
# A FAT32 stick image made with mkfs.fat (no root, no loop device) is plugged in as a virtual USB disk
# (qemu-xhci + usb-storage). Into a copy of the image's root slot A goes, with debugfs, a test unit
# (tests/appliance/data/usb-test-guest.sh, TEST ONLY) that presses the technician screen's actions as the
# user kiosk (`kiosk --technician ACTION`, the Session calls of the screen's buttons):
#   boot 1, kiosk A: the stick is mounted for the kiosk (udev + kiosk-usb-stick@.service), three
#     submissions, "sync now" answered by a run kiosk-sync recorded, "export queue to USB stick" (a
#     hand-over bundle on the stick), "remove USB stick safely" (unmounted);
#   host: the bundle is on the stick (mtools);
#   boot 2, kiosk B (a fresh copy of the image, the same stick): "import queue from USB stick", the three
#     submissions are there, "remove safely".
# Prints one PASS/FAIL line per check and the time of each boot; exit 0 when all pass.
# Environment: BOOT_TIMEOUT (seconds a boot may take, default 1500), QEMU_SMP (2).
set -euo pipefail
cd "$(dirname "$0")/.."
IMG=${1:-build/image/kiosk.img}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-1500}
W=$(dirname "$IMG")/usb-test
for t in qemu-system-aarch64 mcopy mdir mkfs.fat sfdisk debugfs e2fsck; do
  command -v "$t" >/dev/null || { echo "usb-boot-test.sh: $t missing (scripts/build-image.sh installs it as root)" >&2; exit 1; }
done
[[ -f $IMG ]] || { echo "usb-boot-test.sh: no image at $IMG (scripts/build-image.sh)" >&2; exit 1; }
rm -rf "$W"; mkdir -p "$W"
source scripts/qemu-firmware.sh
export E2FSPROGS_FAKE_TIME=${SOURCE_DATE_EPOCH:-1767225600}
FAILS=0
check() {  # PASS|FAIL name detail
  echo "usb-boot-test: $1 $2: $3"
  [[ $1 == PASS ]] || FAILS=$((FAILS + 1))
}

# A kiosk: a copy of the image, provisioned, with the guest side of the test in root slot A.
make_kiosk() {  # card
  cp --sparse=always "$IMG" "$1"
  mcopy -o -i "$(fw_fat "$1" 1)" firmware/kiosk-provision.example.toml ::kiosk-provision.toml
  part_dump "$1" 4 "$W/rootA.ext4"
  debugfs -w -f - "$W/rootA.ext4" >/dev/null 2>&1 <<CMDS
write tests/appliance/data/usb-test-guest.sh /usr/libexec/kiosk/kiosk-usb-test
sif /usr/libexec/kiosk/kiosk-usb-test mode 0100755
sif /usr/libexec/kiosk/kiosk-usb-test uid 0
sif /usr/libexec/kiosk/kiosk-usb-test gid 0
write $W/kiosk-usb-test.service /etc/systemd/system/kiosk-usb-test.service
sif /etc/systemd/system/kiosk-usb-test.service mode 0100644
sif /etc/systemd/system/kiosk-usb-test.service uid 0
sif /etc/systemd/system/kiosk-usb-test.service gid 0
symlink /etc/systemd/system/multi-user.target.wants/kiosk-usb-test.service /etc/systemd/system/kiosk-usb-test.service
CMDS
  e2fsck -fy "$W/rootA.ext4" >/dev/null 2>&1 || [[ $? -le 1 ]]
  cmp -s <(debugfs -R 'cat /usr/libexec/kiosk/kiosk-usb-test' "$W/rootA.ext4" 2>/dev/null) tests/appliance/data/usb-test-guest.sh ||
    { echo "usb-boot-test.sh: could not put the test into root slot A" >&2; exit 1; }
  part_put "$1" 4 "$W/rootA.ext4"
  rm -f "$W/rootA.ext4"
}
cat > "$W/kiosk-usb-test.service" <<'UNIT'
# TEST ONLY (scripts/usb-boot-test.sh)
[Unit]
Description=USB stick test (scripts/usb-boot-test.sh)
After=multi-user.target kiosk-boot-check.service
[Service]
Type=oneshot
ExecStart=/usr/libexec/kiosk/kiosk-usb-test
StandardOutput=journal+console
TimeoutStartSec=20min
[Install]
WantedBy=multi-user.target
UNIT

# boot CARD LOG CMDLINE: boots slot A with the stick until USB-TEST-DONE (or the timeout); prints its time.
boot() {
  local t0
  fw_select "$1"
  fw_load "$1" "$FW_PART" "$W"
  t0=$(date +%s)
  # shellcheck disable=SC2054  # (QEMU's own comma lists)
  fw_boot "$1" "$W" "$2" "$3" -device qemu-xhci -drive "if=none,id=stick,format=raw,file=$W/stick.img" \
    -device usb-storage,drive=stick
  while (( $(date +%s) - t0 < BOOT_TIMEOUT )); do
    kill -0 "$FW_QEMU_PID" 2>/dev/null || break
    grep -aq 'USB-TEST-DONE' "$2" 2>/dev/null && break
    sleep 3
  done
  kill "$FW_QEMU_PID" 2>/dev/null || true; wait "$FW_QEMU_PID" 2>/dev/null || true
  echo "usb-boot-test: $(basename "$2" .log): $(( $(date +%s) - t0 )) s;" \
    "$(grep -a -o -m1 -E 'KIOSK-BOOT-(OK|FAILED).*' "$2" | tr -d '\r' || echo 'no KIOSK-BOOT line')"
  grep -aq 'USB-TEST-DONE' "$2" || { tail -n 60 "$2" >&2; check FAIL "$(basename "$2" .log)" "no USB-TEST-DONE within ${BOOT_TIMEOUT}s"; }
  grep -a -E 'kiosk-usb-stick|USB-TEST(:| status)' "$2" | tr -d '\r' | sort -u | sed 's/^/    /' || true
}
guest_results() {  # log: the guest's USB-TEST-RESULT lines as checks
  local line
  while read -r line; do
    read -r _ verdict name detail <<<"$line"
    check "$verdict" "${name%:}" "$detail"
  done < <(grep -a -o -E 'USB-TEST-RESULT (PASS|FAIL) .*' "$1" | tr -d '\r' | sort -u -k3,3)
}

mkfs.fat -C -F 32 -n KIOSKUSB "$W/stick.img" $((64 * 1024)) >/dev/null
make_kiosk "$W/kioskA.img"
make_kiosk "$W/kioskB.img"

echo "usb-boot-test: boot 1, kiosk A: sync now, export to the stick, remove safely"
boot "$W/kioskA.img" "$W/boot1.log" "kiosk.usbtest=export"
guest_results "$W/boot1.log"
refs=$(grep -a -o -m1 -E 'USB-TEST-RESULT PASS submit: refs=[A-Za-z0-9,-]+' "$W/boot1.log" | sed 's/.*refs=//' || true)
bundles=$(mdir -b -i "$W/stick.img" :: 2>/dev/null | grep -c 'kiosk-.*\.kbundle$' || true)
if [[ $bundles == 1 ]]; then check PASS stick "the hand-over bundle is on the stick: $(mdir -b -i "$W/stick.img" :: | grep kbundle)"
else check FAIL stick "$bundles hand-over bundles on the stick"; fi

echo "usb-boot-test: boot 2, kiosk B: import from the stick"
boot "$W/kioskB.img" "$W/boot2.log" "kiosk.usbtest=import kiosk.usbrefs=$refs"
guest_results "$W/boot2.log"

if [[ $FAILS == 0 ]]; then echo "usb-boot-test: PASS"; exit 0; fi
echo "usb-boot-test: FAIL ($FAILS checks failed)"; exit 1
