"""The commands: one use case each, calling the stages below in order, writing to the streams they
are given. ``cli`` only parses arguments and calls these.

``pipeline`` (derive and verify every problem, in worker processes), ``check``, ``review``, ``trial``
(`mcdocgen try`) with ``append`` (``--append``), ``handout`` (planning and writing handouts),
``walkthrough`` (the contributor walkthrough, run while the site is built), ``failure`` (how bad
input is reported), ``options`` (the options' choices, as enums) and ``progress`` (how far a long
run is, on standard error).

Its modules are not re-exported here: each is imported where it is needed, so that ``mcdocgen
--version`` and the argument parser do not load the whole program; ``check``, ``show`` and ``try``
import the engine only once their input has validated, so a mistake is answered without it.
"""
