"""The expression language: shapes, the typed tree of an expression, its safe parser and its printer.

Everything above reads expressions through this package; it imports nothing from mcdocgen but the base
modules (errors, escape)."""
