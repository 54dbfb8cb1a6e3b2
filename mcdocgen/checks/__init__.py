"""The checks: every derived result and step proven by numbers and by an independent symbolic route.

numeric (finite differences), components (entry by entry with SymPy), steps (the displayed steps
multiplied again), expected (the catalog's answer) and, where a result has a corner, subgradient
(the stated set against one-sided differences). A check that cannot apply is NOT_APPLICABLE,
never PASSED."""
