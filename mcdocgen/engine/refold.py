"""The result in the problem's own notation: after the intermediates are put back and the result is
simplified, a subexpression equal to one the problem wrote (``sum(w * x) + b`` where the problem wrote
``dot(w, x) + b``) is written the problem's way, where that is not longer; so is the negation of a sum
it wrote, with the terms negated (the residual ``U @ V.T - X`` of ``norm(X - U @ V.T)**2``, not
``V @ U.T - X.T`` transposed: the sum a textbook writes its gradient in).

"Equal" is the canonical form's equality (language/canonical.py: dot(u, v) = u^T v = sum(u * v), sums
and elementwise products in any order, transposes pushed down), taken of the problem's subexpression
as written and as simplified, so a refold never changes a value; the checks evaluate the refolded
result like any other and would fail a wrong one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

import sympy
from sympy.core.cache import CACHE

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.engine.assumption import SymmetryStep
from mcdocgen.engine.decompose import Intermediate
from mcdocgen.engine.kinks import Kink
from mcdocgen.engine.simplify import SYMPY_BUDGET, Budget, simplify
from mcdocgen.engine.simplify.common import coeff, negative, printed_size, with_coeff
from mcdocgen.engine.simplify.ranking import unread
from mcdocgen.engine.symmetric import SymmetricGradient
from mcdocgen.language import Node, Var
from mcdocgen.language.canonical import Form, canonical, canonical_memos
from mcdocgen.language.shapes import Shape

MAX_FORMS = 200     # subexpressions of one problem taken as candidates (a bound on the work of a refold)

# canonical form -> the problem's way of writing it
Forms = dict[Form, Node]


def size(node: Node) -> int | None:
    """The syntax size of the node's text (the measure results are held to), None if it has no text."""
    return printed_size(node)[1]


CACHE.extend(canonical_memos())   # memoised canonical forms, cleared with SymPy's cache


def problem_forms(problem: Problem, budget: Budget | None = None) -> Forms:
    """Every compound subexpression of the problem as written (its expression first, then its steps
    with earlier steps put back), keyed by its canonical form as written and as simplified, and, for
    a non-scalar one, by its transpose's (written then as its transpose); a sum of arrays also by its
    negation's, written with its terms negated (X - U V^T: U V^T - X, and (U V^T - X)^T). The shortest is kept; ties go to
    the first met, the expression before the steps: the order is the catalog's, never a set's."""
    return _forms(problem.expression, tuple((s.name, s.node) for s in problem.steps), budget)


def _candidates(expression: Node, steps: tuple[tuple[str, Node], ...]) -> list[Node]:
    """The compound subexpressions of the problem as written, each once, in order (the expression's
    first, then each step's with earlier steps put back)."""
    values: dict[str, Node] = {}
    written: list[Node] = [expression]
    for name, node in steps:
        value = E.substitute(node, values)
        values[name] = value
        written.append(value)
    return list(dict.fromkeys(n for tree in written for n in E.walk(tree) if n.children()))


def _forms(expression: Node, steps: tuple[tuple[str, Node], ...], budget: Budget | None) -> Forms:
    done = _simplified(expression, steps, budget)
    return _keyed([(node, n) for node, n, _ in done], {node: s for node, _, s in done}.__getitem__, None, None)


def _simplified(expression: Node, steps: tuple[tuple[str, Node], ...],
                budget: Budget | None) -> tuple[tuple[Node, int, Node], ...]:
    """Each candidate with text, its size, and its simplified form (all simplified in order: the
    budget they share is spent as ever)."""
    return tuple((node, n, simplify(node, budget)) for node, n in _sized(expression, steps))


def _sized(expression: Node, steps: tuple[tuple[str, Node], ...]) -> tuple[tuple[Node, int], ...]:
    """Each candidate with text, and its size."""
    return tuple((node, n) for node in _candidates(expression, steps)[:MAX_FORMS] if (n := size(node)) is not None)


