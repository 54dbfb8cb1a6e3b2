"""mcdocgen.engine.kink_limits: whether a result tends to one value where a whole array is zero (a norm's corner),
from each part's order in the array's norm, read off the structure."""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.engine.kink_limits import NearZero
from mcdocgen.engine.simplify import simplify
from mcdocgen.language import Fn
from mcdocgen.language.shapes import SCALAR, column, size_symbol

N = column(size_symbol("n"))


def test_orders_add_in_products_and_subtract_in_quotients():
    x, y = E.var("x", N), E.var("y", N)
    near = NearZero(x, simplify)
    r = E.norm(x)
    outer = E.matmul(x, E.transpose(x))
    assert near.near(E.div(outer, r)) == (1.0, True)                # x x^T / ||x||: to zero
    assert near.near(E.div(x, r)) == (0.0, False)                   # the direction: bounded, no limit
    assert near.near(E.div(x, E.power(r, E.num(2)))) == (None, False)   # unbounded
    assert near.continuous(E.mul(r, E.div(x, r)))                    # bounded times vanishing
    assert not near.continuous(E.div(E.matmul(x, E.transpose(y)), r))   # x y^T / ||x||: y is not small
    assert near.continuous(E.add(E.mul(r, E.eye(N.rows)), E.div(outer, r)))


def test_a_denominator_must_be_shown_not_to_vanish_faster():
    x = E.var("x", N)
    near = NearZero(x, simplify)
    one_plus = E.add(E.num(1), E.power(E.norm(x), E.num(2)))
    assert near.continuous(E.div(x, one_plus))                      # 1 + ||x||^2 is never zero
    assert not near.continuous(E.div(E.mul(E.norm(x), x), E.dot(x, x)))   # x.x: not shown exact
    assert near.continuous(E.div(E.mul(E.norm(x), x), E.var("c", SCALAR)))   # a constant near the place


def test_steps_and_logs_of_the_place_have_no_limit_and_smooth_calls_keep_one():
    x = E.var("x", N)
    near = NearZero(x, simplify)
    assert not near.continuous(E.func(Fn.SIGN, x))
    assert near.continuous(E.mul(E.func(Fn.SIGN, x), E.norm(x)))     # bounded step times a vanishing norm
    assert near.continuous(E.func(Fn.EXP, E.div(E.matmul(x, E.transpose(x)), E.norm(x))))
    assert near.near(E.func(Fn.SQRT, E.norm(x)))[0] == 0.5
    assert not near.continuous(E.func(Fn.LOG, E.norm(x)))


def test_the_place_written_by_the_simplifier():
    x, a = E.var("x", N), E.var("a", N)
    place = simplify(E.sub(x, a))
    near = NearZero(place, simplify)
    d = E.sub(x, a)
    assert near.continuous(E.div(E.matmul(d, E.transpose(d)), E.norm(place)))
    assert not near.continuous(E.div(E.matmul(d, E.transpose(x)), E.norm(place)))   # x is not small at x = a
