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

# --preset / --profile: the advisor's bench spec, run.
"$BIN" bench --preset homepage_carousel --horizon 2000 --seeds 2 >"$TMP/out" 2>"$TMP/err" ||
    fail "--preset exit $?: $(cat "$TMP/err")"
grep -q "^homepage_carousel: validate" "$TMP/out" || fail "--preset spec name: $(head -1 "$TMP/out")"
grep -q "verdict" "$TMP/out" || fail "--preset: no verdict"
"$BIN" bench --profile "$ROOT/taxonomy/presets/homepage_carousel.yaml" --horizon 2000 --seeds 2 \
    --json --no-timing >"$TMP/p1" || fail "--profile exit $?"
"$BIN" bench --preset homepage_carousel --horizon 2000 --seeds 2 --json --no-timing >"$TMP/p2" ||
    fail "--preset --json"
cmp -s "$TMP/p1" "$TMP/p2" || fail "--profile FILE and --preset NAME differ"
"$BIN" bench --preset fashion >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] || fail "an unknown preset should exit 1"
grep -q "unknown preset 'fashion'" "$TMP/err" || fail "unknown preset message: $(cat "$TMP/err")"
"$BIN" bench --preset homepage_carousel "$FIX/good/full.yaml" >/dev/null 2>&1
[ $? -eq 2 ] || fail "a spec file and --preset together should exit 2"

# --log: a simulated log that 'banditmap ope' evaluates against the known truth
# (arm 2 pays 0.8): the IPS and DR intervals contain it.
"$BIN" bench --means 0.2,0.5,0.8 --param shuffle=0 --policy ucb1 --horizon 20000 --seeds 2 \
    --log "$TMP/log.csv" --log-epsilon 0.5 >/dev/null || fail "--log exit $?"
head -1 "$TMP/log.csv" | grep -q "^round,action,reward,propensity$" || fail "log header"
[ "$(wc -l <"$TMP/log.csv")" -eq 20001 ] || fail "log rows: $(wc -l <"$TMP/log.csv")"
"$BIN" ope "$TMP/log.csv" --policy item:2 --estimators ips,dr --json >"$TMP/ope.json" 2>/dev/null ||
    fail "ope on the log exit $?"
awk -v truth=0.8 '
    /"ci95"/ { inci = 1; n = 0; next }
    inci && /[0-9]/ { gsub(/[ ,]/, ""); v[n++] = $0; if (n == 2) { inci = 0; checked++;
        if (!(v[0] <= truth && truth <= v[1])) bad = 1 } }
    END { exit !(checked >= 2 && !bad) }' "$TMP/ope.json" ||
    fail "ope intervals miss the true value 0.8: $(cat "$TMP/ope.json")"
"$BIN" bench --workload cascade --log "$TMP/x.csv" --policy cascade_ts --horizon 100 \
    --seeds 1 >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] || fail "--log on a list workload should exit 1"
grep -q "needs a single-arm workload" "$TMP/err" || fail "--log list message: $(cat "$TMP/err")"

# The structured workloads: every shipped spec runs (short), the JSON says what it is.
for f in "$ROOT"/benchmarks/specs/contextual-*.yaml "$ROOT"/benchmarks/specs/cascade-*.yaml \
         "$ROOT"/benchmarks/specs/pbm-*.yaml "$ROOT"/benchmarks/specs/pricing-*.yaml \
         "$ROOT"/benchmarks/specs/knapsack-*.yaml; do
    "$BIN" bench "$f" --horizon 500 --seeds 2 --json --no-timing >"$TMP/s.json" 2>"$TMP/err" ||
        fail "$(basename "$f") exit $?: $(cat "$TMP/err")"
    grep -q '"verdict"' "$TMP/s.json" || fail "$(basename "$f"): no verdict"
done
"$BIN" bench "$ROOT/benchmarks/specs/knapsack-k10.yaml" --horizon 500 --seeds 2 --json |
    grep -q '"budget_used_mean"' || fail "knapsack JSON lacks budget_used_mean"
"$BIN" bench "$ROOT/benchmarks/specs/cascade-k50-l5.yaml" --horizon 500 --seeds 2 --json |
    grep -q '"positions": 5' || fail "cascade JSON lacks positions"
