"""The printed form of a result: among a few equivalent forms, the shortest as a textbook would print it.

The rewrites of ``simplify`` bring a tree to one normal form (transposes at the leaves, products
associated to the right), which is what like terms and cancellations need, but not always the
shortest form to read: ``X^T - A^T`` is ``(X - A)^T``, ``A^T x + A x + b`` is ``(A + A^T) x + b``,
and ``(S^T - X^-T)^T`` is ``S - X^-1``. ``compact`` weighs, bottom-up, a bounded set of equivalent forms at
each sum and transpose (transposes collected or distributed, common factors taken out, a sum over positions
multiplied out) and keeps the first by ``ranking.rank``, deterministic on any machine; ``numerator_form``
likewise for the numerator layout's result, from the transposed denominator result and its own form.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mcdocgen.engine.simplify.common import chain_product, coeff, negative, with_coeff
from mcdocgen.engine.simplify.positions import multiplied_out
from mcdocgen.engine.simplify.ranking import rank, read_size, transposed_sum_of_products, unread
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen.engine.simplify.transpose import is_symmetric
from mcdocgen import language as E
from mcdocgen.language import Add, Div, Lit, MatMul, Mul, Neg, Node, Num, Sum, Trace, Transpose
from mcdocgen.language.walks import matmul_factors

MAX_FORMS = 400     # forms weighed for one result: the search is bounded whatever the input
MAX_DEPTH = 3       # how deep a re-formed part (the sum inside a collected transpose) is re-formed again

Simplify = Callable[[Node], Node]
_Step = tuple[R, Node, tuple[Node, ...]]     # an identity, the form it gives, the parts re-formed in it


class _Forms:
    """The forms still to be weighed, shared by one call (a count, the same on every machine)."""

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.taken = 0
        self.refused = False

    def take(self) -> bool:
        if self.left <= 0:
            self.refused = True
            return False
        self.left -= 1
        self.taken += 1
        return True


@dataclass(frozen=True, slots=True)
class Compacted:
    """A compacted form, the identities that made it, and the forms its search took (None where the
    count ran out): a search that takes as many again from a count that has them gives the same."""

    form: Node
    ids: tuple[R, ...]
    taken: int | None


def shortest(forms: list[Node]) -> Node:
    """The first form by ``rank`` (forms of one value; ties broken by text, never by order)."""
    return min(forms, key=rank)


def compact(node: Node, simplify: Simplify, limit: int = MAX_FORMS) -> Node:
    """The shortest of the equivalent forms weighed bottom-up (``simplify`` distributes a transpose)."""
    return compact_named(node, simplify, limit)[0]


def compact_named(node: Node, simplify: Simplify, limit: int = MAX_FORMS) -> tuple[Node, tuple[R, ...]]:
    """``compact``, and the identities by which the form kept differs from ``node``."""
    found = compact_counted(node, simplify, limit)
    return found.form, found.ids


def compact_counted(node: Node, simplify: Simplify, limit: int = MAX_FORMS) -> Compacted:
    """``compact_named``, with the count of forms its search took."""
    forms = _Forms(limit)
    c = _Compactor(simplify, forms)
    out = c.best(node, 0)
    return Compacted(out, c.ids.get(out, ()), None if forms.refused else forms.taken)


def numerator_form(result: Node, simplify: Simplify, limit: int = MAX_FORMS,
                   known: Compacted | None = None) -> tuple[Node, tuple[R, ...]]:
    """The numerator layout's form of a denominator result: its own simplified transpose, compacted,
    or the transpose of the compacted result, whichever is shorter (on a tie, the one without a
    transposed compound). ``known``: the result compacted already (by ``compact_counted`` with this
    ``simplify``), used where the count left would have let the search take as many forms."""
    forms = _Forms(limit)
    mine, theirs = _Compactor(simplify, forms), _Compactor(simplify, forms)
    own = mine.best(simplify(E.transpose(result)), 0)
    if result.shape.is_scalar:
        return own, mine.ids.get(own, ())
    if known is not None and known.taken is not None and known.taken <= forms.left:
        part, part_ids = known.form, known.ids
    else:
        part = theirs.best(result, 0)
        part_ids = theirs.ids.get(part, ())
    whole = transposed(part)
    if rank(whole)[:3] < rank(own)[:3]:
        chosen, ids = whole, (*part_ids, R.TRANSPOSE_PRODUCT)
    else:
        chosen, ids = own, mine.ids.get(own, ())
    return _distributed_sum(chosen, ids, mine)


def distributed(node: Node, simplify: Simplify, letters: bool = False, limit: int = MAX_FORMS) -> tuple[Node, tuple[R, ...]]:
    """A whole transposed sum written term by term by the numerator layout's rule (``_distributed_sum``),
    as a numerator-layout local derivative X G + G X, not (G^T X^T + X^T G^T)^T; ``letters``: only where each
    term is a product whose factors take a mark on one letter, the denominator layout's A^T X^T B^T +
    B^T X^T A^T, not (A X B + B X A)^T (Cookbook eq. 116); (X - A)^T stays, the shorter."""
    return _distributed_sum(node, (), _Compactor(simplify, _Forms(limit)), letters)


def _distributed_sum(node: Node, ids: tuple[R, ...], compactor: _Compactor,
                     letters: bool = False) -> tuple[Node, tuple[R, ...]]:
    """A transposed sum, (a + b)^T (up to a number in front, or a sign inside), as a textbook writes a numerator-layout
    result: a^T + b^T, each term's transpose compacted, where that is no longer by ``size_key``'s
    size with the brackets of transposed operations counted (``ranking.read_size``), or where each term is a
    product textbooks distribute (``transposed_sum_of_products``: det(M) (M^-1 X^T A + M^-T X^T A^T),
    not det(M) (A^T X M^-T + A X M^-1)^T, a mark longer). Scalar factors in front stay in front; inner
    transposed sums ((A x - y)^T A) stay."""
    whole = E.neg(E.transpose(node.arg.arg)) if isinstance(node, Transpose) and isinstance(node.arg, Neg) else node
    c, core = coeff(whole)
    front: list[Node] = []
    while isinstance(core, Mul) and core.left.shape.is_scalar and not core.right.shape.is_scalar:
        front.append(core.left)
        core = core.right
    if not (isinstance(core, Transpose) and isinstance(core.arg, Add) and _whole_terms(core.arg)):
        return node, ids
    rid, inner, parts = compactor._distributed(core.arg, 0)
    for s in reversed(front):
        inner = E.mul(s, inner)
    if front:
        inner, kept = with_coeff(c, inner), 2    # s (a^T + b^T): the sum keeps its brackets
    elif c in (1, -1):
        signed = E.add(*(with_coeff(c * coeff(t)[0], coeff(t)[1]) for t in inner.terms)) \
            if isinstance(inner, Add) else with_coeff(c, inner)
        inner = signed if unread(signed) <= unread(whole) else with_coeff(c, inner)   # -(a^T + b^T), not -a^T - b^T
        kept = 0
    else:
        inner, kept = with_coeff(c, inner), 2    # c (a^T + b^T): the sum keeps its brackets
    distributes = transposed_sum_of_products(whole, letters) and unread(inner) <= unread(node)
    if not distributes and (letters or read_size(inner) + kept > read_size(node)):
        return node, ids
    return inner, _union(ids, *(compactor.ids.get(p, ()) for p in parts), (rid,))


def transposed(node: Node) -> Node:
    """The transpose with the sign and the scalar factors in front: 2 (X - A)^T, not (2 (X - A))^T."""
    match node:
        case Neg(arg=a):
            return E.neg(transposed(a))
        case Mul(left=s, right=a) if s.shape.is_scalar and not a.shape.is_scalar:
            return E.mul(s, transposed(a))
    return _flip(node) if isinstance(node, Transpose) else E.transpose(node)


_REFORMED = (Mul, Div, Neg, Add, Transpose, MatMul, Trace, Sum)   # the node types ``_alternatives`` has forms of


class _Compactor:
    def __init__(self, simplify: Simplify, forms: _Forms) -> None:
        self.simplify = simplify
        self.forms = forms
        self.seen: dict[tuple[Node, int], Node] = {}
        self.ids: dict[Node, tuple[R, ...]] = {}     # a form kept -> the identities that made it

    def best(self, node: Node, depth: int) -> Node:
        hit = self.seen.get((node, depth))
        if hit is not None:
            return hit
        kids = node.children()
        if not kids:   # a leaf: no identity re-forms it (every type re-formed has operands)
            if depth < MAX_DEPTH:
                self.forms.take()
            self.seen[(node, depth)] = node
            return node
        new = node
        new_kids = tuple([self.best(k, depth) for k in kids])
        if new_kids != kids:
            new = E.rebuild(node, new_kids)
        used = _union(*(self.ids.get(k, ()) for k in new.children())) if self.ids else ()
        found = [new]
        named = {new: used}
        if depth < MAX_DEPTH and not isinstance(new, _REFORMED):
            self.forms.take()   # no identity re-forms it: the one count a search that finds nothing takes
        elif depth < MAX_DEPTH:
            # Lazily: each form is built (and its parts re-formed) only while the count allows.
            forms = self._alternatives(new, depth)
            while self.forms.take():
                step = next(forms, None)
                if step is None:
                    break
                rid, form, parts = step
                if form.shape == node.shape and form not in named:
                    found.append(form)
                    named[form] = _union(used, *(self.ids.get(p, ()) for p in parts), (rid,))
        out = found[0] if len(found) == 1 else shortest(found)   # one form: nothing to weigh (or print)
        self.seen[(node, depth)] = out
        if named[out]:
            self.ids[out] = named[out]
        return out

    def _alternatives(self, node: Node, depth: int) -> Iterator[_Step]:
        """Equivalent forms of ``node``: (the identity, the form, its parts re-formed by ``best``)."""
        if isinstance(node, (Trace, Sum)) and isinstance(node.arg, Transpose):
            # tr(M^T) = tr(M), sum(M^T) = sum(M): a transpose collected in the argument (a^T - b^T = (a - b)^T,
            # the shortest form of the sum alone) is dropped again where a trace or a sum holds it
            yield (R.TRACE_TRANSPOSE if isinstance(node, Trace) else R.SUM_TRANSPOSE), E.rebuild(node, (node.arg.arg,)), ()
        if isinstance(node, (Mul, Div)) and isinstance(node.left, Transpose) and isinstance(node.right, Transpose):
            # a^T o b^T = (a o b)^T
            yield R.TRANSPOSE_ELEMENTWISE, E.transpose(E.rebuild(node, (node.left.arg, node.right.arg))), ()
        if isinstance(node, (Neg, Mul)) and not node.shape.is_scalar:
            yield from self._sign_absorbed(node)
            yield from self._into_literal(node)
        if isinstance(node, Add) and not node.shape.is_scalar and _whole_terms(node):
            yield from self._collected(node, depth)
            yield from self._factored(node, depth)
            if (out := multiplied_out(node)) is not None:   # X (A X + X A) + A X^2: A X^2 + X A X + X^2 A
                yield R.DISTRIBUTE, (flat := self.best(self.simplify(out), depth + 1)), (flat,)
        if isinstance(node, Transpose) and isinstance(node.arg, Add):
            yield self._distributed(node.arg, depth)
        if isinstance(node, Transpose) and isinstance(node.arg, MatMul):   # a collected (M B^T)^T: B M^T
            yield R.TRANSPOSE_PRODUCT, self.simplify(node), ()
        if isinstance(node, Add) and not node.shape.is_scalar and all(negative(coeff(t)[0]) for t in node.terms):
            # -a - b = -(a + b)
            yield R.SIGN_OUT_OF_SUM, E.neg(E.add(*(with_coeff(-c, core) for c, core in map(coeff, node.terms)))), ()
        if isinstance(node, MatMul) and sum(1 for f in matmul_factors(node) if isinstance(f, Transpose)) > 1:
            yield R.TRANSPOSE_PRODUCT, E.transpose(_flip(node)), ()     # A^T B^T = (B A)^T
        if isinstance(node, MatMul) and any(negative(coeff(f)[0]) for f in matmul_factors(node)):
            yield self._sign_in_front(node)
        if isinstance(node, MatMul) and isinstance(node.left, Add) != isinstance(node.right, Add) \
                and _whole_terms(node.left) and _whole_terms(node.right):
            yield self._expanded(node, depth)

    def _sign_in_front(self, node: MatMul) -> _Step:
        """A (-B) C = -(A B C): the factors' numbers multiplied in front of the whole product."""
        splits = [coeff(f) for f in matmul_factors(node)]
        c = functools.reduce(lambda a, b: a * b, (s[0] for s in splits))
        return R.SIGN_OUT_OF_SUM, with_coeff(c, chain_product([s[1] for s in splits])), ()

    def _collected(self, node: Add, depth: int) -> Iterator[_Step]:
        """a^T + b^T = (a + b)^T, when most terms are transposed."""
        if sum(1 for t in node.terms if _transposed(t)) * 2 > len(node.terms):
            inner = self.best(E.add(*(_flip(t) for t in node.terms)), depth + 1)
            yield R.TRANSPOSE_ELEMENTWISE, E.transpose(inner), (inner,)

    def _distributed(self, node: Add, depth: int) -> _Step:
        """(a + b)^T = a^T + b^T, each term's transpose simplified and compacted."""
        parts = tuple(self.best(_sign_out(self.simplify(E.transpose(t))), depth + 1) for t in node.terms)
        return R.TRANSPOSE_ELEMENTWISE, E.add(*parts), parts

    def _into_literal(self, node: Node) -> Iterator[_Step]:
        """2 ([[2, 1], [1, 3]] x) = [[4, 2], [2, 6]] x: a number taken into a matrix written by components."""
        c, core = coeff(node)
        chain = matmul_factors(core)
        at = next((i for i, f in enumerate(chain) if isinstance(f, Lit)), None)
        if c != 1 and at is not None and len(chain) > 1:
            chain[at] = self.simplify(with_coeff(c, chain[at]))
            yield R.LITERAL, chain_product(chain), ()

    def _expanded(self, node: MatMul, depth: int) -> _Step:
        """(P + Q) v = P v + Q v, simplified: shorter where a term cancels (diag(s) (y / s) = y)."""
        a, b = node.left, node.right
        terms = [E.matmul(t, b) for t in a.terms] if isinstance(a, Add) else \
            [E.matmul(a, t) for t in b.terms] if isinstance(b, Add) else [node]
        out = self.best(self.simplify(E.add(*terms)), depth + 1)
        return R.DISTRIBUTE, out, (out,)

    def _factored(self, node: Add, depth: int) -> Iterator[_Step]:
        """A x + B x + c = (A + B) x + c, A x + A y = A (x + y), s x + t x = (s + t) x: each factor shared by two
        or more terms (an end of a chain of products, or the array a scalar multiplies), taken out of those terms."""
        splits = [coeff(t) for t in node.terms]
        for side in (_RIGHT, _LEFT, _SCALED):
            candidates: list[Node] = []
            for _, core in splits:
                f = side.factor(core)
                if f is not None and f not in candidates:
                    candidates.append(f)
            for f in candidates:
                shared = [i for i, (_, core) in enumerate(splits) if side.factor(core) == f]
                if len(shared) < 2:
                    continue
                rest = self.simplify(E.add(*(with_coeff(splits[i][0], side.rest(splits[i][1])) for i in shared)))
                part = self.best(rest, depth + 1)
                taken = side.join(part, f)
                others = [t for i, t in enumerate(node.terms) if i not in shared]
                yield R.COMMON_FACTOR, E.add(taken, *others) if others else taken, (part,)

    def _sign_absorbed(self, node: Node) -> Iterator[_Step]:
        """-(A (y - X w)) = A (X w - y): a negation taken into a difference that is a factor."""
        c, core = coeff(node)
        flipped = _negate_a_difference(core, self.simplify) if negative(c) else None
        if flipped is not None:
            yield R.SIGN_INTO_DIFFERENCE, with_coeff(-c, flipped), ()


