"""One meaning per symbol on a page: shared intermediate names, fresh slope letters."""

from dataclasses import replace

from problem_factory import make_problem

from mcdocgen import language as E
from mcdocgen.engine.derive import derive
from mcdocgen.engine.notation import SLOPE_NAMES, derive_each, derive_page, hessian_each, not_derived_each, page_names

NEURON_LOSS = make_problem(
    "sum((y - relu(X @ w + b))**2) / N", {"X": ["N", "n"], "y": ["N"], "w": ["n"], "b": []}, ["w", "b"],
    steps=["z = X @ w + b", "u = relu(z)", "v = y - u", "C = sum(v**2) / N"])


def _meanings(derivations):
    """name -> the set of values (as text) it stands for across the derivations."""
    out: dict[str, set[str]] = {}
    for d in derivations:
        for i in d.intermediates:
            out.setdefault(i.name, set()).add(E.to_text(i.value))
    return out


def test_alone_the_two_derivations_give_one_name_two_meanings():
    # the defect the shared naming removes: derived on their own, u_1 is X @ w by w but -u by b
    alone = [derive(NEURON_LOSS, w) for w in NEURON_LOSS.wrt]
    assert any(len(values) > 1 for values in _meanings(alone).values())


def test_a_page_gives_each_name_one_meaning_and_each_subexpression_one_name():
    page = derive_each(NEURON_LOSS, NEURON_LOSS.wrt)
    assert all(d.ok for d in page)
    meanings = _meanings(page)
    assert all(len(values) == 1 for values in meanings.values()), meanings
    names_of: dict[str, set[str]] = {}
    for name, values in meanings.items():
        for value in values:
            names_of.setdefault(value, set()).add(name)
    assert all(len(names) == 1 for names in names_of.values()), names_of
    # what the b-section shares with the w-section keeps its name there (p_k: the lecture itself names u)
    by_w, by_b = ({i.name: E.to_text(i.value) for i in d.intermediates} for d in page)
    shared = set(by_w) & set(by_b)
    assert {n for n in shared if n.startswith("p_")} and all(by_w[n] == by_b[n] for n in shared)


def test_the_naming_does_not_depend_on_anything_but_the_order_of_wrt():
    assert [d.intermediates for d in derive_each(NEURON_LOSS, ["w", "b"])] == \
        [d.intermediates for d in derive_each(NEURON_LOSS, ["w", "b"])]


def test_a_problem_not_derived_names_its_steps_as_one_page_too():
    page = not_derived_each(NEURON_LOSS, NEURON_LOSS.wrt, "a budget")
    assert all(len(v) == 1 for v in _meanings(page).values())


def test_a_subgradient_slope_takes_a_letter_no_other_symbol_of_the_page_has():
    # s is a size here: the slope cannot be called s
    p = make_problem("relu(dot(w, x) + b)", {"w": ["s"], "x": ["s"], "b": []}, ["b", "w"])
    page = derive_page(p)
    kinks = [k for d in page for k in d.kinks if k.subgradient is not None]
    assert kinks
    taken = page_names(p, page)
    for k in kinks:
        assert k.slope not in taken and k.slope in SLOPE_NAMES
        assert k.slope in {n.name for n in E.walk(k.subgradient) if isinstance(n, E.Var)}


def test_the_function_keeps_its_name_on_every_section():
    p = make_problem("sum(x + z)", {"x": ["n"], "z": []}, ["x", "z"])
    assert [d.function for d in derive_each(p, p.wrt)] == ["f", "f"]


def test_a_hessian_section_keeps_the_gradient_sections_names():
    p = make_problem("norm(X @ w - y)**2", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, ["w"])
    gradients = derive_each(p, p.wrt)
    page = gradients + hessian_each(p, ["w"], gradients)
    assert page[-1].ok and page[-1].order == 2
    meanings = _meanings(page)
    assert all(len(values) == 1 for values in meanings.values()), meanings
    names_of: dict[str, set[str]] = {}
    for name, values in meanings.items():
        names_of.setdefault(next(iter(values)), set()).add(name)
    assert names_of["X @ w"] == {"u_1"}


