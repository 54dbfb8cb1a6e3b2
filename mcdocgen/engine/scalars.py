"""Scalar and elementwise algebra by SymPy: such subtrees go to SymPy and back, so factors cancel.

Sums, elementwise products, quotients, powers and functions commute like scalar algebra, so a subtree made of them
is handed to SymPy with everything else (matrix products, transposes, det X, dot(w, x) ...) as opaque commuting atoms
that come back unchanged. A rewrite is kept only when it is shorter and has the same shape.

SymPy's cancel, factor and substitutions run only where the engine's own algebra does not know the answer: a settled
product is answered on the node itself, plain expressions and sums of quotients (plain.py, laurent.py), logistic forms
(logistic.py) and a monomial times an exp of a rational argument (exp_alone.py) get their candidate forms without them.
Where those are known from the subtree's terms alone, SymPy is not called at all: the engine builds the terms as SymPy
holds them (monomial.py) and writes the forms as from_sympy writes SymPy's (native.py, native_logistic.py; native_nested.py
for sums with products of sums in their terms, the common factors taken out besides); by_sympy is the route for the rest.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

import sympy
from sympy.core.cache import CACHE

from mcdocgen import language as E
from mcdocgen.engine.cancelled import cancelled_forms, made
from mcdocgen.engine.exp_alone import exp_forms
from mcdocgen.engine.laurent import laurent_forms
from mcdocgen.engine.logistic import exp_in_lone_sum, sigmoid_form
from mcdocgen.engine.generators import product_node
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine.native import native_forms
from mcdocgen.engine.native_expargs import expargs_forms
from mcdocgen.engine.native_sums import KeptOnly, forms_over_sums, sums_alone
from mcdocgen.engine.native_logistic import logistic_forms
from mcdocgen.engine.kept_fns import kept
from mcdocgen.engine.native_nested import nested_forms
from mcdocgen.engine.native_roots import root_forms
from mcdocgen.engine.separable import split
from mcdocgen.engine.substituted import abs_by_sign, in_tangents
from mcdocgen.engine.plain import is_plain, is_settled, product_factors, quotient_forms
from mcdocgen.engine.ring_cancel import MADE, cancel, factor_terms
from mcdocgen.errors import ExprError
from mcdocgen.language import FUNCTIONS, Add, Div, Fn, Func, Mul, Neg, Node, Num, Pow, Var

# A function SymPy may expand goes as its definition; an opaque one as an undefined function of its
# name, so that cancel never opens it (1/(1 + exp(-x)) would come back longer, or not at all).
_SYMPY_FN = {fn: spec.sympy for fn, spec in FUNCTIONS.items() if not spec.sympy_opaque}
_OPAQUE_FN = {fn: sympy.Function(spec.name) for fn, spec in FUNCTIONS.items() if spec.sympy_opaque}
_BACK_FN = {v: k for k, v in _SYMPY_FN.items()} | {v: k for k, v in _OPAQUE_FN.items()}


class _Atoms:
    def __init__(self) -> None:
        self.by_node: dict[Node, sympy.Symbol] = {}
        self.by_symbol: dict[sympy.Symbol, Node] = {}
        self.variables = 0

    def atom(self, node: Node) -> sympy.Symbol:
        if node not in self.by_node:
            if isinstance(node, Var):
                sym = sympy.Symbol(node.name, real=True)
                self.variables += 1
            else:   # numbered apart from the variables: a subtree whose factors come in another order (a u vs u a)
                # names its atoms alike, so _candidates' memo knows it (the same order among atoms, by first occurrence)
                sym = sympy.Symbol(f"_atom{len(self.by_node) - self.variables}", real=True)
            self.by_node[node] = sym
            self.by_symbol[sym] = node
        return self.by_node[node]


def to_sympy(node: Node, atoms: _Atoms) -> sympy.Expr:
    match node:
        case Num(value=v):
            return v
        case Add(terms=terms):
            return sympy.Add(*(to_sympy(t, atoms) for t in terms))
        case Neg(arg=a):
            return -to_sympy(a, atoms)
        case Mul(left=a, right=b):
            return to_sympy(a, atoms) * to_sympy(b, atoms)
        case Div(left=a, right=b):
            return to_sympy(a, atoms) / to_sympy(b, atoms)
        case Pow(base=a, exp=b):
            return to_sympy(a, atoms) ** to_sympy(b, atoms)
        case Func(fn=fn, arg=a) if fn in _SYMPY_FN:
            return _SYMPY_FN[fn](to_sympy(a, atoms))
        case Func(fn=fn, arg=a):
            return _OPAQUE_FN[fn](to_sympy(a, atoms))
    return atoms.atom(node)


def from_sympy(e: sympy.Expr, atoms: _Atoms) -> Node:
    if e.is_Symbol:
        # a size such as N or m, used as a number, is not an atom
        return atoms.by_symbol[e] if e in atoms.by_symbol else E.num(e)
    if e.is_Rational:
        return E.num(e)
    if e is sympy.E:
        # exp(1): a Num holds only rationals and sizes, which the language can print and read back
        return E.func(Fn.EXP, E.num(1))
    if e.is_Add:
        terms = [from_sympy(t, atoms) for t in _ordered(e.args)]
        return E.add(*terms)
    if e.is_Mul:
        coeff, rest = e.as_coeff_Mul()
        num_, den = sympy.fraction(rest)
        top = product_node([from_sympy(f, atoms) for f in _ordered(sympy.Mul.make_args(num_)) if f != 1])
        node = top if den == 1 else E.div(top, from_sympy(den, atoms))
        if coeff == 1:
            return node
        if coeff == -1:
            return E.neg(node)
        return E.mul(E.num(coeff), node)
    if e.is_Pow:
        base, ex = e.args
        if ex == sympy.Rational(1, 2):
            return E.func(Fn.SQRT, from_sympy(base, atoms))
        if ex.is_Number and ex < 0:
            return E.div(E.num(1), from_sympy(base ** -ex, atoms))
        return E.power(from_sympy(base, atoms), from_sympy(ex, atoms))
    fn = _BACK_FN.get(e.func)
    if fn is not None:
        return E.func(fn, from_sympy(e.args[0], atoms))
    raise ValueError(f"no way back from {e.func}")  # pi, a float, zoo ...: the caller keeps the original


def _ordered(args: Iterable[sympy.Expr]) -> list[sympy.Expr]:
    # Positive terms first (1 - t**2, not -t**2 + 1), a lone number after the other positive terms
    # (log(t) + 1); SymPy's order otherwise, which is stable.
    return sorted(args, key=lambda a: (a.could_extract_minus_sign(), a.is_Number, sympy.default_sort_key(a)))


def _ops(node: Node) -> int:
    return sum(1 for _ in E.walk(node))


SYMPY_MAX_NODES = 200  # larger subtrees are left as they are: SymPy's cancel can take minutes on them
MEMO_SIZE = 4096  # subtrees whose simplification is remembered (each at most SYMPY_MAX_NODES nodes)


def simplify_scalar(node: Node) -> Node:
    """A simpler equal expression, or the node itself when SymPy finds nothing shorter."""
    found = _simplified(node)
    return node if found is None else found


@functools.lru_cache(maxsize=MEMO_SIZE)
def _simplified(node: Node) -> Node | None:
    """simplify_scalar, None for the node itself; memoised, as the passes, layouts and checks meet the same
    subtrees again (the memo is cleared with SymPy's own cache, so that timings after clear_cache are cold)."""
    if is_settled(node) or E.count_nodes(node, SYMPY_MAX_NODES) > SYMPY_MAX_NODES:
        return None
    try:   # plain products and sums, sums of quotients, logistic forms: known without SymPy (native*.py)
        forms = _native(node)
    except NotMonomial:
        # sums as factors, bases or under a root, each taken as one generator: where no form is shorter, SymPy's
        # route keeps the node too (native_sums.forms_over_sums), and the shorter one where its sums stand alone
        # on their side of the line, each led by a plus term in SymPy's order of generators (else cancel turns it round:
        # native_signs), is its answer (sums_alone: a / (u**2 + 1)); else SymPy's route decides
        over = _over_sums(node)
        ordered = over is not None and not isinstance(over, KeptOnly)   # else a kept node is its answer, no other form
        if over is None:
            over = _over_sums(node, any_order=True)
        best = node if over is None else _best_of(node, ((0, form) for form in over))
        if over is not None and (best is node or (ordered and sums_alone(best, node))):
            return None if best is node else best   # kept, or a sum alone on its side: SymPy's route's answer
        # kept over irreducible sums, or with functions of expressions as atoms (kept_fns); groups sharing no atoms: each alone
        out = node if kept(node, _weight, simplify_scalar) else _by_groups(node) or by_sympy(node)
    else:
        out = _best_of(node, ((0, form) for form in forms))
    return None if out is node else out


def _over_sums(node: Node, any_order: bool = False) -> tuple[Callable[[], Node], ...] | None:
    try:
        return forms_over_sums(node, any_order)
    except NotMonomial:
        return None


def _native(node: Node) -> tuple[Callable[[], Node], ...]:
    """The candidate forms of SymPy's route built without SymPy, by the first route that knows them."""
    routes: tuple[Callable[[Node], tuple[Callable[[], Node], ...]], ...] = (
        native_forms, logistic_forms, lambda n: nested_forms(n, _weight), expargs_forms, root_forms)
    for route in routes:
        try:
            return route(node)
        except NotMonomial:
            pass
    raise NotMonomial


def _by_groups(node: Node) -> Node | None:
    """SymPy's route's answer for a product whose factors split into groups sharing no atoms, each group kept alone
    (separable.py): the product written as SymPy writes it where that is better, each group plain (cancel and factor
    give it back) and no two sums multiplied out by cancel, else the node; None where the node does not split, a group
    changes, the rewritten product is better but not so known, or a minus may go into a sum (SymPy's route decides)."""
    parts = split(node)
    # factor_terms writes -c (d - 1) as c (1 - d), and -((1 - 1 / u) v) as v (1 - u) / u; -(c (1 - d)) stays (a sum
    # is settled only as 1 - g or 1 - g**2, g an atom: plain.is_settled)
    if parts is None or (parts.coeff < 0 and not all(is_settled(s) for s in parts.sums)):
        return None
    if any(simplify_scalar(group) is not group for group in parts.groups):
        return None
    atoms = _Atoms()
    try:
        to_sympy(node, atoms)   # the atoms named as by_sympy names them: the order of a product's factors is theirs
        groups = [to_sympy(group, atoms) for group in parts.groups]
    except (ValueError, TypeError, KeyError, ExprError):
        return None
    best = _best(node, ((parts.coeff * sympy.Mul(*groups), 0),), atoms)
    # the product rewritten is among SymPy's candidates where each group is plain (not a group kept whose cancelled
    # form differs: exp(-c) / (c + 1)), cancel multiplies no sums out, and no minus stands beside 1 - g (SymPy's route
    # writes -(-(1 - c) * -x) as x (c - 1)); else only a kept product is known
    known = not parts.expanded and not (parts.coeff < 0 and parts.sums) and all(is_plain(e) for e in groups)
    return best if best is node or known else None


def by_sympy(node: Node) -> Node:
    """SymPy's route: the node in SymPy, the candidate forms plain.py, laurent.py, logistic.py and exp_alone.py know or
    SymPy's cancel and factor make, the best of them written back (or the node)."""
    atoms = _Atoms()
    try:
        e = to_sympy(node, atoms)
    except (ValueError, TypeError, KeyError, ExprError):
        return node
    candidates = ((e, 0),) if is_plain(e) else (quotient_forms(e) or laurent_forms(e, functools.partial(_written_size, atoms))
                                                or _logistic(e) or exp_forms(e) or _candidates(e))
    return _best(node, candidates, atoms)


def _written_size(atoms: _Atoms, e: sympy.Expr) -> int | None:
    try:   # the size of e written back, as _best_of weighs it; None where it cannot be written
        return _size(from_sympy(e, atoms))
    except (ValueError, TypeError, KeyError, ExprError):
        return None


@functools.lru_cache(maxsize=MEMO_SIZE)
def _candidates(e: sympy.Expr) -> tuple[tuple[sympy.Expr, int], ...]:
    """The candidate forms of ``e``, memoised: atoms are named in the order they occur, so subtrees
    that differ only in their atoms (u / sqrt(v) for many u and v) share one SymPy expression."""
    return tuple(_forms(e))


def _logistic(e: sympy.Expr) -> tuple[tuple[sympy.Expr, int], ...] | None:
    """The candidate that wins where e written by sigmoids is a monomial (logistic.py), and e itself where it
    is a product with sigmoids already (sigmoid(a)^3 / exp(a) is shorter than sigmoid(a)^2 (1 - sigmoid(a)));
    else None."""
    mixed = e.has(_SIGMOID)
    if mixed and any(f.has(sympy.Add) for f in sympy.Mul.make_args(e)):
        return None   # sigmoids and exp in a sum: cancel may find a product of both (s^3 exp(-a)), longer here
    form = sigmoid_form(e, _SIGMOID)
    if form is None:
        return None
    return ((form, 0), (e, 0)) if mixed else ((form, 0),)


# the forms made from the cancelled form alone, memoised on it (cancelled.py)
_cancelled_forms = functools.lru_cache(maxsize=MEMO_SIZE)(cancelled_forms)
CACHE.extend((_simplified, _candidates, _cancelled_forms, MADE))   # cleared by sympy.core.cache.clear_cache


def _best(node: Node, candidates: Iterable[tuple[sympy.Expr, int]], atoms: _Atoms) -> Node:
    """The best candidate that is better than the node, or the node."""
    tried: set[sympy.Expr] = set()
    forms: list[tuple[int, Callable[[], Node]]] = []
    for candidate, rank in candidates:
        if candidate not in tried:   # a form met again (cancel gave what factor_terms did), ranked no better
            tried.add(candidate)
            forms.append((rank, functools.partial(from_sympy, candidate, atoms)))
    return _best_of(node, forms)


def _best_of(node: Node, forms: Iterable[tuple[int, Callable[[], Node]]]) -> Node:
    """The best of the candidate forms (each with its rank, written when weighed) that is better than the
    node, or the node."""
    size = _weight(node)
    best, best_key = node, (size[0], 0, size[1], 0, "")
    for rank, form in forms:
        try:
            back = form()
        except (ValueError, TypeError, KeyError, ExprError):
            continue
        if back == node:   # the node as it was: not better than itself (and not worth printing to weigh)
            continue
        # better than the node: shorter, or as short with fewer repeated factors (t**2, not t * t);
        # among candidates the best (a factored form only when strictly shorter: c**2 - d**2 stays),
        # then the one with fewer exp (sigmoid(t) (1 - sigmoid(t)), not sigmoid(t)^2 / exp(t)), ties by text
        key = (_size(back), rank, _repeats(back),
               sum(1 for n in E.walk(back) if isinstance(n, Func) and n.fn is Fn.EXP), _printed(back)[0])
        if back.shape == node.shape and (key[0], key[2]) < size and (best is node or key < best_key):
            best, best_key = back, key
    return best


def _weight(node: Node) -> tuple[int, int]:
    """What makes a form better than another: shorter, or as short with fewer repeated factors."""
    return _size(node), _repeats(node)


def _repeats(node: Node) -> int:
    """How many factors of a product occur again in it: t * t has one, t**2 none."""
    factors = product_factors(node)
    return len(factors) - len(set(factors))


def _size(node: Node) -> int:
    """The size a reader sees: the printed formula's syntax nodes (the node count where it has no text)."""
    return _printed(node)[1]


@functools.lru_cache(maxsize=MEMO_SIZE)
def _printed(node: Node) -> tuple[str, int]:
    """The node's text and size, memoised (a node is weighed again as each of its parents is)."""
    text = E.try_text(node)
    return text, E.tree_size(node) if text else _ops(node)


CACHE.append(_printed)   # cleared by sympy.core.cache.clear_cache


def _forms(e: sympy.Expr) -> list[tuple[sympy.Expr, int]]:
    """A few equal forms of ``e``: cancelled and collected; powers of one base merged
    (t t^(t-1) = t^t, which cancel leaves alone for a symbolic exponent); for a small e, factored
    (x^2 e^x - 2 x e^x + e^x = (x - 1)^2 e^x) and with square roots taken out of a denominator
    first (radsimp: (x + r) / (x^2 + x r + 1) = r / (x^2 + 1) for r = sqrt(x^2 + 1), then 1 / r); where exp occurs,
    written in the logistic sigmoid s = 1 / (1 + exp(-a)): exp(a) = s / (1 - s); a quotient
    of a sum split into its terms' quotients; and sines written by tangents (sinh / cosh = tanh)."""
    forms: list[tuple[sympy.Expr, int]] = []
    try:
        cancelled = cancel(e)   # once: the costly step (milliseconds by SymPy, less on the ring: ring_cancel.py), shared
    except (ValueError, TypeError, sympy.PolynomialError):
        return forms
    first, last_resort = _cancelled_forms(cancelled)
    # the substitutions below cancel again, only where e has exp, sin, sinh or abs
    substituted = made((lambda: _in_sigmoids(e), lambda: in_tangents(e), lambda: abs_by_sign(e)))
    # the last resort ranked after the others at equal size (c**2 - d**2 stays as it is)
    return [(form, 0) for form in (*first, *substituted) if form is not None] + [
        (form, 1) for form in last_resort if form is not None]


_SIGMOID = _OPAQUE_FN[Fn.SIGMOID]


def _in_sigmoids(e: sympy.Expr) -> sympy.Expr | None:
    """``e`` with each exp(a) written by sigmoid(a), cancelled; None when e has no exp, or exps of two arguments or
    more (exp(a) + exp(b) over 1 + exp(c)): cancel's cost grows with each sigmoid and its 1 - sigmoid, and such a form
    never won over the corpora and benchmark sets (its terms, of one argument each, were written by sigmoids first).

    exp(a) and exp(-a) share one sigmoid: a is the argument without a leading minus sign. The
    arguments are visited in SymPy's sort order, never in a set's hash order."""
    exps = sorted(e.atoms(sympy.exp), key=sympy.default_sort_key)
    if not exps or len({-x.args[0] if x.args[0].could_extract_minus_sign() else x.args[0] for x in exps}) > 1:
        return None
    if not sigmoids_may_cancel(e):
        return None
    subs: dict[sympy.Expr, sympy.Expr] = {}
    for x in exps:
        a = x.args[0]
        if a.could_extract_minus_sign():
            s = _SIGMOID(-a)
            subs[x] = (1 - s) / s
        else:
            s = _SIGMOID(a)
            subs[x] = s / (1 - s)
    return factor_terms(cancel(e.xreplace(subs)))


def sigmoids_may_cancel(e: sympy.Expr) -> bool:
    """Whether the sigmoid form of ``e`` could be the best candidate: not where e holds no sigmoid and its exp(a) only
    as a factor of its product (or of a whole power in it), or of each term of a sum in it to one power (exp(a) u +
    exp(a) v, exp(-a) counted as exp(a)^-1), never in a function's argument or an exponent but as the whole argument
    (tanh(exp(a)): a generator T of R whose form T' = tanh(s / (1 - s)), a generator to SymPy's steps as T is, is
    longer). There e = exp(a)^k R with R free of exp(a) and of sigmoids (for a sum, as rational functions: cancel, which
    both the form and factor_terms' form start from, gives one answer for equal rational functions of its generators, so
    what holds for the product exp(a)^k R holds for e), and the form is made from (s / (1 - s))^k R: s and 1 - s divide
    none of R's polynomials, so nothing cancels against them, and the form holds what the form factor_terms(cancel(e))
    (a candidate of the same rank) holds, with exp(a)^k's place taken by s^k over (1 - s)^k multiplied into the
    polynomials (each T by its longer T'): strictly longer, never the best (nor better than the node). The sigmoid form
    wins by cancelling 1 + exp(-a) = 1 / s, a sum: exp(-a) / (1 + exp(-a))^2 = s (1 - s) (never: logistic.exp_in_lone_sum)."""
    return e.has(_SIGMOID) or (_exp_degree(e) is None and not exp_in_lone_sum(e))


def _exp_degree(e: sympy.Expr) -> int | None:
    """k where ``e`` is exp(a)^k R, R free of exp (each exp of e being exp(a) or exp(-a): _in_sigmoids' case), seen on
    e's tree: exp(a) a factor of products, of whole powers and of each term of a sum alike; None else."""
    if isinstance(e, sympy.exp):
        return None if e.args[0].has(sympy.exp) else -1 if e.args[0].could_extract_minus_sign() else 1
    if e.is_Mul:
        found = [_exp_degree(a) for a in e.args]
        return None if None in found else sum(k for k in found if k is not None)
    if e.is_Pow and e.exp.is_Integer:
        k = _exp_degree(e.base)
        return None if k is None else k * int(e.exp)
    if e.is_Add:
        degrees = {_exp_degree(a) for a in e.args}
        return degrees.pop() if len(degrees) == 1 else None
    if isinstance(e, sympy.Function) and all(isinstance(a, sympy.exp) and not a.args[0].has(sympy.exp) for a in e.args):
        return 0   # tanh(exp(a)): one more generator of R, its sigmoid form tanh(s / (1 - s)) a longer one
    return None if e.has(sympy.exp) else 0
