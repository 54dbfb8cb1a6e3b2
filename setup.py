"""The wheel build's one extra step: copy the project's top-level templates/, the default site
(mkdocs.yml and the course's hand-written pages) and Temml's files into the package as
``mcdocgen/_data/`` (mcdocgen/publish/paths.py, DATA_LAYOUT, says what goes where).

The checkout's files stay the only source: the copies are made in the build folder, never in git.
An editable install skips the step (mcdocgen then reads the checkout). Temml comes from
node_modules (``make node``) when it is there; a build without it (``pip install git+URL``) warns,
and the site then needs Temml in the course folder's node_modules.
"""

from __future__ import annotations

import glob
import os
import runpy
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))
PATHS = runpy.run_path(os.path.join(HERE, "mcdocgen", "publish", "paths.py"))
LAYOUT: dict[str, tuple[str, tuple[str, ...]]] = PATHS["DATA_LAYOUT"]
OPTIONAL = {"temml"}


def _copy(pattern: str, dest_root: str, strip: str) -> int:
    """Copy the files matching ``pattern`` (relative to the checkout), keeping their paths below
    ``strip``; returns how many."""
    count = 0
    for source in sorted(glob.glob(os.path.join(HERE, pattern))):
        rel = os.path.relpath(source, os.path.join(HERE, strip))
        target = os.path.join(dest_root, rel)
        if os.path.isdir(source):
            shutil.copytree(source, target, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(source, target)
        count += 1
    return count


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        data = os.path.join(self.build_lib, "mcdocgen", "_data")
        shutil.rmtree(data, ignore_errors=True)
        for folder, (source, patterns) in LAYOUT.items():
            for pattern in patterns:
                if not _copy(os.path.join(source, pattern), os.path.join(data, folder), source):
                    if folder in OPTIONAL:
                        self.warn(f"{pattern} not found (run `make node`): the wheel has no {folder}; "
                                  f"a course folder then needs its own node_modules/{folder}")
                        shutil.rmtree(os.path.join(data, folder), ignore_errors=True)
                        break
                    raise SystemExit(f"error: {pattern} is missing from the source tree; the wheel needs it")


setup(cmdclass={"build_py": BuildWithData})
