"""Where mcdocgen's own files are: the templates, the default site configuration and hand-written
pages, and KaTeX, in a source checkout and in an installed wheel alike. Every lookup goes through here.

In a checkout they are the top-level ``templates/``, ``mkdocs.yml``, ``docs/`` and
``node_modules/katex`` (the source of truth). A wheel carries copies of them under
``mcdocgen/_data/``, made when the wheel is built (setup.py, which reads :data:`DATA_LAYOUT` from
this file without importing mcdocgen); a checkout never holds a ``_data`` folder, so its presence
is what says "installed". This module imports nothing from mcdocgen: setup.py runs it alone.
"""

from __future__ import annotations

from pathlib import Path

#: The mcdocgen package folder, and the folder above it (a checkout's root when it is one).
PACKAGE = Path(__file__).resolve().parents[1]
CHECKOUT = PACKAGE.parent
#: The package data of an installed wheel (absent in a checkout and in an editable install).
DATA = PACKAGE / "_data"

#: The hand-written pages and assets a course site needs, under docs/: the students' glossary,
#: the tag index, how to add a problem and how mcdocgen derives and checks (an instructor adds
#: problems to her own catalog), how a course site is made, the stylesheets and scripts
#: mkdocs.yml names. docs/code.md (the layout of mcdocgen's own code) is the project's only.
COURSE_DOCS = ("notation.md", "tags.md", "contributing.md", "reference.md", "course.md", "stylesheets", "javascripts")
#: The files of the npm package katex a site build needs: the renderer node requires, the CSS and
#: its fonts (publish/katex.py katex_files), the version and the licence.
KATEX_FILES = ("package.json", "LICENSE", "dist/katex.js", "dist/katex.min.css", "dist/fonts/*.woff2")

#: {folder under _data: (its source folder in the checkout, the glob patterns copied from there,
#: keeping their paths below it)}. KaTeX is optional (a build from a git URL has no node_modules:
#: the site then needs one in the course folder); the others are required.
DATA_LAYOUT = {
    "templates": ("templates", ("*",)),
    "site": (".", ("mkdocs.yml", *(f"docs/{name}" for name in COURSE_DOCS))),
    "katex": ("node_modules/katex", KATEX_FILES),
}


def installed() -> bool:
    """Whether mcdocgen runs from a built wheel (its files under _data), not from a checkout."""
    return DATA.is_dir()


def templates() -> Path:
    """The jinja2 templates (pages, handouts, the theme additions, the course skeleton)."""
    return DATA / "templates" if installed() else CHECKOUT / "templates"


def site_config() -> Path:
    """The default MkDocs configuration, for a site root without a mkdocs.yml of its own."""
    return DATA / "site" / "mkdocs.yml" if installed() else CHECKOUT / "mkdocs.yml"


def site_docs() -> Path:
    """The folder holding the course site's hand-written pages (:data:`COURSE_DOCS`)."""
    return DATA / "site" / "docs" if installed() else CHECKOUT / "docs"


def katex_package() -> Path:
    """Where mcdocgen's own copy of the katex package is (it may be missing: see :data:`DATA_LAYOUT`)."""
    return DATA / "katex" if installed() else CHECKOUT / "node_modules" / "katex"


def default_site_files() -> list[Path]:
    """Every file of the default site (configuration and course pages), in a fixed order."""
    files = [site_config()]
    for name in COURSE_DOCS:
        entry = site_docs() / name
        files += sorted(p for p in entry.rglob("*") if p.is_file()) if entry.is_dir() else [entry]
    return files
