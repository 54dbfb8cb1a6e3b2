"""Catalogs that once hung the build (issue 10): each must be answered within seconds.

Every case is one catalog text and the answer it must get: derived and verified, or refused
with a message naming the limit. Shared by tests/test_bounds.py and bench/bench_bounds.py.
"""

from __future__ import annotations

from dataclasses import dataclass

VERIFIED = "verified"


@dataclass(frozen=True)
class Case:
    name: str
    text: str               # the catalog
    answer: str             # VERIFIED, or a text the refusal must contain (the limit's name)
    exit_code: int          # of `mcdocgen check`


def problem(pid: str, expression: str, variables: dict[str, list], wrt: list[str],
            assume: dict[str, list[str]] | None = None) -> str:
    assume = assume or {}
    lines = [f"  - id: {pid}", f"    title: Case {pid}", "    summary: A bounds case.",
             "    tags: [bounds]", "    source: issue 10", "    variables:"]
    for name, shape in variables.items():
        extra = f", assume: [{', '.join(assume[name])}]" if name in assume else ""
        lines.append(f"      {name}: {{shape: [{', '.join(map(str, shape))}]{extra}}}")
    lines += [f"    expression: \"{expression}\"", f"    wrt: [{', '.join(wrt)}]"]
    return "\n".join(lines) + "\n"


def catalog(*problems: str) -> str:
    return "problems:\n" + "".join(problems)


def _single(name, expression, variables, wrt, answer=VERIFIED, exit_code=0, assume=None) -> Case:
    return Case(name, catalog(problem(name, expression, variables, wrt, assume)), answer, exit_code)


def ordinary() -> list[Case]:
    """Concrete sizes up to 1,000 and determinants and inverses of 20 x 20: derived and verified."""
    cases = [_single(f"det-{k}", "det(X)", {"X": [k, k]}, ["X"]) for k in (5, 10, 20)]
    cases += [
        _single("sum-inv-20", "sum(inv(X))", {"X": [20, 20]}, ["X"], assume={"X": ["invertible"]}),
        _single("tr-inv-20", "tr(inv(X))", {"X": [20, 20]}, ["X"], assume={"X": ["invertible"]}),
        _single("quadratic-200", "x.T @ A @ x", {"x": [200], "A": [200, 200]}, ["x", "A"]),
        _single("sum-exp-1000", "sum(exp(x))", {"x": [1000]}, ["x"]),
        _single("norm-1000", "norm(x)", {"x": [1000]}, ["x"]),
        _single("trace-200", "tr(X)", {"X": [200, 200]}, ["X"]),
        _single("tanh-layer-1000", "tanh(W @ x)", {"W": [1000, 1000], "x": [1000]}, ["x"]),
        _single("softmax-1000", "exp(x) / sum(exp(x))", {"x": [1000]}, ["x"]),
    ]
    return cases


def _nested_maximum(depth: int) -> str:
    text = "x"
    for k in range(depth):
        text = f"maximum({text}, {k + 1} * x + y)"
    return f"sum({text})"


def wide() -> list[Case]:
    """Deep or wide expressions."""
    mats = {f"A{k}": ["n", "n"] for k in range(50)}
    product = " @ ".join(mats)
    powers = " + ".join(f"x**{k}" for k in range(1, 151))
    literal = "[" + ", ".join("c" if k % 2 else str(k % 10) for k in range(600)) + "]"
    return [
        Case("maximum-20-deep", catalog(problem("maximum-20-deep", _nested_maximum(20),
                                                {"x": ["n"], "y": ["n"]}, ["x"])),
             "20 non-differentiable operations (abs, sign, relu, heaviside, max, norm1); the limit is 8", 1),
        Case("product-of-50", catalog(problem("product-of-50", f"tr({product})", mats, ["A0"])), VERIFIED, 0),
        Case("sum-of-150-powers", catalog(problem("sum-of-150-powers", powers, {"x": []}, ["x"])),
             "nested too deeply (more than 60 levels)", 2),
        Case("literal-600", catalog(problem("literal-600", f"sum({literal})", {"c": []}, ["c"])),
             "written by components has 600 entries (the limit is 100)", 2),
    ]


def malformed_problems(count: int) -> str:
    return "problems:\n" + "".join(f"- id: B{k}\n" for k in range(count))


def huge_tags(size: int = 5 * 1024 * 1024 - 4096) -> str:
    head = problem("tags", "x", {"x": []}, ["x"]).replace("    tags: [bounds]\n", "")
    tags = []
    used = 0
    k = 0
    while used < size - len(head) - 64:
        tag = f"t{k}"
        tags.append(tag)
        used += len(tag) + 2
        k += 1
    return "problems:\n" + head + "    tags: [" + ", ".join(tags) + "]\n"


def unused_variables(count: int) -> str:
    variables = "".join(f"   v{k}: {{shape: []}}\n" for k in range(count))
    return ("problems:\n- id: unused\n  title: t\n  summary: s.\n  tags: [t]\n  source: s\n"
            "  variables:\n   x: {shape: []}\n" + variables + "  expression: \"x**2\"\n  wrt: [x]\n")


def loading() -> list[Case]:
    """Catalogs under the 5 MB limit that are expensive only to load."""
    return [
        Case("malformed-5000", malformed_problems(5000), "... and 39900 more", 2),
        Case("malformed-200000", malformed_problems(200_000), "more than 5,000 problems (the limit is 5,000)", 2),
        Case("tags-5mb", huge_tags(), "more than 20 tags (the limit is 20)", 2),
        Case("unused-200000", unused_variables(200_000), "more than 100 variables (the limit is 100)", 2),
    ]


def all_cases() -> list[Case]:
    return ordinary() + wide() + loading()
