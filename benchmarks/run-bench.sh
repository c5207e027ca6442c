#!/bin/sh
# `make bench`: the speed measurements of the harness (per core, T = 10^6,
# against naive C loops in the same run), then the thread scaling.
# Usage: sh benchmarks/run-bench.sh BUILD_DIR [HORIZON [SEEDS]]
# The Chapelle & Li reproduction is documented in benchmarks/README.md
# (it takes minutes, so it is not part of this target).
set -e
BUILD=${1:-build}
SPEED="$BUILD/benchmarks/bm_speed"
if [ ! -x "$SPEED" ]; then
    echo "run-bench: $SPEED not found; build first (make build)" >&2
    exit 1
fi
echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
"$SPEED" "${2:-1000000}" "${3:-3}"
