"""mcdocgen.publish.katex (the package, its vendored CSS and fonts, the node renderer) and
mcdocgen.publish.math_hook (formulas in a page replaced by KaTeX's output and a readable twin)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from mcdocgen.errors import SiteError
from mcdocgen.publish.katex import (
    KATEX_VERSION,
    MACROS,
    Formula,
    FormulaError,
    Renderer,
    FONT_CLASSES,
    find_package,
    fonts_used,
    katex_files,
    package_candidates,
    vendor_katex,
    vendored_css,
)
from mcdocgen.present.mathtext import WORDS_MARK
from mcdocgen.publish.math_hook import ARITHMATEX, compact_html, fill_page, render_page


@pytest.fixture(scope="module")
def package() -> Path:
    return find_package(package_candidates())


@pytest.fixture(scope="module")
def renderer(package: Path):
    with Renderer(package) as renderer:
        yield renderer


# --- the package --------------------------------------------------------------------------------


def test_the_locked_package_is_the_pinned_version(package: Path) -> None:
    lock = json.loads((Path(__file__).resolve().parent.parent / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/katex"]["version"] == KATEX_VERSION
    assert json.loads((package / "package.json").read_text(encoding="utf-8"))["version"] == KATEX_VERSION


def test_a_missing_package_says_to_run_make_node(tmp_path: Path) -> None:
    with pytest.raises(SiteError, match=r"KaTeX 0\.19\.1 is not installed .*not found.*run `make node`"):
        find_package([tmp_path / "node_modules" / "katex"])


def test_another_version_is_refused(tmp_path: Path, package: Path) -> None:
    other = tmp_path / "katex"
    other.mkdir()
    (other / "package.json").write_text('{"version": "0.16.22"}', encoding="utf-8")
    with pytest.raises(SiteError, match=r"version 0\.16\.22, not 0\.19\.1"):
        find_package([other])
    assert find_package([other, package]) == package  # the next candidate is taken


def test_only_the_css_the_woff2_fonts_and_the_licence_are_shipped(package: Path) -> None:
    files = katex_files(package)
    fonts = [name for name in files if name.startswith("fonts/")]
    assert len(fonts) == 20 and all(name.endswith(".woff2") for name in fonts)
    assert set(files) - set(fonts) == {"katex.min.css", "LICENSE"}


def test_the_vendored_css_names_only_woff2_fonts_that_are_shipped(package: Path, tmp_path: Path) -> None:
    vendor_katex(package, tmp_path)
    css = (tmp_path / "katex.min.css").read_text(encoding="utf-8")
    urls = re.findall(r"url\(([^)]+)\)", css)
    assert len(urls) == 20 and all(url.endswith(".woff2") and (tmp_path / url).is_file() for url in urls)
    assert "format(\"woff\")" not in css and "truetype" not in css
    assert sum(p.stat().st_size for p in tmp_path.rglob("*")) < 320_000


def test_css_of_another_version_is_refused() -> None:
    with pytest.raises(SiteError, match=r"KaTeX 0\.16\.9, not 0\.19\.1"):
        vendored_css('.katex-version:after{content:"0.16.9"}')
    with pytest.raises(SiteError, match=r"\(unknown\)"):
        vendored_css(".katex{}")


# --- the renderer -------------------------------------------------------------------------------


def test_inline_and_display_math_render_with_mathml_and_no_tab_stop(renderer: Renderer) -> None:
    inline, display = renderer.render([Formula(r"\mathbf{x}^{\top} A \mathbf{x}", False), Formula("a = b", True)])
    assert inline.startswith('<span class="katex"><span class="katex-mathml"><math')
    assert '<annotation encoding="application/x-tex">\\mathbf{x}^{\\top} A \\mathbf{x}</annotation>' in inline
    assert '<span class="katex-html" aria-hidden="true">' in inline  # read once, from the MathML
    assert display.startswith('<span class="katex-display">') and 'display="block"' in display
    assert "tabindex" not in inline + display


def test_rendering_is_deterministic(renderer: Renderer, package: Path) -> None:
    formulas = [Formula(r"\frac{\partial f}{\partial X} = X^{-\top}", True)]
    first = renderer.render(formulas)
    with Renderer(package) as other:
        assert other.render(formulas) == first == renderer.render(formulas)


def test_bm_is_boldsymbol_as_in_the_handouts(renderer: Renderer) -> None:
    assert MACROS == {r"\bm": r"\boldsymbol{#1}"}
    bm, bold = renderer.render([Formula(r"\bm{x}", False), Formula(r"\boldsymbol{x}", False)])
    assert bm.replace(r"\bm{x}", "") == bold.replace(r"\boldsymbol{x}", "")


def test_the_fonts_a_formula_uses_are_read_from_its_classes(renderer: Renderer) -> None:
    """Main-Regular with any math; the others from the classes that select them. Whether Chromium
    fetches the same is test_browser_math's question."""
    font = "vendor/katex/fonts/KaTeX_{}.woff2".format
    plain, italic, bold, bigl = renderer.render(
        [Formula("1 + 2", False), Formula("x", False), Formula(r"\mathbf{x}", False), Formula(r"\bigl( a \bigr)", False)])
    assert fonts_used([]) == []
    assert fonts_used([plain]) == [font("Main-Regular")]
    assert fonts_used([italic, plain]) == [font("Main-Regular"), font("Math-Italic")]
    assert font("Main-Bold") in fonts_used([bold])
    assert font("Size1-Regular") in fonts_used([bigl])


