"""The scalar simplifier's candidate forms built without SymPy, where they are known: plain products and
sums, and sums of quotients (plain.is_plain and plain.quotient_forms say which), each written as
from_sympy would write SymPy's form of it (monomial.py).

SymPy's route (scalars.py) hands the subtree to SymPy, asks plain.py which forms to weigh, and writes
them back. For the subtrees below the answer to each step is known from the terms alone: the terms as
SymPy's Add holds them (monomial.terms), the same tests as plain.py's on them, and the same forms. Any
other subtree raises NotMonomial, and SymPy's route decides. tests/test_native.py checks on random sums
and products that both routes give the same forms.
"""

from __future__ import annotations

from collections.abc import Callable
import math
from fractions import Fraction

from mcdocgen import language as E
from mcdocgen.engine.laurent import MAX_TERMS, irreducible
from mcdocgen.engine.native_exps import (compound_beside_exp, merged_forms, merges, several as several_exps,
                                         sigmoid_form_longer)
from mcdocgen.engine.generators import (ADD_CLASS, HALF, Generator, Powers, Term, num_node, power_node, product_node,
                                        written, written_sum, written_with_sum)
from mcdocgen.engine.monomial import AtomNames, NotMonomial, Product, exp_in_all, plain, powers_times, value, with_powers
from mcdocgen.engine.plain import ALGEBRA, FACTOR_MAX_OPS, signs_kept
from mcdocgen.errors import ExprError
from mcdocgen.language import Fn, Func, Node, Num

Form = Callable[[], Node]   # a candidate, written when weighed (writing may raise ExprError, as from_sympy may)


def native_forms(node: Node, names: AtomNames | None = None, lone_roots: frozenset[str] = frozenset()) -> tuple[Form, ...]:
    """The candidate forms SymPy's route would weigh for ``node``; NotMonomial where they are not known here.
    ``names``: the atoms already named (name_atoms), where ``node`` stands for another that to_sympy meets;
    ``lone_roots``: generators whose root may stand below some terms only (laurent_forms_of)."""
    return forms_of(with_powers(node) if names is None else value(node, names), node, lone_roots)


def name_atoms(node: Node, names: AtomNames) -> None:
    """Name the atoms as to_sympy meets them (left to right, outside in)."""
    if isinstance(node, Num):
        if not node.value.is_Rational:
            raise NotMonomial   # a size: a symbol to SymPy
        return
    if isinstance(node, ALGEBRA):
        for kid in node.children():
            name_atoms(kid, names)
        return
    names.name(node)


def forms_of(found: list[Term] | Product, node: Node, lone_roots: frozenset[str] = frozenset()) -> tuple[Form, ...]:
    """native_forms of a node whose value (SymPy's cancel's polynomial: the same for every way of writing it)
    is ``found``; NotMonomial where they are not known here."""
    exps = any(g.fn is Fn.EXP for _, p in all_terms(found) for g in p)
    if exps and compound_beside_exp(all_terms(found)):
        raise NotMonomial
    if exps and several_exps(all_terms(found)):   # no sigmoids: each exp a generator, the exps of a product merged
        if not isinstance(found, Product) and len(found) == 1:
            return merged_forms(*found[0])
        merges(found)   # (a product of the forms of a sum with two exps: SymPy's route's)
    elif exps and not ((_lone_exp(node, found) or _exp_in_product(node, found)) if isinstance(found, Product) else
                       len(found) == 1 or exp_in_all(found) or _exp_in_one_term(node, found)):
        raise NotMonomial   # exp in a sum: its forms by sigmoids are SymPy's route's
    if isinstance(found, Product):
        if _unit_binomial(found.inner):
            return _plain_product(found)
        c, outer = found.outer
        if any(k.denominator != 1 for k in outer.values()) and any(k.denominator != 1 for _, p in found.inner
                                                                    for k in p.values()):
            raise NotMonomial   # a root in the monomial and in the sum: cancel multiplies them out, x + s x^2
        multiplied = [(c * ci, powers_times(outer, p, 1)) for ci, p in found.inner]
        if any(not p for _, p in found.inner):
            return polynomial_forms_of(multiplied, expanded=False)
        return laurent_forms_of(multiplied, lone_roots)
    if len(found) == 1:
        c, powers = found[0]
        # no exp: any rational powers stay as SymPy's Mul holds them (roots of real bases unjoined); exp(a)^k: SymPy's
        if any(g.fn is Fn.EXP for g in powers) and not plain(powers, roots=True) and not _exp_by_atom(powers):
            raise NotMonomial
        return (lambda: written(c, powers),)
    if _unit_binomial(found) or _plain_sum(found):
        return (lambda: written_sum(found),)
    cancelled = _over_common_denominator(found)
    if cancelled is None:
        if any(not p for _, p in found) and all(k > 0 for _, p in found for k in p.values()):
            return polynomial_forms_of(found, expanded=True)   # over a denominator, a number term is laurent's
        return laurent_forms_of(found, lone_roots)
    return cancelled, lambda: written_sum(found)


