"""mcdocgen.present.origin: one home for the words saying who named an intermediate, with a column header."""

from dataclasses import replace
from pathlib import Path

from problem_factory import make_problem
from mcdocgen.checks.verify import verify
from mcdocgen.engine.notation import derive_page
from mcdocgen.present import origin as O
from mcdocgen.present.views import problem_view

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
    assert O.origin(False, True, first_derivative=True) == "the first derivative"


def test_a_second_derivative_names_its_first_derivative_and_the_function_by_their_roles():
    """A review found the first derivative's row (g) of every second-derivative section "introduced here",
    and the function f "introduced here" where the gradient's steps name it: the rows say what they are."""
    p = replace(make_problem("det(A + t * B + t**2 * C)", {"A": ["n", "n"], "B": ["n", "n"], "C": ["n", "n"], "t": []},
                             ["t"]), hessian=("t",))
    first, second = derive_page(p)     # one naming for the page, as the site's
    view = problem_view(p, [first, second], [verify(p, first), verify(p, second)], plots=False)
    rows = {i.name: O.origin(i.from_catalog, i.depends, i.function, i.first_derivative)
            for i in view.results[1].intermediates}
    assert rows[second.function] == "the first derivative", rows
    assert rows[first.function] == "the function", rows   # det(...) is a factor of its derivative
    assert "introduced here" in rows.values()


def test_the_templates_and_modules_hold_no_copy_of_the_words():
    texts = [p.read_text(encoding="utf-8") for d in ("templates", "mcdocgen") for p in (ROOT / d).rglob("*")
             if p.suffix in (".j2", ".py") and p.name != "origin.py"]
    assert not [t for t in texts if "from the lecture" in t.lower() or '"introduced here"' in t]
    macros = (ROOT / "templates" / "macros.md.j2").read_text(encoding="utf-8")
    assert "| Intermediate | Definition | Shape | {{ origin_header }} |" in macros
