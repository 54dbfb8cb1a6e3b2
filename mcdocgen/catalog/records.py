"""The catalog's records (problems, variables, steps, expected answers, the catalog) and the facts of
its format that the loader and the JSON Schema both read: keys, names, patterns and list limits."""

from __future__ import annotations

import enum
import keyword
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mcdocgen import language as E
from mcdocgen.language.vocabulary import SIZE_NAME, Layout

if TYPE_CHECKING:  # handouts.py reads the format facts below; the record only names its type
    from mcdocgen.catalog.handouts import HandoutSpec
    from mcdocgen.catalog.not_derived import NotDerived
    # the records name these types only: the schema and the command line read this module without SymPy
    from mcdocgen.language import Node
    from mcdocgen.language.shapes import Shape



@enum.unique
class Assumption(enum.StrEnum):
    SYMMETRIC = "symmetric"
    INVERTIBLE = "invertible"
    POSITIVE_DEFINITE = "positive_definite"
    POSITIVE = "positive"
    NONZERO = "nonzero"


MATRIX_ASSUMPTIONS = frozenset({Assumption.SYMMETRIC, Assumption.INVERTIBLE, Assumption.POSITIVE_DEFINITE})
SCALAR_ASSUMPTIONS = frozenset({Assumption.POSITIVE, Assumption.NONZERO})


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    shape: Shape
    assume: tuple[Assumption, ...]
    line: int

    @property
    def symmetric(self) -> bool:
        return Assumption.SYMMETRIC in self.assume


@dataclass(frozen=True, slots=True)
class StepDef:
    """One intermediate variable a lecture introduces: ``name = expression``.

    ``text`` is the right-hand side as written (``"X @ w"`` for ``"a = X @ w"``).
    """

    name: str
    text: str
    node: Node
    line: int


@dataclass(frozen=True, slots=True)
class Expected:
    text: str
    node: Node
    line: int


class ErratumKind(enum.StrEnum):
    """Why the source's form differs from the derived result: the page frames its box by this."""

    ERROR = "error"             # the source is wrong
    CONVENTION = "convention"   # right under another convention (derivatives by the independent entries)
    FUNCTION = "function"       # right for another function of the same name (the matrix sine, not the entrywise)


@dataclass(frozen=True, slots=True)
class Erratum:
    """What a problem's source states wrongly (an extension): in words, and in the language where it
    can be written; the checks confirm that the stated form is wrong."""

    wrt: str                    # the derivative it is about
    says: str                   # what the source says, in words
    note: str                   # what is wrong, and the right statement
    stated: Expected | None     # the source's form, denominator layout; None: an error of shapes or words
    line: int
    kind: ErratumKind = ErratumKind.ERROR


class Answers(Mapping[str, Expected]):
    """A problem's expected answers by variable name: a read-only mapping, so that the frozen
    :class:`Problem` holding it cannot change, and one that pickles (problems go to worker processes)."""

    __slots__ = ("_by_name",)

    def __init__(self, answers: Mapping[str, Expected] | None = None) -> None:
        self._by_name = dict(answers or {})

    def __getitem__(self, name: str) -> Expected:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)

    def __repr__(self) -> str:
        return f"Answers({self._by_name!r})"


@dataclass(frozen=True, slots=True)
class Problem:
    id: str
    title: str
    summary: str
    tags: tuple[str, ...]
    source: str
    topic: str
    variables: tuple[Variable, ...]
    sizes: tuple[str, ...]          # size names used by the shapes, in order of appearance
    expression_text: str
    expression: Node                # over the declared variables (steps substituted in)
    wrt: tuple[str, ...]
    steps: tuple[StepDef, ...]      # step nodes refer to earlier steps as Var(intermediate=True)
    expected: Mapping[str, Expected]  # an Answers: any mapping given is copied into one
    line: int
    hessian: tuple[str, ...] = ()   # variables whose Hessian is derived (the function is scalar)
    #: the expected Hessians by variable, in denominator layout (an Answers, like ``expected``)
    expected_hessian: Mapping[str, Expected] = field(default_factory=lambda: Answers())
    layout: Layout | None = None    # the layout the problem's source uses (None: it names none)
    keywords: tuple[str, ...] = ()  # words a student may search for (synonyms), shown on the page
    errata: tuple[Erratum, ...] = ()  # the source's errors the page marks (an extension)

    def __post_init__(self) -> None:
        for name in ("expected", "expected_hessian"):
            if not isinstance(getattr(self, name), Answers):
                object.__setattr__(self, name, Answers(getattr(self, name)))

    def variable(self, name: str) -> Variable:
        return next(v for v in self.variables if v.name == name)

    @property
    def prose_names(self) -> frozenset[str]:
        """The names the problem's title, summary and source line write (u in "g(u), the chain rule, with u = A x"):
        the page shows them, so a symbol the page introduces does not take one for something else (engine.decompose's
        prefixes, engine.notation's letters, present.naming's)."""
        return frozenset(_PROSE_NAME.findall(" ".join((self.title, self.summary, self.source))))

    def scope(self, with_steps: bool = False) -> E.Scope:
        """The names an expression of this problem may use (for parsing results back)."""
        variables = {v.name: E.var(v.name, v.shape, symmetric=v.symmetric) for v in self.variables}
        sizes = {s: E.shapes.size_symbol(s) for s in self.sizes}
        steps = (
            {s.name: E.var(s.name, s.node.shape, intermediate=True) for s in self.steps}
            if with_steps else {}
        )
        return E.Scope(variables, sizes, steps)


