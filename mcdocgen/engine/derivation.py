"""What a derivation is: its steps (local derivatives, accumulations), its result in both layouts, its kinks.

The types ``engine.derive`` makes and the checks and pages read; apart from derive so that the making
and the made are read one at a time.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace

from mcdocgen.engine.assumption import SymmetryStep
from mcdocgen.engine.decompose import Intermediate
from mcdocgen.engine.deferred import SHOWS, Deferred, made, shown_repr
from mcdocgen.engine.kinks import Kink
from mcdocgen.engine.rule_ids import RuleId
from mcdocgen.engine.simplify import RewriteId
from mcdocgen.engine.symmetric import SymmetricGradient
from mcdocgen.language import Node
from mcdocgen.language.shapes import Form, Shape, derivative_form

@enum.unique
class LocalKind(enum.StrEnum):
    """How a local derivative is written: a Jacobian matrix, or the chain rule in matrix form."""

    JACOBIAN = "jacobian"        # a matrix: d vec(u) / d vec(a)^T (the vec form where a side is a matrix)
    MATRIX_FORM = "matrix-form"  # a matrix side of a scalar function: the chain rule in matrix form
    FORWARD = "forward"          # by a scalar, through vectors or matrices: du/dt in u's shape (engine.forward)


@dataclass(frozen=True, slots=True, repr=False)
class Local:
    """The local derivative of one intermediate with respect to one of its operands. How each layout
    shows it is made when first read (only a page and the steps check read it: engine.deferred)."""

    of: str
    wrt: str
    rules: tuple[RuleId, ...]   # every rule the operation used for this operand (x ** x: power and exponent)
    kind: LocalKind
    jacobian: Node | None   # numerator layout (JACOBIAN kind)
    backward: Node          # denominator: its contribution to d f/d wrt, with Grad(of) in it
    kink: Kink | None
    # as the numerator layout shows it (the Jacobian, or the contribution transposed), and the denominator
    shown: Deferred[tuple[Node, Node]] = field(metadata={SHOWS: ("numerator", "denominator")})
    forms: tuple[Node, Node] | None = None  # FORWARD: the rule's form over the operands' du/dt, both layouts

    @property
    def rule(self) -> RuleId:
        """The first rule: the one a page links to."""
        return self.rules[0]

    @property
    def numerator(self) -> Node:
        """As the numerator layout shows it: the Jacobian, or the contribution transposed."""
        return self.shown.value[0]

    @property
    def denominator(self) -> Node:
        """As the denominator layout shows it."""
        return self.shown.value[1]

    def shown_as(self, numerator: Node, denominator: Node) -> Local:
        """The same step shown as given."""
        return replace(self, shown=made((numerator, denominator)))

    __repr__ = shown_repr


@dataclass(frozen=True, slots=True, repr=False)
class Accumulation:
    """d f/d name = the sum of the contributions of everything that uses ``name`` (the terms as each
    layout shows them made when first read, as a Local's)."""

    name: str
    terms: tuple[Node, ...]     # denominator layout, over Grad placeholders
    shape: Shape
    # the terms as each layout shows them (simplified): numerator, denominator
    shown: Deferred[tuple[tuple[Node, ...], tuple[Node, ...]]] = field(metadata={SHOWS: ("numerator", "denominator")})

    @property
    def numerator(self) -> tuple[Node, ...]:
        """The terms as the numerator layout shows them."""
        return self.shown.value[0]

    @property
    def denominator(self) -> tuple[Node, ...]:
        """The terms as the denominator layout shows them."""
        return self.shown.value[1]

    def shown_as(self, numerator: tuple[Node, ...], denominator: tuple[Node, ...]) -> Accumulation:
        """The same accumulation shown as given."""
        return replace(self, shown=made((numerator, denominator)))

    __repr__ = shown_repr


@dataclass(frozen=True, slots=True)
class NotDerived:
    """Why a derivation stopped, and at which subexpression."""

    subject: str            # the subexpression, in the language
    reason: str


@dataclass(frozen=True, slots=True, repr=False)
class Derivation:
    """One derivative of one problem: the steps, the result in both layouts, its kinks. The forms only
    a page reads (the steps as each layout shows them, the product put back) are made when first read."""

    problem_id: str
    function: str           # name of the function's value (the last step)
    wrt: str
    function_shape: Shape
    wrt_shape: Shape
    scalar_function: bool
    intermediates: tuple[Intermediate, ...]
    locals: tuple[Local, ...]
    paths: tuple[tuple[Local, ...], ...]        # every chain from the function to wrt (empty: matrix form)
    accumulations: tuple[Accumulation, ...]
    product: Node | None            # denominator, over intermediates, simplified
    product_numerator: Node | None  # the same in numerator layout
    substituted: Node | None        # intermediates put back, before the final simplification
    result: Node | None             # denominator layout, over the declared variables
    numerator: Node | None
    kinks: tuple[Kink, ...]         # over the declared variables
    removed: tuple[Kink, ...] = ()  # places of non-smooth operations the function is differentiable at
    # the unsimplified product, put back: both layouts (put_back.py); None where the page has no such row
    unsimplified: Deferred[tuple[Node, Node]] | None = field(default=None, metadata={SHOWS: ("put_back",)})
    not_derived: NotDerived | None = None
    rewrites: tuple[RewriteId, ...] = ()   # the simplifier's identities applied to the product, result and kinks
    order: int = 1                  # 1: a first derivative; 2: a Hessian (the derivative of the gradient)
    symmetric: SymmetricGradient | None = None  # by a symmetric matrix: the result is sym(G) (engine.symmetric)
    symmetry_step: SymmetryStep | None = None   # the result before A^T = A was used (engine.assumption)

    @property
    def form(self) -> Form:
        """Matrix or vec form, from the shapes (a Hessian's function is the gradient)."""
        return derivative_form(self.function_shape, self.wrt_shape)

    @property
    def ok(self) -> bool:
        """The derivation was finished."""
        return self.not_derived is None

    def intermediate(self, name: str) -> Intermediate:
        """The intermediate of this name."""
        return next(i for i in self.intermediates if i.name == name)

    @property
    def put_back(self) -> tuple[Node, Node] | None:
        """The unsimplified product with the intermediates put back, both layouts (made when first read)."""
        return None if self.unsimplified is None else self.unsimplified.value

    def make_forms(self) -> None:
        """Make every deferred form now (the bench times derive with them made, as derive once made them)."""
        for loc in (*self.locals, *(loc for path in self.paths for loc in path)):
            loc.shown.make()
        for acc in self.accumulations:
            acc.shown.make()
        if self.unsimplified is not None:
            self.unsimplified.make()

    __repr__ = shown_repr
