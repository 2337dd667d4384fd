#!/usr/bin/env bash
# Keeps the committed corpus small: in corpus/NAME/ (after afl-cmin), drops inputs over
# 64 KB, then the largest ones until the folder holds at most 1 MB. The coverage the
# dropped inputs alone reached is lost from the replay, not from the fuzzers' next run
# (which seeds from this corpus and the fixtures again).
# Usage: fuzz/prune.sh [NAME...]   (default: every folder under corpus/)
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -gt 0 ]; then dirs=("${@/#/corpus/}"); else dirs=(corpus/*/); fi
for d in "${dirs[@]}"; do
  d=${d%/}
  [ -d "$d" ] || continue
  find "$d" -type f -size +64k -delete
  # Smallest first; delete every input once the running total passes 1 MB.
  find "$d" -type f -printf '%s %p\n' | sort -n |
    awk '{ total += $1; if (total > 1048576) print $2 }' | xargs -r rm -f
  echo "$d: $(find "$d" -type f | wc -l) inputs, $(du -sk --apparent-size "$d" | cut -f1) KB"
done