def test_every_font_a_class_selects_is_shipped(package: Path) -> None:
    shipped = {path.removeprefix("fonts/KaTeX_").removesuffix(".woff2") for path in katex_files(package)}
    assert set(FONT_CLASSES.values()) <= shipped


# Every TeX command and environment the generated pages and the hand-written pages use (found
# by reading every formula of a built site), one formula each.
PAGE_TEX = [
    r"\frac{\partial f}{\partial \mathbf{x}}", r"\left(\mathbf{x}\right)^{\top}", r"\operatorname{tr}\left(A B\right)",
    r"a\,b\;c\quad d\qquad e", r"a \cdot b", r"\mathrm{d}X", r"X \in (n, n)", r"A \otimes B", r"\text{ fixed}",
    r"G \circ I", r"\left.f\right\vert_{x = 0}", r"\left\langle A, B \right\rangle", r"n \times m", r"\det X",
    r"\left\lVert \mathbf{v} \right\rVert_{1}", r"\lvert v_i \rvert", r"\begin{bmatrix} a & b \\ c & d \end{bmatrix}",
    r"\ln x + \log x + \exp x", r"\sigma \lambda \delta \eta \varphi", r"\max(0, x)", r"\{ s : s \in [0, 1] \}",
    r"\tfrac{1}{2}", r"x \le y", r"\nabla f", r"\cos x \sin x \tanh x \arctan x", r"x \approx y", r"\sum_i e^{v_i}",
    r"\bm{W}", r"\mathbf{1}^{\top}", r"X^{-1}",
]


def test_every_command_the_pages_use_renders(renderer: Renderer) -> None:
    rendered = renderer.render([Formula(tex, False) for tex in PAGE_TEX])
    assert all('class="katex"' in html for html in rendered)


@pytest.mark.parametrize(
    ("tex", "reason"),
    [
        (r"\frac{1}", "Unexpected end of input in a macro argument"),
        (r"\undefinedcommand x", r"Undefined control sequence: \\undefinedcommand"),
        (r"x^{2", "Expected '}'"),
        ("é", "LaTeX-incompatible input"),  # a warning in KaTeX's default mode, an error here
    ],
)
def test_bad_tex_is_a_formula_error_and_the_renderer_goes_on(renderer: Renderer, tex: str, reason: str) -> None:
    with pytest.raises(FormulaError, match=reason) as err:
        renderer.render([Formula("x", False), Formula(tex, False)])
    assert err.value.formula == Formula(tex, False)
    assert "\n" not in str(err.value)
    assert renderer.render([Formula("y", False)])[0].startswith('<span class="katex">')


def test_a_request_and_reply_larger_than_a_pipe_buffer(renderer: Renderer) -> None:
    formulas = [Formula(rf"\frac{{\partial f}}{{\partial x_{{{i}}}}} = \mathbf{{w}}^{{\top}}", i % 2 == 0) for i in range(3000)]
    assert sum(len(f.tex) for f in formulas) > 100_000
    rendered = renderer.render(formulas)
    assert len(rendered) == 3000 and "x_{2999}" in rendered[-1]


def test_no_formulas_ask_nothing(renderer: Renderer) -> None:
    assert renderer.render([]) == []


def _fake_node(folder: Path, script: str) -> str:
    path = folder / "fake-node"
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(0o755)
    return str(path)


def test_a_missing_node_is_a_clear_error(package: Path) -> None:
    with pytest.raises(SiteError, match=r"node \(Node.js\) is not on PATH.*make node"):
        Renderer(package, node="mcdocgen-no-such-node")


def test_a_silent_node_is_stopped_after_the_timeout(package: Path, tmp_path: Path) -> None:
    node = _fake_node(tmp_path, "exec sleep 30")
    with pytest.raises(SiteError, match=r"did not answer in 0\.3 s"):
        Renderer(package, timeout=0.3, node=node)


