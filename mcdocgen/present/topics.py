"""The teaching order: the topics of the reference catalog in the order a course teaches them, in
parts. The navigation, the home page, the footer's Previous/Next and the cheat sheet all follow it.

A topic not listed here (an instructor's own catalog) comes after these, in catalog order, in no part.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

#: Part -> its topics, in teaching order: the one home of the order.
PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Foundations", ("Scalar derivatives", "Scalar by vector", "Vector by vector", "Chain rule")),
    ("Matrices", ("Traces", "Determinants", "Inverses", "Linear and quadratic forms", "Norms",
                  "Matrix-valued functions")),
    ("Second order", ("Second derivatives",)),
    ("Applications", ("Neural networks", "Machine learning")),
)
TOPICS: tuple[str, ...] = tuple(t for _, topics in PARTS for t in topics)
_PART_OF = {t: part for part, topics in PARTS for t in topics}

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TopicGroup(Generic[T]):
    """The members of one topic, in catalog order."""

    topic: str
    members: tuple[T, ...]


@dataclass(frozen=True, slots=True)
class PartGroup(Generic[T]):
    """A part ('' for the topics in no part) and its topics, in teaching order."""

    part: str
    topics: tuple[TopicGroup[T], ...]


def part_of(topic: str) -> str:
    """The part a topic belongs to, '' for a topic not in :data:`PARTS`."""
    return _PART_OF.get(topic, "")


def topic_order(topics: Iterable[str]) -> list[str]:
    """The distinct topics, listed ones in teaching order first, then the others in order of appearance."""
    seen = list(dict.fromkeys(topics))
    rank = {t: k for k, t in enumerate(TOPICS)}
    return sorted(seen, key=lambda t: (rank.get(t, len(TOPICS)), seen.index(t)))


def in_teaching_order(items: Sequence[T], topic: Callable[[T], str]) -> tuple[PartGroup[T], ...]:
    """``items`` grouped by topic (members in their given order), the topics in teaching order and
    grouped by part; the topics of no part last, as one group with part ''."""
    members: dict[str, list[T]] = {}
    for item in items:
        members.setdefault(topic(item), []).append(item)
    parts: dict[str, list[TopicGroup[T]]] = {}
    for t in topic_order(members):
        parts.setdefault(part_of(t), []).append(TopicGroup(t, tuple(members[t])))
    return tuple(PartGroup(p, tuple(groups)) for p, groups in parts.items())
