"""Verification: every derived result is proven by numbers and by an independent symbolic route.

- numeric: central finite differences of the function with numpy at two steps, Richardson-extrapolated,
  against both layouts of the result within the differences' own error estimate, at seeded random
  points and random sizes;
- components: explicit small SymPy matrices, differentiated entry by entry with scalar ``diff``;
- steps: the displayed local derivatives, multiplied (or accumulated) numerically, give the result;
- expected: the catalog's answer equals the derived one.
A check that cannot apply is NOT_APPLICABLE, never PASSED.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import Mapping

import numpy as np
import sympy

from mcdocgen.language import expr as E
from mcdocgen.catalog import Assumption, Problem
from mcdocgen.engine.derive import KINK_FUNCTIONS, Derivation, LocalKind
from mcdocgen.engine import layout as L
from mcdocgen.checks.evaluate import SYMPY, evaluate, grad_key
from mcdocgen.engine.layout import Layout
from mcdocgen.language.expr import Node
from mcdocgen.language.shapes import size_symbol

NUMERIC_POINTS = 5              # points where the finite differences resolve the derivative
NUMERIC_DRAWS = 40              # points drawn at most to find them
NUMERIC_RESOLUTION = 1e-4       # a point counts when the error bound is below this part of the derivative
FD_STEP = 1e-3                  # first step, times max(1, |x_i|); Richardson with half of it
FD_HALVINGS = 6                 # further halvings where the error bound is coarse
FD_ROUNDING = 100               # f's evaluation noise: at most this many units of its largest value
FD_SAFETY = 2                   # the error estimate times this is the bound
NUMERIC_METHOD = "finite differences"
EXACT_TOLERANCE = 1e-9          # float evaluation of equal expressions
EPS = float(np.finfo(float).eps)
EXACT_FLOOR = 1e-6              # times the largest value in play: below it, float rounding
FD_FULL_MAX_ENTRIES = 400       # entries differenced one by one; above, random directions
FD_DIRECTIONS = 3
KINK_MARGIN = 5e-2              # kink arguments stay this far from 0: 50 first steps (FD_STEP) away
MAX_CONDITION = 1e8             # a matrix the result inverts must be this well conditioned
MAX_DRAWS = 200
COMPONENT_SIZES = (2, 3)
COMPONENT_MAX_ENTRIES = 144     # of a variable, and of the derivative, as explicit SymPy matrices
COMPONENT_MAX_INVERSE = 3      # larger symbolic det/inv grow as k! (SymPy needs minutes at 5 x 5)
COMPONENT_MAX_TERMS = 20_000    # estimated size of one entry's SymPy expression (expression_terms)


def bound_text(bound: float) -> str:
    """A bound as pages write it: 1e-09 -> "1e-9"."""
    mantissa, exponent = f"{bound:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


# what the check did, in words that are the same on every machine (pages show it, not the figures)
NUMERIC_DETAIL = (f"agrees with Richardson-extrapolated central differences (step {FD_STEP:g} max(1, abs(x)), "
                  f"smaller where needed) within {FD_SAFETY:g} times their estimated error, itself below "
                  f"{bound_text(NUMERIC_RESOLUTION)} of the derivative's size (or of abs(f) per unit step, if "
                  f"larger); coarse or overflowing points redrawn")
DIRECTIONAL_DETAIL = (f"; the variable has over {FD_FULL_MAX_ENTRIES} entries, so the differences go along "
                      f"{FD_DIRECTIONS} random directions v a point, against the result applied to v")


@enum.unique
class CheckStatus(enum.StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True, slots=True)
class CheckResult:
    status: CheckStatus
    detail: str = ""
    max_rel_error: float | None = None     # measured: for the JSON report only, it varies by machine
    points: int | None = None
    method: str = ""
    bound: float | None = None             # the relative error a pass guarantees: a constant

    @property
    def passed(self) -> bool:
        return self.status is CheckStatus.PASSED


@dataclass(frozen=True, slots=True)
class Verification:
    numeric: CheckResult
    components: CheckResult
    steps: CheckResult
    expected: CheckResult

    @property
    def ok(self) -> bool:
        return all(c.status is not CheckStatus.FAILED for c in self.checks().values())

    def checks(self) -> dict[str, CheckResult]:
        return {"numeric": self.numeric, "components": self.components,
                "steps": self.steps, "expected": self.expected}


class _NoPoint(Exception):
    pass


# ---------------------------------------------------------------- sampling


def kink_arguments(node: Node) -> list[Node]:
    """Subexpressions that must stay away from zero for the function to be smooth there."""
    out = []
    for n in E.walk(node):
        if isinstance(n, E.Func) and n.fn in KINK_FUNCTIONS:
            out.append(n.arg)
        elif isinstance(n, E.Maximum):
            out.append(E.sub(n.left, n.right))
        elif isinstance(n, E.Norm):
            out.append(n)
    return out


def point_rng(problem: Problem, wrt: str, seed: int = 0) -> np.random.Generator:
    """The random points of one result's checks: fixed by the seed, the problem's id and wrt."""
    return np.random.default_rng([seed, *map(ord, problem.id + ":" + wrt)])


def smallest_size(problem: Problem) -> int:
    """Sizes must exceed every index written in the expression (x[3] needs n >= 4)."""
    indices = [max(n.row, n.col) for n in E.walk(problem.expression) if isinstance(n, E.Index)]
    return max([2] + [i + 1 for i in indices])


def sample_sizes(problem: Problem, rng: np.random.Generator) -> dict[sympy.Symbol, int]:
    low = smallest_size(problem)
    return {size_symbol(s): int(rng.integers(low, low + 4)) for s in problem.sizes}


def _dims(shape, sizes) -> tuple[int, int]:
    return int(shape.rows.subs(sizes)), int(shape.cols.subs(sizes))


def sample_value(var, sizes, rng: np.random.Generator) -> np.ndarray:
    r, c = _dims(var.shape, sizes)
    assume = set(var.assume)
    if Assumption.POSITIVE_DEFINITE in assume:
        b = rng.normal(size=(r, r))
        return b @ b.T + r * np.eye(r)
    if Assumption.POSITIVE in assume:
        return rng.uniform(0.5, 2.0, size=(r, c))
    if Assumption.NONZERO in assume:
        return rng.uniform(0.5, 2.0, size=(r, c)) * rng.choice([-1.0, 1.0], size=(r, c))
    value = rng.normal(size=(r, c))
    if Assumption.SYMMETRIC in assume:
        value = (value + value.T) / 2
    if Assumption.INVERTIBLE in assume:
        value = value + 2 * np.sqrt(r) * np.eye(r)   # well conditioned, det > 0
    return value


def sample(problem: Problem, rng, guards: list[Node], d: Derivation | None = None) -> tuple[dict, dict[str, np.ndarray]]:
    """Sizes and a point where the function is finite and every kink argument clearly non-zero.

    Sizes are drawn again every few tries: some functions exist only for some sizes
    (log det(X^T X) needs at least as many rows as columns).
    """
    for attempt in range(MAX_DRAWS // 20):
        sizes = sample_sizes(problem, rng)
        try:
            return sizes, sample_point(problem, sizes, rng, guards, draws=20, d=d)
        except _NoPoint:
            continue
    raise _NoPoint(f"no point found in {MAX_DRAWS} draws where the function is finite and smooth")


def sample_point(problem: Problem, sizes, rng, guards: list[Node], draws: int = MAX_DRAWS,
                 d: Derivation | None = None) -> dict[str, np.ndarray]:
    """A point where the function is finite and every kink argument is clearly non-zero."""
    for _ in range(draws):
        env = {v.name: sample_value(v, sizes, rng) for v in problem.variables}
        try:
            with np.errstate(all="ignore"):
                value = evaluate(problem.expression, env, sizes)
                if not np.all(np.isfinite(value)):
                    continue
                if any(np.min(np.abs(evaluate(g, env, sizes))) < KINK_MARGIN for g in guards):
                    continue
                # the derivative itself must exist there too (det(X^T X) needs X^T X invertible)
                if d is not None and not np.all(np.isfinite(evaluate(d.result, env, sizes))):
                    continue
                if d is not None and any(np.linalg.cond(evaluate(n.arg, env, sizes)) > MAX_CONDITION
                                         for n in E.walk(d.result) if isinstance(n, E.Inv)):
                    continue
        except (np.linalg.LinAlgError, ZeroDivisionError, FloatingPointError):
            continue
        return env
    raise _NoPoint(f"no point found in {draws} draws where the function is finite and smooth")


def _rel(a: np.ndarray, b: np.ndarray, floor: float = 0.0) -> float:
    """Relative difference in the Frobenius norm; anything not finite is an infinite error.

    ``floor`` is the smallest scale the difference is measured against: zero for exact
    evaluations, the finite differences' own noise level for the numeric check.
    """
    if a.shape != b.shape or not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return float("inf")
    diff = float(np.linalg.norm(a - b))
    if diff == 0.0:
        return 0.0
    return diff / max(float(np.linalg.norm(a)), float(np.linalg.norm(b)), floor, 1e-300)


# ---------------------------------------------------------------- numeric


def value_scale(env: dict) -> float:
    """The largest magnitude among the values at a point: float rounding is relative to it."""
    return max([1.0] + [float(np.max(np.abs(v))) for v in env.values()
                        if isinstance(v, np.ndarray) and v.size and np.all(np.isfinite(v))])


@dataclass(frozen=True, slots=True)
class Estimate:
    """Directional derivatives by finite differences, with a bound on their own error."""

    value: np.ndarray       # one row per direction: the derivative of every entry of f along it
    bound: float            # Frobenius norm of the estimated error, safety factor included
    scale: float            # |f| over a unit step: the derivative's size where it is near zero


@dataclass(frozen=True, slots=True)
class Directions:
    """Where the differences step: the unit vectors of every entry of the variable (the whole
    derivative), or a few random unit directions for a large variable (the derivative applied to
    each). ``reach`` is each direction's step over the base step."""

    vectors: np.ndarray     # (directions, entries of x), each row of norm 1
    reach: np.ndarray       # (directions,)

    @staticmethod
    def choose(x: np.ndarray, rng: np.random.Generator) -> "Directions":
        if x.size <= FD_FULL_MAX_ENTRIES:
            return Directions(np.eye(x.size), np.maximum(1.0, np.abs(x.ravel())))
        v = rng.normal(size=(FD_DIRECTIONS, x.size))
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        return Directions(v, np.full(FD_DIRECTIONS, max(1.0, float(np.max(np.abs(x))))))


