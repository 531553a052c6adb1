#!/usr/bin/env bash
# kiosk-grow-data (firmware/image/overlay/usr/libexec/kiosk) on an image FILE, without root, loop devices or
# mounts: a GPT disk laid out like the kiosk's (partition 6 = data, last), its data file system written into
# the image, the "card" made larger (truncate, like flashing onto a bigger card), then grown.
#   grow_data_test.sh WORKDIR
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
GROW=$REPO/firmware/image/overlay/usr/libexec/kiosk/kiosk-grow-data
W=${1:?work directory}
rm -rf "$W"; mkdir -p "$W/files"
source "$REPO/tests/appliance/support.sh"
need_tools sfdisk resize2fs e2fsck dumpe2fs debugfs mke2fs
export E2FSPROGS_FAKE_TIME=1767225600

# 64 MiB image: boot 1, slots' boot 2+3, slots' root 4+5, data 6 (the rest, up to the backup GPT).
truncate -s 64M "$W/disk.img"
sfdisk -q "$W/disk.img" <<'T'
label: gpt
start=2048, size=4MiB, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, name="boot"
size=8MiB, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, name="bootA"
size=8MiB, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, name="bootB"
size=16MiB, type=L, name="rootA"
size=16MiB, type=L, name="rootB"
type=L, name="data"
T
read -r start size < <(sfdisk -d "$W/disk.img" | sed -nE 's/.*img6 : start= *([0-9]+), size= *([0-9]+).*/\1 \2/p')
echo "outbox contents" > "$W/files/outbox.sqlite"
mke2fs -q -F -t ext4 -L kioskdata -d "$W/files" "$W/data.ext4" "$((size / 2))k"
dd if="$W/data.ext4" of="$W/disk.img" bs=512 seek="$start" conv=notrunc status=none

# 1. On the card as flashed: nothing to grow.
out=$(bash "$GROW" "$W/disk.img" 6 "$W/data.ext4")
echo "$out"
[[ $out == *"fills the card already"* ]] || fail "an image of its own size must not grow: $out"

# 2. A bigger card (200 MiB): the dry run says what it would do and changes nothing.
truncate -s 200M "$W/disk.img"
before=$(sha256sum < "$W/disk.img")
out=$(bash "$GROW" --dry-run "$W/disk.img" 6 "$W/data.ext4")
echo "$out"
[[ $out == *"20480 -> 299008 sectors (10 MiB -> 146 MiB)"* ]] || fail "dry run: $out"
[[ $(sha256sum < "$W/disk.img") == "$before" ]] || fail "the dry run changed the image"

# 3. Grown: the partition ends at the last MiB before the backup GPT, the file system fills it, the data is
#    still there, the table is valid, and a second run does nothing.
bash "$GROW" "$W/disk.img" 6 "$W/data.ext4"
sfdisk --verify "$W/disk.img" | tee "$W/verify.txt"
grep -q 'No errors detected' "$W/verify.txt" || fail "sfdisk --verify: $(cat "$W/verify.txt")"
read -r nstart nsize < <(sfdisk -d "$W/disk.img" | sed -nE 's/.*img6 : start= *([0-9]+), size= *([0-9]+).*/\1 \2/p')
[[ $nstart == "$start" ]] || fail "the partition moved: $start -> $nstart"
total=$(( $(stat -c %s "$W/disk.img") / 512 ))
(( (nstart + nsize) % 2048 == 0 && nstart + nsize <= total - 34 && nstart + nsize > total - 34 - 2048 )) ||
  fail "partition 6 ends at $((nstart + nsize)) of $total sectors"
blocks=$(dumpe2fs -h "$W/data.ext4" 2>/dev/null | sed -n 's/^Block count: *//p')
bsize=$(dumpe2fs -h "$W/data.ext4" 2>/dev/null | sed -n 's/^Block size: *//p')
(( blocks * bsize == nsize * 512 )) || fail "file system $((blocks * bsize)) bytes, partition $((nsize * 512))"
e2fsck -fn "$W/data.ext4" >/dev/null || fail "e2fsck after the resize"
[[ $(debugfs -R 'cat /outbox.sqlite' "$W/data.ext4" 2>/dev/null) == "outbox contents" ]] || fail "the data is lost"
out=$(bash "$GROW" "$W/disk.img" 6 "$W/data.ext4")
[[ $out == *"fills the card already"* ]] || fail "second run: $out"

# 4. --reboot (kiosk-grow-data.service): after growing, the kiosk restarts before the data partition is used
#    (a stand-in systemctl, first on PATH, records the call); with nothing to grow it does not restart.
mkdir -p "$W/bin"
printf '#!/bin/sh\necho "$*" >> "%s"\n' "$W/systemctl.calls" > "$W/bin/systemctl"
chmod +x "$W/bin/systemctl"
out=$(PATH=$W/bin:$PATH bash "$GROW" --reboot "$W/disk.img" 6 "$W/data.ext4")
[[ $out == *"fills the card already"* && ! -e $W/systemctl.calls ]] || fail "--reboot with nothing to grow: $out"
truncate -s 300M "$W/disk.img"
out=$(PATH=$W/bin:$PATH bash "$GROW" --reboot "$W/disk.img" 6 "$W/data.ext4")
echo "$out"
[[ $out == *"grown to"* ]] || fail "--reboot did not grow: $out"
[[ $(cat "$W/systemctl.calls" 2>/dev/null) == "--no-block reboot" ]] ||
  fail "grown with --reboot but no 'systemctl --no-block reboot': $(cat "$W/systemctl.calls" 2>/dev/null)"
# The unit asks for it.
grep -qx 'ExecStart=/usr/libexec/kiosk/kiosk-grow-data --reboot' \
  "$REPO/firmware/image/overlay/usr/lib/systemd/system/kiosk-grow-data.service" ||
  fail "kiosk-grow-data.service does not restart the kiosk after growing (--reboot)"

# 5. Not the last partition: refused.
out=$(bash "$GROW" "$W/disk.img" 4 2>&1) && fail "grew a partition that is not the last" || true
[[ $out == *"not the last one"* ]] || fail "partition 4: $out"
echo "grow_data_test: PASS ($((size / 2048)) MiB -> $((nsize / 2048)) MiB)"
