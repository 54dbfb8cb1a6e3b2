"""The catalog's page extensions: ``layout`` (the layout a problem's source uses) and ``keywords``
(words a student may search for), read into the Problem record and refused with one located line."""

from __future__ import annotations

import re

from catalog_support import BASE, ROOT, only_error, write, without_line
from mcdocgen.catalog import load_catalog
from mcdocgen.catalog.records import MAX_KEYWORD_CHARS
from mcdocgen.language import Layout


def _with(extra: str) -> str:
    return BASE + "".join(f"    {line}\n" for line in extra.splitlines())


def test_layout_and_keywords_reach_the_record(tmp_path):
    path = write(tmp_path, _with("layout: denominator\nkeywords: [x^T A x,  quadratic   form, Jacobian]"))
    problem = load_catalog(path).problems[0]
    assert problem.layout is Layout.DENOMINATOR
    assert problem.keywords == ("x^T A x", "quadratic form", "Jacobian")  # white space made single


def test_both_are_optional(tmp_path):
    problem = load_catalog(write(tmp_path, BASE)).problems[0]
    assert problem.layout is None
    assert problem.keywords == ()


def test_a_layout_must_be_one_of_the_two(tmp_path):
    assert without_line(only_error(tmp_path, _with("layout: [numerator]"))) == (
        "problem 'demo', layout: expected text, got a list [wrong-type]")


def test_keywords_are_a_list_of_short_texts(tmp_path):
    assert without_line(only_error(tmp_path, _with("keywords: transpose"))) == (
        "problem 'demo', keywords: expected a list such as [transpose, Jacobian], got the text 'transpose' [wrong-type]")
    long = "a" * (MAX_KEYWORD_CHARS + 1)
    assert without_line(only_error(tmp_path, _with(f"keywords: [ok, {long}]"))) == (
        f"problem 'demo', keywords[1]: is too long ({MAX_KEYWORD_CHARS + 1} characters; a keyword is a word or a "
        f"short phrase of at most {MAX_KEYWORD_CHARS}) [too-large]")
    assert without_line(only_error(tmp_path, _with("keywords: [ok, '']"))) == (
        "problem 'demo', keywords[1]: must not be empty [empty-value]")


def test_the_catalog_names_a_layout_only_for_the_courses_that_use_one():
    """CS 316 and Parr & Howard write numerator layout, CE40282 and IT5005 denominator; a source
    that names no layout (a blog, the Matrix Cookbook, a paper) gets none."""
    sources = {"CS 316": Layout.NUMERATOR, "Notes on Parr and Howard": Layout.NUMERATOR,
               "CE40282": Layout.DENOMINATOR, "IT5005": Layout.DENOMINATOR}
    problems = load_catalog(ROOT / "derivations.yaml").problems
    for problem in problems:
        # a source may name several, "; " between them (the Cookbook's equation first, the course's slide after)
        named = {lay for part in problem.source.split("; ") for course, lay in sources.items() if part.startswith(course)}
        assert problem.layout == (named.pop() if named else None), (problem.id, problem.source, problem.layout)
    assert sum(p.layout is not None for p in problems) >= 20
    assert sum(bool(p.keywords) for p in problems) >= 20


def test_a_summary_names_no_symbol_the_page_does_not_show():
    """A review found hessian-logistic's summary naming a matrix D that the page never shows. A one-letter
    capital in a summary is the problem's variable, step or size, or defined in the summary itself (U = ...,
    the argument of g(X), the matrix of x^T A x): a reader meets it on the page, or learns there what it means."""
    strays = []
    for problem in load_catalog(ROOT / "derivations.yaml").problems:
        names = {v.name for v in problem.variables} | {s.name for s in problem.steps} | set(problem.sizes)
        text = problem.summary
        defined = {*re.findall(r"\b([A-Z]) =", text), *re.findall(r"\w\(([A-Z])\)", text), *re.findall(r"\^T ([A-Z]) ", text)}
        # "A" may be the article, "I" the identity the page prints in its own rows
        letters = {m.group(1) for m in re.finditer(r"(?<![\w^.(-])([A-Z])(?![\w(])", text)
                   if not (m.group(1) == "A" and re.match(r" [A-Za-z]{2,}", text[m.end():]))}
        strays += [(problem.id, letter) for letter in sorted(letters - names - defined - {"I"})]
    assert not strays, strays
