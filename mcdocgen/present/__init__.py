"""Presentation: the derivation and its checks turned into plain view records, LaTeX and snippets.

Templates and writers above receive only what this package produces."""
