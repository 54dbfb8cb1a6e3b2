"""Every error mcdocgen raises on purpose, with its data: exit codes, error codes, diagnostics and
the exception classes (all under :class:`McdocgenError`)."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from mcdocgen.escape import printable


@enum.unique
class ExitCode(enum.IntEnum):
    OK = 0
    CHECK_FAILED = 1
    BAD_INPUT = 2
    INTERNAL_ERROR = 3  # a bug in mcdocgen, never a verdict on the catalog
    INTERRUPTED = 130  # Ctrl-C, as shells report a process ended by SIGINT


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One mistake in the input, printed as ``file:line:col: problem 'id', key: message [code]``.

    ``line`` and ``column`` are 1-based. ``column`` is 0 where the mistake is at no one place of a
    line (the whole file: it cannot be read, is too large or is empty); ``:col`` is then left out,
    as compilers do. Inside an expression the column is the parser's, counted from the line's start.
    """

    file: str
    line: int
    column: int = 0
    problem: str = ""
    key: str = ""
    message: str = ""
    code: ErrorCode = field(kw_only=True)

    def render(self) -> str:
        """One line; names and values quoted from the input keep their control characters
        written out (``\x1b``), so a message can neither colour nor rewrite the terminal."""
        parts = [f"{self.file}:{self.line}:" + (f"{self.column}:" if self.column else "")]
        if self.problem:
            parts.append(f" problem '{self.problem}',")
        if self.key:
            parts.append(f" {self.key}:")
        parts.append(f" {self.message} [{self.code}]")
        return printable("".join(parts))


