# shellcheck shell=bash
# Sourced by scripts/boot-test.sh, scripts/usb-boot-test.sh and scripts/qemu-ab-test.sh: the Raspberry Pi 4 firmware's part of a boot,
# for qemu-system-aarch64 -M virt, on the kiosk image file (no root, no mounts: sfdisk and mtools).
# Like the Pi firmware it reads autoboot.txt on partition 1 and boots the slot it names: [all]
# boot_partition, or once [tryboot] boot_partition when the one-shot trial flag is set. On the Pi the flag
# is `reboot "0 tryboot"` and lives in the firmware; here it is the file kiosk-tryboot on partition 1,
# which kiosk-boot-slot writes and fw_select deletes before booting (spent, as on the Pi). The kernel,
# initramfs and cmdline.txt come from the chosen slot's boot partition; a trial boot adds kiosk.tryboot=1
# (the Pi firmware sets /chosen/bootloader/tryboot instead). Every reboot of the guest ends QEMU
# (-no-reboot): the caller calls fw_select and fw_boot again, as the firmware runs again.

export MTOOLS_SKIP_CHECK=1

fw_start() {  # image, partition number -> start sector
  sfdisk -d "$1" 2>/dev/null | sed -nE "s/^[^ ]*[^0-9]$2 : start= *([0-9]+),.*/\1/p"
}
# A partition of the image as a file and back (debugfs edits it in between): no loop device, no mount.
part_dump() {  # image, partition number, file
  local start size
  read -r start size < <(sfdisk -d "$1" 2>/dev/null | sed -nE "s/^[^ ]*[^0-9]$2 : start= *([0-9]+), size= *([0-9]+).*/\1 \2/p")
  dd if="$1" of="$3" bs=1M iflag=skip_bytes,count_bytes skip=$((start * 512)) count=$((size * 512)) conv=sparse status=none
}
part_put() {  # image, partition number, file (every block written: a block that became zero must be zero)
  dd if="$3" of="$1" bs=1M oflag=seek_bytes seek="$(( $(fw_start "$1" "$2") * 512 ))" conv=notrunc status=none
}
fw_fat() {  # image, partition number -> mtools image spec
  echo "$1@@$(( $(fw_start "$1" "$2") * 512 ))"
}
fw_autoboot() {  # image, section (all|tryboot) -> boot_partition
  mtype -i "$(fw_fat "$1" 1)" ::autoboot.txt | tr -d '\r' |
    awk -v want="[$2]" '/^\[/ { sec = $0 } sec == want && /^boot_partition=/ { sub(/^boot_partition=/, ""); print; exit }'
}
# Sets FW_PART (the boot partition to boot) and FW_TRIAL (1 on a trial boot); spends the trial flag.
fw_select() {  # image
  local p1
  p1=$(fw_fat "$1" 1)
  if mdir -b -i "$p1" ::kiosk-tryboot >/dev/null 2>&1; then
    mdel -i "$p1" ::kiosk-tryboot
    FW_TRIAL=1
    FW_PART=$(fw_autoboot "$1" tryboot)
  else
    FW_TRIAL=0
    FW_PART=$(fw_autoboot "$1" all)
  fi
  [[ -n $FW_PART ]] || { echo "qemu-firmware: no boot_partition in autoboot.txt" >&2; return 1; }
}
# Copies the chosen slot's kernel, initramfs and command line to DIR (vmlinuz, initrd.img, cmdline.txt).
fw_load() {  # image, boot partition, directory
  local fat kernel initrd
  fat=$(fw_fat "$1" "$2")
  kernel=$(mdir -b -i "$fat" :: | sed -n 's#^::/##p' | grep '^vmlinuz-' | sort -V | tail -1)
  initrd=$(mdir -b -i "$fat" :: | sed -n 's#^::/##p' | grep '^initrd.img-' | sort -V | tail -1)
  [[ -n $kernel && -n $initrd ]] || { echo "qemu-firmware: partition $2 has no kernel or initramfs" >&2; return 1; }
  mcopy -o -i "$fat" "::$kernel" "$3/vmlinuz"
  mcopy -o -i "$fat" "::$initrd" "$3/initrd.img"
  mcopy -o -i "$fat" ::cmdline.txt "$3/cmdline.txt"
}
# Starts QEMU in the background on the image with the loaded slot (FW_QEMU_PID). The guest is off every
# network: a network device on QEMU's user network with restrict=on (no way out, not even to the host).
# Extra QEMU arguments (a USB stick) after the fourth argument.
fw_boot() {  # image, directory (from fw_load), serial log, extra kernel command line, [qemu args...]
  local img=$1 dir=$2 log=$3 extra=$4
  shift 4
  local cmdline
  cmdline="$(tr -d '\r\n' < "$dir/cmdline.txt") console=ttyAMA0 systemd.setenv=SDL_VIDEODRIVER=dummy"
  cmdline+=" systemd.show_status=yes systemd.journald.forward_to_console=1"
  [[ ${FW_TRIAL:-0} == 1 ]] && cmdline+=" kiosk.tryboot=1"
  [[ -n $extra ]] && cmdline+=" $extra"
  echo "qemu-firmware: boot partition $FW_PART (trial ${FW_TRIAL:-0}), serial log $log: $cmdline"
  qemu-system-aarch64 -M virt -cpu cortex-a57 -smp "${QEMU_SMP:-2}" -m 2048 -display none -monitor none \
    -serial "file:$log" -no-reboot \
    -kernel "$dir/vmlinuz" -initrd "$dir/initrd.img" -append "$cmdline" \
    -drive "file=$img,format=raw,if=none,id=hd,cache=unsafe" -device virtio-blk-pci,drive=hd \
    -netdev user,id=n0,restrict=on -device virtio-net-pci,netdev=n0,romfile= \
    "$@" &
  # shellcheck disable=SC2034  # (read by the caller)
  FW_QEMU_PID=$!
}
