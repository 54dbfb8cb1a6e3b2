"""mcdocgen.engine.commuted: two nodes are the same up to the order of a product's factors and a sum's terms,
and no more (a matrix product, a function, a power's exponent, a sign all count)."""

from __future__ import annotations

import pytest

from mcdocgen import language as E
from mcdocgen.engine.commuted import same
from mcdocgen.language import Fn
from mcdocgen.language.shapes import SCALAR, Shape

c, d = E.var("c", SCALAR), E.var("d", SCALAR)
A, B = E.var("A", Shape(3, 3)), E.var("B", Shape(3, 3))
x = E.var("x", Shape(3, 1))
mean = E.mean(E.func(Fn.SOFTPLUS, x))


@pytest.mark.parametrize("a, b", [
    (E.mul(c, mean), E.mul(mean, c)),
    (E.sub(mean, E.mul(c, mean)), E.sub(mean, E.mul(mean, c))),                 # nnPU's place and its step's argument
    (E.add(c, d, E.mul(c, d)), E.add(E.mul(d, c), d, c)),                        # a sum's terms in another order
    (E.func(Fn.RELU, E.mul(c, x)), E.func(Fn.RELU, E.mul(x, c))),               # under a function
    (E.mul(x, E.func(Fn.EXP, x)), E.mul(E.func(Fn.EXP, x), x)),                 # an elementwise product
    (E.power(E.mul(c, d), E.num(2)), E.power(E.mul(d, c), E.num(2))),
])
def test_the_same_up_to_commuting(a, b):
    assert a != b and same(a, b) and same(b, a)


@pytest.mark.parametrize("a, b", [
    (E.matmul(A, B), E.matmul(B, A)),                   # a matrix product does not commute
    (E.func(Fn.RELU, c), E.func(Fn.ABS, c)),            # another function
    (E.power(c, E.num(2)), E.power(c, E.num(3))),       # another exponent
    (E.sub(c, d), E.sub(d, c)),                         # a negation is no reordering
    (E.add(c, c, d), E.add(c, d, d)),                   # each term matched once
    (E.mul(c, d), E.add(c, d)),
])
def test_not_the_same(a, b):
    assert not same(a, b) and not same(b, a)
