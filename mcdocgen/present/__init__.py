"""Presentation: the derivation and its checks turned into plain view records, LaTeX and snippets.

Templates and writers above receive only what this package produces. Its API, re-exported here:
``problem_view`` and the ``ProblemView`` it returns, ``identity_view`` (a rule's example), the one
LaTeX printer ``McLatexPrinter`` and ``numpy_snippet``. They are imported when first asked for,
so that a light module of the package (``mathtext``, which the site's MkDocs hook imports) does not
load the symbolic stack."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mcdocgen.present.identities import IdentityView, identity_view
    from mcdocgen.present.latex import McLatexPrinter
    from mcdocgen.present.snippet import numpy_snippet
    from mcdocgen.present.views import ProblemView, problem_view

__all__ = ["IdentityView", "McLatexPrinter", "ProblemView", "identity_view", "numpy_snippet", "problem_view"]

_HOMES = {"IdentityView": "identities", "identity_view": "identities", "McLatexPrinter": "latex",
          "numpy_snippet": "snippet", "ProblemView": "views", "problem_view": "views"}


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
