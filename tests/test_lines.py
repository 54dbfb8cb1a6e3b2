"""Display formulas broken over lines (mcdocgen.present.lines): the width estimate, the top-level
cuts, the rows of an aligned block and the set of subgradients."""

from __future__ import annotations

import re
from pathlib import Path


from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.present.indent import sized as _sized
from mcdocgen.present.lines import LINE_WIDTH, cell_tex, equation_rows, expression_rows, set_rows, set_tex, split, width

ROOT = Path(__file__).resolve().parent.parent

LHS = r"\frac{\partial C}{\partial \mathbf{w}}"
CHAIN_VALUES = (r"\frac{1}{N} \cdot \mathbf{1}^{\top} \cdot 2\,\operatorname{diag}\left(\mathbf{v}\right) \cdot I "
                r"\cdot \left(-I\right) \cdot \operatorname{diag}\left(H\left(\mathbf{z}\right)\right) \cdot I \cdot X")
RESULT = (r"-\frac{2}{N}\,\left(H\left(X \mathbf{w} + b\right) \circ \left(\mathbf{y} - "
          r"\operatorname{relu}\left(X \mathbf{w} + b\right)\right)\right)^{\top} X")


_DOT_ROW = "&\\quad {}\\cdot "
PHANTOM = "&\\hphantom{"


def _plain_indent(row: str) -> str:
    """A row set past a bracket (``&\\hphantom{...}{}``, present.indent) with the plain indent."""
    if not row.startswith(PHANTOM):
        return row
    depth = 1
    for end in range(len(PHANTOM), len(row)):
        depth += {"{": 1, "}": -1}.get(row[end], 0)
        if depth == 0:
            assert row[end + 1:end + 3] == "{}", row
            return r"&\quad {}" + row[end + 3:]
    raise AssertionError(row)


def _unbroken(rows: tuple[str, ...], formula: str = "") -> str:
    """The formula the rows show, on one line: alignment marks, indents and manual brackets undone,
    and the product dot that starts a row cut between juxtaposed factors (not one of ``formula``)."""
    rows = tuple(_plain_indent(row) for row in rows)
    rows = tuple(r"&\quad " + row[len(_DOT_ROW):]
                 if row.startswith(_DOT_ROW) and _flat(r"\cdot " + row[len(_DOT_ROW):]) not in _flat(formula) else row
                 for row in rows)
    text = " ".join(rows)
    text = text.replace(r"&\quad {}", "").replace(r"&\quad ", "").replace("&= ", "= ").replace(" &=", " =")
    for size in ("big", "Big", "bigg", "Bigg"):
        text = text.replace(rf"\{size}l(", r"\left(").replace(rf"\{size}r)", r"\right)")
    return re.sub(r"\s+", "", text)


def test_split_only_at_the_top_level() -> None:
    assert split(r"a + \left(b + c\right) - d", 1) == [("", "a"), ("+", r"\left(b + c\right)"), ("-", "d")]
    # a leading minus and a minus inside a fraction are no cuts
    assert split(r"-\frac{a - b}{2} + c", 1) == [("", r"-\frac{a - b}{2}"), ("+", "c")]
    assert split(r"A \cdot B \circ C", 2) == [("", "A"), (r"\cdot", "B"), (r"\circ", "C")]
    # juxtaposed factors, but never between a command and its argument or after an operator
    assert split(r"X^{\top} \mathbf{w} \cdot y", 3) == [("", r"X^{\top}"), ("", r"\mathbf{w} \cdot y")]


def test_a_short_equation_stays_one_row() -> None:
    assert equation_rows("f", "x + 1") == ("f = x + 1",)


def test_a_long_chain_breaks_at_equals_then_at_factors() -> None:
    symbolic = " ".join([r"\frac{\partial u}{\partial v}"] * 8)
    rows = equation_rows(LHS, symbolic, CHAIN_VALUES)
    assert len(rows) >= 3
    assert rows[0].startswith(LHS + " &= ")
    assert any(row.startswith("&= ") for row in rows[1:]), "the values start a row of their own"
    continued = [row for row in rows if row.startswith(r"&\quad")]
    assert continued and all(row.startswith(r"&\quad {}\cdot ") for row in continued if "=" not in row)
    formula = f"{LHS} = {symbolic} = {CHAIN_VALUES}"
    assert _unbroken(rows, formula) == re.sub(r"\s+", "", formula)


