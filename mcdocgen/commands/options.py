"""The choices of the commands' options, as enums: imported by ``cli`` to build its parser, so light."""

from __future__ import annotations

import enum


@enum.unique
class TryFormat(enum.StrEnum):
    """What `mcdocgen try` prints."""

    TEXT = "text"            # the steps, as `mcdocgen show` prints them
    MARKDOWN = "markdown"    # the derivation part of the problem's page
    LATEX = "latex"          # only the results
    JSON = "json"            # the report entry