def clip(text: str, limit: int = 50) -> str:
    """User text echoed in a message: one line (runs of white space become one space), at most
    ``limit`` characters, the cut marked with ``...``."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to a mistyped ``name`` (difflib's ratio of at least 0.6), or None."""
    close = difflib.get_close_matches(name, list(candidates), n=1)
    return close[0] if close else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` naming the candidate closest to a mistyped ``name``, or "" when
    none is close: the one suggestion every message of mcdocgen makes."""
    close = closest(name, candidates)
    return f" (did you mean '{close}'?)" if close else ""


def suggest(name: str, known: Sequence[str]) -> str:
    """What to write instead of an unknown ``name``: the close one, else the known ones (listed)."""
    return did_you_mean(name, known) or f" (known: {listing(known)})"


def listing(names: Iterable[str], limit: int = 12) -> str:
    """``a, b, c``: the first ``limit`` names for a message, then ``...`` when there are more."""
    names = list(names)
    return ", ".join(names[:limit]) + (", ..." if len(names) > limit else "")


class McdocgenError(Exception):
    """An error caused by the user's input: reported without a traceback."""

    exit_code = ExitCode.BAD_INPUT


class InternalError(McdocgenError):
    """A bug in mcdocgen found where the cause may be far away (a worker process): ``where`` it
    happened and the ``details`` (the traceback) to print before the one-line message."""

    exit_code = ExitCode.INTERNAL_ERROR

    def __init__(self, where: str, details: str = "") -> None:
        self.where = where
        self.details = details
        super().__init__(f"{where}: {details.strip().splitlines()[-1] if details.strip() else 'unknown error'}")


MAX_REPORTED = 100  # diagnostics printed; the rest are counted ("and N more")


class CatalogError(McdocgenError):
    """A catalog that does not validate; carries every diagnostic found, and what became of the run
    (``outcome``: the end of its last line; a mistake found while deriving stops a run that derived
    other problems already)."""

    def __init__(self, diagnostics: list[Diagnostic], outcome: str = "nothing was derived") -> None:
        self.diagnostics = sorted(diagnostics)
        self.outcome = outcome
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """The first MAX_REPORTED diagnostics, rendered, then how many more there are."""
        shown = [d.render() for d in self.diagnostics[:MAX_REPORTED]]
        more = len(self.diagnostics) - MAX_REPORTED
        return shown + ([f"... and {more} more"] if more > 0 else [])


@enum.unique
class ErrorCode(enum.StrEnum):
    """Stable codes printed after a diagnostic (``[unknown-name]``) and listed in the docs; tools
    and tests may match on them, so a code is never renamed."""

    # the expression language
    EXPRESSION = "expression"          # a problem in an expression with no more specific code
    UNKNOWN_NAME = "unknown-name"      # a name that is no variable, size or step
    UNKNOWN_FUNCTION = "unknown-function"    # a call of a name that is not a function of the language
    UNKNOWN_ATTRIBUTE = "unknown-attribute"  # x.attr other than .T
    NOT_CALLED = "not-called"          # a function's name used as a value (exp instead of exp(x))
    WRONG_ARGUMENTS = "wrong-arguments"  # a call with the wrong number or kind of arguments
    SYNTAX = "syntax"                  # not Python expression syntax, or a character that is not allowed
    NOT_TEXT = "not-text"              # an expression that is not a string
    EMPTY = "empty"                    # an empty expression, list or row
    NOT_ALLOWED = "not-allowed"        # valid syntax outside the language (a lambda, '%', a string...)
    NOT_A_NUMBER = "not-a-number"      # a constant that is not a finite number
    DIVISION_BY_ZERO = "division-by-zero"  # a divisor, negative power's base or inv's argument that is zero
    UNDEFINED = "undefined"            # log or logdet of an operand identically zero, sqrt or a power below 1 of one
    #                                    (no derivative); 1/0 met while deriving
    SHAPE_MISMATCH = "shape-mismatch"  # operands whose shapes do not fit the operation
    BAD_INDEX = "bad-index"            # an index that is not a whole-number literal, or out of range
    TOO_LARGE = "too-large"            # over a limit on size: text, literal, exponent, constant, entries
    TOO_DEEP = "too-deep"              # nested over the depth limit
    NO_TEXT_FORM = "no-text-form"      # a derived tree the language cannot write (a symbolic unit vector)

    # the catalog: the file and its YAML (each code has a line in docs/reference.md)
    CANNOT_READ = "cannot-read"
    NOT_UTF8 = "not-utf8"
    EMPTY_CATALOG = "empty-catalog"
    YAML_SYNTAX = "yaml-syntax"
    YAML_ESCAPE = "yaml-escape"
    YAML_ALIAS = "yaml-alias"
    YAML_TAG = "yaml-tag"
    YAML_TOO_DEEP = "yaml-too-deep"
    TOO_MANY = "too-many"
    # the catalog: its keys and values
    WRONG_TYPE = "wrong-type"
    EMPTY_VALUE = "empty-value"
    UNKNOWN_KEY = "unknown-key"
    MISSING_KEY = "missing-key"
    DUPLICATE_KEY = "duplicate-key"
    BAD_ID = "bad-id"
    DUPLICATE_ID = "duplicate-id"
    TOPIC_CLASH = "topic-clash"
    # the catalog: variables, sizes and wrt
    BAD_NAME = "bad-name"
    NAME_TAKEN = "name-taken"
    BAD_SHAPE = "bad-shape"
    BAD_SIZE = "bad-size"
    UNKNOWN_ASSUMPTION = "unknown-assumption"
    ASSUMPTION_SHAPE = "assumption-shape"
    UNDECLARED = "undeclared"
    LISTED_TWICE = "listed-twice"
    UNUSED_VARIABLE = "unused-variable"
    # the catalog: steps and expected answers
    STEP_FORM = "step-form"
    STEP_ORDER = "step-order"
    UNUSED_STEP = "unused-step"
    STEPS_DIFFER = "steps-differ"
    NOT_IN_WRT = "not-in-wrt"
    BAD_ERRATUM_KIND = "bad-erratum-kind"
    EXPECTED_SHAPE = "expected-shape"
    NOT_SCALAR = "not-scalar"          # `hessian:` on a function that is not scalar
    # the catalog: the handouts: section
    UNKNOWN_PROBLEM = "unknown-problem"
    UNKNOWN_TAG = "unknown-tag"
    UNKNOWN_TOPIC = "unknown-topic"
    BAD_LAYOUT = "bad-layout"
    # the catalog: the not_derived: list
    BAD_TEX = "bad-tex"                # a statement with a character, brace or TeX command not allowed


class ExprError(McdocgenError):
    """A problem in an expression's text: ``col`` is 0-based within the text, ``code`` says what
    kind of problem, ``name`` is the offending name where there is one."""

    def __init__(self, message: str, col: int = 0, *, code: ErrorCode = ErrorCode.EXPRESSION,
                 name: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.col = col
        self.code = code
        self.name = name


class SiteError(McdocgenError):
    """The site could not be built; docs/ and site/ were left unchanged."""

    exit_code = ExitCode.CHECK_FAILED


class HandoutError(McdocgenError):
    """A handout did not compile (or compiled badly): nothing was written."""

    exit_code = ExitCode.CHECK_FAILED

    def __init__(self, message: str, problem: str = "", first_error: str = "") -> None:
        super().__init__(message)
        self.problem = problem
        self.first_error = first_error


class NoTexEngine(McdocgenError):
    """PDFs were asked for where no TeX engine is installed (an error only with CI=true)."""

    exit_code = ExitCode.CHECK_FAILED


class ReviewError(McdocgenError):
    """The review could not compare the two catalogs (git failed, no base catalog, ...)."""

    exit_code = ExitCode.BAD_INPUT


class TrialError(McdocgenError):
    """A mistake on the command line: one line per mistake, each naming the option."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("\nmcdocgen: ".join(lines))
