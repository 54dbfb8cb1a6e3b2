"""Where mcdocgen's own files are: the templates, the default site configuration and hand-written
pages, and the math renderer (Temml) and font, in a source checkout and in an installed wheel
alike. Every lookup goes through here.

In a checkout they are the top-level ``templates/``, ``mkdocs.yml``, ``docs/`` and
``node_modules/temml`` (the source of truth). A wheel carries copies of them under
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
#: how to add a problem and how mcdocgen derives and checks (an instructor adds
#: problems to her own catalog), how a course site is made, the stylesheets and scripts
#: mkdocs.yml names. docs/code.md (the layout of mcdocgen's own code) is the project's only.
COURSE_DOCS = ("notation.md", "contributing.md", "reference.md", "course.md", "stylesheets", "javascripts")
#: The files of the npm package temml a site build needs: the library node requires, the
#: stylesheet the site's is made from (publish/mathml.py), the version and the licence.
TEMML_FILES = ("package.json", "LICENSE", "dist/temml.cjs", "dist/Temml-STIX2.css")

#: {folder under _data: (its source folder in the checkout, the glob patterns copied from there,
#: keeping their paths below it)}. The npm packages are optional (a build from a git URL has no
#: node_modules: the site then needs them in the course folder); the others are required. The math
#: font is package data (mcdocgen/publish/fonts).
DATA_LAYOUT = {
    "templates": ("templates", ("*",)),
    "site": (".", ("mkdocs.yml", *(f"docs/{name}" for name in COURSE_DOCS))),
    "temml": ("node_modules/temml", TEMML_FILES),
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


def temml_package() -> Path:
    """Where mcdocgen's own copy of the temml package is (it may be missing: see :data:`DATA_LAYOUT`)."""
    return DATA / "temml" if installed() else CHECKOUT / "node_modules" / "temml"


def default_site_files() -> list[Path]:
    """Every file of the default site (configuration and course pages), in a fixed order."""
    files = [site_config()]
    for name in COURSE_DOCS:
        entry = site_docs() / name
        files += sorted(p for p in entry.rglob("*") if p.is_file()) if entry.is_dir() else [entry]
    return files
