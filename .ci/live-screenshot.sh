#!/usr/bin/env bash
# The README's live co-editing screenshot (manual, not part of CI): a server and two
# app windows sharing the speech map under one Xvfb display; "Ann" edits the thesis
# in the left window and the right window shows the edit and Ann's selection.
# Usage: .ci/live-screenshot.sh BINARY OUT.png   (needs Xvfb, xdotool, imagemagick)
set -euo pipefail
bin=$(realpath "${1:?binary}")
out=${2:?output png}
map=$(dirname "$0")/../maps/togo-japan-russia.argmap.json
work=$(mktemp -d)
mkdir -p "$work/a" "$work/b"
export DISPLAY=:77
Xvfb :77 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
"$bin" serve --bind 127.0.0.1:9724 --data "$work/data" >"$work/server.log" 2>&1 & server=$!
trap 'kill $a $b $server $xvfb 2>/dev/null || true' EXIT
sleep 2
USER=Ann HOME=$work/a "$bin" "$map" --share ws://127.0.0.1:9724 >"$work/a.log" 2>&1 & a=$!
for _ in $(seq 1 60); do grep -q token "$work/a.log" && break; sleep 1; done
addr=$(grep -o 'address [^ ]*' "$work/a.log" | cut -d' ' -f2)
token=$(grep -o 'token [^ ]*' "$work/a.log" | cut -d' ' -f2)
USER=Ben HOME=$work/b "$bin" --join "$addr" --token "$token" >"$work/b.log" 2>&1 & b=$!
sleep 8
wa=$(xdotool search --pid $a | tail -1)
wb=$(xdotool search --pid $b | tail -1)
xdotool windowsize "$wa" 958 1060 windowmove "$wa" 0 0
xdotool windowsize "$wb" 958 1060 windowmove "$wb" 962 0
sleep 3
# Double-click the thesis box in the left window, type a new text, Enter.
xdotool windowfocus --sync "$wa"
xdotool mousemove 422 468 click --repeat 2 --delay 80 1
sleep 1.5
xdotool type --window "$wa" --delay 30 "Choose expansion: edited live by Ann"
sleep 0.5
xdotool key --window "$wa" Return
sleep 2
xdotool mousemove 1700 1000
sleep 1
import -window root "$work/shot.png"
convert "$work/shot.png" -crop 1920x1060+0+0 +repage "$out"
echo "wrote $out"
