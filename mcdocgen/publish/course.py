"""The course configuration: ``mcdocgen.toml`` in a site's root, the settings an instructor edits
(the site's title, description, colours and address; the course's name, author and layout), read into a
:class:`Course` and turned into the MkDocs settings and handout defaults a build uses.

The file is optional: without it a build uses the default site configuration as it is. A mistake
in it is one line, ``mcdocgen.toml:LINE: key: message``, and exit status 2, like a catalog mistake.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import tomllib
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from mcdocgen.catalog.handouts import HandoutLayout, HandoutSpec
from mcdocgen.errors import McdocgenError, suggest
from mcdocgen.publish import paths
from mcdocgen.publish.stamp import CONFIG_FILE, COURSE_FILE
from mcdocgen.publish.swap import DOCS_DIR, SITE_DIR

#: Material for MkDocs's colour names (theme.palette primary and accent), in its own spelling.
COLOURS = ("red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal", "green",
           "light green", "lime", "yellow", "amber", "orange", "deep orange", "brown", "grey", "blue grey",
           "black", "white")
#: {table: {key: what it holds}}: the keys the file may have, with the help a mistake prints.
KEYS: dict[str, dict[str, str]] = {
    "site": {"title": "the site's name (header, tab title)", "description": "one sentence for search engines",
             "primary": "the header colour", "accent": "the colour of links and buttons",
             "url": "the address the site is served at, https://HOST/PATH/ (its 404 page needs it under a PATH)"},
    "course": {"name": "the course, printed above each handout's title", "author": "printed under it",
               "layout": "numerator, denominator or both: the layout the problem pages open in and the handouts use"},
}


@dataclasses.dataclass(frozen=True, slots=True)
class Course:
    """The settings of ``mcdocgen.toml``; "" where the file does not set one."""

    title: str = ""
    description: str = ""
    primary: str = ""
    accent: str = ""
    url: str = ""
    name: str = ""
    author: str = ""
    layout: HandoutLayout | None = None


def load_course(root: Path) -> Course:
    """``root/mcdocgen.toml`` read and checked; a :class:`Course` of defaults when there is none."""
    path = Path(root) / COURSE_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Course()
    except (OSError, UnicodeDecodeError) as err:
        raise McdocgenError(f"{path}: cannot be read: {err}") from err
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+), column \d+\)", str(err))
        where = f":{found.group(1)}" if found else ""
        reason = re.sub(r" \(at .*\)$", "", str(err))
        raise McdocgenError(f"{path}{where}: not valid TOML: {reason}") from err
    values: dict[str, str] = {}
    for table, content in data.items():
        if table not in KEYS:
            raise McdocgenError(f"{path}:{_line(text, table, table=True)}: {table}: unknown table{suggest(table, list(KEYS))}")
        if not isinstance(content, dict):
            raise McdocgenError(f"{path}:{_line(text, table)}: {table}: expected a table ([{table}])")
        for key, value in content.items():
            if key not in KEYS[table]:
                raise McdocgenError(f"{path}:{_line(text, key)}: {table}.{key}: unknown key"
                                    f"{suggest(key, list(KEYS[table]))}")
            if not isinstance(value, str) or not value.strip():
                raise McdocgenError(f"{path}:{_line(text, key)}: {table}.{key}: expected a non-empty string "
                                    f"({KEYS[table][key]})")
            values[key] = " ".join(value.split())
            problem = _value_problem(key, values[key])
            if problem:
                raise McdocgenError(f"{path}:{_line(text, key)}: {table}.{key}: {problem}")
    layout = values.pop("layout", None)
    return Course(**values, layout=HandoutLayout(layout) if layout else None)


def _value_problem(key: str, value: str) -> str | None:
    if key in ("primary", "accent") and value not in COLOURS:
        return f"'{value}' is not a colour of the theme{suggest(value, COLOURS)}"
    if key == "layout" and value not in tuple(HandoutLayout):
        return f"'{value}' is not a layout{suggest(value, list(HandoutLayout))}"
    if key == "url":    # MkDocs takes any string; a relative one would give the 404 page wrong links
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
            return f"'{value}' is not an address starting with https:// (or http://) and a host"
    return None


def _line(text: str, key: str, table: bool = False) -> int:
    """The line where ``key`` (or the table ``[key]``) is written; 1 when it cannot be found."""
    pattern = rf"^\s*\[\s*{re.escape(key)}\s*\]" if table else rf"^\s*{re.escape(key)}\s*="
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(pattern, line):
            return number
    return 1


def mkdocs_settings(course: Course) -> dict[str, object]:
    """The MkDocs settings the course changes, for the configuration a build writes (it inherits
    the rest). The palette keeps the default's two schemes (light, dark) with the course's colours."""
    settings: dict[str, object] = {}
    if course.title:
        settings["site_name"] = course.title
    if course.description:
        settings["site_description"] = course.description
    if course.url:  # MkDocs's 404 page links the site's files from its path: /ml-101/assets/..., not /assets/...
        settings["site_url"] = course.url
    if course.primary or course.accent:
        schemes = (("light", "default", "brightness-7", "dark"), ("dark", "slate", "brightness-4", "light"))
        settings["palette"] = [
            {"media": f"(prefers-color-scheme: {media})", "scheme": scheme,
             "primary": course.primary or "indigo", "accent": course.accent or "indigo",
             "toggle": {"icon": f"material/{icon}", "name": f"Switch to {other} mode"}}
            for media, scheme, icon, other in schemes
        ]
    return settings


def with_course(specs: Sequence[HandoutSpec], course: Course, layout: bool = True) -> tuple[HandoutSpec, ...]:
    """The catalog's handouts with the course's name, author and (with ``layout``; False where the
    command line chose one) layout where a handout gives none (a handout's layout counts as given
    when it is not the default, both)."""
    return tuple(
        dataclasses.replace(
            spec,
            course=spec.course or course.name,
            author=spec.author or course.author,
            layout=course.layout if layout and course.layout and spec.layout == HandoutLayout.BOTH else spec.layout,
        )
        for spec in specs
    )


def page_layout(course: Course) -> str:
    """The layout a problem page opens in when its problem names none (a problem's ``layout:``, its
    source's, wins): the course's, or "" (both: the pages' own order) where it names one of two."""
    return course.layout.value if course.layout and course.layout != HandoutLayout.BOTH else ""


# --- the build's configuration and pages ------------------------------------------------------


def copy_course_pages(dest: Path) -> None:
    """The hand-written pages of the default site (paths.COURSE_DOCS), for a root without its own
    mkdocs.yml; the root's docs/ is copied over them, so a course may replace any of them."""
    for name in paths.COURSE_DOCS:
        source = paths.site_docs() / name
        if source.is_dir():
            shutil.copytree(source, dest / name, dirs_exist_ok=True)
        elif source.is_file():
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def build_config(root: Path, build: Path, course: Course, hooks: list[str], theme_dir: Path,
                 nav: list[object] | None) -> str:
    """The configuration MkDocs builds with: the root's mkdocs.yml (else the default site's),
    inherited, with the build's folders, the hooks, the theme additions, the course's settings
    (mcdocgen.toml) and the navigation."""
    base = root / CONFIG_FILE if (root / CONFIG_FILE).is_file() else paths.site_config()
    settings = mkdocs_settings(course)
    theme: dict[str, object] = {"custom_dir": str(theme_dir)}
    if "palette" in settings:
        theme["palette"] = settings.pop("palette")
    config: dict[str, object] = {
        "INHERIT": os.path.relpath(base, build), "docs_dir": DOCS_DIR, "site_dir": SITE_DIR,
        "hooks": hooks, "theme": theme, **settings,
    }
    if nav is not None:
        config["nav"] = nav
    return str(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