def test_every_row_fits_where_a_break_allows() -> None:
    rows = equation_rows(LHS, CHAIN_VALUES)
    assert all(width(row.replace(LHS, "")) <= LINE_WIDTH for row in rows), rows


def test_a_bracket_too_wide_is_opened_sized_from_what_it_encloses() -> None:
    """A fixed \\bigl( around a fraction was too small: around fractions it is \\biggl( (the size of a
    \\left( around a display fraction), \\Biggl( around a fraction in a fraction; a phantom of the
    content would size it exactly, but made the row's box scroll at 390 px."""
    rows = _sized(("a &= \\bigl(\\frac{c}{d} + g", r"&\quad {}+ f\bigr)^{\top}"))
    assert rows == (r"a &= \biggl(\frac{c}{d} + g", r"&\quad {}+ f\biggr)^{\top}")
    rows = _sized(("a &= \\Bigl(\\frac{c}{\\frac{d}{e}} + g", r"&\quad {}+ f\Bigr)"))
    assert rows == (r"a &= \Biggl(\frac{c}{\frac{d}{e}} + g", r"&\quad {}+ f\Biggr)")
    assert "vphantom" not in "".join(equation_rows(LHS, RESULT))
    # around no fraction, \bigl is tall enough and stays
    rows = equation_rows(LHS, RESULT)
    assert len(rows) == 2 and r"\bigl(" in rows[0] and r"\bigr)" in rows[1]
    for row in rows:    # every \left has its \right on the same row
        assert row.count(r"\left") == row.count(r"\right"), row


def test_a_long_fraction_is_set_as_a_product_with_its_denominator_inverted() -> None:
    """ml-kl-gaussians' statement and the attention results were one fraction 20-45% hidden at 390 px:
    a textbook sets such a fraction as 1/D times its numerator and breaks the numerator."""
    numerator = (r"\operatorname{tr}\left(T^{-1} S\right) + \left\langle \boldsymbol{\nu} - \boldsymbol{\mu}, T^{-1} "
                 r"\left(\boldsymbol{\nu} - \boldsymbol{\mu}\right) \right\rangle - d + \ln\det\left(T\right)")
    rows = equation_rows("f", rf"\frac{{{numerator}}}{{2}}")
    assert len(rows) == 2 and rows[0].startswith(r"f &= \frac{1}{2} \bigl(") and rows[1].endswith(r"\bigr)")
    assert all(width(row) <= LINE_WIDTH for row in rows), rows
    product = r"K^{\top} \left(\operatorname{diag}\left(\mathbf{a}\right) - \mathbf{a} \mathbf{a}^{\top}\right) V"
    rows = equation_rows(LHS, rf"\frac{{{product} {product}}}{{\sqrt{{d}}}}")
    assert rows[0].startswith(LHS + r" &= \frac{1}{\sqrt{d}} K^{\top}"), rows
    assert equation_rows("f", r"\frac{x}{2}") == (r"f = \frac{x}{2}",)


def test_a_thin_space_between_factors_is_a_cut_and_one_over_a_product_splits() -> None:
    assert split(r"2\,t\,B", 3) == [("", "2"), ("", "t"), ("", "B")]
    assert split(r"x^{2\,t} y", 3) == [("", r"x^{2\,t}"), ("", "y")]     # never inside a script
    # (X^T y where layer norm's x was: the site's math font left that formula room on a phone's line)
    mean = r"\operatorname{mean}\left(\left(X^{\top} \mathbf{y} - \operatorname{mean}\left(X^{\top} \mathbf{y}\right)\right)^{\circ 2}\right)"
    side = rf"\frac{{I}}{{s}} - \frac{{\mathbf{{u}} \mathbf{{u}}^{{\top}}}}{{n\,\left({mean} + c\right)^{{\frac{{3}}{{2}}}}}}"
    rows = equation_rows(LHS, side)
    assert any(row.endswith(r"\frac{1}{n}") for row in rows), rows
    assert all(width(row.replace(LHS, "")) <= LINE_WIDTH for row in rows), rows


