#!/usr/bin/env bash
# Builds the flashable Raspberry Pi image (Pi 4, CM4, Pi 3; Debian bookworm arm64) on an x86_64 Debian 12
# machine, from Debian's archive only:  scripts/build-image.sh   ->  build/image/kiosk.img + kiosk.img.bmap
#
#   scripts/build-image.sh [--deb PATH] [--out DIR] [--skip-deb] [--verify]
#
# --verify builds the image twice (OUT/verify-a, OUT/verify-b, the same package) and compares kiosk.img and
# kiosk.img.bmap byte for byte; on a difference it names the partitions that differ and runs diffoscope
# when installed (apt-get install diffoscope-minimal). For two clean checkouts of the same commit, build in
# each and compare the two kiosk.img.sha256 files. Bit-identical needs the same package versions: pin the
# archive with MIRROR=http://snapshot.debian.org/archive/debian/<YYYYMMDDTHHMMSSZ> (and SECURITY_MIRROR).
#
# Run as root, it installs the host tools and (unless --deb is given) builds the arm64 package
# (scripts/cross-setup.sh, preset cross-release, target package-deb), then continues as the unprivileged user
# `kiosk-build`. Run as an ordinary user, the tools must be installed already. The image itself is always
# built without root, loop mounts, mount namespaces or binfmt_misc:
#   1. host:  mmdebstrap --mode=chrootless (Essential + apt) under fakeroot; every other package is only
#             downloaded into the tree's apt cache; the overlay (fstab, network, ...) is copied in; the tree
#             becomes root.ext4 with `mke2fs -d` (fakeroot keeps the ownership).
#   2. qemu-system-aarch64 -M virt (TCG, no KVM needed) boots Debian's arm64 kernel with a throw-away busybox
#             initrd that chroots into the root image and runs firmware/image/stage2.sh: offline apt install,
#             the kiosk package, one initramfs, units enabled, data partition filled, /boot/firmware exported.
#   2b. host: the root and data file systems made again from the tar archives stage 2 wrote
#             (firmware/image/repack-ext4.sh): the emulated kernel's ext4 depends on timing.
#   3. host:  firmware/image/assemble.sh: the FAT partitions (mkfs.fat --invariant + mcopy: partition 1 with
#             autoboot.txt, the boot partitions of slots A and B), genimage (GPT: A/B root slots, data last)
#             under fakeroot, bmaptool create. Updates: scripts/build-bundle.sh makes a signed RAUC bundle
#             from the image.
# SOURCE_DATE_EPOCH (default: the last commit's time) fixes file times, file system UUIDs, hash seeds, the
# FAT volume id and the disk signature. Environment: MIRROR (default http://deb.debian.org/debian),
# SECURITY_MIRROR, ROOT_SIZE (default 1408M, one slot; two slots + boot partitions + data fit a 4 GB card),
# DATA_SIZE (256M; grows to the card on the first boot), BOOT_SIZE_MB (128, one slot's boot partition),
# QEMU_SMP (2), QEMU_TIMEOUT (90m), IMAGE_VERSION (default: the package's version + the commit; in
# /etc/kiosk-image-version, the version an update bundle of this image carries).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

OUT=$REPO/build/image
DEB=""
SKIP_DEB=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --deb) DEB=$(realpath "$2"); shift 2 ;;
    --out) OUT=$(realpath -m "$2"); shift 2 ;;
    --skip-deb) SKIP_DEB=1; shift ;;
    --unprivileged) UNPRIV=1; shift ;;
    --verify) VERIFY=1; shift ;;
    *) echo "build-image.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done

: "${SOURCE_DATE_EPOCH:=$(git -C "$REPO" log -1 --format=%ct 2>/dev/null || echo 1767225600)}"
export SOURCE_DATE_EPOCH
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}
ROOT_SIZE=${ROOT_SIZE:-1408M}
DATA_SIZE=${DATA_SIZE:-256M}
BOOT_SIZE_MB=${BOOT_SIZE_MB:-128}
QEMU_SMP=${QEMU_SMP:-2}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-90m}
BUILD_USER=kiosk-build
HOST_TOOLS=(mmdebstrap fakeroot genimage dosfstools mtools e2fsprogs qemu-system-arm cpio bmap-tools kmod
            zstd xz-utils util-linux git fdisk rauc squashfs-tools)  # the last three: scripts/build-bundle.sh

log() { echo "build-image: [$(date -u +%H:%M:%S)] $*"; }

