"""The engine: derivative rules, the derivation built from them, the simplifier and the two layouts.

It turns a catalog problem into a ``Derivation``; nothing in it prints or checks. Its API, re-exported
here: ``derive`` (and ``not_derived``), the ``Derivation`` it returns, the rules' names (``RuleId``)
and their identities (``IDENTITIES``). The modules: ``rules``, ``rules_reductions`` and ``identities``,
``decompose`` (intermediate variables), ``derive``, ``jacobians``, ``kinks``, ``layout``, ``scalars``, ``plain``
and ``simplify/``.

(The package attribute ``derive`` is the function; the module is ``mcdocgen.engine.derive``, imported by its
full name.)"""

from mcdocgen.engine.derive import Derivation, Local, LocalKind, derive, not_derived
from mcdocgen.engine.identities import IDENTITIES, Identity
from mcdocgen.engine.rules import RuleId
from mcdocgen.engine import rules_reductions  # noqa: F401  (registers its rules on rules_for, for every importer)
from mcdocgen.engine import rules_literals  # noqa: F401  (the same, for a vector by components of one vector)

__all__ = ["IDENTITIES", "Derivation", "Identity", "Local", "LocalKind", "RuleId", "derive", "not_derived"]
