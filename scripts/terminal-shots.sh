#!/bin/sh
# Screenshots of the reader in real terminal emulators under Xvfb, to check by eye what each
# terminal does with the reader's cells (see docs/bidi.md, "Terminals").
#
#   scripts/terminal-shots.sh [-b BINARY] [-o DIR] [-a "ARGS"] [-e "VAR=value ..."] [TERMINAL...]
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
vars=""
while getopts b:o:a:e: opt; do
    case $opt in
    b) bin=$OPTARG ;;
    o) out=$OPTARG ;;
    a) args=$OPTARG ;;
    e) vars=$OPTARG ;;
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
export DISPLAY="$display" LIBGL_ALWAYS_SOFTWARE=1 QT_QPA_PLATFORM=xcb NO_AT_BRIDGE=1
home=$(mktemp -d)
export HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data"
for term in "$@"; do
    # The reader takes over the shell's pid (exec), so it can be checked (and ended) after
    # its window is closed.
    cmd="echo \$\$ > '$out/$term.pid'; exec env $vars '$bin' --no-state $args '$seed'"
    case $term in
    xterm) set -- xterm -fa 'DejaVu Sans Mono' -fs 10 -geometry 160x45 -e sh -c "$cmd" ;;
    xfce4-terminal) set -- dbus-run-session -- xfce4-terminal --disable-server --geometry 160x45 -x sh -c "$cmd" ;;
    mlterm) set -- mlterm --geometry 160x45 -w 12 -e sh -c "$cmd" ;;
    kitty) set -- kitty -o remember_window_size=no -o initial_window_width=160c \
        -o initial_window_height=45c -o font_size=10 sh -c "$cmd" ;;
    konsole) set -- dbus-run-session -- konsole --nofork -p TerminalColumns=160 -p TerminalRows=45 -e sh -c "$cmd" ;;
    alacritty) set -- alacritty -o window.dimensions.columns=160 -o window.dimensions.lines=45 \
        -o font.size=10 -e sh -c "$cmd" ;;
    *) echo "unknown terminal $term" >&2; continue ;;
    esac
    "$@" >"$out/$term.log" 2>&1 &
    pid=$!
    sleep "${SHOT_WAIT:-6}"
    import -window root "$out/$term.png"
    convert "$out/$term.png" -trim +repage "$out/$term.png"
    reader=$(cat "$out/$term.pid" 2>/dev/null || true)
    # Close the window: its terminal goes away under the reader.
    for p in $(ps -o pid= --ppid "$pid") $pid; do kill "$p" 2>/dev/null || true; done
    sleep 3
    if [ -n "$reader" ] && [ "$(ps -o stat= -p "$reader" | cut -c1)" != "" ] &&
        [ "$(ps -o stat= -p "$reader" | cut -c1)" != "Z" ]; then
        echo "$term: the reader (pid $reader) is still running 3 s after its window closed" >&2
        kill -KILL "$reader" 2>/dev/null || true
    fi
    rm -f "$out/$term.pid"
    echo "$out/$term.png"
done
rm -rf "$home"
