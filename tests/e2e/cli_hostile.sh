#!/bin/sh
# End to end on hostile input: every case exits 1 (invalid input)
# with the exact "file:line:col: error: message" line on stderr, and never
# crashes (exit >= 128) or hangs (each run is under `timeout`). Output files
# into a missing or read-only directory are refused with a message naming
# the file, leaving nothing behind. Large files are made here, in /tmp.
# $1 = the banditmap binary, $2 = the source root.
set -u
BIN=$1
ROOT=$2
T=$(mktemp -d /tmp/bm-cli-hostile-XXXXXX)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
cd "$T" || exit 1
fails=0 runs=0  # runs: checks made
Y=$ROOT/tests/fixtures/yaml
SMALL=$Y/good/traits_small.yaml

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect STATUS CMD...: run CMD (at most 300 s: a hang detector, generous for
# ASan under load), stdout to out, stderr to err.
expect() {
    want=$1; shift
    runs=$((runs + 1))
    timeout 300 "$@" >"$T/out" 2>"$T/err" </dev/null
    got=$?
    if [ "$got" -eq 124 ]; then
        fail "hung (killed after 300 s): $*"
    elif [ "$got" -ge 128 ]; then
        fail "crashed with signal $((got - 128)): $*"; sed -n 1,15p "$T/err"
    elif [ "$got" -ne "$want" ]; then
        fail "exit $got (want $want): $*"; sed -n 1,5p "$T/err"
    fi
}

# line WANT: stderr of the last command has exactly this line.
line() {
    runs=$((runs + 1))
    grep -qxF -- "$1" "$T/err" || { fail "no line '$1' in stderr:"; sed -n 1,5p "$T/err"; }
}

# nothing_like DIR PATTERN: no file in DIR matches (a temporary left behind).
nothing_like() {
    runs=$((runs + 1))
    left=$(find "$1" -name "$2" 2>/dev/null | head -1)
    [ -z "$left" ] || fail "left behind: $left"
}

# ---- taxonomy files (validate) ----
printf 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b]\n' >bomb.yaml
expect 1 "$BIN" validate bomb.yaml
line "bomb.yaml:2:8: error: YAML aliases are not allowed (found '*a')"

python3 -c "print('traits: ' + '[' * 5000 + ']' * 5000)" >deep.yaml
expect 1 "$BIN" validate deep.yaml
line "deep.yaml:1:40: error: nesting deeper than 32 levels"

