"""mcdocgen.publish.mathml (the Temml package, the vendored stylesheet and font, the node renderer
with its repairs, mathml.js) and mcdocgen.publish.math_hook (formulas in a page replaced by their
MathML and a readable twin)."""

from __future__ import annotations

import json
import re
import subprocess
from xml.etree import ElementTree
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

import language_support
from language_support import SQUARED_CALLS
from mcdocgen import language as E
from mcdocgen.errors import SiteError
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.publish import mathml
from mcdocgen.publish.mathml import (
    FONT_FILE,
    MATH_DIR,
    MACROS,
    TEMML_VERSION,
    Formula,
    FormulaError,
    Renderer,
    find_package,
    fonts_used,
    package_candidates,
    stylesheet,
    vendor_math,
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
    assert lock["packages"]["node_modules/temml"]["version"] == TEMML_VERSION
    assert json.loads((package / "package.json").read_text(encoding="utf-8"))["version"] == TEMML_VERSION


def test_a_missing_package_says_to_run_make_node(tmp_path: Path) -> None:
    with pytest.raises(SiteError, match=r"Temml 0\.13\.5 is not installed .*not found.*run `make node`"):
        find_package([tmp_path / "node_modules" / "temml"])


def test_another_version_is_refused(tmp_path: Path, package: Path) -> None:
    other = tmp_path / "temml"
    other.mkdir()
    (other / "package.json").write_text('{"version": "0.10.0"}', encoding="utf-8")
    with pytest.raises(SiteError, match=r"version 0\.10\.0, not 0\.13\.5"):
        find_package([other])
    assert find_package([other, package]) == package  # the next candidate is taken


def test_a_formula_the_math_font_has_no_glyph_for_is_an_error(renderer: Renderer) -> None:
    """The font is cut down to the characters formulas may use (scripts/subset_math_font.py):
    another would be drawn in some other font, so it fails the build, named."""
    with pytest.raises(FormulaError, match=r"the math font has no glyph for U\+1D49C 𝒜 \(scripts/subset_math_font\.py"):
        renderer.render([Formula(r"\mathcal{A} + x", False)])
    assert renderer.render([Formula(r"\alpha \otimes \mathbf{X} \circ \boldsymbol{\mu} \le \lVert x \rVert", False)])


def test_the_stylesheet_names_only_the_shipped_font_with_a_math_table(package: Path, tmp_path: Path) -> None:
    vendor_math(package, tmp_path)
    css = (tmp_path / "mathml.css").read_text(encoding="utf-8")
    assert re.findall(r"url\(([^)]+)\)", css.split("mask-image")[0]) == [FONT_FILE]
    assert "unicode-range" not in css  # fontsource's Latin range would send 𝑥 (U+1D465) to another font
    assert "font-family: 'STIX Two Math', math;" in css and "font-family: STIX2" not in css
    assert "MATH" in _woff2_tables((tmp_path / FONT_FILE).read_bytes())  # brackets can stretch
    assert {p.name for p in tmp_path.iterdir()} == {"mathml.css", FONT_FILE, "LICENSE-temml", "LICENSE-stix-two-math"}
    assert (tmp_path / FONT_FILE).stat().st_size < 150_000, "the subset, not the whole 403 KB font"
    # what mathml.js compact() leaves out of every cell and display formula, said once (after Temml's rules)
    assert css.index("mtd{padding-left:0;padding-right:0}") > css.index("mtable.tml-jot > mtr > mtd")
    assert css.index("math.tml-display{display:block math}") > css.index("math.tml-display {")


# the WOFF2 spec's known table tags, by the index a table directory entry's flags give
_KNOWN_TAGS = ("cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "cvt", "fpgm", "glyf", "loca", "prep",
               "CFF", "VORG", "EBDT", "EBLC", "gasp", "hdmx", "kern", "LTSH", "PCLT", "VDMX", "vhea", "vmtx", "BASE",
               "GDEF", "GPOS", "GSUB", "EBSC", "JSTF", "MATH")


def _woff2_tables(data: bytes) -> list[str]:
    """The table tags of a WOFF2 font's directory (header: 48 bytes; numTables at 12)."""
    assert data[:4] == b"wOF2"
    count, at, tags = int.from_bytes(data[12:14], "big"), 48, []

    def base128() -> None:
        nonlocal at
        while data[at] & 0x80:
            at += 1
        at += 1

    for _ in range(count):
        flags, at = data[at], at + 1
        if flags & 0x3F == 63:
            tags.append(data[at:at + 4].decode("latin-1"))
            at += 4
        else:
            tags.append(_KNOWN_TAGS[flags & 0x3F] if flags & 0x3F < len(_KNOWN_TAGS) else "?")
        base128()  # origLength
        transformed = (flags >> 6) != 0 if tags[-1] not in ("glyf", "loca") else (flags >> 6) == 0
        if transformed:
            base128()  # transformLength
    return tags


def test_a_stylesheet_of_another_version_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "Temml-STIX2.css").write_text("math { color: red }", encoding="utf-8")
    with pytest.raises(SiteError, match=r"not the stylesheet of Temml 0\.13\.5"):
        stylesheet(tmp_path)


