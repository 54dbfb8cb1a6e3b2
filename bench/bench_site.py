"""The built site in Chromium, measured: bytes and requests of a first visit to a page (raw, and as
a server that compresses text sends them), and the time until the page is final (the load event,
or the last web font's arrival if later), best of several fresh visits; plus the site's size.

Timing lives here, not in the tests: a loaded machine only ever slows a page down.
Run (after `make site`): .venv/bin/python bench/bench_site.py [--site site] [--runs 5] [PAGE_ID ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

from browser_support import find_chromium, launched, record_responses, serve  # noqa: E402

PAGES = ("neuron-loss", "ex5-least-squares", "determinant", "ex1-abs")
# when the page was final, in ms from navigation start
_FINAL_MS = """() => document.fonts.ready.then(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fonts = performance.getEntriesByType('resource').filter(e => /\\.woff2?$/.test(e.name));
  return Math.max(nav.loadEventEnd, ...fonts.map(e => e.responseEnd));
})"""


def visit(browser, url: str) -> tuple[int, int, int, float]:
    """One first visit: requests, raw bytes, compressed bytes, seconds until final."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    responses = record_responses(context)
    page = context.new_page()
    page.goto(url, wait_until="load")
    final_ms = page.evaluate(_FINAL_MS)
    page.wait_for_load_state("networkidle")  # the search worker fetches its index after load
    context.close()
    return len(responses), sum(r[2] for r in responses), sum(r[3] for r in responses), final_ms / 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("pages", nargs="*", default=list(PAGES))
    args = parser.parse_args()
    site = args.site.resolve()
    files = [p for p in site.rglob("*") if p.is_file()]
    print(f"site: {sum(p.stat().st_size for p in files):,} bytes in {len(files)} files")
    chromium = find_chromium()
    if chromium is None:
        sys.exit("bench_site: Chromium not found (make test installs it)")
    paths = {p.parent.name: p.parent.relative_to(site).as_posix() + "/" for p in site.glob("problems/*/*/index.html")}
    with serve(site) as base, launched(chromium) as browser:
        for page_id in args.pages:
            url = urljoin(base, paths[page_id])
            runs = [visit(browser, url) for _ in range(args.runs)]
            requests, raw, sent, _ = runs[0]
            times = sorted(r[3] for r in runs)
            print(f"{page_id}: {requests} requests, {raw:,} bytes ({sent:,} compressed); final at "
                  f"{times[0]:.3f} s best, {times[len(times) // 2]:.3f} s median of {len(times)}")


if __name__ == "__main__":
    main()
