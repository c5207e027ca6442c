#!/bin/sh
# `make test`: run every stage in order, go on after a failure, then print a
# summary of all of them; exit 1 at the end if any failed.
#   scripts/test-stages.sh MAKE STAGE...   (each STAGE is a make target)
# Variables given to the top make (BUILD=..., CI=...) reach the stages
# through MAKEFLAGS.
set -u
MAKE_CMD=${1:?usage: test-stages.sh MAKE STAGE...}
shift
summary=""
failed=""
t0=$(date +%s)

mmss() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

for stage in "$@"; do
    echo "==== make test: stage $stage ($(date -u +%H:%M:%S) UTC) ===="
    s0=$(date +%s)
    if $MAKE_CMD --no-print-directory "$stage"; then verdict=PASS; else verdict=FAIL; failed="$failed $stage"; fi
    s1=$(date +%s)
    summary="$summary$(printf '  %s  %-12s %s' "$verdict" "$stage" "$(mmss $((s1 - s0)))")
"
    echo "==== make test: stage $stage: $verdict in $(mmss $((s1 - s0))) ===="
done
total=$(mmss $(($(date +%s) - t0)))
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
echo
echo "==== make test: summary ===="
printf '%s' "$summary"
if [ -n "$failed" ]; then
    n=$(echo $failed | wc -w)
    echo "make test: FAILED: $n of $# stages ($(echo $failed | tr ' ' ',')) in $total (load average $load)"
    exit 1
fi
echo "make test: all $# stages passed in $total (load average $load)"