def _lone_exp(node: Node, found: Product) -> bool:
    """Whether a monomial times a sum has one exp, a factor of the monomial, of an atom found nowhere else, and
    no sigmoid: written by sigmoids (exp(a) = s / (1 - s)) it is longer, and nothing cancels or merges with it,
    so SymPy's candidates are those of the product with exp(a) as one more generator
    ((x - a) / exp(norm(x - a)**2 / 2), the Gaussian's gradient)."""
    exps = [g for g in found.outer[1] if g.fn is Fn.EXP]
    if len(exps) != 1 or found.outer[1][exps[0]] != 1:
        return False
    others = [g for g in found.outer[1] if g is not exps[0]] + [g for _, p in found.inner for g in p]
    if any(g.fn is Fn.EXP or (g.name == exps[0].name and g.fn is not None) for g in others):
        return False   # the atom itself may be a factor or in the sum: u exp(u), (u + 1) exp(u)
    return not any(isinstance(n, Func) and n.fn is Fn.SIGMOID for n in E.walk(node))


def _exp_in_product(node: Node, found: Product) -> bool:
    """Whether a monomial times a sum, exp(a)^j m (A exp(a) + B) (j 0 or 1), has that one exp to the first power in
    it, some term of the sum without it (B), none of whose terms is a cofactor in A (A one term c m: or one is, d m, d
    not c; native_exps.sigmoid_form_longer), and no sigmoid (exp(X w) (exp(X w) - y), a gradient of |exp(X w) - y|^2):
    written by sigmoids, s^j m (A s + B (1 - s)) / (1 - s)^(j + 1) is longer than the form with exp(a) a generator."""
    gens = {g for _, p in all_terms(found) for g in p}
    exps = [g for g in gens if g.fn is Fn.EXP]
    if len(exps) != 1 or exps[0].below() or any(g.name == exps[0].name and g.fn not in (None, Fn.EXP) for g in gens):
        return False
    e = exps[0]
    if found.outer[1].get(e, 1) != 1 or any(p.get(e, 1) != 1 for _, p in found.inner):
        return False
    if e in found.outer[1] and any(k < 0 for _, p in all_terms(found) for k in p.values()):
        return False   # exp(a)^2 over a denominator: split, powsimp writes it exp(2 a), as long
    cofactors = [(c, {g: k for g, k in p.items() if g is not e}) for c, p in found.inner if e in p]
    rest = [(c, p) for c, p in found.inner if e not in p]
    if not cofactors or not rest or not (sigmoid_form_longer(*cofactors[0], rest) if len(cofactors) == 1 else
                                         all(p != q for _, p in cofactors for _, q in rest)):
        return False
    return not any(isinstance(n, Func) and n.fn is Fn.SIGMOID for n in E.walk(node))


def _exp_in_one_term(node: Node, found: list[Term]) -> bool:
    """Whether a sum has one exp, exp(a), in one term only, c m exp(a), to the first power, and no sigmoid, its other
    terms B (exp(x) + A x - b, a gradient with sum(exp(x)) in the loss; log(a) + a (1 - exp(b t)) / b): written by
    sigmoids it is longer than the form with exp(a) one more generator, whose forms are SymPy's route's, where no term
    of B is m's, or one is, d m with d not c (native_exps.sigmoid_form_longer)."""
    with_exp = [(c, p) for c, p in found if any(g.fn is Fn.EXP for g in p)]
    exps = [(g, k) for g, k in with_exp[0][1].items() if g.fn is Fn.EXP] if len(with_exp) == 1 else []
    if len(exps) != 1:
        return False
    (e, k), (c, p) = exps[0], with_exp[0]
    rest = [t for t in found if t[1] is not p]
    if k != 1 or e.below() or not sigmoid_form_longer(c, {g: j for g, j in p.items() if g is not e}, rest):
        return False
    return not any(isinstance(n, Func) and n.fn is Fn.SIGMOID for n in E.walk(node))


