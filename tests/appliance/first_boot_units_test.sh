#!/usr/bin/env bash
# The first boot's units as systemd itself loads them (systemd-analyze verify, no running systemd, no root):
# the image's units (firmware/systemd, firmware/image/overlay), the mount units systemd-fstab-generator makes
# from the image's fstab, enabled as firmware/image/stage2.sh enables them, over the host's own units.
#  - multi-user.target's start transaction has no ordering cycle and holds kiosk-provision and kiosk-grow-data;
#  - kiosk-grow-data runs before the data partition is mounted and restarts the kiosk once it has grown it
#    (--reboot); kiosk-provision is ordered after it and its start job gives way to that restart
#    (Conflicts=shutdown.target), so it runs on the next, settled boot instead of never;
#  - a USB stick or a download is looked at only after kiosk-mark-good has decided the boot (a failed trial
#    is recorded before the stick that held it could install it again).
#   first_boot_units_test.sh WORKDIR
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
W=${1:?work directory}
rm -rf "$W"; mkdir -p "$W/units" "$W/gen"
source "$REPO/tests/appliance/support.sh"
need_tools systemd-analyze
GEN=/lib/systemd/system-generators/systemd-fstab-generator
[[ -x $GEN ]] || { echo "SKIPPED: $GEN missing"; exit 77; }
OVERLAY=$REPO/firmware/image/overlay

SYSTEMD_FSTAB=$OVERLAY/etc/fstab SYSTEMD_PROC_CMDLINE="root=PARTUUID=00000000-0000-0000-0000-000000000004 ro" \
  "$GEN" "$W/gen" "$W/gen" "$W/gen"
[[ -f $W/gen/data.mount ]] || fail "systemd-fstab-generator made no data.mount from the image's fstab"
cp "$REPO"/firmware/systemd/*.service "$REPO"/firmware/systemd/*.timer "$OVERLAY"/usr/lib/systemd/system/* "$W/units/"
# Enabled like stage2.sh does (the [Install] sections).
enable() {  # target unit...
  local t=$1 u; shift
  mkdir -p "$W/units/$t.wants"
  for u in "$@"; do ln -sf "../$u" "$W/units/$t.wants/$u"; done
}
enable sysinit.target kiosk-provision.service
enable local-fs.target kiosk-grow-data.service
enable multi-user.target kiosk.service kiosk-sync.service kiosk-boot-check.service kiosk-mark-good.service

# verify: SYSTEMD_LOG_LEVEL=debug makes it print each named unit with every dependency it ends up with
# (also those implied by RequiresMountsFor= and by the fstab units) and the transaction it builds.
# The dumps go to stdout, the log (with the transaction) to stderr: kept apart, they do not interleave.
analyze() {  # units...
  SYSTEMD_LOG_LEVEL=debug SYSTEMD_UNIT_PATH=$W/units:$W/gen: timeout 120 systemd-analyze verify --man=no "$@"
}
analyze multi-user.target > /dev/null 2> "$W/transaction.txt" || true
if grep -i 'ordering cycle' "$W/transaction.txt"; then fail "ordering cycle in the boot transaction"; fi
for u in kiosk-provision.service kiosk-grow-data.service data.mount var-lib-kiosk.mount; do
  grep -q "^$u: Installed new job $u/start" "$W/transaction.txt" || fail "the boot transaction does not start $u"
done

analyze kiosk-provision.service kiosk-grow-data.service kiosk-update-usb.service kiosk-update-fetch.service \
  > "$W/units.txt" 2> "$W/units.log" || true
# unit_dump's "-> Unit NAME:" blocks; dep UNIT DEPENDENCY OTHER: the dependency is in UNIT's dump.
dump_of() { awk -v u="-> Unit $1:" '/^[[:space:]]*-> Unit / { sub(/^[[:space:]]+/, ""); on = index($0, u) == 1 } on' "$W/units.txt"; }
dep() {
  local d; d=$(dump_of "$1")
  grep -Eq "^[[:space:]]+$2: $3 \(" <<<"$d" || fail "$1 lacks $2=$3: $(grep -E "^[[:space:]]+$2:" <<<"$d" | tr -s '\t\n' ' ')"
}
dep kiosk-grow-data.service Before data.mount
dep kiosk-grow-data.service Conflicts shutdown.target
dep kiosk-provision.service After kiosk-grow-data.service
dep kiosk-provision.service After var-lib-kiosk.mount
dep kiosk-provision.service After boot-firmware.mount
dep kiosk-provision.service Conflicts shutdown.target
dep kiosk-update-usb.service After kiosk-mark-good.service
dep kiosk-update-fetch.service After kiosk-mark-good.service
grow=$(dump_of kiosk-grow-data.service)
grep -Eq 'Command Line: /usr/libexec/kiosk/kiosk-grow-data --reboot$' <<<"$grow" ||
  fail "kiosk-grow-data.service does not restart the kiosk after growing: $(grep 'Command Line' <<<"$grow")"
echo "first_boot_units_test: PASS"
