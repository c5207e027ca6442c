#!/bin/sh
# End-to-end checks of `banditmap recommend` and `banditmap presets`.
# $1 = the banditmap binary, $2 = the source root.
set -u
BIN=$1
ROOT=$2
FIX=$ROOT/tests/fixtures/profiles
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
fails=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect STATUS CMD...: run CMD, stdout to $TMP/out, stderr to $TMP/err
expect() {
    want=$1; shift
    "$@" >"$TMP/out" 2>"$TMP/err"
    got=$?
    [ "$got" -eq "$want" ] || fail "exit $got (want $want): $*"
}

has() { grep -q -- "$2" "$TMP/$1" || fail "no '$2' in $1 of the last command"; }

# presets: at least 11, each with a one-line description
expect 0 "$BIN" presets
n=$(wc -l <"$TMP/out")
[ "$n" -ge 11 ] || fail "only $n presets listed"
has out "homepage_carousel"
has out "ab_test_replacement"
expect 0 "$BIN" presets --json
has out '"description": "Homepage hero banner'
expect 0 "$BIN" presets --help
expect 2 "$BIN" presets extra

# every preset recommends with reasons, what-if, advice and a bench spec
for f in "$ROOT"/taxonomy/presets/*.yaml; do
    name=$(basename "$f" .yaml)
    expect 0 "$BIN" recommend --preset "$name" --bench-spec "$TMP/$name.spec.yaml"
    has out "^1\. "
    has out "why:"
    has out "What would change the pick:"
    has out "Operating advice:"
    [ -s "$TMP/$name.spec.yaml" ] || fail "no bench spec for $name"
    grep -q '^workload: ' "$TMP/$name.spec.yaml" || fail "spec for $name has no workload"
    grep -q '^policies: \[' "$TMP/$name.spec.yaml" || fail "spec for $name has no policies"
    [ -s "$TMP/err" ] && fail "preset $name printed diagnostics: $(cat "$TMP/err")"
done

# JSON contract and determinism
expect 0 "$BIN" recommend --preset homepage_carousel --json --top 3
for key in '"recommendations": \[' '"why": \[' '"cautions": \[' '"references": \[' \
           '"what_if": \[' '"advice": \[' '"excluded": \[' '"benchmark": {' '"family": ' '"score": '; do
    has out "$key"
done
cp "$TMP/out" "$TMP/first.json"
expect 0 "$BIN" recommend --preset homepage_carousel --json --top 3
cmp -s "$TMP/out" "$TMP/first.json" || fail "two runs gave different JSON"
[ "$(grep -c '"rank": ' "$TMP/out")" -eq 3 ] || fail "--top 3 did not give 3 recommendations"

# a profile file, --explain and --markdown
expect 0 "$BIN" recommend "$FIX/minimal_real.yaml" --explain
has out "Profile: minimal_real"
has out "you are not sure"
has out "Excluded: "
expect 0 "$BIN" recommend "$FIX/minimal_real.yaml" --markdown
has out "^# banditmap recommendation: minimal_real"
has out "^## Benchmark"

# bad profiles: every error with file:line:col, exit 1
expect 1 "$BIN" recommend "$FIX/bad_real.yaml"
has err "bad_real.yaml:4:3: error: unknown trait 'reward_valu' (did you mean 'reward_value'?)"
has err "bad_real.yaml:5:13: error: answer 'sometimes' is not allowed for trait 'dynamics'"
has err "bad_real.yaml:6:9: error: answer to trait 'arms' must be a whole number, not 'lots'"
has err "bad_real.yaml:7:14: error: answer to trait 'base_rate' must be between 0 and 1, not 3"
expect 1 "$BIN" recommend "$TMP/does-not-exist.yaml"
expect 1 "$BIN" recommend --preset homepage_carusel
has err "unknown preset 'homepage_carusel' (did you mean 'homepage_carousel'?)"

# usage errors: exit 2
expect 2 "$BIN" recommend
expect 2 "$BIN" recommend --preset homepage_carousel "$FIX/minimal_real.yaml"
expect 2 "$BIN" recommend --preset homepage_carousel --top lots
expect 2 "$BIN" recommend --preset homepage_carousel --json --markdown
expect 2 "$BIN" recommend --bogus
expect 0 "$BIN" recommend --help
has out "usage: banditmap recommend"

# a bench spec into a missing directory is an error, exit 1
expect 1 "$BIN" recommend --preset homepage_carousel --bench-spec "$TMP/missing/dir/x.yaml"

if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed"
    exit 1
fi
echo "cli_recommend: all checks passed"
