"""KaTeX for the site: the pinned npm package found, its CSS and fonts vendored, and one ``node``
process that renders formulas to HTML while MkDocs builds (:mod:`mcdocgen.publish.math_hook`).

The HTML KaTeX writes only displays right with the CSS of the same version, so the renderer and
the vendored CSS come from one package folder, and every place that states a version is checked
against :data:`KATEX_VERSION`: package.json, the CSS and the running library.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from mcdocgen.errors import SiteError, clip
from mcdocgen.publish import paths
from mcdocgen.publish.katex_compact import Compaction, compaction

KATEX_VERSION = "0.19.1"  # as package.json and package-lock.json pin it
KATEX_DIR = "vendor/katex"  # under docs/; mkdocs.yml's extra_css links its katex.min.css
#: The environment variable through which the site build tells the MkDocs hook which package to
#: render with: the same one whose CSS it vendored.
PACKAGE_ENV = "MCDOCGEN_KATEX_PACKAGE"
#: TeX macros the pages may use, as the handouts define them (\bm from the LaTeX bm package).
MACROS = {r"\bm": r"\boldsymbol{#1}"}
#: Seconds node may take to start or to answer one request (a page's formulas).
TIMEOUT_SECONDS = 60.0
_INSTALL_HINT = ("run `make node` (npm ci) in the mcdocgen checkout, or `npm install katex@" + KATEX_VERSION
                 + "` in the site's folder")

# One JSON request a line on stdin: [[tex, display], ...] (one page's formulas); one JSON reply a
# line on stdout: [{"html": ...} or {"error": ...}, ...] in the same order. The first line out
# names the version. strict "error" makes KaTeX's LaTeX-compatibility warnings errors, so a
# formula that would print a warning fails the build instead.
_SERVER_JS = r"""
const katex = require(process.argv[1]);
const macros = JSON.parse(process.argv[2]);
process.stdout.write(JSON.stringify({version: katex.version}) + "\n");
require("readline").createInterface({input: process.stdin, crlfDelay: Infinity}).on("line", (line) => {
  const replies = JSON.parse(line).map(([tex, display]) => {
    try {
      return {html: katex.renderToString(tex, {
        displayMode: display, output: "htmlAndMathml", throwOnError: true, strict: "error",
        trust: false, macros: Object.assign({}, macros)})};
    } catch (err) {
      return {error: String(err && err.message || err)};
    }
  });
  process.stdout.write(JSON.stringify(replies) + "\n");
});
"""


@dataclasses.dataclass(frozen=True, slots=True)
class Formula:
    """One formula as a page writes it: the TeX between the delimiters, and display or inline."""

    tex: str
    display: bool


class FormulaError(SiteError):
    """KaTeX refused a formula: ``formula`` and KaTeX's one-line ``reason``."""

    def __init__(self, formula: Formula, reason: str) -> None:
        self.formula = formula
        self.reason = " ".join(reason.split()).removeprefix("KaTeX parse error: ")
        delimiters = (r"\[", r"\]") if formula.display else (r"\(", r"\)")
        super().__init__(f"{delimiters[0]}{clip(formula.tex, 100)}{delimiters[1]}: {self.reason}")


# --- the package --------------------------------------------------------------------------------


def package_candidates(root: Path | None = None) -> list[Path]:
    """Where the katex package is looked for: the site root's node_modules, then mcdocgen's own
    (the checkout's node_modules, or the copy in the wheel: :func:`mcdocgen.publish.paths.katex_package`;
    a site root made elsewhere, as the tests and ``mcdocgen init`` make, has none)."""
    places = [Path(root) / "node_modules" / "katex"] if root is not None else []
    return [*places, paths.katex_package()]


def find_package(candidates: Iterable[Path]) -> Path:
    """The first candidate folder that holds KaTeX :data:`KATEX_VERSION`; a clear error if none."""
    tried = []
    for folder in candidates:
        manifest = folder / "package.json"
        try:
            version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
        except (OSError, ValueError):
            tried.append(f"{folder}: not found")
            continue
        if version != KATEX_VERSION:
            tried.append(f"{folder}: version {version}, not {KATEX_VERSION}")
            continue
        return folder.resolve()
    raise SiteError(f"KaTeX {KATEX_VERSION} is not installed ({'; '.join(tried)}): {_INSTALL_HINT}")


