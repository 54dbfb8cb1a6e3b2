"""The sentence that says where the result uses the declared invertible matrices: the put-back row writes the
inverse of a product of them, (X^T A X)^-1, which the Result no longer writes, having split it into the factors'
inverses: "Since X and A are invertible, (X^T A X)^-1 = X^-1 A^-1 X^-T and the result reads:", in both layouts,
as "Since A is symmetric" is said (present.symmetric); the identity follows the comma, not in brackets, which a
phone's line would break from it. Each layout's sentence splits every such inverse as its put-back row writes it
(as shown, transposes taken in), once each in the row's order: (X^T A X)^-T = X^-1 A^-T X^-T where the row writes it
transposed, both splits where it writes both (det(X^T A X) with A not symmetric). Only the declared assumptions are
named: an inverse whose
factors are not all declared invertible (a tall X's X^T X) is left alone, the step stays as the engine wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcdocgen import language as E
from mcdocgen.catalog import Assumption, Problem
from mcdocgen.engine import layout as L
from mcdocgen.engine.derive import Derivation
from mcdocgen.language import Layout, Node
from mcdocgen.language.build import matmuls
from mcdocgen.language.transposes import TAKEN_INSIDE, transposed
from mcdocgen.language.walks import matmul_factors, walk
from mcdocgen.present.facts import listed
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.putback import untangled

#: The assumptions that make a square variable invertible (a positive definite matrix is).
INVERTIBLE = frozenset({Assumption.INVERTIBLE, Assumption.POSITIVE_DEFINITE})
#: The assumptions that make a scalar factor nonzero: (a X)^-1 = 1/a X^-1.
NONZERO = frozenset({Assumption.POSITIVE, Assumption.NONZERO})
#: What the split (a X)^-1 = 1/a X^-1 needs of a, whichever of NONZERO was declared.
NONZERO_WORD = "nonzero"


@dataclass(frozen=True, slots=True)
class InverseNote:
    """The invertible variables the step uses, LaTeX, in the order the products name them, and each layout's
    identities, LaTeX ((X^T A X)^-1 = X^-1 A^-1 X^-T, several joined by commas), with its whole sentence as text."""

    variables: tuple[str, ...]
    # (layout, identity, text): each layout splits what its put-back row writes, (X^T A X)^-1 and/or (X^T A X)^-T
    said: tuple[tuple[Layout, str, str], ...]
    # a scalar factor declared nonzero, (a X)^-1 = 1/a X^-1: each with the word the step needs, LaTeX ("a", "nonzero"),
    # said before the matrices: "Since a is nonzero and X is invertible". What the identity needs, not what the
    # catalog declared (a positive): as a positive definite X is said invertible; "positive" would teach the
    # identity a condition it does not have (review s44 P3), and the variables' table says what was declared
    scalars: tuple[tuple[str, str], ...] = ()

    def identity_in(self, layout: Layout) -> str:
        return next(identity for lay, identity, _ in self.said if lay is layout)

    def text_in(self, layout: Layout) -> str:
        return next(text for lay, _, text in self.said if lay is layout)


def _base(factor: Node) -> Node:
    return factor.arg if isinstance(factor, E.Transpose) else factor


def _scaled(arg: Node) -> tuple[E.Var | None, Node]:
    """A scalar variable times a product, a X, as (a, X); any other node as (None, node)."""
    if type(arg) is E.Mul and type(arg.left) is E.Var and arg.left.shape.is_scalar and not arg.right.shape.is_scalar:
        return arg.left, arg.right
    return None, arg


def _variables(product: Node) -> list[E.Var]:
    """The product's factors that are variables, transposed or not, in order (not a scalar factor's)."""
    return [f for f in map(_base, matmul_factors(_scaled(product)[1])) if isinstance(f, E.Var)]


def _split(product: Node) -> Node:
    """(F_1 ... F_k)^-1 = F_k^-1 ... F_1^-1, a transposed factor's inverse as X^-T; (a M)^-1 = 1/a M^-1."""
    scale, product = _scaled(product)
    inverse = matmuls([E.transpose(E.inv(_base(f))) if isinstance(f, E.Transpose) else E.inv(f)
                       for f in reversed(matmul_factors(product))])
    return inverse if scale is None else E.mul(E.div(E.num(1), scale), inverse)


def inverse_note(problem: Problem, d: Derivation, p: McLatexPrinter) -> InverseNote | None:
    """The note for the inverses of products of declared invertible variables that the put-back rows (either
    layout) write and the Results do not; None where there are none."""
    invertible = {v.name for v in problem.variables if INVERTIBLE & set(v.assume)}
    nonzero = {v.name for v in problem.variables if NONZERO & set(v.assume)}
    rows = [(lay, row) for lay in Layout if (row := L.put_back(d, lay)) is not None]
    kept = {n.arg for lay in Layout for n in walk(L.result(d, lay)) if isinstance(n, E.Inv)}
    found: list[Node] = []
    for _, row in rows:
        for n in walk(row):
            if not isinstance(n, E.Inv) or n.arg in kept or n.arg in found:
                continue
            scale, product = _scaled(n.arg)
            factors = _variables(product)
            if len(factors) + (scale is not None) > 1 and len(factors) == len(matmul_factors(product)) \
                    and all(f.name in invertible for f in factors) and (scale is None or scale.name in nonzero):
                found.append(n.arg)
    if not found:
        return None
    variables = list(dict.fromkeys(f for arg in found for f in _variables(arg)))
    names = [v.name for v in variables]
    latex = tuple(p.doprint(v) for v in variables)
    verb = "is" if len(names) == 1 else "are"
    scalars = list(dict.fromkeys(scale for arg in found if (scale := _scaled(arg)[0]) is not None))
    said_scalars = "".join(f"{v.name} is {NONZERO_WORD} and " for v in scalars)
    splits = {(arg, False): (E.inv(arg), _split(arg)) for arg in found}
    splits |= {(arg, True): (E.transpose(inverse), transposed(split, TAKEN_INSIDE))
               for (arg, _), (inverse, split) in list(splits.items())}
    said: list[tuple[Layout, str, str]] = []
    for lay in Layout:
        row = next((row for other, row in rows if other is lay), None)
        # a layout with no row (none has, where the other has one) says the plain split
        written = _written(untangled(row), found) if row is not None else []
        sides = [splits[key] for key in written or [(arg, False) for arg in found]]
        said.append((lay, ", ".join(f"{p.doprint(a)} = {p.doprint(b)}" for a, b in sides),
                     f"since {said_scalars}{listed(names)} {verb} invertible, "
                     f"{', '.join(f'{E.flat_text(a)} = {E.flat_text(b)}' for a, b in sides)} and the result reads:"))
    return InverseNote(latex, tuple(said), tuple((p.doprint(v), NONZERO_WORD) for v in scalars))


def _written(row: Node, found: list[Node]) -> list[tuple[Node, bool]]:
    """The inverses of ``found`` that ``row`` writes, as (product, transposed), once each, in the row's order."""
    out: list[tuple[Node, bool]] = []

    def visit(node: Node) -> None:
        flipped = isinstance(node, E.Transpose) and isinstance(node.arg, E.Inv) and node.arg.arg in found
        inverse = node.arg if flipped and isinstance(node, E.Transpose) else node
        if isinstance(inverse, E.Inv) and inverse.arg in found:
            if (key := (inverse.arg, flipped)) not in out:
                out.append(key)
            node = inverse.arg
        for kid in node.children():
            visit(kid)

    visit(row)
    return out