def test_a_node_that_exits_reports_its_error_output(package: Path, tmp_path: Path) -> None:
    node = _fake_node(tmp_path, "echo 'Error: Cannot find module katex' >&2; exit 3")
    with pytest.raises(SiteError, match=r"exited \(status 3\): Error: Cannot find module katex"):
        Renderer(package, node=node)


def test_another_running_version_is_refused(package: Path, tmp_path: Path) -> None:
    node = _fake_node(tmp_path, """echo '{"version": "0.16.22"}'; exec sleep 30""")
    with pytest.raises(SiteError, match=r"runs KaTeX 0\.16\.22, not 0\.19\.1"):
        Renderer(package, node=node)


# --- the hook -----------------------------------------------------------------------------------


def test_a_page_gets_katex_output_and_a_readable_twin(renderer: Renderer) -> None:
    page = (
        '<p>With <span class="arithmatex">\\(a &lt; b^{\\top}\\)</span>, </p>\n'
        '<div class="arithmatex">\\[\n\\frac{1}{x}\n\\]</div>\n<p>end</p>'
    )
    content, rendered = render_page(page, renderer, "problems/x.md")
    assert len(rendered) == 2 and 'class="katex' not in content  # what the search plugin reads
    assert '<span class="arithmatex"><!--mcdocgen-katex:0--><span class="math-text" hidden>' in content
    out = fill_page(content, rendered, "problems/x.md")
    assert ARITHMATEX.search(out) is None and "mcdocgen-katex" not in out
    assert out.startswith('<p>With <span class="arithmatex"><span class="katex">')
    # the words marked for the search index, which takes them out of the text (publish.page.math_words_apart)
    assert f'<span class="math-text" hidden>a &lt; b^T {WORDS_MARK}transpose{WORDS_MARK}</span></span>, </p>' in out
    assert '<div class="arithmatex"><span class="katex-display">' in out
    assert '<span class="math-text" hidden>1/x</span></div>\n<p>end</p>' in out
    # KaTeX's copy of the TeX source is left out of the page; its MathML stays
    assert "<annotation" not in out and out.count("<semantics><mrow>") == 2


def test_a_page_without_math_is_unchanged(renderer: Renderer) -> None:
    page = "<p>$5 and \\(not math\\)</p>"
    assert render_page(page, renderer, "a.md") == (page, [])
    assert fill_page(page, [], "a.md") == page


def test_a_formula_missing_from_the_finished_page_is_an_error(renderer: Renderer) -> None:
    content, rendered = render_page('<span class="arithmatex">\\(x\\)</span>', renderer, "a.md")
    with pytest.raises(PluginError, match=r"a\.md: 1 formulas rendered, 0 placed in the page"):
        fill_page("<html></html>", rendered, "a.md")
    with pytest.raises(PluginError, match="has no rendered formula"):
        fill_page(content + "<!--mcdocgen-katex:1-->", rendered, "a.md")


def test_bad_tex_names_the_page_and_the_formula_on_one_line(renderer: Renderer) -> None:
    page = '<p><span class="arithmatex">\\(x\\)</span> and <div class="arithmatex">\\[\n\\frac{1}\n\\]</div></p>'
    with pytest.raises(PluginError) as err:
        render_page(page, renderer, "problems/topic/bad.md")
    message = str(err.value)
    assert message.startswith(r"problems/topic/bad.md: KaTeX cannot render \[\frac{1}\]: ")
    assert message.endswith("Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{1}")
    assert "\n" not in message


def test_a_finished_page_loses_the_indentation_between_tags_but_not_inside_code() -> None:
    page = ('<nav>\n    <ul>\n      <li><a href="x/">A  b</a></li>  <li>c</li>\n\n    </ul>\n</nav>\n'
            '<pre><code>def f():\n    <span class="k">return</span>\n\n    1</code></pre>\n  <p>x</p>'
            '<script>\n  var a = "\n  <b>";\n</script>\n  <textarea>\n  t\n</textarea>\n  <style>\n a{}\n</style>')
    assert compact_html(page) == (
        '<nav>\n<ul>\n<li><a href="x/">A  b</a></li>  <li>c</li>\n</ul>\n</nav>\n'
        '<pre><code>def f():\n    <span class="k">return</span>\n\n    1</code></pre>\n<p>x</p>'
        '<script>\n  var a = "\n  <b>";\n</script>\n<textarea>\n  t\n</textarea>\n<style>\n a{}\n</style>')
    assert compact_html(compact_html(page)) == compact_html(page)
