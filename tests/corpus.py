"""Problems that are not in the catalog: the engine must derive and verify them all."""

# (expression, variables, wrt, steps, assumptions)
BEYOND_CATALOG = [
    ("sum(log(1 + exp(-y * (X @ w))))", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, ["w"], [], {}),
    ("norm(X @ w - y)**2 + lam * norm(w)**2", {"X": ["m", "n"], "w": ["n"], "y": ["m"], "lam": []}, ["w"], [], {}),
    ("(x.T @ A @ x) / (x.T @ x)", {"x": ["n"], "A": ["n", "n"]}, ["x"], [], {"A": ["symmetric"]}),
    ("sum(tanh(W2 @ tanh(W1 @ x)))", {"W1": ["h", "n"], "W2": ["k", "h"], "x": ["n"]}, ["W1", "W2", "x"], [], {}),
    ("norm(W2 @ relu(W1 @ x + b1) - y)**2", {"W1": ["h", "n"], "W2": ["k", "h"], "x": ["n"], "b1": ["h"], "y": ["k"]}, ["W1", "W2", "b1"], [], {}),
    ("tr(inv(X) @ A)", {"X": ["n", "n"], "A": ["n", "n"]}, ["X"], [], {"X": ["invertible"]}),
    ("sigmoid(dot(w, x))", {"w": ["n"], "x": ["n"]}, ["w"], [], {}),
    ("tanh(W @ x + b)", {"W": ["m", "n"], "x": ["n"], "b": ["m"]}, ["x", "b"], [], {}),
    ("sum(log(1 + exp(X @ w)))", {"X": ["m", "n"], "w": ["n"]}, ["w"], [], {}),
    ("tr(X.T @ A @ X)", {"X": ["n", "k"], "A": ["n", "n"]}, ["X"], [], {}),
    ("tr(A @ B @ X)", {"A": ["n", "m"], "B": ["m", "k"], "X": ["k", "n"]}, ["X"], [], {}),
    ("norm(W @ x - y)**2", {"W": ["m", "n"], "x": ["n"], "y": ["m"]}, ["W"], [], {}),
    ("sqrt(dot(x, x))", {"x": ["n"]}, ["x"], [], {}),
    ("mean(x**2)", {"x": ["n"]}, ["x"], [], {}),
    ("sum(diag(X))", {"X": ["n", "n"]}, ["X"], [], {}),
    ("dot(outer(a, x) @ b, c)", {"a": ["n"], "x": ["m"], "b": ["m"], "c": ["n"]}, ["x"], [], {}),
    ("maximum(x, y)", {"x": ["n"], "y": ["n"]}, ["x", "y"], [], {}),
    ("x / norm(x)", {"x": ["n"]}, ["x"], [], {}),
    ("log(det(X.T @ X))", {"X": ["m", "n"]}, ["X"], [], {}),
    ("det(inv(X)) * tr(X)", {"X": ["n", "n"]}, ["X"], [], {"X": ["invertible"]}),
    ("x.T @ inv(A + x @ x.T) @ x", {"x": ["n"], "A": ["n", "n"]}, ["x"], [], {"A": ["positive_definite"]}),
    ("exp(x) / sum(exp(x))", {"x": ["n"]}, ["x"], [], {}),
    ("abs(dot(w, x) - y) + c * norm(w)**2", {"w": ["n"], "x": ["n"], "y": [], "c": []}, ["w", "c"], [], {"c": ["positive"]}),
    ("x**3 * sin(x) / (1 + x**2)", {"x": []}, ["x"], [], {}),
    ("cos(a * x)**2 + tan(x)", {"a": [], "x": []}, ["x", "a"], [], {}),
    ("sum(sqrt(x * x + 1))", {"x": ["n"]}, ["x"], [], {}),
    ("diag(x) @ y + sum(x) * y", {"x": ["n"], "y": ["n"]}, ["y"], [], {}),
    ("x[0] * x[1] + x[2]**2", {"x": [3]}, ["x"], [], {}),
    ("[x[0] * x[1], x[1] + x[0]**2]", {"x": [2]}, ["x"], [], {}),
    ("2**x", {"x": []}, ["x"], [], {}),
    ("x[3] * sum(x)", {"x": ["n"]}, ["x"], [], {}),
    # vector functions through a matrix: derived after simplification absorbs the matrix
    ("diag(x) @ y", {"x": ["n"], "y": ["n"]}, ["x", "y"], [], {}),
    ("outer(x, y) @ z", {"x": ["n"], "y": ["m"], "z": ["m"]}, ["x", "y"], [], {}),
    ("x @ x.T @ y", {"x": ["n"], "y": ["n"]}, ["x"], [], {}),
    ("x.T @ x @ x", {"x": ["n"]}, ["x"], [], {}),
    ("det(X.T @ X)", {"X": ["m", "n"]}, ["X"], [], {}),
    ("sum(exp(x) / sum(exp(x)))", {"x": ["n"]}, ["x"], [], {}),
    ("sum(outer(a, b) * X)", {"a": ["m"], "b": ["n"], "X": ["m", "n"]}, ["a", "b", "X"], [], {}),
    ("tr(X @ X @ X)", {"X": ["n", "n"]}, ["X"], [], {}),
    ("sum((X @ w - y)**2) / N", {"X": ["N", "n"], "w": ["n"], "y": ["N"]}, ["w"], [], {}),
]

# Derivatives that are tensors: the engine must say so, never guess.
TENSORS = [
    ("W @ x", {"W": ["m", "n"], "x": ["n"]}, "W"),
    ("X @ Y", {"X": ["m", "n"], "Y": ["n", "k"]}, "X"),
]
