"""The components check: explicit small SymPy matrices, differentiated entry by entry with scalar ``diff``,
each entry compared with the result's (``checks.equality``: symbolically, or exactly at random points)."""

from __future__ import annotations

import math
from fractions import Fraction
from collections.abc import Callable, Iterable
from typing import Any, TypeAlias

import numpy as np
import sympy

from mcdocgen.catalog import Assumption, Problem, Variable
from mcdocgen.checks.evaluate import SYMPY, evaluate
from mcdocgen.checks.exact import ExactBackend
from mcdocgen.checks.jets import Exact, Jet, NotExact, Pole, add_bound, lift
from mcdocgen.checks.equality import Differs, Outcome, Undecided, equal
from mcdocgen.checks.identity import (
    IDENTITY_DRAWS, IDENTITY_MAX_DEGREE, IDENTITY_POINTS, IDENTITY_RANGE, Proof, point_range, proof_text,
)
from mcdocgen.checks.results import CheckResult, CheckStatus
from mcdocgen.checks.sampling import dims, point_rng, smallest_size
from mcdocgen.checks.symmetric import component_targets, components_detail
from mcdocgen.engine.derive import Derivation
from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.shapes import size_symbol
from mcdocgen.checks.walk import Sizes

#: one choice of sizes for the explicit matrices
SizeChoice: TypeAlias = dict[sympy.Symbol, int]
#: an entry's target on the exact route: its exact value and the bound on its degree
Target: TypeAlias = tuple[Exact, tuple[int, int]]
Targets: TypeAlias = list[list[Target]]

COMPONENT_SIZES = (2, 3)
COMPONENT_MAX_ENTRIES = 144     # of a variable, and of the derivative, as explicit SymPy matrices
COMPONENT_MAX_INVERSE = 3      # larger symbolic det/inv grow as k! (SymPy needs minutes at 5 x 5)
# of a sum or product of matrices, whose entries are polynomials already: inv(A + t * B) at 3 x 3
# took SymPy over 60 s when entries were expanded and cancelled; compared exactly (checks.identity),
# 0.6 s, but the inverse of X.T @ X (X 4 x 3) and its diff still take 4 s
COMPONENT_MAX_COMPOUND_INVERSE = 2
COMPONENT_MAX_TERMS = 20_000    # estimated size of one entry's SymPy expression (expression_terms)
SYMPY_METHOD = "SymPy entrywise diff"
EXACT_METHOD = "exact entrywise derivatives"


def _symbol_matrix(var: Variable, sizes: Sizes) -> sympy.Matrix:
    r, c = dims(var.shape, sizes)
    symmetric = Assumption.SYMMETRIC in var.assume
    positive = Assumption.POSITIVE in var.assume

    def entry(i: int, j: int) -> sympy.Symbol:
        if symmetric and j < i:
            i, j = j, i
        name = var.name if (r, c) == (1, 1) else f"{var.name}_{i + 1}{j + 1}"
        return sympy.Symbol(name, real=True, positive=positive or None)

    return sympy.Matrix(r, c, entry)


def components_check(problem: Problem, d: Derivation) -> CheckResult:
    """Entrywise derivatives on small explicit matrices (a few size choices, for singular cases): exact
    ones at random rational points where the function is rational (``checks.exact``), else SymPy's."""
    return at_fitting_sizes(problem, lambda sizes: component_limit(problem, d, sizes),
                            lambda sizes: exact_components_at(problem, d, sizes) or _components_at(problem, d, sizes),
                            SYMPY_METHOD)


def at_fitting_sizes(problem: Problem, limit: Callable[[SizeChoice], str | None], attempt: Callable[[SizeChoice], CheckResult],
                     method: str) -> CheckResult:
    """``attempt`` at the first size choice within ``limit`` where the function is defined.

    A choice too big gives way to the next (the sizes swapped, all 2); NOT_APPLICABLE, with the
    limit's reason, only when every choice is too big.
    """
    last, too_big = None, None
    for sizes in _component_sizes(problem):
        reason = limit(sizes)
        if reason:
            too_big = too_big or reason
            continue
        try:
            return attempt(sizes)
        except (sympy.matrices.exceptions.NonInvertibleMatrixError, ZeroDivisionError) as exc:
            last = exc
    if last is None and too_big:
        return CheckResult(CheckStatus.NOT_APPLICABLE, f"{too_big}; the result is checked by the numeric "
                           "checks only", method=method)
    return CheckResult(CheckStatus.FAILED, f"no small size where the function is defined: {last}")