"$BIN" bench "$ROOT/benchmarks/specs/contextual-linear-k100.yaml" --horizon 800 --seeds 3 \
    --json --no-timing --threads 1 >"$TMP/c1" || fail "contextual threads 1"
"$BIN" bench "$ROOT/benchmarks/specs/contextual-linear-k100.yaml" --horizon 800 --seeds 3 \
    --json --no-timing --threads 2 >"$TMP/c2" || fail "contextual threads 2"
cmp -s "$TMP/c1" "$TMP/c2" || fail "contextual JSON differs between 1 and 2 threads"
"$BIN" bench --list-workloads | grep -q "^contextual_logistic " || fail "--list-workloads contextual"
"$BIN" bench --list-policies | grep -q "^bwk_primal_dual " || fail "--list-policies bwk"
# Presets reach the new workloads.
for pw in cold_start_recs:contextual_logistic search_reranking:cascade dynamic_pricing:pricing \
          coupon_budget:contextual_linear; do
    "$BIN" bench --preset "${pw%%:*}" --horizon 300 --seeds 2 --json --no-timing >"$TMP/p.json" ||
        fail "--preset ${pw%%:*} exit $?"
    grep -q "\"workload\": \"${pw##*:}\"" "$TMP/p.json" || fail "--preset ${pw%%:*} is not ${pw##*:}"
done
# A bad structured-workload spec: file:line:col.
"$BIN" bench "$FIX/bad/contextual-dim.yaml" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] || fail "bad contextual spec should exit 1"
grep -q "contextual-dim.yaml:4:3: error: parameter 'dim'" "$TMP/err" || fail "dim message: $(cat "$TMP/err")"
"$BIN" bench --workload cascade --policy ucb1 --horizon 10 >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] || fail "a single-arm policy on a list workload should exit 1"
"$BIN" bench --log-epsilon 2 >/dev/null 2>&1
[ $? -eq 2 ] || fail "--log-epsilon 2 should exit 2"
# a huge horizon is refused with the size of the run, not simulated for days
"$BIN" bench --workload bernoulli --policy ucb1 --horizon 1000000000000 --seeds 1 >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] || fail "horizon 1e12 should exit 1"
grep -q "^banditmap bench: error: this run would take about 3.7 hours of CPU by the estimate (horizon 1000000000000 x 1 seeds x 1 policies, 10 arms), above the limit of 2 hours" "$TMP/err" ||
    fail "horizon 1e12 message: $(cat "$TMP/err")"
# the cost of a round grows with K: 10^5 arms, 10^7 rounds, 1000 seeds is refused
"$BIN" bench --arms 100000 --horizon 10000000 --seeds 1000 >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] || fail "K = 10^5, T = 10^7, 1000 seeds should exit 1"
grep -q "^banditmap bench: error: this run would take about 446 days of CPU by the estimate (horizon 10000000 x 1000 seeds x 3 policies, 100000 arms)" "$TMP/err" ||
    fail "K = 10^5 message: $(cat "$TMP/err")"
# ... and so is a sweep over all its cells
sed 's/^horizon: .*/horizon: 1000000000000/' "$ROOT/benchmarks/sweeps/tiny.yaml" >"$TMP/big.yaml"
"$BIN" bench --sweep "$TMP/big.yaml" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] || fail "a sweep of 4 cells at T = 10^12 should exit 1"
grep -q "^$TMP/big.yaml: error: this run would take about .* of CPU by the estimate (4 cells x 6 seeds x up to 3 policies), above the limit of 2 hours" "$TMP/err" ||
    fail "sweep guard message: $(cat "$TMP/err")"
[ -s "$TMP/out" ] && fail "a refused sweep wrote output"
# a verdict with 1 seed says it cannot tell, and claims no significance
"$BIN" bench --seeds 1 --recommended ts --horizon 2000 --json --no-timing >"$TMP/v.json" || fail "--seeds 1 exit $?"
grep -q '"kind": "none"' "$TMP/v.json" || fail "--seeds 1: verdict kind is not none"
grep -q '"text": "too few seeds to tell: 1 paired seed, and a verdict needs at least 5' "$TMP/v.json" ||
    fail "--seeds 1 verdict: $(grep '"text"' "$TMP/v.json")"
"$BIN" bench --workload bernoulli --threads 300 >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] || fail "--threads 300 should exit 2"
grep -q "above the limit of 256" "$TMP/err" || fail "--threads 300 says why"
echo "ok"
