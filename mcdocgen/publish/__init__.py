"""Publishing: view records written out as pages, the report, terminal text, handouts and the site.

``page`` (what every page shares: marker, front matter, tidy), ``render`` (Markdown pages from
templates), ``report`` (JSON), ``review_comment`` (the pull-request comment), ``terminal``,
``tex``, ``latexmk`` and ``handout`` (LaTeX handouts), and the site: ``site`` (the MkDocs build),
``swap`` (publishing it atomically), ``offline``, and the math: ``mathml``, ``mathtext`` and the
MkDocs hook ``math_hook``. Nothing here derives or plans: it writes what the stages below produced.

Its modules are not re-exported here: each is imported where it is needed, so that ``mcdocgen
--version`` and the argument parser do not load the whole program.
"""
