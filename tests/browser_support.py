"""Helpers for the site tests: small fake generated pages, a static HTTP server, Chromium discovery.

The fake pages have the shape the render stage produces (front matter, the generated-page marker,
``$...$`` inline math, ``$$`` display blocks, Numerator/Denominator tabs) and use the page ids
the browser tests look for, so the site machinery can be tested without the engine.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Collection, Iterator
from pathlib import Path

import pytest
import yaml

from mcdocgen.catalog import slug
from mcdocgen.publish.page import MARKER
from mcdocgen.publish.tag_pages import listing
from mcdocgen.publish.render import render_api_page

REPO = Path(__file__).resolve().parent.parent

#: Hand-written files a site root needs besides the generated pages.
HAND_WRITTEN = ("contributing.md", "notation.md", "reference.md", "course.md", "code.md", "javascripts", "stylesheets")

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def make_root(dest: Path) -> Path:
    """A site root at ``dest``: a copy of the repo's mkdocs.yml and hand-written docs."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "docs").mkdir(exist_ok=True)
    for name in HAND_WRITTEN:
        source = REPO / "docs" / name
        if source.is_dir():
            shutil.copytree(source, dest / "docs" / name)
        elif source.is_file():
            shutil.copyfile(source, dest / "docs" / name)
    return dest


def _page(title: str, description: str, tags: list[str], body: str) -> str:
    meta = yaml.safe_dump(
        {"title": title, "description": description, "tags": tags},
        sort_keys=False,
        allow_unicode=True,
        width=10_000,
    )
    return f"---\n{meta}---\n\n{MARKER}\n\n# {title}\n\n{body.strip()}\n"


def _tabs(numerator: str, denominator: str) -> str:
    def indent(text: str) -> str:
        return "\n".join(("    " + line) if line else "" for line in text.strip().splitlines())

    return f'=== "Numerator"\n\n{indent(numerator)}\n\n=== "Denominator"\n\n{indent(denominator)}\n'


# id -> (topic, title, summary, tags, expression TeX, numerator result, denominator result)
FAKE_PROBLEMS = {
    "determinant": (
        "matrix-functions",
        "Determinant of a matrix",
        "Gradient of the determinant of a square matrix.",
        ["determinant"],
        r"f = \det X",
        r"\det X \, X^{-1}",
        r"\det X \, X^{-\top}",
    ),
    "quadratic-form": (
        "matrix-functions",
        "Quadratic form",
        "Gradient of a quadratic form with respect to its vector.",
        ["quadratic form"],
        r"f = x^\top A x",
        r"x^\top (A + A^\top)",
        r"(A + A^\top) x",
    ),
    "ex2-relu": (
        "lecture-examples",
        "Example 2: ReLU",
        "Subderivative of the rectified linear unit max(0, x).",
        ["subgradient", "relu"],
        r"f = \max(0, x)",
        r"H(x)",
        r"H(x)",
    ),
    "scalar-chain": (
        "lecture-examples",
        "Chain rule for scalars",
        "The scalar chain rule through one intermediate variable.",
        ["chain rule"],
        r"y = \exp(\sin x)",
        r"\exp(\sin x) \cos x",
        r"\exp(\sin x) \cos x",
    ),
    "ex5-least-squares": (
        "lecture-examples",
        "Example 5: squared error of a linear model",
        "Gradient of the squared residual norm with respect to the weights.",
        ["chain rule", "least squares"],
        r"z = \lVert X w - y \rVert^2",
        r"2 (X w - y)^\top X",
        r"2 X^\top (X w - y)",
    ),
}

_WIDE = " + ".join(rf"\frac{{\partial f_{{{i}}}}}{{\partial x_{{{i}}}}} \sin(x_{{{i}}})" for i in range(1, 25))


_WIDE_INLINE = " + ".join(f"a_{{{i}}} x_{{{i}}}" for i in range(1, 30))


