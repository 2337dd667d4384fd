#!/usr/bin/env bash
# Runs the AFL harnesses one after another, each for SECONDS, then keeps what they found:
# the queue minimised with afl-cmin into corpus/NAME/ (replayed by tests/fuzz_corpus.rs)
# and every crash into regressions/NAME/ (replayed too, so it stays fixed). Prints each
# run's fuzzer_stats figures (execs_done, bitmap_cvg, saved_crashes, saved_hangs).
# Needs cargo-afl (`cargo install cargo-afl`), which builds AFL++ with the system compiler.
# Usage: [EXECS=N] [NO_BUILD=1] fuzz/run.sh SECONDS [NAME...]   (names: native argdown aif kialo graphml dot
#        sadface arggraph iccma; default all). ARGMAP=path/to/argmap adds Argmap's own
#        DOT and GraphML exports of the bundled example to the seeds. EXECS=N also stops
#        each harness after about N executions (afl-fuzz -E), whichever comes first: the
#        issue's "10 million executions or 30 minutes" is EXECS=10000000 fuzz/run.sh 1800.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:?seconds per harness}
shift
all=(native argdown aif kialo graphml dot sadface arggraph iccma)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
# NO_BUILD=1 fuzzes the harnesses already in target/release (say, while the tree changes).
[ -n "${NO_BUILD:-}" ] || cargo afl build --release --quiet
# AFL++ as cargo-afl built it. afl-fuzz is called directly: `cargo afl fuzz` adds -c0
# (CmpLog), which needs AFL++'s LLVM plugins and a nightly compiler that this stable
# toolchain does not have.
afl_bin=$(dirname "$(find "$HOME"/.local/share/afl.rs/rustc-*/ -name afl-fuzz | head -1)")
fx=../tests/fixtures
argmap=${ARGMAP:-../target/debug/argmap}
# AFL++'s own dictionaries (JSON, Graphviz), from the source cargo-afl built.
afl_dicts=$HOME/.local/share/afl.rs/AFLplusplus/dictionaries

seeds() { # NAME DIR: the harness's seed files (the project's own fixtures), each at most 64 KB
  local t=$1 dir=$2 f
  mkdir -p "$dir"
  local files=()
  case $t in
    native) files=(../maps/example-car-free.argmap.json "$fx"/good/*.json "$fx"/bad/*.json "$fx"/hostile.argmap.json) ;;
    argdown) files=("$fx"/argdown/*.argdown) ;;
    aif) files=("$fx"/aif/*.json) ;;
    kialo) files=("$fx"/kialo/*.txt) ;;
    graphml) files=("$fx"/graphml/*.graphml "$fx"/conformance/graphml/*) ;;
    dot) files=("$fx"/conformance/dot/*) ;;
    sadface) files=("$fx"/sadface/*.json "$fx"/conformance/sadface/*) ;;
    arggraph) files=("$fx"/arggraph/*.xml "$fx"/conformance/arggraph/*) ;;
    iccma) files=("$fx"/eval/*.af) ;;
  esac
  for f in "${files[@]}"; do
    [ -f "$f" ] && [ "$(stat -c %s "$f")" -le 65536 ] && cp "$f" "$dir/"
  done
  if [ -x "$argmap" ] && { [ "$t" = dot ] || [ "$t" = graphml ]; }; then
    "$argmap" convert ../maps/example-car-free.argmap.json "$dir/example.$t" 2>/dev/null || true
    "$argmap" convert "$fx"/hostile.argmap.json "$dir/hostile.$t" 2>/dev/null || true
  fi
  # Keep the corpus found so far: each run starts where the last one stopped.
  [ -d "corpus/$t" ] && cp corpus/"$t"/* "$dir/" 2>/dev/null || true
}


for t in "${targets[@]}"; do
  out=out/$t
  rm -rf "$out" "out/seeds-$t"
  seeds "$t" "out/seeds-$t"
  case $t in
    native|aif) d=(-x "dict/$t.dict" -x "$afl_dicts/json.dict") ;;
    sadface) d=(-x dict/aif.dict -x "$afl_dicts/json.dict") ;;
    argdown|kialo|iccma) d=(-x "dict/$t.dict") ;;
    graphml|arggraph) d=(-x dict/xml.dict) ;;
    dot) d=(-x "$afl_dicts/graphviz.dict") ;;
  esac
  for ((i = 1; i < ${#d[@]}; i += 2)); do [ -f "${d[i]}" ] || { echo "no dictionary ${d[i]}"; exit 1; }; done
  # The harness links all of Argmap (egui included), so its coverage map is larger than
  # AFL's default; the binary says how large.
  AFL_MAP_SIZE=$(AFL_DUMP_MAP_SIZE=1 "target/release/$t" || true)
  export AFL_MAP_SIZE
  echo "=== $t: $secs s, map size $AFL_MAP_SIZE ($(date -u +%H:%M:%S))"
  limit=(-V "$secs")
  [ -n "${EXECS:-}" ] && limit+=(-E "$EXECS")
  "$afl_bin/afl-fuzz" "${limit[@]}" -t 3000 -i "out/seeds-$t" -o "$out" "${d[@]}" "target/release/$t" >"out/$t.log" 2>&1 || {
    echo "afl-fuzz failed for $t:"; tail -20 "out/$t.log"; continue; }
  stats=$out/default/fuzzer_stats
  grep -E '^(execs_done|execs_per_sec|run_time|bitmap_cvg|corpus_count|saved_crashes|saved_hangs) ' "$stats" | tr -s ' ' | tr '\n' ';'
  echo
  rm -rf "corpus/$t.new"
  if "$afl_bin/afl-cmin" -i "$out/default/queue" -o "corpus/$t.new" -- "target/release/$t" >"out/$t.cmin.log" 2>&1; then
    rm -rf "corpus/$t"; mkdir -p corpus
    mv "corpus/$t.new" "corpus/$t"
    # Plain names (no ':' or ','), so every file system can check the corpus out.
    n=0; for f in corpus/"$t"/*; do n=$((n + 1)); mv "$f" "corpus/$t/$(printf '%05d' $n)"; done
    echo "corpus/$t: $n inputs, $(du -sk "corpus/$t" | cut -f1) KB"
  else
    echo "afl-cmin failed for $t (see out/$t.cmin.log)"
  fi
  for f in "$out"/default/crashes/id:*; do
    [ -f "$f" ] || continue
    mkdir -p "regressions/$t"
    cp "$f" "regressions/$t/crash-$(sha256sum "$f" | cut -c1-12)"
  done
done
