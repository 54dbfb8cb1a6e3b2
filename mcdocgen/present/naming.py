"""Names for repeated subexpressions, as a textbook writes "..., where M = A + tB + t^2 C".

A printed result (and the put-back row) often repeats a compound subexpression: the derivative of ``det(A + t B +
t**2 C)`` writes ``A + t B + t**2 C`` eight times. The page writes such a subtree once, under a name. The rules
(docs/notation.md, "Names for repeated parts"):

- only rows wider than a phone's line (``setupnames.NAMES_WIDTH``) are searched and written with names; a shorter row needs
  none ("dL/dx = z, where z = softmax(x)" says less than softmax(x)), but for the names the problem's own steps give
  that stand in it twice or more, or once in a one-step result (layer normalisation's u = x - mean(x), met in the
  steps, four times in its Jacobian); the results that fit are searched last, for the steps' parts only;
- a candidate is a subtree that is not a leaf (a variable, a number, ``I``, ``1``), at least ``MIN_WIDTH`` em wide (in
  a result, a part the steps name: any, t = x^T x), that occurs at least twice in one row (a result or a put-back row
  of either layout, or an earlier name's definition); occurrences inside ``inv(M)``, ``M^T``, ``-M``, ``det(M)`` count
  as occurrences of ``M``, those wrappers are not named (a sign or a transpose never is), nor a part equal to a named
  one up to the order of terms;
- the candidate saving the most is named first (a narrower part inside it that also stands outside it instead: ``s``
  and ``1 - s``, ``MIN_INNER_WIDTH``), every occurrence is replaced, and the rows are counted again, so names never
  overlap; at most ``MAX_NAMES`` names a problem;
- a part the catalog's steps name (``z = tanh(a)``), or the function's value, keeps that name, also as the engine
  simplifies it or groups its sum's terms (``stepparts``) and with names chosen inside it (a square root's also its
  square: s^2, present.roots); any other's letter follows the kind: matrices ``M, N, P, ...``, vectors bold ``z, w,
  ...``, scalars ``s, r, ...``, skipping every name the problem uses (a kink note's slope too) and the
  notation's reserved letters;
- one naming per problem: the same name in both layouts and in every result where the subtree occurs.

A row shows only the names that pay there (``Naming.for_row``): a name that stands in it twice, or without which it or
the same row of the other layout would not fit a phone's line; the steps' names in it all or none (``setupnames``:
Huber's sign(r) o (a - e), not sign(r) o (a - max(0, a - k))). Putting the names back gives the tree exactly, or up to
the order of a sum's terms (``same_row``); a naming for which that fails is dropped, so a named row is always the
checked result by construction. Only the page, the handouts and the terminal use names; the JSON report does not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from mcdocgen import language as E
from mcdocgen.catalog import Problem, rests_on
from mcdocgen.engine import layout as L
from mcdocgen.engine.derive import Derivation
from mcdocgen.language import Layout, Node
from mcdocgen.language.canonical import canonical
from mcdocgen.language.shapes import Shape
from mcdocgen.language.walks import count_nodes, free_vars, walk
from mcdocgen.present import setupnames as SN
from mcdocgen.present.nameedits import put as _put, replace as _replace, run_replace as _run_replace
from mcdocgen.present.roots import squares
from mcdocgen.present.sameparts import reordered as _reordered, run as _run, same_row, transposed as _transposed, wrapped
from mcdocgen.present.stepparts import TOO_BIG as _TOO_BIG, StepParts, step_parts
from mcdocgen.present.texwidth import naming_width

#: The narrowest printed subexpression worth a name, in em of KaTeX's display font (``texwidth.naming_width``):
#: ``X - 1 mu^T`` is 3.9 em (and its brackets 0.8 em more where it is a factor).
MIN_WIDTH = 3.5
#: A narrower part inside a part worth a name is named instead where it also stands outside it
#: (``sigma(X w)`` in ``1 - sigma(X w)``, 3.0 em), if at least this wide: ``X w`` (1.7 em) reads as it is.
MIN_INNER_WIDTH = 2.5
#: At most this many names in a problem: more read as a puzzle.
MAX_NAMES = 3
#: The letters tried for each kind of name, in order.
LETTERS = {"matrix": ("M", "N", "P", "Q", "R", "S", "K", "L"), "vector": ("z", "w", "y", "q", "r", "s"),
           "scalar": ("s", "r", "q", "w", "c", "k")}
#: Letters the notation already uses: the function, a second function, the identity, e, d (of
#: derivatives), indices, the transpose, and the prefixes of intermediates (u_k, v_k, p_k).
RESERVED = frozenset({"f", "g", "h", "I", "e", "d", "i", "j", "T", "u", "v", "p", "n", "m", "t", "x"})
_LEAVES = (E.Var, E.Num)
#: A function of a matrix that a textbook writes around the matrix's name (M^T, M^{-1}, -M, det M):
#: where the operand itself is worth a name, these count as its occurrences and are not named.
_AROUND = (E.Transpose, E.Inv, E.Neg, E.Det, E.LogDet)
#: A sign or a transpose is never named (N = M^T would only hide a symbol the page writes anyway).
_NEVER = (E.Transpose, E.Neg)


def kind(shape: Shape) -> str:
    """A shape's kind (scalar, vector, matrix): a name's letter list's key, and the variables table's word."""
    return "scalar" if shape.is_scalar else "vector" if shape.is_vector_like else "matrix"


@dataclass(frozen=True, slots=True)
class Name:
    """One name: the variable that stands for the subtree, and its definition (which may use names
    defined before it)."""

    var: E.Var
    definition: Node


@dataclass(frozen=True, slots=True)
class Naming:
    """The names of one problem, in definition order (each definition uses only names before it), and
    the subtrees they replace, in the order they were chosen (the largest first)."""

    names: tuple[Name, ...] = ()
    replaced: tuple[tuple[Node, E.Var], ...] = ()
    steps: frozenset[str] = frozenset()    # the names the problem's own steps give (z = tanh(a)): met on the page already
    held: tuple[tuple[Node, E.Var], ...] = ()   # the steps' other parts, named only beside a steps' name (setupnames)

    def apply(self, node: Node) -> Node:
        """``node`` with every named subtree replaced by its name."""
        for subtree, var in self.replaced:
            node = _replace(node, subtree, var, var.name in self.steps)
        return node

    def named(self, node: Node) -> Node:
        """``node`` with every name (``apply``), and where that writes a set-up name, every other one it holds
        (``setupnames``: all or none): a formula built from several trees (the restriction row sym(G) = ... = R, the
        sentence's G = ..., a fact's parts), each tree too small to weigh alone, writes the names as apply does, all
        of them: S^{-1} C S^{-1} beside C = D^T D, never S^{-1} D^T D S^{-1} beside D = X - 1 mu^T."""
        node = self.apply(node)
        pairs = self.set_up_parts()
        if not free_vars(node) & {var.name for _, var in pairs}:
            return node
        new = SN.all_named(node, pairs, _run_replace)
        return new if same_row(self.put_back(new), self.put_back(node)) else node

    def set_up(self) -> frozenset[str]:
        """The names the problem's steps give that this naming writes: the chosen ones and those held beside them."""
        return self.steps | {var.name for _, var in self.held}

    def set_up_parts(self) -> tuple[tuple[Node, E.Var], ...]:
        """The parts the set-up's names stand for, each with its name (``setupnames``' pairs: all or none): the
        chosen ones the steps name, then those held beside them."""
        return tuple((sub, var) for sub, var in self.replaced if var.name in self.steps) + self.held

    def for_row(self, node: Node, latex: Callable[[Node], str], once: bool = False, also: Sequence[Node] = ()) -> Node:
        """The row ``node`` as a page shows it (``latex``: how it is printed): as it is where it fits a
        phone's line, else with the names that pay in it: a name that stands there twice or more
        (M^{-1}, M^T count), or without which the row would not fit the line; a name met once in it
        is written out (one naming a problem: N = B + 2tC, chosen on the Hessian, is not introduced
        in det(M) tr(M^{-1} N)). The names that use other names go first, so that those others are
        counted with what putting them back brought. ``once``: the steps' names met once too (a one-step result).
        ``also``: the same row in the other layout; a name that pays there is written here too, one set of names
        a page (det-power's f((X^2)^T M^T + ...) in one tab beside det(X^3)(M X^2 + ...) in the other read as two)."""
        others = [self._for_row(row, latex, once, frozenset()) for row in also]
        kept = frozenset(v for row in others for v in free_vars(row))
        return self._set_up(self._for_row(node, latex, once, kept & {n.var.name for n in self.names}), latex, others)

    def _set_up(self, row: Node, latex: Callable[[Node], str], others: Sequence[Node]) -> Node:
        """``row`` with the set-up's names all or none (``setupnames``): all where they pay in it or in ``others``
        (the other layout's row: one set of names a page)."""
        pairs = self.set_up_parts()
        steps = {var.name for _, var in pairs}

        def out(r: Node) -> Node:
            for name in (n for n in reversed(self.names) if n.var.name in steps):
                r = _put(r, name.var, name.definition)
            return r
        there = any(free_vars(o) & steps and SN.pays(e := SN.all_named(o, pairs, _run_replace), out(e), latex, steps)
                    for o in others)
        new = SN.all_or_none(row, pairs, out, latex, _run_replace, there)
        return new if same_row(self.put_back(new), self.put_back(row)) else row

    def _for_row(self, node: Node, latex: Callable[[Node], str], once: bool, kept: frozenset[str]) -> Node:
        if naming_width(latex(node)) <= SN.NAMES_WIDTH:
            node = self._steps_repeated(node, 0 if once else 1)
            for subtree, var in self.replaced if kept else ():
                node = _replace(node, subtree, var, var.name in self.steps) if var.name in kept else node
            return node
        named = self.apply(node)
        for name in reversed(self.names):     # the steps' names met once come back in _set_up where they pay
            if name.var.name in kept or _uses(named, name.var.name) != 1 \
                    or (name.var.name in self.steps and wrapped(named, name.definition, name.var)):
                continue
            out = _put(named, name.var, name.definition)
            if not naming_width(latex(named)) <= SN.NAMES_WIDTH < naming_width(latex(out)):
                named = out
        return named

    def _steps_repeated(self, node: Node, more_than: int) -> Node:
        """A row that fits a phone's line, with the names of the problem's own steps that stand in it twice or
        more (layer normalisation's u = x - mean(x), four times in its Jacobian; its s, and s^2): the reader met
        them in the steps, and a textbook writes its result with them (the others it holds: ``_set_up``)."""
        for subtree, var in self.replaced:
            times = sum(n == subtree or _reordered(n, subtree) for n in walk(node)) + squares(node, subtree)
            if var.name in self.steps and (times > more_than or wrapped(node, subtree)):
                node = _replace(node, subtree, var, True)
        return node

    def put_back(self, node: Node) -> Node:
        """``node`` with every name replaced by its definition, the last defined first."""
        for name in reversed(self.names):
            node = _put(node, name.var, name.definition)
        return node

    def used(self, nodes: Iterable[Node]) -> tuple[Name, ...]:
        """The names that ``nodes`` use, with the names their definitions use, in definition order. A
        name that none of ``nodes`` writes and that stands once in the others' definitions is written
        out there instead (as ``for_row`` writes out a name met once in a row): "N = det(M) M^{-T}", not
        "s = det(M), N = s M^{-T}" under a row that says det(M) itself."""
        nodes = tuple(nodes)
        wanted = {step for step, _ in rests_on([(n.var.name, n.definition) for n in self.names],
                                               set().union(*(free_vars(n) for n in nodes)))}
        used = [name for name in self.names if name.var.name in wanted]
        in_rows = Counter(n.name for node in nodes for n in walk(node) if type(n) is E.Var)
        set_up = self.set_up()
        for name in list(reversed(used)):
            if in_rows[name.var.name] or name.var.name in set_up:     # a set-up name keeps the set-up's spelling
                continue
            inside = [other for other in used if other is not name and _uses(other.definition, name.var.name)]
            if len(inside) == 1 and _uses(inside[0].definition, name.var.name) == 1:
                at = used.index(inside[0])
                used[at] = Name(inside[0].var, _put(inside[0].definition, name.var, name.definition))
                used.remove(name)
        return tuple(used)


