"""What a command prints when it stops on bad input: one located line per mistake, an exit code."""

from __future__ import annotations

from typing import TextIO

from mcdocgen.errors import CatalogError, ExitCode, McdocgenError
from mcdocgen.escape import printable, printable_lines


def explain(exc: McdocgenError | OSError, err: TextIO) -> ExitCode:
    """Print ``exc`` for the user on ``err`` (no traceback: the input is at fault, not mcdocgen)
    and return the exit code it means. Used by ``cli`` and by the walkthrough, which shows it."""
    if isinstance(exc, CatalogError):
        for line in exc.lines():
            print(line, file=err)
        n = len(exc.diagnostics)
        print(f"mcdocgen: {n} error{'s' if n != 1 else ''}; {exc.outcome}", file=err)
        return ExitCode.BAD_INPUT
    if isinstance(exc, McdocgenError):
        print(printable_lines(f"mcdocgen: {exc}"), file=err)
        return ExitCode(exc.exit_code)
    # a file that cannot be read or written: the user's path, not a bug
    where = f" {exc.filename}" if exc.filename else ""
    print(printable(f"mcdocgen: cannot use{where}: {exc.strerror or exc}"), file=err)
    return ExitCode.BAD_INPUT