def component_limit(problem: Problem, d: Derivation, sizes: Sizes) -> str | None:
    """Why explicit SymPy matrices at these sizes would be too large to differentiate, or None.

    Structural (sizes and tree shapes only), so that the answer is the same on every machine:
    each variable and the derivative have at most COMPONENT_MAX_ENTRIES entries, and the
    estimated length of one entry's expression stays under COMPONENT_MAX_TERMS.
    """
    for v in problem.variables:
        r, c = dims(v.shape, sizes)
        if r * c > COMPONENT_MAX_ENTRIES:
            return (f"'{v.name}' has {r * c} entries, over the components check's limit of "
                    f"{COMPONENT_MAX_ENTRIES} (COMPONENT_MAX_ENTRIES)")
    assert d.result is not None     # a finished derivation (verify runs no check otherwise)
    for n in (*E.walk(problem.expression), *E.walk(d.result)):
        if not isinstance(n, (E.Det, E.Inv, E.LogDet)):
            continue
        k = dims(n.arg.shape, sizes)[0]
        if k > COMPONENT_MAX_INVERSE:
            return (f"a {k} x {k} determinant or inverse is over the components check's limit of "
                    f"{COMPONENT_MAX_INVERSE} x {COMPONENT_MAX_INVERSE} (COMPONENT_MAX_INVERSE)")
        if k > COMPONENT_MAX_COMPOUND_INVERSE and not isinstance(n.arg, E.Var):
            return (f"a {k} x {k} determinant or inverse of a compound matrix is over the components check's "
                    f"limit of {COMPONENT_MAX_COMPOUND_INVERSE} x {COMPONENT_MAX_COMPOUND_INVERSE} "
                    f"(COMPONENT_MAX_COMPOUND_INVERSE)")
    fr, fc = dims(problem.expression.shape, sizes)
    xr, xc = dims(problem.variable(d.wrt).shape, sizes)
    if fr * fc * xr * xc > COMPONENT_MAX_ENTRIES:
        return (f"the derivative has {fr * fc * xr * xc} entries, over the components check's limit of "
                f"{COMPONENT_MAX_ENTRIES} (COMPONENT_MAX_ENTRIES)")
    other = (("other convention", d.symmetric.entrywise),) if d.symmetric else ()   # checked as well
    for label, node in (("function", problem.expression), ("result", d.result), ("result", d.numerator), *other):
        terms = expression_terms(node, sizes)
        if terms > COMPONENT_MAX_TERMS:
            return (f"one entry of the {label} as an explicit SymPy expression would have about {terms:.1e} "
                    f"terms, over the components check's limit of {COMPONENT_MAX_TERMS:,} (COMPONENT_MAX_TERMS)")
    return None


def expression_terms(node: Node, sizes: Sizes) -> float:
    """An upper estimate of the size of one entry of ``node`` evaluated on symbolic matrices.

    Matrix products multiply by the inner size, determinants and inverses by k! (cofactors),
    reductions by the entries they add. Float, so that towers do not make huge integers.
    """
    cache: dict[Node, float] = {}

    def size(n: Node) -> float:
        if n in cache:
            return cache[n]
        kids = [size(k) for k in n.children()]
        match n:
            case E.MatMul(left=a):
                out = dims(a.shape, sizes)[1] * (kids[0] + kids[1] + 1)
            case E.Det(arg=a) | E.Inv(arg=a) | E.LogDet(arg=a):
                k = dims(a.shape, sizes)[0]
                out = float(math.factorial(min(k, 170))) * k * kids[0]
            case E.Sum(arg=a) | E.Mean(arg=a) | E.Norm(arg=a) | E.Dot(left=a):
                r, c = dims(a.shape, sizes)
                out = r * c * (sum(kids) + 1)
            case E.Norm1(arg=a) | E.LogSumExp(arg=a) | E.Softmax(arg=a):   # softmax: each entry over the sum of all
                r, c = dims(a.shape, sizes)
                out = r * c * (sum(kids) + 1)
            case E.Trace(arg=a):
                out = dims(a.shape, sizes)[0] * (kids[0] + 1)
            case E.Lit():
                out = max(kids) + 1
            case _:
                out = sum(kids) + 1
        cache[n] = out
        return out

    return size(node)


