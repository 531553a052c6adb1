#!/usr/bin/env bash
# scripts/build-bundle.sh and the kiosk's `kiosk-update check` (firmware/image/overlay/usr/sbin) with the
# kiosk's own /etc/rauc/system.conf, no root: key pairs made here with openssl (never a key in the
# repository), a small root image made with `mke2fs -d`. A bundle signed under the kiosk's CA is accepted;
# one signed under another CA, one with a certificate not meant for code signing, one changed after signing
# and one for another device are refused with a message in words. With KIOSKCTL, the same through
# `kioskctl update check` (the technician's door to kiosk-update).
#   bundle_test.sh WORKDIR [KIOSKCTL]
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
W=${1:?work directory}
KIOSKCTL=${2:-}
rm -rf "$W"; mkdir -p "$W/root/etc"
source "$REPO/tests/appliance/support.sh"
need_tools rauc mksquashfs openssl mke2fs debugfs sfdisk
export RAUC_CONF=$REPO/firmware/image/overlay/etc/rauc/system.conf
UPDATE=$REPO/firmware/image/overlay/usr/sbin/kiosk-update
export SOURCE_DATE_EPOCH=1767225600 E2FSPROGS_FAKE_TIME=1767225600

# --- keys: a CA (kept offline by a municipality) and a signing certificate under it ----------------------
test_keys_init "$W"
make_ca town; make_signer town town-signer signer; make_signer town town-mail mail
make_ca other; make_signer other other-signer signer

# --- a small root image (the squashfs inside a bundle must be larger than 4 KiB: random bytes) --------------
echo 2.0.0-test > "$W/root/etc/kiosk-image-version"
head -c 65536 /dev/urandom > "$W/root/etc/noise"
mke2fs -q -F -t ext4 -L root -d "$W/root" "$W/root.ext4" 8M

# 1. Built and checked against the town's keyring; the manifest holds compatible, version, slot class, sha256.
bash "$REPO/scripts/build-bundle.sh" --rootfs "$W/root.ext4" --cert "$W/town-signer.pem" --key "$W/town-signer.key" \
  --keyring "$W/town-ca.pem" --out "$W/good.raucb"
rauc -c "$RAUC_CONF" info --keyring "$W/town-ca.pem" --output-format=json "$W/good.raucb" > "$W/info.json" 2>"$W/info.err" ||
  fail "rauc info: $(cat "$W/info.err")"
grep -q '"compatible":"townhall-kiosk-arm64"' "$W/info.json" || fail "compatible: $(cat "$W/info.json")"
grep -q '"version":"2.0.0-test"' "$W/info.json" || fail "version from /etc/kiosk-image-version: $(cat "$W/info.json")"
grep -q "\"rootfs\":{[^}]*\"checksum\":\"$(sha256sum < "$W/root.ext4" | cut -d' ' -f1)\"" "$W/info.json" ||
  fail "slot class rootfs with the image's sha256: $(cat "$W/info.json")"
out=$(KIOSK_UPDATE_KEYRING=$W/town-ca.pem sh "$UPDATE" check "$W/good.raucb" 2>&1) || fail "accepted bundle: $out"
echo "$out"
[[ $out == *"version 2.0.0-test, signature trusted"* ]] || fail "check: $out"
if [[ -n $KIOSKCTL ]]; then
  out=$(KIOSK_UPDATE_COMMAND=$UPDATE KIOSK_UPDATE_KEYRING=$W/town-ca.pem "$KIOSKCTL" update check "$W/good.raucb" 2>&1) ||
    fail "kioskctl update check: $out"
  [[ $out == *"version 2.0.0-test, signature trusted"* ]] || fail "kioskctl update check: $out"
  rc=0; out=$(KIOSK_UPDATE_COMMAND=$W/absent "$KIOSKCTL" update status 2>&1) || rc=$?
  [[ $rc == 4 && $out == *"appliance image only"* ]] || fail "kioskctl update without kiosk-update: exit $rc: $out"
fi

