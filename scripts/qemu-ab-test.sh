#!/usr/bin/env bash
# The A/B update test under qemu-system-aarch64 -M virt (emulated arm64, slow: about 6 boots; by hand, not
# in scripts/test.sh). No root. The guest is off every network (user network with restrict=on).
#
#   scripts/qemu-ab-test.sh [--image build/image/kiosk.img] [--kioskctl build/noui/sync/kioskctl] [--prepare-only]
#
# On a 4 GB virtual card made from the built image (v1; scripts/build-image.sh):
#   1. v1 boots from slot A: the first boot grows the data partition to the end of the card (on the host's
#      copy of the card: partition 6 ends within a MiB of the end; the kiosk's /data is at least 85 % of
#      it) and restarts at once, unprovisioned; the next boot is provisioned (example file + a test update
#      keyring on partition 1). Then (QEMU stopped) three submissions go into its outbox with the host's
#      kioskctl, written into the data partition with debugfs.
#   2. A virtual USB stick labelled KIOSKUPDATE with bundle v2 (scripts/build-bundle.sh; v1's root with
#      another /etc/kiosk-image-version, signed with a test key made here): the kiosk installs it into slot B
#      and reboots on trial; the firmware stand-in (scripts/qemu-firmware.sh) boots B once; the kiosk draws
#      and kiosk-sync runs, so B is committed: KIOSK-UPDATE-GOOD, KIOSK-BOOT-OK slot=B version=v2, and the
#      stick still plugged in is then "up to date" in the same boot; the three submissions are still in the
#      outbox, with a delivery per channel each. Two more submissions go in on v2.
#   1b. A stick with v2 signed under another CA: "kiosk-update: REFUSED: ... signed by a key this kiosk does
#      not trust (signer: ...)", no install, no reboot.
#   3. A stick with bundle v3, whose kiosk never draws (a drop-in: Type=notify and a program that never
#      says READY=1): installed into A, tried, not committed within the trial time (kiosk.trial_timeout=,
#      default 300 s here), rebooted; the firmware boots B again: KIOSK-UPDATE-FALLBACK, KIOSK-BOOT-OK
#      slot=B version=v2, v3 recorded as failed and not installed again from the stick still inserted;
#      all five submissions still there.
# Delivery itself is not checked: the guest is off every network and the example's channels are real
# municipal addresses (a channel stand-in on the host behind a guestfwd rule would be needed).
# Prints the time of every boot. Environment: BOOT_TIMEOUT (seconds a boot may take, default 1800),
# TRIAL_TIMEOUT (300), QEMU_SMP (2). Work directory: build/ab-test (the image copy is sparse).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
IMG=build/image/kiosk.img
KIOSKCTL=build/noui/sync/kioskctl
while [[ $# -gt 0 ]]; do
  case "$1" in
    --image) IMG=$2; shift 2 ;;
    --kioskctl) KIOSKCTL=$2; shift 2 ;;
    --prepare-only) PREPARE_ONLY=1; shift ;;  # the card, keys, bundles and sticks; no QEMU
    *) echo "qemu-ab-test.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
BOOT_TIMEOUT=${BOOT_TIMEOUT:-1800}
TRIAL_TIMEOUT=${TRIAL_TIMEOUT:-300}
W=${AB_TEST_DIR:-$REPO/build/ab-test}
[[ ${PREPARE_ONLY:-0} == 1 ]] || command -v qemu-system-aarch64 >/dev/null ||
  { echo "qemu-ab-test.sh: qemu-system-aarch64 missing" >&2; exit 1; }
for t in mcopy mkfs.fat sfdisk debugfs e2fsck rauc mksquashfs openssl; do
  command -v "$t" >/dev/null || { echo "qemu-ab-test.sh: $t missing (scripts/build-image.sh installs the tools as root)" >&2; exit 1; }
