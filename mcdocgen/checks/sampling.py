"""Sampling: sizes and points for the numeric checks, drawn by each variable's assumptions, away from kinks.

The constants of the draws live here once; the NumPy snippet a page publishes draws the same way.
"""

from __future__ import annotations

import functools

import numpy as np
import sympy

from mcdocgen.catalog import Assumption, Problem, Variable
from mcdocgen.checks.evaluate import dimension, evaluate, evaluator
from mcdocgen.checks.rounding import ROUNDED, Rounded, lift
from mcdocgen.checks.still import kink_gaps, still_among
from mcdocgen.engine.derive import KINK_FUNCTIONS, Derivation
from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.shapes import Shape, size_symbol
from mcdocgen.checks.walk import Env, Sizes

KINK_MARGIN = 5e-2              # kink arguments stay this far from 0: 50 first steps of the numeric check away
MAX_CONDITION = 1e8             # a matrix the result inverts must be this well conditioned
MAX_DRAWS = 200
SIZE_REDRAWS = 50               # draws of sizes (no point evaluated) to find ones not tried that fit
SIZE_SPREAD = 4                 # sizes are drawn from [smallest, smallest + SIZE_SPREAD)
POSITIVE_RANGE = (0.5, 2.0)     # entries of a positive (or nonzero, with a random sign) variable
INVERTIBLE_SHIFT = 2            # an invertible n x n variable gets INVERTIBLE_SHIFT * sqrt(n) * I added
BOUNDED_SHRINK = 0.5            # with arcsin or arccos, the free variables' spread halves every
BOUNDED_EVERY = 5               # BOUNDED_EVERY draws that miss their domain (many entries must fit in it)


class NoPoint(Exception):
    """No point was found where the function is finite beyond rounding and smooth: what was looked for and, where
    known, why the last draw missed (``why_not``)."""

    def __init__(self, sought: str, why: str = "") -> None:
        super().__init__(sought, why)
        self.sought, self.why = sought, why

    def __str__(self) -> str:
        return f"{self.sought} (the last draw: {self.why})" if self.why else self.sought


def kink_arguments(node: Node) -> list[Node]:
    """Subexpressions that must stay away from zero for the function to be smooth there (and, for
    arcsin and arccos, for the point to stay inside the domain, away from its edge: b^2 - a^2)."""
    out = []
    for n in E.walk(node):
        if isinstance(n, E.Func) and n.fn in KINK_FUNCTIONS:
            out.append(n.arg)
        elif isinstance(n, E.Func) and n.fn in E.BOUNDED_DOMAIN:
            out.append(_edge(n))
        elif isinstance(n, E.Norm1):
            out.append(n.arg)
        elif isinstance(n, E.Maximum):
            out.append(E.sub(n.left, n.right))
        elif isinstance(n, E.Norm):
            out.append(n)
    return out


def _edge(n: E.Func) -> Node:
    """b^2 - a^2 of arcsin(a) or arccos(a) (|a| <= b): zero at the edge of the domain."""
    return E.sub(E.num(E.BOUNDED_DOMAIN[n.fn] ** 2), E.power(n.arg, E.num(2)))


def determined(node: Node, env: Env, sizes: Sizes) -> bool:
    """Whether float arithmetic determines ``node``'s value at the point: its rounding bound
    (checks.rounding) is finite. It is not where a divisor, or the argument of a function with a pole
    or an edge there (log, sqrt), is within rounding of zero: ``c / (sin(d)**2 + cos(d)**2 - 1)``, whose
    divisor the parser's zero test does not find to be 0, divides by rounding noise at every point, and
    a derivative checked there would agree with noise, not be verified."""
    with np.errstate(all="ignore"):
        value = evaluate(node, {k: lift(v) for k, v in env.items()}, sizes, ROUNDED)
    return bool(np.all(np.isfinite(value.e)))


def point_rng(problem: Problem, wrt: str, seed: int = 0) -> np.random.Generator:
    """The random points of one result's checks: fixed by the seed, the problem's id and wrt."""
    return np.random.default_rng([seed, *map(ord, problem.id + ":" + wrt)])


def smallest_size(problem: Problem) -> int:
    """Sizes must exceed every index written in the expression (x[3] needs n >= 4)."""
    indices = [max(n.row, n.col) for n in E.walk(problem.expression) if isinstance(n, E.Index)]
    return max([2] + [i + 1 for i in indices])


def sample_sizes(problem: Problem, rng: np.random.Generator) -> dict[sympy.Symbol, int]:
    """A size for each size name, at least the smallest the expression allows."""
    low = smallest_size(problem)
    return {s: int(rng.integers(low, low + SIZE_SPREAD)) for s in _size_symbols(tuple(problem.sizes))}


# what sampling reads off the trees, again at every draw: worked out once per tree (the trees are immutable)
@functools.lru_cache(maxsize=256)
def _size_symbols(names: tuple[str, ...]) -> tuple[sympy.Symbol, ...]:
    return tuple(size_symbol(s) for s in names)


