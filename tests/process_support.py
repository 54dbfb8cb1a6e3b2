"""Helpers for the crash tests: which processes still use a path, waiting for them to go."""

from __future__ import annotations

import os
import time
from pathlib import Path


def processes_using(text: str) -> list[int]:
    """Live processes (not zombies) whose command line or working folder contains ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(entry / "cwd")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if state != "Z" and (text in cmdline or text in cwd):
            found.append(int(entry.name))
    return found


def wait_for(condition, seconds: float = 60.0) -> bool:
    """Poll ``condition`` until it is true (True) or ``seconds`` have passed (False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())