done
[[ -f $IMG ]] || { echo "qemu-ab-test.sh: no image at $IMG (scripts/build-image.sh)" >&2; exit 1; }
rm -rf "$W"; mkdir -p "$W"
source scripts/qemu-firmware.sh
source tests/appliance/support.sh
export E2FSPROGS_FAKE_TIME=${SOURCE_DATE_EPOCH:-1767225600}
step() { echo "qemu-ab-test: [$(date -u +%H:%M:%S)] $*"; }
fail() { echo "qemu-ab-test: FAIL: $*" >&2; exit 1; }
T0=$(date +%s)

# --- the card, the keys, the bundles, the sticks ------------------------------------------------------------
CARD=$W/card.img
cp --sparse=always "$IMG" "$CARD"
truncate -s 4000000000 "$CARD"   # a 4 GB card
test_keys_init "$W/keys"
make_ca town; make_signer town town-signer signer
make_ca rogue; make_signer rogue rogue-signer signer   # another municipality's (or an attacker's) key
P1=$(fw_fat "$CARD" 1)
mcopy -o -i "$P1" firmware/kiosk-provision.example.toml ::kiosk-provision.toml
mcopy -o -i "$P1" "$W/keys/town-ca.pem" ::kiosk-update-keyring.pem

part_dump "$CARD" 4 "$W/rootA.ext4"
part_dump "$CARD" 2 "$W/bootA.vfat"
V1=$(debugfs -R 'cat /etc/kiosk-image-version' "$W/rootA.ext4" 2>/dev/null)
[[ -n $V1 ]] || fail "the image has no /etc/kiosk-image-version"
V2="$V1-abtest2"; V3="$V1-abtest3-broken"
make_version() {  # version, output root image, [drop-in for kiosk.service]
  cp --sparse=always "$W/rootA.ext4" "$2"
  echo "$1" > "$W/version.txt"
  debugfs -w -R 'rm /etc/kiosk-image-version' "$2" >/dev/null 2>&1
  debugfs -w -R "write $W/version.txt /etc/kiosk-image-version" "$2" >/dev/null 2>&1
  if [[ -n ${3:-} ]]; then
    printf '%s\n' "$3" > "$W/broken.conf"
    for d in /etc/systemd /etc/systemd/system /etc/systemd/system/kiosk.service.d; do
      debugfs -w -R "mkdir $d" "$2" >/dev/null 2>&1 || true   # (exists already: fine)
    done
    debugfs -w -R "write $W/broken.conf /etc/systemd/system/kiosk.service.d/zz-broken.conf" "$2" >/dev/null 2>&1
  fi
  e2fsck -fy "$2" >/dev/null 2>&1 || [[ $? -le 1 ]]
  [[ $(debugfs -R 'cat /etc/kiosk-image-version' "$2" 2>/dev/null) == "$1" ]] || fail "could not make root $1"
  if [[ -n ${3:-} ]]; then
    cmp -s <(debugfs -R 'cat /etc/systemd/system/kiosk.service.d/zz-broken.conf' "$2" 2>/dev/null) "$W/broken.conf" ||
      fail "could not break root $1"
  fi
}
make_stick() {  # bundle, stick image
  local mb=$(( $(stat -c %s "$1") / 1048576 + 64 ))
  mkfs.fat -C -F 32 -n KIOSKUPDATE "$2" $((mb * 1024)) >/dev/null
  mcopy -i "$2" "$1" ::
}
step "bundles v2 ($V2) and v3 ($V3, its kiosk never draws)"
make_version "$V2" "$W/root-v2.ext4"
make_version "$V3" "$W/root-v3.ext4" "[Service]
Type=notify
NotifyAccess=main
ExecStart=
ExecStart=/bin/sleep infinity
TimeoutStartSec=30"
for v in v2 v3; do
  bash scripts/build-bundle.sh --rootfs "$W/root-$v.ext4" --bootfs "$W/bootA.vfat" \
    --cert "$W/keys/town-signer.pem" --key "$W/keys/town-signer.key" --keyring "$W/keys/town-ca.pem" \
    --out "$W/kiosk-$v.raucb"
  make_stick "$W/kiosk-$v.raucb" "$W/stick-$v.img"
