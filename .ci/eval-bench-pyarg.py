#!/usr/bin/env python3
"""Times preferred enumeration by PyArg and by `argmap eval` on the same
ICCMA files (written by `cargo bench --bench eval` to target/eval-bench/),
checks both give the same extensions, and prints the ratio.

argmap is timed as a whole process (start-up, reading, solving, JSON), so
the ratio understates its solver speed; the in-process figure is in the
criterion report. PyArg is timed in-process (reading excluded).

Usage: eval-bench-pyarg.py ARGMAP_BINARY [DIR] [--timeout SECONDS]
"""
import json
import multiprocessing
import os
import subprocess
import sys
import time

from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
    AbstractArgumentationFramework,
)
from py_arg.abstract_argumentation_classes.argument import Argument
from py_arg.abstract_argumentation_classes.defeat import Defeat
from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions


def read_iccma(path):
    n, attacks = 0, []
    for line in open(path):
        t = line.split()
        if not t or t[0].startswith("#"):
            continue
        if t[0] == "p":
            n = int(t[2])
        else:
            attacks.append((int(t[0]), int(t[1])))
    return n, attacks


def pyarg_preferred(path, out):
    n, attacks = read_iccma(path)
    args = {i: Argument(str(i)) for i in range(1, n + 1)}
    af = AbstractArgumentationFramework("af", list(args.values()),
                                        [Defeat(args[a], args[b]) for a, b in attacks])
    t = time.perf_counter()
    exts = get_preferred_extensions(af)
    out.put((time.perf_counter() - t, sorted(sorted(int(x.name) for x in e) for e in exts)))


def main():
    binary = sys.argv[1]
    rest = sys.argv[2:]
    timeout = 600.0
    if "--timeout" in rest:
        k = rest.index("--timeout")
        timeout = float(rest[k + 1])
        del rest[k:k + 2]
    folder = rest[0] if rest else "target/eval-bench"
    for n in (50, 100, 200):
        path = os.path.join(folder, f"random-{n}.af")
        if not os.path.exists(path):
            print(f"{path}: missing (run cargo bench --bench eval first)")
            continue
        t = time.perf_counter()
        r = subprocess.run([binary, "eval", path, "--semantics", "preferred", "--json"],
                           capture_output=True, text=True)
        ours_s = time.perf_counter() - t
        ours = sorted(sorted(int(x) for x in e) for e in json.loads(r.stdout)["extensions"])
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=pyarg_preferred, args=(path, q))
        p.start()
        p.join(timeout)
        if p.is_alive():
            p.terminate()
            print(f"{n:>4} args: argmap {ours_s * 1000:.1f} ms ({len(ours)} preferred); "
                  f"PyArg did not finish in {timeout:.0f} s (ratio > {timeout / ours_s:.0f}x)")
            continue
        theirs_s, theirs = q.get()
        same = "same extensions" if theirs == ours else "DIFFERENT EXTENSIONS"
        print(f"{n:>4} args: argmap {ours_s * 1000:.1f} ms, PyArg {theirs_s * 1000:.1f} ms, "
              f"ratio {theirs_s / ours_s:.1f}x; {len(ours)} preferred, {same}")


if __name__ == "__main__":
    main()