def _sign_out(node: Node) -> Node:
    """-a / s as -(a / s), so that a sum prints the term as a subtraction (b - a / s)."""
    if isinstance(node, Div) and isinstance(node.left, Neg):
        return E.neg(E.div(node.left.arg, node.right))
    return node


def _negate_a_difference(node: Node, simplify: Simplify) -> Node | None:
    """``node`` with one factor that is a sum with a negative term negated, so the whole is -node."""
    match node:
        case Add(terms=terms) if any(negative(coeff(t)[0]) for t in terms):
            return simplify(E.add(*(with_coeff(-coeff(t)[0], coeff(t)[1]) for t in terms)))
        case MatMul(left=a, right=b):
            inner = _negate_a_difference(b, simplify)
            if inner is not None:
                return E.matmul(a, inner)
            inner = _negate_a_difference(a, simplify)
            return None if inner is None else E.matmul(inner, b)
        case Mul(left=s, right=a) if s.shape.is_scalar and not a.shape.is_scalar:
            inner = _negate_a_difference(a, simplify)
            return None if inner is None else E.mul(s, inner)
        case Transpose(arg=a):
            inner = _negate_a_difference(a, simplify)
            return None if inner is None else E.transpose(inner)
    return None


class _Side:
    """One end of a chain of products: its factor, the chain without it, and how to put it back."""

    def __init__(self, factor: Callable[[Node], Node | None], rest: Callable[[Node], Node],
                 join: Callable[[Node, Node], Node]) -> None:
        self.factor = factor
        self.rest = rest
        self.join = join


