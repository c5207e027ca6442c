#!/bin/sh
# End to end: validate / list / show / traits and their exit codes.
BIN=$1 ROOT=$2
fail() { echo "FAIL: $*"; exit 1; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT

"$BIN" --version | grep -q '^banditmap ' || fail "--version"
"$BIN" validate >"$T/out" 2>&1 || { cat "$T/out"; fail "bundled taxonomy does not validate"; }
grep -q '^ok: ' "$T/out" || fail "validate summary"

# every class of mistake gets file:line:col and exit 1
for f in "$ROOT"/tests/fixtures/yaml/bad/*.yaml; do
    "$BIN" validate "$ROOT/tests/fixtures/yaml/good/traits_small.yaml" "$f" >"$T/out" 2>"$T/err"
    [ $? -eq 1 ] || fail "validate $(basename "$f") should exit 1"
    grep -q "error: " "$T/err" || fail "no error line for $(basename "$f")"
done
"$BIN" validate "$ROOT/tests/fixtures/yaml/bad/unknown_answer.yaml" 2>"$T/err"
[ $? -eq 1 ] || fail "validate with bundled traits should exit 1"
grep -q "unknown_answer.yaml:[0-9]*:[0-9]*: error: unknown answer 'binery'" "$T/err" ||
    fail "unknown answer message: $(cat "$T/err")"
# a policy id the harness does not have (checked by the CLI, which sees both layers)
"$BIN" validate "$ROOT/tests/fixtures/yaml/good/traits_small.yaml" "$ROOT/tests/fixtures/yaml/cli/unknown_policy.yaml" 2>"$T/err"
[ $? -eq 1 ] || fail "unknown policy should exit 1"
grep -q "unknown_policy.yaml:40:13: error: unknown harness policy 'ucb2' in algorithm 'ucb1' (did you mean 'ucb1'?)" "$T/err" ||
    fail "unknown policy message: $(cat "$T/err")"
"$BIN" validate --bogus >/dev/null 2>&1; [ $? -eq 2 ] || fail "usage error should exit 2"
"$BIN" nosuchcommand >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown command should exit 2"

# list / show / traits
"$BIN" list --json >"$T/list.json" || fail "list --json"
python3 - "$T/list.json" <<'PY' || fail "list --json contract"
import json, sys
a = json.load(open(sys.argv[1]))
assert isinstance(a, list) and len(a) >= 60, len(a)
for x in a:
    for k in ("id", "name", "family", "references"):
        assert k in x, (k, x.get("id"))
    assert x["references"], x["id"]
PY
"$BIN" list --family stochastic_mab | grep -q 'ucb1' || fail "list --family"
"$BIN" list --family nosuch >/dev/null 2>&1; [ $? -eq 1 ] || fail "unknown family exits 1"
"$BIN" show ucb1 | grep -q '^references:' || fail "show ucb1"
"$BIN" show ucb1 --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["id"]=="ucb1" and d["fits"] and d["implementations"] is not None' || fail "show --json"
"$BIN" show ucb > /dev/null 2>"$T/err"; [ $? -eq 1 ] || fail "show unknown exits 1"
grep -q "did you mean" "$T/err" || fail "show suggests"
"$BIN" traits | grep -q '^feedback_model:' || fail "traits"
"$BIN" traits --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[0]["id"]=="feedback_model"; assert any(a["id"]=="not_sure" for a in d[0]["answers"])' || fail "traits --json"
for c in validate list show traits; do "$BIN" $c --help | grep -q usage || fail "$c --help"; done
# a taxonomy file from any working directory
(cd / && "$BIN" list >/dev/null) || fail "list from /"
echo "cli_taxonomy: all passed"
