#!/usr/bin/env bash
# Compares Argmap's auto-layout with Graphviz dot on the same generated
# argument map (same graph, same box sizes, same gaps): both times, the
# ratio, and the edge crossings of both drawings, counted by the same
# counter (argmap::layout::count_crossings; dot's splines are sampled).
#
#   benches/compare_dot.sh [STATEMENTS=10000] [SEED=1]
#
# STYLE=compact (the default) or STYLE=wide picks Argmap's layout style.
#
# Needs Graphviz (`apt-get install -y graphviz`); nothing else in Argmap
# does. dot is stopped after $DOT_TIMEOUT seconds (default 300).
# LAYOUT_COMPARE_BIN=path uses that build of examples/layout_compare
# instead of building the current tree.
set -euo pipefail
N=${1:-10000}
SEED=${2:-1}
DOT_TIMEOUT=${DOT_TIMEOUT:-300}
STYLE=${STYLE:-compact}

if ! command -v dot >/dev/null 2>&1; then
    echo "compare_dot.sh: Graphviz 'dot' is not installed; run: apt-get install -y graphviz" >&2
    exit 2
fi
cd "$(dirname "$0")/.."
if [ -n "${LAYOUT_COMPARE_BIN:-}" ]; then
    BIN=$LAYOUT_COMPARE_BIN # a layout_compare built earlier (say, of another commit)
else
    cargo build --release --quiet --example layout_compare
    BIN="${CARGO_TARGET_DIR:-target}/release/examples/layout_compare"
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== Argmap $STYLE layout of synth::argument_map($N, $SEED) (median of 3 runs)"
"$BIN" dot "$N" "$SEED" "$WORK/map.dot" "$STYLE" | tee "$WORK/argmap.txt"
echo "== dot -Tplain (timeout ${DOT_TIMEOUT}s), $(dot -V 2>&1)"
start=$(date +%s.%N)
if timeout "$DOT_TIMEOUT" dot -Tplain "$WORK/map.dot" > "$WORK/map.plain"; then
    end=$(date +%s.%N)
    dot_seconds=$(echo "$end - $start" | bc -l)
    printf 'dot_seconds=%.2f\n' "$dot_seconds"
    "$BIN" plain "$WORK/map.plain" | tee "$WORK/dot.txt"
else
    echo "dot did not finish within ${DOT_TIMEOUT}s"
    dot_seconds=$DOT_TIMEOUT
    dot_stopped=yes
    echo "dot_crossings=unknown" > "$WORK/dot.txt"
fi
argmap_seconds=$(sed -n 's/^argmap_seconds=//p' "$WORK/argmap.txt")
echo "== Summary"
if [ -n "${dot_stopped:-}" ]; then
    printf 'argmap %.3f s, dot over %.0f s (stopped): argmap is at least %.0fx faster\n' \
        "$argmap_seconds" "$dot_seconds" "$(echo "$dot_seconds / $argmap_seconds" | bc -l)"
else
    printf 'argmap %.3f s, dot %.2f s: argmap is %.0fx faster\n' \
        "$argmap_seconds" "$dot_seconds" "$(echo "$dot_seconds / $argmap_seconds" | bc -l)"
fi
echo "crossings: argmap $(sed -n 's/^argmap_crossings=//p' "$WORK/argmap.txt"), dot $(sed -n 's/^dot_crossings=//p' "$WORK/dot.txt")"