done
# v2 once more, signed under another CA: the kiosk must refuse it and stay on v1.
bash scripts/build-bundle.sh --rootfs "$W/root-v2.ext4" --bootfs "$W/bootA.vfat" \
  --cert "$W/keys/rogue-signer.pem" --key "$W/keys/rogue-signer.key" --keyring "$W/keys/rogue-ca.pem" \
  --out "$W/kiosk-rogue.raucb"
make_stick "$W/kiosk-rogue.raucb" "$W/stick-rogue.img"
rm -f "$W/rootA.ext4" "$W/root-v2.ext4" "$W/root-v3.ext4"
step "prepared in $(( $(date +%s) - T0 )) s"
[[ ${PREPARE_ONLY:-0} == 1 ]] && exit 0

# --- boots --------------------------------------------------------------------------------------------------
N=0
# boot STICK PATTERN...: one firmware pass + boot; waits until every PATTERN is on the serial console (then
# stops QEMU) or the guest reboots (QEMU exits); sets LINE (what the first pattern matched, or "rebooted").
boot() {
  local stick=$1 t0 usb=() p all
  shift
  N=$((N + 1)); LOG=$W/boot$N.log; LINE=""
  # shellcheck disable=SC2054  # (QEMU's own comma lists)
  [[ -n $stick ]] && usb=(-device qemu-xhci -drive "if=none,id=stick,format=raw,file=$stick"
                          -device usb-storage,drive=stick)
  fw_select "$CARD"
  fw_load "$CARD" "$FW_PART" "$W"
  t0=$(date +%s)
  fw_boot "$CARD" "$W" "$LOG" "kiosk.trial_timeout=$TRIAL_TIMEOUT" "${usb[@]}"
  while (( $(date +%s) - t0 < BOOT_TIMEOUT )); do
    if ! kill -0 "$FW_QEMU_PID" 2>/dev/null; then LINE=rebooted; break; fi
    all=1
    for p in "$@"; do grep -aq -E "$p" "$LOG" 2>/dev/null || all=0; done
    if [[ $all == 1 ]]; then LINE=$(grep -a -o -m1 -E "$1" "$LOG" | tr -d '\r'); break; fi
    sleep 3
  done
  kill "$FW_QEMU_PID" 2>/dev/null || true; wait "$FW_QEMU_PID" 2>/dev/null || true
  step "boot $N (partition $FW_PART, trial $FW_TRIAL${stick:+, stick $(basename "$stick")}): $(( $(date +%s) - t0 )) s: ${LINE:-timeout}"
  grep -a -E 'KIOSK-UPDATE|kiosk-update:|kiosk-rauc-post-install|kiosk-grow-data' "$LOG" | tr -d '\r' | sed 's/^/    /' || true
  [[ -n $LINE ]] || { tail -n 60 "$LOG" >&2; fail "boot $N: nothing within ${BOOT_TIMEOUT}s"; }
}
expect_boot_ok() {  # slot, version
  [[ $LINE == KIOSK-BOOT-OK*" slot=$1 version=$2 "* ]] || { tail -n 40 "$LOG" >&2; fail "boot $N: expected slot $1, $2: $LINE"; }
}
# The outbox on the data partition (partition 6), read and written with debugfs; kioskctl on the host.
outbox_get() {  # directory
  rm -rf "$1"; mkdir -p "$1"
  part_dump "$CARD" 6 "$W/data.ext4"
  e2fsck -fy "$W/data.ext4" >/dev/null 2>&1 || [[ $? -le 1 ]]   # QEMU was stopped like a power cut
  for f in outbox.sqlite outbox.sqlite-wal; do
    debugfs -R "dump -p /kiosk/$f $1/$f" "$W/data.ext4" >/dev/null 2>&1 || true
  done
  [[ -s $1/outbox.sqlite ]] || fail "no outbox on the data partition"
}
outbox_put() {  # directory: the outbox after the host's kioskctl (checkpointed, no WAL) goes back
  local owner
  owner=$(debugfs -R 'stat /kiosk/outbox.sqlite' "$W/data.ext4" 2>/dev/null | sed -nE 's/.*User: *([0-9]+) *Group: *([0-9]+).*/\1 \2/p')
  for f in outbox.sqlite outbox.sqlite-wal outbox.sqlite-shm; do debugfs -w -R "rm /kiosk/$f" "$W/data.ext4" >/dev/null 2>&1 || true; done
  debugfs -w -R "write $1/outbox.sqlite /kiosk/outbox.sqlite" "$W/data.ext4" >/dev/null
  read -r uid gid <<<"$owner"
  debugfs -w -f - "$W/data.ext4" >/dev/null 2>&1 <<CMDS
sif /kiosk/outbox.sqlite uid $uid
sif /kiosk/outbox.sqlite gid $gid
sif /kiosk/outbox.sqlite mode 0100660
CMDS
  e2fsck -fy "$W/data.ext4" >/dev/null 2>&1 || [[ $? -le 1 ]]
  part_put "$CARD" 6 "$W/data.ext4"
}
outbox_check() {  # what
  [[ -x $KIOSKCTL ]] || { step "outbox not checked ($1): no kioskctl at $KIOSKCTL"; return; }
  outbox_get "$W/outbox"
  local ref states="" d
  for ref in $(cat "$W/refs.txt"); do
    "$KIOSKCTL" --db "$W/outbox/outbox.sqlite" show "$ref" > "$W/show.txt" || fail "$1: submission $ref is gone"
    # One line per delivery: "  CHANNEL STATE attempts N ..."
    d=$(sed -nE 's/^  ([a-z0-9_-]+) +([a-z_]+) +attempts .*/\1:\2/p' "$W/show.txt" | tr '\n' ' ')
    [[ -n $d ]] || fail "$1: submission $ref has no deliveries left: $(cat "$W/show.txt")"
    states+="$ref ${d% } | "
  done
  step "outbox $1: the $(wc -l < "$W/refs.txt") submissions are there: ${states% | }"
}