# 100 MB of YAML-looking text
python3 -c "
import sys
line = b'  - {id: padding, label: \"padding padding padding\"}\n'
with open('huge.yaml', 'wb') as f:
    f.write(b'traits:\n')
    for _ in range(100 * 1024 * 1024 // len(line) + 1): f.write(line)
"
expect 1 "$BIN" validate huge.yaml
line "huge.yaml: error: file is too large (more than 16777216 bytes)"
rm -f huge.yaml

# a device that never ends is refused at the same limit, not read forever
expect 1 "$BIN" validate /dev/zero
line "/dev/zero: error: file is too large (more than 16777216 bytes)"

printf 'traits:\n  - id: caf\303\050\n' >utf8.yaml
expect 1 "$BIN" validate utf8.yaml
line "utf8.yaml:2:13: error: invalid trailing UTF-8 octet (byte 20)"

expect 1 "$BIN" validate "$SMALL" "$SMALL"
line "$SMALL:2:9: error: duplicate trait id 'feedback_model' (first at $SMALL:2)"

expect 1 "$BIN" validate "$T"
line "$T: error: cannot read '$T'"

expect 1 "$BIN" validate no-such.yaml
line "no-such.yaml: error: cannot open 'no-such.yaml': No such file or directory"

# ---- profiles (recommend) ----
profile() { printf 'name: hostile\nanswers:\n  %s\n' "$1" >p.yaml; }
profile 'arms: .nan'
expect 1 "$BIN" recommend p.yaml
line "p.yaml:3:9: error: answer to trait 'arms' must be a whole number, not '.nan'"
profile 'arms: 0'
expect 1 "$BIN" recommend p.yaml
line "p.yaml:3:9: error: answer to trait 'arms' must be between 1 and 100000000, not 0"
profile 'arms: -4'
expect 1 "$BIN" recommend p.yaml
line "p.yaml:3:9: error: answer to trait 'arms' must be between 1 and 100000000, not -4"
profile 'horizon: 0'
expect 1 "$BIN" recommend p.yaml
line "p.yaml:3:12: error: answer to trait 'horizon' must be between 1 and 1000000000000, not 0"
profile 'base_rate: .inf'
expect 1 "$BIN" recommend p.yaml
line "p.yaml:3:14: error: answer to trait 'base_rate' must be a finite number, not '.inf'"
profile 'base_rate: 1.5'
expect 1 "$BIN" recommend p.yaml
line "p.yaml:3:14: error: answer to trait 'base_rate' must be between 0 and 1, not 1.5"
printf 'answers:\n  arms: 3\n  arms: 4\n' >p.yaml
expect 1 "$BIN" recommend p.yaml
line "p.yaml:3:3: error: duplicate key 'arms' (first at line 2)"
# a trait removed from the taxonomy (traits_small has no reward_delay)
printf 'answers:\n  arms: 3\n  reward_delay: none\n' >p.yaml
expect 1 "$BIN" recommend p.yaml --taxonomy "$SMALL"
line "p.yaml:3:3: error: unknown trait 'reward_delay' (did you mean 'reward_value'?)"
: >empty.yaml
expect 1 "$BIN" recommend empty.yaml
line "empty.yaml: error: the profile is empty"
# edges that are valid: one arm, a horizon of 10^12
profile 'arms: 1'
expect 0 "$BIN" recommend p.yaml
# ... and its bench spec says why it races 2 arms
expect 0 "$BIN" recommend p.yaml --bench-spec one.yaml
runs=$((runs + 1))
grep -q '^description: ".*With one arm there is nothing to learn or choose: the spec simulates 2 arms instead' one.yaml ||
    fail "bench spec of a one-arm profile does not say it races 2 arms"
profile 'horizon: 1000000000000'
expect 0 "$BIN" recommend p.yaml

# ---- output files: missing directory, read-only directory ----
first_preset=$(ls "$ROOT/taxonomy/presets" | sed -n 's/\.yaml$//p' | head -1)
expect 1 "$BIN" recommend --preset "$first_preset" --bench-spec "$T/nodir/spec.yaml"
line "$T/nodir/spec.yaml: error: cannot write '$T/nodir/spec.yaml': No such file or directory"
[ -e "$T/nodir" ] && fail "recommend created $T/nodir"

# as root, directory permissions are not enforced: run as nobody instead
AS=""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
    AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ "$(id -u)" != 0 ] || [ -n "$AS" ]; then
    mkdir ro && echo old >ro/spec.yaml && chmod 555 ro && chmod 755 "$T"
    # nobody may not read the source tree (a copy under /root is mode 700):
    # it gets its own copies of the binary and the bundled taxonomy
    RBIN=$BIN TAXO=""
    if [ -n "$AS" ]; then
        mkdir tax && cp -R "$ROOT/taxonomy/traits.yaml" "$ROOT/taxonomy/bandits.yaml" \
            "$ROOT/taxonomy/presets" tax/ && cp "$BIN" bm && chmod -R a+rX tax bm
        RBIN=$T/bm TAXO="--taxonomy $T/tax/traits.yaml --taxonomy $T/tax/bandits.yaml"
    fi
    # shellcheck disable=SC2086
    expect 1 $AS "$RBIN" recommend --preset "$first_preset" --bench-spec "$T/ro/spec.yaml" $TAXO
    line "$T/ro/spec.yaml: error: cannot write '$T/ro/spec.yaml': Permission denied"
    [ "$(cat ro/spec.yaml)" = old ] || fail "a failed save changed ro/spec.yaml"
    nothing_like ro '*.tmp*'
    printf 'action,reward,propensity\n0,1,0.5\n1,0,0.5\n' >ok.csv
    # shellcheck disable=SC2086
    expect 1 $AS "$RBIN" ope ok.csv --policy uniform -o "$T/ro/report.txt"
    line "$T/ro/report.txt: error: cannot write '$T/ro/report.txt': Permission denied"
    nothing_like ro 'report*'
