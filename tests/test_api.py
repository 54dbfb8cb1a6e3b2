"""The Python API (mcdocgen.api.derive): the same results and checks as `mcdocgen check` gives the
catalog's problems, and a Markdown display that the site's own Markdown configuration renders."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml

from mcdocgen.api import Derivation, derive
from mcdocgen.catalog import Catalog, load_catalog
from mcdocgen.commands.pipeline import run_catalog
from mcdocgen.errors import McdocgenError
from mcdocgen.language import Layout
from mcdocgen.publish import paths

ROOT = Path(__file__).resolve().parent.parent
#: Five catalog problems of different kinds, none with named steps or a Hessian (derive names none).
IDS = ("ex1-abs", "ex4-dot-square", "ex5-least-squares", "log-determinant", "matrix-chain")


def _shape(spec: dict) -> str:
    shape = ",".join(str(s) for s in spec.get("shape", []))
    return shape + (":" + ",".join(spec["assume"]) if spec.get("assume") else "")


@pytest.fixture(scope="module")
def pairs() -> list[tuple[Derivation, object]]:
    raw = {p["id"]: p for p in yaml.safe_load((ROOT / "derivations.yaml").read_text(encoding="utf-8"))["problems"]}
    catalog = load_catalog(ROOT / "derivations.yaml")
    chosen = [p for p in catalog.problems if p.id in IDS]
    assert sorted(p.id for p in chosen) == sorted(IDS)
    checked = {o.view.id: o.view for o in run_catalog(Catalog(catalog.path, tuple(chosen)), None)}
    out = []
    for pid in IDS:
        entry = raw[pid]
        variables = {name: _shape(spec) for name, spec in entry["variables"].items()}
        derived = derive(entry["expression"], wrt=entry["wrt"], expected=entry.get("expected"), **variables)
        out.append((derived, checked[pid]))
    return out


def test_derive_agrees_with_check_on_five_catalog_problems(pairs):
    for derived, view in pairs:
        assert derived.ok and view.ok, view.id
        assert derived.wrt == tuple(r.wrt for r in view.results)
        for r in view.results:
            for layout in Layout:
                assert derived.result(r.wrt, layout) == r.layout(layout).result_text, (view.id, r.wrt, layout)
                assert derived.latex(r.wrt, layout) == r.layout(layout).result.latex
        # an erratum belongs to the catalog's problem (what its source says), not to the expression
        assert [(c.wrt, c.name, c.passed) for c in derived.checks] == \
            [(r.wrt, c.name, c.passed) for r in view.results for c in r.checks if c.name != "erratum"], view.id


def test_the_steps_end_in_the_result():
    d = derive("norm(X @ w - y)**2", X="m,n", w="n", y="m", wrt="w")
    assert d.result() == "2 * X.T @ (X @ w - y)"
    steps = d.steps("w", "numerator")
    assert steps[0] == "d u_1/d w = X" and steps[-1] == "= " + d.result(layout="numerator")
    assert "verified" in repr(d) and "d/dw = 2 * X.T @ (X @ w - y)" in repr(d)


def test_the_markdown_display_renders_with_the_sites_markdown_configuration():
    d = derive("tr(A @ X)", A="n,n", X="n,n", wrt="X")
    config = yaml.load(paths.site_config().read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    extensions, settings = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        extensions.append(name)
        if options:
            settings[name] = options
    html = markdown.Markdown(extensions=extensions, extension_configs=settings).convert(d._repr_markdown_())
    assert 'class="arithmatex"' in html and "tabbed-set" in html  # the math and the layout switch
    assert "Numerator" in html and "Denominator" in html


def test_mistakes_are_the_loaders():
    with pytest.raises(McdocgenError, match="X"):
        derive("tr(X)", X="m,n:positive")
    with pytest.raises(McdocgenError):
        derive("tr(A @ X)", A="n,n", X="n,n").result()  # two variables: name one


def _formulas(latex: str) -> list[str]:
    """The ``align*`` environments of a LaTeX display, each whole."""
    blocks = [b for b in latex.strip().split("\n\n") if b]
    assert all(b.startswith("\\begin{align*}\n") and b.endswith("\n\\end{align*}") for b in blocks), latex
    return blocks


def test_the_latex_display_has_the_steps_and_both_layouts():
    d = derive("norm(X @ w - y)**2", X="m,n", w="n", y="m", wrt="w")
    latex = d._repr_latex_()
    [block] = _formulas(latex)
    rows = block.splitlines()[1:-1]
    num, den = rows.index(r"&\text{Numerator layout} \\"), rows.index(r"&\text{Denominator layout} \\")
    assert 0 < num < den
    for index, layout in ((num, Layout.NUMERATOR), (den, Layout.DENOMINATOR)):
        view = d.view.results[0].layout(layout)
        part = rows[index:den] if layout is Layout.NUMERATOR else rows[den:]
        steps = [row for row in part if row.startswith(r"\frac{\partial \mathbf{u}")]
        assert [row.split(" &= ")[1].split(" && ")[0] for row in steps] == [s.value for s in view.locals[:2]]
        assert any(row.startswith(r"\frac{\partial f}{\partial \mathbf{w}} &= " + view.result.latex) for row in part)
    assert rows[-1] == r"&\text{verified: numeric, components, steps}"


def test_the_latex_display_renders_with_temml_and_compiles_with_pdflatex(pairs, tmp_path):
    """Temml (as a notebook's MathJax would) reads every environment of the five problems, and the
    same text compiles in a LaTeX document (nbconvert's export puts text/latex in one as it is)."""
    import shutil
    import subprocess

    from mcdocgen.publish.mathml import Formula, Renderer, find_package, package_candidates

    others = [derive("x.T @ A @ x", x="n", A="n,n:symmetric", wrt="x"),  # a symmetric variable's A^T = A
              derive("x**3", x="", wrt="x", hessian="x"),                  # one step; a second derivative
              derive("X @ x", X="n,n:symmetric", x="n", wrt="X")]         # not derived (a known gap)
    assert not others[2].ok and r"\text{not derived}" in others[2]._repr_latex_()
    blocks = [b for derived in [*(d for d, _ in pairs), *others] for b in _formulas(derived._repr_latex_())]
    with Renderer(find_package(package_candidates())) as renderer:
        html = renderer.render([Formula(b, True) for b in blocks])
    assert all(h.startswith('<math display="block"') for h in html)
    if not shutil.which("latexmk"):
        pytest.skip("no latexmk")
    body = "\n\n".join(blocks)
    (tmp_path / "d.tex").write_text("\\documentclass{article}\n\\usepackage{amsmath,amssymb,bm}\n"
                                    f"\\begin{{document}}\n{body}\n\\end{{document}}\n", encoding="utf-8")
    proc = subprocess.run(["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "d.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-2000:]


def test_the_examples_of_the_docstrings_are_true():
    """The module's examples are the API page's first example: doctest runs them."""
    import doctest

    import mcdocgen.api

    assert doctest.testmod(mcdocgen.api, verbose=False).failed == 0
