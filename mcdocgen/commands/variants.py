"""Exercise variants: catalog problems with their sizes, integer coefficients and elementwise
functions changed, each variant derived and verified by the normal pipeline before it is printed.

A variant is drawn on the parsed trees (the expression, each step, each math span of the title) by
one context-free substitution, so the steps still build the expression; it is printed back in the
language (:func:`mcdocgen.language.text.to_text`) as a catalog record and loaded by the catalog's own
loader, so a variant meets every rule a catalog problem meets. A draw that fails to load or to
verify is drawn again, at most :data:`MAX_ATTEMPTS` times; then the command stops with a clear error.
Deterministic: each draw has its own ``random.Random`` seeded by text (seed, variant, problem id,
attempt), and every choice is made over sorted candidates, so hash seeds and the order the workers
finish in change nothing.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy
import yaml

from mcdocgen import language as E
from mcdocgen.catalog import Catalog, Problem
from mcdocgen.catalog.load import load_catalog_bytes
from mcdocgen.catalog.titles import TitleMath, title_parts
from mcdocgen.commands.pipeline import Outcome, run_catalog
from mcdocgen.errors import CatalogError, ExprError, McdocgenError
from mcdocgen.language import Fn
from mcdocgen.language.build import func, num, power, rebuild
from mcdocgen.language.nodes import Eye, Func, Index, Lit, Node, Num, Ones, Pow, Unit, Zero
from mcdocgen.language.vecnodes import Commutation
from mcdocgen.language.walks import walk
from mcdocgen.language.text import to_text

#: Functions a variant may swap for one another: same kind of curve, derived by the same engine rules.
FAMILIES: tuple[tuple[Fn, ...], ...] = ((Fn.SIN, Fn.COS), (Fn.SINH, Fn.COSH), (Fn.TANH, Fn.SIGMOID, Fn.ARCTAN))
#: Words that name a function in a title, summary, tag or keyword: a problem about "the sigmoid"
#: keeps its sigmoid (a variant must not contradict its own heading).
FUNCTION_WORDS: Mapping[Fn, tuple[str, ...]] = {
    Fn.SIN: ("sin", "sine"), Fn.COS: ("cos", "cosine"), Fn.SINH: ("sinh",), Fn.COSH: ("cosh",),
    Fn.TANH: ("tanh", "hyperbolic tangent"), Fn.SIGMOID: ("sigmoid", "logistic"),
    Fn.ARCTAN: ("arctan", "arctangent"),
}
COEFFICIENTS = range(2, 10)     # integer coefficients a variant draws from (and the ones it changes)
EXPONENTS = range(3, 6)         # integer exponents a variant redraws (a square stays a square: norms, forms)
#: Topics whose formulas are named quantities (a likelihood, a KL divergence): their constants are
#: part of the name, so a variant keeps its coefficients and exponents.
NAMED_TOPICS = frozenset({"Machine learning"})
SIZES = range(2, 6)             # concrete sizes a variant draws from (and the ones it changes)
MAX_ATTEMPTS = 6                # loads and verifications of one problem's variant before giving up
MAX_DRAWS = 12                  # cheap draws for one not printed by an earlier variant
#: Nodes whose own fields hold concrete sizes (eye(3), a literal vector): a problem with one keeps its sizes.
_SIZED = (Eye, Ones, Zero, Index, Unit, Lit, Commutation)


@dataclass(frozen=True, slots=True)
class Draw:
    """One variant's substitutions: functions, integer coefficients (by absolute value), concrete
    sizes, integer exponents."""

    functions: Mapping[Fn, Fn] = field(default_factory=dict)
    coefficients: Mapping[int, int] = field(default_factory=dict)
    sizes: Mapping[int, int] = field(default_factory=dict)
    exponents: Mapping[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Variant:
    """A verified variant of one problem: its number (1..K), the varied problem, its outcome, and
    how many draws were derived and verified to get it (1: the first)."""

    number: int
    problem: Problem
    outcome: Outcome
    attempts: int
    record: Mapping[str, Any]   # as the catalog loader read it


def vary(node: Node, draw: Draw) -> Node:
    """The tree with the draw's functions, coefficients and exponents (a coefficient inside an
    exponent stays: only the whole exponent is redrawn)."""
    match node:
        case Num() if node.value.is_Integer and abs(int(node.value)) in draw.coefficients:
            value = int(node.value)
            return num(sympy.Integer(draw.coefficients[abs(value)] * (1 if value > 0 else -1)))
        case Func():
            return func(draw.functions.get(node.fn, node.fn), vary(node.arg, draw))
        case Pow():
            base, exp = vary(node.base, draw), node.exp
            if isinstance(exp, Num) and exp.value.is_Integer and int(exp.value) in draw.exponents:
                exp = num(sympy.Integer(draw.exponents[int(exp.value)]))
            return node if base == node.base and exp == node.exp else power(base, exp)
    kids = node.children()
    new = tuple(vary(k, draw) for k in kids)
    return node if new == kids else rebuild(node, new)


def _trees(problem: Problem) -> list[Node]:
    return [problem.expression, *(s.node for s in problem.steps)]


def _words(problem: Problem) -> str:
    parts = title_parts(problem.title, problem.variables, problem.sizes) if "`" in problem.title else (problem.title,)
    text = " ".join(p for p in parts if isinstance(p, str))
    # what a sheet prints: the title's words and (in the instructor's solutions) the tags; not the
    # summary or the keywords, which a variant does not carry
    return " ".join((text, *problem.tags)).lower()


def draw_for(problem: Problem, rng: random.Random) -> Draw:
    """One random draw for ``problem``: each function of a family (that no word of the problem names)
    swapped with probability 1/2, each integer coefficient of :data:`COEFFICIENTS` and exponent of
    :data:`EXPONENTS` redrawn, the concrete sizes of :data:`SIZES` redrawn in their order (unless a
    node holds sizes of its own)."""
    nodes = [n for tree in _trees(problem) for n in walk(tree)]
    words = _words(problem)
    used = sorted({n.fn for n in nodes if isinstance(n, Func)})
    functions: dict[Fn, Fn] = {}
    for fn in used:
        family = next((f for f in FAMILIES if fn in f), ())
        named = any(re.search(rf"\b{re.escape(w)}\b", words) for w in FUNCTION_WORDS.get(fn, ()))
        if family and not named and rng.random() < 0.5:
            functions[fn] = rng.choice([f for f in family if f != fn])
    powers = {id(n.exp) for n in nodes if isinstance(n, Pow)}
    ints = sorted({abs(int(n.value)) for n in nodes if isinstance(n, Num) and n.value.is_Integer
                   and id(n) not in powers} & set(COEFFICIENTS))
    exps = sorted({int(n.exp.value) for n in nodes if isinstance(n, Pow) and isinstance(n.exp, Num)
                   and n.exp.value.is_Integer} & set(EXPONENTS))
    if problem.topic in NAMED_TOPICS:
        ints, exps = [], []
    coefficients = {c: rng.choice([v for v in COEFFICIENTS if v != c]) for c in ints}
    exponents = {e: rng.choice([v for v in EXPONENTS if v != e]) for e in exps}
    sizes: dict[int, int] = {}
    if not any(isinstance(n, _SIZED) for n in nodes):
        dims = sorted({int(d) for v in problem.variables for d in (v.shape.rows, v.shape.cols)
                       if d.is_Integer and int(d) in SIZES})
        # in the same order (a tall X stays tall, so X.T @ C @ X stays invertible)
        sizes = dict(zip(dims, sorted(rng.sample(list(SIZES), len(dims))), strict=True)) if len(dims) <= len(SIZES) else {}
    return Draw(functions, coefficients, sizes, exponents)


def _dim(d: sympy.Expr, sizes: Mapping[int, int]) -> int | str:
    return sizes.get(int(d), int(d)) if d.is_Integer else str(d)


def _shape_spec(shape: E.shapes.Shape, sizes: Mapping[int, int]) -> list[int | str]:
    if shape.is_scalar:
        return []
    if shape.is_column:
        return [_dim(shape.rows, sizes)]
    return [_dim(shape.rows, sizes), _dim(shape.cols, sizes)]


def _title(problem: Problem, draw: Draw) -> str:
    """The title with each math span varied like the expression (a span printed back in the language)."""
    if "`" not in problem.title:
        return problem.title
    out = []
    for part in title_parts(problem.title, problem.variables, problem.sizes):
        if isinstance(part, TitleMath):
            body = to_text(vary(part.node, draw))
            out.append(f"`{part.name} = {body}`" if part.name else f"`{body}`")
        else:
            out.append(part)
    return "".join(out)


def record(problem: Problem, draw: Draw, number: int) -> dict[str, Any]:
    """The varied problem as a catalog record (the YAML mapping the loader reads). The source's
    answers (``expected``, ``erratum``) are dropped: they belong to the original, not to the variant."""
    rec: dict[str, Any] = {
        "id": problem.id, "title": _title(problem, draw),
        "summary": f"Variant {number} of the catalog problem {problem.id}.",
        "topic": problem.topic, "tags": list(problem.tags), "source": problem.source,
        "variables": {v.name: {"shape": _shape_spec(v.shape, draw.sizes),
                               **({"assume": [a.value for a in v.assume]} if v.assume else {})}
                      for v in problem.variables},
        "expression": to_text(vary(problem.expression, draw)),
        "wrt": list(problem.wrt),
    }
    if problem.steps:
        rec["steps"] = [f"{s.name} = {to_text(vary(s.node, draw))}" for s in problem.steps]
    if problem.hessian:
        rec["hessian"] = list(problem.hessian)
    if problem.layout is not None:
        rec["layout"] = problem.layout.value
    return rec


def _key(rec: Mapping[str, Any]) -> str:
    """What a sheet prints of a record: two draws with one key are the same exercise."""
    return str(yaml.safe_dump({k: rec[k] for k in ("title", "variables", "expression", "steps") if k in rec},
                              sort_keys=True))


Runner = Callable[[Catalog], list[Outcome]]


def variants(catalog: Catalog, ids: Sequence[str], count: int, seed: int, run: Runner = run_catalog,
             ) -> list[dict[str, Variant]]:
    """``count`` variants of each problem of ``ids``: one dict (problem id -> :class:`Variant`) per
    variant number, each problem derived and verified. Draws of one round are derived together
    (``run``, the pipeline's run_catalog: in parallel, each within its budget).

    Raises :class:`McdocgenError` naming the problem when no draw of it verifies in MAX_ATTEMPTS.
    """
    by_id = {p.id: p for p in catalog.problems}
    chosen: list[dict[str, Variant]] = []
    for number in range(1, count + 1):
        seen = {pid: {_key(record(by_id[pid], Draw(), 0))} | {_key(v[pid].record) for v in chosen} for pid in ids}
        done: dict[str, Variant] = {}
        failures: dict[str, str] = {}
        for attempt in range(MAX_ATTEMPTS):
            pending = [pid for pid in ids if pid not in done]
            if not pending:
                break
            records = {pid: _fresh(by_id[pid], seed, number, attempt, seen[pid]) for pid in pending}
            loaded = _load(catalog.path, number, records, failures)
            if loaded:
                for outcome in run(Catalog(catalog.path, tuple(loaded.values()))):
                    pid = outcome.view.id
                    if outcome.view.ok:
                        done[pid] = Variant(number, loaded[pid], outcome, attempt + 1, records[pid])
                    else:
                        failures[pid] = "a check failed or a derivative was not derived"
        missing = [pid for pid in ids if pid not in done]
        if missing:
            pid = missing[0]
            raise McdocgenError(f"variant {number} of problem '{pid}': no draw was derived and verified in "
                                f"{MAX_ATTEMPTS} attempts (the last: {failures.get(pid, 'unknown')}); "
                                "choose another --seed or leave the problem out")
        chosen.append({pid: done[pid] for pid in ids})
    return chosen


def _fresh(problem: Problem, seed: int, number: int, attempt: int, seen: set[str]) -> dict[str, Any]:
    """A draw not printed before (by an earlier variant, or the original), if one comes in MAX_DRAWS."""
    rec: dict[str, Any] = {}
    for draw_no in range(MAX_DRAWS):
        rng = random.Random(f"{seed}/{number}/{problem.id}/{attempt}/{draw_no}")
        try:
            rec = record(problem, draw_for(problem, rng), number)
        except ExprError:
            continue
        if _key(rec) not in seen:
            break
    return rec or record(problem, Draw(), number)


def _load(path: str, number: int, records: Mapping[str, dict[str, Any]], failures: dict[str, str]) -> dict[str, Problem]:
    """The records loaded one by one by the catalog loader (so one bad draw does not sink the rest)."""
    loaded: dict[str, Problem] = {}
    for pid, rec in records.items():
        data = yaml.safe_dump({"problems": [rec]}, sort_keys=False, allow_unicode=True).encode("utf-8")
        try:
            loaded[pid] = load_catalog_bytes(data, f"{path} (variant {number})").problems[0]
        except CatalogError as exc:
            failures[pid] = str(exc).splitlines()[0]
    return loaded
