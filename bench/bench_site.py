"""The built site in Chromium, measured: bytes and requests of a first visit to a page (raw, and as
a server that compresses text sends them), and the time until the page is final (the load event,
or the last web font's arrival if later), over several fresh visits; plus the site's size.

Timing lives here, not in the tests: a loaded machine only ever slows a page down. Given several
sites (``--site A --site B``: a build before and after a change), the visits are interleaved, A B A
B ..., so that a change in the machine's load falls on both alike.
Run (after `make site`): .venv/bin/python bench/bench_site.py [--site site ...] [--runs 5] [--list] [PAGE_ID ...]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
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

Response = tuple[str, str, int, int]  # url, resource type, raw bytes, bytes sent compressed


def visit(browser, url: str) -> tuple[list[Response], float]:
    """One first visit: every response, and the seconds until the page was final."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    responses = record_responses(context)
    page = context.new_page()
    page.goto(url, wait_until="load")
    final_ms = page.evaluate(_FINAL_MS)
    page.wait_for_load_state("networkidle")  # anything a script fetches after load counts too
    context.close()
    return responses, final_ms / 1000


def site_size(site: Path) -> str:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = sum(p.stat().st_size for p in files if p.suffix == ".html")
    return f"{sum(p.stat().st_size for p in files):,} bytes in {len(files)} files ({html:,} of HTML)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, action="append", help="a built site (repeat to compare); default site/")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--list", action="store_true", help="list each response of the first visit")
    parser.add_argument("pages", nargs="*", default=list(PAGES))
    args = parser.parse_args()
    sites = [s.resolve() for s in args.site or [ROOT / "site"]]
    for site in sites:
        print(f"{site}: {site_size(site)}")
    chromium = find_chromium()
    if chromium is None:
        sys.exit("bench_site: Chromium not found (make test installs it)")
    with contextlib.ExitStack() as stack:
        bases = [stack.enter_context(serve(site)) for site in sites]
        browser = stack.enter_context(launched(chromium))
        for page_id in args.pages:
            urls = []
            for site, base in zip(sites, bases, strict=True):
                found = [p.parent for p in site.glob(f"problems/*/{page_id}/index.html")]
                if not found:
                    sys.exit(f"bench_site: no page {page_id} in {site}")
                urls.append(urljoin(base, found[0].relative_to(site).as_posix() + "/"))
            runs = [[visit(browser, url) for url in urls] for _ in range(args.runs)]  # interleaved
            for k, (site, base) in enumerate(zip(sites, bases, strict=True)):
                responses = runs[0][k][0]
                times = sorted(run[k][1] for run in runs)
                label = f"{page_id}" + (f" [{site.name}]" if len(sites) > 1 else "")
                print(f"{label}: {len(responses)} requests, {sum(r[2] for r in responses):,} bytes "
                      f"({sum(r[3] for r in responses):,} compressed); final at {times[0]:.3f} s best, "
                      f"{statistics.median(times):.3f} s median of {len(times)}")
                if args.list:
                    for url, _, raw, sent in sorted(responses, key=lambda r: -r[2]):
                        print(f"    {raw:>9,} {sent:>8,}  {url.removeprefix(base)}")


if __name__ == "__main__":
    main()
