#!/usr/bin/env bash
# The HTML export in real browsers, one per engine (issue 20): installs
# what is missing of Debian's chromium (Blink), firefox-esr (Gecko) and
# webkit2gtk-driver (WebKit, Safari's engine: WebKitWebDriver + MiniBrowser)
# with xvfb (MiniBrowser needs an X display), then runs tests/html_browser.rs
# with ARGMAP_REQUIRE_BROWSER=1, so a missing browser or Node fails instead
# of skipping. Chromium is driven over the DevTools protocol, Firefox over
# WebDriver BiDi (built in, no geckodriver), WebKit over classic WebDriver,
# all from Node's built-in WebSocket and fetch (node --experimental-websocket,
# Node 20.10+): no npm package, no browser download.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || need+=(chromium)
command -v firefox-esr >/dev/null || command -v firefox >/dev/null || need+=(firefox-esr)
command -v WebKitWebDriver >/dev/null || need+=(webkit2gtk-driver)
command -v Xvfb >/dev/null || need+=(xvfb)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq || true
  $SUDO apt-get install -y -qq "${need[@]}"
fi
ARGMAP_REQUIRE_BROWSER=1 cargo test --test html_browser -- --nocapture
