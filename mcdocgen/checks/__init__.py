"""The checks: every derived result and step proven by numbers and by an independent symbolic route.

numeric (finite differences), components (entry by entry with SymPy, compared exactly), steps (the
displayed steps multiplied again), expected (the catalog's answer) and, where a result has a corner, subgradient
(the stated set against one-sided differences). A check that cannot apply is NOT_APPLICABLE,
never PASSED. Its API, re-exported here: ``verify`` and the ``Verification`` it returns, with its
``CheckResult``s, ``CheckName``s and ``CheckStatus``es.

(The package attribute ``verify`` is the function; the module is ``mcdocgen.checks.verify``, imported by its
full name.)"""

from mcdocgen.checks.results import CheckName, CheckResult, CheckStatus, Verification
from mcdocgen.checks.verify import verify

__all__ = ["CheckName", "CheckResult", "CheckStatus", "Verification", "verify"]