def _exp_by_atom(powers: Powers) -> bool:
    """A monomial plain but that its one exp's atom is a factor too (u exp(u)): SymPy's cancel and factor take exp(u)
    as one more generator, and by sigmoids it is longer, so the monomial as written is its one candidate."""
    e = next((g for g in powers if g.fn is Fn.EXP), None)   # plain(alone): one exp, to the first power
    alone = {g: k for g, k in powers.items() if e is None or g.fn is not None or g.name != e.name}
    return e is not None and len(alone) < len(powers) and plain(alone) and plain({g: k for g, k in powers.items() if g is not e})


def all_terms(found: list[Term] | Product) -> list[Term]:
    return [found.outer, *found.inner] if isinstance(found, Product) else found


def _unit_binomial(found: list[Term]) -> bool:
    """plain._is_unit_binomial: 1 - g or 1 - g^2 (g a generator), a plus on one term at least."""
    if len(found) != 2:
        return False
    (one, number), (coeff, powers) = sorted(found, key=lambda t: bool(t[1]))
    if number or len(powers) != 1:
        return False
    k = next(iter(powers.values()))
    return one in (1, -1) and coeff in (1, -1) and not (one == -1 and coeff == -1) and k in (1, 2)


def _plain_product(found: Product) -> tuple[Form, ...]:
    """plain.is_plain's product with a unit binomial 1 - g (or 1 - g^2, g - 1, 1 + g): a positive number, plain
    powers, no denominator that holds g (n (1 + c) / c splits and cancels); NotMonomial for any other."""
    c, powers = found.outer
    inner = found.inner
    (one, _), (minus, term) = sorted(inner, key=lambda t: bool(t[1]))
    g = next(iter(term))
    if c < 0 and one == 1 and minus == -1 and term[g] == 1:
        # -m (1 - g): SymPy's candidates are all m (g - 1) (logistic regression's -y x (1 - sigmoid(y dot(w, x))))
        c, inner, one, minus = -c, [(Fraction(-1), {}), (Fraction(1), term)], Fraction(-1), Fraction(1)
    if c < 0 or not (plain(powers) or _exp_by_atom(powers)) or any(h.name == g.name and g.fn for h in powers if h.fn is Fn.EXP):
        raise NotMonomial   # exp(u) beside 1 - f(u) (1 - sigmoid(u)): the logistic route's; beside 1 - u, a generator
    if any(k < 0 and h.fn is not Fn.EXP and (h == g or (h.fn is None and h.name == g.name)) for h, k in powers.items()):
        raise NotMonomial
    extracts = one > 0 and minus < 0   # 1 - g could extract a minus sign: SymPy writes it after every factor
    return (lambda: written_with_sum(c, powers, (inner, extracts)),)


def _plain_sum(found: list[Term]) -> bool:
    """plain.is_plain of a sum: whole coefficients, no number term, products of generators (each to the
    first power, each once in the whole sum), and signs that factor_terms and factor keep."""
    seen: set[object] = set()
    for c, powers in found:
        if c.denominator != 1 or not powers:
            return False
        for g, k in powers.items():
            if k != 1 or g in seen:
                return False
            seen.add(g)
    return signs_kept([int(c) for c, _ in found])


def _over_common_denominator(found: list[Term]) -> Form | None:
    """plain.quotient_forms' cancelled form, P / D, of a sum of quotients: whole coefficients, numerator
    generators once in the whole sum and in no denominator, denominators integer powers; None for any
    other sum."""
    numerators: set[object] = set()
    parts: list[tuple[int, Powers, Powers]] = []
    for c, powers in found:
        if c.denominator != 1 or not powers:
            return None
        tops: Powers = {}
        bottom: Powers = {}
        for g, k in powers.items():
            if k < 0 and k.denominator == 1:
                bottom[g] = -k
            elif k == 1 and g not in numerators:
                numerators.add(g)
                tops[g] = k
            else:
                return None
        parts.append((int(c), tops, bottom))
    denominator: Powers = {}
    for _, _, bottom in parts:
        for g, k in bottom.items():
            denominator[g] = max(k, denominator.get(g, Fraction(0)))
    if not denominator or numerators & denominator.keys() or not signs_kept([c for c, _, _ in parts]):
        return None
    top = [(Fraction(c), tops | {g: k - bottom.get(g, 0) for g, k in denominator.items() if k != bottom.get(g, 0)})
           for c, tops, bottom in parts]

    def cancelled() -> Node:
        ordered = sorted(denominator.items(), key=lambda gk: (gk[0].sort_key(), gk[1]))
        return E.div(written_sum(top), product_node([power_node(g, k) for g, k in ordered]))
    return cancelled