def test_a_bracket_whose_first_piece_does_not_fit_beside_it_opens_a_row_of_its_own() -> None:
    # x_1 (x was layer norm's): the site's math font left that formula's first piece room beside the bracket
    root = r"\sqrt{\operatorname{mean}\left(\left(\mathbf{x}_{1} - \operatorname{mean}\left(\mathbf{x}_{1}\right)\right)^{\circ 2}\right) + c}"
    side = rf"\operatorname{{diag}}\left(\frac{{\mathbf{{x}}_{{1}} - \operatorname{{mean}}\left(\mathbf{{x}}_{{1}}\right)}}{{{root}}}\right)"
    rows = equation_rows(LHS, side)
    # the bracket opened across rows is sized from its content by struts (indent.sized)
    assert rows[0] == rf"{LHS} &= \operatorname{{diag}}\biggl(" and rows[1] == rf"&\quad \frac{{1}}{{{root}}}", rows
    assert rows[-1].endswith(r"\biggr)")


def test_no_break_inside_a_bracket_within_the_opened_one_where_a_break_outside_fits() -> None:
    """A bracket opened across rows whose pieces fit only with the opening ending its row: the opening
    ends it, and no row breaks inside a trace in the bracket (det(A + tB + t^2 C)'s second derivative
    broke inside tr( ... ) on a phone); the rows know the formula on one line (``Rows.whole``)."""
    lhs = r"\frac{\partial^{2} g}{\partial s^{2}} = \frac{\partial h}{\partial s}"
    # transposes added to that one: in the site's math font it fitted two rows
    trace = r"\operatorname{tr}\mathopen{}\left(P^{-1} \left(2\,Q^{\top} - R^{\top} P^{-1} R^{\top}\right)\right)"
    side = (rf"\det\mathopen{{}}\left(P\right)\,\left({trace} + "
            r"\left(\operatorname{tr}\mathopen{}\left(P^{-1} R\right)\right)^{2}\right)")
    rows = equation_rows(lhs, side)
    assert len(rows) == 3 and rows[0].endswith(r"\bigl(") and rows[1] == rf"&\quad {trace}", rows
    assert all(row.count(r"\left") == row.count(r"\right") for row in rows), rows
    assert width(rows[0]) <= LINE_WIDTH and all(width(lhs + " = " + row) <= LINE_WIDTH for row in rows[1:]), rows
    assert rows.whole == f"{lhs} = {side}"
    assert equation_rows("f", "x + 1").whole == ""     # a formula that fits has no other form


def test_a_long_row_vector_is_printed_as_a_transposed_column() -> None:
    cells = [" + ".join(f"A_{{{i}{j}}}" for j in range(1, 4)) for i in range(1, 6)]
    row = r"\begin{bmatrix} " + " & ".join(cells) + r" \end{bmatrix}"
    (shown,) = equation_rows(LHS, row)
    assert shown == LHS + r" = \begin{bmatrix} " + r" \\ ".join(cells) + r" \end{bmatrix}^{\top}"
    assert width(shown) <= LINE_WIDTH


def test_a_note_ends_the_row_or_has_a_row_of_its_own() -> None:
    note = r"\text{(symmetric already)}"
    assert equation_rows("f", "x", note=note) == (rf"f = x \quad {note}",)
    rows = equation_rows(r"\operatorname{sym}(G)", r"\det\left(X\right)\,X^{-1} + \det\left(X\right)\,X^{-\top}", note=note)
    assert rows == (r"\operatorname{sym}(G) &= \det\left(X\right)\,X^{-1} + \det\left(X\right)\,X^{-\top}",
                    rf"&\quad {note}")


def test_a_formula_without_a_left_side_breaks_like_a_side() -> None:
    tex = r"\left(\sin\left(x\,C\right) \circ B\right)^{\top} + \left(\left(A + x\,B\right) \circ \left(\cos\left(x\,C\right) \circ C\right)\right)^{\top}"
    rows = expression_rows(tex)
    assert rows[0].startswith("& ") and rows[1].startswith(r"&\quad {}+ ") and len(rows) == 2
    assert expression_rows("x + y") == ("x + y",)


