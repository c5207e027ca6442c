#!/bin/sh
# `mpirun -np N banditmap bench --sweep`: byte-identical to one process for
# 2 and 4 ranks on localhost, resume, and a timed-out rank reported with
# its task. mpirun missing is a failure with the reason (`make test` and CI
# install Open MPI, as for tmux in the TUI tests); a banditmap built without
# MPI (the plain build) skips with exit 77, except under `make mpi-test`.
# Each mpirun is capped at 600 s (a hang detector, generous under load).
# $1 = banditmap binary, $2 = source root.
set -u
BIN=$1
ROOT=$2
S=$ROOT/benchmarks/sweeps/tiny.yaml
fail() { echo "FAIL: $*"; exit 1; }
# `make mpi-test` sets BM_REQUIRE_MPI=1: there a skip would hide a broken set-up.
skip() {
    [ "${BM_REQUIRE_MPI:-0}" = 1 ] && fail "$* (BM_REQUIRE_MPI=1)"
    echo "SKIP: $*"
    exit 77
}
if ! command -v mpirun >/dev/null 2>&1; then
    fail "mpirun not found: the MPI tests need it (scripts/install-deps.sh, run by make test, installs openmpi-bin)"
fi
if ! "$BIN" bench --sweep "$S" --help | grep -q "MPI: built in"; then
    skip "banditmap built without MPI (configure with -DBANDITMAP_MPI=ON)"
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# Open MPI refuses root unless told; CI containers run as root.
if [ "$(id -u)" -eq 0 ]; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
MPIRUN="mpirun --oversubscribe"

"$BIN" bench --sweep "$S" --json --no-timing >"$TMP/one.json" || fail "single process"
for np in 2 4; do
    timeout 600 $MPIRUN -np $np "$BIN" bench --sweep "$S" --json --no-timing \
        >"$TMP/np$np.json" 2>"$TMP/err$np" || fail "-np $np exit $?: $(cat "$TMP/err$np")"
    cmp -s "$TMP/one.json" "$TMP/np$np.json" || fail "-np $np JSON differs from one process"
done

# Parts written by ranks merge like shards, and a rerun resumes from them.
timeout 600 $MPIRUN -np 2 "$BIN" bench --sweep "$S" --out "$TMP/parts" --json --no-timing \
    >/dev/null 2>&1 || fail "-np 2 --out"
"$BIN" bench --sweep "$S" --merge "$TMP/parts" --json --no-timing >"$TMP/merged.json" || fail "merge"
cmp -s "$TMP/one.json" "$TMP/merged.json" || fail "merge of rank parts differs"
rm "$TMP/parts/cell-00001.all.part"
timeout 600 $MPIRUN -np 4 "$BIN" bench --sweep "$S" --out "$TMP/parts" --json --no-timing \
    >"$TMP/resumed.json" 2>"$TMP/err" || fail "resume exit: $(cat "$TMP/err")"
cmp -s "$TMP/one.json" "$TMP/resumed.json" || fail "resumed JSON differs"

# A rank that exceeds --timeout is named with the cell and seed it ran.
sed 's/horizon: 3000/horizon: 2000000/' "$S" >"$TMP/slow.yaml"
timeout 600 $MPIRUN -np 2 "$BIN" bench --sweep "$TMP/slow.yaml" --timeout 0.05 --out "$TMP/slow" \
    >"$TMP/out" 2>"$TMP/err"
[ $? -ne 0 ] || fail "a timeout should fail the run"
grep -q "error: rank 1 timed out after .* s running cell [0-9]* '.*' seed [0-9]*" "$TMP/err" ||
    fail "timeout not reported: $(cat "$TMP/err")"
[ -s "$TMP/out" ] && fail "a failed run wrote results"
echo "ok"