NO_NAMES = Naming()


def _uses(node: Node, name: str) -> int:
    """How many times ``node`` writes the name ``name``."""
    return sum(type(n) is E.Var and n.name == name for n in walk(node))


def _candidates(rows: Sequence[Node]) -> Counter[Node]:
    """The compound subtrees that occur at least twice in one row (a sum also where its terms are a
    run of a longer sum's), with their occurrences in all rows."""
    total: Counter[Node] = Counter()
    repeated: set[Node] = set()
    for row in rows:
        counts = Counter(n for n in walk(row) if not isinstance(n, _LEAVES) and n.children())
        # a part's transpose written out counts as the part's occurrence (as M^T does)
        flipped = Counter({n: c for n in counts for m, c in counts.items() if _transposed(m, n)})
        counts.update(flipped)
        sums = [n for n in counts if type(n) is E.Add]
        for whole in sums:
            for part in sums:
                if _run(whole, part) is not None:
                    counts[part] += counts[whole]
        repeated.update(n for n, c in counts.items() if c >= 2)
        total.update(counts)
    return Counter({n: total[n] for n in repeated})


def _around(node: Node, wide: dict[Node, float], known: Mapping[Node, str]) -> bool:
    """Whether ``node`` is only a function written around an operand worth a name (M^{-1}, M^T; a part the
    steps name, however narrow: Y^{-1}, not F), or a sign or transpose of anything."""
    inside = node.children()[0] if isinstance(node, _AROUND) else None
    return isinstance(node, _NEVER) or (inside is not None and (wide.get(inside, 0.0) >= MIN_WIDTH or inside in known))