fi

# ---- logged-data CSV (ope) ----
csv() { printf "$1" >log.csv; }
csv ''
expect 1 "$BIN" ope log.csv --policy uniform
line "log.csv:1:1: error: empty file, expected a header line"
csv 'action,reward\n0,1\n'
expect 1 "$BIN" ope log.csv --policy uniform
line "log.csv:1:1: error: missing column 'propensity'"
csv 'action,reward,propensity\n0,1,0\n'
expect 1 "$BIN" ope log.csv --policy uniform
line "log.csv:2:5: error: propensity '0' is not in (0, 1]"
csv 'action,reward,propensity\n0,1,1.5\n'
expect 1 "$BIN" ope log.csv --policy uniform
line "log.csv:2:5: error: propensity '1.5' is not in (0, 1]"
csv 'action,reward,propensity\n0,nan,0.5\n'
expect 1 "$BIN" ope log.csv --policy uniform
line "log.csv:2:3: error: reward 'nan' is not a number"
csv 'action,reward,propensity\n0,1,0.5\n1,0'
expect 1 "$BIN" ope log.csv --policy uniform
line "log.csv:3:5: error: truncated last line: expected 3 fields, found 2"
# 100 MB of log streams through in bounded memory (the reader holds one line)
python3 -c "
import random
r = random.Random(1)
blob = ''.join('%d,%d,0.25\\n' % (r.randrange(4), r.random() < 0.1) for _ in range(4000))
with open('big.csv', 'w') as f:
    f.write('action,reward,propensity\\n')
    for _ in range(100 * 1024 * 1024 // len(blob) + 1): f.write(blob)
"
expect 0 "$BIN" ope big.csv --policy uniform --estimators ips --bootstrap 0
grep -q "^[0-9]\{7,\} rows, 4 actions" "$T/out" || fail "100 MB log: no row count"
rm -f big.csv
expect 1 "$BIN" ope log.csv --policy uniform -o "$T/nodir/report.txt"
[ -e "$T/nodir" ] && fail "ope created $T/nodir"
printf 'action,reward,propensity\n0,1,0.5\n1,0,0.5\n' >ok.csv
expect 1 "$BIN" ope ok.csv --policy uniform -o "$T/nodir/report.txt"
line "$T/nodir/report.txt: error: cannot write '$T/nodir/report.txt': No such file or directory"

# ---- bench specs, once `banditmap bench` exists ----
if "$BIN" bench --help >/dev/null 2>&1; then
    spec() { printf 'workload: bernoulli\npolicies: [ucb1]\n%s\n' "$1" >s.yaml; }
    spec 'arms: 0'
    expect 1 "$BIN" bench s.yaml
    line "s.yaml:3:7: error: spec key 'arms' must be between 1 and 100000, not 0"
    spec 'arms: .nan'
    expect 1 "$BIN" bench s.yaml
    line "s.yaml:3:7: error: spec key 'arms' must be a whole number, not '.nan'"
    spec 'horizon: 0'
    expect 1 "$BIN" bench s.yaml
    line "s.yaml:3:10: error: spec key 'horizon' must be between 1 and 1000000000000, not 0"
    spec 'means: [0.5, .nan]'
    expect 1 "$BIN" bench s.yaml
    line "s.yaml:3:14: error: arm mean must be a finite number, not '.nan'"
    : >s.yaml
    expect 1 "$BIN" bench s.yaml
    line "s.yaml: error: the spec file is empty"
fi

# ---- the TUI's script mode at extreme sizes (the tmux run is tui_hostile.sh) ----
cat >ext.script <<EOF
resize 1x1
screen-quiz
resize 1000x1000
screen-recs
resize 10x5
screen-bench
help
resize 2x1000
screen-map
search
type zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz
resize 1000x2
key Esc
save-display $T/ext.txt
quit
EOF
expect 0 "$BIN" tui --script ext.script --profile "$ROOT/taxonomy/presets/$first_preset.yaml"
[ "$(wc -l <ext.txt)" -eq 2 ] || fail "save-display at 1000x2 did not write 2 rows"
printf 'resize 0x5\n' >bad.script
expect 1 "$BIN" tui --script bad.script
grep -q "^bad.script:1:[0-9]*: error: " "$T/err" || fail "tui script 'resize 0x5': no positioned error"
expect 2 "$BIN" tui --size 0x0 --script ext.script
line "banditmap tui: --size wants COLSxROWS, e.g. 80x24"

# ---- ope: inputs that are not logs ----
# a device that never ends is cut at the line limit, not read for ever
expect 1 "$BIN" ope /dev/zero --policy uniform
line "/dev/zero:1:1: error: line longer than 1048576 bytes"
# a directory is not an empty file
mkdir -p adir
expect 1 "$BIN" ope adir --policy uniform
line "adir: error: cannot read 'adir': Is a directory"

# ---- outputs never destroy what is at a path ----
printf 'action,reward,propensity\n0,1,0.5\n1,0,0.5\n' >in.csv
cp in.csv in.bak
expect 1 "$BIN" ope in.csv --policy uniform -o in.csv
line "in.csv: error: output 'in.csv' is the input 'in.csv'; refusing to overwrite it"
cmp -s in.csv in.bak || fail "ope -o in.csv changed its input"
"$BIN" recommend --preset homepage_carousel --bench-spec p.yaml >/dev/null || fail "bench-spec"
cp p.yaml p.bak
expect 1 "$BIN" bench p.yaml --horizon 50 --seeds 2 --csv p.yaml
line "p.yaml: error: output 'p.yaml' is the input 'p.yaml'; refusing to overwrite it"
cmp -s p.yaml p.bak || fail "bench --csv p.yaml changed its input"
expect 1 "$BIN" recommend p.yaml --bench-spec p.yaml
line "p.yaml: error: output 'p.yaml' is the input 'p.yaml'; refusing to overwrite it"
ln -s in.csv in.link
expect 1 "$BIN" ope in.csv --policy uniform -o in.link
line "in.link: error: output 'in.link' is the input 'in.csv'; refusing to overwrite it"
expect 1 "$BIN" bench --horizon 50 --seeds 2 --csv twice.csv --svg twice.csv
line "twice.csv: error: output 'twice.csv' is given twice"
# a bad output path is refused before the work, and nothing is written
expect 1 "$BIN" bench --horizon 50 --seeds 2 --csv nodir/r.csv
line "nodir/r.csv: error: cannot write 'nodir/r.csv': No such file or directory"
[ -s "$T/out" ] && fail "bench with a bad --csv printed results before refusing it"
# a symlink stays a link, and its target gets the output
: >real.csv
ln -s real.csv link.csv
expect 0 "$BIN" bench --horizon 50 --seeds 2 --csv link.csv
[ -L link.csv ] || fail "--csv link.csv replaced the link"
grep -q '^policy,t,' real.csv || fail "--csv link.csv did not write the link's target"
# a FIFO nobody reads is an error at once; one that is read gets the output
mkfifo fifo
expect 1 "$BIN" bench --horizon 50 --seeds 2 --csv fifo
line "fifo: error: cannot write 'fifo': no process is reading that FIFO"
[ -p fifo ] || fail "--csv fifo replaced the FIFO"
exec 3<>fifo   # a reader held open here (Linux: O_RDWR on a FIFO does not block)
expect 0 "$BIN" bench --horizon 50 --seeds 2 --csv fifo
timeout 10 head -n 1 <&3 >fifo.out   # the CSV (a few kB) waits in the pipe
exec 3<&-
grep -q '^policy,t,' fifo.out || fail "--csv fifo: the reader got no CSV"
[ -p fifo ] || fail "--csv fifo replaced the FIFO"
# a device is written in place (as root the old writer replaced /dev/null itself)
if [ "$(id -u)" = 0 ]; then
    mknod -m 666 mynull c 1 3
    expect 0 "$BIN" bench --horizon 50 --seeds 2 --csv mynull
    [ -c mynull ] || fail "--csv on a character device replaced it with a regular file"
fi
# a report that cannot be written after the work is not thrown away
if [ -c /dev/full ]; then
    expect 1 "$BIN" ope in.csv --policy uniform -o /dev/full
    line "/dev/full: error: cannot write '/dev/full': No space left on device"
    line "banditmap ope: the report goes to standard output instead"
    grep -q "on-policy value" "$T/out" || fail "ope -o /dev/full: the report was lost"
fi
# a replaced file keeps its mode
printf 'x\n' >private.csv
chmod 600 private.csv
expect 0 "$BIN" bench --horizon 50 --seeds 2 --csv private.csv
[ "$(stat -c %a private.csv)" = 600 ] || fail "--csv private.csv: mode $(stat -c %a private.csv), not 600"

# ---- run size: once known bugs (reported by fuzzing), fixed, kept as checks ----
if true; then
    # bench: a horizon of 10^12 ran for days with no word; it should be refused
    printf 'workload: bernoulli\npolicies: [ucb1]\narms: 2\nhorizon: 1000000000000\n' >s.yaml
    expect 1 "$BIN" bench s.yaml
    grep -q "^s.yaml:4:10: error: .*1000000000000" "$T/err" ||
        fail "bench with horizon 10^12: no error naming the horizon"
    expect 1 "$BIN" bench --workload bernoulli --arms 2 --policy ucb1 --horizon 1000000000000
    grep -q "1000000000000" "$T/err" || fail "bench --horizon 10^12: no message naming it"
    # bench: an out-of-range --threads or --seeds exits 2 without a word
    expect 2 "$BIN" bench --workload bernoulli --arms 3 --policy ucb1 --threads 100000
    grep -q -- "--threads" "$T/err" || fail "bench --threads 100000: no message"
    expect 2 "$BIN" bench --workload bernoulli --arms 3 --policy ucb1 --seeds 2000000
    grep -q -- "--seeds" "$T/err" || fail "bench --seeds 2000000: no message"
fi

# ---- run size, verdicts and option values: reported by a hostile user, fixed ----
if true; then
    # bench: 10^5 arms x 10^7 rounds x 1000 seeds passed the round-count guard
    expect 1 "$BIN" bench --arms 100000 --horizon 10000000 --seeds 1000
    line "banditmap bench: error: this run would take about 446 days of CPU by the estimate (horizon 10000000 x 1000 seeds x 3 policies, 100000 arms), above the limit of 2 hours; lower --horizon, --seeds or --arms, or race fewer policies, or pass --allow-long"
    # bench: one seed gave a zero-width interval called significant
    expect 0 "$BIN" bench --seeds 1 --recommended ts --horizon 1000
    grep -q "^verdict (none): too few seeds to tell: 1 paired seed, and a verdict needs at least 5" "$T/out" ||
        fail "bench --seeds 1: verdict $(grep verdict "$T/out")"
    grep "^verdict" "$T/out" | grep -q "95%" && fail "bench --seeds 1: the verdict still gives an interval"
    # bench: an empty policy list raced the defaults; hex arms were read as 16
    expect 2 "$BIN" bench --policy , --horizon 100
    line "banditmap bench: error: --policy ',' has an empty policy id (give ids separated by single commas, e.g. ucb1,ts)"
    expect 2 "$BIN" bench --arms 0x10 --horizon 100
    line "banditmap bench: error: --arms needs a whole number in decimal digits, not '0x10'"
    # bench: 10^6 arms passed the spec loader, and --arms 2000000 had no prefix
    expect 2 "$BIN" bench --arms 2000000 --horizon 100
    line "banditmap bench: error: --arms 2000000 is above the limit of 100000"
    printf 'workload: bernoulli\npolicies: [ucb1]\narms: 500000\n' >arms.yaml
    expect 1 "$BIN" bench arms.yaml
    line "arms.yaml:3:7: error: spec key 'arms' must be between 1 and 100000, not 500000"
fi

echo "cli_hostile: $((runs - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
