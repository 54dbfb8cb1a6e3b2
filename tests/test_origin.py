"""mcdocgen.present.origin: one home for the words saying who named an intermediate, with a column header."""

from pathlib import Path

from mcdocgen.present import origin as O

ROOT = Path(__file__).resolve().parent.parent


def test_a_catalog_step_is_named_in_the_problem_whatever_its_source():
    """Not "from the lecture": most problems come from the Cookbook, Bishop or a paper (a reader review); not
    "in the catalog" either, a word of the tool that a reader of the page or a handout does not know."""
    assert O.origin(True, True) == "named in the problem"
    assert O.origin(False, True) == "introduced here"   # on the page and in both editions of a handout
    assert O.origin(True, False) == "named in the problem; constant here"
    # the function's own row, named by the problem's last step or by the page: one word either way
    assert O.origin(True, True, function=True) == O.origin(False, True, function=True) == "the function"
    assert O.HEADER


def test_the_templates_and_modules_hold_no_copy_of_the_words():
    texts = [p.read_text(encoding="utf-8") for d in ("templates", "mcdocgen") for p in (ROOT / d).rglob("*")
             if p.suffix in (".j2", ".py") and p.name != "origin.py"]
    assert not [t for t in texts if "from the lecture" in t.lower() or '"introduced here"' in t]
    macros = (ROOT / "templates" / "macros.md.j2").read_text(encoding="utf-8")
    assert "| Intermediate | Definition | Shape | {{ origin_header }} |" in macros