def _inner(pick: Node, found: Counter[Node], width: Callable[[Node], float], forms: set[object],
           known: Mapping[Node, str], used: set[str]) -> Node:
    """The part to name for the pick: a narrower part inside it that also stands outside it (more often; as often, a
    part the steps name in a pick they do not) is named first, so the pick reads with its name: s and 1 - s, not
    z = 1 - sigma(X w); T / P, not R = T / (E / M) beside the steps' P. The one saving most, >= MIN_INNER_WIDTH em."""
    step = {n: n in known and pick not in known for n in walk(pick)}
    inside = [n for n in set(walk(pick)) - {pick} if found.get(n, 0) > found[pick] - step[n] and n.children()
              and not isinstance(n, _LEAVES + _NEVER) and canonical(n) not in forms
              and (n in known or _letter(n.shape, used) is not None) and width(n) >= MIN_INNER_WIDTH]
    if not inside:
        return pick
    return min(inside, key=lambda n: (-(found[n] - 1) * width(n), E.try_text(n, ""), repr(n)))


def _letter(shape: Shape, taken: set[str]) -> str | None:
    return next((c for c in LETTERS[kind(shape)] if c not in taken), None)


def choose(groups: Sequence[Sequence[Node]], taken: Collection[str], width: Callable[[Node], float],
           known: Mapping[Node, str] | None = None) -> Naming:
    """The names for the rows of one problem that names may shorten, in ``groups`` of rows in the order
    they are served (the results first, then the put-back rows: a name the results need is never
    crowded out); ``taken``: the names the problem already uses; ``width``: a subtree's printed width
    in em; ``known``: the names the catalog's own steps give to subtrees (``z = tanh(a)``), used for
    them. No names where no subtree repeats, or where putting the names back would not give each
    row exactly."""
    rows = [r for group in groups for r in group if count_nodes(r, _TOO_BIG) <= _TOO_BIG]
    current = [[r for r in group if r in rows and width(r) > SN.NAMES_WIDTH] for group in groups]
    # a row that fits a phone's line needs no name, but for the steps' parts (met already) in a result: -Y^{-1} B Y^{-1}
    current.append([r for r in groups[0] if r in rows and width(r) <= SN.NAMES_WIDTH] if groups else [])
    used = set(taken) | RESERVED
    known = StepParts(known or {})
    chosen: list[tuple[Node, E.Var]] = []
    steps = set(known.values())     # the letters of the steps' own parts
    forms: set[object] = set()
    definitions: list[Node] = []
    for k in range(len(current)):
        while len(chosen) < MAX_NAMES:
            # the most glyphs saved first; ties by the text form, then the tree (a nested and a flat sum
            # print alike): the same choice on every machine and hash seed
            found, fits = _candidates(current[k] + definitions), k == len(groups)
            wide = {n: width(n) for n in found if n in known or _letter(n.shape, used) is not None}
            # a result's part the steps name at any width (in one that fits only those, and X^{-1} as it is, not F)
            worth = {n for n in wide if n in known and k in (0, len(groups)) and not (fits and isinstance(n, _AROUND))}
            worth |= set() if fits else {n for n in wide if wide[n] >= MIN_WIDTH}
            ranked = sorted((n for n in worth if not _around(n, wide, known) and canonical(n) not in forms),
                            key=lambda n: (-(found[n] - 1) * wide[n], E.try_text(n, ""), repr(n)))
            if not ranked:
                break
            pick = ranked[0] if fits else _inner(ranked[0], found, width, forms, known, used)
            letter = known.get(pick) or _letter(pick.shape, used)
            mine = pick in known
            assert letter is not None
            used.add(letter)
            var = E.var(letter, pick.shape)
            current = [[_replace(r, pick, var, mine) for r in group] for group in current]
            # a known part that holds this one is met with it named: r = sqrt(mean(u^2) + c) is the steps' s
            known = StepParts({_replace(k, pick, var, mine): name for k, name in known.parts.items()} | known.parts)
            definitions = [_replace(d, pick, var, mine) for d in definitions] + [pick]
            chosen.append((pick, var))
            # b a^T + a b^T is the same part as a b^T + b a^T, and its transpose written out is N^T: never named twice
            forms |= {canonical(pick), canonical(pick, True)}
    if not chosen:
        return NO_NAMES
    ordered = _definition_order([Name(var, definition) for (_, var), definition in zip(chosen, definitions, strict=True)])
    own = frozenset(var.name for pick, var in chosen if var.name in steps)
    naming = Naming(_written_out(ordered, own, [r for group in current for r in group]), tuple(chosen), own)
    if any(not same_row(naming.put_back(naming.apply(r)), r) for r in rows):
        return NO_NAMES     # a rebuild changed a tree: unnamed is always right
    return naming


