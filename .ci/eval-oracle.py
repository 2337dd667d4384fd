#!/usr/bin/env python3
"""Differential test of `argmap eval` against PyArg (python-argumentation, MIT).

Generates random abstract argumentation frameworks of 1..12 arguments (with
self-attacks, even and odd cycles), writes each as an ICCMA 2023 file, and
compares the extensions `argmap eval FILE --semantics S --json` prints with
PyArg's for grounded, complete, preferred, stable, semi-stable and ideal.
Exits 1 on any difference (printing the file and both answers), 0 otherwise.

Usage: eval-oracle.py ARGMAP_BINARY [--count N] [--seed S] [--keep DIR]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
    AbstractArgumentationFramework,
)
from py_arg.abstract_argumentation_classes.argument import Argument
from py_arg.abstract_argumentation_classes.defeat import Defeat
from py_arg.algorithms.semantics.get_complete_extensions import get_complete_extensions
from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
from py_arg.algorithms.semantics.get_ideal_extension import get_ideal_extension
from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
from py_arg.algorithms.semantics.get_semistable_extensions import get_semistable_extensions
from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

SEMANTICS = ["grounded", "complete", "preferred", "stable", "semi-stable", "ideal"]


def random_framework(rng):
    """(n, attacks) with attacks 1-based; a mix of densities and shapes."""
    n = rng.randint(1, 12)
    shape = rng.random()
    attacks = set()
    if shape < 0.2:
        # Cycles of random lengths (odd and even), plus a few extra attacks.
        args = list(range(1, n + 1))
        rng.shuffle(args)
        i = 0
        while i < n:
            k = rng.randint(1, min(5, n - i))
            cyc = args[i:i + k]
            for j in range(k):
                attacks.add((cyc[j], cyc[(j + 1) % k]))
            i += k
        for _ in range(rng.randint(0, n)):
            attacks.add((rng.randint(1, n), rng.randint(1, n)))
    else:
        p = rng.choice([0.05, 0.1, 0.15, 0.2, 0.3, 0.4])
        for a in range(1, n + 1):
            for b in range(1, n + 1):
                if a == b:
                    if rng.random() < 0.08:
                        attacks.add((a, a))
                elif rng.random() < p:
                    attacks.add((a, b))
    return n, sorted(attacks)


def iccma(n, attacks):
    lines = ["# random framework for the PyArg oracle", f"p af {n}"]
    lines += [f"{a} {b}" for a, b in attacks]
    return "\n".join(lines) + "\n"


def pyarg_extensions(n, attacks):
    args = {i: Argument(str(i)) for i in range(1, n + 1)}
    af = AbstractArgumentationFramework(
        "af", list(args.values()), [Defeat(args[a], args[b]) for a, b in attacks]
    )
    def norm(exts):
        return sorted(sorted(int(x.name) for x in e) for e in {frozenset(e) for e in exts})
    return {
        "grounded": norm([get_grounded_extension(af)]),
        "complete": norm(get_complete_extensions(af)),
        "preferred": norm(get_preferred_extensions(af)),
        "stable": norm(get_stable_extensions(af)),
        "semi-stable": norm(get_semistable_extensions(af)),
        "ideal": norm(get_ideal_extension(af)),
    }


def argmap_extensions(binary, path):
    out = {}
    for sem in SEMANTICS:
        r = subprocess.run(
            [binary, "eval", path, "--semantics", sem, "--json"],
            capture_output=True, text=True, timeout=120,
        )
        if r.returncode != 0:
            out[sem] = f"exit {r.returncode}: {r.stderr.strip()}"
            continue
        doc = json.loads(r.stdout)
        if doc.get("truncated"):
            out[sem] = "truncated"
            continue
        out[sem] = sorted(sorted(int(x) for x in e) for e in doc["extensions"])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--keep", help="write the ICCMA files here instead of a temp dir")
    opts = ap.parse_args()
    rng = random.Random(opts.seed)
    frameworks = [random_framework(rng) for _ in range(opts.count)]
    tmp = opts.keep or tempfile.mkdtemp(prefix="eval-oracle-")
    os.makedirs(tmp, exist_ok=True)
    paths = []
    for k, (n, attacks) in enumerate(frameworks):
        path = os.path.join(tmp, f"af{k:04d}.af")
        with open(path, "w") as f:
            f.write(iccma(n, attacks))
        paths.append(path)

    def check(k):
        n, attacks = frameworks[k]
        return k, pyarg_extensions(n, attacks), argmap_extensions(opts.binary, paths[k])

    differences = 0
    stats = {"self_attacks": 0, "no_stable": 0, "several_preferred": 0}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for k, theirs, ours in pool.map(check, range(len(frameworks))):
            n, attacks = frameworks[k]
            stats["self_attacks"] += any(a == b for a, b in attacks)
            stats["no_stable"] += theirs["stable"] == []
            stats["several_preferred"] += len(theirs["preferred"]) > 1
            for sem in SEMANTICS:
                if theirs[sem] != ours[sem]:
                    differences += 1
                    print(f"DIFF {paths[k]} {sem}: pyarg {theirs[sem]} argmap {ours[sem]}")
    print(
        f"{len(frameworks)} frameworks x {len(SEMANTICS)} semantics; "
        f"{stats['self_attacks']} with self-attacks, {stats['no_stable']} without a stable extension, "
        f"{stats['several_preferred']} with several preferred; {differences} differences"
    )
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
