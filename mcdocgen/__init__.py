"""mcdocgen: matrix-calculus derivations, step by step, in both layouts, verified."""

__version__ = "0.1.0"
