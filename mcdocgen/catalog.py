"""The catalog: loading derivations.yaml into typed, validated records, every error located."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from mcdocgen.expr import Node
from mcdocgen.shapes import Shape


@enum.unique
class Assumption(enum.StrEnum):
    SYMMETRIC = "symmetric"
    INVERTIBLE = "invertible"
    POSITIVE_DEFINITE = "positive_definite"
    POSITIVE = "positive"
    NONZERO = "nonzero"


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    shape: Shape
    assume: tuple[Assumption, ...]
    line: int


@dataclass(frozen=True, slots=True)
class StepDef:
    """One intermediate variable a lecture introduces: ``name = expression``."""

    name: str
    text: str
    node: Node
    line: int


@dataclass(frozen=True, slots=True)
class Expected:
    text: str
    node: Node
    line: int


@dataclass(frozen=True, slots=True)
class Problem:
    id: str
    title: str
    summary: str
    tags: tuple[str, ...]
    source: str
    topic: str
    variables: tuple[Variable, ...]
    sizes: tuple[str, ...]          # size names used by the shapes, in order of appearance
    expression_text: str
    expression: Node                # over the declared variables (steps substituted in)
    wrt: tuple[str, ...]
    steps: tuple[StepDef, ...]      # step nodes refer to earlier steps as Var(intermediate=True)
    expected: Mapping[str, Expected]
    line: int

    def variable(self, name: str) -> Variable:
        return next(v for v in self.variables if v.name == name)


@dataclass(frozen=True, slots=True)
class Catalog:
    path: str                       # as given by the user, used in every message
    problems: tuple[Problem, ...]


def load_catalog(path: str | Path) -> Catalog:
    """Load and validate a catalog; raise CatalogError with every diagnostic found."""
    raise NotImplementedError