def katex_files(package: Path) -> dict[str, Path]:
    """The files the site needs, as {path under vendor/katex/: file}: the CSS, the .woff2 fonts
    (every browser the site supports reads woff2) and the licence."""
    css = package / "dist" / "katex.min.css"
    fonts = sorted((package / "dist" / "fonts").glob("*.woff2"))
    if not css.is_file() or not fonts:
        raise SiteError(f"KaTeX files missing under {package / 'dist'}: {_INSTALL_HINT}")
    files = {"katex.min.css": css, **{f"fonts/{font.name}": font for font in fonts}}
    if (package / "LICENSE").is_file():
        files["LICENSE"] = package / "LICENSE"
    return files


# KaTeX's CSS offers each font as woff2, then woff, then ttf; only woff2 is shipped, so the others go.
_FALLBACK_FONT = re.compile(r',url\(fonts/[\w-]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)')
_CSS_VERSION = re.compile(r'\.katex-version:after\{content:"([^"]+)"\}')
_CSS_URL = re.compile(r"url\(([^)]+)\)")


def vendored_css(css: str) -> str:
    """KaTeX's CSS as the site serves it: checked to be :data:`KATEX_VERSION`, woff2 fonts only,
    its classes renamed as the pages write them (:mod:`mcdocgen.publish.katex_compact`)."""
    found = _CSS_VERSION.search(css)
    if not found or found.group(1) != KATEX_VERSION:
        raise SiteError(f"katex.min.css is KaTeX {found.group(1) if found else '(unknown)'}, not {KATEX_VERSION}")
    return compaction(css).css(_FALLBACK_FONT.sub("", css))


def page_compaction(package: Path) -> Compaction:
    """How the pages write the output of the KaTeX in ``package``: the renaming of its stylesheet's
    classes that :func:`vendored_css` applies to the stylesheet itself."""
    css = package / "dist" / "katex.min.css"
    try:
        return compaction(css.read_text(encoding="utf-8"))
    except OSError as err:
        raise SiteError(f"cannot read {css}: {err}: {_INSTALL_HINT}") from err


def vendor_katex(package: Path, dest: Path) -> None:
    """Copy KaTeX's CSS, woff2 fonts and licence from ``package`` into ``dest`` (a build's
    docs/vendor/katex); every url() of the CSS must name a copied font."""
    files = katex_files(package)
    for rel, source in files.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel == "katex.min.css":
            css = vendored_css(source.read_text(encoding="utf-8"))
            missing = sorted(set(_CSS_URL.findall(css)) - set(files))
            if missing:
                raise SiteError(f"katex.min.css names fonts that are not shipped: {', '.join(missing)}")
            target.write_text(css, encoding="utf-8")
        else:
            shutil.copyfile(source, target)


# --- the fonts a page uses -------------------------------------------------------------------------

#: The KaTeX font that an element's class selects, as katex.min.css maps them (KaTeX_Main-Regular,
#: the font of every formula, aside): a class alone, or (class, class) for a rule naming both.
#: A font missing here is only fetched late, when the browser meets it; a test compares the fonts
#: a page is given with those Chromium fetches for it.
FONT_CLASSES: dict[str | tuple[str, str], str] = {
    "mathnormal": "Math-Italic", "boldsymbol": "Math-BoldItalic",
    "mathit": "Main-Italic", "textit": "Main-Italic", "mathbf": "Main-Bold", "textbf": "Main-Bold",
    "amsrm": "AMS-Regular", "mathbb": "AMS-Regular", "textbb": "AMS-Regular",
    "mathcal": "Caligraphic-Regular", "mathfrak": "Fraktur-Regular", "textfrak": "Fraktur-Regular",
    "mathscr": "Script-Regular", "textscr": "Script-Regular",
    "mathsf": "SansSerif-Regular", "textsf": "SansSerif-Regular",
    "mathtt": "Typewriter-Regular", "texttt": "Typewriter-Regular",
    **{("delimsizing", f"size{k}"): f"Size{k}-Regular" for k in range(1, 5)},
    "delim-size1": "Size1-Regular", "delim-size4": "Size4-Regular",
    ("op-symbol", "small-op"): "Size1-Regular", ("op-symbol", "large-op"): "Size2-Regular",
}
_MAIN_FONT = "Main-Regular"
_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')


def fonts_used(katex_html: Iterable[str]) -> list[str]:
    """The KaTeX fonts that formulas rendered as ``katex_html`` use, as paths under the site's
    root (``vendor/katex/fonts/KaTeX_Main-Regular.woff2``), in a fixed order; none without math."""
    names: set[str] = set()
    for html in katex_html:
        names |= _formula_fonts(html)
    return [f"{KATEX_DIR}/fonts/KaTeX_{name}.woff2" for name in sorted(names)]


