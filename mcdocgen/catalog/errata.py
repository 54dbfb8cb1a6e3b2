"""A problem's ``erratum`` (an extension of the catalog format): what its source states wrongly.

One mapping, or a list of them, each with ``wrt`` (the derivative it is about, a ``wrt`` variable),
``says`` (what the source says, in words), ``note`` (what is wrong and what is right), optionally
``kind`` (records.ErratumKind: a plain error, another convention, another function) and, where
the source's form can be written in the language, ``stated`` (denominator layout; any shape, as a
source may give a vector where the derivative is a matrix). The checks confirm that ``stated`` is
wrong (checks.erratum); an erratum of shapes or words has no ``stated`` and no formula check.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from yaml.nodes import MappingNode, Node as YamlNode

from mcdocgen.catalog.reader import Fields, kind, line_of
from mcdocgen.catalog.records import ERRATUM_KEYS, ERRATUM_REQUIRED, MAX_ERRATA, Erratum, ErratumKind, Expected
from mcdocgen.errors import ErrorCode, clip
from mcdocgen import language as E

if TYPE_CHECKING:
    from mcdocgen.catalog.steps import StepReader


EXAMPLE = '{wrt: x, stated: "heaviside(x)", says: "...", note: "..."}'


def read_errata(reader: StepReader, fields: Fields, scope: E.Scope, failed_vars: Collection[str],
                wrt: tuple[str, ...] | None) -> tuple[Erratum, ...] | None:
    """The problem's errata (none without the key); None if one is wrong (each mistake reported)."""
    if "erratum" not in fields:
        return ()
    node = fields["erratum"][1]
    items = [node] if isinstance(node, MappingNode) else reader.sequence(node, "erratum", f"[{EXAMPLE}]")
    if items is None:
        return None
    if not items:
        reader.error(node, "erratum", "the list is empty; mark at least one error of the source, or leave the key out",
                     ErrorCode.EMPTY_VALUE)
        return None
    if len(items) > MAX_ERRATA:
        reader.error(node, "erratum", f"has {len(items)} entries; the limit is {MAX_ERRATA}", ErrorCode.TOO_LARGE)
        return None
    out = [_one(reader, item, f"erratum[{i}]" if item is not node else "erratum", scope, failed_vars, wrt)
           for i, item in enumerate(items)]
    return None if any(e is None for e in out) else tuple(e for e in out if e is not None)


def _one(reader: StepReader, node: YamlNode, key: str, scope: E.Scope, failed_vars: Collection[str],
         wrt: tuple[str, ...] | None) -> Erratum | None:
    if not isinstance(node, MappingNode):
        reader.error(node, key, f"expected a mapping such as {EXAMPLE}, got {kind(node)}", ErrorCode.WRONG_TYPE)
        return None
    fields = reader.mapping(node, key)
    misspelt = reader.check_keys(fields, ERRATUM_KEYS, key, "erratum ")
    ok = True
    for name in ERRATUM_REQUIRED:
        if name not in fields and name not in misspelt:
            reader.error(node, key, f"missing required key '{name}'", ErrorCode.MISSING_KEY)
            ok = False
    texts = {name: reader.text(fields[name][1], f"{key}.{name}") for name in ("wrt", "says", "note") if name in fields}
    if not ok or misspelt or any(t is None for t in texts.values()):
        return None
    variable = texts["wrt"]
    assert variable is not None
    if wrt is not None and variable not in wrt:
        reader.error(fields["wrt"][1], f"{key}.wrt", f"'{clip(variable)}' is not in wrt (wrt: {', '.join(wrt)})",
                     ErrorCode.NOT_IN_WRT)
        return None
    stated = None
    if "stated" in fields:
        stated = _stated(reader, fields["stated"][1], f"{key}.stated", scope, failed_vars)
        if stated is None:
            return None
    erratum_kind = ErratumKind.ERROR
    if "kind" in fields:
        word = reader.text(fields["kind"][1], f"{key}.kind")
        if word not in set(ErratumKind):
            if word is not None:
                reader.error(fields["kind"][1], f"{key}.kind", f"expected one of {', '.join(ErratumKind)}, "
                             f"got '{clip(word)}'", ErrorCode.BAD_ERRATUM_KIND)
            return None
        erratum_kind = ErratumKind(word)
    says, note = (" ".join(str(texts[k]).split()) for k in ("says", "note"))
    return Erratum(variable, says, note, stated, line_of(node), erratum_kind)


def _stated(reader: StepReader, node: YamlNode, key: str, scope: E.Scope,
            failed_vars: Collection[str]) -> Expected | None:
    """The source's form, parsed. Any shape: a source's error may be its shape (a vector where the
    Jacobian is a matrix); the check compares shapes first (checks.erratum)."""
    text = reader.text(node, key)
    if text is None:
        return None
    parsed = reader.parse(text, scope, node, key, failed_vars, {}, None)
    return None if parsed is None else Expected(text, parsed, line_of(node))
