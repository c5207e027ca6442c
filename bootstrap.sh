#!/bin/sh
# The two set-up commands, on a bare Debian-based machine (only the base
# system: no make, no compiler):
#   sh bootstrap.sh run  [MAKE ARGS]   install what is missing, build, open the TUI
#   sh bootstrap.sh test [MAKE ARGS]   install what is missing, build, run every test
# It installs make and every other package with apt (scripts/install-deps.sh:
# as root, or through sudo), then runs `make run` / `make test`; where make
# is installed already, `make run` and `make test` do the same.
# MAKE ARGS are passed on, e.g. `sh bootstrap.sh test QUICK=1`.
set -eu
cd "$(dirname "$0")"
case ${1:-} in
    run|test) target=$1; shift ;;
    *) echo "usage: sh bootstrap.sh run|test [make arguments, e.g. QUICK=1]" >&2; exit 2 ;;
esac
sh scripts/install-deps.sh
exec make --no-print-directory "$target" "$@"