# --- the renderer -------------------------------------------------------------------------------


def test_inline_and_display_math_render_as_mathml_and_no_tab_stop(renderer: Renderer) -> None:
    inline, display = renderer.render([Formula(r"\mathbf{x}^{\top} A \mathbf{x}", False), Formula("a = b", True)])
    assert inline == "<math><mrow><msup><mi>𝐱</mi><mi>⊤</mi></msup><mi>A</mi><mi>𝐱</mi></mrow></math>"
    assert display.startswith('<math display="block" class="tml-display"') and display.endswith("</math>")
    assert "<annotation" not in inline + display and "tabindex" not in inline + display


def test_rendering_is_deterministic(renderer: Renderer, package: Path) -> None:
    formulas = [Formula(r"\frac{\partial f}{\partial X} = X^{-\top}", True)]
    first = renderer.render(formulas)
    with Renderer(package) as other:
        assert other.render(formulas) == first == renderer.render(formulas)


def test_bm_is_boldsymbol_as_in_the_handouts(renderer: Renderer) -> None:
    assert MACROS == {r"\bm": r"\boldsymbol{#1}"}
    bm, bold = renderer.render([Formula(r"\bm{x}", False), Formula(r"\boldsymbol{x}", False)])
    assert bm.replace(r"\bm{x}", "") == bold.replace(r"\boldsymbol{x}", "")


def test_a_page_with_math_gets_the_math_font_and_one_without_none(renderer: Renderer) -> None:
    """Whether Chromium fetches the same is test_browser_math's question."""
    assert fonts_used([]) == []
    assert fonts_used(renderer.render([Formula("x", False)])) == [f"{MATH_DIR}/{FONT_FILE}"]


# the repairs of mathml.js (bench/mathml.md): what Chromium would otherwise draw worse than KaTeX


def test_fences_around_line_high_content_do_not_stretch_and_around_a_fraction_do(renderer: Renderer) -> None:
    small, tall, outer = renderer.render([
        Formula(r"\operatorname{diag}\left(\cos\left(\mathbf{u}_{1}\right)\right)", False),
        Formula(r"\left(\frac{a}{b}\right)", True), Formula(r"\left(x + \left(\frac{a}{b}\right)\right)", True)])
    assert small.count('stretchy="false"') == 4 and 'stretchy="true"' not in small
    assert tall.count('stretchy="true"') == 2
    assert outer.count('stretchy="true"') == 4  # a pair around a tall pair is tall too


def test_mathopen_adds_no_space_after_an_operator_name(renderer: Renderer) -> None:
    with_open, without = renderer.render([Formula(r"\operatorname{tr}\mathopen{}\left(A\right)", False),
                                          Formula(r"\operatorname{tr}\left(A\right)", False)])
    assert with_open == without and "mspace" not in with_open


