#!/usr/bin/env bash
# Installs Prism (@stoplight/prism-cli, the version pinned in tests/contracts/package-lock.json) into a
# project-local, git-ignored directory for the contract conformance test
# (tests/sync/contract_conformance_test.cpp, docs/contracts.md).
#   scripts/prism-setup.sh            installs into build/prism/ (or $KIOSK_PRISM_DIR)
# Safe to run again: does nothing when the same lock file is already installed. Installs Debian's
# npm package with apt-get (root or sudo) when npm is missing. Prints the path of the prism program.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/tests/contracts"
dir="${KIOSK_PRISM_DIR:-$root/build/prism}"
prism="$dir/node_modules/.bin/prism"

if [[ -x $prism ]] && cmp -s "$src/package-lock.json" "$dir/package-lock.json" \
   && cmp -s "$src/package.json" "$dir/package.json" && [[ -f $dir/.installed ]]; then
  echo "prism-setup: Prism already installed: $prism"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "prism-setup: npm or node is missing; installing Debian's npm package"
  SUDO=""
  if [[ $(id -u) != 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends npm nodejs
fi

# Prism 5.14 needs Node.js >= 18.20.1 (Debian 12 ships 18.20.4).
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>18||(a==18&&b>=20)?0:1)'; then
  echo "prism-setup: Node.js $(node --version) is too old for Prism; 18.20 or newer is needed" >&2
  exit 1
fi

mkdir -p "$dir"
rm -f "$dir/.installed"
cp "$src/package.json" "$src/package-lock.json" "$dir/"
# npm ci: exactly the locked versions, checked against their integrity hashes; no install scripts.
npm ci --prefix "$dir" --ignore-scripts --no-audit --no-fund --loglevel=error
"$prism" --version >/dev/null
touch "$dir/.installed"
echo "prism-setup: installed Prism $("$prism" --version): $prism"
