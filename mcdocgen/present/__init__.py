"""Presentation: the derivation and its checks turned into plain view records, LaTeX and snippets.

Templates and writers above receive only what this package produces. Its API, re-exported here:
``problem_view`` and the ``ProblemView`` it returns, ``identity_view`` (a rule's example), the one
LaTeX printer ``McLatexPrinter`` and ``numpy_snippet``."""

from mcdocgen.present.identities import IdentityView, identity_view
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.snippet import numpy_snippet
from mcdocgen.present.views import ProblemView, problem_view

__all__ = ["IdentityView", "McLatexPrinter", "ProblemView", "identity_view", "numpy_snippet", "problem_view"]