@functools.lru_cache(maxsize=256)
def _inverted(*trees: Node) -> tuple[Node, ...]:
    """The matrices the trees invert or take the determinant of."""
    return tuple(n.arg for tree in trees for n in E.walk(tree) if isinstance(n, (E.Inv, E.Det, E.LogDet)))


@functools.lru_cache(maxsize=256)
def _inverses(tree: Node) -> tuple[Node, ...]:
    """The matrices the tree inverts (their condition is bounded)."""
    return tuple(n.arg for n in E.walk(tree) if isinstance(n, E.Inv))


@functools.lru_cache(maxsize=256)
def _bounded(tree: Node) -> bool:
    """Whether the tree has a function defined on a bounded domain only (arcsin, arccos)."""
    return any(isinstance(n, E.Func) and n.fn in E.BOUNDED_DOMAIN for n in E.walk(tree))


def dims(shape: Shape, sizes: Sizes) -> tuple[int, int]:
    """A shape's rows and columns at the given sizes (cached: SymPy's subs was a fifth of the numeric check)."""
    return dimension(shape.rows, sizes), dimension(shape.cols, sizes)


def sample_value(var: Variable, sizes: Sizes, rng: np.random.Generator) -> np.ndarray:
    """A random value for a variable that satisfies its assumptions."""
    r, c = dims(var.shape, sizes)
    assume = set(var.assume)
    if Assumption.POSITIVE_DEFINITE in assume:
        b = rng.normal(size=(r, r))
        definite: np.ndarray = b @ b.T + r * np.eye(r)
        return definite
    if Assumption.POSITIVE in assume:
        return rng.uniform(*POSITIVE_RANGE, size=(r, c))
    value: np.ndarray
    if Assumption.NONZERO in assume:
        value = rng.uniform(*POSITIVE_RANGE, size=(r, c)) * rng.choice([-1.0, 1.0], size=(r, c))
        return value
    value = rng.normal(size=(r, c))
    if Assumption.SYMMETRIC in assume:
        value = (value + value.T) / 2
    if Assumption.INVERTIBLE in assume:
        value = value + INVERTIBLE_SHIFT * np.sqrt(r) * np.eye(r)   # well conditioned, det > 0
    return value


def rank_bound(node: Node, sizes: Sizes) -> int:
    """An upper bound of the rank of ``node``'s value at these sizes, from its shape and structure alone
    (rank(AB) <= min(rank A, rank B), rank(A + B) <= rank A + rank B, an outer product 1): X^T X with
    X m x n has rank at most m, so for m < n it is singular at every point."""
    rows, cols = dims(node.shape, sizes)
    full = min(rows, cols)

    def scalar(n: Node) -> bool:
        return dims(n.shape, sizes) == (1, 1)

    match node:
        case E.MatMul(left=l, right=r):
            return min(full, rank_bound(l, sizes), rank_bound(r, sizes))
        case E.Transpose(arg=a) | E.Neg(arg=a):
            return min(full, rank_bound(a, sizes))
        case E.Add(terms=terms):    # a scalar added to a matrix is a constant matrix there: rank 1
            return min(full, sum(1 if scalar(t) else rank_bound(t, sizes) for t in terms))
        case E.Mul(left=l, right=r) if scalar(l) or scalar(r):
            return min(full, rank_bound(r if scalar(l) else l, sizes))
        case E.Mul(left=l, right=r):    # Hadamard: rank(A o B) <= rank A rank B
            return min(full, rank_bound(l, sizes) * rank_bound(r, sizes))
        case E.Div(left=l, right=r) if scalar(r):
            return min(full, rank_bound(l, sizes))
        case E.Outer() | E.Ones():
            return min(full, 1)
        case E.Zero():
            return 0
        case E.Kron(left=l, right=r):
            return min(full, rank_bound(l, sizes) * rank_bound(r, sizes))
        case E.Sym(arg=a):
            return min(full, 2 * rank_bound(a, sizes))
    return full


def sizes_fit(problem: Problem, d: Derivation | None, sizes: Sizes) -> bool:
    """Whether every matrix the function or its result inverts (or takes the determinant of) can be
    invertible at these sizes (``rank_bound``)."""
    inverted = _inverted(problem.expression, *((d.result,) if d is not None and d.result is not None else ()))
    return all(rank_bound(a, sizes) >= dims(a.shape, sizes)[0] for a in inverted)


def fitting_sizes(problem: Problem, rng: np.random.Generator, d: Derivation | None,
                  tried: list[dict[sympy.Symbol, int]]) -> dict[sympy.Symbol, int]:
    """Sizes not tried yet where every inverted matrix can be invertible (``sizes_fit``), drawn again up
    to SIZE_REDRAWS times (no point is evaluated for that); else the last sizes drawn. The first draw is
    taken where it fits: most problems' points do not depend on this."""
    sizes = sample_sizes(problem, rng)
    for _ in range(SIZE_REDRAWS):
        if sizes not in tried and sizes_fit(problem, d, sizes):
            break
        sizes = sample_sizes(problem, rng)
    tried.append(sizes)
    return sizes


