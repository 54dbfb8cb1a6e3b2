"""The rules' names: one per identity on the identities page (``engine.identities``), which the
local derivatives, the steps and the pages name. Its own module so that ``engine.rules`` holds the
rules themselves."""

from __future__ import annotations

import enum


@enum.unique
class RuleId(enum.StrEnum):
    """The rules, by the anchor of their identity on the identities page (``engine.identities``)."""

    CONSTANT = "constant-rule"   # the function does not depend on the variable (engine.derive._constant)
    IDENTITY = "identity"
    SUM_RULE = "sum-rule"
    SCALAR_EXPANSION = "scalar-expansion"
    NEGATION = "negation"
    PRODUCT = "product-rule"
    CONSTANT_MULTIPLE = "constant-multiple-rule"   # a scalar product or quotient by a constant (engine.derive)
    SCALAR_MULTIPLE = "scalar-multiple"
    SCALED_VECTOR = "scaled-vector"
    HADAMARD = "hadamard-product"
    QUOTIENT = "quotient-rule"
    POWER = "power-rule"
    EXPONENT = "variable-exponent"
    SQUARED_NORM = "squared-norm"
    LINEAR_MAP = "linear-map"
    ROW_LINEAR = "row-linear-map"
    MATMUL_LEFT = "matmul-left-factor"
    MATMUL_RIGHT = "matmul-right-factor"
    TRANSPOSE = "transpose"
    ELEMENTWISE = "elementwise-function"
    SCALAR_FUNCTION = "scalar-function"   # an elementwise function of a scalar (engine.rule_names)
    MAXIMUM = "maximum"
    SUM_REDUCTION = "sum-reduction"
    MEAN = "mean"
    NORM = "euclidean-norm"
    DOT = "dot-product"
    TRACE = "trace"
    TRACE_KRON = "trace-of-kronecker"   # tr(A kron B) = tr(A) tr(B), one operation (rules.trace_kron_args)
    DETERMINANT = "determinant"
    INVERSE = "inverse"
    DIAG = "diagonal"
    OUTER = "outer-product"
    COMPONENT = "component"
    LITERAL = "components"
    # the reductions of engine.rules_reductions
    SOFTMAX = "softmax"
    LOG_SUM_EXP = "log-sum-exp"
    ONE_NORM = "one-norm"
    LOG_DET = "log-determinant"
    # the vec form (issue 12): a rule whose vec-form Jacobian is an identity of its own
    VEC_LEFT = "vec-left-factor"
    VEC_RIGHT = "vec-right-factor"
    VEC_TRANSPOSE = "vec-transpose"
    VEC_INVERSE = "vec-inverse"
    VEC = "vec"
    KRON = "kronecker-product"
    SYM = "symmetric-part"