def test_a_set_of_subgradients_gets_a_row_per_condition() -> None:
    element = r"-\frac{2}{N}\,X^{\top} \left(\mathbf{s} \circ \left(\mathbf{y} - \mathbf{u}\right)\right)"
    conditions = [r"s_i \in [0, 1] \text{ where } \left(X \mathbf{w} + b\right)_i = 0",
                  r"s_i = H\left(\left(X \mathbf{w} + b\right)_i\right) \text{ elsewhere}"]
    rows = set_rows(element, conditions)
    assert rows[0].startswith(r"&\biggl\{\, -\frac{2}{N}") and rows[-1].endswith(r"\biggr\}")
    assert rows[-2] == rf"&\qquad {conditions[0]}," and rows[-1].startswith(rf"&\qquad {conditions[1]}")
    assert set_rows("x", ["x > 0"]) == (set_tex("x", ["x > 0"]),)


def test_a_bracket_opened_and_closed_on_one_row_is_a_left_right_pair() -> None:
    """Opened to break inside it, then packed back onto one row: \\left( ... \\right), not \\bigl(."""
    rows = ("a &= \\bigl(b \\bigl(\\frac{c}{d}\\bigr) + e", r"&\quad {}+ f\bigr)")
    sized = _sized(rows)
    assert r"\left(\frac{c}{d}\right)" in sized[0]
    assert sized[0].startswith(r"a &= \biggl(b") and sized[1].endswith(r"\biggr)")


def _flat(tex: str) -> str:
    return re.sub(r"\s+", "", tex)


_ADDED = re.compile(r"\\frac|\\left|\\right|\\,|[{}()1]")


def _same(tex: str) -> str:
    """The formula with what breaking may change undone: a thin space cut (a juxtaposition), and a
    row vector printed as the transpose of a column."""
    flat = _flat(tex).replace("\\,", "").replace(r"\end{bmatrix}^{\top}", r"\end{bmatrix}")
    return flat.replace("\\\\", "&")


def _assert_shows(rows: tuple[str, ...], formula: str, problem_id: str) -> None:
    """The rows show the formula: the same text once unbroken; where a fraction was set as a product
    with its denominator inverted (``\\frac{1}{D} (N)``), the same characters once the fraction bars,
    brackets and ones are left out."""
    shown = _unbroken(rows, formula)
    if _same(shown) == _same(formula):
        return
    assert r"\frac{1}{" in shown and r"\frac{1}{" not in formula, f"{problem_id}: {rows}"
    kept = [_ADDED.sub("", _flat(tex)) for tex in (shown, formula)]
    assert sorted(kept[0]) == sorted(kept[1]), f"{problem_id}: {rows}"


_FACTOR_SIGNS = (r"\cdot", r"\circ", r"\otimes", r"\oslash", r"\times")


def _lone_factor(row: str) -> bool:
    """Whether a continued row holds only a factor narrower than 2 em after its product sign (hessian-logistic's "· X")."""
    plain = _plain_indent(row)
    rest = plain.removeprefix(r"&\quad {}")
    sign = next((s for s in _FACTOR_SIGNS if rest.startswith(s + " ")), None)
    return rest != plain and sign is not None and width(rest.removeprefix(sign)) < 2.0


def test_every_page_formula_is_broken_without_losing_anything() -> None:
    """Over the whole catalog: each layout's rows show exactly its formula (nothing dropped or
    repeated), every row keeps its \\left and \\right together (KaTeX refuses them apart), and no
    row holds only a short factor."""
    broken = 0
    for problem in load_catalog(ROOT / "derivations.yaml").problems:
        for result in run_problem(problem).view.results:
            for lay in result.layouts:
                shown = lay.displays
                lhs = lay.chain.lhs
                assert shown.result, f"{problem.id}: no result rows"
                # the result as shown: with its repeated parts named, where it has names (present.naming)
                pairs = [(shown.result, f"{lhs} = {lay.named_result or lay.result.latex}"),
                         (shown.product, f"{lhs} = {lay.product.latex}")]
                if lay.chain.paths:
                    pairs.append((shown.chain, f"{lhs} = {lay.chain.symbolic} = {lay.chain.values}"))
                for rows, formula in pairs:
                    _assert_shows(rows, formula, problem.id)
                    if len(rows) > 1:
                        broken += 1
                        assert all(row.count(r"\left") == row.count(r"\right") for row in rows), rows
                        assert not any(map(_lone_factor, rows)), f"{problem.id}: {rows}"
    assert broken >= 10, f"only {broken} formulas of the catalog were broken over lines"


