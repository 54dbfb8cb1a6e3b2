"""simplify.products: one canonical form for a number times a scalar times an array, ``(c s) x``.

Two rewrites used to undo each other (SCALAR_OUT made ``(c s) x`` of ``c (s x)``, COEFFICIENTS the
reverse), so the passes swung between the forms until their limit and the result depended on the
limit's parity. ``(c s) x`` is now the one form, and ``coeff`` / ``with_coeff`` (simplify.common) read
and write it, so that like terms still combine and a negative coefficient still counts as one.
"""

from __future__ import annotations

import functools
import importlib
import sys
import types

import pytest
from sympy.core.cache import clear_cache

from conftest import ROOT
from rewrite_support import assert_same_value, parse
from mcdocgen import language as E
from mcdocgen.catalog import load_catalog, load_catalog_bytes
from mcdocgen.engine import simplify as S
from mcdocgen.engine.derive import derive
from mcdocgen.engine.hessian import derive_hessian
from mcdocgen.engine.notation import derive_page
from mcdocgen.engine.simplify.common import coeff, with_coeff
from mcdocgen.engine.simplify.products import mul


@pytest.mark.parametrize("text", ["2 * (c * x)", "(2 * c) * x", "c * (2 * x)", "2 * (x * c)", "(c * 2) * x"])
def test_every_placement_of_the_number_simplifies_to_one_form(text):
    out = S.simplify(parse(text))
    assert E.to_text(out) == "2 * c * x"
    assert_same_value(parse(text), out)


def test_the_canonical_form_is_left_alone():
    # neither rewrite moves the number back in: nothing to swing between
    node = parse("(2 * c) * x")
    assert isinstance(node, E.Mul) and mul(node) is None


@pytest.mark.parametrize("text, simplified", [
    ("2 * (c * x) + c * x", "3 * c * x"),                 # like terms, the number read through (c s)
    ("(2 * c) * x - 2 * (c * x)", "zeros(n)"),
    ("(-2 * c) * x + y", "y - 2 * c * x"),                # a negative coefficient still sorts last
    ("-((2 * c) * x)", "-2 * c * x"),
    ("2 * (c * (A @ x))", "2 * c * (A @ x)"),
    ("3 * (c * kron(A, B))", "3 * c * kron(A, B)"),       # 2 x (U ⊗ D), not 2 (x (U ⊗ D))
])
def test_like_terms_and_signs_see_the_coefficient(text, simplified):
    out = S.simplify(parse(text))
    assert E.to_text(out) == simplified
    assert_same_value(parse(text), out)


def test_coeff_and_with_coeff_agree_on_the_canonical_form():
    node = parse("(-3 * c) * x")
    c, core = coeff(node)
    assert c == -3 and E.to_text(core) == "c * x"
    assert with_coeff(c, core) == node
    assert coeff(parse("(c * d) * x"))[0] == 1      # no number: nothing split off


# ---------------------------------------------------------------- no cycle on the catalog or the bench

def _bench_problems():
    """bench/tg_cases.py's expressions as problems (tensorgrad's side is built lazily, by lambdas, so
    a stand-in module serves where tensorgrad is not installed)."""
    sys.path.insert(0, str(ROOT / "bench"))
    saved = {k: sys.modules.get(k) for k in ("tensorgrad", "tensorgrad.functions", "tensorgrad.tensor", "tg_cases")}
    try:
        try:
            importlib.import_module("tensorgrad.functions")
        except ImportError:
            stub, functions = types.ModuleType("tensorgrad"), types.ModuleType("tensorgrad.functions")
            tensor = types.ModuleType("tensorgrad.tensor")
            stub.Tensor, stub.functions, stub.tensor, tensor.Delta = object, functions, tensor, object
            sys.modules.update({"tensorgrad": stub, "tensorgrad.functions": functions, "tensorgrad.tensor": tensor})
        cases = importlib.import_module("tg_cases").CASES
    finally:
        sys.path.remove(str(ROOT / "bench"))
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v
    lines = ["problems:"]
    for k, case in enumerate(cases):
        shapes = ", ".join(f"{name}: {{shape: [{', '.join(dims)}]"
                           + (f", assume: [{', '.join(case.assume[name])}]" if name in case.assume else "") + "}"
                           for name, dims in case.shapes.items())
        lines += [f"  - id: tg-{k:02d}", "    title: bench", "    summary: Bench.", "    tags: []",
                  "    source: bench", f"    variables: {{{shapes}}}", f"    expression: \"{case.expression}\"",
                  f"    wrt: [{case.wrt}]"]
    return list(load_catalog_bytes("\n".join(lines).encode(), "tg_cases").problems)


def _clear_memos() -> None:
    """Every memo of a derivation (SymPy's cache holds the simplifier's; the rest are functools caches)."""
    clear_cache()
    for name, module in list(sys.modules.items()):
        if module is not None and name.startswith("mcdocgen"):
            for obj in list(vars(module).values()):
                if isinstance(obj, functools._lru_cache_wrapper):
                    obj.cache_clear()


def _pages(problems, passes: int, monkeypatch) -> list:
    monkeypatch.setattr(S, "MAX_PASSES", passes)
    _clear_memos()
    try:
        return [derive_page(p, derive, derive_hessian) for p in problems]
    finally:
        _clear_memos()


def test_the_catalog_and_the_bench_never_meet_a_cycle_of_rewrites(monkeypatch):
    """The passes stop at a fixed point before their limit on every derivation: where two rewrites
    undo each other, the form the passes stop at depends on the limit's parity (the cycle guard
    reads it off the cycle), so a limit one higher would change some result or step."""
    problems = [*load_catalog(ROOT / "derivations.yaml").problems, *_bench_problems()]
    assert len(problems) > 300
    at_limit = _pages(problems, S.MAX_PASSES, monkeypatch)
    one_more = _pages(problems, S.MAX_PASSES + 1, monkeypatch)
    changed = [p.id for p, a, b in zip(problems, at_limit, one_more, strict=True) if a != b]
    assert changed == []


def test_two_diagonal_matrices_meet_inside_a_chain():
    node = parse("A.T @ (diag(x) @ (diag(y) @ A))")
    budget = S.Budget(S.SYMPY_BUDGET)
    out = S.simplify(node, budget)
    assert E.to_text(out) == "A.T @ (diag(x * y) @ A)"
    assert S.RewriteId.DIAG_PRODUCT in budget.rewrites
    assert_same_value(node, out)