# --- --verify: two builds, compared ---------------------------------------------------------------------
if [[ ${VERIFY:-0} == 1 ]]; then
  args=()
  [[ -n $DEB ]] && args+=(--deb "$DEB")
  [[ $SKIP_DEB == 1 ]] && args+=(--skip-deb)
  for run in a b; do
    log "verify: build $run of 2 -> $OUT/verify-$run"
    bash "$REPO/scripts/build-image.sh" "${args[@]}" --out "$OUT/verify-$run"
    # The second build uses the package of the first (a package build of its own is another question).
    [[ -n $DEB ]] || { DEB=$(ls -t "$REPO"/build/cross-release/packages/townhall-kiosk_*_arm64.deb | head -1); args=(--deb "$DEB"); }
  done
  A=$OUT/verify-a B=$OUT/verify-b rc=0
  for f in kiosk.img kiosk.img.bmap; do
    if cmp -s "$A/$f" "$B/$f"; then log "verify: $f identical ($(sha256sum < "$A/$f" | cut -c1-16)…)"
    else log "verify: $f DIFFERS"; rc=1; fi
  done
  if [[ $rc != 0 ]]; then
    # Which partitions differ, and by how many bytes.
    sfdisk -d "$A/kiosk.img" 2>/dev/null | sed -nE 's/^[^ ]*img([0-9]+) : start= *([0-9]+), size= *([0-9]+).*name="([^"]*)".*/\1 \2 \3 \4/p' |
      while read -r n start size name; do
        d=$(cmp -l <(dd if="$A/kiosk.img" bs=512 skip="$start" count="$size" status=none) \
                   <(dd if="$B/kiosk.img" bs=512 skip="$start" count="$size" status=none) 2>/dev/null | wc -l)
        log "verify: partition $n ($name): $d bytes differ"
      done
    if command -v diffoscope >/dev/null; then
      diffoscope --text "$OUT/verify.diffoscope.txt" "$A/kiosk.img" "$B/kiosk.img" || true
      log "verify: diffoscope's report: $OUT/verify.diffoscope.txt"
    fi
    log "verify: FAIL (the two builds differ)"
    exit 1
  fi
  log "verify: PASS (two builds, byte-identical kiosk.img and kiosk.img.bmap)"
  exit 0
fi