def test_introduced_names_take_another_letter_where_the_problem_names_u():
    p = make_problem("sum((y - relu(X @ w))**2)", {"X": ["N", "n"], "y": ["N"], "w": ["n"]}, ["w"],
                     steps=["u = relu(X @ w)"])     # X @ w is introduced: p_1, not u_1 beside u
    names = [i.name for i in derive(p, "w").intermediates]
    assert "u" in names and not any(n.startswith("u_") for n in names) and any(n.startswith("p_") for n in names)


def test_a_matrix_intermediate_is_a_capital_letter_and_a_vector_or_scalar_a_small_one():
    """As textbooks write them: U_1 = X^T X a matrix beside u_2 a vector, one count for both letters."""
    p = make_problem("sum(exp(X.T @ X @ w))", {"X": ["m", "n"], "w": ["n"]}, ["X", "w"])
    page = derive_each(p, p.wrt)
    made = [i for d in page for i in d.intermediates if "_" in i.name]
    assert made and all(i.name[0] == ("u" if i.shape.is_vector_like else "U") for i in made)
    assert {i.name[0] for i in made} == {"u", "U"}
    numbers = [i.name.split("_")[1] for i in {i.name: i for i in made}.values()]
    assert len(numbers) == len(set(numbers)), numbers   # never u_2 and U_2 on one page


def test_a_matrix_intermediate_takes_another_capital_where_the_problem_names_u():
    # ||X - U V^T||^2: U_1 beside the factor U would read as a part of U; V (the Hessian's) is a name too
    p = make_problem("norm(X - U @ V.T)**2", {"X": ["m", "n"], "U": ["m", "k"], "V": ["n", "k"]}, ["U"])
    made = [i.name for i in derive(p, "U").intermediates if "_" in i.name and not i.shape.is_vector_like]
    assert made and all(n.startswith("P_") for n in made)


def test_a_hessian_writes_the_parts_the_steps_name_under_their_names():
    """Logistic regression's Hessian wrote X w and sigma(X w) as v_1 and v_2 though the steps name them
    a and p (a reader review): the gradient's derivation keeps them, from the catalog."""
    from mcdocgen.present.second import second_symbol

    problem = make_problem("-sum(y * log(sigmoid(X @ w)) + (1 - y) * log(1 - sigmoid(X @ w)))",
                           {"X": ["N", "n"], "y": ["N"], "w": ["n"]}, ["w"],
                           ["a = X @ w", "p = sigmoid(a)", "E = -sum(y * log(p) + (1 - y) * log(1 - p))"])
    problem = replace(problem, hessian=("w",))
    gradient, hessian = derive_page(problem)
    own = {i.name: (E.to_text(i.value), i.from_catalog) for i in hessian.intermediates}
    assert own["a"] == ("X @ w", True) and own["p"] == ("sigmoid(X @ w)", True)
    assert not any(name.startswith("v_") and value in ("X @ w", "sigmoid(X @ w)") for name, (value, _) in own.items())
    assert second_symbol(problem, hessian) == r"\nabla^{2} E" and second_symbol(problem, gradient) == ""


def test_introduced_names_take_another_letter_where_the_problem_s_prose_names_u():
    """A source line "g(u), the chain rule, with u = A x" shows u on the page: u_1 beside it would read as its entry 1
    (a student review found ml-layer-norm's source's v beside an intermediate v); a function applied, f(X), names
    no value."""
    p = make_problem("sum(exp(X.T @ X @ w))", {"X": ["m", "n"], "w": ["n"]}, ["X", "w"])
    assert p.prose_names == frozenset()
    said = replace(p, source="Wikipedia, Matrix calculus: g(U), U = f(X), e.g. p. 12; Newton's method")
    assert said.prose_names == {"U", "X"}
    made = {i.name.partition("_")[0] for d in derive_each(said, said.wrt) for i in d.intermediates if "_" in i.name}
    assert made == {"p", "P"}     # the lowercase letter changes with the capital: never u_3 beside P_4
    assert "U" in page_names(said, []) and "u" in replace(p, summary="the Jacobian of u").prose_names
