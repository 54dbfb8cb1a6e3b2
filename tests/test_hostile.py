"""A catalog of hostile text through every output: the site (pages, search index, tags), the
handouts (.tex and, with TeX, the PDF), the review comment and the terminal. Nothing in it may
become markup, a script, a TeX command or a control character; every string must still show as
the characters it is. Last, the built site in Chromium: no script runs, no element is injected.

One end-to-end file rather than a test per module, because what is tested is that no way
through the program forgets to escape (mcdocgen/escape.py is tested on its own in test_escape.py).
"""

from __future__ import annotations

import html
import html.parser
import json
import re
from typing import ClassVar
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import markdown
import pytest

from git_support import repo_without_catalog
from browser_fixtures import WAIT_MS
from browser_support import make_root, serve
from mcdocgen.cli import main

#: Each payload would set window.__pwned (or open a dialog) if it ever ran in a browser.
SCRIPT = '<script>window.__pwned="script"; alert(1)</script>'
IMG = '</textarea><img src=x onerror="window.__pwned=\'img\'; alert(2)">'
SVG = "<svg onload=\"window.__pwned='svg'\"></svg>"
IFRAME = '<iframe src="javascript:window.top.__pwned=\'iframe\'"></iframe>'
LINK = "[click me](javascript:window.__pwned='link') ![x](javascript:alert(3))"
ATTR = "heading {: onclick=\"window.__pwned='attr'\" }"
TEX = r"\input{/etc/passwd} \def\x{1} \immediate\write18{touch pwned} $x^2$ % # & _ ^ ~"
JINJA = "{{ 7*7 }} {% raw %} ((( h.title ))) ((* if 1 *))"
ANSI = "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x9b2J \u202eevil\u202c \x00\x08\x7f"
BLOCKS = ['!!! danger "admonition"', '=== "tab"', "??? note", "# heading", "- item", "1. item", "> quote",
          "---", "| a | b |", "[x]: javascript:alert(4)"]

STRINGS = {
    "title": [SCRIPT + " " + LINK, IMG + " " + ANSI, ATTR, BLOCKS[0]],
    "summary": [IMG + " " + TEX, SCRIPT + " " + JINJA, LINK + " " + ANSI, BLOCKS[1]],
    "source": [IFRAME + " " + TEX, SVG + " " + ANSI, BLOCKS[6], BLOCKS[5]],
    "topic": ["<b onmouseover=alert(5)>Topic</b> & " + JINJA, "Topic " + ANSI],
    "tags": [[SCRIPT, LINK, "\x1b[1mbold"], [SVG, TEX, BLOCKS[3]], [IMG, ATTR], BLOCKS[7:]],
}
HANDOUT = {"title": SCRIPT + " " + TEX, "course": IMG + " " + ANSI, "author": LINK + " " + JINJA}


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text)


def hostile_catalog() -> str:
    lines = ["problems:"]
    for k in range(4):
        lines += [
            f"  - id: hostile-{k}",
            f"    title: {_q(STRINGS['title'][k])}",
            f"    summary: {_q(STRINGS['summary'][k])}",
            f"    topic: {_q(STRINGS['topic'][k % 2])}",
            f"    tags: [{', '.join(_q(t) for t in STRINGS['tags'][k])}]",
            f"    source: {_q(STRINGS['source'][k])}",
            "    variables:",
            "      x: {shape: [n]}",
            "      c: {shape: []}",
            '    expression: "c * sum(x * x)"',
            "    wrt: [x, c]",
        ]
    lines += ["handouts:", "  - name: hostile", *(f"    {k}: {_q(v)}" for k, v in HANDOUT.items())]
    return "\n".join(lines) + "\n"


def every_string() -> list[str]:
    out = [s for key in ("title", "summary", "source", "topic") for s in STRINGS[key]]
    return out + [t for tags in STRINGS["tags"] for t in tags] + list(HANDOUT.values())


