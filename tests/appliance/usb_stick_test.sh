#!/usr/bin/env bash
# The appliance's USB stick for the technician screen (issue 17), without root: the udev rule starts the
# mount unit for FAT/exFAT sticks but not for update sticks (KIOSKUPDATE); kiosk-usb-stick mounts a FAT and
# an exFAT stick for the user kiosk (nosuid, nodev, noexec, kiosk's uid and gid), refuses other file
# systems, unmounts, and "eject" stops every stick's unit and spends the request. mount, umount, udevadm,
# systemctl and id are stand-ins that record their calls (mounting needs root; the QEMU test
# scripts/usb-boot-test.sh mounts for real).
#   usb_stick_test.sh WORKDIR
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
O=$REPO/firmware/image/overlay
W=${1:?work directory}
rm -rf "$W"; mkdir -p "$W/bin" "$W/media" "$W/run"
source "$REPO/tests/appliance/support.sh"

# The rule and the units belong together.
RULE=$O/usr/lib/udev/rules.d/90-kiosk-usb-stick.rules
grep -q 'ENV{ID_FS_TYPE}=="vfat|exfat"' "$RULE" || fail "the rule does not match FAT and exFAT"
grep -q 'ENV{ID_FS_LABEL}!="KIOSKUPDATE"' "$RULE" || fail "the rule would also mount update sticks"
unit=$(sed -n 's/.*SYSTEMD_WANTS}+="\([^@"]*@\)%k\.service".*/\1.service/p' "$RULE")
[[ -f $O/usr/lib/systemd/system/$unit ]] || fail "the rule wants $unit, which the overlay lacks"
grep -q 'BindsTo=dev-%i.device' "$O/usr/lib/systemd/system/$unit" || fail "$unit does not stop with its device"
grep -q 'PathExists=/run/kiosk-usb/eject' "$O/usr/lib/systemd/system/kiosk-usb-eject.path" || fail "no eject path unit"
grep -q 'kiosk-usb-eject.path' "$REPO/firmware/image/stage2.sh" || fail "stage 2 does not enable kiosk-usb-eject.path"
grep -q '^d /run/kiosk-usb 0770 root kiosk' "$O/usr/lib/tmpfiles.d/kiosk-usb.conf" || fail "the kiosk cannot ask for eject"
if command -v shellcheck >/dev/null; then shellcheck -s sh "$O/usr/libexec/kiosk/kiosk-usb-stick" || fail "shellcheck"; fi

# Stand-ins: udevadm answers from $W/props.<device>; mount creates a marker; the rest record their calls.
cat > "$W/bin/udevadm" <<'S'
#!/bin/sh
dev=$(echo "$*" | sed -n 's/.*--name=\/dev\/\([^ ]*\).*/\1/p'); cat "$STUB/props.$dev" 2>/dev/null
S
cat > "$W/bin/mount" <<'S'
#!/bin/sh
echo "mount $*" >> "$STUB/calls"; eval "dir=\${$#}"; : > "$dir/.mounted"
S
cat > "$W/bin/mountpoint" <<'S'
#!/bin/sh
[ -e "$2/.mounted" ]
S
cat > "$W/bin/umount" <<'S'
#!/bin/sh
echo "umount $*" >> "$STUB/calls"; eval "dir=\${$#}"; rm -f "$dir/.mounted"
S
cat > "$W/bin/id" <<'S'
#!/bin/sh
case "$1" in -u) echo 990 ;; -g) echo 991 ;; esac
S
cat > "$W/bin/install" <<'S'
#!/bin/sh
eval "dir=\${$#}"; mkdir -p "$dir"
S
cat > "$W/bin/systemctl" <<'S'
#!/bin/sh
echo "systemctl $*" >> "$STUB/calls"
S
chmod +x "$W"/bin/*
printf 'ID_FS_TYPE=vfat\nID_FS_LABEL=STICK\n' > "$W/props.sda1"
printf 'ID_FS_TYPE=exfat\n' > "$W/props.sdb"
printf 'ID_FS_TYPE=ntfs\n' > "$W/props.sdc"
run() { env PATH="$W/bin:$PATH" STUB="$W" KIOSK_USB_BASE="$W/media" KIOSK_USB_EJECT="$W/run/eject" \
  sh "$O/usr/libexec/kiosk/kiosk-usb-stick" "$@"; }

run mount sda1 | grep -q 'mounted on .*/media/sda1 for the kiosk' || fail "FAT stick not reported mounted"
grep -q "^mount -t vfat -o rw,nosuid,nodev,noexec,noatime,uid=990,gid=991,fmask=0117,dmask=0007,flush,utf8,shortname=mixed /dev/sda1 $W/media/sda1\$" "$W/calls" ||
  fail "FAT stick mounted with other options: $(cat "$W/calls")"
run mount sdb >/dev/null
grep -q "^mount -t exfat -o rw,nosuid,nodev,noexec,noatime,uid=990,gid=991,fmask=0117,dmask=0007,iocharset=utf8 /dev/sdb $W/media/sdb\$" "$W/calls" ||
  fail "exFAT stick mounted with other options: $(cat "$W/calls")"
run mount sdc | grep -q 'not FAT or exFAT: not mounted' || fail "an NTFS stick was not refused"
[[ ! -e $W/media/sdc ]] || fail "a mount point was left for the refused stick"
run unmount sda1 >/dev/null
grep -q "^umount $W/media/sda1\$" "$W/calls" || fail "unmount did not unmount"
[[ ! -e $W/media/sda1 ]] || fail "the mount point stayed"
: > "$W/run/eject"
run eject | grep -q 'may be pulled out' || fail "eject said nothing"
grep -q '^systemctl stop kiosk-usb-stick@sdb.service$' "$W/calls" || fail "eject did not stop the stick's unit"
[[ ! -e $W/run/eject ]] || fail "the eject request was not spent"
echo "usb_stick_test: PASS"
