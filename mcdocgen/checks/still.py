"""Which entries of a kink's argument are identically zero at concrete sizes: no kink of the function there.

abs(outer(x, ones(n)) - outer(ones(n), x)) has x_i - x_i on its diagonal: abs of it is 0 whatever x is, so those
entries are no kink, keep no point away, and have no two sides to compare. Which entries are is the language's
fact (``language.entries``: each entry written by the variables' entries and asked of the exact zero test, bounded).

Only the entries near zero at the point in hand are asked (an entry identically zero is zero there, up to rounding),
so a point clear of every kink costs nothing; they are asked row by row, within ``language.entries``' bound for the
entries asked at once: the mask is a function of the argument, the sizes and the entries near zero alone
(reproducible, whatever was asked before). Over a bound an entry is not taken to be identically zero: a possible
kink, as before.
"""

from __future__ import annotations

import numpy as np

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.entries import dims, still_entries
from mcdocgen.checks.walk import Sizes


def still_among(node: Node, sizes: Sizes, value: np.ndarray, margin: float) -> np.ndarray:
    """A boolean array of ``value``'s shape (``node``'s value at a point, at ``sizes``): True at the entries
    below ``margin`` there that are identically zero (as far as the bounded test finds)."""
    near = np.abs(np.asarray(value)) < margin
    still = np.zeros(near.shape, dtype=bool)
    named = tuple(sorted((s.name, v) for s, v in sizes.items()))
    if not near.any() or near.shape != dims(node, named):
        return still
    asked = [(int(i), int(j)) for i, j in np.argwhere(near)]    # row by row: a fixed order
    for (i, j), answer in zip(asked, still_entries(node, named, asked), strict=False):  # short past the bound
        still[i, j] = answer
    return still


def still_and_free(node: Node, sizes: Sizes, value: np.ndarray, margin: float) -> tuple[np.ndarray, np.ndarray]:
    """still_among's mask flattened, and the flat indices of the other entries: those a check may pick as the kink
    to reach or cross (none where every entry is still)."""
    still = still_among(node, sizes, value, margin).ravel()
    return still, np.flatnonzero(~still)


def all_still(argument: Node, draws: int) -> str:
    """What a check at a kink says where, at every one of its ``draws``, every entry of the kink's argument was
    identically zero: no kink, no place to reach, no two sides (the subgradient and removed-kink checks: one wording)."""
    entries = "" if argument.shape.is_scalar else "every entry of "
    return (f"at every one of {draws} draws, {entries}{E.flat_text(argument)} is identically zero: no kink there, "
            "so no place to reach and no two sides to compare")


def kink_gaps(value: np.ndarray, node: Node, sizes: Sizes, margin: float) -> np.ndarray:
    """|value| of the entries of a kink's argument ``node`` (its ``value`` at a point) that can be a kink,
    flattened: those below ``margin`` that are identically zero left out."""
    gaps = np.abs(np.asarray(value))
    out: np.ndarray = gaps[~still_among(node, sizes, gaps, margin)]
    return out
