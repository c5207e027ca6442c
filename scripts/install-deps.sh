#!/bin/sh
# Install the Debian packages banditmap needs, only those that are missing.
# Needs a Debian-based system (apt-get, dpkg-query), root or sudo, and the
# network to the Debian package registry; says which of these is lacking.
# Called by bootstrap.sh (before make exists) and by every make target.
set -eu
# building: make itself, the compiler and headers, CMake and the libraries
PKGS="make gcc libc6-dev cmake pkg-config libyaml-dev libncurses-dev libcmocka-dev"
# the end-to-end tests: tmux drives the TUI, python3 checks JSON, pgrep (procps)
PKGS="$PKGS tmux python3 procps"
# the hardening suite (make sanitize, fuzz-smoke, valgrind)
PKGS="$PKGS clang libclang-rt-14-dev valgrind"
# scale-out: the MPI build of `bench --sweep` (make mpi-test)
PKGS="$PKGS libopenmpi-dev openmpi-bin"

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "banditmap: this set-up needs a Debian-based system (apt-get and dpkg-query not found)." >&2
    echo "banditmap: install these packages, or their equivalents, yourself: $PKGS" >&2
    exit 1
fi
missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
        echo "banditmap: installing packages with sudo (it may ask for your password)" >&2
    else
        echo "banditmap: these Debian packages are missing:$missing" >&2
        echo "banditmap: installing them needs root, and sudo is not installed: run the same" >&2
        echo "banditmap: command as root (su -c '...'), or ask an administrator to install them" >&2
        exit 1
    fi
fi
echo "banditmap: installing missing packages (a few minutes the first time):$missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq; then
    echo "banditmap: 'apt-get update' failed: is the network to the Debian package registry up?" >&2
    exit 1
fi
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
    echo "banditmap: 'apt-get install$missing' failed (see the messages above)" >&2
    exit 1
fi
echo "banditmap: packages installed" >&2