def finite_difference(problem: Problem, wrt: str, env, sizes, dirs: Directions,
                      step: float = FD_STEP) -> tuple[np.ndarray, float]:
    """Central differences along each direction with steps ``step * reach``, one row each, and the
    largest |f| met (float rounding in f is relative to it)."""
    x = env[wrt]
    rows, largest = [], 0.0
    for v, reach in zip(dirs.vectors, dirs.reach):
        h = step * reach
        move = h * v.reshape(x.shape)
        fp = evaluate(problem.expression, {**env, wrt: x + move}, sizes)
        fm = evaluate(problem.expression, {**env, wrt: x - move}, sizes)
        largest = max(largest, float(np.max(np.abs(fp))), float(np.max(np.abs(fm))))
        rows.append(((fp - fm) / (2 * h)).ravel())
    return np.array(rows), largest


def derivative_estimate(problem: Problem, wrt: str, env, sizes, dirs: Directions) -> Estimate | None:
    """Central differences at steps h and h/2, Richardson-extrapolated, with an error bound.

    The extrapolation's truncation error is below the smaller step's, and the difference of the
    two steps' results (about three times the smaller step's error) bounds it; rounding adds
    FD_ROUNDING units of f's largest value over the step. Where that bound is coarse against the
    derivative, the step is halved again (at most FD_HALVINGS times), and the finest useful level
    is kept. None where f is not finite near the point: the caller draws another.
    """
    x = env[wrt]
    # rounding of size delta in f gives about delta / h in each row
    per_step = float(np.sqrt(np.sum(1.0 / dirs.reach ** 2)))
    coarse, largest = finite_difference(problem, wrt, env, sizes, dirs, FD_STEP)
    if not (np.all(np.isfinite(coarse)) and np.isfinite(largest)):
        return None
    best = None
    step = FD_STEP
    for _ in range(FD_HALVINGS):
        step /= 2
        fine, big = finite_difference(problem, wrt, env, sizes, dirs, step)
        if not (np.all(np.isfinite(fine)) and np.isfinite(big)):
            break
        largest = max(largest, big)
        value = (4 * fine - coarse) / 3
        truncation = float(np.linalg.norm(fine - coarse))
        outputs = coarse.shape[1]
        # (4 fine - coarse) / 3 carries (4 * 2 + 1) / 3 = 3 times the coarse step's rounding
        rounding = 3 * FD_ROUNDING * EPS * largest * per_step * np.sqrt(outputs) / (2 * step)
        scale = largest / max(1.0, float(np.max(np.abs(x))))
        est = Estimate(value, FD_SAFETY * (truncation + rounding), scale)
        if best is None or est.bound < best.bound:
            best = est
        if truncation <= rounding or est.bound <= NUMERIC_RESOLUTION * max(float(np.linalg.norm(value)), scale) / 8:
            break           # a smaller step would only add rounding, or the bound is already fine
        coarse = fine
    return best