#: Control characters no output may hold (tab, newline and carriage return are layout).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class Elements(html.parser.HTMLParser):
    """Every element of an HTML text, and anything in it that could run or was injected."""

    INJECTED: ClassVar[set[str]] = {"img", "iframe", "textarea", "svg", "b", "object", "embed"}   # what the payloads hold

    def __init__(self, allowed_svg: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_svg = allowed_svg
        self.bad: list[str] = []
        self.tags: set[str] = set()
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=...>")
            if value and re.match(r"\s*(javascript|data|vbscript):", value, re.I):
                self.bad.append(f"<{tag} {name}={value!r}>")
        if tag in self.INJECTED and not (tag == "svg" and self.allowed_svg):
            self.bad.append(f"<{tag}>")
        if tag == "script":
            self._in_script = True  # an inline script's text is looked at in handle_data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "__pwned" in data:
            self.bad.append(f"<script>{data[:60]}")


def elements(text: str, allowed_svg: bool = False) -> Elements:
    parser = Elements(allowed_svg)
    parser.feed(text)
    parser.close()
    return parser


# ---------------------------------------------------------------- the site and the handouts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile catalog built into a fresh root (mkdocs --strict; handouts compiled if TeX is here)."""
    folder = tmp_path_factory.mktemp("hostile")
    catalog = folder / "hostile.yaml"
    catalog.write_text(hostile_catalog(), encoding="utf-8")
    assert main(["check", str(catalog)]) == 0
    root = make_root(folder / "root")
    assert main(["build", str(catalog), "--root", str(root)]) == 0
    return root


def _text_files(root: Path) -> Iterator[Path]:
    for base in (root / "docs", root / "site"):
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.suffix in {".md", ".html", ".json", ".tex", ".xml", ".txt"}:
                yield path


def test_no_output_holds_a_control_character(built: Path) -> None:
    files = list(_text_files(built))
    assert len(files) > 20
    for path in files:
        found = CONTROL.search(path.read_text(encoding="utf-8"))
        assert found is None, f"{path}: {found.group()!r}"


def test_no_page_has_an_injected_element_or_script(built: Path) -> None:
    pages = sorted((built / "site").rglob("*.html"))
    assert len(pages) >= 8
    for page in pages:
        # Material draws its icons as <svg>: allowed, but not with a payload's attributes
        parser = elements(page.read_text(encoding="utf-8"), allowed_svg=True)
        assert parser.bad == [], f"{page}: {parser.bad}"


def test_every_string_shows_as_written(built: Path) -> None:
    """The text of the pages holds each catalog string as its characters (control characters
    written out; in a summary or a source, a power raised as the site's plain text writes math:
    x^2 as x²): nothing was dropped or turned into markup."""
    from mcdocgen.escape import one_line
    from mcdocgen.present.titles import plain_math

    texts = []
    for page in sorted((built / "site" / "problems").rglob("index.html")):
        parser = _TextOf()
        parser.feed(page.read_text(encoding="utf-8"))
        texts.append(" ".join(parser.text.split()))
    everything = "\n".join(texts)
    for key in ("title", "summary", "source", "topic"):
        for s in STRINGS[key]:
            shown = plain_math(s) if key in ("summary", "source") else s
            assert one_line(shown) in everything, (key, s)
    for tags in STRINGS["tags"]:
        for t in tags:
            assert one_line(t) in everything, t


class _TextOf(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(self.parts)


def test_front_matter_keeps_title_description_and_tags(built: Path) -> None:
    import yaml

    from mcdocgen.escape import html_text
    from mcdocgen.present.titles import plain_math

    pages = sorted((built / "docs" / "problems").rglob("hostile-*.md"))
    assert len(pages) == 4
    for page in pages:
        meta = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])
        k = int(page.stem.rsplit("-", 1)[1])
        assert meta["title"] == html_text(STRINGS["title"][k])
        assert meta["description"] == html_text(plain_math(STRINGS["summary"][k]))
        assert meta["tags"] == [html_text(t) for t in STRINGS["tags"][k]]


