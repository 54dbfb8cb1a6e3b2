"""The sentence that says where the Result drops the transpose of a part that is its own transpose by its form: the
row just above the Result (the put-back row, else the simplified product) writes C^T for a name C = D^T D, or
(X^T X)^-T, and the Result writes C, or (X^T X)^-1, with no transpose: "Since C = D^T D, C^T = C and the result
reads:", in the layout that takes the step, as "Since A is symmetric" is said (present.symmetric) for a declared one.
Said, never done silently in a row: writing such a part without its transpose in the row itself made the row take a
second, unsaid step under a label that names one (review s42 P2-1). "By its form": the transpose taken inside the
part (language.transposes) gives the part back, D^T D, X^T X, A + A^T; a declared symmetric variable is not one
(its own sentence says it), nor a part symmetric only through one (X^T A X with A symmetric).
Where the chain rows write C and the simplified product already writes C^T (ml-gaussian-log-likelihood by S: a row
true only because C = D^T D), and the product writes it nowhere untransposed, the step is the product's: said
before it (review s43 P2-1), "Since C = D^T D, C = C^T and the simplified product reads:", and again before the
Result where a row between (the put-back row) writes C^T still, "C^T = C and the result reads:": each row that takes
the step is said, in one sentence pattern (review s44 P2), its identity written from what the rows before it write
to what it writes (review s45: "C^T = C" before a row that puts C^T in read as taking it out).
Since session 46 that product keeps the chain rows' way round instead (kept): the chain rows write C, the product
C^T only because the simplifier chose it, a step the chain never takes; written C it takes none, and the rows after
it (the put-back row, the Result) follow, so neither tab says C^T = C, nor flips C -> C^T -> C (review s45).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.transposes import TAKEN_INSIDE, transposed
from mcdocgen.language.walks import walk
from mcdocgen.present.facts import AND_TEX, listed
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.sameparts import reordered


@dataclass(frozen=True, slots=True)
class TransposeNote:
    """Why the parts are their own transposes, LaTeX (C = D^T D, or (X^T X)^T = X^T X written out, several joined
    by "and"), the row's forms as the Result writes them (C^T = C, (X^T X)^-T = (X^T X)^-1; '' where the reason
    says it already), and the whole sentence as text."""

    given: str
    identity: str
    text: str


def _own_transpose(node: Node) -> bool:
    """Whether the transpose taken inside ``node`` gives ``node`` back (D^T D; a sum's terms in any order)."""
    if node.shape.is_scalar or node.shape.rows != node.shape.cols:
        return False
    back = transposed(node, TAKEN_INSIDE)
    return back == node or reordered(back, node)


def _transposed_part(node: Node) -> Node | None:
    """The part a transpose node writes transposed: C for C^T, P for P^-T (either way round); None for another node."""
    if type(node) is E.Transpose:
        return node.arg.arg if type(node.arg) is E.Inv else node.arg
    if type(node) is E.Inv and type(node.arg) is E.Transpose:
        return node.arg.arg
    return None


def _key(node: Node) -> Node | str:
    """A name by its name (a table's intermediate C and the page's name C are one), another node as it is."""
    return node.name if type(node) is E.Var else node


def _untransposed(node: Node, part: Node) -> Node:
    """The row's C^T as C, P^-T as P^-1."""
    return part if type(node) is E.Transpose and node.arg == part else E.inv(part)


def _plain(row: Node, part: Node) -> bool:
    """Whether ``row`` writes ``part`` somewhere not transposed."""
    nodes = list(walk(row))
    return sum(n == part for n in nodes) > sum(_transposed_part(n) == part for n in nodes)


def transpose_note(row: Node | None, results: Sequence[Node], definitions: Mapping[str, Node],
                   written: Mapping[str, Node], p: McLatexPrinter, into: str = "result") -> TransposeNote | None:
    """The note for the parts the ``row`` above the Result writes transposed and ``results`` (the Result as shown and
    written out, G where the page restricts it) write, but never transposed; None where there are none.
    ``definitions``: a name's definition as the page gives it (C = D^T D, over earlier names); ``written``: the name
    written out in the declared variables, as a written-out Result holds it. Declared variables have neither.
    ``into``: the row the step leads to; "simplified product" where ``row`` is that product and ``results`` the chain
    rows before it: the step then goes from C to C^T, said in the same words, C^T = C."""
    if row is None:
        return None
    if into == "result":
        return _note(row, results, definitions, written, p, into)
    # the chain rows and the product compared with every transpose taken down to its atoms: the denominator's
    # (U_7 C^T U_7 - N U_7)^T writes C where its chain rows write C^T, a step either way round (review s44 F2)
    # the identity reads from the rows before to this one, as the Result's does: the numerator's chain writes C
    # and its product C^T, "C = C^T" (review s45: "C^T = C" before a row that puts C^T in read as taking it out)
    row, results = _pushed(row), [_pushed(r) for r in results]
    return _note(row, results, definitions, written, p, into, forward=False) or next(
        (n for r in results if (n := _note(r, [row], definitions, written, p, into)) is not None), None)


def kept(row: Node, before: Sequence[Node], definitions: Mapping[str, Node]) -> Node:
    """``row`` with each name that is its own transpose by its definition (C = D^T D) written the way round the rows
    ``before`` it write it, where, each transpose taken down to its atoms, they write it one way only and ``row`` only
    the other: the numerator's (U_7 C^T U_7 - N U_7) after chain rows that write C is (U_7 C U_7 - N U_7), the
    denominator's (U_7 C^T U_7 - N U_7)^T after rows that write C^T is (U_7 C U_7 - N U_7)^T. The same matrix
    (C^T = C by its form), with no step of its own to say."""
    pushed, pushed_before = _pushed(row), [_pushed(r) for r in before]
    for name, form in definitions.items():
        part = next((n for n in walk(row) if type(n) is E.Var and n.name == name), None)
        if part is None or not _own_transpose(form):
            continue
        ways, ways_before = _ways([pushed], part), _ways(pushed_before, part)
        if len(ways) == 1 and len(ways_before) == 1 and ways != ways_before:
            row = _toggled(row, part)
    return row


def _ways(rows: Sequence[Node], part: Node) -> set[bool]:
    """How ``rows`` write ``part``: True for transposed (C^T, C^-T), False for plain, both where they write both."""
    ways: set[bool] = set()
    for r in rows:
        nodes = list(walk(r))
        transposed_ = sum(_transposed_part(n) == part for n in nodes)
        ways |= {True} if transposed_ else set()
        ways |= {False} if sum(n == part for n in nodes) > transposed_ else set()
    return ways


def _toggled(node: Node, part: Node) -> Node:
    """``node`` with ``part`` written the other way round wherever it stands: C^T as C, C as C^T."""
    if _transposed_part(node) == part:
        return _untransposed(node, part)
    if node == part:
        return E.transpose(part)
    kids = node.children()
    return E.rebuild(node, tuple(_toggled(k, part) for k in kids)) if kids else node


def _pushed(node: Node) -> Node:
    """``node`` with each transpose taken inside down to its atoms (language.transposes), (A B)^T as B^T A^T."""
    kids = node.children()
    node = E.rebuild(node, tuple(_pushed(k) for k in kids)) if kids else node
    return transposed(node.arg, TAKEN_INSIDE) if type(node) is E.Transpose else node


def _note(row: Node, results: Sequence[Node], definitions: Mapping[str, Node], written: Mapping[str, Node],
          p: McLatexPrinter, into: str, forward: bool = True) -> TransposeNote | None:
    """transpose_note's sentence for one ``row`` against ``results``, as it says; its identity from the row's form
    to the results' (C^T = C), or where not ``forward`` (the row comes after them) the other way (C = C^T)."""
    inside = {_key(n) for r in results for n in walk(r)}
    seen_transposed = {_key(part) for r in results for n in walk(r) if (part := _transposed_part(n)) is not None}
    given: list[tuple[str, str]] = []
    identities: list[tuple[str, str]] = []
    met: list[Node] = []
    for n in walk(row):
        part = _transposed_part(n)
        if part is None or part in met:
            continue
        name = part.name if type(part) is E.Var else None
        if name is not None and name not in definitions:
            continue        # a declared variable: symmetric only by declaration, said where it is used
        form = definitions[name] if name is not None else part
        full = written.get(name, part) if name is not None else part
        keys = {_key(part), _key(full)}
        if not _own_transpose(form) or not keys & inside or keys & seen_transposed:
            continue
        if into != "result" and _plain(row, part):
            continue        # the product writes it both ways (logdet-gram's U^-1 + U^-T): a step of the chain's
        met.append(part)
        back = _untransposed(n, part)
        left, right = (n, back) if forward else (back, n)   # what the rows before write = what the next writes
        if name is not None:    # C = D^T D, and then C^T = C
            given.append((f"{p.doprint(part)} = {p.doprint(form)}", f"{E.flat_text(part)} = {E.flat_text(form)}"))
            identities.append((f"{p.doprint(left)} = {p.doprint(right)}", f"{E.flat_text(left)} = {E.flat_text(right)}"))
            continue
        # (X^T X)^T = X^T X, bracketed (the printer would take the transpose inside), and (X^T X)^-T = (X^T X)^-1
        # where the row writes that
        given.append((rf"\left({p.doprint(part)}\right)^{{\top}} = {p.doprint(part)}",
                      f"({E.flat_text(part)}).T = {E.flat_text(part)}"))
        if E.transpose(part) not in (n, back):
            identities.append((f"{p.doprint(left)} = {p.doprint(right)}", f"{E.flat_text(left)} = {E.flat_text(right)}"))
    if not given:
        return None
    said = f"{listed([t for _, t in identities])} and the {into} reads:" if identities else f"the {into} reads:"
    return TransposeNote(listed([g for g, _ in given], AND_TEX), listed([i for i, _ in identities], AND_TEX),
                         f"since {listed([t for _, t in given])}, {said}")