def _component_sizes(problem: Problem) -> list[SizeChoice]:
    """The size choices in the order they are tried: the size names set to 2 and 3 (distinct sizes
    catch a transpose that equal ones hide), swapped, all 2, all 3; those whose largest determinant
    or inverse is smaller first (stably): its entries grow as k!, and SymPy's diff of a 3 x 3 inverse
    took seconds where the 2 x 2 one takes milliseconds."""
    names = [size_symbol(s) for s in problem.sizes]
    low = smallest_size(problem)
    inverted = [n.arg.shape for n in E.walk(problem.expression) if isinstance(n, (E.Det, E.Inv, E.LogDet))]
    seen: list[SizeChoice] = []
    for choice in (COMPONENT_SIZES, COMPONENT_SIZES[::-1], (2,), (3,)):
        sizes = {s: max(low, choice[i % len(choice)]) for i, s in enumerate(names)}
        if sizes not in seen:
            seen.append(sizes)
    return sorted(seen, key=lambda sizes: max((dims(shape, sizes)[0] for shape in inverted), default=0))


def _components_at(problem: Problem, d: Derivation, sizes: Sizes) -> CheckResult:
    env = {v.name: _symbol_matrix(v, sizes) for v in problem.variables}
    f = evaluate(problem.expression, env, sizes, SYMPY)
    x = env[d.wrt]
    if f.shape == (1, 1):   # the gradient, in the variable's shape
        expected = x.applyfunc(lambda xe: sympy.diff(f[0, 0], xe))
    elif x.shape == (1, 1) and 1 not in f.shape:   # a matrix by a scalar: the entry derivatives, transposed
        expected = f.applyfunc(lambda fe: sympy.diff(fe, x[0, 0])).T
    else:   # d vec(f) / d vec(x)^T transposed: entries column-major on both sides (spec section 5)
        expected = sympy.Matrix([[sympy.diff(fe, xe) for fe in _vec(f)] for xe in _vec(x)])
    assert d.result is not None and d.numerator is not None
    den = evaluate(d.result, env, sizes, SYMPY)
    num = evaluate(d.numerator, env, sizes, SYMPY)
    if den.shape != expected.shape or num.shape != expected.T.shape:
        return CheckResult(CheckStatus.FAILED, f"shape {den.shape} differs from the entrywise derivative's {expected.shape}")
    rng = point_rng(problem, f"{d.wrt}:components")
    methods: set[Proof] = set()
    pairs: tuple[tuple[sympy.Matrix, sympy.Matrix, str], ...] = ((den, expected, "denominator"), (num, expected.T, "numerator"))
    if d.symmetric:     # X_ij = X_ji is one symbol: diff by it is the independent-entries derivative
        pairs = component_targets(d, env, sizes, expected, den, num)
    failed = first_difference(pairs, equal, rng, methods)
    if failed is not None:
        return failed
    sizes_text = ", ".join(f"{k} = {v}" for k, v in sizes.items()) or "the catalog's sizes"
    return CheckResult(CheckStatus.PASSED, f"every entry equal {proof_text(methods)}, with {sizes_text}"
                       f"{components_detail(d) if d.symmetric else ''}",
                       method=SYMPY_METHOD)


def _vec(m: sympy.Matrix) -> list[sympy.Expr]:
    """The entries column-major, as vec stacks them."""
    return [m[i, j] for j in range(m.shape[1]) for i in range(m.shape[0])]


