"""The catalog: ``derivations.yaml`` read into typed, validated records, every mistake located.

It owns the YAML source, the validation of problems, steps and handouts, and the catalog's JSON Schema.

Its modules, in the order data flows through them: ``records`` (the typed records and the facts of
the format), ``source`` (bytes to YAML nodes), ``reader`` (nodes to values, mistakes located),
``steps`` (expressions, steps, expected answers, the steps a name rests on), ``pagekeys`` (a
problem's ``layout`` and ``keywords``), ``problems`` (one problem, and loading the whole file),
``handouts`` (the ``handouts:`` section) and ``schema`` (the JSON Schema, from the records' facts).
Later stages import the API below from ``mcdocgen.catalog``.
"""

from mcdocgen.catalog.handouts import HandoutSpec
from mcdocgen.catalog.load import load_catalog, load_catalog_bytes
from mcdocgen.catalog.records import (
    Answers, MATRIX_ASSUMPTIONS, MAX_ID_CHARS, PROBLEM_KEYS, RESERVED_IDS, SCALAR_ASSUMPTIONS, SLUG, Assumption, Catalog,
    Expected, Problem, StepDef, Variable, slug,
)
from mcdocgen.catalog.steps import rests_on

__all__ = [
    "MATRIX_ASSUMPTIONS", "MAX_ID_CHARS", "PROBLEM_KEYS", "RESERVED_IDS", "SCALAR_ASSUMPTIONS", "SLUG", "Answers", "Assumption",
    "Catalog", "Expected", "HandoutSpec", "Problem", "StepDef", "Variable", "load_catalog", "load_catalog_bytes", "rests_on",
    "slug",
]
