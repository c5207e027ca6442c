#!/bin/sh
# valgrind memcheck of the main CLI commands: every run must report no
# memory error and no leak (definite, indirect or possible). Both happy
# paths and failing inputs are run, since error paths are where leaks hide.
#   scripts/valgrind-check.sh [BUILD_DIR]     (default: build)
# Prints "valgrind: N passed, M failed" and exits non-zero on any failure;
# each log is kept in BUILD_DIR/valgrind/.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
B=${1:-build}
BIN="$ROOT/$B/banditmap"
[ -x "$BIN" ] || { echo "valgrind: no $BIN (run make build)" >&2; exit 1; }
command -v valgrind >/dev/null 2>&1 || {
    echo "valgrind: not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
LOGS="$ROOT/$B/valgrind"
rm -rf "$LOGS"; mkdir -p "$LOGS"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
H="$ROOT/tests/fixtures/hostile"
Y="$ROOT/tests/fixtures/yaml"
passed=0 failed=0 n=0

# check NAME EXPECTED_EXIT ARGS...: run banditmap ARGS under memcheck.
check() {
    name=$1 want=$2; shift 2
    n=$((n + 1))
    log="$LOGS/$n-$name.log"
    valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
        --show-leak-kinds=definite,indirect,possible \
        --errors-for-leak-kinds=definite,indirect,possible \
        --track-origins=yes --log-file="$log" \
        "$BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
    rc=$?
    if [ $rc -eq 99 ]; then
        echo "FAIL: valgrind $name: memory errors or leaks (see $log)"
        grep -E 'Invalid|uninitialised|definitely|indirectly|possibly|at 0x|by 0x' "$log" | head -20
        failed=$((failed + 1))
    elif [ "$want" != any ] && [ $rc -ne "$want" ]; then
        echo "FAIL: valgrind $name: exit $rc, expected $want"
        head -5 "$T/err"
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
}

# The commands a user runs most, on good input.
check version 0 --version
check help 0 --help
check validate 0 validate
check list 0 list
check list-json 0 list --json
check show 0 show ucb1
check show-json 0 show ucb1 --json
check traits-json 0 traits --json
check presets 0 presets
check validate-small 0 validate "$Y/good/traits_small.yaml" "$Y/good/minimal.yaml"
# Failing paths: every diagnostic is freed too.
check validate-bad 1 validate "$Y/good/traits_small.yaml" "$Y/bad/unknown_trait.yaml"
check validate-alias 1 validate "$Y/bad/alias.yaml"
check validate-missing 1 validate "$T/no-such-file.yaml"
check show-unknown 1 show ucb
check usage 2 validate --bogus
for f in "$H"/yaml/*.yaml; do
    check "validate-$(basename "$f" .yaml)" 1 validate "$f"
done
# The advisor, once presets exist.
first_preset=$(ls "$ROOT/taxonomy/presets" 2>/dev/null | sed -n 's/\.yaml$//p' | head -1)
if [ -n "$first_preset" ]; then
    check recommend 0 recommend --preset "$first_preset"
    check recommend-json 0 recommend --preset "$first_preset" --json --explain
    check recommend-spec 0 recommend --preset "$first_preset" --bench-spec "$T/spec.yaml"
    check recommend-edges 0 recommend "$H/profile/one_arm_huge_horizon.yaml" --json
    check recommend-bad 1 recommend "$H/profile/bad_numbers.yaml"
    check recommend-removed-trait 1 recommend "$H/profile/removed_trait.yaml" \
        --taxonomy "$Y/good/traits_small.yaml"
    check recommend-spec-missing-dir 1 recommend --preset "$first_preset" \
        --bench-spec "$T/nodir/spec.yaml"
    if [ -f "$T/spec.yaml" ] && "$BIN" bench --help >/dev/null 2>&1; then
        # a small race so memcheck stays quick
        sed -e 's/^horizon:.*/horizon: 2000/' -e 's/^seeds:.*/seeds: 2/' "$T/spec.yaml" >"$T/small.yaml"
        check bench any bench "$T/small.yaml"
        check bench-one-arm 0 bench "$H/spec/one_arm.yaml"
        check bench-bad 1 bench "$H/spec/bad_numbers.yaml"
    fi
fi
# The TUI through its script mode (no terminal): every screen, a resize to
# 10x5 and back, a search, help, then quit.
if [ -n "$first_preset" ] && "$BIN" tui --help >/dev/null 2>&1; then
    cat >"$T/tui.script" <<EOS
resize 10x5
save-display $T/small.txt
resize 100x30
screen-quiz
key j j Enter
screen-recs
key j PgDn
screen-bench
screen-map
search
type thompson
key Esc
help
close-overlay
save-display $T/map.txt
quit
EOS
    check tui-script 0 tui --profile "$ROOT/taxonomy/presets/$first_preset.yaml" \
        --script "$T/tui.script" --size 100x30
fi
# Off-policy evaluation on a small log, good and hostile.
if "$BIN" ope --help >/dev/null 2>&1; then
    check ope 0 ope "$H/csv/good_small.csv" --policy uniform --bootstrap 20
    check ope-json 0 ope "$H/csv/good_small.csv" --policy item:1 --bootstrap 20 --json -o "$T/ope.json"
    for f in "$H"/csv/*.csv; do
        case $f in *good_small.csv) continue ;; esac
        check "ope-$(basename "$f" .csv)" any ope "$f" --policy uniform --bootstrap 5
    done
    check ope-out-missing-dir 1 ope "$H/csv/good_small.csv" --policy uniform -o "$T/nodir/out.txt"
fi

echo "valgrind: $passed passed, $failed failed"
[ $failed -eq 0 ]
