"""mcdocgen.engine.put_back: the product with the intermediates put back, before simplifying."""

from problem_factory import make_problem

from mcdocgen import language as E
from mcdocgen.engine.derive import derive


def _put_back(expression, variables, wrt, steps=()):
    d = derive(make_problem(expression, variables, [wrt], list(steps)), wrt)
    assert d.put_back is not None
    return tuple(E.to_text(n) for n in d.put_back)


def test_an_intermediate_is_written_back_in_before_the_result_is_simplified():
    # u_1 = x^T A: the product u_1^T + A x is (x^T A)^T + A x before it becomes (A + A^T) x
    den, num = _put_back("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x")
    assert den == "(x.T @ A).T + A @ x"
    assert num == "x.T @ A + x.T @ A.T"      # the transpose taken to the leaves, as a textbook writes it


def test_a_cancellation_is_shown_before_it_is_made():
    den, num = _put_back("log(det(X))", {"X": ["n", "n"]}, "X")
    assert den == "1 / det(X) * det(X) * inv(X).T" and num == "1 / det(X) * det(X) * inv(X)"


def test_a_sum_inside_a_factor_stays_whole_in_the_numerator_layout():
    _, num = _put_back("norm(X @ w - y)**2", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, "w")
    assert "(X @ w - y).T" in num and "w.T @ X.T" not in num, num


def test_an_entry_of_a_written_vector_is_put_back_as_that_entry():
    # g = [x^2, 3 x]: g[0] put back is x^2, not [x^2, 3 x][0] (a scalar function: a vector one by a scalar
    # is derived forward, with no put-back row)
    den, _ = _put_back("log(x**2) + sin(3*x)", {"x": []}, "x", ["g = [x**2, 3*x]", "y = log(g[0]) + sin(g[1])"])
    assert "[0]" not in den and "[1]" not in den and "cos(3 * x)" in den, den


def test_a_scaled_identity_from_the_trace_rule_is_not_a_factor_of_the_row():
    # tr(A S) / 2 by S: the trace rule's gradient is 1/2 I, and A^T (1/2 I) is 1/2 A^T (KL of Gaussians read "1/2 I T^-1")
    den, num = _put_back("(tr(inv(T) @ S) - logdet(S)) / 2", {"S": ["n", "n"], "T": ["n", "n"]}, "S")
    assert "eye" not in den and "eye" not in num, (den, num)
    assert "0.5 * inv(T).T" in den and "0.5 * inv(T)" in num


def test_a_path_whose_local_derivatives_cancel_is_no_term_of_the_row():
    # u_1 = x^T x enters f as u_1 - u_1: its path's derivative 1 + (-1) is 0, and 0 * a + 2 * 0 * x is zero
    den, num = _put_back("x.T @ x - (a.T @ x + x.T @ x) + a.T @ x", {"x": ["n"], "a": ["n"]}, "x")
    assert den == "zeros(n)" and num == "zeros(n).T", (den, num)
    den, _ = _put_back("x.T @ x - (a.T @ x + x.T @ x) + 2 * a.T @ x", {"x": ["n"], "a": ["n"]}, "x")
    assert den == "2 * a - a", den       # the paths through a stay, unsimplified; the one through x is gone


def test_a_kronecker_product_and_a_commutation_matrix_are_transposed_through_not_marked():
    # log det's Hessian: the chain's -K (v_1^T (x) v_1) with v_1 = X^-1 put back read -(K)^T (X^-1 (x) X^-T)^T,
    # transposes from nowhere (a reader review); (A (x) B)^T = A^T (x) B^T and K_{m,n}^T = K_{n,m}
    from mcdocgen.engine.put_back import put_back

    n, m = E.shapes.size_symbol("n"), E.shapes.size_symbol("m")
    v, X = E.var("v_1", E.shapes.square(n), intermediate=True), E.var("X", E.shapes.square(n))
    raw = E.neg(E.matmul(E.kron(v, E.transpose(v)), E.commutation(n, n)))
    den, num = put_back(raw, {"v_1": E.inv(X)})
    assert E.to_text(den) == "-(kron(inv(X), inv(X).T) @ commutation(n, n))"
    assert E.to_text(num) == "-(commutation(n, n) @ kron(inv(X).T, inv(X)))"
    Y = E.var("Y", E.shapes.Shape(m, n))
    _, num = put_back(E.matmul(E.commutation(m, n), E.kron(Y, E.eye(n))), {})
    assert E.to_text(num) == "kron(Y.T, eye(n)) @ commutation(n, m)"


def test_numbers_side_by_side_are_multiplied():
    # 3 (2 X)^T, a number times a number-scaled term, reads 6 X^T (arithmetic, no algebra; '3 2 X' reads 32 X)
    from mcdocgen.engine.put_back import plain
    X = E.var("X", make_problem("X", {"X": ["n", "n"]}, ["X"]).variable("X").shape)
    assert E.to_text(plain(E.mul(E.num(3), E.transpose(E.mul(E.num(2), X))))) == "6 * X.T"
    assert E.to_text(plain(E.mul(E.num(3), E.mul(E.num(2), X)))) == "6 * X"
    assert E.to_text(plain(E.mul(E.num(3), E.transpose(X)))) == "3 * X.T"
