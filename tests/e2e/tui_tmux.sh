#!/bin/sh
# End to end: the real banditmap binary in a real terminal (tmux, 80x24),
# driven by keys the way a new user would: search the map, answer the
# questionnaire and save the answers, read why the top pick was chosen and
# export it as Markdown, run its benchmark and export the results as JSON,
# CSV and SVG, survive a resize below 80x24, quit with q. A second run starts
# a long benchmark, reads its live chart ("mean of N/M seeds") and cancels it
# with Esc. Asserts on the screen text (capture-pane) and on the exported
# files. A last run checks NO_COLOR: no colour escapes reach the terminal.
# $1 = the banditmap binary, $2 = the source root.
# Every wait is a condition on the screen with a generous cap (the ASan build
# on a loaded machine is 50 times slower than the release build at idle);
# WAIT_SCALE=N multiplies every cap. tmux missing, or unable to start, is a
# failure with the reason: `make test` and CI install it.
set -u
BIN=$1
ROOT=$2
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
case $ROOT in /*) ;; *) ROOT=$(pwd)/$ROOT ;; esac
if ! command -v tmux >/dev/null 2>&1; then
    echo "FAIL: tmux not found: the TUI tests need it (scripts/install-deps.sh, run by make test, installs it)"
    exit 1
fi
WAIT_SCALE=${WAIT_SCALE:-1}
SOCK=bm-tui-e2e-$$
S=e2e
TM="tmux -L $SOCK"
T=$(mktemp -d /tmp/bm-tui-e2e-XXXXXX)
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT INT TERM
PROFILE=$ROOT/tests/golden/tui/e2e_profile.yaml
fails=0 checks=0

# After a few failures the rest would only time out one by one: stop.
fail() {
    echo "FAIL: $*"
    fails=$((fails + 1))
    if [ "$fails" -ge 3 ]; then
        echo "tui_tmux: stopping after $fails failures"
        screen
        exit 1
    fi
}
screen() { $TM capture-pane -p -t $S; }

# wait_for TEXT [SECONDS]: poll the pane until it shows TEXT, at most
# SECONDS (default 60) times WAIT_SCALE.
wait_for() {
    checks=$((checks + 1))
    cap=$((${2:-60} * WAIT_SCALE))
    end=$(($(date +%s) + cap))
    while ! screen | grep -qF -- "$1"; do
        if [ "$(date +%s)" -ge "$end" ]; then
            fail "the screen did not show '$1' within $cap s; it shows:"
            screen
            return 1
        fi
        sleep 0.1
    done
    return 0
}

keys() { $TM send-keys -t $S "$@"; }
text() { $TM send-keys -t $S -l "$1"; }

# file_has FILE TEXT: the exported file exists and contains TEXT.
file_has() {
    checks=$((checks + 1))
    [ -s "$1" ] || { fail "$1 was not written"; return 1; }
    grep -qF -- "$2" "$1" || fail "$1 does not contain '$2'"
}

if ! err=$($TM new-session -d -s $S -x 80 -y 24 \
    "env -u NO_COLOR LANG=C.UTF-8 TERM=xterm-256color PS1='bm-e2e\$ ' sh" 2>&1); then
    echo "FAIL: tmux cannot start a session: ${err:-no message} (a terminal needs /dev/pts)"
    exit 1
fi
wait_for 'bm-e2e$' 30                   # the shell is up
keys "cd '$T' && '$BIN' tui --profile '$PROFILE'; echo EXIT=\$?" Enter

# ---- the map, and incremental search ----
wait_for " F2 Map" 120
wait_for "Families"
keys /
text thompson
wait_for "search: thompson"
wait_for "Thompson sampling"
keys Enter Escape                       # accept, then clear the search
wait_for "search cleared"

# ---- the questionnaire: answer, go back, save the answers ----
keys F3
wait_for "Question 1 of"
wait_for "whose outcome do you get to see"
keys 1                                  # feedback_model = bandit
wait_for "Question 2 of"
keys Left
wait_for "Question 1 of"
keys s C-u
text "$T/answers.yaml"
keys Enter
wait_for "saved the answers to"
file_has "$T/answers.yaml" "feedback_model: bandit"
file_has "$T/answers.yaml" "horizon: 3000"

# ---- the recommendations: why the top pick, export as Markdown ----
keys F4
wait_for "Why this one"
wait_for "rank 1 of"
wait_for "Why"
top=$(screen | sed -n 's/^› 1 \(.*[^ ]\)  *[-0-9.]* │.*/\1/p' | sed 's/…$//')
[ -n "$top" ] || fail "no top pick on the screen"
keys e C-u
text "$T/rec.md"
keys Enter
wait_for "wrote the recommendation to"
file_has "$T/rec.md" "# banditmap recommendation: e2e_carousel"
[ -n "$top" ] && file_has "$T/rec.md" "$top"

