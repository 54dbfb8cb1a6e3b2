"""The site's math: every formula native MathML, written by Temml (the pinned npm package) in one
``node`` process while MkDocs builds (:mod:`mcdocgen.publish.math_hook`), drawn by the browser with
a shipped OpenType MATH font (STIX Two Math) and Temml's stylesheet.

``mathml.js`` (next to this file) runs Temml and repairs its output for Chromium (bench/mathml.md):
fences around line-high content do not stretch, ``\\mathopen{}`` goes, an inline formula is cut
into several ``<math>`` elements where a line may break. Every place that states a version is
checked against :data:`TEMML_VERSION`: package.json and the running library.
"""

from __future__ import annotations

import dataclasses
import functools
import html
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

from mcdocgen.publish.widefit import fit_css
from mcdocgen.errors import SiteError, clip
from mcdocgen.publish import paths

TEMML_VERSION = "0.13.5"  # as package.json and package-lock.json pin it
MATH_DIR = "vendor/mathml"  # under docs/; mkdocs.yml's extra_css links its mathml.css
FONT_FILE = "STIXTwoMath.woff2"
#: The site's math font: STIX Two Math cut down to the characters formulas may use (99 KB, not 403:
#: a problem page's first visit stays under its budget), the code points it has beside it, and its
#: licence (OFL); made by scripts/subset_math_font.py.
FONT = Path(__file__).with_name("fonts") / FONT_FILE
#: The environment variable through which the site build tells the MkDocs hook which package to
#: render with: the same one whose stylesheet it vendored.
PACKAGE_ENV = "MCDOCGEN_TEMML_PACKAGE"
#: TeX macros the pages may use, as the handouts define them (\bm from the LaTeX bm package).
MACROS = {r"\bm": r"\boldsymbol{#1}"}
#: Seconds node may take to start or to answer one request (a page's formulas).
TIMEOUT_SECONDS = 60.0
_SERVER = Path(__file__).with_name("mathml.js")
_INSTALL_HINT = ("run `make node` (npm ci) in the mcdocgen checkout, or `npm install temml@" + TEMML_VERSION
                 + "` in the site's folder")
#: Temml's stylesheet names its own font: the shipped one instead. Inline MathML at 1.15em draws
#: STIX Two (a larger x-height) about as large as KaTeX's 1.21em Computer Modern; a fraction gets
#: TeX's null-delimiter space on each side (juxtaposed fractions touch otherwise). The last two rules
#: say once what Temml writes on every cell and display formula (mathml.js compact() drops it there);
#: a browser without ``block math`` keeps Temml's ``display:block``.
_FONT_FACE = f"@font-face{{font-family:'STIX Two Math';font-display:block;src:url({FONT_FILE}) format('woff2')}}"
_EXTRA_CSS = ("\nmath{font-size:1.15em}\nmfrac{padding-inline:.12em}\n"
              "mtd{padding-left:0;padding-right:0}\nmath.tml-display{display:block math}\n")


@dataclasses.dataclass(frozen=True, slots=True)
class Formula:
    """One formula as a page writes it: the TeX between the delimiters, and display or inline."""

    tex: str
    display: bool


class FormulaError(SiteError):
    """Temml refused a formula: ``formula`` and Temml's one-line ``reason``."""

    def __init__(self, formula: Formula, reason: str) -> None:
        self.formula = formula
        # Temml underlines the place of the error with combining low lines: plain text here
        self.reason = " ".join(reason.replace("\u0332", "").split()).removeprefix("Temml parse error: ")
        delimiters = (r"\[", r"\]") if formula.display else (r"\(", r"\)")
        super().__init__(f"{delimiters[0]}{clip(formula.tex, 100)}{delimiters[1]}: {self.reason}")


# --- the package --------------------------------------------------------------------------------


def package_candidates(root: Path | None = None) -> list[Path]:
    """Where the temml package is looked for: the site root's node_modules, then mcdocgen's own
    (the checkout's node_modules, or the copy in the wheel: :func:`mcdocgen.publish.paths.temml_package`)."""
    places = [Path(root) / "node_modules" / "temml"] if root is not None else []
    return [*places, paths.temml_package()]


def find_package(candidates: Iterable[Path]) -> Path:
    """The first candidate folder that holds Temml :data:`TEMML_VERSION`; a clear error if none."""
    tried = []
    for folder in candidates:
        manifest = folder / "package.json"
        try:
            version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
        except (OSError, ValueError):
            tried.append(f"{folder}: not found")
            continue
        if version != TEMML_VERSION:
            tried.append(f"{folder}: version {version}, not {TEMML_VERSION}")
            continue
        return folder.resolve()
    raise SiteError(f"Temml {TEMML_VERSION} is not installed ({'; '.join(tried)}): {_INSTALL_HINT}")


@functools.cache
def font_characters() -> frozenset[str]:
    """The characters :data:`FONT` has a glyph for."""
    return frozenset(chr(int(line, 16)) for line in FONT.with_suffix(".txt").read_text(encoding="utf-8").split())


