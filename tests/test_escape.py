"""mcdocgen.escape: untrusted text made safe for the terminal, Markdown, HTML, front matter and LaTeX."""

from __future__ import annotations

import html
import re

import markdown
import pytest
import yaml
from hypothesis import given, settings, strategies as st

from mcdocgen.escape import (
    front_matter, html_text, is_control, markdown_code, markdown_text, one_line, printable, printable_lines,
    tex_code, tex_comment, tex_text,
)

#: The Markdown extensions of mkdocs.yml that act on inline text and blocks.
EXTENSIONS = ["admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc", "pymdownx.arithmatex",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"]

HOSTILE = [
    "<script>alert(1)</script>", "</textarea><img src=x onerror=alert(1)>", "[link](javascript:alert(1))",
    "![x](javascript:alert(1))", "<https://example.com>", "*em* _u_ **b** `code` ~~s~~", "$x$ \\(y\\) $$z$$",
    "{{ 7*7 }} {% raw %}", "# heading", "- item", "1. item", "2) item", "> quote", "!!! danger \"x\"",
    "=== \"tab\"", "??? note", "---", "| a | b |", "a {: onclick=alert(1) }", "[^1]", "[x]: javascript:alert(1)",
    "&lt;script&gt;", "\\input{/etc/passwd}", "\x1b[31mred\x1b[0m", "a\x07b\x00c\x7fd\x85e", "\u202eevil",
]


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def _only_text(rendered: str, tag: str = "p") -> str:
    """The text of a single rendered element, or fail if the Markdown made anything else."""
    m = re.fullmatch(rf"<{tag}>(.*)</{tag}>", rendered, re.DOTALL)
    assert m, rendered
    assert "<" not in m.group(1), rendered
    return html.unescape(m.group(1))


def test_printable_writes_control_characters_out():
    assert printable("a\x1b[31mb") == "a\\x1b[31mb"
    assert printable("tab\there\nnew") == "tab\\x09here\\x0anew"
    assert printable("\u202e\u2066x\u2028\ud800") == "\\u202e\\u2066x\\u2028\\ud800"
    assert printable("\x85\x9b") == "\\x85\\x9b"   # C1 controls, including the 8-bit CSI
    assert printable("naïve ü α ≤ 日本 😀") == "naïve ü α ≤ 日本 😀"
    assert printable_lines("a\x1b\nb\x07") == "a\\x1b\nb\\x07"
    assert one_line("  a \n\t b  ") == "a b"


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_is_one_paragraph_of_exactly_the_text(text):
    assert _only_text(_html(markdown_text(text))) == one_line(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_in_a_heading_a_link_and_a_list(text):
    escaped = markdown_text(text)
    heading = _html(f"# {escaped}")
    assert re.fullmatch(r'<h1 id="[^"<>]*">[^<]*</h1>', heading), heading
    link = _html(f"- [{escaped}](page.md): {escaped}")
    assert link.count("<a ") == 1 and 'href="page.md"' in link and "javascript" not in link.split('href="')[0]
    assert re.fullmatch(r'<ul>\n<li><a href="page.md">[^<]*</a>: [^<]*</li>\n</ul>', link), link


def test_markdown_text_keeps_ordinary_text_readable():
    assert markdown_text("Gradient of the log-determinant (Cookbook, eq. 57)") == \
        "Gradient of the log-determinant (Cookbook, eq. 57)"
    assert markdown_text("a subgradient in [0, 1]") == "a subgradient in &#91;0, 1&#93;"
    assert markdown_text("-x") == "&#45;x" and markdown_text("12. x") == "12&#46; x"


def test_markdown_code_is_a_code_span_of_the_text():
    for text in ("sum(x * x)", "a ` b", "``x``", "<script>"):
        rendered = _html(markdown_code(text))
        code = re.fullmatch(r"<p><code>(.*)</code></p>", rendered, re.DOTALL)
        assert code and html.unescape(code.group(1)) == text, rendered


def test_html_text_and_front_matter():
    assert html_text('<a href="x">\'&') == "&lt;a href=&quot;x&quot;&gt;'&amp;"
    for text in [*HOSTILE, "title: x", "- a", "'quoted'", "\\", "\ufffe\ufeff\xa0"]:
        value = yaml.safe_load(f"title: {front_matter(text)}\n")["title"]
        assert value == html_text(text)
        assert not any(is_control(ch) for ch in value)


def test_tex_text_escapes_every_special():
    assert tex_text("a & b % c $ d # e _ f { g } h") == r"a \& b \% c \ensuremath{\$} d \# e \_ f \{ g \} h"
    assert tex_text("~^\\") == r"\textasciitilde{}\textasciicircum{}\textbackslash{}"
    assert tex_text("line\nbreak\ttab") == "line break tab"
    assert tex_text("α ≤ β — ok") == r"\ensuremath{\alpha} \ensuremath{\le} \ensuremath{\beta} --- ok"
    assert tex_text("日本") == "??"
    # plain-text math's raised powers (present.titles.plain_math), never TS1's bitmap superscripts
    assert tex_text("xᵀ X⁻¹ s²") == (r"x\textsuperscript{\ensuremath{\top}} X\textsuperscript{\ensuremath{-}}"
                                    r"\textsuperscript{1} s\textsuperscript{2}")
    # and its brackets and products (a kink note naming the factor that is zero: the denominator ‖x - a‖)
    assert tex_text("‖x - a‖ ⟨x, y⟩ a ⊙ b A ⊗ B") == (
        r"\ensuremath{\Vert}x - a\ensuremath{\Vert} \ensuremath{\langle}x, y\ensuremath{\rangle} "
        r"a \ensuremath{\odot} b A \ensuremath{\otimes} B")
    assert tex_text("\\input{/etc/passwd}") == r"\textbackslash{}input\{/\allowbreak{}etc/\allowbreak{}passwd\}"
    assert tex_text("\x1b[1m") == r"\textbackslash{}x1b[1m"
    assert tex_code("x_1 {a}") == r"x\char95\relax{}1 \char123\relax{}a\char125\relax{}"
    assert tex_comment("a\nb\x1b") == "a b\\x1b"


def test_tex_text_keeps_words_whole_and_breaks_anywhere_in_longer_runs():
    """A word (up to TEX_MAX_RUN letters, or longer with hyphens) is never split; past that, a
    break is allowed before every character, so TeX can fill a line with a 300-letter run."""
    from mcdocgen.escape import TEX_MAX_RUN

    word = "w" * TEX_MAX_RUN
    assert tex_text(f"{word} Richardson-extrapolated {word}-{word}") == f"{word} Richardson-extrapolated {word}-{word}"
    assert tex_text(word + "xyz") == word + r"\allowbreak{}x\allowbreak{}y\allowbreak{}z"
    assert tex_code("e" * (TEX_MAX_RUN + 2)) == "e" * TEX_MAX_RUN + r"\allowbreak{}e\allowbreak{}e"


#: The only control words tex_text writes (the Greek letters and symbols come inside \ensuremath).
TEX_WORDS = {"textbackslash", "textasciitilde", "textasciicircum", "textless", "textgreater", "textbar", "allowbreak",
             "ensuremath", "textsuperscript", "dots", "le", "ge", "to", "cdot", "partial", "in", "infty", "nabla", "pm", "approx", "ne",
             "circ", "top", "times", "Vert", "langle", "rangle", "odot", "otimes",
             "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
             "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
             "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"}


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(max_size=40))
def test_no_escaper_lets_a_control_character_or_markup_through(text):
    for out in (printable(text), markdown_text(text), html_text(text), tex_text(text), tex_code(text)):
        assert not any(is_control(ch) for ch in out)
    assert "<" not in markdown_text(text) and "<" not in html_text(text)
    tex = tex_text(text)
    assert set(re.findall(r"\\([A-Za-z]+)", tex)) <= TEX_WORDS
    bare = re.sub(r"\\(?:[A-Za-z]+|.)", "", tex)   # what is left once every command and escape is gone
    assert not set(bare) & set("\\%#$&^_"), tex   # ("~" is the no-break space it stands for)
    depth = 0
    for ch in bare:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0, tex
    assert depth == 0, tex
