"""Benchmark: the cost of one expression node: building it (the smart constructor), building and hashing
it, comparing two equal trees built apart, and walking a tree; in CPU nanoseconds per node.

Each figure is measured in a child process per checkout (this one's, and with --checkout DIR another's,
e.g. main's for the figures before), the checkouts interleaved round by round, and the median over the
rounds printed. Run: .venv/bin/python bench/bench_nodes.py [--rounds 5] [--checkout /work/main]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 20_000   # nodes per figure and sample
SAMPLES = 5       # samples per round in the child; the child keeps the fastest (the least disturbed)


def child() -> None:
    """Print the figures of the checkout on sys.path, as JSON."""
    from mcdocgen import language as E
    from mcdocgen.language import shapes

    n = shapes.dim("n")
    a, x = E.var("A", shapes.square(n)), E.var("x", shapes.column(n))

    def build() -> None:
        for _ in range(REPEAT):
            E.matmul(a, x)

    def build_hash() -> None:
        for _ in range(REPEAT):
            hash(E.matmul(a, x))

    def chain(depth: int) -> E.Node:
        node: E.Node = x
        for _ in range(depth):
            node = E.add(E.matmul(a, node), x)
        return node

    long = chain(REPEAT // 50)                   # 2 nodes a level
    size = E.count_nodes(long, 10 * REPEAT)
    one, two = chain(25), chain(25)              # 51 nodes each, equal, built apart

    def equal() -> None:
        for _ in range(REPEAT // 50):
            assert one == two

    def walk() -> None:
        for _ in E.walk(long):
            pass

    def fastest(run: object, per: int) -> float:
        best = float("inf")
        for _ in range(SAMPLES):
            t = time.process_time()
            run()   # type: ignore[operator]
            best = min(best, time.process_time() - t)
        return best / per * 1e9

    figures = {
        "build (matmul of two variables)": fastest(build, REPEAT),
        "build and hash": fastest(build_hash, REPEAT),
        "== of two equal trees built apart, per node": fastest(equal, REPEAT // 50 * 51),
        "walk, per node": fastest(walk, size),
    }
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--checkout", type=Path, help="another checkout to compare with (e.g. /work/main)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child()
        return
    trees = {"this": ROOT} | ({"other": args.checkout.resolve()} if args.checkout else {})
    got: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            out = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_nodes.py"), "--child"], cwd=tree,
                                 env={"PYTHONPATH": str(tree), "PATH": ""}, capture_output=True, text=True, check=True)
            got[name].append(json.loads(out.stdout))
    for name, tree in trees.items():
        print(f"{name} ({tree}), CPU ns, median of {args.rounds} rounds:")
        for key in got[name][0]:
            print(f"  {key:42s} {statistics.median(r[key] for r in got[name]):8.0f}")


if __name__ == "__main__":
    main()