# refused(): kiosk-update check (and kioskctl update check) must exit 7 and say $3 in words, and write no
# status; `kiosk-update install` must refuse it the same way and leave the technician screen's status file
# (kiosk/core/update_status.hpp) saying refused with reason $4, world-readable ($4 empty: refused before
# any bundle was read, no status written).
refused() {  # bundle, keyring, expected words, reason
  local out rc=0
  rm -f "$W/status"
  out=$(KIOSK_UPDATE_STATUS_FILE=$W/status KIOSK_UPDATE_KEYRING=$2 sh "$UPDATE" check "$1" 2>&1) || rc=$?
  echo "$out"
  [[ $rc == 7 ]] || fail "$(basename "$1") against $(basename "$2"): exit $rc, not 7: $out"
  [[ $out == *"$3"* ]] || fail "$(basename "$1"): the message does not say '$3': $out"
  [[ ! -e $W/status ]] || fail "check wrote the update status: $(cat "$W/status")"
  rc=0
  out=$(KIOSK_UPDATE_STATUS_FILE=$W/status KIOSK_UPDATE_KEYRING=$2 sh "$UPDATE" install "$1" 2>&1) || rc=$?
  [[ $rc == 7 && $out == *"$3"* ]] || fail "install $(basename "$1"): exit $rc: $out"
  if [[ -n $4 ]]; then
    grep -qx 'kiosk-update-status 1' "$W/status" && grep -qx 'event=refused' "$W/status" &&
      grep -qx "reason=$4" "$W/status" || fail "status after refusing $(basename "$1"): $(cat "$W/status" 2>&1)"
    [[ $(stat -c %a "$W/status") == 644 ]] || fail "the status file is not world-readable: $(stat -c %a "$W/status")"
  else
    [[ ! -e $W/status ]] || fail "status written for $1: $(cat "$W/status")"
  fi
  if [[ -n $KIOSKCTL ]]; then
    rc=0
    out=$(KIOSK_UPDATE_COMMAND=$UPDATE KIOSK_UPDATE_KEYRING=$2 "$KIOSKCTL" update check "$1" 2>&1) || rc=$?
    [[ $rc == 7 && $out == *"$3"* ]] || fail "kioskctl update check $(basename "$1"): exit $rc: $out"
  fi
}
# 2. The kiosk of another municipality (another keyring) refuses it, naming the signer.
refused "$W/good.raucb" "$W/other-ca.pem" "REFUSED: $W/good.raucb is signed by a key this kiosk does not trust (signer: O=town, CN=town-signer (test only))" untrusted
# 3. Signed by the other municipality's key: refused by this kiosk; build-bundle's own check refuses too.
bash "$REPO/scripts/build-bundle.sh" --rootfs "$W/root.ext4" --cert "$W/other-signer.pem" --key "$W/other-signer.key" \
  --out "$W/other.raucb"
refused "$W/other.raucb" "$W/town-ca.pem" "does not trust (signer: O=other" untrusted
if bash "$REPO/scripts/build-bundle.sh" --rootfs "$W/root.ext4" --cert "$W/other-signer.pem" \
     --key "$W/other-signer.key" --keyring "$W/town-ca.pem" --out "$W/x.raucb" 2>"$W/x.err"; then
  fail "build-bundle --keyring accepted a signer outside the keyring"
fi
# 4. A certificate without codeSigning (an e-mail certificate of the same CA).
bash "$REPO/scripts/build-bundle.sh" --rootfs "$W/root.ext4" --cert "$W/town-mail.pem" --key "$W/town-mail.key" \
  --out "$W/mail.raucb"
refused "$W/mail.raucb" "$W/town-ca.pem" "not meant for code signing" not_code_signing
# 5. Changed after signing (one byte of the signed manifest and signature at the end). A change in the
#    payload is found by dm-verity while installing, block by block (not by `rauc info`).
cp "$W/good.raucb" "$W/changed.raucb"
printf 'X' | dd of="$W/changed.raucb" bs=1 seek=$(( $(stat -c %s "$W/good.raucb") - 300 )) conv=notrunc status=none
refused "$W/changed.raucb" "$W/town-ca.pem" "REFUSED" damaged
# 6. For another device.
bash "$REPO/scripts/build-bundle.sh" --rootfs "$W/root.ext4" --cert "$W/town-signer.pem" --key "$W/town-signer.key" \
  --compatible some-other-device --out "$W/device.raucb"
refused "$W/device.raucb" "$W/town-ca.pem" "is for 'some-other-device', this kiosk is 'townhall-kiosk-arm64'" other_device
# 7. No keyring provisioned: nothing is accepted.
refused "$W/good.raucb" "$W/absent.pem" "has no update keyring" no_keyring
# 8. Over HTTPS on loopback (when python3 is there to serve it): downloaded into the state directory and
#    checked; the server's certificate must be trusted (KIOSK_UPDATE_CA, else the system's); never http://.
refused "http://127.0.0.1:1/good.raucb" "$W/town-ca.pem" "only https:// addresses" ""
if command -v python3 >/dev/null && command -v curl >/dev/null; then
  mkdir -p "$W/www" "$W/state"; cp "$W/good.raucb" "$W/www/"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/tls.key" -out "$W/tls.pem" \
    -days 2 -subj "/CN=127.0.0.1 (test only)" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
  python3 - "$W/www" "$W/tls.pem" "$W/tls.key" > "$W/port" 2>"$W/https.log" <<'PY' &
import functools, http.server, ssl, sys
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
server = http.server.HTTPServer(("127.0.0.1", 0), handler)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[2], sys.argv[3])
server.socket = ctx.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [[ -s $W/port ]] && break; sleep 0.1; done
  url="https://127.0.0.1:$(cat "$W/port")/good.raucb"
  out=$(KIOSK_UPDATE_STATE_DIR=$W/state KIOSK_UPDATE_CA=$W/tls.pem KIOSK_UPDATE_KEYRING=$W/town-ca.pem \
        sh "$UPDATE" check "$url" 2>&1) || fail "https: $out"
  echo "$out"
  [[ $out == *"version 2.0.0-test, signature trusted"* ]] || fail "https check: $out"
  [[ ! -e $W/state/download.raucb ]] || fail "the download was not removed after the check"
  rc=0; out=$(KIOSK_UPDATE_STATE_DIR=$W/state KIOSK_UPDATE_KEYRING=$W/town-ca.pem sh "$UPDATE" check "$url" 2>&1) || rc=$?
  echo "$out"
  [[ $rc == 7 && $out == *"could not be fetched"* ]] || fail "https with an untrusted server certificate: exit $rc: $out"
  kill $server
else
  echo "bundle_test: python3 or curl missing: the HTTPS download was not checked"
fi
echo "bundle_test: PASS"
