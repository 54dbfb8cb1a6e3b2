"""Nodes kept with their functions of expressions as atoms (kept_fns.py): where kept_as_atoms says the node is kept,
SymPy's route keeps it too; the derivative of x (1 + tanh(a x + b x^3)) / 2 (GELU's tanh form) among them."""

from hypothesis import given, strategies as st

from rewrite_support import assert_kept_is_sympys_answer, native_share, parse
from mcdocgen.engine import scalars
from mcdocgen.engine.kept_fns import kept_as_atoms

_FNS = ("tanh", "relu", "log", "heaviside", "softplus", "cos", "cosh", "arctan", "arccos", "tan", "arcsin", "sigmoid")
# arguments: polynomials, quotients and sums with a content, a common factor or a minus SymPy's steps may take out
_ARGS = ("4 * x / 5 + x**3 / 28", "1 - (x / c)**2", "1 - ((y - x) / (5 * c))**2", "x * y + 1", "2 * x + 2 * y",
         "-x - y", "x - y**2", "abs(x) + 1", "c * (x + 1)", "(x + y) / 2", "x**2 - 1", "1 + exp(x)", "x / (1 + x)",
         "x**2 + c**2", "x**3 / 3 - x", "(x - y)**2", "x * (x + 1)", "2 * x**2 + 4 * x", "c * x + c * y",
         "x / 2 + y", "1 + dot(x, x)", "x**2", "c / x + 1", "-(x * c) + 1", "2 * (x - y)", "1 + sigmoid(x)",
         "x * y + 1", "-1 - x**2", "x**2 - 2 * x + 2", "1 + x**2", "c**2 + 1 - x", "abs(x) - x**2 + 1",
         "-y + x * y", "-0.5 * (x * y) + -2 * y", "1 + -0.5 * x**2", "x * y + 3 * x / c - x**2 / 2",
         "2 * x**2 + 2 * y / c", "x * y + 3 / c + 1", "x + y / c", "2 * x * c - 2 * c + 2 * y / c",
         "x + -0.5 * (c * y)", "1 + x * y + -2 * x**2")
_ATOMS = ("x", "y", "c", "2", "x**3", "c**2", "dot(x, x)", "sign(x)", "exp(x)", "3 / 56", "0.4", "sinh(x * y + 1)",
          "sin(4 * x / 5 + x**3 / 28)")


def _nodes():
    """Sums of one to three products, each a number or minus in front of atoms and functions of drawn arguments to
    small powers (1 - f(A)^2, f(A) + 1, x^3 (1 - f(A)^2) / 56 ...), now and then over a sum or an atom."""
    fn = st.tuples(st.sampled_from(_FNS), st.sampled_from(_ARGS)).map(lambda t: f"{t[0]}({t[1]})")
    power = st.tuples(fn, st.sampled_from(("", "", "**2", "**3"))).map("".join)
    factor = st.one_of(power, power, st.sampled_from(_ATOMS), fn.map(lambda f: f"(1 - {f}**2)"),
                       fn.map(lambda f: f"({f} + 1)"))
    product = st.tuples(st.sampled_from(("", "-", "2 * ", "0.5 * ", "3 / 56 * ")),
                        st.lists(factor, min_size=1, max_size=3)).map(lambda t: t[0] + " * ".join(t[1]))
    top = st.lists(product, min_size=1, max_size=3).map(" + ".join)
    return st.one_of(top, top, st.tuples(top, st.sampled_from(("c", "(1 + x**2)", "(x + y)", fn))).map(
        lambda t: f"({t[0]}) / {t[1]}"))


@native_share(0.1)
@given(_nodes())
def test_a_node_kept_with_its_functions_as_atoms_is_kept_by_sympys_route(text):
    assert_kept_is_sympys_answer(text, lambda node, _weight: kept_as_atoms(node, scalars.simplify_scalar))


def test_gelus_tanh_form_derivative_kept_without_sympy():
    # products and a sum of GELU's derivative: the tanh of the cubic one atom, SymPy's route keeps them
    for text in ("x * (1 - tanh(4 * x / 5 + x**3 / 28)**2)", "0.5 * (tanh(4 * x / 5 + x**3 / 28) + 1)",
                 "x / 2 + 3 / 56 * (x**3 * (1 - tanh(4 * x / 5 + x**3 / 28)**2))"):
        node = parse(text)
        assert kept_as_atoms(node, scalars.simplify_scalar)
        assert scalars.by_sympy(node) is node


def test_a_function_whose_argument_rewrites_shorter_is_not_taken_as_an_atom():
    # factor_terms takes 2 out of 2 x + 2 y, and the minus out of tanh's argument: SymPy's route decides
    for text in ("y * tanh(2 * x + 2 * y)", "y * tanh(-x - y**2)", "x * cos(x - y**2)"):
        assert not kept_as_atoms(parse(text), scalars.simplify_scalar), text


def test_a_node_with_a_function_twice_or_a_sine_is_left_to_sympy():
    # -t t is -t^2 to SymPy, shorter where t is long; sinh(a) / cosh(a) is tanh(a)
    for text in ("-tanh(4 * x / 5 + x**3 / 28) * tanh(4 * x / 5 + x**3 / 28)", "sinh(x * y + 1) / cosh(x * y + 1)"):
        node = parse(text)
        assert not kept_as_atoms(node, scalars.simplify_scalar), text
        assert scalars.by_sympy(node) is not node, text


