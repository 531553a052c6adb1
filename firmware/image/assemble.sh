#!/usr/bin/env bash
# Stage 3 of scripts/build-image.sh, on the build host without root: the A/B disk image from what stage 2
# left in WORK (root.ext4, data.ext4, bootfw.tar = the root's /boot/firmware), laid out by genimage.cfg:
#   boot.vfat   partition 1, FAT16 KIOSKBOOT: autoboot.txt (slot A committed, B to try) and the example
#               provisioning file
#   bootA.vfat, bootB.vfat   the slots' boot partitions: /boot/firmware with cmdline.txt pointing at the
#               slot's own root (root=PARTUUID=<rootA|rootB> rauc.slot=A|B), made by the same code as the
#               kiosk's RAUC post-install handler uses
# Both root slots get the same root.ext4. Then bmaptool create and a sha256 file.
#   firmware/image/assemble.sh WORK OUT        (SOURCE_DATE_EPOCH, BOOT_SIZE_MB from the caller)
set -euo pipefail
IMG_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$IMG_DIR/../.." && pwd)
W=${1:?work directory}
OUT=${2:?output directory}
: "${SOURCE_DATE_EPOCH:?}" "${BOOT_SIZE_MB:=128}"
OVERLAY=$IMG_DIR/overlay

# Checked only: a repair (-y) would write the check time into the superblock (not reproducible).
e2fsck -fn "$W/root.ext4" >/dev/null
e2fsck -fn "$W/data.ext4" >/dev/null
rm -rf "${W:?}/boot" "$W/in" "$W/gi-tmp" "$W/empty" "$W/p1"
mkdir -p "$W/boot" "$W/in" "$W/empty" "$W/p1"
tar -C "$W/boot" -xf "$W/bootfw.tar"
for f in config.txt cmdline.txt bootcode.bin start4.elf; do
  [[ -f $W/boot/$f ]] || { echo "assemble.sh: boot partition lacks $f" >&2; exit 1; }
done
grep -q vc4-kms-v3d "$W/boot/config.txt" || { echo "assemble.sh: config.txt lacks vc4-kms-v3d" >&2; exit 1; }
ls "$W/boot"/vmlinuz-* "$W/boot"/initrd.img-* "$W/boot"/bcm2711-rpi-4-b.dtb >/dev/null
# dtoverlay= lines (config.txt) look in overlays/: it exists even when the firmware package ships none.
mkdir -p "$W/boot/overlays"

export MTOOLS_SKIP_CHECK=1
fat_from_dir() {  # image, size in KiB, FAT bits, label, volume id, directory
  mkfs.fat -C -F "$3" -n "$4" -i "$5" --invariant "$1" "$2" >/dev/null
  (cd "$6" && find . -mindepth 1 -maxdepth 1 | sort | sed 's#^\./##' | while read -r f; do
     mcopy -s -m -p -i "$1" "$f" ::; done)
}
partuuid_of() { sed -n "/^  partition $1 {/,/}/s/.*partition-uuid = \"\(.*\)\"/\1/p" "$IMG_DIR/genimage.cfg"; }

# The slots' boot partitions.
for slot in A B; do
  uuid=$(partuuid_of "root$slot")
  [[ -n $uuid ]] || { echo "assemble.sh: genimage.cfg has no partition root$slot" >&2; exit 1; }
  rm -rf "${W:?}/boot$slot"; cp -a "$W/boot" "$W/boot$slot"
  sh "$OVERLAY/usr/libexec/kiosk/kiosk-rauc-post-install" cmdline "$W/boot$slot/cmdline.txt" "$uuid" "$slot"
  find "$W/boot$slot" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  fat_from_dir "$W/in/boot$slot.vfat" $((BOOT_SIZE_MB * 1024)) 32 KIOSKSLOT$slot "4b69${slot}0${slot}0" "$W/boot$slot"
done
# Partition 1: what the firmware reads first (autoboot.txt) and what a technician sees on a laptop.
install -m 0644 "$IMG_DIR/autoboot.txt" "$W/p1/autoboot.txt"
install -m 0644 "$REPO/firmware/kiosk-provision.example.toml" "$W/p1/kiosk-provision.example.toml"
find "$W/p1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
fat_from_dir "$W/in/boot.vfat" $((32 * 1024)) 16 KIOSKBOOT 4b696f73 "$W/p1"

mv "$W/root.ext4" "$W/in/root.ext4"
mv "$W/data.ext4" "$W/in/data.ext4"
rm -f "$OUT/kiosk.img" "$OUT/kiosk.img.bmap"
fakeroot -- genimage --config "$IMG_DIR/genimage.cfg" --rootpath "$W/empty" --tmppath "$W/gi-tmp" \
  --inputpath "$W/in" --outputpath "$OUT" >/dev/null
bmaptool -q create -o "$OUT/kiosk.img.bmap" "$OUT/kiosk.img"
(cd "$OUT" && sha256sum kiosk.img > kiosk.img.sha256)
