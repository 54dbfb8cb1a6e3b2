"""mcdocgen.engine.jacobians: each vec-form building block equals a Jacobian of vecs computed here by
central differences of numpy's own operation, entries column-major on both sides."""

import numpy as np
import pytest

from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.engine import jacobians as J
from mcdocgen.language.shapes import Shape, dim

RNG = np.random.default_rng(11)
H = 1e-6


def _jacobian(f, x):
    flat = x.reshape(-1, order="F")
    cols = []
    for k in range(flat.size):
        e = np.zeros_like(flat)
        e[k] = H
        up, down = f((flat + e).reshape(x.shape, order="F")), f((flat - e).reshape(x.shape, order="F"))
        cols.append(((up - down) / (2 * H)).reshape(-1, order="F"))
    return np.array(cols).T


def _var(name, r, c):
    return E.var(name, Shape(dim(r), dim(c)))


A, B = RNG.normal(size=(2, 3)), RNG.normal(size=(3, 4))
ENV = {"A": A, "B": B}
NA, NB = _var("A", 2, 3), _var("B", 3, 4)


@pytest.mark.parametrize("name, node, f, x", [
    ("left factor", J.vec_left(NB, dim(2)), lambda m: m @ B, A),
    ("right factor", J.vec_right(NA, dim(4)), lambda m: A @ m, B),
    ("transpose", J.vec_transpose(NA.shape), lambda m: m.T, A),
    ("inverse", J.vec_inverse(E.inv(_var("S", 3, 3))), np.linalg.inv, RNG.normal(size=(3, 3)) + 3 * np.eye(3)),
    ("kron, left", J.vec_kron(NA, NB, 0), lambda m: np.kron(m, B), A),
    ("kron, right", J.vec_kron(NA, NB, 1), lambda m: np.kron(A, m), B),
    ("diagonal embedding", J.diagonal_embedding(dim(3)), lambda v: np.diag(v.ravel()), RNG.normal(size=(3, 1))),
    ("symmetric part", J.symmetric_part(dim(3)), lambda m: (m + m.T) / 2, RNG.normal(size=(3, 3))),
])
def test_a_vec_form_block_is_the_jacobian_of_vecs(name, node, f, x):
    env = {**ENV, "S": x}
    np.testing.assert_allclose(evaluate(node, env, {}), _jacobian(f, x), rtol=1e-7, atol=1e-7)


def test_vec_of_each_shape():
    assert J.vec(NA) == E.vec(NA)
    row = E.transpose(E.var("x", Shape(dim(3), dim(1))))
    assert J.vec(row) == E.transpose(row) and J.entries_row(NA) == E.transpose(E.vec(NA))
