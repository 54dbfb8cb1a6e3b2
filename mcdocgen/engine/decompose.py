"""Decomposition: a problem's steps split into intermediate variables, one operation each."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mcdocgen.catalog import Problem
from mcdocgen.engine.literals import literal_operand
from mcdocgen.engine.rules import squared_norm_arg, trace_kron_args, trace_kron_product
from mcdocgen import language as E
from mcdocgen.language import Add, Neg, Node, Transpose, Var
from mcdocgen.language.transposes import UNWRAPPED, transposed
from mcdocgen.language.shapes import Shape


# the names a page has given so far: an intermediate's value (over declared variables) -> its name
Naming = Mapping[Node, str]


@dataclass(frozen=True, slots=True)
class Intermediate:
    """One intermediate variable: one operation, over declared variables and earlier intermediates."""

    name: str
    definition: Node        # over declared variables and earlier intermediates
    value: Node             # over declared variables only
    from_catalog: bool      # named by the catalog's `steps`
    depends: bool           # depends on the variable of this derivation

    @property
    def shape(self) -> Shape:
        """The intermediate's shape."""
        return self.definition.shape


def _names(problem: Problem) -> set[str]:
    return {v.name for v in problem.variables} | set(problem.sizes) | {s.name for s in problem.steps}


SPARE_PREFIXES = ("p", "q", "r", "h")   # in order, where the prefix asked for is itself a name of the problem
# a matrix's: the capital of the prefix, else these (not H, the Heaviside step and the Hessian)
SPARE_MATRIX_PREFIXES = ("P", "Q", "R", "W")


def decompose(problem: Problem, wrt: str, prefix: str = "u",
              naming: Naming | None = None) -> tuple[list[Intermediate], str]:
    """Intermediate variables: the catalog's steps, each split into one operation per variable
    (those mcdocgen introduces named ``prefix_1``, ``prefix_2``..., a matrix with the capital letter,
    ``U_3``, as textbooks write matrices; one count for both: u_3 and U_3 never both stand on a page).

    ``naming`` maps the values (over declared variables) of intermediates named on the same page by
    earlier derivations to their names: the same subexpression keeps its name, and a new one never
    takes a name the page already gave to another (see engine.notation)."""
    naming = naming or {}
    # the prose's names too: u_1 beside a source line's "with u = A x" reads as entry 1 of that u
    taken = _names(problem) | problem.prose_names | set(naming.values())
    # u_2 next to a lecture's own u reads as "entry 2 of u": a prefix that is a name already is not used, and the
    # lowercase and capital letters change together (p_3 beside P_4, never u_3 beside P_4 where the source writes U)
    pairs = ((prefix, prefix.upper()), *zip(SPARE_PREFIXES, SPARE_MATRIX_PREFIXES, strict=True))
    prefix, capital = next(((p, c) for p, c in pairs if not {p, c} & taken), pairs[0])
    own: set[str] = set()   # names given in this derivation: a value met twice here is named twice
    counter = iter(range(1, 10**6))
    interned: dict[Node, Var] = {}
    items: list[Intermediate] = []
    dependent = {wrt}
    values: dict[str, Node] = {}

    def fresh(value: Node) -> str:
        known = naming.get(value)
        if known is not None and known not in own:
            own.add(known)
            return known
        letter = prefix if value.shape.is_vector_like else capital     # vectors and scalars lowercase
        while True:
            k = next(counter)
            name = f"{letter}_{k}"
            if not {f"{prefix}_{k}", f"{capital}_{k}"} & taken:
                taken.add(name)
                own.add(name)
                return name

    known_deps: dict[Node, bool] = {}   # depends() of subtrees while `dependent` stays as it is

    def depends(node: Node) -> bool:
        dep = known_deps.get(node)
        if dep is None:
            dep = known_deps[node] = E.depends_on(node, dependent)
        return dep

    def record(name: str | None, definition: Node, from_catalog: bool) -> Var:
        value = E.substitute(definition, values)
        name = fresh(value) if name is None else name
        values[name] = value
        dep = depends(definition)
        if dep:
            dependent.add(name)
            known_deps.clear()
        items.append(Intermediate(name, definition, value, from_catalog, dep))
        return E.var(name, definition.shape, intermediate=True)

    def lower(node: Node, root: bool) -> Node:
        if not depends(node) or isinstance(node, Var):
            return node
        if root and problem.steps and literal_operand(node) is not None:
            return node   # a lecture's vector by components of one vector: its Jacobian is one step
        if isinstance(node, Transpose) and not root:
            inner = lower(node.arg, False)
            return transposed(inner, UNWRAPPED)
        norm_of, kron_of = squared_norm_arg(node), trace_kron_args(node)
        if norm_of is not None and isinstance(node, E.Pow):
            new = E.power(E.norm(lower(norm_of, False)), node.exp)
        elif kron_of is not None and all(depends(k) for k in kron_of):
            # the variable in both slots: tr(A kron B) = tr(A) tr(B) is the first step (tr(X)^2 for X kron X),
            # then the product or power rule; the one-slot rule d tr(A kron X) = tr(A) I would drop a term
            new = trace_kron_product(*(lower(E.trace(k), False) for k in kron_of))
        elif kron_of is not None:   # tr(A kron B) is one operation: no intermediate for A kron B
            new = E.trace(E.kron(lower(kron_of[0], False), lower(kron_of[1], False)))
        elif isinstance(node, Add):     # a + b - c + d is one sum: one step by the sum rule, not a chain of three,
            # and a subtracted term stays subtracted in it (L = u_5 - u_7, as a book writes it; no u_8 = -u_7)
            new = E.add(*(E.neg(lower(t.arg, False)) if isinstance(t, Neg) else lower(t, False) for t in _summands(node)))
        else:
            new = E.rebuild(node, tuple(lower(k, False) for k in node.children()))
        if root:
            return new
        if new not in interned:
            interned[new] = record(None, new, False)
        return interned[new]

    # the function's name from the problem's names alone: the same on every section of the page
    steps = [(s.name, s.node) for s in problem.steps] or [(function_name(problem), problem.expression)]
    taken.update(name for name, _ in steps)
    for name, node in steps:
        record(name, lower(node, True), bool(problem.steps))
    return items, steps[-1][0]


def _summands(node: Add) -> list[Node]:
    """The terms of a sum with the sums among them opened: the parser nests a + b + c as (a + b) + c."""
    return [s for t in node.terms for s in (_summands(t) if isinstance(t, Add) else (t,))]


def function_name(problem: Problem) -> str:
    """The function's name on the problem's page: its last step's, else the first letter it leaves free, a capital
    for a matrix (F = A X B) as the notation page writes f, bold f and F."""
    taken = _names(problem)
    shape = problem.expression.shape
    letters = ("F", "G", "f", "z", "g", "phi") if shape.rows != 1 and shape.cols != 1 else ("f", "F", "z", "g", "phi")
    return problem.steps[-1].name if problem.steps else next(n for n in letters if n not in taken)
