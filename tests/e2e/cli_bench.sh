#!/bin/sh
# End-to-end checks of `banditmap bench`: $1 = banditmap binary, $2 = source root.
set -u
BIN=$1
ROOT=$2
FIX=$ROOT/tests/fixtures/spec
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A spec file: table with the verdict, exit 0.
"$BIN" bench "$FIX/good/full.yaml" >"$TMP/out" 2>"$TMP/err" || fail "full.yaml exit $?"
grep -q "verdict" "$TMP/out" || fail "no verdict in the table"
grep -q "Lai-Robbins" "$TMP/out" || fail "no lower bound in the table"
[ -s "$TMP/err" ] && fail "stderr not empty when not a terminal: $(cat "$TMP/err")"

# --json contract.
"$BIN" bench "$FIX/good/full.yaml" --json >"$TMP/json" || fail "--json exit $?"
for key in '"results"' '"policy"' '"final_regret_mean"' '"final_regret_ci95"' \
           '"rounds_per_second"' '"curve"' '"verdict"'; do
    grep -q "$key" "$TMP/json" || fail "--json lacks $key"
done

# Same inputs and seed: byte-identical JSON for 1 and 2 threads.
"$BIN" bench "$FIX/good/piecewise.yaml" --json --no-timing --threads 1 >"$TMP/j1" || fail "threads 1"
"$BIN" bench "$FIX/good/piecewise.yaml" --json --no-timing --threads 2 >"$TMP/j2" || fail "threads 2"
cmp -s "$TMP/j1" "$TMP/j2" || fail "JSON differs between 1 and 2 threads"

# Quick flags, CSV and SVG files.
"$BIN" bench --workload bernoulli --arms 4 --best 0.5 --gap 0.1 --policy ucb1,ts \
    --horizon 2000 --seeds 3 --csv "$TMP/c.csv" --svg "$TMP/c.svg" >/dev/null || fail "quick flags"
head -1 "$TMP/c.csv" | grep -q "^policy,t,regret_mean" || fail "csv header"
grep -q "</svg>" "$TMP/c.svg" || fail "svg incomplete"

# A missing directory: a clear error naming the file, nothing written.
"$BIN" bench --horizon 100 --seeds 2 --svg "$TMP/nodir/x.svg" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] || fail "missing directory should exit 1"
grep -q "nodir/x.svg" "$TMP/err" || fail "error does not name the file"
[ -e "$TMP/nodir" ] && fail "something was written"

# Bad specs: file:line:col diagnostics, exit 1.
"$BIN" bench "$FIX/bad/unknown-key.yaml" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] || fail "bad spec should exit 1"
grep -q "unknown-key.yaml:3:1: error: unknown key 'horizn'" "$TMP/err" || fail "bad spec message: $(cat "$TMP/err")"
"$BIN" bench "$FIX/bad/unknown-param.yaml" >/dev/null 2>"$TMP/err"
grep -q "unknown-param.yaml:5:3: error: unknown parameter 'gapp'" "$TMP/err" || fail "param message"

# Listings, usage, and the flags that wait for the advisor.
"$BIN" bench --list-policies | grep -q "^ttts " || fail "--list-policies"
"$BIN" bench --list-workloads | grep -q "^bai_fixed_budget " || fail "--list-workloads"
"$BIN" bench --help | grep -q "usage: banditmap bench" || fail "--help"
"$BIN" bench --seeds zero >/dev/null 2>&1
[ $? -eq 2 ] || fail "bad flag value should exit 2"
"$BIN" bench --preset fashion >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] || fail "--preset should say not yet"
grep -q "not wired yet" "$TMP/err" || fail "--preset message"
echo "ok"