def numeric_check(problem: Problem, d: Derivation, rng, guards) -> CheckResult:
    """The result in both layouts against the estimate, at NUMERIC_POINTS points where the
    estimate resolves the derivative to NUMERIC_RESOLUTION of its scale.

    Every entry is differenced for a variable of at most FD_FULL_MAX_ENTRIES entries (one pair
    of evaluations each); a larger one along FD_DIRECTIONS random directions v a point, against
    the result applied to v. A point fails when the result differs from the estimate by more than
    the estimate's error bound, however coarse that bound; it counts as passed only when the bound
    is fine. Points where f overflows or the bound stays coarse are redrawn.
    """
    worst, counted, directional = 0.0, 0, False
    for _ in range(NUMERIC_DRAWS):
        sizes, env = sample(problem, rng, guards, d)
        x = env[d.wrt]
        dirs = Directions.choose(x, rng)
        directional = directional or x.size > FD_FULL_MAX_ENTRIES
        est = derivative_estimate(problem, d.wrt, env, sizes, dirs)
        if est is None:
            continue
        f_entries = est.value.shape[1]
        want = x.shape if f_entries == 1 else (x.size, f_entries)
        den = evaluate(d.result, env, sizes)
        num = evaluate(d.numerator, env, sizes)
        if den.shape != want or num.shape != want[::-1]:
            return CheckResult(CheckStatus.FAILED, f"shape {den.shape} does not match the finite differences' "
                               f"{want}", method=NUMERIC_METHOD)
        if not (np.all(np.isfinite(den)) and np.all(np.isfinite(num))):
            return CheckResult(CheckStatus.FAILED, "the result is not finite where the function is",
                               float("inf"), method=NUMERIC_METHOD)
        # each layout applied to the directions (row-major entries, as the directions are)
        by_den = dirs.vectors @ den.reshape(x.size, f_entries)
        by_num = dirs.vectors @ num.T.reshape(x.size, f_entries)
        size = max(float(np.linalg.norm(by_den)), float(np.linalg.norm(est.value)), est.scale)
        error = max(float(np.linalg.norm(by_den - est.value)), float(np.linalg.norm(by_num - est.value)))
        worst = max(worst, error / size) if size > 0 else worst
        if error > est.bound + EXACT_TOLERANCE * size:
            return CheckResult(CheckStatus.FAILED, "differs from the Richardson-extrapolated central differences "
                               "by more than their estimated error", max(worst, error / max(size, 1e-300)),
                               method=NUMERIC_METHOD)
        if est.bound + EXACT_TOLERANCE * size <= NUMERIC_RESOLUTION * size:
            counted += 1
            if counted == NUMERIC_POINTS:
                detail = NUMERIC_DETAIL + (DIRECTIONAL_DETAIL if directional else "")
                return CheckResult(CheckStatus.PASSED, detail, worst, NUMERIC_POINTS, NUMERIC_METHOD,
                                   NUMERIC_RESOLUTION)
    return CheckResult(CheckStatus.FAILED, f"the finite differences resolved the derivative to "
                       f"{bound_text(NUMERIC_RESOLUTION)} at fewer than {NUMERIC_POINTS} of {NUMERIC_DRAWS} points",
                       worst, method=NUMERIC_METHOD)