def first_difference(pairs: Iterable[tuple[Any, Any, str]],
                     equal: Callable[[Any, Any, np.random.Generator], Outcome], rng: np.random.Generator,
                     methods: set[Proof], method: str = SYMPY_METHOD) -> CheckResult | None:
    """The failure at the first entry shown to differ from its target (``pairs`` of result, target and
    layout name), with where it differs; else NOT_APPLICABLE at the first entry neither shown equal nor
    shown to differ (a correct entry that is 0 / 0 at most points must not fail, nor pass); else None.
    ``methods`` collects how each entry was shown equal; ``method`` names the check's route."""
    undecided: CheckResult | None = None
    for got, want, layout in pairs:
        for idx in np.ndindex(*want.shape):
            how = equal(got[idx], want[idx], rng)
            where = f"{layout} entry {tuple(i + 1 for i in idx)}"
            if isinstance(how, Differs):
                return CheckResult(CheckStatus.FAILED, f"{where}: {_short(got[idx])} differs from "
                                   f"{_short(want[idx])} {how.where}")
            if isinstance(how, Undecided):
                undecided = undecided or CheckResult(
                    CheckStatus.NOT_APPLICABLE, f"{where}: {_short(got[idx])} could not be compared with "
                    f"{_short(want[idx])}: {how.why}; no entry was found to differ, and the result rests on the "
                    "numeric checks", method=method)
            else:
                methods.add(how)
    return undecided


def _short(e: object) -> str:
    text = str(e)
    return text if len(text) < 80 else text[:77] + "..."


# ---------------------------------------------------------------- the exact route


def _entry_index(var: Variable, sizes: Sizes) -> tuple[tuple[int, int], list[list[int]], int]:
    """The variable's shape, the independent entry each entry is (X_ij = X_ji one entry for a
    symmetric X, as one SymPy symbol is on the SymPy route), and how many there are."""
    r, c = dims(var.shape, sizes)
    symmetric = Assumption.SYMMETRIC in var.assume
    index: list[list[int]] = [[0] * c for _ in range(r)]
    count = 0
    for i in range(r):
        for j in range(c):
            if symmetric and j < i:
                index[i][j] = index[j][i]
            else:
                index[i][j], count = count, count + 1
    return (r, c), index, count


