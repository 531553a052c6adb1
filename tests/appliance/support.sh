# shellcheck shell=bash
# Sourced by the appliance tests (tests/appliance/*_test.sh, scripts/qemu-ab-test.sh).
#   fail MESSAGE; need_tools TOOL... (exit 77, ctest's "skipped", when one is missing)
fail() { echo "FAIL: $*" >&2; exit 1; }
need_tools() {
  export PATH=$PATH:/usr/sbin:/sbin
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null || { echo "SKIPPED: $t missing (scripts/setup.sh installs it)"; exit 77; }
  done
}

# Throw-away update keys, made at test time with openssl and marked "test only" in their names. Never a key in the repository; a municipality
# makes its own as docs/technician.md ("Update signing key") says, with the same extensions.
#   test_keys_init DIR; make_ca NAME; make_signer CA SIGNER [signer|mail]
#   -> DIR/NAME-ca.pem (the keyring a kiosk holds), DIR/SIGNER.pem + DIR/SIGNER.key
test_keys_init() {
  TEST_KEYS=$1
  mkdir -p "$TEST_KEYS"
  cat > "$TEST_KEYS/x509.cnf" <<'CNF'
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[signer]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, codeSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[mail]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = emailProtection
CNF
}
make_ca() {  # name
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TEST_KEYS/$1-ca.key" \
    -out "$TEST_KEYS/$1-ca.pem" -days 30 -subj "/O=$1/CN=$1 update CA (test only)" \
    -config "$TEST_KEYS/x509.cnf" -extensions ca 2>/dev/null
}
make_signer() {  # ca name, signer name, extensions (signer: codeSigning; mail: an e-mail certificate)
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TEST_KEYS/$2.key" \
    -out "$TEST_KEYS/$2.csr" -subj "/O=$1/CN=$2 (test only)" -config "$TEST_KEYS/x509.cnf" 2>/dev/null
  openssl x509 -req -in "$TEST_KEYS/$2.csr" -CA "$TEST_KEYS/$1-ca.pem" -CAkey "$TEST_KEYS/$1-ca.key" -set_serial 1 \
    -days 30 -out "$TEST_KEYS/$2.pem" -extfile "$TEST_KEYS/x509.cnf" -extensions "${3:-signer}" 2>/dev/null
}
