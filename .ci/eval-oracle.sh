#!/usr/bin/env bash
# Differential test of `argmap eval` against PyArg (python-argumentation, MIT):
# creates a venv with PyArg under target/eval-oracle-venv (reused when
# present) and runs .ci/eval-oracle.py on 1,000 random frameworks.
# Usage: .ci/eval-oracle.sh ARGMAP_BINARY [extra eval-oracle.py options]
set -euo pipefail
bin=$(realpath "${1:?argmap binary}")
shift
cd "$(dirname "$0")/.."
venv=${ARGMAP_ORACLE_VENV:-$PWD/target/eval-oracle-venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import py_arg' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'python-argumentation==2.0.2'
fi
exec "$venv/bin/python" .ci/eval-oracle.py "$bin" --count 1000 "$@"