def polynomial_forms_of(found: list[Term], expanded: bool) -> tuple[Form, ...]:
    """SymPy's route's candidates (cancel, factor_terms, factor) for a polynomial with a number term (d + 1 - d s(d)), or
    a monomial times one (multiplied out here), as laurent_forms_of writes them where the rest is irreducible (a number
    term leaves no common factor): whole coefficients, SymPy's route never weighs a product multiplied out; a sum with
    fractions (1 - g / 4) is kept or its content taken out, (c + 1) / 2; NotMonomial for any other (SymPy's route's)."""
    fractions = any(c.denominator != 1 for c, _ in found)
    if (fractions and not expanded) or any(k < 0 or k.denominator != 1 for _, p in found for k in p.values()):
        raise NotMonomial   # cancel multiplies z (x / 2 + 1) out and factor_terms takes z out again: SymPy's route
    if fractions:
        return laurent_forms_of(found)
    if math.gcd(*(int(c) for c, _ in found)) != 1 or all(c < 0 for c, _ in found):
        raise NotMonomial   # cancel takes a content out: 4 c + 2 = 2 (2 c + 1)
    return (*laurent_forms_of(found), lambda: written_sum(found)) if expanded else laurent_forms_of(found)


def laurent_forms_of(found: list[Term], lone_roots: frozenset[str] = frozenset()) -> tuple[Form, ...]:
    """laurent.laurent_forms of the sum of these terms (a sum, or a monomial times a sum multiplied out):
    content M P / D and, where D is not 1, the sum itself; NotMonomial where laurent.py gives None or
    where the order of P among M's factors needs SymPy's sort key of a sum. ``lone_roots``: generators (native_sums'
    sums prime to the rest) whose root may stand below some terms only, A + B / sqrt(t)."""
    if not 2 <= len(found) <= MAX_TERMS:
        raise NotMonomial
    # a square root of a generator, sqrt(t) = s, is one more generator to SymPy's polynomials, t another: where s is
    # below every term, P / s, the forms are those with s a generator ((A x + A^T x) / (2 sqrt(x^T A x))), and so to odd
    # powers, P / s^3, P's even powers of s whole ones of t as SymPy writes them ((t x - y/2) / t^(3/2)); radsimp's,
    # s P / t, is longer. With no denominator, radsimp has nothing to do: s above some terms (sqrt(S) + c w^2) is a
    # generator too, unless every sign is minus (factor's -s x - 1 may print shorter than -(s x + 1)). Below some
    # terms only (c + 1 / (s T)), cancel itself may take the root out of the denominator: SymPy's route decides, but
    # for the root of a sum t prime to the rest (lone_roots): cancel's (A s + B) / s has s a generator, and radsimp's
    # (A t + B s) / t, the one other form, holds t twice and A t multiplied out, longer than A + B / s
    roots = {g for _, p in found for g, k in p.items() if k.denominator != 1}
    above = all(k > 0 for _, p in found for k in p.values()) and any(c > 0 for c, _ in found)
    for g in roots:
        ks = [p.get(g) for _, p in found]
        if not (all(k is not None and k < 0 and k.denominator == 2 for k in ks) or (above and set(ks) <= {HALF, None})
                or (g.fn is None and g.name in lone_roots and set(ks) == {-HALF, None})):
            raise NotMonomial
    if any(k.denominator != 1 for _, p in found for g, k in p.items() if g not in roots):
        raise NotMonomial
    # exp(-a) goes below the line as exp(a), as fraction() puts it
    found = [(c, {(Generator(g.name, g.fn, g.atom, -g.scale, g.power) if g.below() else g): (-k if g.below() else k)
                  for g, k in p.items()}) for c, p in found]
    denominator: Powers = {}
    for _, powers in found:
        for g, k in powers.items():
            if k < 0:
                denominator[g] = max(-k, denominator.get(g, Fraction(0)))
    shifted = [(c, {g: k + denominator.get(g, 0) for g, k in p.items()} | {g: k for g, k in denominator.items()
                                                                             if g not in p}) for c, p in found]
    common = {g: min(p.get(g, Fraction(0)) for _, p in shifted) for g in shifted[0][1]}
    common = {g: k for g, k in common.items() if k}
    if common.keys() & denominator.keys():
        raise NotMonomial
    top = [(c, {g: k - common.get(g, 0) for g, k in p.items() if k != common.get(g, 0)}) for c, p in shifted]
    if not (irreducible([(c, {g: 2 * k if g in roots else k for g, k in p.items()}) for c, p in top]) or _unit_binomial(top)):
        raise NotMonomial   # (1 - g^2 factored is longer); P is in s = sqrt(t), of twice t's exponent: sqrt(u) + sqrt(v)
    scale = math.lcm(*(c.denominator for c, _ in top))
    if scale > 1 and any(c.denominator == 1 for c, _ in top):
        if denominator and not common:
            return _halves_over(found, top, denominator, scale)
        return _halves_kept(found, scale, common or denominator)   # factor_terms leaves c + 1/2 as it is
    whole = [int(c * scale) for c, _ in top]
    content = Fraction(math.gcd(*whole), scale)
    if all(n < 0 for n in whole):
        content = -content
    primitive = [c / content for c, _ in top]
    minus, plus = sum(n < 0 for n in primitive), sum(n > 0 for n in primitive)
    if not (signs_kept([int(n) for n in primitive]) or minus <= plus):
        raise NotMonomial
    if minus == plus and common and len(top) > 2:
        raise NotMonomial   # cancel may turn such a P round (-(d (2 c d + 1 - t - c) / c)): SymPy's route decides
    P = [(n, p) for n, (_, p) in zip(primitive, top, strict=True)]
    last = minus > plus or (minus == plus and bool(common) and _sorts_before_negated(P))

    def factored(sign: int = 1) -> Node:
        """_keep_coeff(content, M P / D) as from_sympy writes it: content (M P) / D, P after M's symbols and
        before its functions, or after all of them where P is mostly minus signs (could_extract_minus_sign);
        sign -1: factor's -content (M (-P)) / D, only to be measured (-P placed anywhere)."""
        factors = [(g.sort_key(), k, power_node(g, k)) for g, k in common.items()]
        factors.sort(key=lambda f: (f[0], f[1]))
        p_node = written_sum([(sign * n, p) for n, p in P])
        at = len(factors) if last else sum(1 for key, _, _ in factors if key[0] < ADD_CLASS)
        top_node = product_node([f[2] for f in factors[:at]] + [p_node] + [f[2] for f in factors[at:]])
        bottom = sorted(denominator.items(), key=lambda gk: (gk[0].sort_key(), gk[1]))
        node = E.div(top_node, product_node([power_node(g, k) for g, k in bottom])) if bottom else top_node
        c = sign * content
        if c == 1:
            return node
        return E.neg(node) if c == -1 else E.mul(num_node(c), node)
    # factor may turn P round (the sign of its leading term, SymPy's to say): where -content M (-P) / D could
    # print shorter, SymPy's route decides. derive's case: a coefficient below -1 or a negative content (- c
    # where P has + -3 c); fuzz's: signs not kept beside a common factor, a denominator or a content (-3 (2 u c
    # + 2 u d - u - d), not 3 (u + d + -2 u c + -2 u d))
    if not (content > 0 and all(n >= -1 for n in primitive)) or (
            not signs_kept([int(n) for n in primitive]) and (common or denominator or abs(content) != 1)):
        try:
            shorter = E.tree_size(factored(-1)) < E.tree_size(factored())
        except ExprError:
            shorter = True
        if shorter:
            raise NotMonomial
    if denominator:   # cancel's numerator multiplied out, split over the denominator: the terms themselves
        return factored, lambda: written_sum(found)
    return (factored,)