def _keyed(candidates: Sequence[tuple[Node, int]], simplified: Callable[[Node], Node],
           shapes: frozenset[Shape] | None, limits: dict[Shape, int] | None) -> Forms:
    """The forms keyed, only those of ``shapes`` where given: a canonical form fixes the shape of what
    it stands for (its leaves carry theirs), so the forms of another shape are never looked up (a
    tree is only looked up by its own shape), and leaving them out changes no other key's form.

    With ``limits`` (by shape, the size of the largest tree of that shape to be refolded), a candidate's
    simplified form is keyed only where the form it keys is not longer than that of its shape: a longer form
    refolds no tree (``_refold`` takes a form not longer than the tree, and of its shape), and a key's form is
    the first shortest, which such a form never is where a form that refolds exists; so the others need not
    be simplified."""
    forms: Forms = {}
    for node, n in candidates:
        keyed = []
        if shapes is None or node.shape in shapes:
            keyed.append((canonical(node), node))
            if limits is None or n <= limits.get(node.shape, 0):
                keyed.append((canonical(simplified(node)), node))
        if not node.shape.is_scalar and (shapes is None or node.shape.transpose() in shapes):
            turned = E.transpose(node)
            keyed.append((canonical(node, True), turned))
            if limits is None or (size(turned) or n) <= limits.get(turned.shape, 0):
                keyed.append((canonical(simplified(node), True), turned))
        negated = _negated(node)
        if negated is not None:     # after the sum's own keys: on a tie, the problem's sign wins
            if shapes is None or node.shape in shapes:
                keyed.append((canonical(negated), negated))
            if shapes is None or node.shape.transpose() in shapes:
                keyed.append((canonical(negated, True), E.transpose(negated)))
        for key, form in keyed:
            old = forms.get(key)
            if old is None or (size(form) or n) < (size(old) or n):
                forms[key] = form   # strictly shorter only: the first met wins a tie
    return forms


def _negated(node: Node) -> Node | None:
    """A sum of arrays the problem writes, negated term by term, the positive terms first: the residual
    U V^T - X of a problem that writes X - U V^T, as a textbook writes its gradient 2 (U V^T - X) V
    (a sign in front of the sum's negation would be a sign inside a product); None for any other node."""
    if not isinstance(node, E.Add) or node.shape.is_scalar:
        return None
    terms = _terms(node, sympy.Integer(-1))
    if terms is None:
        return None
    return E.add(*sorted(terms, key=lambda t: negative(coeff(t)[0])))     # a stable sort: the order kept


def _terms(node: E.Add, sign: sympy.Expr) -> list[Node] | None:
    """The terms of a sum times ``sign``, a sum inside it opened ((X - U V^T) - Y: three terms); None
    where a term has another shape (a scalar broadcast over the array)."""
    out: list[Node] = []
    for c, core in map(coeff, node.terms):
        if core.shape != node.shape:
            return None
        inner = _terms(core, sign * c) if isinstance(core, E.Add) else [with_coeff(sign * c, core)]
        if inner is None:
            return None
        out += inner
    return out


class _Simplifier:
    """A problem's candidates simplified as ``_keyed`` asks for them, with one budget of their own (bounded
    work), each once: a function of the problem's expression and steps, shared by its derivations (a
    page derives each variable). While the budget lasts (5,000 SymPy nodes: seconds of SymPy), a candidate's
    form is a function of the candidate alone, so the forms do not depend on which others were asked for."""

    def __init__(self) -> None:
        self.budget = Budget(SYMPY_BUDGET)

    def __call__(self, node: Node) -> Node:
        return simplify(node, self.budget)


@functools.lru_cache(maxsize=64)
def _shared_simplifier(expression: Node, steps: tuple[tuple[str, Node], ...]) -> _Simplifier:
    """Cleared with SymPy's cache."""
    return _Simplifier()


CACHE.append(_shared_simplifier)


@functools.lru_cache(maxsize=64)
def _shared_forms(expression: Node, steps: tuple[tuple[str, Node], ...], shapes: frozenset[Shape],
                  limits: frozenset[tuple[Shape, int]]) -> Forms:
    """``problem_forms`` of the shapes a derivation's trees show, for trees of each shape no larger than its
    limit (``_keyed``, ``_largest``; the dict is only read). Cleared with SymPy's cache."""
    return _keyed(_sized(expression, steps), _shared_simplifier(expression, steps), shapes, dict(limits))


CACHE.append(_shared_forms)


@functools.lru_cache(maxsize=64)
def _form_shapes(expression: Node, steps: tuple[tuple[str, Node], ...]) -> frozenset[Shape]:
    """The shapes ``problem_forms`` can give a form (a candidate's, and a non-scalar one's transpose's),
    found without simplifying anything: a tree none of whose compound subtrees has one of them is
    refolded to itself, and the forms need not be computed."""
    return frozenset(s for n in _candidates(expression, steps)[:MAX_FORMS]
                     for s in ((n.shape,) if n.shape.is_scalar else (n.shape, n.shape.transpose())))


CACHE.append(_form_shapes)


