#!/usr/bin/env bash
# A failed trial boot, end to end through kiosk-update (firmware/image/overlay/usr/sbin) and kiosk-boot-slot
# as the units call them, with a USB stick still plugged in: install, trial boot whose kiosk never draws
# (deadline, mark-bad, reboot), the firmware's fallback to the old slot. That boot must say
# KIOSK-UPDATE-FALLBACK, remember the version on the data partition and not install the stick's bundle
# again; a technician may still install it explicitly. Also: a trial reset before it decided, an install
# with --no-reboot (no trial yet: no fallback), a good trial and the stick afterwards in the same boot.
# Stand-ins for the counterparts only, first on PATH: rauc (the custom-backend calls RAUC makes:
# install = set-state bad + set-primary; status mark-good/mark-bad = set-state of the booted slot; info =
# the bundle's version), systemctl (records reboots; kiosk.service active or not), mount/umount (the stick
# is a directory). The "firmware" between boots is the QEMU test's rule (scripts/qemu-firmware.sh):
# the flag file kiosk-tryboot selects [tryboot] once, otherwise [all] of autoboot.txt.
#   update_fallback_test.sh WORKDIR
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
W=${1:?work directory}
rm -rf "$W"; mkdir -p "$W/boot" "$W/data" "$W/bin" "$W/stick" "$W/mnt"
source "$REPO/tests/appliance/support.sh"
need_tools awk od
UPDATE=$REPO/firmware/image/overlay/usr/sbin/kiosk-update
export KIOSK_BOOT_DIR=$W/boot KIOSK_CMDLINE=$W/cmdline KIOSK_DT_BOOTLOADER=$W/no-device-tree
export KIOSK_BOOT_SLOT=$REPO/firmware/image/overlay/usr/libexec/kiosk/kiosk-boot-slot
export KIOSK_UPDATE_STATE_DIR=$W/data RAUC_CONF=$REPO/firmware/image/overlay/etc/rauc/system.conf
export KIOSK_UPDATE_KEYRING=$W/keyring.pem KIOSK_IMAGE_VERSION_FILE=$W/version KIOSK_UPDATE_USB_MNT=$W/mnt
export STANDIN_LOG=$W/calls.txt KIOSK_UPDATE_STATUS_FILE=$W/kiosk-update.status
echo "test keyring" > "$W/keyring.pem"
cp "$REPO/firmware/image/autoboot.txt" "$W/boot/autoboot.txt"

cat > "$W/bin/rauc" <<'SH'
#!/bin/sh
# rauc stand-in: [-c CONF] [--keyring K] COMMAND ...
while [ $# -gt 0 ]; do case "$1" in -c|--keyring) shift 2 ;; --*) shift ;; *) break ;; esac; done
echo "rauc $*" >> "$STANDIN_LOG"
booted=$(sed -n 's/.*rauc\.slot=\([A-Z]\).*/\1/p' "$KIOSK_CMDLINE")
other() { [ "$1" = A ] && echo B || echo A; }
case "$1" in
  info) v=$(sed -n 's/^version=//p' "$3"); [ -n "$v" ] || { echo "not a bundle" >&2; exit 1; }
        printf '{"compatible":"townhall-kiosk-arm64","version":"%s"}\n' "$v" ;;
  install) t=$(other "$booted"); sh "$KIOSK_BOOT_SLOT" set-state "$t" bad && sh "$KIOSK_BOOT_SLOT" set-primary "$t" ;;
  status) case "${2:-}" in
            mark-good) sh "$KIOSK_BOOT_SLOT" set-state "$booted" good ;;
            mark-bad) sh "$KIOSK_BOOT_SLOT" set-state "$booted" bad ;;
            *) echo "booted: $booted" ;;
          esac ;;
esac
SH
cat > "$W/bin/systemctl" <<'SH'
#!/bin/sh
echo "systemctl $*" >> "$STANDIN_LOG"
case "$*" in
  *reboot*) : ;;
  "show -p Type --value kiosk.service") echo notify ;;
  *is-active*) [ "${STANDIN_KIOSK_DRAWS:-0}" = 1 ] ;;
