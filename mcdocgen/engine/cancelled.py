"""The candidate forms SymPy's route (scalars._forms) makes from the cancelled form alone, memoised on it.

Subtrees that differ are cancelled alike (a quotient and the same quotient over a product written in
another order; a sum and its terms taken apart and summed again) once in about sixteen SymPy calls of a
derivation: what is made from the cancelled form alone (collected, powers merged, split, factored, roots
taken out of a denominator) is made once for them; the substitutions, which read the subtree itself, are not.
The memo (scalars._cancelled_forms) changes no form: these are a function of the cancelled form alone.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy

from mcdocgen.engine.factored import factor
from mcdocgen.engine.plain import FACTOR_MAX_OPS
from mcdocgen.engine.ring_cancel import factor_terms

Forms = tuple[sympy.Expr | None, ...]


def cancelled_forms(cancelled: sympy.Expr) -> tuple[Forms, Forms]:
    """The forms made from ``cancelled`` (None where a maker gives none): first collected, powers merged and
    split; then the last resort, factored and with roots out of a denominator, made only for a small one (factored.py:
    SymPy's factor, made without it where each polynomial is known irreducible)."""
    first = made((lambda: factor_terms(cancelled),
                   lambda: None if powsimp_idle(cancelled) else _powsimped(cancelled),
                   lambda: _split_fraction(cancelled)))
    if not may_factor(cancelled):
        return first, ()
    try:   # factor and radsimp only for a small one: cheap there, costly past it
        small = sympy.count_ops(cancelled) <= FACTOR_MAX_OPS
    except (ValueError, TypeError, sympy.PolynomialError):
        small = False
    return first, made((lambda: factor(cancelled), lambda: _radicals_out(cancelled))) if small else ()


def may_factor(e: sympy.Expr) -> bool:
    """Whether the last resort could add a form: not where ``e`` holds no sum anywhere and no symbol known positive (a
    size). There factor(e) is e: together has nothing to put over one line, and expand, which factor runs on each
    base, leaves an Add-free base alone (nothing to multiply out, exp(a + b) to split; a power or log of a product it
    splits only for positive factors), so each base is its own factor; factor_terms(e), made first at a better rank,
    is e too; and roots are out of a denominator only from a sum, or against a root above, which in a product cancel
    has met already (roots_may_cancel)."""
    return e.has(sympy.Add) or any(s.is_positive for s in e.free_symbols)


def made(makers: tuple[Callable[[], sympy.Expr | None], ...]) -> Forms:
    """What each maker makes, in order; a maker SymPy cannot follow through (ValueError, TypeError, PolynomialError)
    is left out."""
    forms: list[sympy.Expr | None] = []
    for make in makers:
        try:
            forms.append(make())
        except (ValueError, TypeError, sympy.PolynomialError):
            continue
    return tuple(forms)


def powsimp_idle(e: sympy.Expr) -> bool:
    """Whether powsimp gives the cancelled form ``e`` back (then the form it makes is the one factor_terms made), seen
    on what powsimp reads of it (_read): no number but integers (powsimp moves numbers between terms of a quotient,
    (a + 2 b) / 2 -> (a / 2 + b)), no power but integer ones and roots it gives back (_lone_root), no product of two
    exp (powsimp merges exp(a) exp(b); a lone exp(a) it leaves, exp(a)^k being exp(k a) already). Not for uncancelled
    input: powsimp merges what cancel would."""
    read = _read(e)
    roots = [p for p in read if p.is_Pow and not p.exp.is_Integer]
    bases, seen = {p.base for p in roots}, set(read)   # (no base beside its negative: sqrt(-u - 1) / (u + 1) = -1 / sqrt(-u - 1))
    # the numbers read, but a root's exponent and what stands inside an exp's argument (exp(-u**2 / 2))
    outside = _read(e, into_exps=False)
    numbers = [e] + [a for x in outside if x.is_Add or x.is_Mul or isinstance(x, sympy.exp) for a in x.args] + [
        a for x in outside if x.is_Pow for a in (x.args if x.exp.is_Integer else x.args[:1])]
    return (all(q.is_Integer for q in numbers if q.is_Rational)
            and not e.has(sympy.zoo, sympy.nan) and all(_lone_root(p, roots, read) for p in roots)
            and not any(-b in seen for b in bases)
            and all(sum(isinstance(f, sympy.exp) for f in m.args) < 2 for m in read if m.is_Mul))


def _lone_root(p: sympy.Pow, roots: list[sympy.Pow], read: list[sympy.Expr]) -> bool:
    """A power with a fractional exponent that powsimp gives back: a number for the exponent and for the base a symbol,
    a sum or a function. powsimp joins the bases of such powers of one exponent only where all of them but one at
    most are known nonnegative (sqrt(2) sqrt(u), sqrt(u**2 + 1) sqrt(v)), and Pow takes those out of the joined root
    again, giving the product back; a product as a base (sqrt(u v) beside u v: (u v)^(3/2)), a power, a number (roots of
    numbers merge) or a base beside its negative (sqrt(-u - 1) / (u + 1)) it may change. A symbolic exponent (u^p,
    (u / c + 1)^d) too, where its base is read nowhere else (Mul leaves u^p u^d and u^p / u apart, powsimp merges them),
    no other power's exponent is a multiple of it (a joined base, |u|^p v^p = (|u| v)^p, is not taken apart again for
    such an exponent, nor is exp(c p) = E^(c p)) and no exp stands in it."""
    if not (p.base.is_Symbol or p.base.is_Add or isinstance(p.base, sympy.Function)):
        return False
    if p.exp.is_number:
        return bool(p.exp.is_Rational)
    times, own = p.exp.as_coeff_Mul()   # |u|^(3 t) = (u^2 |u|)^t to powsimp: a multiple is not lone
    return (times == 1 and not p.exp.has(sympy.exp) and read.count(p.base) == 1
            and sum(1 for q in roots if q.exp.as_coeff_Mul()[1] == own) == 1
            and not any(isinstance(x, sympy.exp) and x.args[0].as_coeff_Mul()[1] == own for x in read))


def _read(e: sympy.Expr, into_exps: bool = True) -> list[sympy.Expr]:
    """The subexpressions powsimp reads (deep=False): sums, products, powers and exp (a power of E) through, any other
    function as a whole. powsimp gives such a function back as it is, and in a product takes it whole as a base of
    exponent 1 (as_base_exp), so none of its rules meets a number in its argument: Heaviside(x) is Heaviside(x, 1/2),
    and it stays. Without ``into_exps``, an exp's argument is read as a whole too: with one exp in a product (as
    powsimp_idle asks), powsimp takes exp(c t) apart as E^c to the power t (bkey; 'base': Pow(E, c), t) and, no other
    factor having t (a symbolic power) for exponent, puts it together again; an argument that is a sum it writes as
    factor_terms writes it (x/2 - y stays, 2 x + 2 y is 2 (x + y)), as factor_terms' own form of e, made first, does:
    no number inside is moved elsewhere (exp(-u**2 / 2) stays, its 1/2 not a quotient's number)."""
    read: list[sympy.Expr] = []
    todo = [e]
    while todo:
        x = todo.pop()
        read.append(x)
        if not (isinstance(x, sympy.Function) and not (into_exps and isinstance(x, sympy.exp))):
            todo.extend(x.args)
    return read


def _powsimped(e: sympy.Expr) -> sympy.Expr | None:
    """factor_terms(powsimp(e)); None where powsimp gives e back (the form is factor_terms(e), made already)."""
    merged = sympy.powsimp(e)
    return None if merged == e else sympy.factor_terms(merged)


def _split_fraction(e: sympy.Expr) -> sympy.Expr | None:
    """A cancelled (a + b) / d as a / d + b / d, a term that d divides reduced (u / s + 1, not (s + u) / s, so
    that exp(v) / sum(exp(v)) stays a term softmax can be read from); None when e is no such quotient."""
    top, bottom = sympy.fraction(e)
    if bottom == 1 or not top.is_Add:
        return None
    return sympy.Add(*(t / bottom for t in top.args))


def _radicals_out(e: sympy.Expr) -> sympy.Expr | None:
    """``e`` with square roots rationalised out of its denominator, then factored (a power over its
    square root is the root's reciprocal); None where that cannot shorten it (roots_may_cancel)."""
    return factor(sympy.radsimp(e)) if roots_may_cancel(e) else None


def roots_may_cancel(e: sympy.Expr) -> bool:
    """Whether taking square roots out of the denominator of ``e`` may shorten it: where a sum below the line carries
    different roots in its terms (or a root and none: (x + r) / (x^2 + x r + 1) = 1 / r for r = sqrt(x^2 + 1)), or a
    root of one radicand stands on both sides of the line ((r + 1) / (r d) = (r + c) / (c d) for r = sqrt(c): radsimp's
    product meets the root above, r r = c; roots of numbers merge as well, sqrt(2) sqrt(3) = sqrt(6)). Else each root
    below is a factor of the denominator, or of each term of a sum alike (r a + r b), and meets none above: radsimp
    multiplies top and bottom by them, moving them above the line, so the form holds each radicand twice (its root
    above, itself below) where factor(e), made from the same cancelled e and of the same rank, holds it once, and e
    being cancelled nothing else cancels: strictly longer, never the best."""
    top, bottom = sympy.fraction(e)
    above, below = _radicands(top), _radicands(bottom)
    if above & below or (any(r.is_number for r in above) and any(r.is_number for r in below)):
        return True
    for s in bottom.atoms(sympy.Add):
        carried = {_roots(t) for t in s.args} if _has_root(s) else {()}
        if len(carried) > 1 or None in carried:
            return True
    return False


def _roots(term: sympy.Expr) -> tuple[sympy.Expr, ...] | None:
    """The square roots a term carries as factors, in SymPy's order; None where one stands deeper (inside a sum
    or a function of the term), which multiplying out could bring up."""
    factors = sympy.Mul.make_args(term)
    if any(not _is_root(f) and _has_root(f) for f in factors):
        return None
    return tuple(sorted((f for f in factors if _is_root(f)), key=sympy.default_sort_key))


def _is_root(f: sympy.Expr) -> bool:
    return bool(f.is_Pow and f.exp.is_Rational and f.exp.q == 2)


def _radicands(e: sympy.Expr) -> set[sympy.Expr]:
    return {p.base for p in e.atoms(sympy.Pow) if _is_root(p)}


def _has_root(e: sympy.Expr) -> bool:
    return any(_is_root(p) for p in e.atoms(sympy.Pow))
