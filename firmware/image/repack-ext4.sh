#!/usr/bin/env bash
# Makes an ext4 image from a tar archive so that it depends on the archive's contents only (reproducible
# images, issue 18): the file system the emulated stage 2 wrote depends on timing (block allocation, inode
# change times, journal), so scripts/build-image.sh has stage 2 write tar archives (firmware/image/stage2.sh,
# tar_to) and makes the final file systems here, on the host, without root:
#   1. the archive is unpacked under fakeroot (owners, set-uid bits, device nodes, hard links recorded);
#   2. mke2fs -d (E2FSPROGS_FAKE_TIME, fixed UUID and hash seed) fills a new file system, in name order;
#   3. mke2fs copies each file's access and change time from the unpacked copy (the time of unpacking):
#      debugfs sets both to SOURCE_DATE_EPOCH for every inode; should debugfs have written the superblock,
#      its write time is set back (with the superblock checksum, crc32c, recomputed in Perl: perl-base is
#      Essential on Debian).
#   firmware/image/repack-ext4.sh TAR IMAGE LABEL UUID SIZE [MKE2FS_EXTENDED_OPTIONS]
set -euo pipefail
TAR=${1:?tar archive}
IMAGE=${2:?ext4 image}
LABEL=${3:?label}
UUID=${4:?uuid}
SIZE=${5:?size}
EXTRA=${6:-}
: "${SOURCE_DATE_EPOCH:?}"
export E2FSPROGS_FAKE_TIME=$SOURCE_DATE_EPOCH
export PATH=$PATH:/usr/sbin:/sbin
T=$(mktemp -d "$(dirname "$IMAGE")/repack.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir "$T/tree"
fakeroot -s "$T/state" -- tar -C "$T/tree" --numeric-owner --same-permissions --xattrs --xattrs-include='*' \
  -xf "$TAR"
rm -rf "$T/tree/lost+found"
rm -f "$IMAGE"
fakeroot -i "$T/state" -- mke2fs -q -F -t ext4 -L "$LABEL" -U "$UUID" -E "hash_seed=$UUID${EXTRA:+,$EXTRA}" \
  -d "$T/tree" "$IMAGE" "$SIZE"
{
  echo "sif / atime @$SOURCE_DATE_EPOCH"
  echo "sif / ctime @$SOURCE_DATE_EPOCH"
  (cd "$T/tree" && find . -mindepth 1 -printf '%P\n') |
    awk -v t="$SOURCE_DATE_EPOCH" '{ gsub(/"/, "\\\""); printf "sif \"/%s\" atime @%s\nsif \"/%s\" ctime @%s\n", $0, t, $0, t }'
} > "$T/times.debugfs"
debugfs -w -f "$T/times.debugfs" "$IMAGE" > "$T/debugfs.log" 2>&1
if grep -v '^debugfs[ :]' "$T/debugfs.log" | grep -q .; then
  grep -v '^debugfs[ :]' "$T/debugfs.log" | head -5 >&2
  echo "repack-ext4.sh: debugfs could not set every time in $IMAGE" >&2
  exit 1
fi
# The primary superblock's write time (offset 48) and checksum (offset 1020, crc32c of bytes 0..1019).
perl -e '
  my ($img, $t) = @ARGV;
  my @tbl = map { my $c = $_; for (1..8) { $c = ($c & 1) ? ($c >> 1) ^ 0x82F63B78 : $c >> 1 } $c } 0..255;
  open(my $f, "+<:raw", $img) or die "$img: $!";
  seek($f, 1024, 0); read($f, my $sb, 1024) == 1024 or die "short superblock";
  substr($sb, 48, 4) = pack("V", $t);
  my $crc = 0xFFFFFFFF;
  $crc = $tbl[($crc ^ ord($_)) & 0xFF] ^ ($crc >> 8) for split //, substr($sb, 0, 1020);
  substr($sb, 1020, 4) = pack("V", $crc);
  seek($f, 1024, 0); print $f $sb; close($f) or die;
' "$IMAGE" "$SOURCE_DATE_EPOCH"
e2fsck -fn "$IMAGE" > "$T/fsck.log" 2>&1 || { cat "$T/fsck.log" >&2; echo "repack-ext4.sh: $IMAGE fails e2fsck" >&2; exit 1; }
