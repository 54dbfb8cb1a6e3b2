"""The engine: derivative rules, the derivation built from them, the simplifier and the two layouts.

It turns a catalog problem into a ``Derivation``; nothing in it prints or checks."""
