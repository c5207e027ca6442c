#!/bin/sh
# End-to-end checks of `banditmap ope`: exit codes, error format, JSON
# contract, --skip-bad, --output, reproducibility, and the real Open
# Bandit Dataset sample, which ships in data/obd (missing files fail).
# $1 = banditmap binary, $2 = source root.
set -u
BIN=$1
ROOT=$2
FIX=$ROOT/tests/fixtures/ope
OBD=$ROOT/data/obd
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0

fail() {
    echo "FAIL: $*"
    fails=$((fails + 1))
}

# expect_exit CODE ARGS...: run banditmap ope ARGS, check the exit code;
# stdout in $TMP/out, stderr in $TMP/err.
expect_exit() {
    want=$1
    shift
    "$BIN" ope "$@" >"$TMP/out" 2>"$TMP/err"
    got=$?
    [ "$got" -eq "$want" ] || { fail "ope $* exited $got, want $want"; cat "$TMP/err"; }
}

expect_err() {
    grep -qF -- "$1" "$TMP/err" || { fail "stderr lacks '$1'"; cat "$TMP/err"; }
}

expect_out() {
    grep -qF -- "$1" "$TMP/out" || { fail "stdout lacks '$1'"; cat "$TMP/out"; }
}

# --- usage errors: exit 2
expect_exit 0 --help
expect_out "usage: banditmap ope LOG.csv --policy SPEC"
expect_exit 2 "$FIX/tiny.csv"
expect_err "missing '--policy SPEC'"
expect_exit 2
expect_err "expected one log file"
expect_exit 2 "$FIX/tiny.csv" --policy sometimes
expect_err "error: unknown policy 'sometimes'"
expect_exit 2 "$FIX/tiny.csv" --policy uniform --estimators ips,nope
expect_err "unknown estimator 'nope'"
expect_exit 2 "$FIX/tiny.csv" --policy uniform --bootstrap -3
expect_exit 2 "$FIX/tiny.csv" --policy uniform --frobnicate

# --- bad input: exit 1 with file:line:col: error: message
expect_exit 1 "$FIX/propensity_zero.csv" --policy uniform
expect_err "$FIX/propensity_zero.csv:3:5: error: propensity '0' is not in (0, 1]"
expect_exit 1 "$FIX/propensity_above_one.csv" --policy uniform
expect_err "$FIX/propensity_above_one.csv:3:5: error: propensity '1.5' is not in (0, 1]"
expect_exit 1 "$FIX/non_numeric.csv" --policy uniform
expect_err "$FIX/non_numeric.csv:3:3: error: reward 'yes' is not a number"
expect_exit 1 "$FIX/truncated.csv" --policy uniform
expect_err "$FIX/truncated.csv:4:5: error: truncated last line: expected 3 fields, found 2"
expect_exit 1 "$FIX/missing_column.csv" --policy uniform
expect_err "$FIX/missing_column.csv:1:1: error: missing column 'propensity'"
expect_exit 1 "$FIX/empty.csv" --policy uniform
expect_err "$FIX/empty.csv:1:1: error: empty file, expected a header line"
expect_exit 1 "$TMP/no-such.csv" --policy uniform
expect_err "cannot read '$TMP/no-such.csv'"
expect_exit 1 "$FIX/tiny.csv" --policy "dist:$FIX/dist_bad_sum.csv"
expect_err "dist_bad_sum.csv: error: probabilities for position 1 sum to 0.75, not 1"
[ -s "$TMP/out" ] && fail "a failed run printed a report"

# --- --skip-bad: warnings, exit 0, report counts the skipped rows
expect_exit 0 "$FIX/many_bad.csv" --policy uniform --skip-bad --json
expect_err "many_bad.csv:4:1: warning: action 'x' is not a non-negative integer (row skipped)"
expect_out '"skipped_rows": 3'

# --- the JSON contract
expect_exit 0 "$FIX/tiny.csv" --policy item:0 --json --estimators ips,snips,dr
expect_out '"estimator": "ips"'
expect_out '"value": 0.5,'
expect_out '"ci95": ['
expect_out '"ess": 1.8'
expect_out '"on_policy_value": 0.5'
if command -v python3 >/dev/null 2>&1; then
    python3 - "$TMP/out" <<'EOF' || fail "JSON contract"
import json, sys
doc = json.load(open(sys.argv[1]))
names = [e["estimator"] for e in doc["estimates"]]
assert names == ["ips", "snips", "dr"], names
for e in doc["estimates"]:
    assert set(["estimator", "value", "ci95", "ess"]) <= set(e), e
    assert len(e["ci95"]) == 2
assert doc["on_policy_value"] == 0.5
EOF
fi

# --- same inputs and seed: byte-identical; --output writes the same bytes
"$BIN" ope "$FIX/obd_small.csv" --policy top:user-item_affinity_ --json >"$TMP/a" 2>/dev/null
"$BIN" ope "$FIX/obd_small.csv" --policy top:user-item_affinity_ --json >"$TMP/b" 2>/dev/null
cmp -s "$TMP/a" "$TMP/b" || fail "two runs differ"
"$BIN" ope "$FIX/obd_small.csv" --policy top:user-item_affinity_ --json -o "$TMP/c" \
    >/dev/null 2>&1 || fail "--output failed"
cmp -s "$TMP/a" "$TMP/c" || fail "--output differs from stdout"
"$BIN" ope "$FIX/obd_small.csv" --policy top:user-item_affinity_ --json --seed 2 \
    >"$TMP/d" 2>/dev/null
cmp -s "$TMP/a" "$TMP/d" && fail "--seed changes nothing"

# --- the real Open Bandit Dataset sample (shipped in data/obd: a missing file fails)
if [ -r "$OBD/random/men/men.csv" ] && [ -r "$OBD/bts/men/men.csv" ]; then
    expect_exit 0 "$OBD/random/men/men.csv" --policy uniform -e ips --json
    expect_out '"on_policy_value": 0.0046'
    expect_out '"value": 0.0046'
    expect_exit 0 "$OBD/bts/men/men.csv" --policy uniform --json
    expect_out '"on_policy_value": 0.0069'
    expect_err "warning: 21 rows with propensity below 0.001"
    expect_err "replay assumes a uniformly random logging policy"
    expect_exit 0 "$OBD/random/men/men.csv" --policy "freq:$OBD/bts/men/men.csv" -e ips
    expect_exit 0 "$OBD/bts/men/men.csv" --items "$OBD/bts/men/item_context.csv" \
        --policy top:item_feature_0 -e ips,dm,dr
else
    fail "the Open Bandit Dataset sample is missing: no $OBD/random/men/men.csv or $OBD/bts/men/men.csv"
fi

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "cli_ope: all checks passed"
