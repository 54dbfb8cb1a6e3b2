"""mcdocgen.present.setupnames: the names a problem's steps set up, in one formula all or none (review s39)."""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.language import shapes
from mcdocgen.language.vocabulary import Fn
from mcdocgen.language.walks import free_vars
from mcdocgen.present import naming as N, setupnames as SN
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.namedprinter import NamedPrinter
from mcdocgen.present.sameparts import same_row

n, N_ = shapes.size_symbol("n"), shapes.size_symbol("N")
X = E.var("X", shapes.Shape(N_, n))
w, y = E.var("w", shapes.column(n)), E.var("y", shapes.column(N_))
b, x = E.var("b", shapes.SCALAR), E.var("x", shapes.SCALAR)
PRINTER = McLatexPrinter()


def _names(pairs):
    """A naming of the steps' parts ``pairs`` (the first chosen, the others held), as page_naming builds one."""
    chosen, held = pairs[:1], tuple(pairs[1:])
    names = tuple(N.Name(var, sub) for sub, var in pairs)
    return N.Naming(names, tuple(chosen), frozenset({chosen[0][1].name}), held)


def _neuron():
    """neuron-loss: the steps set up z = X w + b and u = relu(z); its gradient H(z) o (relu(z) - y)."""
    xw = E.add(E.matmul(X, w), b)
    z = E.var("z", xw.shape)
    u = E.var("u", xw.shape)
    row = E.mul(E.func(Fn.HEAVISIDE, xw), E.sub(E.func(Fn.RELU, xw), y))
    return row, [(xw, z), (E.func(Fn.RELU, z), u)]


def test_a_row_that_writes_one_name_of_the_steps_writes_all_it_holds_where_they_pay():
    """neuron-loss wrote H(z) o (relu(z) - y) beside the steps' u = relu(z): now H(z) o (u - y)."""
    row, pairs = _neuron()
    naming = _names(pairs)
    shown = naming.for_row(row, PRINTER.doprint)
    assert free_vars(shown) >= {"z", "u"} and "relu" not in PRINTER.doprint(shown), PRINTER.doprint(shown)
    assert naming.put_back(shown) == row
    assert [d.var.name for d in naming.used([shown])] == ["z", "u"]


def test_names_that_save_little_are_all_written_out():
    """scalar-chain: u = x^3 and v = sin(u): 6 x^2 cos(u) / v saves little over 6 x^2 cos(x^3) / sin(x^3),
    which it was written as, half named, 6 x^2 cos(u) / sin(u): now none."""
    cube = E.power(x, E.num(3))
    u, v = E.var("u", shapes.SCALAR), E.var("v", shapes.SCALAR)
    row = E.mul(E.mul(E.num(6), E.power(x, E.num(2))), E.div(E.func(Fn.COS, cube), E.func(Fn.SIN, cube)))
    naming = _names([(cube, u), (E.func(Fn.SIN, u), v)])
    assert naming.for_row(row, PRINTER.doprint) == row


def test_held_parts_are_written_with_the_names_before_them_in_the_steps_order():
    _, pairs = _neuron()
    xw = pairs[0][0]
    v = E.sub(y, E.func(Fn.RELU, xw))
    held = SN.held_parts([(xw, "z"), (E.func(Fn.RELU, xw), "u"), (v, "v")], pairs[:1], N._replace)
    assert [(E.flat_text(f), var.name) for f, var in held] == [("relu(z)", "u"), ("y - u", "v")]


def test_the_names_pay_where_the_row_written_out_is_too_wide_or_they_stand_twice():
    row, pairs = _neuron()
    named = SN.all_named(row, pairs, N._replace)
    assert SN.pays(named, row, PRINTER.doprint, {"z", "u"})     # z twice
    assert not SN.pays(row, row, PRINTER.doprint, {"z", "u"})   # saves nothing


def _gaussian():
    """ml-gaussian-log-likelihood: the steps set up D = X - 1 mu^T and C = D^T D; its G holds S^{-1} D^T D S^{-1}."""
    d_ = shapes.size_symbol("d")
    Xd, mu = E.var("X", shapes.Shape(N_, d_)), E.var("mu", shapes.column(d_))
    S = E.var("S", shapes.square(d_))
    dev = E.sub(Xd, E.outer(E.ones(shapes.column(N_)), mu))
    D, C = E.var("D", dev.shape), E.var("C", shapes.square(d_))
    gram = E.matmul(E.transpose(D), D)
    inv = E.inv(S)
    g = E.mul(E.num(0.5), E.sub(E.matmul(E.matmul(E.matmul(inv, E.transpose(dev)), dev), inv), E.mul(E.var("N", shapes.SCALAR), inv)))
    return g, [(dev, D), (gram, C)]


def test_a_formula_built_from_several_trees_writes_the_set_up_names_all_or_none():
    """The restriction row, the sentence's G = ... and the other convention (NamedPrinter) wrote the put-back row's
    D but not its C = D^T D: S^{-1} D^T D S^{-1} beside the where line D = ...; now S^{-1} C S^{-1}, where D, C."""
    g, pairs = _gaussian()
    naming = _names(pairs)
    assert "D" in free_vars(naming.apply(g)) and "C" not in free_vars(naming.apply(g))    # every name, set-up's half
    shown = naming.named(g)
    assert free_vars(shown) >= {"C"} and same_row(naming.put_back(shown), g), E.flat_text(shown)
    printer = NamedPrinter(PRINTER, naming)
    tex = printer.doprint(g)
    assert r"D^{\top} D" not in tex and "C" in tex, tex
    assert [n.var.name for n in printer.used()] == ["D", "C"]
