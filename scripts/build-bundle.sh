#!/usr/bin/env bash
# Makes a signed RAUC update bundle (Debian's `rauc`) for the kiosk's A/B slots from a built image or from
# the slot images themselves. Needs no root.
#
#   scripts/build-bundle.sh --cert SIGNER.pem --key SIGNER.key [--keyring CA.pem] [--intermediate CA.pem]
#                           [--image build/image/kiosk.img | --rootfs ROOT.ext4 [--bootfs BOOT.vfat]]
#                           [--version V] [--compatible C] [--out FILE.raucb]
#
# From --image (default build/image/kiosk.img) it cuts slot A's root (GPT name rootA) and boot partition
# (bootA) out of the image with dd; the kiosk's post-install handler points the boot partition's
# cmdline.txt at whichever slot it lands in. The manifest (format verity) names the compatible string
# (default: the one in firmware/image/overlay/etc/rauc/system.conf, which the kiosk compares), the version
# (default: /etc/kiosk-image-version inside the root image, read with debugfs), the slot classes rootfs and
# bootfs, and each image's sha256 and size. --keyring checks the finished bundle against that keyring (the
# one the kiosks hold) before it is handed out. How a municipality makes and keeps its signing key:
# docs/technician.md, "Update signing key".
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)

CERT="" KEY="" KEYRING="" INTERMEDIATE="" IMAGE="" ROOTFS="" BOOTFS="" VERSION="" COMPATIBLE="" OUT=""
die() { echo "build-bundle.sh: $*" >&2; exit 1; }
while [[ $# -gt 0 ]]; do
  [[ $# -ge 2 ]] || die "option $1 needs a value"
  case "$1" in
    --cert) CERT=$2 ;;
    --key) KEY=$2 ;;
    --keyring) KEYRING=$2 ;;
    --intermediate) INTERMEDIATE=$2 ;;
    --image) IMAGE=$2 ;;
    --rootfs) ROOTFS=$2 ;;
    --bootfs) BOOTFS=$2 ;;
    --version) VERSION=$2 ;;
    --compatible) COMPATIBLE=$2 ;;
    --out) OUT=$2 ;;
    *) echo "build-bundle.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
  shift 2
done
[[ -n $CERT && -n $KEY ]] || { echo "build-bundle.sh: --cert and --key are required" >&2; exit 2; }
[[ -f $CERT ]] || die "no certificate at $CERT"
[[ -f $KEY || $KEY == pkcs11:* ]] || die "no key at $KEY"
for t in rauc mksquashfs sfdisk debugfs sha256sum; do
  command -v "$t" >/dev/null || die "$t missing (apt-get install rauc squashfs-tools fdisk e2fsprogs)"
done
: "${SOURCE_DATE_EPOCH:=$(git -C "$REPO" log -1 --format=%ct 2>/dev/null || echo 1767225600)}"
export SOURCE_DATE_EPOCH  # mksquashfs takes its file times from it

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-bundle.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/in"

# --- the slot images ------------------------------------------------------------------------------------------
if [[ -z $ROOTFS ]]; then
  IMAGE=${IMAGE:-$REPO/build/image/kiosk.img}
  [[ -f $IMAGE ]] || die "no image at $IMAGE (build one with scripts/build-image.sh, or pass --rootfs)"
  # One partition by its GPT name: "start size" in 512-byte sectors, from sfdisk's dump.
  part_of() {
    sfdisk -d "$IMAGE" 2>/dev/null | sed -nE "s/.*start= *([0-9]+), *size= *([0-9]+),.*name=\"$1\".*/\1 \2/p"
  }
  for name in rootA bootA; do
    read -r start size < <(part_of "$name") || true
    [[ -n ${size:-} ]] || die "$IMAGE has no partition named $name (not an A/B kiosk image?)"
    file=$WORK/in/$([[ $name == rootA ]] && echo root.ext4 || echo boot.vfat)
    dd if="$IMAGE" of="$file" bs=512 skip="$start" count="$size" conv=sparse status=none
    unset start size
  done
else
  [[ -f $ROOTFS ]] || die "no root image at $ROOTFS"
  cp --sparse=always "$ROOTFS" "$WORK/in/root.ext4"
  if [[ -n $BOOTFS ]]; then
    [[ -f $BOOTFS ]] || die "no boot image at $BOOTFS"
    cp --sparse=always "$BOOTFS" "$WORK/in/boot.vfat"
  else
    echo "build-bundle: no --bootfs: the slot keeps the kernel and firmware it has (right only when they did not change)" >&2
  fi
fi
# Only an ext4 root goes into a bundle (the slot type on the kiosk).
debugfs -R stats "$WORK/in/root.ext4" >/dev/null 2>&1 || die "the root image is not an ext4 file system"

if [[ -z $VERSION ]]; then
  VERSION=$(debugfs -R 'cat /etc/kiosk-image-version' "$WORK/in/root.ext4" 2>/dev/null | head -1 | tr -d '\r')
  [[ -n $VERSION ]] || die "the root image has no /etc/kiosk-image-version: pass --version"
fi
[[ $VERSION =~ ^[A-Za-z0-9.+~:_-]+$ ]] || die "version '$VERSION' has characters other than letters, digits and .+~:_-"
SYSTEM_CONF=$REPO/firmware/image/overlay/etc/rauc/system.conf
if [[ -z $COMPATIBLE ]]; then
  COMPATIBLE=$(sed -nE 's/^compatible *= *//p' "$SYSTEM_CONF" | head -1)
fi
[[ -n $COMPATIBLE ]] || die "no compatible string"

# --- manifest -----------------------------------------------------------------------------------------------
image_section() {  # slot class, file
  printf '\n[image.%s]\nfilename=%s\nsha256=%s\nsize=%s\n' "$1" "$2" \
    "$(sha256sum "$WORK/in/$2" | cut -d' ' -f1)" "$(stat -c %s "$WORK/in/$2")"
}
{
  printf '[update]\ncompatible=%s\nversion=%s\n' "$COMPATIBLE" "$VERSION"
  printf 'build=%s\n' "$(git -C "$REPO" describe --always --dirty 2>/dev/null || echo unknown)"
  printf 'description=Town-hall kiosk %s\n' "$VERSION"
  # verity: the kiosk checks every block as it reads it (dm-verity), also when streaming over HTTPS.
  printf '\n[bundle]\nformat=verity\n'
  image_section rootfs root.ext4
  [[ -f $WORK/in/boot.vfat ]] && image_section bootfs boot.vfat
} > "$WORK/in/manifest.raucm"

OUT=${OUT:-$REPO/build/image/kiosk-$VERSION.raucb}
mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
args=(bundle --cert "$CERT" --key "$KEY")
[[ -n $INTERMEDIATE ]] && args+=(--intermediate "$INTERMEDIATE")
# Checked as the kiosk checks: its system.conf (certificate purpose codesign) with the given keyring.
[[ -n $KEYRING ]] && args=(-c "$SYSTEM_CONF" "${args[@]}" --signing-keyring "$KEYRING")
if ! rauc "${args[@]}" --mksquashfs-args="-processors 2" "$WORK/in" "$OUT" >"$WORK/rauc.log" 2>&1; then
  cat "$WORK/rauc.log" >&2
  die "rauc bundle failed"
fi
echo "build-bundle: $OUT (compatible $COMPATIBLE, version $VERSION, $(du -h --apparent-size "$OUT" | cut -f1))"
