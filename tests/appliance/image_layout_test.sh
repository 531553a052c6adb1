#!/usr/bin/env bash
# Stage 3 of the image build (firmware/image/assemble.sh + genimage.cfg) on stand-in inputs, without root
# and without the emulated stage: the A/B layout, the slots' cmdline.txt, autoboot.txt, the overlays
# directory; then an update bundle cut from the image (scripts/build-bundle.sh --image) and the data
# partition grown on a 4 GB "card" (kiosk-grow-data on the image file).
#   image_layout_test.sh WORKDIR
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
W=${1:?work directory}
rm -rf "$W"; mkdir -p "$W/work/bootfw" "$W/out" "$W/root/etc"
source "$REPO/tests/appliance/support.sh"
need_tools genimage mkfs.fat mcopy fakeroot bmaptool sfdisk mke2fs rauc mksquashfs openssl awk
export SOURCE_DATE_EPOCH=1767225600 E2FSPROGS_FAKE_TIME=1767225600 MTOOLS_SKIP_CHECK=1 BOOT_SIZE_MB=40

# What stage 2 leaves: the root and data file systems and /boot/firmware as a tar.
echo 1.0-test > "$W/root/etc/kiosk-image-version"
head -c 65536 /dev/urandom > "$W/root/etc/noise"
mke2fs -q -F -t ext4 -L root -d "$W/root" "$W/work/root.ext4" 24M
mke2fs -q -F -t ext4 -L kioskdata "$W/work/data.ext4" 16M
(cd "$W/work/bootfw"
 echo 'dtoverlay=vc4-kms-v3d' > config.txt
 echo 'console=tty3 console=ttyS1,115200 root=LABEL=root rootwait ro quiet' > cmdline.txt
 for f in bootcode.bin start4.elf vmlinuz-6.1.0-99-arm64 initrd.img-6.1.0-99-arm64 bcm2711-rpi-4-b.dtb; do
   echo "$f" > "$f"; done
 tar -cf ../bootfw.tar .)
bash "$REPO/firmware/image/assemble.sh" "$W/work" "$W/out" >/dev/null 2>"$W/assemble.err" || { cat "$W/assemble.err"; fail "assemble.sh"; }
IMG=$W/out/kiosk.img
[[ -s $W/out/kiosk.img.bmap ]] || fail "no .bmap"

table=$(sfdisk -d "$IMG")
echo "$table"
names=$(echo "$table" | sed -nE 's/.*name="([^"]*)".*/\1/p' | tr '\n' ' ')
[[ $names == "boot bootA bootB rootA rootB data " ]] || fail "partitions: $names"
grep -q '^label: gpt' <<<"$table" || fail "not GPT"
start_of() { echo "$table" | sed -nE "s/.*img$1 : start= *([0-9]+),.*/\1/p"; }
uuid_of() { echo "$table" | sed -nE "s/.*img$1 : .*uuid=([0-9A-F-]+),.*/\1/p" | tr 'A-F' 'a-f'; }
fat() { echo "$IMG@@$(( $(start_of "$1") * 512 ))"; }

# Partition 1: autoboot.txt with slot A committed and B to try, the example provisioning file.
[[ $(mtype -i "$(fat 1)" ::autoboot.txt | tr '\n' ' ') == "[all] tryboot_a_b=1 boot_partition=2 [tryboot] boot_partition=3 " ]] ||
  fail "autoboot.txt: $(mtype -i "$(fat 1)" ::autoboot.txt)"
mdir -b -i "$(fat 1)" :: | grep -q 'kiosk-provision.example.toml' || fail "partition 1 lacks the example provisioning file"
# The slots: each boots its own root, and has overlays/ for dtoverlay=.
for p in 2:A:4 3:B:5; do
  IFS=: read -r part slot root <<<"$p"
  line=$(mtype -i "$(fat "$part")" ::cmdline.txt)
  [[ $line == "console=tty3 console=ttyS1,115200 root=PARTUUID=$(uuid_of "$root") rootwait ro quiet rauc.slot=$slot" ]] ||
    fail "slot $slot cmdline.txt: $line"
  mdir -b -i "$(fat "$part")" ::overlays >/dev/null 2>&1 || fail "slot $slot has no overlays directory"
  mdir -b -i "$(fat "$part")" :: | grep -q vmlinuz-6.1.0-99-arm64 || fail "slot $slot has no kernel"