def _compound_shapes(nodes: list[Node | None]) -> set[Shape]:
    """The shapes of the compound subtrees of ``nodes`` (the only ones ``refold`` looks up)."""
    return {n.shape for tree in nodes if tree is not None for n in E.walk(tree) if n.children()}


def _largest(nodes: list[Node | None]) -> frozenset[tuple[Shape, int]]:
    """For each shape, the size of the largest compound subtree of ``nodes`` of that shape with text (no form
    longer refolds one)."""
    out: dict[Shape, int] = {}
    for t in (t for tree in nodes if tree is not None for t in E.walk(tree) if t.children()):
        n = size(t)
        if n is not None and n > out.get(t.shape, 0):
            out[t.shape] = n
    return frozenset(out.items())


def refold(node: Node, forms: Forms) -> Node:
    """``node`` with each largest subtree equal to one of ``forms`` written as that form, where the form
    is not longer and writes nothing a textbook writes otherwise (``ranking.unread``; top-down: a whole
    match wins over matches inside it)."""
    if not forms:
        return node
    # only a subtree of a form's shape can be replaced: the others' canonical forms are not looked up
    return _refold(node, forms, {f.shape for f in forms.values()})


def _refold(node: Node, forms: Forms, shapes: set[Shape]) -> Node:
    if not node.children():
        return node
    if node.shape in shapes:
        form = forms.get(canonical(node))
        if form is not None and form != node and form.shape == node.shape:
            mine, theirs = size(node), size(form)
            # nor written as a textbook would not write it: (A B)^T for the B^T A^T simplified (ranking.py)
            if mine is not None and theirs is not None and theirs <= mine and unread(form) <= unread(node) \
                    and not _scaled_transpose(form):
                return form
    kids = node.children()
    new = tuple(_refold(k, forms, shapes) for k in kids)
    return node if new == kids else E.rebuild(node, new)


def _scaled_transpose(form: Node) -> bool:
    """A form the transpose of a scalar times an array, (exp(t) B)^T for the problem's exp(t) B: a scalar takes no
    transpose, and exp(t) B^T is as long (review s37 B-3); a sum's transpose, the residual's (U V^T - X)^T, is kept."""
    return isinstance(form, E.Transpose) and isinstance(form.arg, E.Mul) and form.arg.left.shape.is_scalar \
        and not form.arg.right.shape.is_scalar


class _Derived(Protocol):
    @property
    def result(self) -> Node | None: ...

    @property
    def numerator(self) -> Node | None: ...

    @property
    def kinks(self) -> tuple[Kink, ...]: ...

    @property
    def symmetric(self) -> SymmetricGradient | None: ...

    @property
    def symmetry_step(self) -> SymmetryStep | None: ...


D = TypeVar("D", bound=_Derived)


def refolded(d: D, problem: Problem) -> D:
    """A derivation with its result (both layouts), its kinks' places and subgradient sets, a
    symmetric gradient's conventions and the forms before a symmetry step written in the problem's
    notation (so that a page names their parts as the result's). (Typed by the fields read, as derive
    imports this module.)"""
    if d.result is None:
        return d
    steps = tuple((s.name, s.node) for s in problem.steps)
    sg, step = d.symmetric, d.symmetry_step
    folded = [d.result, d.numerator, *(x for k in d.kinks for x in (k.at, k.subgradient, k.factor)),
              *(() if sg is None else (sg.unconstrained, sg.result, sg.entrywise))]
    shown = _compound_shapes(folded)
    if step is not None:
        step = _before_refolded(step, problem.expression, steps)
    if _form_shapes(problem.expression, steps).isdisjoint(shown):
        return d if step is d.symmetry_step else replace(d, symmetry_step=step)  # type: ignore[type-var]
    forms = _shared_forms(problem.expression, steps, frozenset(shown), _largest(folded))
    fold: Callable[[Node], Node] = lambda n: refold(n, forms)
    kinks = tuple(replace(k, at=fold(k.at), subgradient=None if k.subgradient is None else fold(k.subgradient),
                          factor=None if k.factor is None else fold(k.factor)) for k in d.kinks)
    if sg is not None:   # G holds at any X: folded without X^T = X, as the forms before a symmetry step
        sg = replace(sg, unconstrained=_unsymmetric_fold(sg.unconstrained, problem.expression, steps),
                     result=fold(sg.result), entrywise=fold(sg.entrywise))
    numerator = None if d.numerator is None else fold(d.numerator)
    return replace(d, result=fold(d.result), numerator=numerator,  # type: ignore[type-var]
                   kinks=kinks, symmetric=sg, symmetry_step=step)


