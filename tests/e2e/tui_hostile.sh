#!/bin/sh
# The TUI under a hostile terminal (issue 8), driven through tmux:
#  - resized to 10x5 it shows the "too small" screen, and back at 100x30 it
#    draws normally again; sizes down to 1x1 and up to 250x80 do not crash;
#  - SIGINT (C-c) and SIGTERM during a running benchmark end it with 130 and
#    143, and leave the terminal usable: the alternate screen is left, the
#    cursor is visible, and the tty is back in cooked mode (icanon echo isig).
# $1 = the banditmap binary, $2 = the source root. Exits 77 (skipped) when
# tmux is missing.
set -u
BIN=$1
ROOT=$2
command -v tmux >/dev/null 2>&1 || { echo "tui_hostile: no tmux, skipped"; exit 77; }
SOCK=bm-hostile-$$
S=tui
TM="tmux -L $SOCK"
T=$(mktemp -d /tmp/bm-tui-hostile-XXXXXX)
trap '$TM kill-server 2>/dev/null; rm -rf "$T"' EXIT INT TERM
PROFILE=$ROOT/taxonomy/presets/homepage_carousel.yaml
fails=0 checks=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
screen() { $TM capture-pane -p -t $S; }

# wait_for TEXT [SECONDS]: poll the pane until it shows TEXT.
wait_for() {
    checks=$((checks + 1))
    i=0
    while [ $i -lt $((${2:-10} * 10)) ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    fail "the screen never showed '$1'; it shows:"
    screen | grep -v '^$' | head -12
    return 1
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
    wait_for "isig icanon echo STTY" 5  # cooked mode again
}

start() {
    $TM send-keys -t $S "clear; '$BIN' tui --profile '$PROFILE'; echo EXIT=\$?" Enter
    wait_for " F2 Map" 15
}

$TM new-session -d -s $S -x 100 -y 30 "env -u NO_COLOR TERM=xterm-256color sh" || {
    echo "tui_hostile: tmux cannot start a session, skipped"; exit 77; }
sleep 0.3

# ---- resize to 10x5 and back, and some extreme sizes ----
start
$TM resize-window -t $S -x 10 -y 5
wait_for "too small" 5
alive "after resizing to 10x5"
$TM resize-window -t $S -x 100 -y 30
wait_for " F2 Map" 5
alive "after resizing back to 100x30"
for size in 1x1 250x80 2x40 120x3 80x24 100x30; do
    $TM resize-window -t $S -x "${size%x*}" -y "${size#*x}"
    sleep 0.2
done
wait_for " F2 Map" 5
alive "after a burst of resizes"

# ---- SIGINT during a benchmark (and a resize while it runs) ----
$TM send-keys -t $S F5
wait_for "Benchmark" 5
$TM send-keys -t $S b
wait_for "running" 10
$TM resize-window -t $S -x 10 -y 5
sleep 0.3
$TM resize-window -t $S -x 100 -y 30
wait_for "Benchmark" 5
alive "after resizing during a benchmark"
$TM send-keys -t $S C-c
wait_for "EXIT=130" 10
usable "after SIGINT"

# ---- SIGTERM during a benchmark ----
start
$TM send-keys -t $S F5
wait_for "Benchmark" 5
$TM send-keys -t $S b
wait_for "running" 10
pid=$(tui_pid)
if [ -n "$pid" ]; then
    kill -TERM "$pid"
    wait_for "EXIT=143" 10
    usable "after SIGTERM"
else
    fail "no TUI process to send SIGTERM to"
fi

# ---- q still quits cleanly ----
start
$TM send-keys -t $S q
wait_for "EXIT=0" 10
usable "after q"

echo "tui_hostile: $((checks - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
