"""`mcdocgen handout`: which handouts one call builds (``plan``), which problems each holds
(``select``), and the command that derives them, builds the handouts and writes their files."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from mcdocgen import crashsafe
from mcdocgen.catalog import MAX_ID_CHARS, SLUG, Catalog, HandoutSpec, load_catalog
from mcdocgen.catalog.handouts import DEFAULT_NAME, HandoutLayout, selection
from mcdocgen.commands.build import cached_views
from mcdocgen.commands.check import report_failures
from mcdocgen.commands.pipeline import run_catalog
from mcdocgen.errors import ExitCode, McdocgenError, suggest
from mcdocgen.publish.cache import CACHE_DIR, Cache
from mcdocgen.publish.course import load_course, with_course
from mcdocgen.commands.variants import variants
from mcdocgen.present.handout import AS_DECLARED, HandoutStyle
from mcdocgen.publish.handout import PDF_SKIPPED, Built, Edition, build_handouts


def select(catalog: Catalog, ids: Sequence[str] = (), tags: Sequence[str] = (), topics: Sequence[str] = ()) -> list[str]:
    """The problem ids of a selection (catalog.handouts.selection: the ids given, then the problems carrying any
    of the tags; with ``topics``, those of the topics, which the catalog's validation found to leave some).

    Raises :class:`McdocgenError` (bad input) for an unknown id or a tag no problem carries.
    """
    known = [p.id for p in catalog.problems]
    for pid in ids:
        if pid not in known:
            raise McdocgenError(f"no problem '{pid}' in {catalog.path}{suggest(pid, known)}")
    all_tags = _tags(catalog)
    for tag in tags:
        if tag not in all_tags:
            raise McdocgenError(f"no problem in {catalog.path} has the tag '{tag}'{suggest(tag, all_tags)}")
    return selection(catalog.problems, ids, tags, topics)


def _tags(catalog: Catalog) -> list[str]:
    return list(dict.fromkeys(t for p in catalog.problems for t in p.tags))


def plan(catalog: Catalog, declared: Sequence[HandoutSpec], ids: Sequence[str], tags: Sequence[str],
         name: str | None, layout: str | None, overrides: Mapping[str, str | None]) -> list[HandoutSpec]:
    """The handouts one `mcdocgen handout` call builds.

    - ids or tags given: one handout of that selection; its name from --name (default 'handout');
      a declared handout of that name lends its title, course, author, date and layout.
    - --name only: that declared handout.
    - nothing: every declared handout, or (none declared) one handout of every problem.
    Options given on the command line override the declared values.
    """
    by_name = {s.name: s for s in declared}
    if name is not None and (not SLUG.match(name) or len(name) > MAX_ID_CHARS):
        raise McdocgenError(f"--name '{name}' is not a slug of at most {MAX_ID_CHARS} characters: use lower-case "
                            "letters, digits and single '-'")
    if ids or tags:
        select(catalog, ids, tags)
        base = by_name.get(name or "", HandoutSpec(name or DEFAULT_NAME))
        chosen = [replace(base, ids=tuple(ids), tags=tuple(tags), topics=())]    # the selection given, whole
    elif name is not None:
        if name not in by_name:
            known = [s.name for s in declared]
            raise McdocgenError(f"no handout '{name}' in {catalog.path}'s handouts: section"
                                + (suggest(name, known) if known else "; give problem ids or --tag"))
        chosen = [by_name[name]]
    elif declared:
        chosen = list(declared)
    else:
        chosen = [HandoutSpec(DEFAULT_NAME)]
    out = []
    for spec in chosen:
        values = {k: v for k, v in overrides.items() if v is not None}
        values = {k: " ".join(v.split()) for k, v in values.items()}
        if "title" in values and not values["title"]:
            raise McdocgenError("--title must not be empty")
        out.append(replace(spec, title=values.get("title", spec.title), course=values.get("course", spec.course),
                           author=values.get("author", spec.author), date=values.get("date", spec.date),
                           layout=HandoutLayout(layout) if layout else spec.layout))
    return out


def selections(catalog: Catalog, specs: Sequence[HandoutSpec]) -> dict[str, list[str]]:
    """Each handout's problem ids, by handout name."""
    return {s.name: select(catalog, s.ids, s.tags, s.topics) for s in specs}


def handout(catalog_path: str | Path, out: TextIO, err: TextIO, *, ids: Sequence[str] = (),
            tags: Sequence[str] = (), name: str | None = None, layout: str | None = None,
            overrides: Mapping[str, str | None] | None = None, editions: Sequence[Edition] = tuple(Edition),
            folder: Path = Path("handouts"), pdf: bool = True, style: HandoutStyle = AS_DECLARED,
            variant_count: int = 0, seed: int = 0, use_cache: bool = True, cache_dir: Path | None = None) -> ExitCode:
    """`mcdocgen handout`: derive and verify the problems of the handouts :func:`plan` chooses,
    build ``editions`` of each (PDFs with ``pdf``) and write them into ``folder``, one path a line
    on ``out``; nothing is written when a check fails. ``style``: the student edition and the
    statements' wording; ``variant_count`` K > 0: instead, K variants of each handout
    (``NAME-v1-exercises.tex`` ...), drawn with ``seed`` and each derived and verified
    (:mod:`mcdocgen.commands.variants`).

    Cached as `mcdocgen build` is, in the same place for a course folder (``cache_dir``, default the
    catalog's folder's ``.mcdocgen/cache``): each problem's derivation and checks, and each PDF
    compiled from the same .tex by the same TeX; ``use_cache=False`` (``--no-cache``) reads nothing."""
    t0 = time.perf_counter()
    cache = Cache(cache_dir or Path(catalog_path).resolve().parent / CACHE_DIR, read=use_cache)
    catalog = load_catalog(catalog_path)
    specs = plan(catalog, catalog.handouts, ids, tags, name, layout, overrides or {})
    # the course's settings (mcdocgen.toml beside the catalog) where neither the catalog nor the command line sets them
    specs = list(with_course(specs, load_course(Path(catalog_path).resolve().parent), layout=layout is None))
    chosen = selections(catalog, specs)
    wanted = {pid for pids in chosen.values() for pid in pids}
    if variant_count:  # the variants are derived and verified instead of the problems themselves
        built = build_variants(catalog, specs, chosen, editions, pdf, style, variant_count, seed, err, cache)
    else:
        selected = Catalog(catalog.path, tuple(p for p in catalog.problems if p.id in wanted))
        views, fresh = cached_views(selected, cache, lambda todo: run_catalog(todo, None))
        if report_failures(catalog, fresh, err):
            print("mcdocgen: checks failed: no handout was written", file=err)
            return ExitCode.CHECK_FAILED
        built = build_handouts(specs, {v.id: v for v in views}, chosen, editions, pdf=pdf,
                               source=catalog.path, style=style, cache=cache)
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, data in built.files.items():
        crashsafe.write_atomic(folder / file_name, data)
        print(folder / file_name, file=out)
    if built.pdf_skipped:
        print(f"mcdocgen: {PDF_SKIPPED}", file=err)
    cache.prune()
    versions = f" in {variant_count} variants" if variant_count else ""
    print(f"mcdocgen: {_count(len(built.files), 'file')} for {_count(len(specs), 'handout')}{versions} "
          f"({_count(len(wanted), 'problem')}) in {time.perf_counter() - t0:.1f} s", file=err)
    return ExitCode.OK


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def variant_name(name: str, number: int) -> str:
    """The file stem of a handout's variant: ``chain-rule-v2``."""
    return f"{name}-v{number}"


def build_variants(catalog: Catalog, specs: Sequence[HandoutSpec], chosen: Mapping[str, Sequence[str]],
                   editions: Sequence[Edition], pdf: bool, style: HandoutStyle, count: int, seed: int,
                   err: TextIO, cache: Cache | None = None) -> Built:
    """``count`` variants of every handout: each problem varied, derived and verified (the same
    variant of a problem in every handout holding it), each variant's sheets built like a handout's."""
    ids = list(dict.fromkeys(pid for pids in chosen.values() for pid in pids))
    drawn = variants(catalog, ids, count, seed)
    files: dict[str, bytes] = {}
    skipped = False
    all_specs: list[HandoutSpec] = []
    for number, by_id in enumerate(drawn, start=1):
        redrawn = sum(v.attempts - 1 for v in by_id.values())
        print(f"mcdocgen: variant {number}: {len(by_id)} problems derived and verified"
              + (f" ({redrawn} draws failed and were drawn again)" if redrawn else ""), file=err)
        renamed = [replace(s, name=variant_name(s.name, number)) for s in specs]
        built = build_handouts(renamed, {pid: v.outcome.view for pid, v in by_id.items()},
                               {variant_name(s.name, number): chosen[s.name] for s in specs}, editions, pdf=pdf,
                               source=catalog.path, style=replace(style, variant=number), cache=cache)
        files.update(built.files)
        skipped = skipped or built.pdf_skipped
        all_specs += renamed
    return Built(dict(sorted(files.items())), skipped, tuple(all_specs))