def _point(problem: Problem, wrt: str, sizes: Sizes, rng: np.random.Generator,
           top: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """A random integer point (coordinates 1 to ``top``) as Jet matrices: with a derivative along each
    independent entry of ``wrt`` (for the function), and without (for the results)."""
    plain, seeded = {}, {}
    for v in problem.variables:
        (r, c), index, count = _entry_index(v, sizes)
        values = rng.integers(1, top, size=count, endpoint=True).tolist()   # ints: cheaper than Fractions
        entry = np.empty((r, c), dtype=object)
        moving = np.empty((r, c), dtype=object)
        units = [tuple(int(m == k) for m in range(count)) for k in range(count)] if v.name == wrt else []
        for i in range(r):
            for j in range(c):
                k = index[i][j]
                entry[i, j] = Jet(values[k], None, (1, 0))
                if units:
                    moving[i, j] = Jet(values[k], units[k], (1, 0), (0, 0))
        plain[v.name] = entry
        seeded[v.name] = moving if v.name == wrt else entry
    return plain, seeded


def _exact_targets(problem: Problem, d: Derivation, sizes: Sizes, f: np.ndarray) -> tuple[Targets, Targets]:
    """What each layout's entries must equal, as (exact value, degree bound) pairs: f's derivative
    by each independent entry of the variable, in the places the SymPy route puts SymPy's diff."""
    (xr, xc), index, _ = _entry_index(problem.variable(d.wrt), sizes)

    def by(fe: Jet, i: int, j: int, half: bool = False) -> Target:
        if fe.g is None:
            return Fraction(0), (0, 0)
        value = fe.g[index[i][j]]
        return (Fraction(value, 2) if half else value), fe.gb

    def grid(rows: int, cols: int, at: Callable[[int, int], Target]) -> Targets:
        return [[at(a, b) for b in range(cols)] for a in range(rows)]

    fr, fc = f.shape
    if (fr, fc) == (1, 1):
        entrywise = grid(xr, xc, lambda i, j: by(f[0, 0], i, j))
        half = grid(xr, xc, lambda i, j: by(f[0, 0], i, j, bool(d.symmetric) and i != j))
    elif (xr, xc) == (1, 1) and 1 not in (fr, fc):
        entrywise = half = grid(fc, fr, lambda j, i: by(f[i, j], 0, 0))
    else:
        xs = [(i, j) for j in range(xc) for i in range(xr)]
        fs = [(i, j) for j in range(fc) for i in range(fr)]
        entrywise = half = grid(len(xs), len(fs), lambda a, b: by(f[fs[b]], *xs[a]))
    return entrywise, half


class _Fresh:
    """One point's values of the modelled exponentials and constants (checks.exact), each drawn from
    1 to ``top`` the first time it is met: in the order the trees meet them, so the same every run."""

    def __init__(self, rng: np.random.Generator, top: int) -> None:
        self.rng, self.top = rng, top
        self.drawn: dict[object, int] = {}

    def __call__(self, key: object) -> int:
        if key not in self.drawn:
            self.drawn[key] = int(self.rng.integers(1, self.top, endpoint=True))
        return self.drawn[key]


def exact_components_at(problem: Problem, d: Derivation, sizes: Sizes) -> CheckResult | None:
    """PASSED where the exact route shows every entry equal (``exact_agreement``); None where it
    cannot decide or finds a difference: the SymPy route then decides, and words any difference."""
    if not exact_agreement(problem, d, sizes):
        return None
    sizes_text = ", ".join(f"{k} = {v}" for k, v in sizes.items()) or "the catalog's sizes"
    return CheckResult(CheckStatus.PASSED, f"every entry equal {proof_text({Proof.IDENTITY})}, with "
                       f"{sizes_text}{components_detail(d) if d.symmetric else ''}", method=EXACT_METHOD)


def exact_agreement(problem: Problem, d: Derivation, sizes: Sizes) -> bool | None:
    """True where every entry of the result (both layouts; for a symmetric X also the other
    convention) equals the exact derivative at IDENTITY_POINTS random integer points, False where
    one differs at a point (certainly wrong), None where this route cannot decide: a function
    without exact values, too high a degree, poles at every draw.

    The points' range follows the degree bound of the differences (checks.identity.point_range):
    the bounds do not depend on the point (no pivoting, no branches), so the first evaluation fixes
    it; a point drawn from a smaller range is drawn again."""
    rng = point_rng(problem, f"{d.wrt}:components:exact")
    top, agreed = IDENTITY_RANGE, 0
    for _ in range(IDENTITY_DRAWS):
        plain, seeded = _point(problem, d.wrt, sizes, rng, top)
        backend = ExactBackend(_Fresh(rng, top))
        try:
            assert d.result is not None and d.numerator is not None
            f = evaluate(problem.expression, seeded, sizes, backend)
            den = evaluate(d.result, plain, sizes, backend)
            num = evaluate(d.numerator, plain, sizes, backend)
            other = evaluate(d.symmetric.entrywise, plain, sizes, backend) if d.symmetric else None
        except Pole:
            continue
        except NotExact:
            return None
        if not all(isinstance(fe, Jet) for fe in f.flat):    # f a norm: a square root, no derivative here
            return None
        entrywise, half = _exact_targets(problem, d, sizes, f)
        pairs = [(den, half, False), (num, half, True)]
        if other is not None:
            pairs.append((other, entrywise, False))
        degree, same = 0, True
        for got, want, transposed in pairs:
            rows, cols = (len(want[0]), len(want)) if transposed else (len(want), len(want[0]))
            if got.shape != (rows, cols):
                return None
            for i in range(rows):
                for j in range(cols):
                    value, bound = want[j][i] if transposed else want[i][j]
                    g = got[i, j]
                    g = lift(g) if isinstance(g, (int, Fraction)) else g
                    if not isinstance(g, Jet) or g.v is None:     # a square root, a logarithm
                        return None
                    degree = max(degree, *add_bound(g.vb, bound))
                    same = same and g.v == value
        if degree > IDENTITY_MAX_DEGREE:
            return None
        if point_range(degree) != top:      # drawn from too small a range: draw again from the right one
            top = point_range(degree)
            continue
        if not same:
            return False
        agreed += 1
        if agreed == IDENTITY_POINTS:
            return True
    return None
