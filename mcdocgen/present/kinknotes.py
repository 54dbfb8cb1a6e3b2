"""What a page says where the function is not differentiable: :class:`KinkView`, the kink's place and
its note as structured data, each part of the note tagged with what it is about (:class:`NoteKind`),
so that an edition can leave a kind out (the student handout leaves out the tool's checks) without
matching any text. The site, the terminal and the slides read the whole note, :attr:`KinkView.text`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace

from mcdocgen import language as E
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.kinks import Kink, Pole, PowerCase, Steep
from mcdocgen.language import KinkKind, Node
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.namedprinter import NamedPrinter
from mcdocgen.present.naming import Naming
from mcdocgen.present.symbols import name_latex
from mcdocgen.present.lines import set_rows, set_tex
from mcdocgen.present.titles import unicode_math


@enum.unique
class NoteKind(enum.StrEnum):
    """What a part of a kink note is about."""

    BEHAVIOUR = "behaviour"     # what holds at and around the kink (the note's sentences)
    METHOD = "method"           # how the subgradient set was derived (an aside)
    CHECKS = "checks"           # how mcdocgen's checks treat the kink (an aside; a tool detail)


@dataclass(frozen=True, slots=True)
class KinkNote:
    kind: NoteKind
    text: str       # plain words, no final full stop


@dataclass(frozen=True, slots=True)
class KinkSpot:
    """Where a kink is, in the expression language, and the interval of the slope there (the step function's)."""

    at: str
    low: int
    high: int
    off_diagonal: bool = False      # the argument's diagonal is zero whatever the variables: the kink is off it

    @property
    def place(self) -> str:
        """The condition in plain text: "z = 0" (an array: each entry's own), "M[i, j] = 0 for some i != j"."""
        # an expression in parentheses: "a - b[i, j]" reads as b's entry
        at = self.at if self.at.isidentifier() else f"({self.at})"
        return f"{at}[i, j] = 0 for some i != j" if self.off_diagonal else f"{self.at} = 0"


@dataclass(frozen=True, slots=True)
class KinkView:
    where: str              # LaTeX condition, e.g. w^T x + b = 0
    notes: tuple[KinkNote, ...]
    subgradient: str        # LaTeX of the set, or empty
    rows: tuple[str, ...] = ()  # the set as display rows (present.lines)
    undefined: bool = False     # the function is undefined there: a pole or a 0/0, no kink
    maybe: bool = False         # whether it is differentiable there depends on an exponent (|w|^q)

    @property
    def heading(self) -> str:
        """The note's heading, before its place."""
        return "Where it is undefined" if self.undefined else \
            "Where it may not be differentiable" if self.maybe else "Where it is not differentiable"

    def sentence(self, leave_out: Collection[NoteKind] = ()) -> str:
        """The note in words: its sentences, then the asides not left out in parentheses; it ends
        with a colon where the set follows it."""
        main = ". ".join(n.text for n in self.notes if n.kind is NoteKind.BEHAVIOUR)
        asides = [n.text for n in self.notes if n.kind is not NoteKind.BEHAVIOUR and n.kind not in leave_out]
        return main + (f" ({'; '.join(asides)})" if asides else "") + (":" if self.subgradient else ".")

    @property
    def text(self) -> str:
        """The whole note (the site's, the terminal's, the slides')."""
        return self.sentence()


def _behaviour(*sentences: str) -> tuple[KinkNote, ...]:
    return tuple(KinkNote(NoteKind.BEHAVIOUR, s) for s in sentences)


#: Where an argument's diagonal is zero whatever the variables, the kink is off it: the words after the place, in
#: a heading, and in a set's condition on its slope's entries.
OFF_DIAGONAL = r" \text{ for some } i \neq j"
OFF_DIAGONAL_ENTRY = r", \; i \neq j"


def off_diagonal(kink: Kink) -> bool:
    """Whether the kink is only off its argument's diagonal (the engine's fact, :attr:`Kink.off_diagonal`)."""
    return kink.off_diagonal


def on_kink(kink: Kink, p: McLatexPrinter) -> str:
    """Where a kink is: its argument at 0, or for an array one entry of it (each entry has its own; off the
    diagonal where the diagonal is zero whatever the variables), or the whole array (a norm's corner: every entry
    at once)."""
    if kink.at.shape.is_scalar or kink.whole:
        return f"{p.doprint(kink.at)} = 0"
    return f"{entry(kink.at, p)} = 0" + (OFF_DIAGONAL if kink.off_diagonal else "")


#: Which factor a zero at the place makes undefined, by what it is a factor of.
ZERO_FACTOR = {Pole.LOG: "the logarithm's argument", Pole.DENOMINATOR: "the denominator",
               Pole.NEGATIVE_POWER: "the base of a negative power", Pole.INVERSE: "the scalar inverted"}
#: A norm's corner: where the whole argument is zero, with the unit ball as its subgradients.
WHOLE = "every entry at once"
#: A jump, in a student's words: what the derivative does at it, and beside it (the one-sided values).
JUMP_AT = "The function jumps here, so at this point it has no derivative and no subgradient"
JUMP_BESIDE = ("On each side of the jump the result above holds: coming closer from one side or from the other, it "
               "tends to that side's value, and the two one-sided values need not agree")


def entry(node: Node, p: McLatexPrinter) -> str:
    """Entry i of a vector, ij of a matrix: w_i for a plain name (also a page's name for it: z_i, z = X w + b),
    M_{ij}, else the array in brackets with the index."""
    index = "i" if node.shape.is_vector_like else "{ij}"
    node = p.naming.named(node) if isinstance(p, NamedPrinter) else node
    if isinstance(node, E.Var) and "_" not in node.name and not node.name[-1].isdigit():
        return f"{name_latex(node.name)}_{index}"
    return rf"\left({p.doprint(node)}\right)_{index}"


def _zero_factor(kink: Kink, p: McLatexPrinter, math: Callable[[str], str]) -> str:
    """Which factor is zero at an undefined place, by its role and itself (``math`` writes its LaTeX)."""
    role = ZERO_FACTOR[kink.pole] if kink.pole is not None else "a factor"
    return role if kink.factor is None else f"{role} {math(p.doprint(kink.factor))}"


def local_kink_label(kink: Kink) -> str:
    """The words before a local derivative's kink sentence."""
    return "No kink in" if kink.undefined else "Kink in"


def local_kink_sentence(kink: Kink, p: McLatexPrinter) -> str:
    """A local derivative's kink, in a clause (LaTeX)."""
    where = on_kink(kink, p)
    if kink.undefined:
        return rf"where ${where}$ {_zero_factor(kink, p, lambda t: f'${t}$')} is zero, so the function itself is " \
               "undefined there and no slope is needed"
    if kink.kind is KinkKind.JUMP:
        return rf"not differentiable where ${where}$ (a jump): there is no subgradient there"
    if kink.whole and not kink.at.shape.is_scalar:
        return rf"where ${where}$ ({WHOLE}) the subgradients are the arrays of norm at most 1"
    return rf"where ${where}$ the slope is any value in $[{kink.low}, {kink.high}]$"


def kink_view(kink: Kink, d: Derivation, p: McLatexPrinter) -> KinkView:
    """What a page says at a kink: the engine's subgradient set where it derived one, else why not; and where the
    result is undefined on the argument's negative side while the function is not (Kink.undefined_below), so."""
    view = _kink_view(kink, d, p)
    if not kink.undefined_below:
        return view
    at = unicode_math(p.doprint(kink.at))
    # an entry negative is enough (review s46: "every entry" was false at x = (1, -1, 2), whose result is (1, nan, 1))
    side, what = (f"{at} < 0", "the result above is") if kink.at.shape.is_scalar else \
        (f"an entry of {at} is negative", "a value of the result above is")
    said = _behaviour(f"Where {side}, though, {what} undefined (a factor that is 0 there is in a denominator), while "
                      "the function is defined there")
    last = max((i for i, n in enumerate(view.notes) if n.kind is NoteKind.BEHAVIOUR), default=-1) + 1
    return replace(view, notes=(*view.notes[:last], *said, *view.notes[last:]))


def _kink_view(kink: Kink, d: Derivation, p: McLatexPrinter) -> KinkView:
    where = on_kink(kink, p)
    if kink.undefined:
        return KinkView(where, _behaviour(f"Here {_zero_factor(kink, p, unicode_math)} is zero, so the function "
                                          "itself is undefined: this is no kink; wherever it is defined the result "
                                          "above holds"), "", undefined=True)
    real = [k for k in d.kinks if not k.undefined]
    # why the place leaves the diagonal out: "where M_ij = 0" alone would hold on it for every x
    diagonal = kink.off_diagonal
    off = _behaviour(f"Every diagonal entry of {unicode_math(p.doprint(kink.at))} is 0 whatever the variables' "
                     "values, so the diagonal is no kink") if diagonal else ()
    if kink.kind is KinkKind.JUMP:
        return KinkView(where, (*off, *_behaviour(JUMP_AT, JUMP_BESIDE)), "")
    # "the kink", not "this point": a place like A w = 0 is a subspace (review s46)
    away = (*off, *_behaviour("Away from the kink the result above holds"))
    if kink.shared:
        return KinkView(where, (*away, *_behaviour("Several non-smooth operations meet here, so no subgradient set is "
                                                   "stated for it")), "")
    if kink.steep is not None:      # its own words, also beside other kinks
        return _under_power(kink, where, p)
    if len(real) > 1:   # kinks at different places: none meets another here (a set is derived for a lone kink only)
        return KinkView(where, (*away, KinkNote(NoteKind.METHOD, "a subgradient set is derived only for a function "
                                                                  "with one kink; this one has more")), "")
    if kink.subgradient is None:
        only = "Only where every entry is zero at once, not where one entry is; away from there" if kink.whole and \
            not kink.at.shape.is_scalar else "Away from the kink"
        return KinkView(where, (*off, *_behaviour(f"{only} the result above holds")), "")
    s = name_latex(kink.slope)
    interval = f"[{kink.low}, {kink.high}]"
    if kink.at.shape.is_scalar:
        bounds = [rf"{s} \in {interval}"]
    else:   # an entry off the kink keeps the step's value there: only the entries on it are free
        i = entry(kink.at, p)
        index = i[i.rindex("_"):]       # the entry's own index, _i or _{ij}: the slope's entries alike
        step = E.FUNCTIONS[kink.step].to_latex(i) if kink.step is not None else ""
        bounds = [rf"{s}{index} \in {interval} \text{{ where }} {i} = 0" + (OFF_DIAGONAL_ENTRY if diagonal else "")] + (
            [rf"{s}{index} = {step} \text{{ elsewhere}}"] if step else [])
    notes = (*off, *_behaviour("Away from the kink the result above holds; at it, the subgradients are the values of "
                         "the result with the step replaced by any slope in the interval"),
             KinkNote(NoteKind.METHOD, "derived by the chain rule"),
             KinkNote(NoteKind.CHECKS, "the numeric checks sample away from the kink"))
    return KinkView(where, notes, set_tex(p.doprint(kink.subgradient), bounds), set_rows(p.doprint(kink.subgradient), bounds))


def _steep_sides(kink: Kink) -> str:
    """Where a power between 0 and 1 over the corner makes the slope infinite: the corner's slopes times an infinite
    factor, so a side where the corner is flat (relu's left) stays flat."""
    if kink.whole:
        return "infinite in every direction"
    return "infinite from one side and 0 from the other" if 0 in (kink.low, kink.high) else "infinite from both sides"


def _under_power(kink: Kink, where: str, p: McLatexPrinter) -> KinkView:
    """A corner under a power p other than 1 (engine.kink_powers.under_power): its slopes times p |u|^(p-1) there, which
    is 0 for p > 1, 1 for p = 1 and infinite for p < 1 (where a slope of the corner is 0, 0 on that side: sqrt(relu
    (u)) is flat from the left), so that no one set holds for every p."""
    q = unicode_math(p.doprint(kink.exponent)) if kink.exponent is not None else "p"
    q = q if kink.exponent is None or isinstance(kink.exponent, (E.Var, E.Num)) else f"({q})"
    away = "Away from the kink the result above holds"
    if kink.steep is Steep.INFINITE:
        return KinkView(where, _behaviour(away, f"At it the function's slope is {_steep_sides(kink)} (a power {q}, "
                                                "between 0 and 1, of a value that is zero there), so no derivative "
                                                "and no subgradient set there"), "")
    if not kink.bare:
        return KinkView(where, _behaviour(away, f"At it the corner is under a power {q} of a value that is zero there, "
                                                "whose effect on its slopes is not worked out here, so no subgradient set is "
                                                "stated"), "",
                        maybe=True)
    # the step function by its name: "the step's slope" read like a derivation step's
    corner = f"it has a corner (there the result's {kink.step.value} may be any value in [{kink.low}, {kink.high}])" \
        if kink.step is not None and not kink.whole else "it has a corner"
    said = {PowerCase.ABOVE_ONE: f"for {q} > 1 the function is differentiable there (this power's part of the result "
                                 "tends to 0)",
            PowerCase.ONE: f"for {q} = 1 {corner}",
            PowerCase.BETWEEN: f"for 0 < {q} < 1 its slope there is {_steep_sides(kink)}",
            PowerCase.ZERO: f"for {q} = 0 this power is 1 everywhere, at the kink too (0 to the power 0 is 1 in the "
                            "expression language), so the function is differentiable there",
            PowerCase.NEGATIVE: f"for {q} < 0 the function is undefined there"}
    # only the cases the declarations leave: q declared positive has no q = 0 nor q < 0
    cases = [said[c] for c in kink.cases]
    listed = cases[0] if len(cases) == 1 else ", ".join(cases[:-1]) + f", and {cases[-1]}"
    given = "whose size against 1 the declarations do not give" if PowerCase.ONE in kink.cases else \
        "whose sign the declarations do not give"
    return KinkView(where, _behaviour(away, f"At it, what holds depends on the exponent {q}, {given}: {listed}"), "",
                    maybe=True)


def page_kink_views(d: Derivation, p: McLatexPrinter, naming: Naming, shown: Collection[str]) -> tuple[KinkView, ...]:
    """The kink notes under a Result, in the page's names where the Results define every name they write (``shown``):
    neuron-loss's {2/N X^T (s o (u - y)) : s_i in [0, 1] where z_i = 0, ...} under H(z) o (u - y), not relu(X w + b).
    The printer that writes the names is made only where there is a kink."""
    if not d.kinks:
        return ()
    named = NamedPrinter(p, naming)     # its own: it records the names the notes write, and only theirs
    views = tuple(kink_view(k, d, named) for k in d.kinks)
    return views if {n.var.name for n in named.used()} <= set(shown) else tuple(kink_view(k, d, p) for k in d.kinks)