def test_a_sum_with_minus_signs_sympy_moves_is_not_taken_as_an_atom():
    # each term minus, one by its number (-x y / 2): SymPy takes the minus out of heaviside's argument; a sum led by a
    # minus term: SymPy writes the plus term first inside the function, shorter (x y - y)
    for text in ("heaviside(-0.5 * x * y + -2 * x / c + -abs(x))**2", "heaviside(-y + x * y) / c",
                 "log(-y + 0.5 * x * y) * c"):
        node = parse(text)
        assert not kept_as_atoms(node, scalars.simplify_scalar), text
        assert scalars.by_sympy(node) is not node, text


def test_a_sum_over_an_atom_factor_terms_rewrites_is_not_taken_as_an_atom():
    # inside the function cancel's factor_terms writes the sum as it stands, x (y + 3 / c - x / 2) and 2 (x^2 + y / c),
    # shorter; the sum alone is cancelled over c first, and keeps its form
    for text in ("c * log(x * y + 3 * x / c - x**2 / 2)", "relu(2 * x**2 + 2 * y / c) * c"):
        node = parse(text)
        assert not kept_as_atoms(node, scalars.simplify_scalar), text
        assert scalars.by_sympy(node) is not node, text
    # a sum in a product over an atom (review s45): cancel inside log takes c into the sum, u (2 (s / c) + 3)
    node = parse("c * log(d * (2 * x + 3 * c) / c)")
    assert not kept_as_atoms(node, scalars.simplify_scalar) and scalars.by_sympy(node) is not node
    # a number times a number: SymPy writes 1 / 2 - c^2 / 3 inside heaviside
    assert not kept_as_atoms(parse("heaviside(0.5 * 1 + -1/3 * c**2) / c"), scalars.simplify_scalar)
    # nothing to take out (no number but 1, no common factor): kept
    assert kept_as_atoms(parse("c * log(x * y + 1 / c + 1)"), scalars.simplify_scalar)
    # 1 - (u / (5 c))^2, the biweight's: factor_terms takes nothing out of 1 and -1/25, kept
    assert kept_as_atoms(parse("x * relu(1 - ((x - y) / (5 * c))**2)"), scalars.simplify_scalar)


def test_heaviside_of_a_sum_with_a_term_minus_by_its_number_is_taken_as_an_atom():
    # relu(u - c v / 2)'s derivative: -c v / 2 is the minus term -(c v / 2) to SymPy, the sum's sign unknown to it
    for text in ("heaviside(x + -0.5 * (c * y)) * y", "x * heaviside(1 + x * y + -2 * x**2) + c"):
        node = parse(text)
        assert kept_as_atoms(node, scalars.simplify_scalar), text
        assert scalars.by_sympy(node) is node, text


# abs of a sum with a minus inside the argument (|y - x| is Abs(x - y) to SymPy: a plus term), its atoms beside it or
# not, over an atom, with a number, a content, under a power
_ABS_ARGS = ("abs(x - y) / c + 1", "abs(y - x) / c + 1", "2 * abs(c - x) - 1", "abs(x - y) * c + y", "1 - abs(x - y)",
             "abs(x - y)**2 + 1", "abs(-x - y) + c", "abs(x - y) / c - x", "3 * abs(x - 2 * y) + 2", "abs(2 * x - 2 * y) + 1",
             "x / c + abs(x - y)", "abs(x - y) - abs(x) + 1")
_ABS_ATOMS = ("x", "y", "c", "2", "sign(x - y)", "abs(x - y)", "dot(x, x)", "exp(c)")


def _abs_nodes():
    fn = st.tuples(st.sampled_from(("log", "tanh", "relu", "heaviside", "softplus", "cos", "sigmoid")),
                   st.sampled_from(_ABS_ARGS)).map(lambda t: f"{t[0]}({t[1]})")
    factor = st.one_of(fn, fn, st.sampled_from(_ABS_ATOMS), fn.map(lambda f: f"({f} + 1)"),
                       st.tuples(fn, st.sampled_from(("**2", "**3"))).map("".join))
    product = st.tuples(st.sampled_from(("", "-", "2 * ", "0.5 * ")), st.lists(factor, min_size=1, max_size=3)).map(
        lambda t: t[0] + " * ".join(t[1]))
    top = st.lists(product, min_size=1, max_size=3).map(" + ".join)
    return st.one_of(top, st.tuples(top, st.sampled_from(("c", "(1 + x**2)", "abs(x - y)"))).map(lambda t: f"({t[0]}) / {t[1]}"))


@native_share(0.1)
@given(_abs_nodes())
def test_a_node_with_abs_of_a_sum_in_a_function_kept_as_atoms_is_kept_by_sympys_route(text):
    assert_kept_is_sympys_answer(text, lambda node, _weight: kept_as_atoms(node, scalars.simplify_scalar))


def test_abs_of_a_sum_held_as_sympy_holds_it_is_a_plus_term():
    # |x - y| is Abs(x - y): log(1 + |x - y| / c) kept as log(1 + u / c) is; |y - x| beside |x - y| is one generator
    # to SymPy (log^2), |2 x - 2 y| is 2 |x - y|: SymPy's route decides
    for text in ("y * log(abs(x - y) / c + 1)", "c * log(abs(x - y) / c + 1)"):
        node = parse(text)
        assert kept_as_atoms(node, scalars.simplify_scalar), text
        assert scalars.by_sympy(node) is node, text
    for text in ("log(abs(y - x) / c + 1) * log(abs(x - y) / c + 1) / c", "y * sigmoid(abs(2 * x - 2 * y) + 1)"):
        assert not kept_as_atoms(parse(text), scalars.simplify_scalar), text