# ---- the benchmark: run it, read the verdict, export the results ----
keys b
wait_for "Benchmark: bernoulli"
wait_for "100%  done" 900
wait_for "verdict ("
wait_for "← the pick"
for ext in json csv svg; do
    keys e C-u
    text "$T/results.$ext"
    keys Enter
    wait_for "wrote the results to $T/results.$ext"
done
file_has "$T/results.json" '"verdict"'
file_has "$T/results.csv" "policy"
file_has "$T/results.svg" "<svg"

# ---- too small, then back ----
$TM resize-window -t $S -x 60 -y 20
wait_for "terminal too small"
$TM resize-window -t $S -x 80 -y 24
wait_for "F5 Benchmark"
keys '?'
wait_for "Help: Benchmark"
keys Escape

# ---- q quits and restores the terminal ----
keys q
wait_for "EXIT=0"
checks=$((checks + 1))
[ "$($TM display -p -t $S '#{alternate_on}')" = 0 ] || fail "still on the alternate screen"

# ---- a long benchmark: the live chart says how many seeds it averages; Esc cancels ----
# The test's own spec: the cold_start_recs answers (a contextual workload:
# 100 items, 40 features, 7 policies, 20 seeds) with a short horizon of
# 20,000 rounds, sized for the sanitizer build. Release build at idle: one
# policy's seed takes 0.1-0.4 s, the whole run about 16 s on 2 threads; ASan
# about 15 times that, and a load of 8 on 2 cores 4 times more: the first
# seeds finish within a minute even then, long before the last, so Esc
# lands mid-run.
LONG=$T/long_contextual.yaml
sed -e 's/^name: .*/name: e2e_long_contextual/' -e 's/^  horizon: .*/  horizon: 20000/' \
    "$ROOT/taxonomy/presets/cold_start_recs.yaml" >"$LONG"
grep -q '^  horizon: 20000$' "$LONG" || fail "could not write the long benchmark's profile"
keys "clear; '$BIN' tui --profile '$LONG'; echo EXIT=\$?" Enter
wait_for " F2 Map" 120
keys F5 b
wait_for "running"
wait_for "mean of " 300                 # the chart's note, from the first finished seeds
checks=$((checks + 1))
screen | grep -qE 'mean of [0-9]+(-[0-9]+)?/20 seeds' || fail "no 'N/20 seeds' on the live chart"
wait_for "regret so far"
checks=$((checks + 1))
screen | grep -qF "verdict (" && fail "a verdict before every seed has finished"
keys Escape
wait_for "benchmark cancelled" 300
wait_for "Cancelled. b runs the benchmark again."
keys q
wait_for "EXIT=0"

# ---- NO_COLOR: attributes only, no colour escapes ----
keys "clear; NO_COLOR=1 '$BIN' tui --profile '$PROFILE'; echo EXIT=\$?" Enter
wait_for " F2 Map" 120
checks=$((checks + 1))
if $TM capture-pane -e -p -t $S | grep -qE $(printf '\033')'\[[0-9;]*(3[0-7]|4[0-7]|38;|48;)'; then
    fail "colour escapes with NO_COLOR set"
fi
keys q
wait_for "EXIT=0"

echo "tui_tmux: $((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
