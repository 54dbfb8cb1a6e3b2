"""A problem's page keys, extensions of the catalog format: ``layout``, the layout the problem's
source uses (its page states it and opens in it), and ``keywords``, words a student may search for
(shown on the page, so that the site search finds them)."""

from __future__ import annotations

from mcdocgen.catalog.reader import Fields, Reader
from mcdocgen.catalog.records import MAX_KEYWORD_CHARS
from mcdocgen.errors import ErrorCode, clip
from mcdocgen.language import Layout


def read_layout(reader: Reader, fields: Fields) -> Layout | None:
    """The source's layout; None where the problem names none (or names a wrong one, reported)."""
    if "layout" not in fields:
        return None
    node = fields["layout"][1]
    value = reader.text(node, "layout")
    allowed = tuple(lay.value for lay in Layout)
    if value is not None and value not in allowed:
        reader.error(node, "layout", f"expected one of {', '.join(allowed)} (the layout the source uses), "
                                     f"got '{clip(value)}'", ErrorCode.BAD_LAYOUT)
        return None
    return None if value is None else Layout(value)


def read_keywords(reader: Reader, fields: Fields) -> tuple[str, ...] | None:
    """Short texts, white space made single, each once whatever its case; None if one is wrong."""
    if "keywords" not in fields:
        return ()
    items = reader.sequence(fields["keywords"][1], "keywords", "[transpose, Jacobian]")
    if items is None:
        return None
    out: list[str] = []
    ok = True
    for i, item in enumerate(items):
        key = f"keywords[{i}]"
        value = reader.text(item, key)
        if value is None:
            ok = False
            continue
        word = " ".join(value.split())
        if len(word) > MAX_KEYWORD_CHARS:
            reader.error(item, key, f"is too long ({len(word)} characters; a keyword is a word or a short phrase "
                                    f"of at most {MAX_KEYWORD_CHARS})", ErrorCode.TOO_LARGE)
            ok = False
        elif word.casefold() in {w.casefold() for w in out}:
            reader.error(item, key, f"'{clip(word)}' is listed twice", ErrorCode.LISTED_TWICE)
            ok = False
        else:
            out.append(word)
    return tuple(out) if ok else None
