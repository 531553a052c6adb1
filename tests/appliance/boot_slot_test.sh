#!/usr/bin/env bash
# The kiosk's boot selection (kiosk-boot-slot, RAUC's custom backend) and the trial outcome of kiosk-update
# mark-good, on a directory standing in for the boot partition: the tryboot semantics of
# /etc/rauc/system.conf, step by step as RAUC and the units call them, for QEMU (kiosk.tryboot=1 on the
# command line) and for the Raspberry Pi (the firmware's /chosen/bootloader/tryboot cell).
#   boot_slot_test.sh WORKDIR
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
W=${1:?work directory}
rm -rf "$W"; mkdir -p "$W/boot" "$W/data"
source "$REPO/tests/appliance/support.sh"
need_tools awk od
export KIOSK_BOOT_DIR=$W/boot KIOSK_CMDLINE=$W/cmdline KIOSK_DT_BOOTLOADER=$W/no-device-tree
export KIOSK_BOOT_SLOT=$REPO/firmware/image/overlay/usr/libexec/kiosk/kiosk-boot-slot
export KIOSK_UPDATE_STATE_DIR=$W/data RAUC_CONF=$REPO/firmware/image/overlay/etc/rauc/system.conf
slot() { sh "$KIOSK_BOOT_SLOT" "$@"; }
boot() { echo "console=ttyAMA0 root=PARTUUID=x ro rauc.slot=$1${2:+ kiosk.tryboot=1}" > "$W/cmdline"; }
autoboot() { tr '\n' ' ' < "$W/boot/autoboot.txt"; }
expect() {  # what, got, want
  [[ $2 == "$3" ]] || fail "$1: '$2', expected '$3'"
}

# The image as flashed (scripts/build-image.sh writes firmware/image/autoboot.txt): slot A committed.
cp "$REPO/firmware/image/autoboot.txt" "$W/boot/autoboot.txt"
boot A
expect "primary as flashed" "$(slot get-primary)" A
expect "state of B as flashed" "$(slot get-state B)" good
slot in-trial && fail "a normal boot is no trial"

# rauc install into B: set-state B bad (while writing), set-primary B. A stays committed, B waits for a trial.
slot set-state B bad
slot set-primary B
expect "primary after the install" "$(slot get-primary)" B
expect "pending" "$(slot get-pending)" B
expect "autoboot.txt after the install" "$(autoboot)" "[all] tryboot_a_b=1 boot_partition=2 [tryboot] boot_partition=3 "
echo 2.0 > "$W/data/pending-version"

# Trial boot of B (the firmware booted [tryboot] once): rauc status mark-good -> set-state B good commits B.
boot B trial
slot in-trial || fail "kiosk.tryboot=1 is a trial boot"
slot set-state B good
expect "autoboot.txt after the commit" "$(autoboot)" "[all] tryboot_a_b=1 boot_partition=3 [tryboot] boot_partition=2 "
expect "pending after the commit" "$(slot get-pending)" ""
expect "primary after the commit" "$(slot get-primary)" B

# Install into A, from committed B.
slot set-state A bad
slot set-primary A
expect "autoboot.txt after installing A" "$(autoboot)" "[all] tryboot_a_b=1 boot_partition=3 [tryboot] boot_partition=2 "
echo 3.0-broken > "$W/data/pending-version"
# (kiosk-update install notes that the trial begins before it reboots into it; update_fallback_test runs
# the whole flow through kiosk-update.)
date -u > "$W/data/trial-started"
# Marked good without a trial boot of A (B runs): nothing is committed.
boot B
slot set-state A good
expect "autoboot.txt, A good while B runs" "$(autoboot)" "[all] tryboot_a_b=1 boot_partition=3 [tryboot] boot_partition=2 "
expect "still pending" "$(slot get-pending)" A
# A booted without a trial (the flag already spent): still nothing committed.
boot A
slot set-state A good
expect "autoboot.txt, A good without a trial" "$(autoboot)" "[all] tryboot_a_b=1 boot_partition=3 [tryboot] boot_partition=2 "
boot B
# The trial of A failed (no first frame: the deadline rebooted; the firmware's one-shot flag is spent) and B
# booted again: mark-good records the failure, marks A bad and clears the trial.
out=$(sh "$REPO/firmware/image/overlay/usr/sbin/kiosk-update" mark-good)
echo "$out"
[[ $out == *"KIOSK-UPDATE-FALLBACK: the update to 3.0-broken (slot A) failed its trial boot"* ]] || fail "fallback: $out"
expect "failed versions" "$(cat "$W/data/failed-versions")" 3.0-broken
expect "state of A" "$(slot get-state A)" bad
expect "pending after the fallback" "$(slot get-pending)" ""
expect "primary after the fallback" "$(slot get-primary)" B
out=$(sh "$REPO/firmware/image/overlay/usr/sbin/kiosk-update" mark-good)
[[ -z $out ]] || fail "a second ordinary boot reports again: $out"

# Raspberry Pi: the firmware's tryboot cell decides, not the command line.
mkdir -p "$W/dt"
export KIOSK_DT_BOOTLOADER=$W/dt
printf '\000\000\000\001' > "$W/dt/tryboot"
boot A
slot in-trial || fail "Pi: tryboot=1 is a trial boot"
printf '\000\000\000\000' > "$W/dt/tryboot"
boot A trial
slot in-trial && fail "Pi: tryboot=0 is no trial boot, whatever the command line says"
echo "boot_slot_test: PASS"
