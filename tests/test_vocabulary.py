"""The language's plain facts (mcdocgen.language.vocabulary) and the package's lazy API.

The package loads its API on first use; these tests check that the lazily loaded names are the ones
its imports name, that the plain facts agree with the tables built from them, and that importing
the package (or the catalog's loader) loads no SymPy or NumPy.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from mcdocgen import language as E
from mcdocgen.language import vocabulary as V
from mcdocgen.language.functions import CALLS, FUNCTIONS, STRUCTURAL

ROOT = Path(__file__).resolve().parent.parent
INIT = ROOT / "mcdocgen" / "language" / "__init__.py"
HEAVY = ("sympy", "numpy", "jinja2", "mkdocs")


def _typing_imports() -> dict[str, str]:
    """name -> module of every import in the package's ``if TYPE_CHECKING:`` block."""
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(INIT.read_text(encoding="utf-8"))):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for imp in node.body:
                if isinstance(imp, ast.ImportFrom):
                    found.update({a.name: f"{imp.module}.{a.name}" if a.name == "shapes" else str(imp.module)
                                  for a in imp.names})
    return found


def test_every_lazy_name_is_the_one_its_import_names():
    names = _typing_imports()
    assert set(names) | {"ExprError", *V.__dict__} >= set(E.__all__)
    for name, module in names.items():
        expected = importlib.import_module(module) if name == "shapes" else getattr(importlib.import_module(module), name)
        assert getattr(E, name) is expected, name


def test_the_plain_facts_are_the_ones_the_package_and_shapes_export():
    assert E.Layout is V.Layout and E.shapes.Layout is V.Layout and E.shapes.Form is V.Form
    assert E.MAX_EXPRESSION_CHARS == V.MAX_EXPRESSION_CHARS and E.Fn is V.Fn


def test_known_functions_are_the_parsers_calls():
    assert tuple(sorted(CALLS)) == V.KNOWN_FUNCTIONS
    assert [s.name for s in STRUCTURAL] == [c.value for c in V.Call]
    assert set(FUNCTIONS) == set(V.Fn)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_name"):
        E.no_such_name  # noqa: B018 - the access is the test


def _fresh(code: str) -> str:
    """Run ``code`` in a fresh interpreter (this one has the API loaded); its standard output."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_package_and_the_schema_load_without_the_algebra():
    out = _fresh("import sys, mcdocgen.language, mcdocgen.catalog\n"
                 "from mcdocgen.catalog.schema import dumps_schema\n"
                 "dumps_schema()\n"
                 f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    assert out.strip() == "[]"


def test_a_catalog_loads_without_numpy():
    """Parsing expressions needs SymPy (sizes and numbers are SymPy's); nothing else of the algebra."""
    out = _fresh("import sys\nfrom mcdocgen.catalog import load_catalog\n"
                 "load_catalog('derivations.yaml')\n"
                 f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    assert out.strip() == "['sympy']"


def test_the_api_works_whichever_module_is_imported_first():
    modules = sorted(p.stem for p in INIT.parent.glob("*.py") if p.stem != "__init__")
    for module in modules:
        out = _fresh(f"import mcdocgen.language.{module}\n"
                     "from mcdocgen import language as E\n"
                     "from mcdocgen.language import Node, shapes\n"
                     "x = E.var('x', shapes.column(shapes.size_symbol('n')))\n"
                     "print(E.to_text(E.parse('x.T @ x', E.Scope({'x': x}))), isinstance(E.matmul(E.transpose(x), x), Node))")
        assert out.split() == ["x.T", "@", "x", "True"], module


def test_nothing_imports_the_parse_module_directly():
    """``E.parse`` is the function; importing the module first would put the module in its place."""
    offenders = []
    for path in [*(ROOT / "mcdocgen").rglob("*.py"), *(ROOT / "tests").glob("*.py"), *(ROOT / "bench").glob("*.py")]:
        if path == INIT:   # its import is for the type checker only
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if "mcdocgen.language.parse" in names:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
