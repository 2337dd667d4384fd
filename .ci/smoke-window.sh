#!/usr/bin/env bash
# Smoke test of the real app in a real window: start the binary under Xvfb on the
# bundled map, take a screenshot, and fail if the window did not appear or the
# picture is blank. Usage: .ci/smoke-window.sh BINARY OUT.png
set -euo pipefail
bin=${1:?binary}
out=${2:?output png}
need=()
for tool in xvfb-run xdotool import identify; do
  command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing the Xvfb packages (missing: ${need[*]})"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends xvfb libgl1-mesa-dri libegl1 \
    libxkbcommon-x11-0 libxcursor1 libxi6 xdotool imagemagick >/dev/null
fi
home=$(mktemp -d)
export HOME=$home   # a fresh profile: no recovery file, no remembered window
xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp" bash -c '
  "$0" & app=$!
  wid=""
  for _ in $(seq 1 60); do
    wid=$(xdotool search --name "Argmap" 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && break
    sleep 1
  done
  if [ -z "$wid" ]; then echo "FAIL: no Argmap window appeared"; kill $app; exit 1; fi
  echo "window: $(xdotool getwindowname "$wid")"
  sleep 4
  import -window root "$1"
  kill $app
' "$bin" "$out"
colours=$(identify -format '%k' "$out")
echo "screenshot $out has $colours colours"
if [ "$colours" -lt 16 ]; then
  echo "FAIL: the screenshot is blank"
  exit 1
fi
echo "window smoke test passed"
