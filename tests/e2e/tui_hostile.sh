#!/bin/sh
# The TUI under a hostile terminal, driven through tmux:
#  - resized to 10x5 it shows the "too small" screen, and back at 100x30 it
#    draws normally again; sizes down to 1x1 and up to 250x80 do not crash;
#  - SIGINT (C-c) and SIGTERM during a running benchmark end it with 130 and
#    143, and leave the terminal usable: the alternate screen is left, the
#    cursor is visible, and the tty is back in cooked mode (icanon echo isig).
# $1 = the banditmap binary, $2 = the source root. Every wait is a condition
# on the screen with a generous cap (ASan on a loaded machine is slow);
# WAIT_SCALE=N multiplies every cap. tmux missing, or unable to start, is a
# failure with the reason: `make test` and CI install it.
set -u
BIN=$1
ROOT=$2
command -v tmux >/dev/null 2>&1 || {
    echo "FAIL: tmux not found: the TUI tests need it (scripts/install-deps.sh, run by make test, installs it)"
    exit 1
}
WAIT_SCALE=${WAIT_SCALE:-1}
SOCK=bm-hostile-$$
S=tui
TM="tmux -L $SOCK"
T=$(mktemp -d /tmp/bm-tui-hostile-XXXXXX)
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT INT TERM
PROFILE=$ROOT/taxonomy/presets/homepage_carousel.yaml
fails=0 checks=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
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
            screen | grep -v '^$' | head -12
            return 1
        fi
        sleep 0.1
    done
    return 0
}

tui_pid() { pgrep -P "$($TM display -p -t $S '#{pane_pid}')" | head -1; }

alive() {
    checks=$((checks + 1))
    [ -n "$(tui_pid)" ] || { fail "the TUI died: $1"; screen | grep -v '^$' | tail -15; }
}

# The terminal after the TUI ended: normal screen, cursor on, cooked tty.
usable() {
    checks=$((checks + 1))
    alt=$($TM display -p -t $S '#{alternate_on}')
    cur=$($TM display -p -t $S '#{cursor_flag}')
    [ "$alt" = 0 ] || fail "$1: still on the alternate screen"
    [ "$cur" = 1 ] || fail "$1: the cursor is hidden"
    $TM send-keys -t $S "stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|echo|isig)' | tr '\\n' ' '; echo STTY" Enter
    wait_for "isig icanon echo STTY"  # cooked mode again
}

start() {
    $TM send-keys -t $S "clear; '$BIN' tui --profile '$PROFILE'; echo EXIT=\$?" Enter
    wait_for " F2 Map" 120
}

if ! err=$($TM new-session -d -s $S -x 100 -y 30 \
    "env -u NO_COLOR TERM=xterm-256color PS1='bm-hostile\$ ' sh" 2>&1); then
    echo "FAIL: tmux cannot start a session: ${err:-no message} (a terminal needs /dev/pts)"
    exit 1
fi
wait_for 'bm-hostile$' 30               # the shell is up

# ---- resize to 10x5 and back, and some extreme sizes ----
start
$TM resize-window -t $S -x 10 -y 5
wait_for "too small"
alive "after resizing to 10x5"
$TM resize-window -t $S -x 100 -y 30
wait_for " F2 Map"
alive "after resizing back to 100x30"
for size in 1x1 250x80 2x40 120x3 80x24 100x30; do
    $TM resize-window -t $S -x "${size%x*}" -y "${size#*x}"
    sleep 0.2
done
wait_for " F2 Map"
alive "after a burst of resizes"

# ---- SIGINT during a benchmark (and a resize while it runs) ----
$TM send-keys -t $S F5
wait_for "Benchmark"
$TM send-keys -t $S b
wait_for "running"
$TM resize-window -t $S -x 10 -y 5
sleep 0.3
$TM resize-window -t $S -x 100 -y 30
wait_for "Benchmark"
alive "after resizing during a benchmark"
$TM send-keys -t $S C-c
wait_for "EXIT=130"
usable "after SIGINT"

# ---- SIGTERM during a benchmark ----
start
$TM send-keys -t $S F5
wait_for "Benchmark"
$TM send-keys -t $S b
wait_for "running"
pid=$(tui_pid)
if [ -n "$pid" ]; then
    kill -TERM "$pid"
    wait_for "EXIT=143"
    usable "after SIGTERM"
else
    fail "no TUI process to send SIGTERM to"
fi

# ---- q still quits cleanly ----
start
$TM send-keys -t $S q
wait_for "EXIT=0"
usable "after q"

echo "tui_hostile: $((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
