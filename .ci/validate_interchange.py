"""Checks Argmap's DOT and GraphML exports with programs that are not Argmap.

Called by .ci/validate-interchange.sh with the folder holding, per map,
NAME.argmap.json (the native copy) and its NAME.dot, NAME.plain (Graphviz
`neato -n -Tplain` of the DOT) and NAME.graphml exports.

- DOT: neato -n must keep every node where the DOT's `pos` put it (points,
  compared after moving both drawings to the origin, as Graphviz does),
  and draw one node per statement and inference of the map.
- GraphML: networkx's reader must find one node per statement and
  inference and one edge per premise and target link.
"""

import json
import re
import sys
from pathlib import Path

import networkx

NODE_LINE = re.compile(r'^\s*("(?:[^"\\]|\\.)*"|\w+)\s*\[(.*)\];\s*$')
POS = re.compile(r'\bpos="(-?[\d.]+),(-?[\d.]+)!?"')


def expected_counts(native: Path) -> tuple[int, int]:
    doc = json.loads(native.read_text(encoding="utf-8"))
    nodes = len(doc["statements"]) + len(doc["inferences"])
    edges = sum(len(i["premises"]) + 1 for i in doc["inferences"])
    return nodes, edges


def dot_positions(dot: Path) -> dict[str, tuple[float, float]]:
    out = {}
    for line in dot.read_text(encoding="utf-8").splitlines():
        m = NODE_LINE.match(line)
        if not m or "->" in m.group(1):
            continue
        p = POS.search(m.group(2))
        if p:
            name = m.group(1)
            if name.startswith('"'):
                name = name[1:-1].replace('\\"', '"')
            out[name] = (float(p.group(1)), float(p.group(2)))
    return out


PLAIN_NODE = re.compile(r'^node ("(?:[^"\\]|\\.)*"|\S+) (\S+) (\S+)')


def plain_positions(plain: Path) -> dict[str, tuple[float, float]]:
    # Only the name and the centre are read: labels may hold anything.
    out = {}
    if not plain.exists():
        return out  # Graphviz failed on it, and the shell script said so
    for line in plain.read_text(encoding="utf-8", errors="replace").splitlines():
        m = PLAIN_NODE.match(line)
        if m:
            name = m.group(1)
            if name.startswith('"'):
                name = name[1:-1].replace('\\"', '"')
            out[name] = (float(m.group(2)) * 72.0, float(m.group(3)) * 72.0)
    return out


def to_origin(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    min_x = min(x for x, _ in points.values())
    min_y = min(y for _, y in points.values())
    return {k: (x - min_x, y - min_y) for k, (x, y) in points.items()}


def check(folder: Path) -> list[str]:
    problems = []
    checked = 0
    for native in sorted(folder.glob("*.argmap.json")):
        stem = native.name[: -len(".argmap.json")]
        nodes, edges = expected_counts(native)
        written = dot_positions(folder / f"{stem}.dot")
        drawn = plain_positions(folder / f"{stem}.plain")
        if len(drawn) != nodes:
            problems.append(f"{stem}.dot: Graphviz drew {len(drawn)} nodes, the map has {nodes}")
        if written and drawn:
            written, drawn = to_origin(written), to_origin(drawn)
            for name, (x, y) in written.items():
                got = drawn.get(name)
                if got is None or abs(got[0] - x) > 1.0 or abs(got[1] - y) > 1.0:
                    problems.append(f"{stem}.dot: node {name} at {got}, pos says {(x, y)}")
                    break
        graph = networkx.read_graphml(folder / f"{stem}.graphml")
        if (graph.number_of_nodes(), graph.number_of_edges()) != (nodes, edges):
            problems.append(
                f"{stem}.graphml: networkx read {graph.number_of_nodes()} nodes and "
                f"{graph.number_of_edges()} edges, the map has {nodes} and {edges}"
            )
        checked += 1
    print(f"DOT (Graphviz) and GraphML (networkx {networkx.__version__}): {checked} maps checked")
    return problems


if __name__ == "__main__":
    found = check(Path(sys.argv[1]))
    for p in found:
        print("FAIL", p)
    sys.exit(1 if found else 0)