def _written_out(names: Sequence[Name], steps: frozenset[str], rows: Sequence[Node] = ()) -> tuple[Name, ...]:
    """The names with a name that stands once in only one other's definition written out there, on the whole page:
    one spelling a name (trace-quartic's N = B P X + ... under one row beside N = B B^T X^T C X + ... under the
    Result, where ``used`` wrote P out). The steps' names keep the steps' spelling (layer norm's s with u), and so
    does a name that every named row (``rows``) writing the other writes too: its "where" line is met just above,
    and the other reads with it, as a textbook's N = sign(M) below M = x 1^T - 1 x^T (where ``used`` keeps it)."""
    out = list(names)
    for inner in reversed(names):
        holders = [k for k, n in enumerate(out) if _uses(n.definition, inner.var.name)]
        if inner.var.name in steps or len(holders) != 1 or _uses(out[holders[0]].definition, inner.var.name) != 1:
            continue
        outer = out[holders[0]]
        beside = [free_vars(r) for r in rows if outer.var.name in free_vars(r)]
        if beside and all(inner.var.name in names_in for names_in in beside):
            continue
        if outer.var.name not in steps:
            out[holders[0]] = Name(outer.var, _put(outer.definition, inner.var, inner.definition))
    return tuple(out)


def page_naming(problem: Problem, derivations: Sequence[Derivation], width: Callable[[Node], float]) -> Naming:
    """One naming for a problem's page: the results of every derivation in both layouts first, then
    their put-back rows; the names the page writes already (the variables, the sizes in their shapes,
    each derivation's intermediates and function) are not taken."""
    results: list[Node] = []
    backs: list[Node] = []
    taken = {v.name for v in problem.variables} | problem.prose_names
    known: dict[Node, str] = {}
    sizes = {w for v in problem.variables for w in re.findall(r"[A-Za-z]\w*", v.shape.label())}
    # and a one-letter size's other case: N = sign(M) beside the size n, ones(n), read as one letter (review s45)
    taken |= sizes | {w.swapcase() for w in sizes if len(w) == 1}
    steps = [(d, step_parts(d)) for d in derivations if d.ok]     # each derivation's, once: known and parts read them
    for d, its in steps:
        taken |= {i.name for i in d.intermediates} | {d.function, d.wrt}
        # and the slope a kink note's subgradient set writes (s_i in [-1, 1]): never a name's letter beside it
        taken |= {k.slope for k in d.kinks if k.subgradient is not None}
        # and their letters: P next to the page's P_2 would read as its matrix
        taken |= {i.name.partition("_")[0] for i in d.intermediates if not i.from_catalog}
        known |= its
        results += [L.result(d, lay) for lay in Layout]
        # by a symmetric matrix: the unconstrained gradient G, which the restriction row writes out
        results += [] if d.symmetric is None else [d.symmetric.unconstrained]
        backs += [n for lay in Layout if (n := L.put_back(d, lay)) is not None]
    naming = choose((results, backs), taken, width, known)
    # the steps' parts no name stands for, in the steps' order (the function's value only where chosen: softmax's s)
    parts = [(form, name) for d, its in steps for form, name in its.items() if name != d.function]
    held = SN.held_parts(parts, naming.replaced, _replace) if naming.steps else ()
    if not held:
        return naming
    firsts = {v.name: Name(v, f) for f, v in reversed(held)}     # a step's first form defines it
    at = {name: k for k, (_, name) in enumerate(parts)}     # the steps' names in the steps' order: p, t in p / t
    # a set-up name's definition in the set-up's names, as the steps write it (where R = X - Z W^T, Z = X W: all or none)
    naming = replace(naming, held=held)
    pairs = naming.set_up_parts()
    own = [Name(n.var, SN.all_named(n.definition, [p for p in pairs if p[1].name != n.var.name], _run_replace))
           if n.var.name in naming.steps else n for n in naming.names]
    names = sorted((*own, *firsts.values()), key=lambda n: at.get(n.var.name, len(at)))
    return replace(naming, names=_definition_order(names))


def _definition_order(names: Sequence[Name]) -> tuple[Name, ...]:
    """``names`` in definition order: each after every name its definition uses, else in the order given."""
    pending, ordered = list(names), list[Name]()
    while pending:
        waiting = {n.var.name for n in pending}
        ordered.append(next(n for n in pending if not free_vars(n.definition) & waiting))
        pending.remove(ordered[-1])
    return tuple(ordered)