def _union(*groups: tuple[R, ...]) -> tuple[R, ...]:
    """The identities of several groups, each once, in the order first met."""
    return tuple(dict.fromkeys(r for g in groups for r in g))


def _whole_terms(node: Node) -> bool:
    """Not a sum, or a sum whose terms all have its shape (no scalar broadcast over an array)."""
    return not isinstance(node, Add) or all(t.shape == node.shape for t in node.terms)




def _last(node: Node) -> Node | None:
    return matmul_factors(node)[-1] if isinstance(node, MatMul) else None


def _first(node: Node) -> Node | None:
    return matmul_factors(node)[0] if isinstance(node, MatMul) else None


def _scaled(node: Node) -> Node | None:
    """The array a scalar multiplies: x for s x (a bare array is 1 x)."""
    if isinstance(node, Mul) and node.left.shape.is_scalar and not node.right.shape.is_scalar:
        return node.right
    return None if node.shape.is_scalar else node


def _scalar_of(node: Node) -> Node:
    return node.left if isinstance(node, Mul) and node.left.shape.is_scalar and not node.right.shape.is_scalar \
        else E.num(1)


_SCALED = _Side(_scaled, _scalar_of, lambda rest, f: E.mul(rest, f))
_RIGHT = _Side(_last, lambda n: chain_product(matmul_factors(n)[:-1]), lambda rest, f: E.matmul(rest, f))
_LEFT = _Side(_first, lambda n: chain_product(matmul_factors(n)[1:]), lambda rest, f: E.matmul(f, rest))


def _transposed(node: Node) -> bool:
    """A transpose, or a product that starts and ends with one (x^T A^T), up to a coefficient."""
    core = coeff(node)[1]
    while isinstance(core, Mul) and core.left.shape.is_scalar and not core.right.shape.is_scalar:
        core = core.right       # s a^T, for a scalar s
    if isinstance(core, Transpose):
        return True
    chain = matmul_factors(core)
    return len(chain) > 1 and isinstance(chain[0], Transpose) and isinstance(chain[-1], Transpose)


def _flip(node: Node) -> Node:
    """A form whose transpose is ``node``, written without new transposes where it can."""
    match node:
        case Transpose(arg=a):
            return a
        case Neg(arg=a):
            return E.neg(_flip(a))
        case Mul(left=s, right=a) if s.shape.is_scalar and not a.shape.is_scalar:
            return E.mul(s, _flip(a))
        case MatMul(left=a, right=b):
            return E.matmul(_flip(b), _flip(a))
        case Num():
            return node
    return node if is_symmetric(node) else E.transpose(node)
