#!/bin/sh
# Build and run the libFuzzer harnesses (tests/fuzz/CMakeLists.txt).
#   tests/fuzz/run.sh smoke [SECONDS]   replay seeds and regression fixtures,
#                                       then fuzz each harness SECONDS (default 20)
#   tests/fuzz/run.sh fuzz [SECONDS]    the same, longer (default 300 each)
#   tests/fuzz/run.sh build             build only
#   tests/fuzz/run.sh pending           replay tests/fixtures/hostile/fuzz-pending/
#                                       with BM_FUZZ_STRICT=1: the reported bugs
#                                       that are not fixed yet (each should fail)
# Environment: FUZZ_BUILD (default build-fuzz), JOBS (default 2),
# FUZZ_ONLY="fuzz_yaml fuzz_spec" to run a subset.
# A crash stops the run with exit 1; the crashing input is left in
# $FUZZ_BUILD/artifacts/<harness>/ and becomes a regression fixture by
# copying it to tests/fixtures/hostile/fuzz/<harness>/ (every file there is
# replayed by every smoke run and by ctest's replay_* tests).
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
MODE=${1:-smoke}
case $MODE in
    smoke) SECONDS_EACH=${2:-20} ;;
    fuzz) SECONDS_EACH=${2:-300} ;;
    build|pending) SECONDS_EACH=0 ;;
    *) echo "usage: $0 smoke|fuzz|build|pending [SECONDS]" >&2; exit 2 ;;
esac
B=${FUZZ_BUILD:-build-fuzz}
JOBS=${JOBS:-2}
CC_FUZZ=${CC_FUZZ:-clang}
command -v "$CC_FUZZ" >/dev/null 2>&1 || {
    echo "fuzz: $CC_FUZZ not found (scripts/install-deps.sh installs clang)" >&2; exit 1; }

mkdir -p "$B"
cmake -S tests/fuzz -B "$B" -DCMAKE_C_COMPILER="$CC_FUZZ" >"$B/configure.log" 2>&1 || {
    cat "$B/configure.log" >&2; exit 1; }
grep 'fuzz: skipping' "$B/configure.log" >&2 || true
HARNESSES=$(cat "$B/harnesses.txt")
[ -n "${FUZZ_ONLY:-}" ] && HARNESSES=$FUZZ_ONLY
# shellcheck disable=SC2086
cmake --build "$B" -j "$JOBS" --target $HARNESSES
[ "$MODE" = build ] && exit 0
if [ "$MODE" = pending ]; then
    for h in $HARNESSES; do
        for f in tests/fixtures/hostile/fuzz-pending/"$h"/*; do
            [ -f "$f" ] || continue
            if BM_FUZZ_STRICT=1 "$B/$h" -runs=1 "$f" >"$B/pending.log" 2>&1; then
                echo "fixed:     $f (move it to tests/fixtures/hostile/fuzz/$h/)"
            else
                echo "still bad: $f: $(grep -m1 -E 'oracle|ERROR' "$B/pending.log")"
            fi
        done
    done
    exit 0
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
STATS="$B/stats.txt"
: >"$STATS"
status=0
for h in $HARNESSES; do
    seeds="tests/fuzz/corpus/$h"
    # project files that make good seeds too (read-only: new finds go to $work)
    case $h in
        fuzz_yaml|fuzz_taxonomy) extra="tests/fixtures/yaml/good tests/fixtures/yaml/bad" ;;
        fuzz_profile) extra="taxonomy/presets tests/fixtures/profiles" ;;
        fuzz_spec) extra="benchmarks/specs tests/fixtures/spec/good tests/fixtures/spec/bad" ;;
        fuzz_log_csv) extra="" ;;  # seeds carry a leading n_actions byte
        *) extra="" ;;
    esac
    dirs=""
    for d in $seeds $extra; do [ -d "$d" ] && dirs="$dirs $d"; done
    regress="tests/fixtures/hostile/fuzz/$h"
    work="$B/corpus/$h"
    art="$B/artifacts/$h/"
    mkdir -p "$work" "$art"
    dict=""
    [ -f "tests/fuzz/$h.dict" ] && dict="-dict=tests/fuzz/$h.dict"
    # 1. every regression fixture and seed must pass as it is
    # shellcheck disable=SC2086
    files=$(find $dirs "$regress" -type f ! -name '*.expected' 2>/dev/null | sort)
    if [ -n "$files" ]; then
        # shellcheck disable=SC2086
        if ! "$B/$h" -runs=1 $files >"$B/$h.replay.log" 2>&1; then
            echo "fuzz: $h fails on a seed or regression fixture:" >&2
            tail -40 "$B/$h.replay.log" >&2
            status=1
            continue
        fi
    fi
    # 2. a bounded run from the seeds plus what earlier runs found
    log="$B/$h.log"
    # shellcheck disable=SC2086
    if "$B/$h" "$work" $dirs $dict -max_total_time="$SECONDS_EACH" \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$art" \
        -print_final_stats=1 >"$log" 2>&1; then
        execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
        echo "$h execs=${execs:-?} seconds=$SECONDS_EACH cov=${cov:-?} corpus=$(ls "$work" | wc -l)" |
            tee -a "$STATS" | sed "s/^/$(date -u +%FT%TZ) /" >>"$B/stats-history.txt"
        tail -1 "$STATS"
    else
        echo "fuzz: $h found a problem; input saved under $art" >&2
        grep -E 'ERROR|SUMMARY|fuzz oracle|runtime error|#[0-9]+ 0x' "$log" | head -40 >&2
        status=1
    fi
done
exit $status
