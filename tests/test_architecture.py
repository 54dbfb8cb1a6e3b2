"""The layers of mcdocgen, enforced: data flows one way, and no stage imports from a later one.

Every module under ``mcdocgen/`` is read with ``ast`` (imports inside functions included, since a
function-local import is still a dependency) and each import of an mcdocgen module is checked
against the order below. Modules of one layer may import each other. The stages that word and render
results (present, publish) read only the check stage's records, not its work (``CHECKS_READ_BY``: the few
modules named).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mcdocgen"

# The order data flows in; a module may import only from its own layer or the ones before it.
LAYERS = (
    ("base", ("mcdocgen", "mcdocgen.errors", "mcdocgen.escape", "mcdocgen.crashsafe")),
    ("language", ("mcdocgen.language",)),
    ("catalog", ("mcdocgen.catalog",)),
    ("engine", ("mcdocgen.engine",)),
    ("checks", ("mcdocgen.checks",)),
    ("present", ("mcdocgen.present",)),
    ("publish", ("mcdocgen.publish",)),
    ("commands", ("mcdocgen.commands",)),
    ("cli", ("mcdocgen.cli", "mcdocgen.__main__")),
    ("api", ("mcdocgen.api",)),  # the Python API: the commands' use cases for a script or a notebook
)
MAX_MODULE_LINES = 400
#: The imports of a later layer a module may make: the top package re-exports the Python API on
#: first use (its module ``__getattr__``), so that ``from mcdocgen import derive`` works.
ALLOWED_UPWARD = {"mcdocgen": ("mcdocgen.api",)}
#: What the stages that word and render results (present, publish) may read of the check stage: its records,
#: everywhere. A search that samples or any check runs in the check stage, its findings kept in the
#: Verification (checks.setup_facts: present.facts only words them). Besides the records, a few modules by name:
CHECKS_RECORDS = ("mcdocgen.checks.results",)
CHECKS_READ_BY = {
    # a picture's points: the derived result evaluated at values drawn as the checks draw them (no check)
    "mcdocgen.present.plot_data": ("mcdocgen.checks.evaluate", "mcdocgen.checks.sampling"),
    "mcdocgen.present.snippet": ("mcdocgen.checks.sampling",),  # the sampler's ranges, printed in the snippet
}



def layer_of(module: str) -> int:
    """The index in LAYERS of a dotted module name: its longest matching prefix."""
    best, best_len = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix or (prefix != "mcdocgen" and module.startswith(prefix + "."))
            if matches and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    if best < 0:
        raise LookupError(f"{module} belongs to no layer: add it to LAYERS in tests/test_architecture.py")
    return best


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    """Whether ``from mcdocgen import name`` names a module or package (not, say, ``__version__``)."""
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").exists()


def imported_modules(source: str, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, module) for every mcdocgen module a source imports, at any depth of the tree."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "mcdocgen"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                package = module.split(".") if is_package else module.split(".")[:-1]
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if base.split(".")[0] != "mcdocgen":
                continue
            # `from mcdocgen.engine import derive` may name a submodule; both sit in one layer
            # unless the base is the top package, where the name decides.
            if base == "mcdocgen":
                found += [(node.lineno, f"mcdocgen.{a.name}" if _is_module(a.name) else base) for a in node.names]
            else:
                found.append((node.lineno, base))
    return found


def upward_imports(source: str, module: str, is_package: bool = False) -> list[str]:
    """Every import in ``source`` that reaches a later layer than ``module``'s, as readable text."""
    own = layer_of(module)
    problems = []
    for line, target in imported_modules(source, module, is_package):
        theirs = layer_of(target)
        if theirs > own and target not in ALLOWED_UPWARD.get(module, ()):
            problems.append(f"{module}:{line} imports {target} ({LAYERS[own][0]} -> {LAYERS[theirs][0]})")
    return problems


def checks_work_read(source: str, module: str, is_package: bool = False) -> list[str]:
    """Every import in ``source`` of present or publish that reaches the check stage's work, not its records."""
    if layer_of(module) not in (_layer("present"), _layer("publish")):
        return []
    allowed = CHECKS_RECORDS + CHECKS_READ_BY.get(module, ())
    return [f"{module}:{line} imports {target} (the check stage's work, not its records)"
            for line, target in imported_modules(source, module, is_package)
            if layer_of(target) == _layer("checks") and target not in allowed]


def _layer(name: str) -> int:
    return next(i for i, (layer, _) in enumerate(LAYERS) if layer == name)


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_layer():
    for path in modules():
        layer_of(module_name(path))


def test_no_stage_imports_from_a_later_stage():
    problems = []
    for path in modules():
        problems += upward_imports(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
    assert problems == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("mcdocgen.catalog.schema", "from mcdocgen.cli import main\n"),
        ("mcdocgen.engine.derive", "def f():\n    from mcdocgen.checks import verify\n"),
        ("mcdocgen.language.parse", "import mcdocgen.present.latex\n"),
        ("mcdocgen.present.views", "from ..publish import render\n"),
        ("mcdocgen.errors", "from mcdocgen import cli\n"),
    ],
)
def test_an_upward_import_is_caught(module, source):
    assert len(upward_imports(source, module)) == 1


def test_downward_and_sideways_imports_pass():
    source = "from mcdocgen.language import shapes\nfrom mcdocgen import errors, __version__\nfrom . import rules\n"
    assert upward_imports(source, "mcdocgen.engine.derive") == []


def test_present_and_publish_read_only_the_checks_records():
    problems = []
    for path in modules():
        problems += checks_work_read(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")
    assert problems == []


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("mcdocgen.present.facts", "from mcdocgen.checks.setup_facts import used_facts\n"),
        ("mcdocgen.present.views", "def f():\n    from mcdocgen.checks import verify\n"),
        ("mcdocgen.present.facts", "from mcdocgen.checks.sampling import sample\n"),
        ("mcdocgen.publish.page", "import mcdocgen.checks.evaluate\n"),
    ],
)
def test_present_reading_the_checks_work_is_caught(module, source):
    assert len(checks_work_read(source, module)) == 1


def test_present_reading_the_checks_records_passes():
    source = "from mcdocgen.checks.results import Verification\nfrom mcdocgen.engine import layout\n"
    assert checks_work_read(source, "mcdocgen.present.views") == []
    assert checks_work_read("from mcdocgen.checks.sampling import sample\n", "mcdocgen.commands.check") == []


def test_no_module_is_longer_than_the_limit():
    long = {module_name(p): n for p in modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_the_code_page_names_every_module():
    """docs/code.md, the contributors' map of the code, lists every module (a new one included): by its
    path, or a sub-package (engine/simplify/) as one row; a stage's folder, which the page names in its
    table of stages, does not stand for the modules in it."""
    page = (PACKAGE.parent / "docs" / "code.md").read_text(encoding="utf-8")
    missing = []
    for path in modules():
        relative = path.relative_to(PACKAGE).as_posix()
        if path.name in ("__init__.py", "__main__.py"):
            continue
        folder = path.parent.relative_to(PACKAGE)
        if f"`{relative}`" not in page and not (len(folder.parts) > 1 and f"`{folder.as_posix()}/`" in page):
            missing.append(relative)
    assert missing == []