# --- as root: host tools, the package, then drop privileges -----------------------------------------------
if [[ $(id -u) == 0 && -z ${UNPRIV:-} ]]; then
  missing=$(dpkg-query -W -f='${db:Status-Abbrev}\n' "${HOST_TOOLS[@]}" 2>/dev/null | grep -vc '^ii ' || true)
  if [[ $missing != 0 || $(dpkg-query -W -f='${db:Status-Abbrev}\n' "${HOST_TOOLS[@]}" 2>/dev/null | wc -l) -lt ${#HOST_TOOLS[@]} ]]; then
    log "installing host tools: ${HOST_TOOLS[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${HOST_TOOLS[@]}"
  fi
  if [[ -z $DEB && $SKIP_DEB == 0 ]]; then
    log "building the arm64 package (cross-release preset)"
    bash scripts/cross-setup.sh
    cmake --preset cross-release >/dev/null
    cmake --build --preset cross-release -j2
    cmake --build build/cross-release --target package-deb
  fi
  if [[ -z $DEB ]]; then DEB=$(ls -t "$REPO"/build/cross-release/packages/townhall-kiosk_*_arm64.deb | head -1); fi
  id "$BUILD_USER" >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --no-create-home \
    --shell /usr/sbin/nologin "$BUILD_USER"
  mkdir -p "$OUT"
  chown "$BUILD_USER:" "$OUT"
  # The commit, read here: git refuses a checkout owned by another user ("dubious ownership").
  : "${IMAGE_VERSION:=$(dpkg-deb -f "$DEB" Version)+g$(git -C "$REPO" rev-parse --short=10 HEAD 2>/dev/null || echo unknown)}"
  log "continuing as the unprivileged user $BUILD_USER"
  exec runuser -u "$BUILD_USER" -- env SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" MIRROR="$MIRROR" \
    SECURITY_MIRROR="$SECURITY_MIRROR" ROOT_SIZE="$ROOT_SIZE" DATA_SIZE="$DATA_SIZE" BOOT_SIZE_MB="$BOOT_SIZE_MB" \
    QEMU_SMP="$QEMU_SMP" QEMU_TIMEOUT="$QEMU_TIMEOUT" IMAGE_VERSION="${IMAGE_VERSION:-}" STOP_AFTER_STAGE1="${STOP_AFTER_STAGE1:-0}" \
    RESUME_STAGE2="${RESUME_STAGE2:-0}" HOME=/tmp \
    bash "$REPO/scripts/build-image.sh" --unprivileged --deb "$DEB" --out "$OUT"
fi

# --- unprivileged from here on --------------------------------------------------------------------------
if [[ $(id -u) == 0 ]]; then
  echo "build-image.sh: refusing to build as root (chrootless mmdebstrap runs maintainer scripts on the host)" >&2
  exit 1
fi
if [[ -z $DEB ]]; then DEB=$(ls -t "$REPO"/build/cross-release/packages/townhall-kiosk_*_arm64.deb 2>/dev/null | head -1); fi
[[ -n $DEB && -f $DEB ]] || { echo "build-image.sh: no arm64 package; run as root or pass --deb" >&2; exit 1; }
[[ $(dpkg-deb -f "$DEB" Architecture) == arm64 ]] || { echo "build-image.sh: $DEB is not arm64" >&2; exit 1; }
for t in mmdebstrap fakeroot genimage mkfs.fat mcopy mke2fs qemu-system-aarch64 cpio bmaptool depmod sfdisk; do
  command -v "$t" >/dev/null || { echo "build-image.sh: $t missing; run as root once to install the host tools" >&2; exit 1; }
done

W=$OUT/work
FR=$W/fakeroot.state
IMG_DIR=$REPO/firmware/image
mkdir -p "$OUT"
T0=$(date +%s)
uuid_of() { echo -n "$1-$SOURCE_DATE_EPOCH" | sha256sum | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/'; }
ROOT_UUID=$(uuid_of root); DATA_UUID=$(uuid_of data)
# RESUME_STAGE2=1 (development): reuse a stage 1 whose stage 2 never started (root.ext4 untouched).
if [[ ${RESUME_STAGE2:-0} != 1 ]]; then
rm -rf "$W"
mkdir -p "$W"

# Packages of the image besides Essential + apt (no recommends). The kiosk package brings its own Depends.
PACKAGES="systemd-sysv udev kmod dbus linux-image-arm64 initramfs-tools zstd raspi-firmware firmware-brcm80211
 wpasupplicant openssh-server systemd-timesyncd systemd-resolved ca-certificates tzdata iproute2 dosfstools
 e2fsprogs libpam-systemd libegl1 libgles2 libgl1-mesa-dri libegl-mesa0 fonts-dejavu-core
 rauc fdisk mtools curl"   # A/B updates (RAUC, boot partitions edited with mtools, HTTPS downloads), growing the data partition
PACKAGES=$(echo $PACKAGES)
DEB_NAME=$(basename "$DEB")
IMAGE_VERSION=${IMAGE_VERSION:-$(dpkg-deb -f "$DEB" Version)+g$(git -C "$REPO" rev-parse --short=10 HEAD 2>/dev/null || echo unknown)}
log "image version $IMAGE_VERSION"

# 1. ----------------------------------------------------------------------------------------------------------
log "stage 1: mmdebstrap --mode=chrootless (arm64, no binfmt), downloading the rest"
cp "$DEB" "$W/$DEB_NAME"
fakeroot -s "$FR" -- mmdebstrap --mode=chrootless --architectures=arm64 --variant=apt \
  --skip=check/qemu --skip=cleanup/apt \
  --components="main non-free-firmware" \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --customize-hook="mkdir -p \"\$1/var/cache/kiosk\" && cp '$W/$DEB_NAME' \"\$1/var/cache/kiosk/\"" \
  --customize-hook="APT_CONFIG=\$MMDEBSTRAP_APT_CONFIG apt-get --download-only --no-install-recommends -y install $PACKAGES '$W/$DEB_NAME' busybox-static" \
  bookworm "$W/rootfs" \
  "deb $MIRROR bookworm main non-free-firmware" \
  "deb $MIRROR bookworm-updates main non-free-firmware" \
  "deb $SECURITY_MIRROR bookworm-security main non-free-firmware" 2>&1 | tail -n 20
[[ -x $W/rootfs/usr/bin/apt-get ]] || { echo "build-image.sh: stage 1 failed" >&2; exit 1; }
T1=$(date +%s)

ARCHIVES=$W/rootfs/var/cache/apt/archives
KDEB=$(ls "$ARCHIVES"/linux-image-[0-9]*-arm64_*.deb | grep -v -- '-unsigned' | head -1)
mkdir -p "$W/kernel" "$W/busybox"
dpkg-deb -x "$KDEB" "$W/kernel"
dpkg-deb -x "$(ls "$ARCHIVES"/busybox-static_*_arm64.deb | head -1)" "$W/busybox"
KVER=$(ls "$W/kernel/lib/modules" 2>/dev/null || ls "$W/kernel/usr/lib/modules")
KVER=$(echo "$KVER" | head -1)
log "kernel $KVER"

# The root tree: overlay, the second stage and its settings.
fakeroot -i "$FR" -s "$FR" -- sh -ec "
  # Not the checkout's file times (they differ between clones): copied as new, then clamped below.
  cp -a --no-preserve=timestamps '$IMG_DIR/overlay/.' '$W/rootfs/'
  chown -R 0:0 '$W/rootfs/etc/fstab' '$W/rootfs/etc/environment' '$W/rootfs/etc/systemd' '$W/rootfs/etc/default' '$W/rootfs/etc/initramfs-tools' \
    '$W/rootfs/etc/ssh' '$W/rootfs/etc/apt/apt.conf.d' '$W/rootfs/usr/lib/systemd/system' '$W/rootfs/usr/libexec/kiosk' \
    '$W/rootfs/etc/rauc' '$W/rootfs/usr/sbin/kiosk-update' '$W/rootfs/usr/share/dbus-1' '$W/rootfs/usr/lib/udev' '$W/rootfs/usr/lib/tmpfiles.d'
  echo '$IMAGE_VERSION' > '$W/rootfs/etc/kiosk-image-version'
  mkdir -p '$W/rootfs/boot/firmware' '$W/rootfs/data'
  install -m 0755 '$IMG_DIR/stage2.sh' '$W/rootfs/kiosk-stage2.sh'
  printf 'PACKAGES=\"%s\"\nKIOSK_DEB=/var/cache/kiosk/%s\n' '$PACKAGES' '$DEB_NAME' > '$W/rootfs/kiosk-stage2.env'
  find '$W/rootfs' -xdev -newermt @$SOURCE_DATE_EPOCH -exec touch -h -d @$SOURCE_DATE_EPOCH {} +
"
export E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH
fakeroot -i "$FR" -- mke2fs -q -F -t ext4 -L root -U "$ROOT_UUID" -E "hash_seed=$ROOT_UUID" -d "$W/rootfs" \
  "$W/root.ext4" "$ROOT_SIZE"
mke2fs -q -F -t ext4 -L kioskdata -U "$DATA_UUID" -E "hash_seed=$DATA_UUID,root_owner=0:0" "$W/data.ext4" "$DATA_SIZE"
truncate -s "${BOOT_SIZE_MB}M" "$W/bootfw.tar"
# Stage 2 writes the finished root and data trees here as tar archives (firmware/image/repack-ext4.sh).
truncate -s "$ROOT_SIZE" "$W/root.tar"
truncate -s "$DATA_SIZE" "$W/data.tar"

# The helper initrd: static busybox + the modules to reach an ext4 root on virtio.
I=$W/initrd
mkdir -p "$I/bin" "$I/proc" "$I/sys" "$I/dev" "$I/mnt"
cp "$W/busybox/bin/busybox" "$I/bin/busybox"
install -m 0755 "$IMG_DIR/helper-init" "$I/init"
MODBASE=$W/kernel
[[ -d $MODBASE/lib/modules ]] || MODBASE=$W/kernel/usr
depmod -b "$MODBASE" "$KVER"
MD=$MODBASE/lib/modules/$KVER
: > "$I/modules.load"
add_module() {  # name -> its dependencies first, then itself
  local line path deps d
  line=$(grep -E "/$1\.ko(\.[a-z]+)?:" "$MD/modules.dep" | head -1) || return 0
  [[ -n $line ]] || return 0
  path=${line%%:*}; deps=${line#*:}
  for d in $deps; do add_module "$(basename "${d%%.ko*}")"; done
  grep -qx "$path" "$I/modules.load" && return 0
  mkdir -p "$I/$(dirname "$path")"
  case "$path" in
    *.xz) xz -dc "$MD/$path" > "$I/${path%.xz}"; path=${path%.xz} ;;
    *.zst) zstd -qdc "$MD/$path" > "$I/${path%.zst}"; path=${path%.zst} ;;
    *) cp "$MD/$path" "$I/$path" ;;
  esac
  echo "$path" >> "$I/modules.load"
}
for m in virtio_mmio virtio_pci virtio_blk crc32c_generic ext4; do add_module "$m"; done
log "helper initrd modules: $(tr '\n' ' ' < "$I/modules.load")"
(cd "$I" && find . | sort | cpio --quiet -o -H newc --reproducible | gzip -n -1) > "$W/helper.cpio.gz"
else
  log "resuming at stage 2 with $W"
  T1=$T0
  KVER=$(ls "$W/kernel/lib/modules" 2>/dev/null || ls "$W/kernel/usr/lib/modules"); KVER=$(echo "$KVER" | head -1)
  rm -f "$W/stage2.log"
  truncate -s 0 "$W/root.tar" "$W/data.tar"; truncate -s "$ROOT_SIZE" "$W/root.tar"; truncate -s "$DATA_SIZE" "$W/data.tar"
fi

if [[ ${STOP_AFTER_STAGE1:-0} == 1 ]]; then log "stopping after stage 1 (STOP_AFTER_STAGE1=1)"; exit 0; fi

# 2. ----------------------------------------------------------------------------------------------------------
log "stage 2: qemu-system-aarch64 (emulated, ${QEMU_SMP} CPUs) — installs, initramfs, units; log: $W/stage2.log"
VMLINUZ=$(ls "$W/kernel/boot/vmlinuz-"* | head -1)
timeout "$QEMU_TIMEOUT" qemu-system-aarch64 -M virt -cpu cortex-a57 -smp "$QEMU_SMP" -m 2048 \
  -display none -monitor none -serial "file:$W/stage2.log" -no-reboot -nic none \
  -kernel "$VMLINUZ" -initrd "$W/helper.cpio.gz" \
  -append "console=ttyAMA0 panic=-1 kiosk.sde=$SOURCE_DATE_EPOCH" \
  -drive "file=$W/root.ext4,format=raw,if=none,id=d0,cache=unsafe" -device virtio-blk-pci,drive=d0 \
  -drive "file=$W/data.ext4,format=raw,if=none,id=d1,cache=unsafe" -device virtio-blk-pci,drive=d1 \
  -drive "file=$W/bootfw.tar,format=raw,if=none,id=d2,cache=unsafe" -device virtio-blk-pci,drive=d2 \
  -drive "file=$W/root.tar,format=raw,if=none,id=d3,cache=unsafe" -device virtio-blk-pci,drive=d3 \
  -drive "file=$W/data.tar,format=raw,if=none,id=d4,cache=unsafe" -device virtio-blk-pci,drive=d4 \
  || true
grep -a 'kiosk-stage2: \[' "$W/stage2.log" | tail -n 12 || true
if ! grep -aq 'KIOSK-STAGE2-RESULT rc=0' "$W/stage2.log"; then
  tail -n 60 "$W/stage2.log" >&2
  echo "build-image.sh: stage 2 failed (see $W/stage2.log)" >&2
  exit 1
fi
T2=$(date +%s)

# 2b. ---------------------------------------------------------------------------------------------------------
log "stage 2b: root and data file systems made again from stage 2's tar archives (reproducible)"
SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH bash "$IMG_DIR/repack-ext4.sh" "$W/root.tar" "$W/root.ext4" root "$ROOT_UUID" "$ROOT_SIZE"
SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH bash "$IMG_DIR/repack-ext4.sh" "$W/data.tar" "$W/data.ext4" kioskdata "$DATA_UUID" "$DATA_SIZE"
rm -f "$W/root.tar" "$W/data.tar"
T2B=$(date +%s)

# 3. ----------------------------------------------------------------------------------------------------------
log "stage 3: boot partitions (autoboot, slots A and B), genimage (GPT, A/B), bmap"
SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH BOOT_SIZE_MB=$BOOT_SIZE_MB bash "$IMG_DIR/assemble.sh" "$W" "$OUT"
T3=$(date +%s)

log "done: $OUT/kiosk.img ($(du -h --apparent-size "$OUT/kiosk.img" | cut -f1) apparent, $(du -h "$OUT/kiosk.img" | cut -f1) allocated)"
log "times: stage 1 $((T1 - T0)) s, stage 2 (emulated) $((T2 - T1)) s, stage 2b $((T2B - T2)) s, stage 3 $((T3 - T2B)) s, total $((T3 - T0)) s"
log "flash: bmaptool copy $OUT/kiosk.img /dev/sdX   (then put kiosk-provision.toml on the boot partition)"
log "update bundle: scripts/build-bundle.sh --image $OUT/kiosk.img --cert SIGNER.pem --key SIGNER.key"