def test_a_local_derivative_too_wide_for_a_phone_is_an_aligned_block_on_one_source_line() -> None:
    """A steps-table cell (one Markdown line): lhs = value as it is where it fits; else the rows of an
    aligned block, each fitting, that show the same formula (cookbook-trace-kron-ax's vec-form local
    derivative scrolled a phone by 132 px and was cut at '(vec(A)'; a student-eyed review). That page now goes by
    tr(A kron X) = tr(A) tr(X) in one step; wiki-ms-kronecker-rule's local derivatives are as wide in both layouts."""
    assert cell_tex("f", "x + 1") == "f = x + 1"
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "wiki-ms-kronecker-rule")
    for lay in run_problem(problem).view.results[0].layouts:
        wide = [local for local in lay.locals if width(f"{local.lhs} {local.value}") > LINE_WIDTH]
        assert wide, "a local derivative is wider than a phone"
        for local in wide:
            cell = local.cell
            assert "\n" not in cell and cell.startswith(r"\begin{aligned} ") and cell.endswith(r" \end{aligned}")
            rows = tuple(cell.removeprefix(r"\begin{aligned} ").removesuffix(r" \end{aligned}").split(r" \\ "))
            assert len(rows) > 1 and all(width(row) <= LINE_WIDTH for row in rows[1:]), rows
            _assert_shows(rows, f"{local.lhs.removesuffix(' =')} = {local.value}", problem.id)


def test_a_narrow_piece_is_never_left_alone_after_an_opening_that_ends_its_row() -> None:
    """The batch softmax's loss broke as -sum( / T / o ln(...)): with the opening ending its row, the
    factor T (0.6 em) stood alone, the rest not fitting beside it; it breaks inside ln( ... ) instead."""
    exp = r"\exp\mathopen{}\left(X W^{\top}\right)"
    side = (rf"-\operatorname{{sum}}\mathopen{{}}\left(T \circ \ln\mathopen{{}}\left({exp} \oslash "
            rf"\left({exp} \mathbf{{1}} \mathbf{{1}}^{{\top}}\right)\right)\right)")
    rows = equation_rows("L", side)
    assert len(rows) > 1 and all(width(row.partition("&")[2].lstrip("= ").removeprefix(r"\quad ")) >= 2.0
                                 for row in rows), rows


def test_no_row_holds_only_a_short_factor_the_piece_before_it_opens_instead() -> None:
    """hessian-logistic's Hessian broke as X^T diag(...) / . X: the last factor (0.6 em) alone on its row. A row
    holding only a factor narrower than 2 em is joined to the factor before it, broken inside that one's bracket;
    a short term of a sum may still stand alone ("+ c")."""
    lhs = r"\nabla^{2} f = \frac{\partial \mathbf{g}}{\partial \mathbf{w}}"
    sigma = r"\sigma\mathopen{}\left(X \mathbf{w}\right)"
    side = rf"X^{{\top}} \operatorname{{diag}}\mathopen{{}}\left({sigma} \circ \left(\mathbf{{1}} - {sigma}\right)\right) X"
    rows = equation_rows(lhs, side)
    assert len(rows) == 2 and not any(map(_lone_factor, rows)), rows
    assert rows[0].endswith(rf"\bigl({sigma}") and rows[1].endswith(r"\right)\bigr) X"), rows
    _assert_shows(rows, f"{lhs} = {side}", "hessian-logistic")
    # a short last term of a sum is no stray: it stays on a row of its own
    terms = equation_rows(lhs, rf"X^{{\top}} \operatorname{{diag}}\mathopen{{}}\left({sigma} \circ \left(\mathbf{{1}} - {sigma}\right)\right) + c")
    assert terms[-1].endswith("+ c"), terms

