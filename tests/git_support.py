"""A git command for tests that build small repositories: a fixed author, date and no user config,
so commits are the same on every machine."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def repo_without_catalog(path: Path) -> Path:
    """A new repository at ``path`` whose branch main holds one commit and no catalog."""
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    (path / "README").write_text("base\n")
    git(path, "add", "README")
    git(path, "commit", "-q", "-m", "base")
    return path