part6() {  # -> "start size" (sectors) of the data partition on the card
  sfdisk -d "$CARD" 2>/dev/null | sed -nE 's/^[^ ]*[^0-9]6 : start= *([0-9]+), size= *([0-9]+).*/\1 \2/p'
}
outbox_add() {  # count, what: submissions written into the outbox with the host's kioskctl (QEMU stopped)
  if [[ -x $KIOSKCTL ]]; then
    outbox_get "$W/outbox"
    "$KIOSKCTL" synth -n "$1" | "$KIOSKCTL" --db "$W/outbox/outbox.sqlite" submit > "$W/refs.new"
    outbox_put "$W/outbox"
    cat "$W/refs.new" >> "$W/refs.txt"
    step "$1 submissions in the outbox $2: $(tr '\n' ' ' < "$W/refs.new")"
  else
    step "no kioskctl at $KIOSKCTL (cmake --build --preset noui --target kioskctl): outbox survival not checked"
  fi
}

step "1. v1 ($V1), first boot on a 4 GB card: the data partition grows, the kiosk restarts, then provisioning"
read -r _ size_before < <(part6)
boot "" 'KIOSK-BOOT-(OK|FAILED).*'
[[ $LINE == rebooted ]] || fail "boot $N: the first boot on a larger card did not restart after growing: $LINE"
grep -aq 'kiosk-grow-data: grown to' "$LOG" || fail "boot $N: the data partition was not grown"
grep -aq 'kiosk-provision: kiosk .* provisioned' "$LOG" && fail "boot $N: provisioned on the growing boot"
read -r start size < <(part6)
total=$(( $(stat -c %s "$CARD") / 512 ))
(( start + size <= total - 34 && start + size > total - 34 - 2048 && size > size_before )) ||
  fail "the data partition does not fill the card: sectors $start + $size of $total (was $size_before)"
