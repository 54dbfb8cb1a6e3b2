"""MathJax for the site, vendored from the installed ``django-static-mathjax`` package so the built
site loads nothing from another host."""

from __future__ import annotations

import importlib.resources
import shutil
from pathlib import Path

from mcdocgen.errors import SiteError

MATHJAX_DIR = "vendor/mathjax"   # under docs/
MATHJAX_VERSION = "3.2.2"
MATHJAX_PACKAGE = "mathjax"  # import name of the PyPI distribution django-static-mathjax


def mathjax_files() -> dict[str, Path]:
    """The MathJax files the site needs, as {path under vendor/mathjax/: installed file}."""
    try:
        base = importlib.resources.files(MATHJAX_PACKAGE) / "static" / "mathjax"
    except ModuleNotFoundError as err:
        raise SiteError(
            f"MathJax {MATHJAX_VERSION} is not installed: pip install 'django-static-mathjax==3.2.2.*'"
        ) from err
    base = Path(str(base))
    script = base / "es5" / "tex-chtml-full.js"
    fonts = base / "es5" / "output" / "chtml" / "fonts" / "woff-v2"
    if not script.is_file() or not fonts.is_dir():
        raise SiteError(f"MathJax files missing under {base}: reinstall django-static-mathjax")
    head = script.read_bytes()
    if f'VERSION="{MATHJAX_VERSION}"'.encode() not in head:
        raise SiteError(f"{script}: not MathJax {MATHJAX_VERSION}; install django-static-mathjax==3.2.2.*")
    files = {"tex-chtml-full.js": script}
    for font in sorted(fonts.glob("*.woff")):
        files[f"output/chtml/fonts/woff-v2/{font.name}"] = font
    if (base / "LICENSE").is_file():
        files["LICENSE"] = base / "LICENSE"
    return files


def vendor_mathjax(dest: Path) -> None:
    """Copy the MathJax files into ``dest`` (a build's docs/vendor/mathjax)."""
    for rel, source in mathjax_files().items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
