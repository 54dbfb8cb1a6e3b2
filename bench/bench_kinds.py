"""Benchmark: derive and verify time of the derivative kinds of issue 12, at the sizes the checks use.

Kinds: the vec form (a matrix by a matrix, a vector by a matrix), a matrix by a scalar, Hessians of
vectors and of matrices, a symmetric matrix variable. Each expression is timed with every size
fixed to k (k = 2 to 5: the numeric check draws sizes from 2 to 5, the components check uses 2
and 3), in this process, one at a time; verify is split into its numeric and components parts
(the rest, steps, expected and subgradient, is the remainder). A kind the engine does not derive
yet says so; each measurement runs in its own process, killed after --limit seconds.
Run: .venv/bin/python bench/bench_kinds.py [--sizes 2,3,4,5] [--limit 60] [KIND ...]

What it showed (2 shared cores, 2026-12-03): derive stays near 0.1 s for every kind and size.
For Hessians of matrix variables verify dominates: at k = 2 and 3 the components check (SymPy's
diff twice on explicit matrices with inverses: log det X at k = 3, 3 s of 5 s); from k = 4 the
Hessian has (k^2)^2 > 144 entries, the components check is not applicable, and the second
differences dominate: (mn)(mn + 1)/2 pairs, 4 evaluations each, per step and point, so they grow
as (mn)^2 times the cost of one evaluation (log det X: 0.07 s at k = 2, 0.6 s at 3, 0.7 s at 4,
1.8 s at 5). A matrix inverse by a scalar at a fixed size 3 (inv(A + t * B)) spent over 60 s in
the first-order components check (3 x 3 symbolic inverse with t).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from problem_factory import make_problem  # noqa: E402

from mcdocgen.checks.components import components_check  # noqa: E402
from mcdocgen.checks.numeric import numeric_check  # noqa: E402
from mcdocgen.checks.sampling import kink_arguments, point_rng  # noqa: E402
from mcdocgen.checks.second import second_components_check, second_numeric_check  # noqa: E402
from mcdocgen.checks.verify import verify  # noqa: E402
from mcdocgen.engine.derive import Derivation, derive  # noqa: E402
from mcdocgen.engine.hessian import derive_hessian  # noqa: E402


@dataclass(frozen=True)
class Kind:
    name: str
    expression: str
    variables: dict[str, list[str]]   # shapes over the size names m, n (each set to k)
    wrt: str
    hessian: bool = False
    assume: dict[str, list[str]] | None = None


KINDS = [
    Kind("vec: A @ X @ B by X", "A @ X @ B", {"A": ["m", "m"], "X": ["m", "n"], "B": ["n", "n"]}, "X"),
    Kind("vec: inv(X) by X", "inv(X)", {"X": ["n", "n"]}, "X", assume={"X": ["invertible"]}),
    Kind("vec: W @ x by W", "W @ x", {"W": ["m", "n"], "x": ["n"]}, "W"),
    Kind("matrix by scalar: inv(A + t * B)", "inv(A + t * B)", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, "t",
         assume={"A": ["invertible"]}),
    Kind("hessian of a vector: quadratic", "x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", hessian=True),
    Kind("hessian of a vector: logistic", "sum(softplus(X @ w) - y * (X @ w))",
         {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, "w", hessian=True),
    Kind("hessian of a vector: two-layer net", "sum((W2 @ tanh(W1 @ x) - y)**2)",
         {"W1": ["m", "n"], "W2": ["m", "m"], "x": ["n"], "y": ["m"]}, "x", hessian=True),
    Kind("hessian of a matrix: log(det(X))", "log(det(X))", {"X": ["n", "n"]}, "X", hessian=True,
         assume={"X": ["invertible"]}),
    Kind("hessian of a matrix: tr(X.T @ A @ X)", "tr(X.T @ A @ X)", {"X": ["m", "n"], "A": ["m", "m"]}, "X",
         hessian=True),
    Kind("symmetric: tr(A @ S)", "tr(A @ S)", {"A": ["n", "n"], "S": ["n", "n"]}, "S", assume={"S": ["symmetric"]}),
]


def _at(kind: Kind, k: int):
    fixed = {name: [str(k) if d in ("m", "n") else d for d in dims] for name, dims in kind.variables.items()}
    fixed = {name: [int(d) for d in dims] for name, dims in fixed.items()}
    return make_problem(kind.expression, fixed, [kind.wrt], assume=kind.assume, pid="bench")


def _split(problem, d: Derivation) -> tuple[float, float]:
    """(numeric, components) seconds, on the checks verify would run for ``d``."""
    numeric, components = (numeric_check, components_check) if d.order == 1 else \
        (second_numeric_check, second_components_check)
    rng = point_rng(problem, d.wrt)
    t0 = time.perf_counter()
    numeric(problem, d, rng, kink_arguments(problem.expression))
    t1 = time.perf_counter()
    components(problem, d)
    return t1 - t0, time.perf_counter() - t1


def _measure(kind: Kind, k: int) -> str:
    """One kind at size k: its line of the table."""
    problem = _at(kind, k)
    t0 = time.perf_counter()
    d = derive_hessian(problem, kind.wrt) if kind.hessian else derive(problem, kind.wrt)
    t1 = time.perf_counter()
    v = verify(problem, d)
    t2 = time.perf_counter()
    if not d.ok:
        reason = d.not_derived.reason if d.not_derived else ""
        return f"{kind.name:42s} {k:2d} {t1 - t0:7.2f}s {t2 - t1:7.2f}s {'':8s} {'':8s}  not derived: {reason[:70]}"
    numeric, components = _split(problem, d)
    outcome = "verified" if v.ok else "a check FAILED"
    if v.components.status.value == "not applicable":
        outcome += " (components n/a: too large)"
    return f"{kind.name:42s} {k:2d} {t1 - t0:7.2f}s {t2 - t1:7.2f}s {numeric:7.2f}s {components:7.2f}s  {outcome}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("kinds", nargs="*", help="substrings of kind names (default: every kind)")
    ap.add_argument("--sizes", default="2,3,4,5")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds for one kind at one size (a process each)")
    ap.add_argument("--one", nargs=2, type=int, metavar=("KIND", "K"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(_measure(KINDS[args.one[0]], args.one[1]), flush=True)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'kind':42s} {'k':>2s} {'derive':>8s} {'verify':>8s} {'numeric':>8s} {'compon.':>8s}  outcome")
    for index, kind in enumerate(KINDS):
        if args.kinds and not any(s in kind.name for s in args.kinds):
            continue
        for k in sizes:
            try:
                run = subprocess.run([sys.executable, __file__, "--one", str(index), str(k)], capture_output=True,
                                     text=True, timeout=args.limit)
                line = run.stdout.strip() or f"{kind.name:42s} {k:2d}  error: {run.stderr.strip()[-100:]}"
            except subprocess.TimeoutExpired:
                line = f"{kind.name:42s} {k:2d}  over {args.limit:g} s (derive and verify, killed)"
            print(line, flush=True)
            if "not derived" in line:
                break           # the same at every size


if __name__ == "__main__":
    main()