_TAG = re.compile(r"<[^>]*>")


def missing_glyphs(mathml: str) -> list[str]:
    """The characters of ``mathml``'s text that the math font has no glyph for (the browser would
    draw them in another font), as ``U+XXXX x``."""
    return [f"U+{ord(c):04X} {c}" for c in sorted(set(html.unescape(_TAG.sub("", mathml))) - font_characters())]


def stylesheet(package: Path) -> str:
    """Temml's STIX stylesheet as the site serves it: the shipped font, the site's sizes."""
    source = package / "dist" / "Temml-STIX2.css"
    try:
        css = source.read_text(encoding="utf-8")
    except OSError as err:
        raise SiteError(f"cannot read {source}: {err}: {_INSTALL_HINT}") from err
    head, brace, rest = css.partition("@font-face")
    if not brace or "font-family: STIX2, math;" not in rest:
        raise SiteError(f"{source} is not the stylesheet of Temml {TEMML_VERSION}")
    rest = _FONT_FACE + rest[rest.index("}") + 1:]
    return head + rest.replace("font-family: STIX2, math;", "font-family: 'STIX Two Math', math;") + _EXTRA_CSS + fit_css()


def vendor_math(package: Path, dest: Path) -> None:
    """Write the math stylesheet, the font and the licences into ``dest`` (a build's docs/vendor/mathml)."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "mathml.css").write_text(stylesheet(package), encoding="utf-8")
    shutil.copyfile(FONT, dest / FONT_FILE)
    shutil.copyfile(FONT.with_name("STIXTwoMath-LICENSE.txt"), dest / "LICENSE-stix-two-math")
    if (package / "LICENSE").is_file():
        shutil.copyfile(package / "LICENSE", dest / "LICENSE-temml")


def fonts_used(mathml: Iterable[str]) -> list[str]:
    """The fonts a page's formulas (``mathml``) need, as paths under the site's root: the math
    font when there is a formula, none without math."""
    return [f"{MATH_DIR}/{FONT_FILE}"] if any(True for _ in mathml) else []


# --- the renderer -------------------------------------------------------------------------------


class Renderer:
    """One ``node`` process rendering formulas with the Temml in ``package``; use it as a context
    manager (the process ends on exit). Every request and the start are bounded by ``timeout``."""

    def __init__(self, package: Path, timeout: float = TIMEOUT_SECONDS, node: str = "node") -> None:
        self.package = package
        self.timeout = timeout
        self._buffer = b""
        executable = shutil.which(node)
        if executable is None:
            # an installed mcdocgen carries its npm packages: there is no checkout to run `make node` in
            raise SiteError("node (Node.js) is not on PATH: the site renders its math with Temml under "
                            "Node.js; install Node.js 20 or later" + ("" if paths.installed() else ", then `make node`"))
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 -- closed by close(); a file, not a pipe: node never blocks on it
        try:
            self._proc = subprocess.Popen(
                [executable, str(_SERVER), str(package), json.dumps(MACROS)],
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
        if version != TEMML_VERSION:
            self.close()
            raise SiteError(f"{package} runs Temml {version}, not {TEMML_VERSION}: {_INSTALL_HINT}")

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def render(self, formulas: Sequence[Formula]) -> list[str]:
        """The MathML of each formula, in order; :class:`FormulaError` for the first that Temml refuses."""
        if not formulas:
            return []
        request = json.dumps([[f.tex, f.display] for f in formulas], ensure_ascii=False) + "\n"
        replies = self._exchange(request.encode("utf-8"))
        if not isinstance(replies, list) or len(replies) != len(formulas):
            raise SiteError("the math renderer (node) gave a malformed reply")
        mathml = []
        for formula, reply in zip(formulas, replies, strict=True):
            if "error" in reply:
                raise FormulaError(formula, reply["error"])
            missing = missing_glyphs(reply["html"])
            if missing:
                raise FormulaError(formula, f"the math font has no glyph for {', '.join(missing)} "
                                            "(scripts/subset_math_font.py makes the font)")
            mathml.append(reply["html"])
        return mathml

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
                raise SiteError(f"the math renderer (node) did not answer in {self.timeout:g} s")
            if writable:
                try:
                    request = request[os.write(into, request[: select.PIPE_BUF]) :]  # fits: never blocks
                except OSError as err:  # a broken pipe: node has stopped
                    raise SiteError(f"the math renderer (node) stopped: {err}{self._stderr()}") from err
            if readable:
                chunk = os.read(out, 1 << 20)
                if not chunk:
                    raise SiteError(f"the math renderer (node) exited (status {self._proc.wait()}){self._stderr()}")
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    def _stderr(self) -> str:
        if self._errors.closed:
            return ""
        self._errors.seek(0)
        text = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        return ": " + " | ".join(text[-3:]) if text else ""
