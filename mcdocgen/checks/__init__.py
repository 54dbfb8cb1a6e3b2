"""The checks: every derived result and step proven by numbers and by an independent symbolic route.

A check that cannot apply is NOT_APPLICABLE, never PASSED."""
