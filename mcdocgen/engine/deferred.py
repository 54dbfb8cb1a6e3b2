"""Forms made when first read: what only a page reads (a step as each layout shows it, the product with
the intermediates put back) is made by whoever first reads it, once, not by ``derive``.

A :class:`Deferred` holds how to make a value and, once asked, the value. It stands for the value wherever
a derivation is compared, hashed, printed or pickled: its equality, hash and repr are the value's (made
then), and a pickle carries the value, not how to make it (workers send derivations through a pipe). A
dataclass with a deferred field prints with :func:`shown_repr`, under the names of the plain fields it
stands for, so that a derivation's repr is what it was when ``derive`` made every form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import Field, fields
from typing import Any, Generic, TypeVar

T = TypeVar("T")
U = TypeVar("U")

#: A deferred field's metadata key: the plain fields it stands for, in order (one: the value; more: a tuple's items).
SHOWS = "shows"


class Deferred(Generic[T]):
    """A value made on first read, once (a frozen derivation's forms: the object holds the memo)."""

    __slots__ = ("_made", "_make")

    def __init__(self, make: Callable[[], T]) -> None:
        self._make: Callable[[], T] | None = make
        self._made: tuple[T] | None = None   # a 1-tuple once made: a value may be None

    @property
    def value(self) -> T:
        """The value, made now if it was not yet."""
        if self._made is None:
            self.make()
        assert self._made is not None
        return self._made[0]

    def make(self) -> None:
        """Make the value now, if it was not yet."""
        if self._made is None:
            assert self._make is not None
            self._made = (self._make(),)
            self._make = None   # what it was made from is no longer held

    @property
    def is_made(self) -> bool:
        """Whether the value has been made (for tests: what derive leaves unmade)."""
        return self._made is not None

    def then(self, how: Callable[[T], U]) -> Deferred[U]:
        """A value made from this one when first read (this one made then, and kept: nothing made twice)."""
        return Deferred(lambda: how(self.value))

    def __eq__(self, other: object) -> bool:
        return self.value == other.value if isinstance(other, Deferred) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return repr(self.value)

    def __reduce__(self) -> tuple[Callable[[T], Deferred[T]], tuple[T]]:
        return made, (self.value,)


def made(value: T) -> Deferred[T]:
    """A deferred value made already (where the value is at hand: nothing to put off)."""
    out: Deferred[T] = Deferred(_unreachable)
    out._made, out._make = (value,), None
    return out


def _unreachable() -> Any:
    raise AssertionError("a value made already is never made again")


def shown_repr(obj: Any) -> str:
    """``obj``'s dataclass repr with each deferred field written as the plain fields it stands for (made now)."""
    parts: list[str] = []
    for f in fields(obj):
        value = getattr(obj, f.name)
        names: tuple[str, ...] | None = _shown_names(f)
        if names is None:
            parts.append(f"{f.name}={value!r}")
        elif len(names) == 1:
            parts.append(f"{names[0]}={None if value is None else value.value!r}")
        else:
            parts.extend(f"{n}={v!r}" for n, v in zip(names, value.value, strict=True))
    return f"{type(obj).__qualname__}({', '.join(parts)})"


def _shown_names(f: Field[Any]) -> tuple[str, ...] | None:
    names = f.metadata.get(SHOWS)
    return None if names is None else tuple(names)