esac
SH
printf '#!/bin/sh\necho "mount $*" >> "$STANDIN_LOG"\neval "dev=\\${$(($#-1))} mnt=\\${$#}"\ncp "$dev"/* "$mnt"/\n' > "$W/bin/mount"
printf '#!/bin/sh\necho "umount $*" >> "$STANDIN_LOG"\nrm -f "$1"/*\n' > "$W/bin/umount"
chmod +x "$W/bin/"*
export PATH=$W/bin:$PATH

update() { sh "$UPDATE" "$@" 2>&1; }
# firmware VERSION_OF_A VERSION_OF_B: picks the slot like the Pi firmware / the QEMU stand-in, "boots" it.
declare -A VERSION
firmware() {
  local part trial=""
  if [[ -e $W/boot/kiosk-tryboot ]]; then
    rm -f "$W/boot/kiosk-tryboot"; trial=1
    part=$(awk '/^\[/ { s = $0 } s == "[tryboot]" && /^boot_partition=/ { sub(/.*=/, ""); print }' "$W/boot/autoboot.txt")
  else
    part=$(awk '/^\[/ { s = $0 } s == "[all]" && /^boot_partition=/ { sub(/.*=/, ""); print }' "$W/boot/autoboot.txt")
  fi
  BOOTED=$([[ $part == 2 ]] && echo A || echo B)
  echo "console=ttyAMA0 ro rauc.slot=$BOOTED kiosk.trial_timeout=${TRIAL:-0}${trial:+ kiosk.tryboot=1}" > "$W/cmdline"
  echo "${VERSION[$BOOTED]}" > "$W/version"
  : > "$STANDIN_LOG"
}
calls() { cat "$STANDIN_LOG"; }
expect() { [[ $2 == "$3" ]] || fail "$1: '$2', expected '$3'"; }
bundle() { echo "version=$1" > "$W/stick/kiosk-$1.raucb"; }
# The technician screen's status file (kiosk/core/update_status.hpp): event, version, running, slot; 0644.
status_is() {  # event version running
  local f=$KIOSK_UPDATE_STATUS_FILE
  [[ -f $f ]] || fail "no update status file"
  expect "status header" "$(head -n 1 "$f")" "kiosk-update-status 1"
  expect "status event" "$(sed -n 's/^event=//p' "$f")" "$1"
  expect "status version" "$(sed -n 's/^version=//p' "$f")" "$2"
  expect "status running" "$(sed -n 's/^running=//p' "$f")" "$3"
  expect "status slot" "$(sed -n 's/^slot=//p' "$f")" "$BOOTED"
  grep -Eq '^time=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' "$f" || fail "status time: $(cat "$f")"
  expect "status mode" "$(stat -c %a "$f")" 644
}

# --- The kiosk as flashed: 2.0 on slot A. A stick with the broken 3.0 is plugged in. -------------------------
VERSION=([A]=2.0 [B]=2.0)
firmware; expect "first boot" "$BOOTED" A
[[ -z $(update mark-good) ]] || fail "an ordinary first boot reports something"
bundle 3.0-broken
out=$(update usb "$W/stick"); echo "$out"
[[ $out == *"installing 3.0-broken"* ]] || fail "usb: $out"
calls | grep -qx 'systemctl reboot' || fail "no reboot into the trial: $(calls)"
[[ -e $W/boot/kiosk-tryboot && -f $W/data/trial-started ]] || fail "the trial was not armed and noted"
status_is installed 3.0-broken 2.0
VERSION[B]=3.0-broken

# --- Trial boot of B: the kiosk never draws; the deadline (0 s here) marks B bad and reboots. -------------
firmware; expect "trial boot" "$BOOTED" B
grep -q 'kiosk.tryboot=1' "$W/cmdline" || fail "not a trial boot"
out=$(update mark-good); echo "$out"
[[ $out == *"KIOSK-UPDATE-TRIAL-FAILED"* ]] || fail "trial: $out"
calls | grep -qx 'rauc status mark-bad' || fail "the trial did not mark its slot bad: $(calls)"
calls | grep -qx 'systemctl reboot' || fail "the failed trial did not reboot"

# --- The firmware falls back to A, the stick is still in: recorded once, not installed again. ------------------
firmware; expect "after the failed trial" "$BOOTED" A
out=$(update mark-good); echo "$out"
[[ $out == *"KIOSK-UPDATE-FALLBACK: the update to 3.0-broken (slot B) failed its trial boot"* ]] ||
  fail "no fallback record on the boot after the failed trial: '$out'"
