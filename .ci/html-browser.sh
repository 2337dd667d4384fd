#!/usr/bin/env bash
# The HTML export in a real browser (issue 20): installs Debian's chromium
# when it is missing, then runs tests/html_browser.rs with
# ARGMAP_REQUIRE_BROWSER=1, so a missing chromium or Node fails instead of
# skipping. The tests drive the installed chromium over the DevTools
# protocol from Node's built-in WebSocket (node --experimental-websocket,
# Node 20.10+): no npm package, no browser download.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq || true
  $SUDO apt-get install -y -qq chromium
fi
ARGMAP_REQUIRE_BROWSER=1 cargo test --test html_browser -- --nocapture