# ---------------------------------------------------------------- components


def _symbol_matrix(var, sizes) -> sympy.Matrix:
    r, c = _dims(var.shape, sizes)
    symmetric = Assumption.SYMMETRIC in var.assume
    positive = Assumption.POSITIVE in var.assume

    def entry(i, j):
        if symmetric and j < i:
            i, j = j, i
        name = var.name if (r, c) == (1, 1) else f"{var.name}_{i + 1}{j + 1}"
        return sympy.Symbol(name, real=True, positive=positive or None)

    return sympy.Matrix(r, c, entry)


def _equal(a: sympy.Expr, b: sympy.Expr, rng: np.random.Generator) -> str | None:
    """How the two entries were shown equal ('symbolic' or 'exact points'), or None if they differ.

    Expansion and cancellation prove most identities. Where they cannot (trigonometric or
    step-function identities), both sides are evaluated to 40 digits at random rational
    points: a difference there is a proof of inequality; agreement is reported as such.
    SymPy's ``simplify`` is not used: it can run for minutes.
    """
    diff = a - b
    if diff == 0:
        return "symbolic"
    for attempt in (sympy.expand, sympy.cancel):
        try:
            if attempt(diff) == 0:
                return "symbolic"
        except (sympy.PolynomialError, TypeError, ValueError):
            continue
    symbols = sorted(diff.free_symbols, key=lambda s: s.name)
    for _ in range(3):
        point = {s: sympy.Rational(int(rng.integers(-900, 900)) or 1, 97) for s in symbols}
        value = diff.subs(point).evalf(40)
        if not value.is_number or not value.is_finite or bool(abs(value) > sympy.Float("1e-25")):
            return None
    return "exact points"


