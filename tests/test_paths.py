"""Where mcdocgen's own files are (mcdocgen.publish.paths): in this checkout, the top-level folders;
every file the wheel build copies (DATA_LAYOUT) exists here, and a checkout holds no _data folder."""

from __future__ import annotations

import ast
import glob
import runpy
from pathlib import Path

from mcdocgen.publish import paths

ROOT = Path(__file__).resolve().parent.parent


def test_a_checkout_reads_its_own_folders():
    assert not paths.installed() and not (ROOT / "mcdocgen" / "_data").exists()
    assert paths.CHECKOUT == ROOT
    assert paths.templates() == ROOT / "templates" and (paths.templates() / "problem.md.j2").is_file()
    assert paths.site_config() == ROOT / "mkdocs.yml"
    assert paths.site_docs() == ROOT / "docs"
    assert paths.temml_package() == ROOT / "node_modules" / "temml"


def test_every_file_the_wheel_needs_is_in_the_checkout():
    for folder, (source, patterns) in paths.DATA_LAYOUT.items():
        for pattern in patterns:
            assert glob.glob(str(ROOT / source / pattern)), f"{folder}: {source}/{pattern}"


def test_the_course_pages_are_the_default_sites_own():
    files = paths.default_site_files()
    assert files[0] == paths.site_config()
    names = {f.relative_to(paths.site_docs()).parts[0] for f in files[1:]}
    assert names == set(paths.COURSE_DOCS)
    assert "code.md" not in names  # the project's own page


def test_setup_reads_the_layout_without_importing_mcdocgen():
    # setup.py runs paths.py alone (runpy): it must need nothing but the standard library
    namespace = runpy.run_path(str(ROOT / "mcdocgen" / "publish" / "paths.py"))
    assert namespace["DATA_LAYOUT"] == paths.DATA_LAYOUT
    tree = ast.parse((ROOT / "mcdocgen" / "publish" / "paths.py").read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert imported <= {"__future__", "pathlib"}
