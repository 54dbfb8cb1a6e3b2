"""The not_derived: statements read by Temml before anything is derived, so that one Temml cannot
set is a catalog mistake at its line (exit 2), not a site build that fails at the end.

The loader holds a statement to a TeX vocabulary (:mod:`mcdocgen.catalog.not_derived`); only Temml
knows every rule of its grammar (``x^1^2`` is a double superscript), so Temml has the last word."""

from __future__ import annotations

from pathlib import Path

from mcdocgen.catalog import Catalog
from mcdocgen.errors import Diagnostic, ErrorCode, SiteError
from mcdocgen.publish.cache import Cache, digest
from mcdocgen.publish.mathml import Formula, FormulaError, Renderer, find_package, package_candidates


def statement_diagnostics(catalog: Catalog, root: Path | None = None, required: bool = True,
                          cache: Cache | None = None) -> list[Diagnostic]:
    """Each statement Temml refuses, at its entry's line. Without Temml (or Node.js) this is a
    :class:`SiteError` when ``required`` (a build needs them anyway), else nothing is checked.
    With a ``cache``, statements this Temml accepted before are not sent to it again (node does
    not start)."""
    if not catalog.not_derived:
        return []
    try:
        package = find_package(package_candidates(root))
        key = digest(str(package), *(entry.statement for entry in catalog.not_derived))
        if cache is not None and cache.get("statements", key) is True:
            return []
        renderer = Renderer(package)
    except SiteError:
        if required:
            raise
        return []
    found = []
    with renderer:
        for index, entry in enumerate(catalog.not_derived):
            try:
                renderer.render([Formula(entry.statement, True)])
            except FormulaError as err:
                found.append(Diagnostic(catalog.path, entry.line, key=f"not_derived[{index}].statement",
                                        message=f"Temml cannot set it: {err.reason}", code=ErrorCode.BAD_TEX))
    if cache is not None and not found:
        cache.put("statements", key, True)
    return found