def _before_refolded(step: SymmetryStep, expression: Node, steps: tuple[tuple[str, Node], ...]) -> SymmetryStep:
    """The forms before a symmetry step in the problem's notation, as the result is (a page names their
    parts alike), folded by ``_unsymmetric_fold``."""
    def fold(node: Node | None) -> Node | None:
        return None if node is None else _unsymmetric_fold(node, expression, steps)
    return replace(step, denominator=fold(step.denominator), numerator=fold(step.numerator))


def _unsymmetric_fold(node: Node, expression: Node, steps: tuple[tuple[str, Node], ...]) -> Node:
    """``node`` in the problem's notation, folded with the symmetric variables as twins that are not
    symmetric: canonical forms use A^T = A, and a refold by them would take a step ``node`` comes before
    (a form before a symmetry step) or that ``node`` holds without (the unconstrained G: X^-T stays X^-T)."""
    real = {v.name: v for v in E.walk(node) if isinstance(v, Var) and v.symmetric}
    twins: dict[str, Node] = {name: E.var(name, v.shape) for name, v in real.items()}
    free_steps = tuple((name, E.substitute(n, twins)) for name, n in steps)
    free_expression = E.substitute(expression, twins)
    free = E.substitute(node, twins)
    shown = _compound_shapes([free])
    if _form_shapes(free_expression, free_steps).isdisjoint(shown):
        return node
    forms = _shared_forms(free_expression, free_steps, frozenset(shown), _largest([free]))
    return E.substitute(refold(free, forms), dict(real))


def by_name(node: Node, definition: Node, name: Node) -> Node:
    """``node`` with its intermediate's definition written as the intermediate's name, as a textbook
    writes a local derivative: d s/d z = diag(s) - s s^T for s = softmax(z), sigma (1 - sigma) for a
    sigmoid (the same value: the steps check binds the name to the definition's value)."""
    if not definition.children() or not E.free_vars(definition) <= E.free_vars(node):
        return node   # an equal canonical form names every variable its tree uses: no subtree can match
    # compared without symmetry: for a symmetric S, inv(S)^T has inv(S)'s canonical form, and the Inverse
    # rule's -U^T G U^T would be named -U G U, the rule's other layout (A^T = A waits for its own step)
    real = {v.name: v for v in E.walk(node) if isinstance(v, Var) and v.symmetric}
    named = refold(_unsymmetric(node), {canonical(_unsymmetric(definition)): name})
    return E.substitute(named, real) if real else named


def consistent(value: Node, earlier: Sequence[Intermediate]) -> Node:
    """``value`` with each largest subtree whose value (its intermediates put back) is that of an earlier
    intermediate it already names written by that name, or its transpose: one thing, one spelling
    (v_1 (2C - v_4 v_1 v_4), not v_1 (2C - (B + 2tC) v_1 v_4); v_6, not tr(v_1 v_4) beside v_6; u_1 + 2 u_1,
    not u_1 + 2 X X for u_1 = X X). Only names the value uses are written, so no new name appears; the
    caller simplifies again (3 u_1, v_6**2), and the steps check binds each name to its value."""
    used = E.free_vars(value)
    values = {i.name: i.value for i in earlier}
    names: Forms = {}
    for item in earlier:
        if item.name in used and item.definition.children():
            name = E.var(item.name, item.shape, intermediate=True)
            names.setdefault(canonical(_unsymmetric(item.value)), name)
            if not item.shape.is_scalar:
                names.setdefault(canonical(_unsymmetric(item.value), True), E.transpose(name))
    return _named(value, names, values) if names else value


def _unsymmetric(node: Node) -> Node:
    """``node`` with each symmetric matrix as a plain one: a step shows each rule's own form (x^T A^T beside
    u_1 = x^T A is not 2 u_1), and A^T = A is used at the one step that says so (assumption.as_written)."""
    return E.substitute(node, {v.name: E.var(v.name, v.shape) for v in E.walk(node) if isinstance(v, Var) and v.symmetric})


def _named(node: Node, names: Forms, values: dict[str, Node]) -> Node:
    """Top-down: a whole match wins over matches inside it."""
    if not node.children():
        return node
    name = names.get(canonical(_unsymmetric(E.substitute(node, values))))
    if name is not None and name.shape == node.shape:
        return name
    kids = node.children()
    new = tuple(_named(k, names, values) for k in kids)
    return node if new == kids else E.rebuild(node, new)