def _sorts_before_negated(P: list[Term]) -> bool:
    """SymPy's could_extract_minus_sign of a sum P with as many minus signs as plus signs: P.sort_key() <
    (-P).sort_key(). The keys differ first in the first term of as_ordered_terms, and there only in the sign of
    its coefficient: that term is the number of a positive number minus a term (SymPy's special case; no
    term sorts before a number), else the term of highest monomial in lex order over the generators in
    default_sort_key's order. NotMonomial where an exp is among the generators of more than two terms (as_terms
    writes exp(2 u) as exp(u)^2); a binomial's first term is the same either way (exp(a) - y, fuzzed)."""
    gens = sorted({g for _, p in P for g in p}, key=lambda g: g.sort_key())
    if len(P) > 2 and any(g.fn is Fn.EXP for g in gens):
        raise NotMonomial
    number = [c for c, p in P if not p]
    if len(P) == 2 and number and number[0] > 0:
        return True
    first = max(P, key=lambda t: tuple(t[1].get(g, Fraction(0)) for g in gens))
    return first[0] < 0


def _halves_over(found: list[Term], top: list[Term], denominator: Powers, scale: int) -> tuple[Form, ...]:
    """The forms of a sum of quotients with whole and fractional coefficients, x/2 + c - 1/u (a gradient of
    x^T A x / 2 + c^T x - sum(log(x))), P irreducible over D and nothing common: cancel's whole numerator over
    scale D, (2 c u + u x - 2) / (2 u) (factor's too); factor_terms' the fractions back in, (c u + u x/2 - 1) / u;
    and the sum split. NotMonomial where the whole numerator has a content or signs factor may turn."""
    whole = [int(c * scale) for c, _ in top]
    if not signs_kept(whole):
        raise NotMonomial
    bottom = product_node([power_node(g, k) for g, k in sorted(denominator.items(), key=lambda gk: (gk[0].sort_key(), gk[1]))])
    numerator = [(Fraction(n), p) for n, (_, p) in zip(whole, top, strict=True)]
    return (lambda: E.mul(num_node(Fraction(1, scale)), E.div(written_sum(numerator), bottom)),
            lambda: E.div(written_sum(top), bottom), lambda: written_sum(found))