def components_check(problem: Problem, d: Derivation) -> CheckResult:
    """Entrywise SymPy derivatives on small explicit matrices (a few size choices, for singular cases)."""
    last = None
    for sizes in _component_sizes(problem):
        too_big = component_limit(problem, d, sizes)
        if too_big:
            return CheckResult(CheckStatus.NOT_APPLICABLE, f"{too_big}; the result is checked by the numeric "
                               "checks only", method="SymPy entrywise diff")
        try:
            return _components_at(problem, d, sizes)
        except (sympy.matrices.exceptions.NonInvertibleMatrixError, ZeroDivisionError) as exc:
            last = exc
    return CheckResult(CheckStatus.FAILED, f"no small size where the function is defined: {last}")


def component_limit(problem: Problem, d: Derivation, sizes) -> str | None:
    """Why explicit SymPy matrices at these sizes would be too large to differentiate, or None.

    Structural (sizes and tree shapes only), so that the answer is the same on every machine:
    each variable and the derivative have at most COMPONENT_MAX_ENTRIES entries, and the
    estimated length of one entry's expression stays under COMPONENT_MAX_TERMS.
    """
    for v in problem.variables:
        r, c = _dims(v.shape, sizes)
        if r * c > COMPONENT_MAX_ENTRIES:
            return (f"'{v.name}' has {r * c} entries, over the components check's limit of "
                    f"{COMPONENT_MAX_ENTRIES} (COMPONENT_MAX_ENTRIES)")
    for n in (*E.walk(problem.expression), *E.walk(d.result)):
        if isinstance(n, (E.Det, E.Inv)) and _dims(n.arg.shape, sizes)[0] > COMPONENT_MAX_INVERSE:
            k = _dims(n.arg.shape, sizes)[0]
            return (f"a {k} x {k} determinant or inverse is over the components check's limit of "
                    f"{COMPONENT_MAX_INVERSE} x {COMPONENT_MAX_INVERSE} (COMPONENT_MAX_INVERSE)")
    fr, fc = _dims(problem.expression.shape, sizes)
    xr, xc = _dims(problem.variable(d.wrt).shape, sizes)
    if fr * fc * xr * xc > COMPONENT_MAX_ENTRIES:
        return (f"the derivative has {fr * fc * xr * xc} entries, over the components check's limit of "
                f"{COMPONENT_MAX_ENTRIES} (COMPONENT_MAX_ENTRIES)")
    for label, node in (("function", problem.expression), ("result", d.result), ("result", d.numerator)):
        terms = expression_terms(node, sizes)
        if terms > COMPONENT_MAX_TERMS:
            return (f"one entry of the {label} as an explicit SymPy expression would have about {terms:.1e} "
                    f"terms, over the components check's limit of {COMPONENT_MAX_TERMS:,} (COMPONENT_MAX_TERMS)")
    return None


