"""Benchmark: mcdocgen on catalogs 10 and 40 times the current one, and a 1,000-problem site from scratch.

A larger catalog is made of copies of the catalog's problems: each copy gets a new id and title, and
(from the second copy on) every variable and size renamed with a suffix in its
declaration, expression, steps and expected results (x -> xva, n -> nva: see _suffix), so that no two
copies are the same text; the copies leave the tags the handouts select (the handouts stay the catalog's). Each
command runs as a child process (`python -m mcdocgen`, the engine PYTHONPATH picks) and is measured:

- wall time, CPU time of the process and every descendant it waited for (CPU/wall = cores used),
- peak memory: ru_maxrss of the largest single process, and the peak of the summed PSS of the
  whole process tree (sampled every 0.25 s from /proc; PSS counts a page the forked workers share once),
- for `mcdocgen build`: cold (a fresh root: no .mcdocgen state, no site) and warm (the same build
  again), and the HTML bytes of each problem page (site/problems/<topic>/<id>/index.html).

`--profile` builds the 1,000-problem catalog with the parent process under cProfile (the workers,
mkdocs and node are children, seen as the time the parent waits) and prints where it went; cProfile
slows the parent's own Python, so that build's time is an upper bound.

Run: PYTHONPATH=<tree> .venv/bin/python bench/bench_scale.py [--check-factors 1,10,40]
     [--build-factors 1,10] [--problems 1000] [--profile] [--keep DIR]
Timings on a shared machine are not an idle machine's: say so with the figures.

What it showed (main at 4d54e12, 2 cores shared with other builds, 2026-12-04): the check's CPU time is
linear, 0.19-0.27 s a problem; a 1,000-problem build from scratch took 298 s wall and 299 s CPU (load 2-4; 519 s
with the parent profiled), peak 1.7 GB in one process, problem pages of 465 KB HTML (median; 813 KB max), site
549 MB. The parent's time: scanning the built HTML (offline.external_references) 39%, the check 29%, the
offline zip (archive.py) 15%, mkdocs with KaTeX 14%, all else 3%. Full figures: the session's notes.

Session 25 (261-problem catalog as the base; `--check-factors "" --build-factors "" --problems 1000`; the
machine shared by seven sessions, load 8-13, so wall time is no measure: CPU time is): before (4d114ca
with this bench's renaming fixes) 257 s CPU, max RSS 1,037 MB, problem pages 152 KB HTML median, 1,051 KB
max, site 241 MB; after (28637bc: search-on-use a file, KaTeX's TeX annotation left out) 274 s CPU
(noise: the machine's load), max RSS 1,001 MB, 144 KB median, 1,032 KB max, site 229 MB. A page does not
grow with the catalog (the same page at 261 and 1,000 problems: +1.4 KB, its sidebar's groups); the
largest pages are large by their own math (a Hessian of a determinant).

Session 30 (pageweight; load 5-16, so CPU time only): problem pages at 1,000 (sizes of every
site/problems/*/*/index.html, topic indexes included: 1,027): before (8a058d9) mean 56.4 KiB, median 52.7,
max 153.1, 5 over 150 KiB, 17 over 120; after (math-text twins out, the sidebar cut to the pages near
each one, whitespace around text out) mean 47.9, median 44.7, max 134.1, 0 over 150, 8 over 120; build
140.7 s CPU (144.6 before), max RSS 463 MB. A page's sidebar no longer grows with its topic (8.8 KB at
263 and at 1,000 problems); what is left is the page's own math (68 KB of the largest page's 134).
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

# (file, function, what it is) of the parent's profile: the phases of `mcdocgen build` (commands/build.py)
PHASES = (
    ("catalog/load.py", "load_catalog", "load and validate the catalog"),
    ("commands/pipeline.py", "run_catalog", "check: derive and verify (forked workers)"),
    ("commands/pipeline.py", "identity_views", "identities page: derive and verify the rules' examples"),
    ("publish/render.py", "render_site_pages", "render the pages (Markdown, plots; identities included)"),
    ("publish/handout.py", "site_handouts", "handouts (LaTeX rendered, latexmk)"),
    ("commands/walkthrough.py", "schema_section", "schema page and contributor walkthrough (commands run)"),
    ("publish/site.py", "build_site", "site: all of the below"),
    ("publish/site.py", "_copy_hand_written", "  copy docs/"),
    ("publish/site.py", "_write_generated", "  write the generated pages"),
    ("publish/site.py", "_run_mkdocs", "  mkdocs build + Temml (a child process)"),
    ("publish/offline.py", "prune", "  prune the site (offline.py)"),
    ("publish/site.py", "_check_site", "  scan the built HTML (offline.py: external references)"),
    ("publish/archive.py", "write_archive", "  the offline zip (archive.py: links rewritten, index, zip)"),
    ("publish/swap.py", "publish", "  publish (atomic swap)"),
)
TARGETS = "targets (issue 15): 1,000 problems built in < 300 s, < 2 GB, < 150 KB HTML a problem page"


# The build with its parent under cProfile. Not `python -m cProfile`: that swallows the exit status, and
# the forked workers would run under the inherited profiler (slower, and their profile is lost anyway).
PROFILED = """
import cProfile, os, runpy, sys
out, sys.argv = sys.argv[1], ["mcdocgen", *sys.argv[4:]]
prof = cProfile.Profile()
os.register_at_fork(after_in_child=prof.disable)
code = 0
prof.enable()
try:
    runpy.run_module("mcdocgen", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    code = exc.code
finally:
    prof.disable()
    prof.dump_stats(out)
sys.exit(code)
"""


def engine_tree() -> Path:
    """The checkout whose mcdocgen the children run (PYTHONPATH's, else the installed one)."""
    spec = importlib.util.find_spec("mcdocgen")
    assert spec and spec.origin, "mcdocgen is not importable"
    return Path(spec.origin).resolve().parent.parent


# ---------------------------------------------------------------- larger catalogs


class NoAliases(yaml.SafeDumper):  # catalogs refuse anchors and aliases
    def ignore_aliases(self, data):
        return True


def _renamed(text: str, names: dict[str, str]) -> str:
    """``text`` with every whole name in ``names`` replaced (never an attribute such as ``.T``)."""
    if not names:
        return text
    pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?!\w)")
    return pattern.sub(lambda m: names[m.group(1)], text)


def _suffix(k: int) -> str:
    """Letters, never digits: a name ending in digits prints subscripted (x2 -> x_{2}), and an entry
    of a subscripted matrix, X_{1}_{kl}, is a double subscript KaTeX refuses (found by this bench)."""
    letters = ""
    while k:
        k, r = divmod(k - 1, 26)
        letters = chr(ord("a") + r) + letters
    return "v" + letters   # "v" first: no name becomes a function's (t + r = tr) or a Greek letter's


def copy_of(problem: dict, k: int) -> dict:
    """The k-th copy of a catalog entry: a new id and title; from k = 1, variables and sizes renamed."""
    q = copy.deepcopy(problem)
    q["id"] = f"{problem['id']}-c{k}"
    q["title"] = f"{problem['title']} ({k})"
    if k == 0:
        return q
    sizes = {s for v in q["variables"].values() for s in (v or {}).get("shape", []) if isinstance(s, str)}
    taken = set(q["variables"]) | sizes | {s.split("=")[0].strip() for s in q.get("steps", [])}
    names = {name: f"{name}{_suffix(k)}" for name in sorted(set(q["variables"]) | sizes)}
    if taken & set(names.values()):
        return q   # a renamed name would collide: this copy keeps the names
    q["variables"] = {names[v]: ({**body, "shape": [names.get(s, s) if isinstance(s, str) else s
                                                    for s in body.get("shape", [])]} if body else body)
                      for v, body in q["variables"].items()}
    # math in a title (between backticks) names the variables too: rename it there, never in the words
    q["title"] = re.sub(r"`([^`]*)`", lambda m: "`" + _renamed(m.group(1), names) + "`", q["title"])
    q["expression"] = _renamed(q["expression"], names)
    q["wrt"] = [names[w] for w in q["wrt"]]
    if "hessian" in q:
        q["hessian"] = [names[w] for w in q["hessian"]]
    for key in ("expected", "expected_hessian"):
        if key in q:
            q[key] = {names[w]: _renamed(str(text), names) for w, text in q[key].items()}
    if "steps" in q:
        q["steps"] = [_renamed(s, names) for s in q["steps"]]
    if "erratum" in q:   # one erratum or a list; its wrt and stated form name the variables
        errata = q["erratum"] if isinstance(q["erratum"], list) else [q["erratum"]]
        errata = [{**e, "wrt": names.get(e["wrt"], e["wrt"]),
                   **({"stated": _renamed(str(e["stated"]), names)} if "stated" in e else {})} for e in errata]
        q["erratum"] = errata if isinstance(q["erratum"], list) else errata[0]
    return q


def scaled_catalog(source: Path, count: int, dest: Path) -> Path:
    """The first ``count`` problems of the catalog's copies 0, 1, 2...; the handouts section kept."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    originals = data["problems"]
    problems = [copy_of(originals[i % len(originals)], i // len(originals)) for i in range(count)]
    # The handouts keep the original problems only: renamed copies in a handout overflowed a line by 1pt,
    # which fails the build (found by this bench), and a 23-fold handout is not what a course prints.
    handout_tags = {t for h in data.get("handouts", []) for t in h.get("tags", [])}
    for q in problems[len(originals):]:
        q["tags"] = [t for t in q["tags"] if t not in handout_tags] or ["copy"]
    dest.write_text(yaml.dump({**data, "problems": problems}, Dumper=NoAliases, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return dest


# ---------------------------------------------------------------- measuring a child process


@dataclass
class Measure:
    wall: float
    cpu: float          # user + system of the child and its waited-for descendants
    maxrss_mb: float    # the largest single process
    tree_pss_mb: float  # the peak of the whole tree's summed PSS
    exit: int
    tail: str

    def line(self) -> str:
        return (f"{self.wall:8.1f} s wall {self.cpu:8.1f} s CPU  cores {self.cpu / self.wall:4.2f}  "
                f"max RSS {self.maxrss_mb:6.0f} MB  tree PSS {self.tree_pss_mb:6.0f} MB  exit {self.exit}")


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _tree_pss_kb(root: int) -> int:
    kids, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        todo += kids.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            pass
    return total


def run(cmd: list[str], cwd: Path, env: dict[str, str], limit: float) -> Measure:
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak, done = [0], threading.Event()

        def sample() -> None:
            while not done.wait(0.25):
                peak[0] = max(peak[0], _tree_pss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timer = threading.Timer(limit, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        timer.cancel()
        done.set()
        sampler.join()
        out.seek(0)
        lines = out.read().decode("utf-8", "replace").strip().splitlines()
    failed = [line for line in lines if "FAIL" in line or "fail" in line or "budget" in line][:10]
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, peak[0] / 1024,
                   proc.returncode, "\n      ".join([*failed, *lines[-3:]])[-3000:])


# ---------------------------------------------------------------- a site root


def fresh_root(tree: Path, parent: Path, name: str) -> Path:
    """A site root with the tree's mkdocs.yml and hand-written docs/ (as git tracks them), nothing built."""
    root = parent / name
    files = subprocess.run(["git", "-C", str(tree), "ls-files", "mkdocs.yml", "docs"], capture_output=True, text=True,
                           check=True).stdout.split()
    for f in files:
        (root / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(tree / f, root / f)
    return root


def page_bytes(root: Path, catalog: Path) -> list[int]:
    ids = [p["id"] for p in yaml.safe_load(catalog.read_text(encoding="utf-8"))["problems"]]
    sizes = []
    for pid in ids:
        pages = list((root / "site" / "problems").glob(f"*/{pid}/index.html"))
        if pages:
            sizes.append(pages[0].stat().st_size)
    return sizes


def site_bytes(root: Path) -> tuple[int, int]:
    site = (root / "site").resolve()
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


# ---------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--catalog", type=Path, default=None, help="the source catalog (default: the tree's derivations.yaml)")
    ap.add_argument("--check-factors", default="1,10,40")
    ap.add_argument("--build-factors", default="1,10")
    ap.add_argument("--problems", type=int, default=1000, help="the from-scratch build's size (0: none)")
    ap.add_argument("--profile", action="store_true", help="build --problems with the parent under cProfile")
    ap.add_argument("--limit", type=float, default=3600.0, help="seconds one command may take")
    ap.add_argument("--budget", type=float, default=None,
                    help="seconds a problem may take (MCDOCGEN_PROBLEM_SECONDS; default mcdocgen's own)")
    ap.add_argument("--keep", type=Path, default=None, help="work here and keep it (default: a temporary folder)")
    args = ap.parse_args()

    tree = engine_tree()
    source = args.catalog or tree / "derivations.yaml"
    env = {**os.environ, "PYTHONPATH": str(tree), "NO_MKDOCS_2_WARNING": "1"}
    if args.budget:
        env["MCDOCGEN_PROBLEM_SECONDS"] = str(args.budget)
    mcdocgen = [sys.executable, "-m", "mcdocgen"]
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    base = len(yaml.safe_load(source.read_text(encoding="utf-8"))["problems"])
    rev = subprocess.run(["git", "-C", str(tree), "describe", "--always", "--dirty"], capture_output=True,
                         text=True).stdout.strip()
    print(f"engine: {tree} ({rev}); catalog {source} ({base} problems); {os.cpu_count()} cores; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; work in {work}", flush=True)

    print("\n== mcdocgen check (validate, derive, verify; one worker per core)")
    checks: dict[int, Measure] = {}
    for factor in [int(f) for f in args.check_factors.split(",") if f]:
        n = base * factor
        catalog = scaled_catalog(source, n, work / f"catalog-{n}.yaml")
        m = run([*mcdocgen, "check", str(catalog)], work, env, args.limit)
        checks[n] = m
        print(f"x{factor:<3d} {n:5d} problems: {m.line()}  {m.wall / n * 1000:6.0f} ms wall, "
              f"{m.cpu / n * 1000:6.0f} ms CPU a problem", flush=True)
        if m.exit:
            print(f"      {m.tail}")
    _linearity(checks, "check")

    print("\n== mcdocgen build (cold: a fresh root; warm: the same build again)")
    builds: dict[int, Measure] = {}
    warm_sizes = {base * int(f) for f in args.build_factors.split(",") if f}   # the from-scratch build: cold only
    sizes = sorted(warm_sizes | ({args.problems} if args.problems else set()))
    for n in sizes:
        catalog = scaled_catalog(source, n, work / f"catalog-{n}.yaml")
        root = fresh_root(tree, work, f"site-{n}")
        build = ["-m", "mcdocgen", "build", str(catalog), "--root", str(root)]
        profiled = args.profile and n == args.problems
        stats = work / f"build-{n}.prof"
        prefix = [sys.executable, "-c", PROFILED, str(stats)] if profiled else [sys.executable]
        cold = run([*prefix, *build], root, env, args.limit)
        if not cold.exit and not (root / "site").exists():
            cold.exit = -1   # no site: a failure whatever the exit status said
        builds[n] = cold
        print(f"{n:5d} problems, cold{' (parent under cProfile)' if profiled else ''}: {cold.line()}", flush=True)
        if profiled:
            print(f"\n   where the {n}-problem build's parent spent its time (cProfile; children are the time it waits)")
            profile_report(stats, cold.wall)
        if cold.exit:
            print(f"      {cold.tail}")
            continue
        pages = page_bytes(root, catalog)
        total, files = site_bytes(root)
        if pages:
            print(f"      problem pages: {len(pages)}, HTML median {statistics.median(pages) / 1024:.0f} KB, max "
                  f"{max(pages) / 1024:.0f} KB; site {total / 1e6:.1f} MB in {files} files "
                  f"({total / n / 1024:.0f} KB a problem)", flush=True)
        tags = sorted((p.stat().st_size, p.parent.name) for p in (root / "site" / "tags").rglob("index.html"))
        if tags:   # the tags' index and a page per tag (publish.tag_pages): the largest is the most used tag's
            print(f"      tags pages: {len(tags)}, largest {tags[-1][0] / 1024:.0f} KB ({tags[-1][1]})", flush=True)
        if n in warm_sizes:
            warm = run([sys.executable, *build], root, env, args.limit)
            print(f"{n:5d} problems, warm: {warm.line()}", flush=True)
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    _linearity(builds, "cold build")
    print(TARGETS)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def _linearity(measures: dict[int, Measure], what: str) -> None:
    ok = {n: m for n, m in measures.items() if m.exit == 0}
    if len(ok) >= 2:
        small, large = min(ok), max(ok)
        print(f"{what}: {large / small:.0f} times the problems took {ok[large].wall / ok[small].wall:.1f} times the "
              f"wall time and {ok[large].cpu / ok[small].cpu:.1f} times the CPU time")


def profile_report(stats_file: Path, wall: float) -> None:
    stats = pstats.Stats(str(stats_file))
    by_key = {(file, name): row for (file, _, name), row in stats.stats.items()}   # type: ignore[attr-defined]
    print(f"{'phase':58s} {'s (cumulative)':>15s} {'share':>6s}")
    for suffix, name, label in PHASES:
        hits = [row for (file, fn), row in by_key.items() if fn == name and file.endswith(suffix)]
        if hits:
            cum = max(row[3] for row in hits)
            print(f"{label:58s} {cum:15.1f} {cum / wall:6.0%}")
    print("\ntop functions of mcdocgen by cumulative time:")
    ours = sorted(((row[3], f"{Path(file).parent.name}/{Path(file).name}:{name}")
                   for (file, name), row in by_key.items() if "/mcdocgen/" in file), reverse=True)
    for cum, where in ours[:25]:
        print(f"  {cum:8.1f} s  {where}")


if __name__ == "__main__":
    main()