def test_an_empty_fence_has_no_operator_spacing(renderer: Renderer) -> None:
    (bar,) = renderer.render([Formula(r"\left.\frac{\partial f}{\partial x}\right\vert_{x = 0}", True)])
    assert '<mrow><mo fence="true" stretchy="true" lspace="0em" rspace="0em"></mo>' in bar


def test_attributes_that_draw_nothing_are_left_out(renderer: Renderer) -> None:
    """Screenshots of pages before and after are identical (bench/mathml.md)."""
    inline, display = renderer.render([Formula(r"f\left(x, y\right) = -x", False),
                                       Formula(r"\begin{bmatrix} a & b \end{bmatrix}", True)])
    assert '<mrow><mo stretchy="false">(</mo><mi>x</mi><mo>,</mo>' in inline
    assert '<mrow><mo>−</mo><mi>x</mi></mrow>' in inline  # prefix: first in its row; no minus stretches
    assert not re.search(r"form=|fence=|separator=", inline + display)
    assert display.startswith('<math display="block" class="tml-display"><mrow><mo stretchy="true">[</mo>')
    assert '<mtd style="padding-right:5.9776pt;"><mi>a</mi></mtd><mtd style="padding-left:5.9776pt;">' in display


def _compact(mml: str) -> subprocess.CompletedProcess[str]:
    script = "process.stdout.write(require(process.argv[1]).compact(process.argv[2]))"
    return subprocess.run(["node", "-e", script, str(Path(mathml.__file__).with_name("mathml.js")), mml],
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(
    ("mml", "compact"),
    [  # a form MathML Core would not infer so: in the middle, or alone but for space-like siblings
        ('<math><mrow><mi>a</mi><mo form="prefix">−</mo><mi>b</mi></mrow></math>', None),
        ('<math><mrow><mspace width="1em"></mspace><mo form="prefix">−</mo></mrow></math>', None),
        # fence="true" stays where the operator dictionary does not say it
        ('<math><mrow><mo fence="true" form="prefix"></mo><mi>a</mi><mo fence="true" form="postfix">/</mo></mrow></math>',
         '<math><mrow><mo fence="true"></mo><mi>a</mi><mo fence="true">/</mo></mrow></math>'),
        ('<math><mrow><mo separator="true">;</mo><mo separator="true">⁣</mo></mrow></math>',
         '<math><mrow><mo>;</mo><mo separator="true">⁣</mo></mrow></math>'),
        # a cell without padding of its own keeps the UA's, which the stylesheet's mtd rule would change
        ("<math><mtable><mtr><mtd><mi>a</mi></mtd></mtr></mtable></math>",
         '<math><mtable><mtr><mtd style="padding-left:0.4em;padding-right:0.4em;"><mi>a</mi></mtd></mtr></mtable></math>'),
        # a fence's stretchy="false" stays (Chromium would stretch it to its neighbours), and so does an
        # operator's under or over a base (where a stretchy one would stretch across)
        ('<math><mrow><mo stretchy="false">(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac><mo stretchy="false">)</mo></mrow></math>',
         None),
        ('<math><munder><mi>x</mi><mo stretchy="false">−</mo></munder></math>', None),
        # a minus no dictionary entry stretches; a prefix one (first in its row) is unspaced by the dictionary
        ('<math><msup><mi>e</mi><mrow><mo stretchy="false" lspace="0em" rspace="0em">−</mo><mi>x</mi></mrow></msup></math>',
         '<math><msup><mi>e</mi><mrow><mo>−</mo><mi>x</mi></mrow></msup></math>'),
        # an infix minus (between two operands) and an empty fence keep the spacing written for them
        ('<math><mrow><mi>a</mi><mo lspace="0em" rspace="0em">−</mo><mi>b</mi></mrow></math>', None),
        ('<math><mrow><mo fence="true" stretchy="true" lspace="0em" rspace="0em"></mo><mi>a</mi></mrow></math>', None),
    ],
)
def test_compact_keeps_what_may_draw(mml: str, compact: str | None) -> None:
    assert _compact(mml).stdout == (compact or mml)


def test_compact_refuses_markup_it_cannot_read_back() -> None:
    assert "compact: MathML the parser does not read back" in _compact("<math><mspace/></math>").stderr


def test_inline_math_is_cut_where_a_line_may_break(renderer: Renderer) -> None:
    """Chromium breaks no line inside <math>: after a top-level relation or binary operator and at
    a top-level \\allowbreak an inline formula starts a new <math>; a display formula stays whole."""
    shapes, nested, display = renderer.render([
        Formula(r"(1, n) = (1, 1)\allowbreak (1, n) + (1, n)", False),
        Formula(r"\left(a = b\allowbreak c\right)", False), Formula("a = b + c", True)])
    pieces = re.findall(r"<math>.*?</math>", shapes)
    assert "".join(pieces) == shapes and len(pieces) == 4
    assert pieces[0].endswith("<mo>=</mo></mrow></math>") and pieces[2].endswith("<mo>+</mo></mrow></math>")
    assert nested.count("<math") == 1 and display.count("<math") == 1


def test_no_line_breaks_between_a_function_name_and_its_bracket(renderer: Renderer) -> None:
    """Temml's wrap also cuts after the invisible function application that follows tr or diag: the cut went
    between "tr" and "(A)" on 185 pages (review s36 B-4). A name stays with its bracket; the + still cuts."""
    (inline,) = renderer.render([Formula(r"\operatorname{tr}\mathopen{}\left(A\right)"
                                         r"\operatorname{tr}\mathopen{}\left(B\right) + x", False)])
    pieces = re.findall(r"<math>.*?</math>", inline)
    assert "".join(pieces) == inline and len(pieces) == 2
    assert not any(piece.endswith("<mo>\u2061</mo></mrow></math>") for piece in pieces)
    assert pieces[0].endswith("<mo>+</mo></mrow></math>")



def test_no_line_breaks_after_a_hadamard_sign_beside_a_short_operand(renderer: Renderer) -> None:
    """Review s37 C-1: softmax-batch's Since line broke inside "T ⊘ | M" at 390 px. A cut after ∘ or ⊘ is taken back
    where the operand on either side is short; between two long operands, and after = or +, it stays."""
    (inline,) = renderer.render([Formula(r"T \oslash M = \left(X + Y\right) \circ \left(Z + W\right) + E \circ F", False)])
    pieces = re.findall(r"<math>.*?</math>", inline)
    assert "".join(pieces) == inline and len(pieces) == 4, pieces
    assert "<mi>T</mi><mo>⊘</mo></mrow><mrow><mi>M</mi><mo>=</mo>" in pieces[0]
    assert pieces[1].endswith("<mo>∘</mo></mrow></math>") and "<mi>E</mi><mo>∘</mo></mrow><mrow><mi>F</mi>" in pieces[3]


def test_a_name_stays_with_an_argument_without_brackets_and_ends_a_formula_without_a_space(renderer: Renderer) -> None:
    """Temml sets a thin space after a name no bracket follows: "vec" | "Y" could break apart, and
    "$\\operatorname{vec}$, so" read "vec ," (review s36 C-3)."""
    apart, alone = renderer.render([Formula(r"\operatorname{vec} Y + x", False), Formula(r"\operatorname{vec}", False)])
    pieces = re.findall(r"<math>.*?</math>", apart)
    assert len(pieces) == 2 and "<mi>Y</mi>" in pieces[0], pieces
    assert "mspace" not in alone and "<mi>vec</mi>" in alone

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
    assert all(html.startswith("<math>") and html.endswith("</math>") for html in rendered)


@pytest.mark.parametrize(
    ("tex", "reason"),
    [
        (r"\frac{1}", "Unexpected end of input in a macro argument"),
        (r"\undefinedcommand x", r"Unsupported function name: \\undefinedcommand at position 1: \\undefinedcommand x$"),
        (r"x^{2", "Expected '}'"),
        ("é", "Accented Unicode text character \"é\" used in math mode"),  # strict
    ],
)
def test_bad_tex_is_a_formula_error_and_the_renderer_goes_on(renderer: Renderer, tex: str, reason: str) -> None:
    with pytest.raises(FormulaError, match=reason) as err:
        renderer.render([Formula("x", False), Formula(tex, False)])
    assert err.value.formula == Formula(tex, False)
    assert "\n" not in str(err.value)
    assert renderer.render([Formula("y", False)]) == ["<math><mi>y</mi></math>"]


def test_a_request_and_reply_larger_than_a_pipe_buffer(renderer: Renderer) -> None:
    formulas = [Formula(rf"\frac{{\partial f}}{{\partial x_{{{i}}}}} = \mathbf{{w}}^{{\top}}", i % 2 == 0) for i in range(3000)]
    assert sum(len(f.tex) for f in formulas) > 100_000
    rendered = renderer.render(formulas)
    assert len(rendered) == 3000 and "<msub><mi>x</mi><mn>2999</mn></msub>" in rendered[-1]


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
    node = _fake_node(tmp_path, "echo 'Error: Cannot find module temml' >&2; exit 3")
    with pytest.raises(SiteError, match=r"exited \(status 3\): Error: Cannot find module temml"):
        Renderer(package, node=node)


def test_another_running_version_is_refused(package: Path, tmp_path: Path) -> None:
    node = _fake_node(tmp_path, """echo '{"version": "0.10.0"}'; exec sleep 30""")
    with pytest.raises(SiteError, match=r"runs Temml 0\.10\.0, not 0\.13\.5"):
        Renderer(package, node=node)


# --- the hook -----------------------------------------------------------------------------------


def test_a_page_gets_mathml_and_a_readable_twin_for_search(renderer: Renderer) -> None:
    page = (
        '<p>With <span class="arithmatex">\\(a &lt; b^{\\top}\\)</span>, </p>\n'
        '<div class="arithmatex">\\[\n\\frac{1}{x}\n\\]</div>\n<p>end</p>\n'
        '<table><thead><tr><th>By <span class="arithmatex">\\(y\\)</span></th></tr></thead>'
        '<tbody><tr><td><span class="arithmatex">\\(z\\)</span></td></tr></tbody></table>'
    )
    content, rendered = render_page(page, renderer, "problems/x.md")
    assert len(rendered) == 4 and "<math" not in content  # what the search plugin reads
    # the words marked for the search index, which takes them out of the text (publish.page.math_words_apart)
    assert (f'<span class="arithmatex"><!--mcdocgen-math:0--><span class="math-text" hidden>a &lt; b^T '
            f'{WORDS_MARK}transpose{WORDS_MARK}</span></span>\u2060, </p>') in content   # the comma kept on its line
    assert '<span class="math-text" hidden>1/x</span></div>' in content
    out = fill_page(content, rendered, "problems/x.md")
    assert ARITHMATEX.search(out) is None and "mcdocgen-math" not in out
    assert out.startswith('<p>With <span class="arithmatex"><math><mrow><mi>a</mi><mo>&lt;</mo></mrow></math><math>')
    assert '<div class="arithmatex"><math display="block"' in out
    assert '</math></span>\u2060, </p>' in out and '</math></div>\n<p>end</p>' in out
    # the finished page keeps a twin only where a11y.js reads one: a table's header cell
    assert out.count('class="math-text"') == 1
    assert '<th>By <span class="arithmatex"><math><mi>y</mi></math><span class="math-text" hidden>y</span></span></th>' in out
    assert '<td><span class="arithmatex"><math><mi>z</mi></math></span></td>' in out
    assert "<annotation" not in out and out.count("<math") == 5  # the inline one cut after its relation


def test_a_page_without_math_is_unchanged(renderer: Renderer) -> None:
    page = "<p>$5 and \\(not math\\)</p>"
    assert render_page(page, renderer, "a.md") == (page, [])
    assert fill_page(page, [], "a.md") == page


def test_an_inline_formula_keeps_the_closing_punctuation_after_it_on_its_line(renderer: Renderer) -> None:
    """Chromium breaks after an inline <math> before a ")": "(it may depend on K" then ")" alone on the next
    line (review s36 C-3). A word joiner keeps them together; a word after a space may still go on."""
    content, _ = render_page('<p>(on <span class="arithmatex">\\(K\\)</span>); and '
                             '<span class="arithmatex">\\(x\\)</span> then</p>', renderer, "a.md")
    assert content.count("\u2060") == 1 and "</span>\u2060);" in content, content

def test_a_formula_missing_from_the_finished_page_is_an_error(renderer: Renderer) -> None:
    content, rendered = render_page('<span class="arithmatex">\\(x\\)</span>', renderer, "a.md")
    with pytest.raises(PluginError, match=r"a\.md: 1 formulas rendered, 0 placed in the page"):
        fill_page("<html></html>", rendered, "a.md")
    with pytest.raises(PluginError, match="has no rendered formula"):
        fill_page(content + "<!--mcdocgen-math:1-->", rendered, "a.md")


def test_bad_tex_names_the_page_and_the_formula_on_one_line(renderer: Renderer) -> None:
    page = '<p><span class="arithmatex">\\(x\\)</span> and <div class="arithmatex">\\[\n\\frac{1}\n\\]</div></p>'
    with pytest.raises(PluginError) as err:
        render_page(page, renderer, "problems/topic/bad.md")
    message = str(err.value)
    assert message.startswith(r"problems/topic/bad.md: Temml cannot render \[\frac{1}\]: ")
    assert message.endswith("Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{1}")
    assert "\n" not in message


def test_a_finished_page_loses_its_indentation_but_not_inside_code() -> None:
    page = ('<nav>\n    <ul>\n      <li><a href="x/">A  b</a></li>  <li>c</li>\n\n    </ul>\n</nav>\n'
            '<span class="md-ellipsis">\n    \n      Start  here \t\n    </span> a\u00a0\n  b\n'
            '<pre><code>def f():\n    <span class="k">return</span>\n\n    1</code></pre>\n  <p>x</p>'
            '<script>\n  var a = "\n  <b>";\n</script>\n  <textarea>\n  t\n</textarea>\n  <style>\n a{}\n</style>')
    assert compact_html(page) == (
        '<nav>\n<ul>\n<li><a href="x/">A  b</a></li>  <li>c</li>\n</ul>\n</nav>\n'
        '<span class="md-ellipsis">\nStart  here\n</span> a\u00a0\nb\n'
        '<pre><code>def f():\n    <span class="k">return</span>\n\n    1</code></pre>\n<p>x</p>'
        '<script>\n  var a = "\n  <b>";\n</script>\n<textarea>\n  t\n</textarea>\n<style>\n a{}\n</style>')
    assert compact_html(compact_html(page)) == compact_html(page)


@pytest.mark.parametrize("text", SQUARED_CALLS)
def test_a_power_of_a_call_sits_on_the_whole_call(renderer: Renderer, text: str) -> None:
    # after "tr" the exponent of \operatorname{tr}\left(A\right)^{2} sat on the bracket: tr((A)^2)
    latex = McLatexPrinter().doprint(E.parse(text, language_support.SCOPE))
    html = "".join(renderer.render([Formula(latex, False)]))
    power = ElementTree.fromstring(re.search(r"<(msup|msubsup)>.*</\1>", html)[0])
    base = power[0]
    arguments = {"c", "d", "A", "𝐱", "𝐲", ",", "(", ")"}
    # the base holds the call's name, root or closing delimiter, not just its bracketed argument
    assert set("".join(base.itertext())) - arguments or base.find(".//msqrt") is not None, html
