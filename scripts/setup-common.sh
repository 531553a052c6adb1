# Sourced by setup.sh and cross-setup.sh with their arguments: the --no-ui option (with_ui), sudo when not
# root (SUDO), apt-get without questions.
with_ui=1
for arg in "$@"; do
  case "$arg" in
    --no-ui) with_ui=0 ;;
    *) echo "$(basename "$0"): unknown option '$arg'" >&2; exit 2 ;;
  esac
done

SUDO=""
if [[ $(id -u) != 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
