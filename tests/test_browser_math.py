"""Math rendered at build time, in a real browser (fixtures: tests/browser_fixtures.py): with
JavaScript off the first paint shows typeset math and no TeX; no page asks for a math script;
a problem page is light and its math is final quickly.

Each measurement uses a fresh browser context (an empty cache), as a first visit does. The
figures are printed (``pytest -s``) for the issue's notes.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin

from browser_fixtures import MATH_DONE, MATH_TIMEOUT_MS, Tab, page_path
from browser_support import REPO

ARTIFACTS = REPO / "tests" / "artifacts"
RAW_TEX = ("\\(", "\\)", "\\[", "\\frac", "\\mathbf", "$$")
# ex5-least-squares, everything a first visit downloads (issue 14), as a web server sends it:
# text gzip-compressed (GitHub Pages and any ordinary server do; python's http.server does not)
MAX_PAGE_BYTES = 300_000
MAX_RENDER_SECONDS = 0.5  # neuron-loss on localhost: load event and fonts ready (issue 14)
_MATH_SCRIPT = re.compile(r"math|katex|tex-|typeset", re.I)


def test_without_javascript_the_first_paint_shows_math_and_no_tex(browser, base_url: str, site: Path) -> None:
    tab = Tab(browser, base_url, 1280, 900, javascript=False)
    try:
        tab.open(page_path(site, "neuron-loss"))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        tab.page.screenshot(path=str(ARTIFACTS / "neuron-loss-no-javascript.png"))  # the first screen, as painted
        text = tab.page.inner_text("article")
        facts = tab.page.evaluate(
            "() => ({formulas: document.querySelectorAll('.arithmatex').length,"
            " katex: document.querySelectorAll('.arithmatex .katex-html').length,"
            " shown: [...document.querySelectorAll('.math-text')].filter(el => el.offsetParent !== null).length})"
        )
    finally:
        tab.context.close()
    assert tab.external == [], f"requests left 127.0.0.1: {tab.external}"
    assert [tex for tex in RAW_TEX if tex in text] == [], "raw TeX on the page without JavaScript"
    assert facts["formulas"] >= 100 and facts["katex"] == facts["formulas"], facts
    assert facts["shown"] == 0, "the readable search text of a formula is visible"


# JavaScript, once the math is done: when the page was final, in ms from navigation start (the
# load event's end, or the last font's arrival if later).
_FINAL_MS = """() => document.fonts.ready.then(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fonts = performance.getEntriesByType('resource').filter(e => /\\.woff2?$/.test(e.name));
  return Math.max(nav.loadEventEnd, ...fonts.map(e => e.responseEnd));
})"""


_TEXT = re.compile(r"text/|javascript|json|svg|xml")


def _visit(browser, base_url: str, path: str) -> tuple[Tab, list[tuple[str, str, int, int]], float]:
    """Open ``path`` in a fresh context; every response as (url, resource type, body bytes, bytes
    sent gzip-compressed if text) and the time from navigation start until the load event and
    the fonts are done, in seconds."""
    tab = Tab(browser, base_url, 1280, 900)
    responses: list[tuple[str, str, int, int]] = []

    def record(response) -> None:
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 -- a redirect or aborted request has no body
            body = b""
        text = _TEXT.search(response.headers.get("content-type", ""))
        sent = len(gzip.compress(body, 6, mtime=0)) if text and body else len(body)
        responses.append((response.url, response.request.resource_type, len(body), sent))

    tab.context.on("response", record)
    tab.page.goto(urljoin(base_url, path), wait_until="load")
    tab.page.wait_for_function(f"() => {MATH_DONE}", timeout=MATH_TIMEOUT_MS)
    ready_ms = tab.page.evaluate(_FINAL_MS)
    tab.page.wait_for_load_state("networkidle")  # the search worker fetches its index after load
    return tab, responses, ready_ms / 1000


def test_no_page_requests_a_math_script(browser, base_url: str, site: Path) -> None:
    for page_id in ("neuron-loss", "ex5-least-squares"):
        tab, responses, _ = _visit(browser, base_url, page_path(site, page_id))
        tab.context.close()
        assert tab.external == []
        scripts = [url for url, kind, *_ in responses if kind == "script" or url.endswith(".js")]
        assert scripts, "Material's own scripts were not seen: the recording is broken"
        assert [url for url in scripts if _MATH_SCRIPT.search(url.rsplit("/", 1)[-1])] == [], scripts


def test_a_problem_page_weighs_under_300_kb(browser, base_url: str, site: Path) -> None:
    tab, responses, _ = _visit(browser, base_url, page_path(site, "ex5-least-squares"))
    tab.context.close()
    raw, sent = sum(r[2] for r in responses), sum(r[3] for r in responses)
    biggest = ", ".join(f"{url.rsplit('/', 1)[-1] or url} {size}/{gz}" for url, _, size, gz in sorted(responses, key=lambda r: -r[2])[:8])
    print(f"\nex5-least-squares: {len(responses)} requests, {raw} bytes ({sent} compressed); largest (raw/compressed): {biggest}")
    assert sent < MAX_PAGE_BYTES, f"{sent} bytes compressed ({raw} raw) in {len(responses)} requests: {biggest}"


def test_neuron_loss_is_final_in_half_a_second(browser, base_url: str, site: Path) -> None:
    """The best of three first visits (each in a fresh context): the machine's other work only
    ever slows a run down, so the fastest is the page's own time."""
    path = page_path(site, "neuron-loss")
    times = []
    for _ in range(3):
        tab, responses, seconds = _visit(browser, base_url, path)
        tab.context.close()
        times.append(seconds)
    print(f"\nneuron-loss: final rendered page at {', '.join(f'{t:.3f}' for t in times)} s; "
          f"{len(responses)} requests, {sum(r[2] for r in responses)} bytes")
    assert min(times) < MAX_RENDER_SECONDS, f"neuron-loss took {min(times):.3f} s at best to its final rendering"
