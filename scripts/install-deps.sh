#!/bin/sh
# Install the Debian packages banditmap needs, only those that are missing.
# Runs as root directly, or through sudo when available.
set -e
PKGS="gcc make cmake pkg-config libyaml-dev libncurses-dev libcmocka-dev tmux"
# the end-to-end tests check JSON output with python3
PKGS="$PKGS python3"
# the hardening suite (make sanitize, fuzz-smoke, valgrind)
PKGS="$PKGS clang libclang-rt-14-dev valgrind"
# scale-out: the MPI build of `bench --sweep` (make mpi-test)
PKGS="$PKGS libopenmpi-dev openmpi-bin"
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "banditmap: installing missing packages:$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "banditmap: need root (or sudo) to install:$missing" >&2; exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