@functools.lru_cache(maxsize=8192)
def _formula_fonts(html: str) -> frozenset[str]:
    """The fonts of one formula (formulas recur: each is read once per process)."""
    return frozenset({_MAIN_FONT}.union(*map(_class_fonts, set(_CLASS_ATTRIBUTE.findall(html)))))


@functools.lru_cache(maxsize=4096)
def _class_fonts(attribute: str) -> frozenset[str]:
    """The fonts one class attribute selects (a few hundred distinct ones make every page)."""
    tokens = attribute.split()
    return frozenset(font for key, font in FONT_CLASSES.items()
                     if ((key in tokens) if isinstance(key, str) else all(k in tokens for k in key)))


# --- the renderer -------------------------------------------------------------------------------


class Renderer:
    """One ``node`` process rendering formulas with the KaTeX in ``package``; use it as a context
    manager (the process ends on exit). Every request and the start are bounded by ``timeout``."""

    def __init__(self, package: Path, timeout: float = TIMEOUT_SECONDS, node: str = "node") -> None:
        self.package = package
        self.timeout = timeout
        self._buffer = b""
        executable = shutil.which(node)
        if executable is None:
            # an installed mcdocgen carries KaTeX: there is no checkout to run `make node` in
            raise SiteError("node (Node.js) is not on PATH: the site renders its math with KaTeX under "
                            "Node.js; install Node.js 20 or later" + ("" if paths.installed() else ", then `make node`"))
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 -- closed by close(); a file, not a pipe: node never blocks on it
        try:
            self._proc = subprocess.Popen(
                [executable, "-e", _SERVER_JS, str(package), json.dumps(MACROS)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors,
            )
        except OSError as err:
            raise SiteError(f"cannot start node: {err}") from err
        try:
            hello = self._reply()
        except SiteError:
            self.close()
            raise
        version = hello.get("version") if isinstance(hello, dict) else None
        if version != KATEX_VERSION:
            self.close()
            raise SiteError(f"{package} runs KaTeX {version}, not {KATEX_VERSION}: {_INSTALL_HINT}")

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def render(self, formulas: Sequence[Formula]) -> list[str]:
        """KaTeX's HTML (with MathML) for each formula, in order; :class:`FormulaError` for the
        first that KaTeX refuses."""
        if not formulas:
            return []
        request = json.dumps([[f.tex, f.display] for f in formulas], ensure_ascii=False) + "\n"
        replies = self._exchange(request.encode("utf-8"))
        if not isinstance(replies, list) or len(replies) != len(formulas):
            raise SiteError("the KaTeX renderer (node) gave a malformed reply")
        html = []
        for formula, reply in zip(formulas, replies, strict=True):
            if "error" in reply:
                raise FormulaError(formula, reply["error"])
            html.append(reply["html"])
        return html

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        for stream in (self._proc.stdin, self._proc.stdout):
            if stream is not None:
                stream.close()
        self._errors.close()

    def _reply(self) -> object:
        return self._exchange(b"")

    def _exchange(self, request: bytes) -> object:
        """Write ``request`` to node and return the next line it writes, parsed; writing and
        reading together are bounded by the timeout (node is killed then)."""
        assert self._proc.stdin is not None and self._proc.stdout is not None
        into, out = self._proc.stdin.fileno(), self._proc.stdout.fileno()
        deadline = time.monotonic() + self.timeout
        while request or b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            readable, writable, _ = select.select([out], [into] if request else [], [], max(left, 0))
            if not readable and not writable:
                self.close()
                raise SiteError(f"the KaTeX renderer (node) did not answer in {self.timeout:g} s")
            if writable:
                try:
                    request = request[os.write(into, request[: select.PIPE_BUF]) :]  # fits: never blocks
                except OSError as err:  # a broken pipe: node has stopped
                    raise SiteError(f"the KaTeX renderer (node) stopped: {err}{self._stderr()}") from err
            if readable:
                chunk = os.read(out, 1 << 20)
                if not chunk:
                    raise SiteError(f"the KaTeX renderer (node) exited (status {self._proc.wait()}){self._stderr()}")
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    def _stderr(self) -> str:
        if self._errors.closed:
            return ""
        self._errors.seek(0)
        text = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        return ": " + " | ".join(text[-3:]) if text else ""
