"""mcdocgen.present.notation: a handout's notation paragraph explains exactly the symbols its problems print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mcdocgen.catalog import HandoutSpec, load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.present.notation import markdown_tex, short_meaning, used_symbols
from mcdocgen.publish import handout as H

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_IDS = ("ex4-dot-square", "matrix-chain")  # the golden handouts' problems (test_handout.py)
#: Problems that print LSE, softmax, the sigmoid and the trace (a review found the notation left them out).
NOTED_IDS = ("log-sum-exp-affine", "softmax-cross-entropy", "it5005-chain-rule", "trace-product")


@pytest.fixture(scope="module")
def by_id():
    wanted = set(NOTED_IDS) | set(GOLDEN_IDS)
    return {p.id: run_problem(p).view for p in load_catalog(ROOT / "derivations.yaml").problems if p.id in wanted}


@pytest.mark.parametrize("edition", H.EDITIONS)
def test_the_notation_explains_every_symbol_the_problems_print_and_no_other(edition, by_id):
    symbols = H.notation_page()
    assert len(symbols) > 25      # the rows of the site's Notation page are the list
    for ids in (NOTED_IDS, GOLDEN_IDS):
        tex = H.render_handout(HandoutSpec("x"), [by_id[i] for i in ids], edition)
        start = tex.index(r"\textbf{Notation}")
        paragraph, body = tex[start:tex.index("\\par}", start)], tex[tex.index("\\par}", start):]
        assert H.NOTATION_MARK not in tex
        used = used_symbols(symbols, body)
        assert used and [s for s in used if f"{markdown_tex(s.symbol)}: " in paragraph] == used    # every one used
        unused = [s for s in symbols if not s.used_in(body)]
        assert unused and [s for s in unused if f": {markdown_tex(short_meaning(s.meaning))}" in paragraph] == []
        names = set(re.findall(r"\\operatorname\{([^}]+)\}", body))
        assert all(rf"\operatorname{{{n}}}(" in paragraph for n in names), names
        if ids == NOTED_IDS:
            assert {"LSE", "softmax", "tr"} <= names and r"$\sigma(z)$" in paragraph
        else:
            assert r"\operatorname{tr}" not in paragraph and r"\sigma" not in paragraph
            assert r"$\exp$" in paragraph and r"\arctan" not in paragraph      # of a row, the symbols used


def test_a_zero_result_is_explained_with_its_size():
    """The constant rule's zero prints with its size (0_{m x n}); the notation says what the subscript is."""
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "constant-rule-vector-by-vector")
    tex = H.render_handout(HandoutSpec("x"), [run_problem(problem).view], H.Edition.SOLUTIONS)
    start = tex.index(r"\textbf{Notation}")
    paragraph, body = tex[start:tex.index("\\par}", start)], tex[tex.index("\\par}", start):]
    assert r"\mathbf{0}_{n \times m}" in body or r"\mathbf{0}_{m \times n}" in body
    assert r"$\mathbf{0}_{n}$, $\mathbf{0}_{n}^{\top}$, $\mathbf{0}_{m \times n}$: the zero vector of $n$ entries, its row" in paragraph