def expression_terms(node: Node, sizes) -> float:
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
                out = _dims(a.shape, sizes)[1] * (kids[0] + kids[1] + 1)
            case E.Det(arg=a) | E.Inv(arg=a):
                k = _dims(a.shape, sizes)[0]
                out = float(math.factorial(min(k, 170))) * k * kids[0]
            case E.Sum(arg=a) | E.Mean(arg=a) | E.Norm(arg=a) | E.Dot(left=a):
                r, c = _dims(a.shape, sizes)
                out = r * c * (sum(kids) + 1)
            case E.Trace(arg=a):
                out = _dims(a.shape, sizes)[0] * (kids[0] + 1)
            case E.Lit():
                out = max(kids) + 1
            case _:
                out = sum(kids) + 1
        cache[n] = out
        return out

    return size(node)


def _component_sizes(problem: Problem):
    names = [size_symbol(s) for s in problem.sizes]
    seen = []
    for choice in (COMPONENT_SIZES, COMPONENT_SIZES[::-1], (2,), (3,)):
        low = smallest_size(problem)
        sizes = {s: max(low, choice[i % len(choice)]) for i, s in enumerate(names)}
        if sizes not in seen:
            seen.append(sizes)
            yield sizes


def _components_at(problem: Problem, d: Derivation, sizes) -> CheckResult:
    env = {v.name: _symbol_matrix(v, sizes) for v in problem.variables}
    f = evaluate(problem.expression, env, sizes, SYMPY)
    x = env[d.wrt]
    rows = [[sympy.diff(fe, x[idx]) for fe in f] for idx in np.ndindex(*x.shape)]
    if f.shape == (1, 1):
        expected = sympy.Matrix(x.shape[0], x.shape[1], lambda i, j: rows[i * x.shape[1] + j][0])
    else:
        expected = sympy.Matrix(rows)
    den = evaluate(d.result, env, sizes, SYMPY)
    num = evaluate(d.numerator, env, sizes, SYMPY)
    if den.shape != expected.shape or num.shape != expected.T.shape:
        return CheckResult(CheckStatus.FAILED, f"shape {den.shape} differs from the entrywise derivative's {expected.shape}")
    rng = np.random.default_rng(len(problem.id))
    methods = set()
    for got, want, layout in ((den, expected, "denominator"), (num, expected.T, "numerator")):
        for idx in np.ndindex(*want.shape):
            how = _equal(got[idx], want[idx], rng)
            methods.add(how)
            if how is None:
                return CheckResult(CheckStatus.FAILED, f"{layout} entry {tuple(i + 1 for i in idx)}: "
                                   f"{_short(got[idx])} differs from {_short(want[idx])}")
    sizes_text = ", ".join(f"{k} = {v}" for k, v in sizes.items()) or "the catalog's sizes"
    how = "symbolically" if methods == {"symbolic"} else "symbolically or to 40 digits at exact rational points"
    return CheckResult(CheckStatus.PASSED, f"every entry equal {how}, with {sizes_text}",
                       method="SymPy entrywise diff")


def _short(e) -> str:
    text = str(e)
    return text if len(text) < 80 else text[:77] + "..."


# ---------------------------------------------------------------- steps


def intermediate_values(d: Derivation, env, sizes) -> dict[str, np.ndarray]:
    values = dict(env)
    for item in d.intermediates:
        values[item.name] = evaluate(item.definition, values, sizes)
    return values