def _halves_kept(found: list[Term], scale: int, factored_out: object) -> tuple[Form, ...]:
    """The forms of a polynomial x/2 - y (no common factor, no denominator; some coefficient whole, some not):
    cancel and factor_terms leave it as it is, and factor's (x - 2 y) / 2, tried last, is the only other form;
    with every sign plus, the shorter of the two; where a sign is minus and factor's (either sign) is not longer,
    or the sum is anything else, NotMonomial (SymPy's route decides)."""
    if factored_out or all(c < 0 for c, _ in found) or math.gcd(*(c.numerator for c, _ in found)) != 1:
        raise NotMonomial   # z (x/2 - y), (x - 2 y z) / (2 z), -(x/2 + y), 3 (x/2 + y): the forms differ
    kept = written_sum(found)
    whole = [int(c * scale) for c, _ in found]
    content = math.gcd(*whole)
    size = E.tree_size(kept)
    # (factor is tried on a small sum only: the sum's size bounds SymPy's count of its operations)
    if content == 1 and all(c > 0 for c, _ in found) and size <= FACTOR_MAX_OPS:
        # every sign plus: factor's form is (x + 2 y) / 2, its leading term plus, the one candidate besides the sum
        # (which wins a tie, ranked first); the shorter of the two is the form to weigh against the node, which may
        # be shorter still (c + (x + y) / 2, as a derivative writes it)
        whole_sum = written_sum([(Fraction(n), p) for n, (_, p) in zip(whole, found, strict=True)])
        over = E.mul(num_node(Fraction(1, scale)), whole_sum)
        return (lambda: over,) if E.tree_size(over) < size else (lambda: kept,)
    for sign in (1, -1):
        primitive = written_sum([(Fraction(sign * n, content), p) for n, (_, p) in zip(whole, found, strict=True)])
        over = E.div(primitive, num_node(Fraction(scale, content)))
        if E.tree_size(over if sign > 0 else E.neg(over)) <= size:
            raise NotMonomial
    return (lambda: kept,)


# functions SymPy's candidates open or substitute (sin and sinh by tangents, abs by sign): a subtree with one of
# them is SymPy's route's. exp is written by sigmoids, exp(a) = s / (1 - s): a longer form, unless a sigmoid is
# there to cancel against (or exps to merge, which the monomial's plain() rules out)