# a name in prose: a letter standing alone, maybe numbered (u, U, x_1, A2); not a function applied (f(X)), an
# abbreviation (e.g., p. 12), the s of Newton's or the T of X^T
_PROSE_NAME = re.compile(r"(?<![\w.'^])[A-Za-z](?:_?\d+)?(?![\w(]|\.\s?\d|\.[A-Za-z])")


@dataclass(frozen=True, slots=True)
class Catalog:
    path: str                       # as given by the user, used in every message
    problems: tuple[Problem, ...]
    handouts: tuple[HandoutSpec, ...] = ()  # the optional top-level `handouts:` list
    not_derived: tuple[NotDerived, ...] = ()  # the optional top-level `not_derived:` list

    def problem(self, problem_id: str) -> Problem:
        return next(p for p in self.problems if p.id == problem_id)


# ---------------------------------------------------------------- the format

MAX_PROBLEMS = 5_000
MAX_ITEMS = 1_000               # entries of any one list or mapping without a limit of its own
#: The mapping keys leading to a list or mapping (list items add no key) -> (most entries in it,
#: what they are). Looked up by the whole path: a handout's ``tags`` is not a problem's.
LIST_LIMITS: dict[tuple[str, ...], tuple[int, str]] = {
    ("problems",): (MAX_PROBLEMS, "problems"),
    ("problems", "variables"): (100, "variables"),
    ("problems", "tags"): (20, "tags"),
    ("problems", "steps"): (50, "steps"),
    ("problems", "wrt"): (100, "variables"),
    ("problems", "hessian"): (100, "variables"),
    ("problems", "keywords"): (30, "keywords"),
    ("handouts", "ids"): (MAX_PROBLEMS, "ids"),
    ("handouts", "tags"): (MAX_ITEMS, "tags"),
    ("not_derived",): (MAX_ITEMS, "entries"),
}
MAX_SIZE = 1000
MIN_SIZE = 1
MAX_SHAPE_SIZES = 2  # [] scalar, [n] vector, [m, n] matrix
DEFAULT_TOPIC = "General"
#: An id names files (docs/problems/TOPIC/ID.md, site/problems/TOPIC/ID/index.html), and a
#: topic's slug names a folder: both well under the 255 bytes a file name may have.
MAX_ID_CHARS = 100
#: Ids that name a generated page of their own: a topic's index.md.
RESERVED_IDS = ("index",)

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NAME = SIZE_NAME  # variable, size and step names: a letter, then letters, digits, '_'

TOP_KEYS = ("problems", "handouts", "not_derived")
PROBLEM_KEYS = (
    "id", "title", "summary", "topic", "tags", "source",
    "variables", "expression", "wrt", "steps", "expected", "hessian", "expected_hessian", "layout", "keywords",
    "erratum",
)
REQUIRED_KEYS = ("id", "title", "summary", "tags", "source", "variables", "expression", "wrt")
VARIABLE_KEYS = ("shape", "assume")
ERRATUM_KEYS = ("wrt", "stated", "says", "note", "kind")
ERRATUM_REQUIRED = ("wrt", "says", "note")
MAX_ERRATA = 10                 # on one problem
MAX_KEYWORD_CHARS = 60          # a keyword is a word or a short phrase, shown on the page


def slug(text: str, empty: str = "general") -> str:
    """The folder name of a topic: ``Matrix functions`` -> ``matrix-functions``; ``empty`` when
    nothing is left (a topic of punctuation only goes to the General folder)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or empty


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a variable, a size or a step (None if it can)."""
    if not NAME.match(name):
        return "a name starts with a letter and holds only letters, digits and '_'"
    if keyword.iskeyword(name):
        return f"'{name}' is reserved"
    if name in E.KNOWN_FUNCTIONS:
        return f"'{name}' is a function of the expression language"
    return None