done

# The QEMU firmware stand-in (scripts/qemu-firmware.sh) reads autoboot.txt as the Pi firmware does: the
# committed slot, or once the slot to try when the trial flag is set (then spent).
source "$REPO/scripts/qemu-firmware.sh"
fw_select "$IMG"; [[ $FW_PART == 2 && $FW_TRIAL == 0 ]] || fail "firmware: partition $FW_PART, trial $FW_TRIAL"
echo 1 > "$W/flag"; mcopy -i "$(fat 1)" "$W/flag" ::kiosk-tryboot
fw_select "$IMG"; [[ $FW_PART == 3 && $FW_TRIAL == 1 ]] || fail "firmware, trial: partition $FW_PART, trial $FW_TRIAL"
fw_select "$IMG"; [[ $FW_PART == 2 && $FW_TRIAL == 0 ]] || fail "firmware: the trial flag was not spent"
mkdir -p "$W/fw"; fw_load "$IMG" 3 "$W/fw"
[[ $(cat "$W/fw/vmlinuz") == vmlinuz-6.1.0-99-arm64 && $(cat "$W/fw/cmdline.txt") == *"rauc.slot=B" ]] ||
  fail "firmware: slot B's kernel and command line"

# A bundle cut from the image: slot A's root and boot partition, version from the root.
cat > "$W/x509.cnf" <<'CNF'
[req]
distinguished_name = dn
[dn]
[signer]
extendedKeyUsage = codeSigning
CNF
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/k.pem" -out "$W/c.pem" -days 2 \
  -subj "/CN=image layout test signer (test only)" -config "$W/x509.cnf" -extensions signer 2>/dev/null
bash "$REPO/scripts/build-bundle.sh" --image "$IMG" --cert "$W/c.pem" --key "$W/k.pem" --keyring "$W/c.pem" \
  --out "$W/out/kiosk.raucb"
json=$(rauc -c "$REPO/firmware/image/overlay/etc/rauc/system.conf" info --keyring "$W/c.pem" --output-format=json \
       "$W/out/kiosk.raucb" 2>/dev/null)
[[ $json == *'"version":"1.0-test"'* && $json == *'"rootfs":{'* && $json == *'"bootfs":{'* ]] || fail "bundle: $json"
[[ $json == *"\"checksum\":\"$(sha256sum < "$W/work/in/root.ext4" | cut -d' ' -f1)\""* ]] || fail "rootfs checksum: $json"

# Flashed onto a 4 GB card: the data partition (the last one) grows to the card's end.
cp --sparse=always "$IMG" "$W/card.img"
truncate -s 4000000000 "$W/card.img"
read -r dstart dsize < <(sfdisk -d "$W/card.img" 2>/dev/null | sed -nE 's/.*img6 : start= *([0-9]+), size= *([0-9]+).*/\1 \2/p')
dd if="$W/card.img" of="$W/data.ext4" bs=512 skip="$dstart" count="$dsize" status=none
bash "$REPO/firmware/image/overlay/usr/libexec/kiosk/kiosk-grow-data" "$W/card.img" 6 "$W/data.ext4" >"$W/grow.log" 2>&1 ||
  { cat "$W/grow.log"; fail "grow"; }
read -r _ nsize < <(sfdisk -d "$W/card.img" 2>/dev/null | sed -nE 's/.*img6 : start= *([0-9]+), size= *([0-9]+).*/\1 \2/p')
(( (dstart + nsize) * 512 > 4000000000 - 2 * 1048576 )) || fail "data partition ends at $(( (dstart + nsize) * 512 )) of 4000000000 bytes"
echo "image_layout_test: PASS (data partition $((dsize / 2048)) MiB -> $((nsize / 2048)) MiB on a 4 GB card)"
