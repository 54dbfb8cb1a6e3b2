"""Where the function is defined, as the Problem section states it: ``logdet(M)`` (or ``log(det(M))``) is ln det M,
real only where det M > 0 (the checks sample only such points), and the variables' declarations do not always say so: ln det(a X)
with a positive and X invertible needs det X > 0 (review s45 P3). A condition is stated for each log-determinant
whose argument is not positive definite by its form (its determinant then positive whatever the variables' values):
a variable declared positive definite, the identity, a positive multiple of one (a number, a variable declared
positive), a sum of such terms and Gram products D^T D (positive semidefinite, with one positive definite term:
K + s I). Anything else, A + t B or X^T X alone, is stated.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.catalog.records import Assumption
from mcdocgen.language import Node
from mcdocgen.language.walks import walk
from mcdocgen.present.latex import McLatexPrinter

#: Why the conditions are needed, and the words after them: on the page (LaTeX conditions before them) and in the
#: terminal, ending on the Result they show; on the exercise sheet, which shows none, on what its task asks for
#: (review s45: "the result holds there" pointed to nothing).
NEEDS = "the log-determinant needs a positive determinant"
WHY = f"{NEEDS}; the result holds there"
WHY_ASKED = f"{NEEDS}; the derivative asked for holds there"


def _declared(problem: Problem, node: Node, assumption: Assumption) -> bool:
    return type(node) is E.Var and node.name in {v.name for v in problem.variables if assumption in v.assume}


def _positive(problem: Problem, node: Node) -> bool:
    """A scalar positive by its form: a positive number, a variable declared positive, a product of such."""
    if type(node) is E.Num:
        return bool(node.value.is_positive)
    if type(node) is E.Mul:
        return _positive(problem, node.left) and _positive(problem, node.right)
    return _declared(problem, node, Assumption.POSITIVE)


def _gram(node: Node) -> bool:
    """D^T D: positive semidefinite whatever D is."""
    return type(node) is E.MatMul and type(node.left) is E.Transpose and node.left.arg == node.right


def _definite(problem: Problem, node: Node) -> bool:
    """Whether ``node`` is positive definite by its form (module docstring)."""
    if type(node) is E.Eye or _declared(problem, node, Assumption.POSITIVE_DEFINITE):
        return True
    if type(node) is E.Mul:
        return (node.left.shape.is_scalar and _positive(problem, node.left) and _definite(problem, node.right)) or \
            (node.right.shape.is_scalar and _positive(problem, node.right) and _definite(problem, node.left))
    if type(node) is E.Add:
        return all(_definite(problem, t) or _gram(t) for t in node.terms) and any(_definite(problem, t) for t in node.terms)
    return False


def _logdet_argument(node: Node) -> Node | None:
    """M of logdet(M), and of log(det(M)): one function however it is typed (review s45: hessian-logdet's log(det(X))
    went unstated beside wiki-sm-log-det-scaled's logdet)."""
    if type(node) is E.LogDet:
        return node.arg
    if type(node) is E.Func and node.fn is E.Fn.LOG and type(node.arg) is E.Det:
        return node.arg.arg
    return None


def undeclared_logdets(problem: Problem) -> tuple[Node, ...]:
    """The arguments of the function's log-determinants not positive definite by their form, each once, in order."""
    found = [m for n in walk(problem.expression) if (m := _logdet_argument(n)) is not None and not _definite(problem, m)]
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Conditions:
    """The conditions, each written twice from one walk: LaTeX for the page and handouts, the expression language
    for the terminal (the view holds both; neither walks the expression again)."""

    latex: tuple[str, ...]    # \det(a X) > 0 each
    text: tuple[str, ...]     # det(a * X) > 0 each


def conditions(problem: Problem, p: McLatexPrinter) -> Conditions:
    """Where the function is defined beyond the declarations: one condition per undeclared log-determinant."""
    found = undeclared_logdets(problem)
    return Conditions(tuple(f"{p.doprint(E.det(m))} > 0" for m in found),
                      tuple(f"{E.flat_text(E.det(m))} > 0" for m in found))