expect "failed versions" "$(cat "$W/data/failed-versions")" 3.0-broken
[[ ! -e $W/data/pending-version && ! -e $W/data/trial-started ]] || fail "the trial's notes are left over"
status_is fallback 3.0-broken 2.0
expect "state of B" "$(sh "$KIOSK_BOOT_SLOT" get-state B)" bad
out=$(update usb "$W/stick"); echo "$out"
[[ $out == *"3.0-broken failed its trial boot here before: not installed again"* ]] || fail "usb after the fallback: $out"
calls | grep -q '^rauc install\|reboot' && fail "the failed bundle was installed again: $(calls)"
status_is fallback 3.0-broken 2.0   # not replaced by the stick's skip
[[ -z $(update mark-good) ]] || fail "a second boot reports the fallback again"
out=$(update status); echo "$out"
[[ $out == *"failed their trial here"*"3.0-broken"* ]] || fail "status does not name the failed version: $out"

# --- A trial reset before it decided (power cut, hang): the firmware's flag is spent, A boots again. -----------
bundle 3.1
out=$(update usb "$W/stick"); [[ $out == *"installing 3.1"* ]] || fail "usb 3.1: $out"
VERSION[B]=3.1
firmware; expect "trial of 3.1" "$BOOTED" B   # ... and the power goes off before mark-good decides
firmware; expect "after the reset" "$BOOTED" A
out=$(update mark-good); echo "$out"
[[ $out == *"KIOSK-UPDATE-FALLBACK: the update to 3.1 (slot B) failed its trial boot"* ]] || fail "reset trial: $out"
expect "pending after the reset trial" "$(sh "$KIOSK_BOOT_SLOT" get-pending)" ""
expect "failed versions" "$(tr '\n' ' ' < "$W/data/failed-versions")" "3.0-broken 3.1 "

# --- A technician installs 3.0-broken on purpose, without a restart: no trial yet, so no fallback. ---------
out=$(update install --no-reboot "$W/stick/kiosk-3.0-broken.raucb"); echo "$out"
[[ $out == *"installed 3.0-broken"*"kiosk-update trial"* ]] || fail "explicit install of a failed version: $out"
calls | grep -q reboot && fail "--no-reboot rebooted"
firmware; expect "ordinary restart after --no-reboot" "$BOOTED" A
out=$(update mark-good); echo "$out"
[[ $out == *"waits for its trial"* && $out != *FALLBACK* ]] || fail "--no-reboot install taken for a fallback: $out"
# ... then started by hand, and it fails again: recorded (once).
out=$(update trial); echo "$out"
calls | grep -qx 'systemctl reboot' || fail "kiosk-update trial did not restart: $(calls)"
firmware; expect "trial started by hand" "$BOOTED" B
firmware; expect "after that trial (reset)" "$BOOTED" A
out=$(update mark-good); echo "$out"
[[ $out == *"KIOSK-UPDATE-FALLBACK: the update to 3.0-broken (slot B)"* ]] || fail "trial by hand: $out"
expect "failed versions" "$(tr '\n' ' ' < "$W/data/failed-versions")" "3.0-broken 3.1 "
out=$(update trial 2>&1) && fail "kiosk-update trial with nothing installed: $out"
[[ $out == *"no installed update waits"* ]] || fail "kiosk-update trial with nothing installed: $out"

# --- A good update: 4.0 is committed in its trial; the stick, still in, is then up to date. ---------------
rm -f "$W/stick/"*; bundle 4.0
out=$(update usb "$W/stick"); [[ $out == *"installing 4.0"* ]] || fail "usb 4.0: $out"
VERSION[B]=4.0
TRIAL=30 firmware; expect "trial of 4.0" "$BOOTED" B
out=$(STANDIN_KIOSK_DRAWS=1 update mark-good); echo "$out"
[[ $out == *"KIOSK-UPDATE-GOOD: slot B committed, running 4.0"* ]] || fail "good trial: $out"
status_is good 4.0 4.0
out=$(update usb "$W/stick"); echo "$out"
[[ $out == *"up to date (4.0)"* ]] || fail "the stick after the commit, same boot: $out"
status_is up_to_date 4.0 4.0
firmware; expect "after the commit" "$BOOTED" B
[[ -z $(update mark-good) ]] || fail "an ordinary boot after the commit reports something"
echo "update_fallback_test: PASS"
