"""Diagnostics: where a problem in the input is, what it is, and the error that carries them."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from mcdocgen.escape import printable


@enum.unique
class ExitCode(enum.IntEnum):
    OK = 0
    CHECK_FAILED = 1
    BAD_INPUT = 2
    INTERNAL_ERROR = 3  # a bug in mcdocgen, never a verdict on the catalog


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One mistake in the input, printed as ``file:line: problem 'id', key: message``."""

    file: str
    line: int
    problem: str = ""
    key: str = ""
    message: str = ""

    def render(self) -> str:
        """One line; names and values quoted from the input keep their control characters
        written out (``\x1b``), so a message can neither colour nor rewrite the terminal."""
        where = f"{self.file}:{self.line}:"
        parts = [where]
        if self.problem:
            parts.append(f" problem '{self.problem}',")
        if self.key:
            parts.append(f" {self.key}:")
        parts.append(f" {self.message}")
        return printable("".join(parts))


class McdocgenError(Exception):
    """An error caused by the user's input: reported without a traceback."""

    exit_code = ExitCode.BAD_INPUT


class InternalError(Exception):
    """A bug in mcdocgen found where the cause may be far away (a worker process): ``where`` it
    happened and the ``details`` (the traceback) to print before the one-line message."""

    exit_code = ExitCode.INTERNAL_ERROR

    def __init__(self, where: str, details: str = "") -> None:
        self.where = where
        self.details = details
        super().__init__(f"{where}: {details.strip().splitlines()[-1] if details.strip() else 'unknown error'}")


MAX_REPORTED = 100  # diagnostics printed; the rest are counted ("and N more")


class CatalogError(McdocgenError):
    """A catalog that does not validate; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """The first MAX_REPORTED diagnostics, rendered, then how many more there are."""
        shown = [d.render() for d in self.diagnostics[:MAX_REPORTED]]
        more = len(self.diagnostics) - MAX_REPORTED
        return shown + ([f"... and {more} more"] if more > 0 else [])
