#!/bin/sh
# Screenshots of the reader in real terminal emulators under Xvfb, to check by eye what each
# terminal does with the reader's cells (see docs/bidi.md, "Terminals").
#
#   scripts/terminal-shots.sh [-b BINARY] [-o DIR] [-a "ARGS"] [TERMINAL...]
#
# TERMINAL is any of: xterm xfce4-terminal mlterm kitty konsole alacritty (default: all).
# Needs (Debian): xvfb xterm xfce4-terminal mlterm kitty konsole alacritty fonts-dejavu
# fonts-noto-core imagemagick dbus-x11. kitty and alacritty run on software GL
# (LIBGL_ALWAYS_SOFTWARE=1). Each terminal runs `BINARY --no-state ARGS SEED` at 160x45 and is
# photographed after a few seconds; the PNGs go to DIR (default: target/terminal-shots).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/target/release/bitext"
out="$root/target/terminal-shots"
args=""
while getopts b:o:a: opt; do
    case $opt in
    b) bin=$OPTARG ;;
    o) out=$OPTARG ;;
    a) args=$OPTARG ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- xterm xfce4-terminal mlterm kitty konsole alacritty
seed="$root/tests/fixtures/seed/000_18ef8cb601dfb36a.txt"
mkdir -p "$out"
display=:$((90 + $$ % 9))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
export DISPLAY="$display" LIBGL_ALWAYS_SOFTWARE=1 QT_QPA_PLATFORM=xcb
home=$(mktemp -d)
export HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data"
for term in "$@"; do
    # The shell records its pid, so the reader can be found (and ended) after the window closes.
    cmd="echo \$\$ > '$out/$term.shell'; '$bin' --no-state $args '$seed'; sleep 60"
    case $term in
    xterm) set -- xterm -fa 'DejaVu Sans Mono' -fs 10 -geometry 160x45 -e sh -c "$cmd" ;;
    xfce4-terminal) set -- dbus-launch xfce4-terminal --disable-server --geometry 160x45 -x sh -c "$cmd" ;;
    mlterm) set -- mlterm --geometry 160x45 -w 12 -e sh -c "$cmd" ;;
    kitty) set -- kitty -o remember_window_size=no -o initial_window_width=160c \
        -o initial_window_height=45c -o font_size=10 sh -c "$cmd" ;;
    konsole) set -- dbus-launch konsole --nofork -p TerminalColumns=160 -p TerminalRows=45 -e sh -c "$cmd" ;;
    alacritty) set -- alacritty -o window.dimensions.columns=160 -o window.dimensions.lines=45 \
        -o font.size=10 -e sh -c "$cmd" ;;
    *) echo "unknown terminal $term" >&2; continue ;;
    esac
    "$@" >"$out/$term.log" 2>&1 &
    pid=$!
    sleep "${SHOT_WAIT:-6}"
    import -window root "$out/$term.png"
    shell=$(cat "$out/$term.shell" 2>/dev/null || true)
    kill "$pid" 2>/dev/null || true
    sleep 3
    # A reader that outlived its terminal window (the bug of issue 13) is reported, then ended.
    for left in $( [ -n "$shell" ] && ps -o pid= --ppid "$shell" || true); do
        echo "$term: reader $left still running 3 s after its window closed" >&2
        kill -KILL "$left" 2>/dev/null || true
    done
    [ -z "$shell" ] || kill -KILL "$shell" 2>/dev/null || true
    rm -f "$out/$term.shell"
    echo "$out/$term.png"
done
rm -rf "$home"