def fake_pages(without: Collection[str] = ()) -> dict[str, str]:
    """A small generated site: home, identities, two topics with problem pages (minus ``without``)."""
    pages: dict[str, str] = {}
    topics: dict[str, list[str]] = {}
    for pid, (topic, title, summary, tags, expr, num, den) in FAKE_PROBLEMS.items():
        if pid in without:
            continue
        topics.setdefault(topic, []).append(pid)
        numerator = (
            "In numerator layout the derivative of a scalar by a column is a row:\n\n"
            f"$$\n\\frac{{\\partial f}}{{\\partial x}} = {num}\n$$"
        )
        denominator = (
            "In denominator layout the gradient has the shape of the variable:\n\n"
            f"$$\n\\frac{{\\partial f}}{{\\partial x}} = {den}\n$$"
        )
        body = f"""
{summary} Let $x \\in \\mathbb{{R}}^n$ be a column vector and $X \\in \\mathbb{{R}}^{{n \\times n}}$ a matrix.

$$
{expr}
$$

The function $f$ maps its argument to a scalar; write $f(x)$contribution for short.
A long inline formula, ${_WIDE_INLINE}$, must not widen the page either.

{_tabs(numerator, denominator)}
A long formula must scroll inside its own box on a phone:

$$
{_WIDE}
$$

| variable | shape | meaning |
| --- | --- | --- |
| $x$ | $n \\times 1$ | the input vector, a column with a fairly long description in this cell |
| $X$ | $n \\times n$ | a square matrix, also described at some length so the table is wide |

See the [identities](../../identities.md) and the [topic](index.md).
"""
        pages[f"problems/{topic}/{pid}.md"] = _page(title, summary, tags, body)
    for topic, ids in topics.items():
        links = "\n".join(f"- [{FAKE_PROBLEMS[pid][1]}]({pid}.md)" for pid in ids)
        title = topic.replace("-", " ").capitalize()
        pages[f"problems/{topic}/index.md"] = _page(title, f"Problems on {title.lower()}.", [], links)
    pages["index.md"] = _page(
        "Matrix calculus, step by step",
        "Derivations in both layouts, verified at build time.",
        [],
        "Every derivation is checked. Start with [the identities](identities.md).",
    )
    pages["identities.md"] = _page(
        "Identities",
        "The rules every derivation uses.",
        ["identities"],
        "The product rule: $d(AB) = dA\\,B + A\\,dB$.\n\n$$\nd \\det X = \\det X \\operatorname{tr}(X^{-1} dX)\n$$\n",
    )
    pages["cheat-sheet/index.md"] = _page(
        "Cheat sheet", "Every result in both layouts.", [],
        "The gradient of a linear function: $\\nabla_x a^{\\top} x = a$. The [rules](../identities.md).\n",
    )
    pages["not-derived.md"] = _page(
        "Not yet derived", "What the references state that is not derived yet.", [],
        "A derivative by one entry: $\\partial f / \\partial X_{ij}$. See the [identities](identities.md).\n",
    )
    pages["api.md"] = render_api_page()  # the real one: course.md links to it
    # the tags' index and a page per tag, each with Material's listing of its tag (publish.tag_pages)
    tags = sorted({t for problem in FAKE_PROBLEMS.values() for t in problem[3]} | {"identities"})
    pages["tags/index.md"] = _page("Tags", "Every tag.", [], "\n".join(f"- [{t}]({slug(t)}.md)" for t in tags))
    for t in tags:   # Material's listing draws only the tag's heading; the page lists its problems itself, as tag.md.j2
        items = "".join(f"\n- [{p[1]}](../problems/{p[0]}/{pid}.md)" for pid, p in FAKE_PROBLEMS.items()
                        if t in p[3] and pid not in without)
        pages[f"tags/{slug(t)}.md"] = _page(f"Tag: {t}", f"Problems tagged {t}.", [], listing(t) + "\n" + items)
    return pages


# --- serving and browsing -----------------------------------------------------------------------


def find_chromium() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


def require_chromium() -> str:
    """Chromium's path, Playwright importable; a skip where either is missing, a failure under CI=true."""
    path = find_chromium()
    if path is None:
        _unavailable("Chromium not found at /usr/bin/chromium: apt-get install -y chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("Playwright for Python is not installed: pip install playwright")
    return path


@contextlib.contextmanager
def launched(path: str) -> Iterator:
    """A headless Chromium driven by Playwright, closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


_TEXT = re.compile(r"text/|javascript|json|svg|xml")


def record_responses(context) -> list[tuple[str, str, int, int]]:
    """Every response ``context`` gets from now on, as (url, resource type, body bytes, bytes sent
    by a server that gzips text, as GitHub Pages does; python's http.server does not)."""
    responses: list[tuple[str, str, int, int]] = []

    def record(response) -> None:
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 -- a redirect or aborted request has no body
            body = b""
        text = _TEXT.search(response.headers.get("content-type", ""))
        sent = len(gzip.compress(body, 6, mtime=0)) if text and body else len(body)
        responses.append((response.url, response.request.resource_type, len(body), sent))

    context.on("response", record)
    return responses


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 with ``python -m http.server``; yields the base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(directory)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"http.server did not start on port {port}") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