step "data partition: $((size_before / 2048)) -> $((size / 2048)) MiB, ends $(( (total - start - size) / 2 )) KiB before the end of the card"
boot "" 'KIOSK-BOOT-(OK|FAILED).*'
expect_boot_ok A "$V1"
[[ $LINE == *" provisioned=yes "* ]] || fail "boot $N: not provisioned: $LINE"
grep -aq 'kiosk-grow-data: .* fills the card already' "$LOG" || fail "boot $N: kiosk-grow-data did not find the card full"
data=$(sed -nE 's/.* data-mib=([0-9]+).*/\1/p' <<<"$LINE")
(( data * 100 >= size / 2048 * 85 )) || fail "/data is $data MiB on a $((size / 2048)) MiB partition: not grown"
step "provisioned on the boot after growing; /data: $data MiB"
: > "$W/refs.txt"
outbox_add 3 "of v1"

step "1b. a bundle signed by another key: refused in words, no reboot, still v1 on slot A"
boot "$W/stick-rogue.img" 'kiosk-update: (REFUSED|installing .* failed).*'
[[ $LINE == *"REFUSED: "*"signed by a key this kiosk does not trust"* ]] ||
  fail "boot $N: the bundle of another key was not refused as untrusted: $LINE"
grep -aq 'KIOSK-BOOT-OK.* slot=A ' "$LOG" || step "    (refused before KIOSK-BOOT-OK was printed)"
step "refused: $LINE"

step "2. install v2 from the USB stick, reboot on trial, commit"
# (an install boot ends in the reboot into the trial; a refusal or a failed install stops it at once)
boot "$W/stick-v2.img" 'kiosk-update: (REFUSED|installing .* failed).*'
[[ $LINE == rebooted ]] || fail "boot $N: the kiosk did not install v2 and reboot: $LINE"
grep -aqF "installed $V2" "$LOG" || fail "boot $N: no 'installed $V2'"
# The trial boot: committed, then (kiosk-update-usb runs after kiosk-mark-good) the stick still plugged in
# holds the running version. Any word of kiosk-update about the stick ends the wait.
boot "$W/stick-v2.img" 'KIOSK-BOOT-(OK|FAILED).*' 'kiosk-update: (up to date|installing|on trial|REFUSED)'
[[ $FW_PART == 3 && $FW_TRIAL == 1 ]] || fail "the firmware did not try slot B"
grep -aqF "KIOSK-UPDATE-GOOD: slot B committed, running $V2" "$LOG" || fail "boot $N: slot B not committed"
grep -aqF "kiosk-update: up to date ($V2)" "$LOG" ||
  fail "boot $N: the stick after the commit: $(grep -a -o -m1 -E 'kiosk-update: (installing|on trial|REFUSED).*' "$LOG")"
expect_boot_ok B "$V2"
outbox_check "after the update to v2"
outbox_add 2 "of v2, before the update to v3"

step "3. install the broken v3, its trial fails, back on v2"
boot "$W/stick-v3.img" 'kiosk-update: (REFUSED|installing .* failed).*'
[[ $LINE == rebooted ]] || fail "boot $N: the kiosk did not install v3 and reboot: $LINE"
boot "$W/stick-v3.img" 'KIOSK-BOOT-(OK|FAILED).*'
[[ $FW_PART == 2 && $FW_TRIAL == 1 ]] || fail "the firmware did not try slot A"
[[ $LINE == rebooted ]] || fail "boot $N: the trial of v3 did not end in a reboot: $LINE"
grep -aq 'KIOSK-UPDATE-TRIAL-FAILED' "$LOG" || fail "boot $N: no KIOSK-UPDATE-TRIAL-FAILED"
boot "$W/stick-v3.img" 'KIOSK-BOOT-(OK|FAILED).*' 'failed its trial boot here before|kiosk-update: installing'
[[ $FW_PART == 3 && $FW_TRIAL == 0 ]] || fail "the firmware did not go back to slot B"
grep -aqF "KIOSK-UPDATE-FALLBACK: the update to $V3 (slot A) failed its trial boot" "$LOG" || fail "boot $N: no fallback record"
grep -aqF "$V3 failed its trial boot here before: not installed again" "$LOG" ||
  fail "boot $N: the stick's v3 was not recognised as failed"
grep -aq 'kiosk-update: installing' "$LOG" && fail "boot $N: the failed v3 was installed again"
expect_boot_ok B "$V2"
outbox_check "after the failed v3"
step "PASS in $(( $(date +%s) - T0 )) s"
