#!/usr/bin/env bash
# Opens Argmap's text exports in the real tools of each format, so "valid"
# means "another program reads it", not only "our own tests agree":
#   DOT     -> Graphviz: `dot -Tsvg` renders it, and `neato -n` keeps the
#              canvas positions written in `pos` (compared node by node);
#   GraphML -> networkx's GraphML reader (an independent parser): same
#              node and edge counts as the export wrote;
#   Mermaid -> mermaid's own parser (the npm package, under jsdom): parses,
#              with one vertex per map node it wrote.
# Inputs: the bundled maps and the hostile-label fixture; with --corpus,
# also every Argdown and AIF file of ../shared/corpus (about 12 minutes on
# 2 cores with a debug binary, so CI leaves it out; and neato 2.43 itself
# segfaults on the largest QT30 map, a Graphviz bug, reported as a FAIL).
# Usage: .ci/validate-interchange.sh ARGMAP_BINARY [--corpus]
set -euo pipefail
bin=$(realpath "${1:?argmap binary}")
cd "$(dirname "$0")/.."
root=$PWD
export DEBIAN_FRONTEND=noninteractive
if ! command -v dot >/dev/null || ! command -v neato >/dev/null; then
  echo "installing graphviz"
  apt-get update -qq && apt-get install -y -qq --no-install-recommends graphviz >/dev/null
fi
tools=${ARGMAP_VALIDATE_TOOLS:-$root/target/validate-tools}
mkdir -p "$tools"
if ! python3 -c 'import networkx' 2>/dev/null; then
  python3 -m pip install --quiet --target "$tools/py" networkx >/dev/null
fi
export PYTHONPATH="$tools/py${PYTHONPATH:+:$PYTHONPATH}"
if [ ! -d "$tools/node/node_modules/mermaid" ]; then
  mkdir -p "$tools/node"
  (cd "$tools/node" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund mermaid@11 jsdom@26 >/dev/null)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=(maps/*.argmap.json tests/fixtures/hostile.argmap.json tests/fixtures/argdown/title-ids.argdown)
if [ "${2:-}" = "--corpus" ] && [ -d ../shared/corpus ]; then
  inputs+=(../shared/corpus/argdown/*.argdown ../shared/corpus/aif/*.json)
fi
n=0
for input in "${inputs[@]}"; do
  base=$(basename "$input")
  base=${base%%.*}
  n=$((n + 1))
  stem="$work/$n-$base"
  # A native copy first, so every export starts from the same map.
  "$bin" convert "$input" "$stem.argmap.json" 2>/dev/null
  for ext in dot graphml mmd; do
    "$bin" convert "$stem.argmap.json" "$stem.$ext" 2>/dev/null
  done
done
echo "exported $n maps as DOT, GraphML and Mermaid"

fail=0
for f in "$work"/*.dot; do
  if ! dot -Tsvg "$f" -o "${f%.dot}.svg" 2>"$f.err"; then
    echo "FAIL dot: $f"; cat "$f.err"; fail=1; continue
  fi
  neato -n -Tplain "$f" > "${f%.dot}.plain" 2>"$f.err" || { echo "FAIL neato -n: $f"; cat "$f.err"; fail=1; }
done
python3 "$root/.ci/validate_interchange.py" "$work" || fail=1
node "$root/.ci/mermaid-parse.mjs" "$tools/node" "$work"/*.mmd || fail=1
if [ "$fail" -ne 0 ]; then
  echo "interchange validation FAILED"
  exit 1
fi
echo "interchange validation passed: Graphviz, networkx and mermaid read every export"
