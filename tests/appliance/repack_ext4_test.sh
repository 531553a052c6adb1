#!/usr/bin/env bash
# firmware/image/repack-ext4.sh (reproducible images, issue 18): the same tree, archived twice with different
# file times and creation orders and repacked a few seconds apart, gives byte-identical ext4 images; owners,
# set-uid bits, hard links, symbolic links and FIFOs survive; every time is SOURCE_DATE_EPOCH; e2fsck passes.
# (Before: mke2fs -d copied each file's access and change time from the unpacked copy.) No root.
#   repack_ext4_test.sh WORKDIR
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
W=${1:?work directory}
rm -rf "$W"; mkdir -p "$W"
source "$REPO/tests/appliance/support.sh"
need_tools fakeroot mke2fs debugfs e2fsck tar perl
export SOURCE_DATE_EPOCH=1767225600
UUID=4b696f73-6b00-4000-8000-0000000000aa

make_tree() {  # directory, order (forward|reverse): the same tree, files made in another order
  local d=$1 i seq
  mkdir -p "$d/etc" "$d/usr/bin"
  if [[ $2 == forward ]]; then seq=$(seq 1 40); else seq=$(seq 40 -1 1); fi
  for i in $seq; do echo "file $i" > "$d/etc/f$i"; done
  printf '#!/bin/sh\necho su\n' > "$d/usr/bin/su"
  chown 0:0 "$d/usr/bin/su"; chmod 4755 "$d/usr/bin/su"
  chown 100:101 "$d/etc/f3"
  ln "$d/etc/f1" "$d/etc/hardlink"
  ln -s ../etc/f2 "$d/usr/bin/symlink"
  mkfifo "$d/fifo"
  touch -h -d "@$((SOURCE_DATE_EPOCH - 86400))" "$d/etc/f5"  # older than the epoch: kept
}
for n in 1 2; do
  fakeroot -- bash -ec "$(declare -f make_tree); make_tree '$W/tree$n' $([[ $n == 1 ]] && echo forward || echo reverse)
    tar -C '$W/tree$n' -cf '$W/in$n.tar' --sort=name --numeric-owner --format=posix \
      --pax-option=delete=atime,delete=ctime --mtime=@$SOURCE_DATE_EPOCH --clamp-mtime ."
  bash "$REPO/firmware/image/repack-ext4.sh" "$W/in$n.tar" "$W/out$n.ext4" root "$UUID" 16M 2>&1 | grep -v '^Creating regular file' || true
  [[ -s $W/out$n.ext4 ]] || fail "repack $n made no image"
  sleep 2
done
cmp "$W/out1.ext4" "$W/out2.ext4" || fail "two repacks of the same tree differ"
stat_of() { debugfs -R "stat $1" "$W/out1.ext4" 2>/dev/null; }
stat_of /usr/bin/su | grep -q 'Mode:  04755' || fail "the set-uid bit is lost"
stat_of /etc/f3 | grep -qE 'User: +100 +Group: +101' || fail "the owner is lost"
stat_of /etc/f1 | grep -q 'Links: 2' || fail "the hard link is lost"
stat_of /fifo | grep -q 'Type: FIFO' || fail "the FIFO is lost"
[[ $(debugfs -R 'stat /usr/bin/symlink' "$W/out1.ext4" 2>/dev/null | sed -n 's/^Fast link dest: "\(.*\)"/\1/p') == ../etc/f2 ]] ||
  fail "the symbolic link is lost"
times=$(stat_of /etc/f1 | grep -oE '^ *(c|a|m|cr)time: 0x[0-9a-f]+' | sed 's/.*0x//' | sort -u)
[[ $times == "$(printf '%x' $SOURCE_DATE_EPOCH)" ]] || fail "times are not all SOURCE_DATE_EPOCH: $times"
stat_of /etc/f5 | grep -q "mtime: 0x$(printf '%x' $((SOURCE_DATE_EPOCH - 86400)))" || fail "an older mtime was changed"
e2fsck -fn "$W/out1.ext4" >/dev/null 2>&1 || fail "e2fsck finds errors"
echo "repack_ext4_test: PASS ($(sha256sum < "$W/out1.ext4" | cut -c1-16)… twice)"
