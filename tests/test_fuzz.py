"""Fuzzing the parser and the loader (issue 10): random and mutated expressions and catalogs.

Whatever the input, the answer is a tree, a catalog, or the program's own error (never another
exception), and it comes within a generous time bound. Derandomized by the "ci" profile
(tests/conftest.py); MCDOCGEN_FUZZ=1 runs the "fuzz" profile: new examples, ten times as many.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mcdocgen import language as E
from mcdocgen.catalog import load_catalog_bytes
from mcdocgen.errors import InternalError, McdocgenError
from mcdocgen.language import ExprError
from mcdocgen.commands.pipeline import WORKER_STOPPED, run_one

from cpu_support import CpuClock
from language_support import SCOPE
from test_parse import grammar_text

ROOT = Path(__file__).resolve().parents[1]
CATALOG = (ROOT / "derivations.yaml").read_text(encoding="utf-8")
EXPRESSIONS = [line.split("expression:", 1)[1].strip().strip('"') for line in CATALOG.splitlines()
               if line.strip().startswith("expression:")]
# CPU seconds (tests/cpu_support.py: the load of the machine does not count)
PARSE_SECONDS = 2.0     # one expression of at most 2,000 characters
LOAD_SECONDS = 10.0     # one catalog under the 5 MB limit
PROBLEM_SECONDS = 40.0  # derive and verify, past the pipeline's own budget with room to spare

# Pieces that stress each stage: YAML syntax, nesting, repetition, odd characters.
SPLICES = ["[", "]", "{", "}", ":", "- ", "&a ", "*a", "!!python/object:os.system ", "\t", "'", '"',
           "\x00", "\u2028", "\ud800", "((((((((((", "**", "@", ".T", "[0]", "x" * 300, "1e308",
           "maximum(x, ", "inv(", "det(", "\n  - id: z\n", "\nproblems:\n", "#", "---\n", "%YAML 1.1\n"]


def mutate(text: str, edits: list[tuple[int, int, int]]) -> str:
    """Apply (kind, position, piece) edits: delete a span, insert a piece, or repeat a span."""
    for kind, pos, piece in edits:
        if not text:
            break
        i = pos % len(text)
        if kind == 0:
            text = text[:i] + text[i + 1 + piece % 20:]
        elif kind == 1:
            text = text[:i] + SPLICES[piece % len(SPLICES)] + text[i:]
        else:
            span = text[i:i + 1 + piece % 40]
            text = text[:i] + span * (2 + piece % 50) + text[i:]
    return text


edits = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10**6), st.integers(0, 10**4)), max_size=6)


def parses_or_refuses(text: str) -> None:
    clock = CpuClock()
    try:
        node = E.parse(text, SCOPE)
    except ExprError as exc:
        assert exc.message and "\n" not in exc.message
    else:
        assert isinstance(node, E.Node)
        assert E.parse(E.to_text(node), SCOPE) == node
    assert clock.seconds() < PARSE_SECONDS


@given(st.sampled_from(EXPRESSIONS), edits)
def test_mutated_catalog_expressions_parse_or_raise_expr_error(text, changes):
    parses_or_refuses(mutate(text, changes))


@given(grammar_text, edits)
def test_mutated_grammar_expressions_parse_or_raise_expr_error(text, changes):
    parses_or_refuses(mutate(text, changes))


@given(edits)
@example([(2, 0, 999)])                         # the whole head repeated: thousands of lines
@example([(1, 12, 6)])                          # an alias
@example([(1, 30, 27), (2, 30, 3999)])          # a document marker, repeated
def test_mutated_catalogs_load_or_raise_catalog_error(changes):
    text = mutate(CATALOG, changes)
    clock = CpuClock()
    try:
        catalog = load_catalog_bytes(text.encode("utf-8", "surrogatepass"), "fuzz.yaml")
    except McdocgenError as exc:
        assert str(exc)
    else:
        assert catalog.problems
    assert clock.seconds() < LOAD_SECONDS


@given(grammar_text.filter(lambda t: len(t) < 200))
def test_random_expressions_are_answered_within_the_budget(text):
    """Derive and verify whatever parses: an outcome (verified or not), never an exception or a hang.
    An exception in the worker comes back as an InternalError (a bug, not an outcome) and fails
    the test with the worker's traceback; so does a worker that dies without answering."""
    from problem_factory import make_problem

    try:
        problem = make_problem(text, {"x": ["n"], "y": ["n"], "A": ["n", "n"], "B": ["n", "n"],
                                      "S": ["n", "n"], "c": [], "d": [], "X": ["m", "n"]})
    except (ExprError, McdocgenError):
        return
    used = [v.name for v in problem.variables if v.name in E.free_vars(problem.expression)]
    if not used:
        return
    from dataclasses import replace

    problem = replace(problem, variables=tuple(v for v in problem.variables if v.name in used), wrt=(used[0],))
    clock = CpuClock()
    try:
        outcome = run_one(problem)
    except InternalError as exc:
        bug = exc
    else:
        bug = None
    if bug is not None:
        pytest.fail(f"{bug}\n{bug.details}", pytrace=False)
    assert outcome.view.id == problem.id
    assert not any(WORKER_STOPPED in r.not_derived for r in outcome.view.results)
    assert clock.seconds() < PROBLEM_SECONDS
