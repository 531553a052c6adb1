#!/bin/sh
# Second stage of the image build, run by helper-init inside qemu-system-aarch64 in a chroot of the root
# image: installs the packages that stage 1 downloaded (offline), the kiosk package, builds the initramfs
# once, enables the units, fills the data partition (/dev/vdb) and exports /boot/firmware as a tar to
# /dev/vdc. Everything here runs on emulated arm64: keep it short.
# Reproducible: the file systems this kernel writes depend on timing (block allocation, inode change
# times), so the root and the data partition leave as tar archives (/dev/vdd, /dev/vde: sorted, numeric
# owners, extended attributes, times clamped to SOURCE_DATE_EPOCH) from which the host makes the final ext4
# images (firmware/image/repack-ext4.sh). Contents that would differ from build to build are fixed here:
# Perl's hash order (debconf's databases), the shadow files' "last changed" day, ldconfig's aux cache.
set -eu
export DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true LC_ALL=C.UTF-8
export PERL_HASH_SEED=0 PERL_PERTURB_KEYS=0
t0=$(date +%s)
step() { echo "kiosk-stage2: [$(( $(date +%s) - t0 ))s] $*"; }
. /kiosk-stage2.env   # PACKAGES, KIOSK_DEB

# No initramfs per package: one run at the end (each run takes minutes under emulation).
dpkg-divert --local --rename --divert /usr/sbin/update-initramfs.kiosk --add /usr/sbin/update-initramfs
printf '#!/bin/sh\nexit 0\n' > /usr/sbin/update-initramfs; chmod 755 /usr/sbin/update-initramfs
# No daemons start inside the build.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d

step "installing packages"
# apt 2.6 refuses the local .deb here ("Pathname to install is not absolute"): install its dependencies with
# apt, then the package with dpkg.
DEPS=$(dpkg-deb -f "$KIOSK_DEB" Depends | sed -E 's/ *\([^)]*\)//g; s/,/ /g')
# shellcheck disable=SC2086
apt-get --no-download -y -o Dpkg::Options::=--force-confold -o Dpkg::Use-Pty=0 install $PACKAGES $DEPS
dpkg -i "$KIOSK_DEB"

step "initramfs"
rm -f /usr/sbin/update-initramfs
dpkg-divert --local --rename --remove /usr/sbin/update-initramfs
update-initramfs -c -k all
rm -f /usr/sbin/policy-rc.d

step "units"
systemctl enable kiosk.service kiosk-sync.service kiosk-sync.timer kiosk-provision.service kiosk-boot-check.service \
  kiosk-grow-data.service kiosk-mark-good.service kiosk-update-fetch.timer kiosk-usb-eject.path \
  systemd-networkd.service systemd-resolved.service systemd-timesyncd.service ssh.service
systemctl disable getty@tty1.service 2>/dev/null || true
systemctl mask apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service 2>/dev/null || true
systemctl set-default multi-user.target

step "cleanup"
rm -f /etc/ssh/ssh_host_*            # each kiosk makes its own at provisioning
: > /etc/machine-id                  # and gets its own machine id
rm -f /var/lib/dbus/machine-id
echo kiosk > /etc/hostname
apt-get clean
rm -rf /var/lib/apt/lists/* /var/cache/kiosk /var/log/*.log /var/log/apt/* /var/cache/debconf/*-old \
       /var/lib/dpkg/*-old /kiosk-stage2.env

# tar_to DEVICE DIR: DIR's tree as a reproducible tar archive on DEVICE (read back by repack-ext4.sh).
tar_to() {
  tar --create --file="$1" --directory="$2" --one-file-system --sort=name --numeric-owner --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime --xattrs --xattrs-include='*' \
    ${SOURCE_DATE_EPOCH:+--mtime=@$SOURCE_DATE_EPOCH --clamp-mtime} .
}

step "reproducible contents"
# The day of the last password change: the build's day otherwise.
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  for f in /etc/shadow /etc/shadow-; do
    [ -f "$f" ] || continue
    awk -F: -v OFS=: -v d=$((SOURCE_DATE_EPOCH / 86400)) '$3 != "" { $3 = d } { print }' "$f" > "$f.new"
    chmod --reference="$f" "$f.new"; chown --reference="$f" "$f.new"; mv "$f.new" "$f"
  done
fi
rm -f /var/cache/ldconfig/aux-cache        # inode numbers and change times of the libraries
rm -rf /var/cache/fontconfig/*             # directory times; rebuilt in the user's cache when needed

step "data partition"
mkdir -p /data
mount -t ext4 /dev/vdb /data
mkdir -p /data/kiosk /data/journal /data/systemd /data/rauc
chmod 0700 /data/rauc
chown kiosk-sync:kiosk /data/kiosk; chmod 2770 /data/kiosk
chown root:systemd-journal /data/journal; chmod 2755 /data/journal
cp -a /var/lib/systemd/. /data/systemd/
[ -n "${SOURCE_DATE_EPOCH:-}" ] && find /data -xdev -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
if [ -b /dev/vde ]; then tar_to /dev/vde /data; fi
umount /data

step "boot partition export"
ls -l /boot/firmware
tar --sort=name --owner=0 --group=0 --numeric-owner ${SOURCE_DATE_EPOCH:+--mtime=@$SOURCE_DATE_EPOCH} \
  -C /boot/firmware -cf /dev/vdc .
find /boot/firmware -mindepth 1 -delete

step "timestamps"
rm -f /kiosk-stage2.sh
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  find / -xdev -newermt "@$SOURCE_DATE_EPOCH" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} + 2>/dev/null || true
fi
if [ -b /dev/vdd ]; then
  step "root as a tar archive"
  tar_to /dev/vdd /
fi
step "done"
