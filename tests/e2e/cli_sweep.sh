#!/bin/sh
# End-to-end checks of `banditmap bench --sweep` without MPI: one process,
# shards plus merge, resume, diagnostics. $1 = banditmap binary, $2 = source root.
set -u
BIN=$1
ROOT=$2
S=$ROOT/benchmarks/sweeps/tiny.yaml
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# One process: the table, and JSON that does not depend on --threads.
"$BIN" bench --sweep "$S" >"$TMP/table" 2>"$TMP/err" || fail "table exit $?"
grep -q "^sweep tiny: 4 cells x 6 seeds" "$TMP/table" || fail "table header: $(head -1 "$TMP/table")"
[ "$(grep -c 'egreedy.epsilon=' "$TMP/table")" -eq 4 ] || fail "table has not 4 cells"
[ -s "$TMP/err" ] && fail "stderr not empty: $(cat "$TMP/err")"
"$BIN" bench --sweep "$S" --json --no-timing >"$TMP/one.json" || fail "json exit $?"
"$BIN" bench --sweep "$S" --json --no-timing --threads 2 >"$TMP/two.json" || fail "threads 2"
cmp -s "$TMP/one.json" "$TMP/two.json" || fail "JSON differs between 1 and 2 threads"
grep -q '"cells_total":4' "$TMP/one.json" || fail "no cells_total"
grep -q '"grid":{"egreedy.epsilon":0.2}' "$TMP/one.json" || fail "no grid values"

# A cell is exactly `banditmap bench` on the cell's spec.
"$BIN" bench --workload bernoulli --arms 4 --best 0.3 --gap 0.1 --horizon 3000 --seeds 6 \
    --seed 42 --policy ucb1,ts,egreedy --recommended ts --param egreedy.epsilon=0.2 \
    --json --no-timing | tr -d ' \n' >"$TMP/bench.json" || fail "bench exit"
tr -d ' \n' <"$TMP/one.json" | grep -qF "$(cat "$TMP/bench.json")" || fail "cell 1 differs from bench"

# Shards in any order, then merge: byte-identical to the single process.
for i in 3 1 2; do
    "$BIN" bench --sweep "$S" --shard "$i/3" --out "$TMP/parts" 2>"$TMP/err" || fail "shard $i/3"
    grep -q "note: shard $i/3: 4 cells" "$TMP/err" || fail "shard note: $(cat "$TMP/err")"
done
"$BIN" bench --sweep "$S" --merge "$TMP/parts" --json --no-timing >"$TMP/merged.json" || fail "merge"
cmp -s "$TMP/one.json" "$TMP/merged.json" || fail "merged JSON differs from one process"

# A missing shard: merge names the incomplete cells, exit 1, no output.
rm "$TMP"/parts/*shard-2-of-3.part
"$BIN" bench --sweep "$S" --merge "$TMP/parts" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] || fail "incomplete merge should exit 1"
grep -q "error: cell 0 'clicks egreedy.epsilon=0.05' is missing 6 runs" "$TMP/err" || fail "missing message: $(cat "$TMP/err")"
[ -s "$TMP/out" ] && fail "incomplete merge wrote output"
# ... and rerunning that shard resumes only what is missing.
"$BIN" bench --sweep "$S" --shard 2/3 --out "$TMP/parts" 2>/dev/null || fail "shard 2/3 rerun"
"$BIN" bench --sweep "$S" --merge "$TMP/parts" --json --no-timing >"$TMP/merged.json" || fail "merge 2"
cmp -s "$TMP/one.json" "$TMP/merged.json" || fail "merged JSON differs after the rerun"

# Resume in one process: saved parts are used, the output is the same.
"$BIN" bench --sweep "$S" --out "$TMP/run" --json --no-timing >/dev/null || fail "--out"
rm "$TMP/run/cell-00002.all.part"
"$BIN" bench --sweep "$S" --out "$TMP/run" --json --no-timing >"$TMP/resumed.json" 2>"$TMP/err" || fail "resume"
grep -q "note: resumed 54 runs from saved parts, ran 18" "$TMP/err" || fail "resume note: $(cat "$TMP/err")"
cmp -s "$TMP/one.json" "$TMP/resumed.json" || fail "resumed JSON differs"
# A part of another sweep is stale: warned about and recomputed.
sed 's/seed: 42/seed: 43/' "$S" >"$TMP/other.yaml"
"$BIN" bench --sweep "$TMP/other.yaml" --out "$TMP/run" >/dev/null 2>"$TMP/err" || fail "stale run"
grep -q "warning: stale part" "$TMP/err" || fail "stale parts not reported"

# Every example sweep loads (each cell checked like a spec).
for f in "$ROOT"/benchmarks/sweeps/*.yaml; do
    "$BIN" bench --sweep "$f" --shard 1/100000 --out "$TMP/check" 2>"$TMP/err" || fail "$f: $(cat "$TMP/err")"
done

# Diagnostics and usage.
printf 'workloads: [bernoulli]\npolicies: [ucb1]\ngrid:\n  egreedy.epsilom: [0.1]\n' >"$TMP/bad.yaml"
"$BIN" bench --sweep "$TMP/bad.yaml" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] || fail "bad sweep should exit 1"
# egreedy is a known policy (raced or not), so the knob is what is wrong
grep -qF "bad.yaml:4:21: error: policy 'egreedy' has no knob 'epsilom' (did you mean 'epsilon'?)" "$TMP/err" ||
    fail "bad sweep message: $(cat "$TMP/err")"
[ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "bad sweep: not one message: $(cat "$TMP/err")"
# an unknown policy id before the dot is reported as such
printf 'workloads: [bernoulli]\npolicies: [ucb1]\ngrid:\n  egredy.epsilon: [0.1]\n' >"$TMP/bad2.yaml"
"$BIN" bench --sweep "$TMP/bad2.yaml" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] || fail "unknown policy in the grid should exit 1"
grep -qF "bad2.yaml:4:20: error: parameter 'egredy.epsilon' names unknown policy 'egredy'" "$TMP/err" ||
    fail "unknown policy message: $(cat "$TMP/err")"
"$BIN" bench --sweep "$S" --shard 2/3 >/dev/null 2>&1
[ $? -eq 2 ] || fail "--shard without --out should exit 2"
"$BIN" bench --sweep "$S" --shard 4/3 --out "$TMP/x" >/dev/null 2>&1
[ $? -eq 2 ] || fail "--shard 4/3 should exit 2"
"$BIN" bench --sweep "$S" --help | grep -q "usage: banditmap bench --sweep" || fail "--help"
if "$BIN" bench --sweep "$S" --help | grep -q "MPI: not built in"; then
    OMPI_COMM_WORLD_SIZE=2 "$BIN" bench --sweep "$S" >/dev/null 2>"$TMP/err"
    [ $? -eq 2 ] || fail "under mpirun without MPI should exit 2"
    grep -q "built without MPI" "$TMP/err" || fail "no MPI message"
fi
echo "ok"