def steps_check(problem: Problem, d: Derivation, rng, guards) -> CheckResult:
    """The factors exactly as the page shows them, multiplied or accumulated again, give the result."""
    worst = 0.0
    for _ in range(2):
        sizes, env = sample(problem, rng, guards, d)
        env = intermediate_values(d, env, sizes)
        results = {lay: evaluate(L.result(d, lay), env, sizes) for lay in Layout}
        floor = EXACT_FLOOR * value_scale(env)
        for lay in Layout:
            worst = max(worst, _rel(evaluate(L.product(d, lay), env, sizes), results[lay], floor))
            if d.paths:
                total = sum(_chain_value(L.chain(path, lay), env, sizes) for path in d.paths)
                worst = max(worst, _rel(np.atleast_2d(total), results[lay], floor))
        if d.accumulations:
            m = int(sympy.sympify(d.function_shape.length).subs(sizes))
            seed = np.ones((1, 1)) if d.scalar_function else np.eye(m)
            grads = dict(env)
            for lay in Layout:
                grads[grad_key(d.function, lay.value)] = seed
            for acc in d.accumulations:
                for lay in Layout:
                    grads[grad_key(acc.name, lay.value)] = sum(
                        evaluate(t, grads, sizes) for t in L.accumulation_terms(acc.terms, lay))
            for lay in Layout:
                worst = max(worst, _rel(grads[grad_key(d.wrt, lay.value)], results[lay], floor))
    status = CheckStatus.PASSED if worst <= EXACT_TOLERANCE else CheckStatus.FAILED
    how = "the displayed chain products and derivatives, both layouts," if d.paths else \
        "the displayed matrix-form equations, both layouts,"
    return CheckResult(status, f"{how} evaluated at 2 random points", worst, 2, "numeric, no differences",
                       EXACT_TOLERANCE)


def _chain_value(factors, env, sizes) -> np.ndarray:
    """The product of a chain's factors, left to right, evaluated as one tree: a diagonal factor
    of a large chain then costs a row scaling, not a dense product (evaluate's diag_matmul)."""
    node = factors[0].value
    try:
        for f in factors[1:]:
            node = E.matmul(node, f.value)
    except E.ExprError:   # a 1 x 1 factor that acts as a scalar: multiply the arrays instead
        return _product([evaluate(f.value, env, sizes) for f in factors])
    return evaluate(node, env, sizes)


def _product(factors: list[np.ndarray]) -> np.ndarray:
    out = factors[0]
    for f in factors[1:]:
        out = out @ f
    return out


# ---------------------------------------------------------------- expected


def expected_check(problem: Problem, d: Derivation, rng, guards) -> CheckResult:
    exp = problem.expected.get(d.wrt)
    if exp is None:
        return CheckResult(CheckStatus.NOT_APPLICABLE, "the catalog gives no expected answer")
    if exp.node.shape != d.result.shape:
        return CheckResult(CheckStatus.FAILED, f"expected has shape {exp.node.shape.label()}, the denominator-layout "
                           f"result has {d.result.shape.label()}")
    worst = 0.0
    for _ in range(3):
        sizes, env = sample(problem, rng, guards, d)
        worst = max(worst, _rel(evaluate(exp.node, env, sizes), evaluate(d.result, env, sizes),
                                EXACT_FLOOR * value_scale(env)))
    status = CheckStatus.PASSED if worst <= EXACT_TOLERANCE else CheckStatus.FAILED
    # the expected answer as the printer writes it (not the catalog's raw text): the detail reaches every page
    detail = "equal to the derived result at 3 random points" if status is CheckStatus.PASSED else (
        f"expected '{E.to_text(exp.node)}' differs from the derived result "
        f"(relative difference over {bound_text(EXACT_TOLERANCE)})")
    return CheckResult(status, detail, worst, 3, "numeric comparison", EXACT_TOLERANCE)


# ---------------------------------------------------------------- all


def verify(problem: Problem, d: Derivation, seed: int = 0) -> Verification:
    if not d.ok:
        failed = CheckResult(CheckStatus.FAILED, f"not derived: {d.not_derived.reason}")
        exp = failed if d.wrt in problem.expected else CheckResult(CheckStatus.NOT_APPLICABLE)
        return Verification(failed, failed, failed, exp)
    guards = kink_arguments(problem.expression)
    rng = point_rng(problem, d.wrt, seed)
    results = []
    for check in (lambda: numeric_check(problem, d, rng, guards), lambda: components_check(problem, d),
                  lambda: steps_check(problem, d, rng, guards), lambda: expected_check(problem, d, rng, guards)):
        try:
            with np.errstate(all="ignore"):
                results.append(check())
        except _NoPoint as exc:
            results.append(CheckResult(CheckStatus.FAILED, str(exc)))
        except (np.linalg.LinAlgError, ZeroDivisionError, OverflowError, ValueError) as exc:
            results.append(CheckResult(CheckStatus.FAILED, f"could not be evaluated: {exc}"))
    return Verification(*results)