def sample(problem: Problem, rng: np.random.Generator, guards: list[Node],
           d: Derivation | None = None) -> tuple[dict[sympy.Symbol, int], dict[str, np.ndarray]]:
    """Sizes and a point where the function is finite and every kink argument clearly non-zero.

    Sizes are drawn again every few tries, other sizes each time: some functions exist only for some
    sizes (log det(X^T X) needs at least as many rows as columns, and the residual of a projection
    onto the columns of a square invertible X is zero: a kink of its norm).
    """
    tried: list[dict[sympy.Symbol, int]] = []
    why = ""
    for _ in range(MAX_DRAWS // 20):
        sizes = fitting_sizes(problem, rng, d, tried)
        try:
            return sizes, sample_point(problem, sizes, rng, guards, draws=20, d=d)
        except NoPoint as exc:
            why = exc.why
    raise NoPoint(f"no point found in {MAX_DRAWS} draws where the function is finite beyond rounding and smooth", why)


def sample_point(problem: Problem, sizes: Sizes, rng: np.random.Generator, guards: list[Node], draws: int = MAX_DRAWS,
                 d: Derivation | None = None) -> dict[str, np.ndarray]:
    """A point where the function is finite and every kink argument is clearly non-zero (``fine_at``)."""
    bounded = _bounded(problem.expression)
    result = None if d is None else d.result
    for i in range(draws):
        env = {v.name: sample_value(v, sizes, rng) for v in problem.variables}
        if bounded:  # the same draws, narrowed: a long vector's entries then all fit in [-1, 1]
            spread = BOUNDED_SHRINK ** (i // BOUNDED_EVERY)
            env = {v.name: env[v.name] * spread if not v.assume else env[v.name] for v in problem.variables}
        if fine_at(problem, result, guards, env, sizes):
            return env
    raise NoPoint(f"no point found in {draws} draws where the function is finite beyond rounding and smooth",
                  why_not(problem, result, guards, env, sizes))


def why_not(problem: Problem, result: Node | None, guards: list[Node], env: Env, sizes: Sizes) -> str:
    """Why ``fine_at`` refused a point, in a clause (the last draw's, said once no point was found): where an
    entry of arcsin's or arccos's argument is at the edge of the domain whatever the point (an entry of b^2 - a^2
    identically zero: no kink, so no guard keeps it away), that first, whatever else the draw missed."""
    at = evaluator(env, sizes)
    with np.errstate(all="ignore"):
        for n in E.walk(problem.expression):
            if isinstance(n, E.Func) and n.fn in E.BOUNDED_DOMAIN and still_among(
                    _edge(n), sizes, at(_edge(n)), KINK_MARGIN).any():
                return (f"an entry of {n.fn}'s argument {E.flat_text(n.arg)} is at the edge of its domain, "
                        f"{E.BOUNDED_DOMAIN[n.fn]} or -{E.BOUNDED_DOMAIN[n.fn]}, whatever the point, where its slope is infinite")
        try:
            if not np.all(np.isfinite(at(problem.expression))):
                return "the function is not finite there"
            if not determined(problem.expression, env, sizes):
                return "the function is not determined by floating point there, within rounding of a pole or an edge"
            if any(np.any(kink_gaps(at(g), g, sizes, KINK_MARGIN) < KINK_MARGIN) for g in guards):
                return "a kink is within its margin there"
            if result is not None and not np.all(np.isfinite(at(result))):
                return "the function is finite but its derivative is not"
        except (np.linalg.LinAlgError, ZeroDivisionError, FloatingPointError):
            return "the function could not be evaluated there"
    return "a matrix the derivative inverts is ill-conditioned there"


def fine_at(problem: Problem, result: Node | None, guards: list[Node], env: Env, sizes: Sizes) -> bool:
    """Whether a point is one the checks may use: the function finite beyond rounding, every kink argument
    clearly non-zero, and the derivative ``result`` (where given) finite, every matrix it inverts well conditioned."""
    rounded: dict[Node, Rounded] = {}
    try:
        with np.errstate(all="ignore"):
            # f once, with its rounding bounds (``determined``): their values are the float evaluation's, and
            # they start the walk of the guards (subtrees of f) and of the result (which shares f's subtrees)
            f = evaluator({k: lift(v) for k, v in env.items()}, sizes, ROUNDED, rounded)(problem.expression)
            if not np.all(np.isfinite(f.v)) or not np.all(np.isfinite(f.e)):
                return False
            at = evaluator(env, sizes, memo={n: r.v for n, r in rounded.items()})
            # an entry identically zero (x_i - x_i) is no kink: it keeps no point away (checks.still)
            if any(np.any(kink_gaps(at(g), g, sizes, KINK_MARGIN) < KINK_MARGIN) for g in guards):
                return False
            if result is None:
                return True
            # the derivative itself must exist there too (det(X^T X) needs X^T X invertible)
            if not np.all(np.isfinite(at(result))):
                return False
            return not any(np.linalg.cond(at(a)) > MAX_CONDITION for a in _inverses(result))
    except (np.linalg.LinAlgError, ZeroDivisionError, FloatingPointError):
        return False