def test_the_search_index_holds_text_not_markup(built: Path) -> None:
    docs = json.loads((built / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    hostile = [d for d in docs if "hostile" in d["location"] or "pwned" in d["title"] + d["text"]]
    assert hostile
    for d in docs:
        for field in ("title", "text"):
            parser = elements(d[field])
            assert parser.bad == [], (d["location"], field, parser.bad)
            assert not CONTROL.search(d[field])


def test_handouts_hold_no_tex_command_from_the_catalog(built: Path) -> None:
    texs = sorted((built / "site" / "handouts").glob("*.tex"))
    assert len(texs) == 2
    for tex in texs:
        text = tex.read_text(encoding="utf-8")
        for command in ("input", "def", "immediate", "write18"):
            # a catalog's backslash is \textbackslash{}, so the word after it is plain text
            assert not re.search(rf"(?<!\\textbackslash{{}})\\{command}\b", text), command
        assert "$x^2$" not in text and "{{ 7*7 }}" not in text  # no math, no TeX group
        assert "((( h.title )))" in text  # template syntax in a value stays as written, never rendered
        assert not CONTROL.search(text)
    pdfs = sorted((built / "site" / "handouts").glob("*.pdf"))
    if not pdfs or shutil.which("pdftotext") is None:
        pytest.skip("no TeX engine or pdftotext: the .tex files were checked, the PDFs not built")
    for pdf in pdfs:
        words = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout
        flat = "".join(words.split())
        assert r"\input{/etc/passwd}" in flat  # printed, not obeyed
        assert "<script>window." in flat and r"\x1b[31mred" in flat


# ---------------------------------------------------------------- the review comment and the terminal


def test_the_review_comment_shows_titles_as_text(tmp_path: Path, capsys, monkeypatch) -> None:
    repo = repo_without_catalog(tmp_path / "repo")
    (repo / "derivations.yaml").write_text(hostile_catalog(), encoding="utf-8")
    monkeypatch.chdir(repo)
    assert main(["review", "--base", "main"]) == 0
    comment, err = capsys.readouterr()
    assert not CONTROL.search(comment) and not CONTROL.search(err)
    # GitHub renders the comment as Markdown with HTML: render it likewise
    rendered = markdown.markdown(comment, extensions=["tables", "fenced_code"])
    parser = elements(rendered)
    assert parser.bad == [], parser.bad
    assert parser.tags <= {"h2", "h3", "h4", "p", "em", "strong", "code", "pre", "table", "thead", "tbody", "tr",
                           "th", "td", "blockquote", "ul", "li", "hr", "details", "summary"}, parser.tags
    text = _TextOf()
    text.feed(rendered)
    assert "<script>window.__pwned" in text.text  # shown, as text


def test_show_and_messages_write_control_characters_out(tmp_path: Path, capsys) -> None:
    catalog = tmp_path / "c.yaml"
    catalog.write_text(hostile_catalog(), encoding="utf-8")
    assert main(["show", "hostile-1", str(catalog)]) == 0
    out = capsys.readouterr().out
    assert not CONTROL.search(out) and "\\x1b[31mred" in out
    bad = hostile_catalog().replace("  - id: hostile-0\n", '  - id: "hostile-\\e[2J"\n', 1)
    catalog.write_text(bad.replace("      x: {shape: [n]}\n", '      "x\\e]0;t\\a": {shape: [n]}\n', 1),
                       encoding="utf-8")
    assert main(["check", str(catalog)]) == 2
    err = capsys.readouterr().err
    assert not CONTROL.search(err) and "\\x1b[2J" in err and "\\x1b]0;t\\x07" in err
    assert main(["try", "x**2", "--var", "x\x1b[2J:n"]) == 2
    err = capsys.readouterr().err
    assert not CONTROL.search(err) and "\\x1b[2J" in err


# ---------------------------------------------------------------- Chromium


#: Set before any page script: the payloads set window.__pwned; dialogs are counted.
_TRAP = "window.__pwned = undefined;"


# `browser`: the session's Chromium (tests/browser_fixtures.py); a second Playwright in the same
# process would fail ("Sync API inside the asyncio loop").


_INJECTED_JS = """() => {
  const bad = [];
  for (const sel of ['img', 'iframe', 'textarea', 'object', 'embed', 'article form', 'article b',
                     'a[href^="javascript:" i]', '[onclick]', '[onerror]', '[onload]', '[onmouseover]']) {
    for (const el of document.querySelectorAll(sel)) bad.push(sel + ': ' + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll('svg')) {
    if (el.closest('article') && !el.matches('figure.mc-plot-figure > svg.mc-plot')) bad.push('svg in the article');
  }
  for (const s of document.querySelectorAll('script')) {
    if (!s.src && s.textContent.includes('__pwned')) bad.push('inline script: ' + s.textContent.slice(0, 60));
  }
  return {pwned: window.__pwned === undefined ? null : String(window.__pwned), bad};
}"""


def test_no_script_runs_and_no_element_is_injected_in_chromium(browser, built: Path) -> None:
    site = built / "site"
    pages = [p.relative_to(site).as_posix() for p in sorted(site.rglob("index.html"))]
    assert any("hostile-0" in p for p in pages)
    with serve(site) as base_url:
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                      else route.abort())
        context.add_init_script(_TRAP)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            for path in pages:
                page.goto(urljoin(base_url, path), wait_until="load")
                page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=WAIT_MS)
                facts = page.evaluate(_INJECTED_JS)
                assert facts == {"pwned": None, "bad": []}, (path, facts)
            # the search shows titles and text from the index as HTML: search for the payloads
            page.goto(urljoin(base_url, "index.html"), wait_until="load")
            search = page.locator("input.md-search__input")
            for query in ("pwned", "script", "click", "textarea"):
                search.click()
                search.fill("")
                search.press("Backspace")
                search.press_sequentially(query, delay=20)
                page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0",
                                       timeout=WAIT_MS)
                facts = page.evaluate(_INJECTED_JS)
                assert facts == {"pwned": None, "bad": []}, (query, facts)
        finally:
            context.close()
        assert dialogs == []
