"""The functions of the language: the enum of elementwise functions."""

from __future__ import annotations

import enum


@enum.unique
class Fn(enum.StrEnum):
    """Elementwise functions of the language."""

    EXP = "exp"
    LOG = "log"
    SIN = "sin"
    COS = "cos"
    TAN = "tan"
    TANH = "tanh"
    SQRT = "sqrt"
    ABS = "abs"
    SIGN = "sign"
    SIGMOID = "sigmoid"
    RELU = "relu"
    HEAVISIDE = "heaviside"
