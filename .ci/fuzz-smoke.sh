#!/usr/bin/env bash
# Fuzzing smoke run for CI (issue 18, part 5). By default it replays what the AFL
# harnesses in fuzz/ kept, the minimised corpus and every former crash, through the same
# entry point the harnesses call (tests/fuzz_corpus.rs; seconds, no AFL needed).
# With FUZZ_SECONDS=N it also runs each harness for N seconds with AFL++ (cargo-afl is
# installed from crates.io when missing; the instrumented build of Argmap takes about
# 15 minutes on 2 cores the first time) and fails when any harness saved a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --quiet --test fuzz_corpus
secs=${FUZZ_SECONDS:-0}
if [ "$secs" -gt 0 ]; then
  command -v cargo-afl >/dev/null || cargo install --quiet cargo-afl
  fuzz/run.sh "$secs"
  crashes=0
  for stats in fuzz/out/*/default/fuzzer_stats; do
    n=$(awk '/^saved_crashes/ {print $3}' "$stats")
    crashes=$((crashes + n))
  done
  if [ "$crashes" -gt 0 ]; then
    echo "fuzzing found $crashes crash(es): see fuzz/regressions/"
    exit 1
  fi
  echo "fuzz smoke: no crash in ${secs} s per harness"
fi
