"""The simplifier's rewrites by name, each with the identity it applies (so a page can say which one it used)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType


@enum.unique
class RewriteId(enum.StrEnum):
    """One identity the simplifier rewrites by; a ``Derivation`` records the ones it applied."""

    # numbers, zeros and ones
    FOLD_NUMBERS = "fold-numbers"
    ZERO = "zero"
    ONE = "one"
    ONE_BY_ONE = "one-by-one"
    # transposes
    DOUBLE_TRANSPOSE = "double-transpose"
    SYMMETRIC = "symmetric"
    TRANSPOSE_CONSTANT = "transpose-constant"
    TRANSPOSE_PRODUCT = "transpose-product"
    TRANSPOSE_ELEMENTWISE = "transpose-elementwise"
    TRANSPOSE_OUTER = "transpose-outer"
    TRANSPOSE_OUT = "transpose-out"
    # products
    IDENTITY_MATRIX = "identity-matrix"
    SIGN_OUT = "sign-out"
    SCALAR_OUT = "scalar-out"
    SCALARS_FIRST = "scalars-first"
    COEFFICIENTS = "coefficients"
    DIAG_PRODUCT = "diag-product"
    INVERSE_PAIR = "inverse-pair"
    ONES_PRODUCT = "ones-product"
    LITERAL = "literal"
    ASSOCIATE = "associate"
    OUTER_PRODUCT = "outer-product"
    DIVIDE_BY_NUMBER = "divide-by-number"
    # sums
    FLATTEN_SUM = "flatten-sum"
    LIKE_TERMS = "like-terms"
    ORDER_TERMS = "order-terms"
    COMMON_FACTOR = "common-factor"
    BROADCAST = "broadcast"
    COLLECT_SCALARS = "collect-scalars"
    COMMON_NUMBER = "common-number"
    # reductions and functions
    INDEX_LITERAL = "index-literal"
    TRACE_IDENTITY = "trace-identity"
    DET_IDENTITY = "det-identity"
    DET_TRANSPOSE = "det-transpose"
    DOUBLE_INVERSE = "double-inverse"
    INVERSE_TRANSPOSE = "inverse-transpose"
    SUM_OF_ONES = "sum-of-ones"
    SUM_TRANSPOSE = "sum-transpose"
    SUM_TRACE = "sum-trace"
    SUM_AS_TRACE = "sum-as-trace"
    RANK_ONE = "rank-one"
    DIAG_SCALAR = "diag-scalar"
    LITERAL_DET = "literal-det"
    LITERAL_INV = "literal-inv"
    LITERAL_SUM = "literal-sum"
    SOFTMAX = "softmax"
    LOGSUMEXP = "logsumexp"
    # the last pass: signs and quotients as printed
    SUBTRACT = "subtract"
    TURN_DIFFERENCE = "turn-difference"
    QUOTIENT = "quotient"
    ONES_AS_ONE = "ones-as-one"
    # elementwise algebra handed to SymPy
    SCALAR_ALGEBRA = "scalar-algebra"
    # the vec form (issue 12)
    KRON_IDENTITY = "kron-identity"
    KRON_SCALAR = "kron-scalar"
    KRON_TRANSPOSE = "kron-transpose"
    MIXED_PRODUCT = "mixed-product"
    COMMUTATION_TRANSPOSE = "commutation-transpose"
    COMMUTATION_PAIR = "commutation-pair"
    COMMUTATION_VECTOR = "commutation-vector"
    COMMUTATION_VEC = "commutation-vec"
    COMMUTATION_KRON = "commutation-kron"
    DIAGONAL_EMBEDDING = "diagonal-embedding"
    VEC_OF_OUTER = "vec-of-outer"
    KRON_SUM = "kron-sum"
    ROTH = "roth"
    VEC_OF_VECTOR = "vec-of-vector"
    VEC_LINEAR = "vec-linear"
    UNVEC = "unvec"
    KRON_OF_VECTORS = "kron-of-vectors"
    VEC_OF_KRON = "vec-of-kron"
    # textbook forms of matrix expressions (issue 13)
    INVERSE_OF_PRODUCT = "inverse-of-product"
    INVERSE_OF_SCALED = "inverse-of-scaled"
    DIAG_OF_OUTER = "diag-of-outer"
    DIAG_OF_DIAG = "diag-of-diag"
    SUM_DIAG = "sum-diag"
    DIAG_SUM = "diag-sum"
    DOT_QUOTIENT = "dot-quotient"
    DIAG_LESS_OUTER = "diag-less-outer"
    INVERSE_COMPLEMENT = "inverse-complement"
    STEP_TIMES_CORNER = "step-times-corner"
    ZERO_WHERE_STEP_ON = "zero-where-step-on"
    CENTRED_SUM = "centred-sum"
    HADAMARD_OF_KRON = "hadamard-of-kron"
    VEC_INNER = "vec-inner"
    TRACE_TRANSPOSE = "trace-transpose"
    INDEX_TRANSPOSE = "index-transpose"
    DIAGONAL_SUM = "diagonal-sum"
    TRACE_SUM = "trace-sum"
    TRACE_CYCLIC = "trace-cyclic"
    COMMUTATION_FACTOR = "commutation-factor"
    COMMON_DIVISOR = "common-divisor"
    SIGN_INTO_DIFFERENCE = "sign-into-difference"
    SIGN_OUT_OF_SUM = "sign-out-of-sum"
    DISTRIBUTE = "distribute"
    SELF_QUOTIENT = "self-quotient"
    DIFFERENCE_SIGN = "difference-sign"
    ABS_ONE_WAY = "abs-one-way"


IDENTITY: Mapping[RewriteId, str] = MappingProxyType({
    RewriteId.FOLD_NUMBERS: "numbers combine: 2 * 3 = 6, 2**3 = 8, -(3) = -3",
    RewriteId.ZERO: "0 + a = a, 0 a = 0, 0 / b = 0, diag(0) = 0, outer(0, b) = 0, sign(0) = |0| = norm(0) = 0",
    RewriteId.ONE: "1 a = a, a / 1 = a, a^1 = a, a^0 = 1, 1 / b as a reciprocal",
    RewriteId.ONE_BY_ONE: "a 1 x 1 array is a scalar: I_1 = 1, 1_1 = 1, (a) b = a b",
    RewriteId.DOUBLE_TRANSPOSE: "(A^T)^T = A",
    RewriteId.SYMMETRIC: "A^T = A for a symmetric A (A^T A, A A^T, diag(v), I, their sums and inverses)",
    RewriteId.TRANSPOSE_CONSTANT: "I^T = I, 1^T and 0^T keep their kind, e_i^T is a row, diag(v)^T = diag(v)",
    RewriteId.TRANSPOSE_PRODUCT: "(A B)^T = B^T A^T",
    RewriteId.TRANSPOSE_ELEMENTWISE: "(a o b)^T = a^T o b^T, (-a)^T = -a^T, (a + b)^T = a^T + b^T",
    RewriteId.TRANSPOSE_OUTER: "outer(a, b)^T = outer(b, a), and a literal is transposed entrywise",
    RewriteId.TRANSPOSE_OUT: "g(a^T) = g(a)^T for elementwise g and powers",
    RewriteId.IDENTITY_MATRIX: "I A = A I = A",
    RewriteId.SIGN_OUT: "(-a) b = -(a b), for every product and quotient",
    RewriteId.SCALAR_OUT: "(s A) B = s (A B), a o (s b) = s (a o b), (s a) / b = s (a / b), diag(s v) = s diag(v)",
    RewriteId.SCALARS_FIRST: "A s = s A: scalar factors in front",
    RewriteId.COEFFICIENTS: "numeric coefficients gather in front: 2 (3 a) = 6 a",
    RewriteId.DIAG_PRODUCT: "diag(v) w = v o w, diag(v) diag(w) = diag(v o w), diag(v) 1 = v, diag(1) = I",
    RewriteId.INVERSE_PAIR: "A A^-1 = A^-1 A = I",
    RewriteId.ONES_PRODUCT: "1^T v = sum(v), v^T 1 = sum(v)",
    RewriteId.LITERAL: "arrays written by components multiply, scale, add and negate entry by entry",
    RewriteId.ASSOCIATE: "(A B) C = A (B C): products associate to the right",
    RewriteId.OUTER_PRODUCT: "outer(a, b) C = a (b^T C)",
    RewriteId.DIVIDE_BY_NUMBER: "a / c = (1/c) a for a number c",
    RewriteId.FLATTEN_SUM: "(a + b) + c = a + b + c",
    RewriteId.LIKE_TERMS: "2 a + 3 a = 5 a; a - a = 0",
    RewriteId.ORDER_TERMS: "terms in one order: variables by name, positive terms first",
    RewriteId.COMMON_FACTOR: "A x + B x = (A + B) x, A x + A y = A (x + y)",
    RewriteId.BROADCAST: "a sum left with one scalar term over an array is that scalar times 1",
    RewriteId.COLLECT_SCALARS: "s a + t a = (s + t) a for scalars s, t and an array a",
    RewriteId.COMMON_NUMBER: "2 a + 2 b = 2 (a + b), -2 a - 4 b = -2 (a + 2 b), 0.5 a + 0.5 b - c = 0.5 (a + b) - c",
    RewriteId.INDEX_LITERAL: "[a, b][0] = a",
    RewriteId.TRACE_IDENTITY: "tr(I_n) = n",
    RewriteId.DET_IDENTITY: "det(I) = 1",
    RewriteId.DET_TRANSPOSE: "det(A^T) = det(A)",
    RewriteId.DOUBLE_INVERSE: "(A^-1)^-1 = A",
    RewriteId.INVERSE_TRANSPOSE: "(A^T)^-1 = (A^-1)^T",
    RewriteId.SUM_OF_ONES: "sum(1_n) = n, sum(s) = s for a scalar s",
    RewriteId.SUM_TRANSPOSE: "sum(A^T) = sum(A)",
    RewriteId.SUM_TRACE: "sum(M o I) = tr(M)",
    RewriteId.SUM_AS_TRACE: "sum(M^T o B) = tr(M B): the trace of a product",
    RewriteId.RANK_ONE: "tr(a b^T) = b^T a and sum((a b^T) o C) = a^T C b for columns a, b (a, b^T products ending "
                        "and starting at a column-row point)",
    RewriteId.DIAG_SCALAR: "diag(-v) = -diag(v)",
    RewriteId.SUBTRACT: "a + (-2) b = a - 2 b, (-1) a = -a, sum(-a) = -sum(a): negative terms subtracted, after positive ones",
    RewriteId.TURN_DIFFERENCE: "-(a - b) = b - a, -2 (a - b) = 2 (b - a)",
    RewriteId.QUOTIENT: "c (1 / d) = c / d, (1/3) a = a / 3",
    RewriteId.ONES_AS_ONE: "1_n - y = 1 - y: all-ones beside an array of its shape is the number 1 added to every entry",
    RewriteId.LITERAL_DET: "det([[a, b], [c, d]]) = a d - b c (cofactors, up to 3 x 3)",
    RewriteId.LITERAL_INV: "[[a, b], [c, d]]^-1 = [[d, -b], [-c, a]] / (a d - b c) (the adjugate, up to 3 x 3)",
    RewriteId.LITERAL_SUM: "tr and sum of a literal add its entries: tr([[a, b], [c, d]]) = a + d",
    RewriteId.SOFTMAX: "exp(v) / sum(exp(v)) = softmax(v)",
    RewriteId.LOGSUMEXP: "log(sum(exp(v))) = logsumexp(v)",
    RewriteId.SCALAR_ALGEBRA: "elementwise algebra cancelled and collected by SymPy (a / a = 1, a b + a c = a (b + c))",
    RewriteId.KRON_IDENTITY: "I_m kron I_n = I_mn",
    RewriteId.KRON_SCALAR: "(s A) kron B = A kron (s B) = s (A kron B); a 1 x 1 factor is a scalar",
    RewriteId.KRON_TRANSPOSE: "(A kron B)^T = A^T kron B^T",
    RewriteId.MIXED_PRODUCT: "(A kron B)(C kron D) = (A C) kron (B D)",
    RewriteId.COMMUTATION_TRANSPOSE: "K(m, n)^T = K(n, m)",
    RewriteId.COMMUTATION_PAIR: "K(n, m) K(m, n) = I",
    RewriteId.COMMUTATION_VECTOR: "K(m, 1) = K(1, m) = I",
    RewriteId.COMMUTATION_VEC: "K(m, n) vec(X) = vec(X^T)",
    RewriteId.KRON_SUM: "kron(A, B) + s kron(A, C) = kron(A, B + s C), kron(B, A) + s kron(C, A) = kron(B + s C, A)",
    RewriteId.VEC_OF_OUTER: "vec(u v^T) = kron(v, u) for columns u, v",
    RewriteId.DIAGONAL_EMBEDDING: "kron(u^T, L) D = L diag(u) and D^T kron(u, R) = diag(u) R for "
                                  "D = d vec(diag(v)) / dv = diag(vec(I)) kron(1, I) (column i is e_i kron e_i)",
    RewriteId.COMMUTATION_KRON: "kron(A, B) K(n, q) = kron(B, A) for A a row or B a row, "
                                "K(p, m) kron(A, B) = kron(B, A) for A a column or B a column (A m x n, B p x q)",
    RewriteId.ROTH: "(C^T kron A) vec(B) = vec(A B C) (Roth's lemma)",
    RewriteId.VEC_OF_VECTOR: "vec(v) = v for a column, vec(v^T) = v",
    RewriteId.VEC_LINEAR: "vec(A) + vec(B) = vec(A + B), s vec(A) = vec(s A), vec(A) o vec(B) = vec(A o B)",
    RewriteId.UNVEC: "(vec(I_n)^T kron I_m)(I_n kron vec(M)) = M: the m x n matrix of a vec, unstacked",
    RewriteId.KRON_OF_VECTORS: "(I_k kron v) w = w kron v, (v kron I_k) w = v kron w for columns v, w (w of length k)",
    RewriteId.VEC_OF_KRON: "(I_n kron K(q, m) kron I_p)(vec(A) kron vec(B)) = vec(A kron B) for A m x n, B p x q "
                           "(Magnus and Neudecker, 3.10)",
    RewriteId.INVERSE_OF_PRODUCT: "(A B)^-1 = B^-1 A^-1 for square A, B where a factor cancels: "
                                  "B (A B)^-1 = A^-1, (A B)^-1 A = B^-1, A^T (A B)^-T = B^-T",
    RewriteId.INVERSE_OF_SCALED: "(s A)^-1 = A^-1 / s, (-A)^-1 = -A^-1 for a scalar s",
    RewriteId.DIAG_OF_OUTER: "diag(a b^T) = a o b, diag(outer(a, b)) = a o b",
    RewriteId.DIAG_OF_DIAG: "diag(diag(v)) = v, diag(I) = 1, diag(M^T) = diag(M)",
    RewriteId.SUM_DIAG: "sum(diag(M)) = tr(M)",
    RewriteId.DIAG_SUM: "diag(a) + diag(b) = diag(a + b), c diag(a) = diag(c a) inside such a sum",
    RewriteId.DOT_QUOTIENT: "a^T (b / a) = (b / a)^T a = sum(b)",
    RewriteId.DIAG_LESS_OUTER: "(diag(u) - u w^T) b = u o (b - <w, b>): the softmax Jacobian times a vector",
    RewriteId.INVERSE_COMPLEMENT: "I - B (B + D)^-1 = D (B + D)^-1, I - (B + D)^-1 B = (B + D)^-1 D",
    RewriteId.STEP_TIMES_CORNER: "H(a) relu(a) = relu(a), sign(a) |a| = a",
    RewriteId.ZERO_WHERE_STEP_ON: ("H(a) o g = 0 where g is zero wherever a >= 0, there max(0, a) = relu(a) = |a| = a: "
                                   "H(|r| - d) o (d - |r| + max(0, |r| - d)) = 0"),
    RewriteId.VEC_INNER: "vec(A)^T vec(B) = tr(A^T B)",
    RewriteId.TRACE_TRANSPOSE: "tr(M^T) = tr(M)",
    RewriteId.INDEX_TRANSPOSE: "A^T[i, j] = A[j, i]",
    RewriteId.TRACE_SUM: "s tr(P Q) + t tr(P R) = tr(P (s Q + t R)): the trace is linear",
    RewriteId.TRACE_CYCLIC: "tr(A B C) = tr(C A B): traces whose products are rotations of one another are like terms",
    RewriteId.COMMUTATION_FACTOR: "T + T K = T (I + K), T + K T = (I + K) T for a commutation matrix K, with "
                                  "K(p, m) kron(A, B) = kron(B, A) K(q, n) for A m x n, B p x q",
    RewriteId.COMMON_DIVISOR: "A / s + B / (n s^3) = (A + B / (n s^2)) / s: a scalar divisor of every term taken out",
    RewriteId.DIAGONAL_SUM: "A[0, 0] + A[1, 1] + ... + A[n-1, n-1] = tr(A) for a concrete n",
    RewriteId.HADAMARD_OF_KRON: "D^T kron(P, Q) D = P o Q for D = diag(vec(I)) kron(1, I), the diagonal embedding",
    RewriteId.CENTRED_SUM: "sum(v - mean(v)) = 1^T (v - mean(v)) = 0, so (A + B c c^T) 1 = A 1 for c = v - mean(v)",
    RewriteId.SIGN_INTO_DIFFERENCE: "-(A (a - b)) = A (b - a): a sign taken into a difference",
    RewriteId.SIGN_OUT_OF_SUM: "-a - b = -(a + b), A (-B) C = -(A B C): a sign out of a sum and in front of a product",
    RewriteId.DISTRIBUTE: "(A + B) C = A C + B C, where the terms then cancel",
    RewriteId.ABS_ONE_WAY: "abs(b - a) = abs(a - b): one way round in a result, the way met first",
    RewriteId.DIFFERENCE_SIGN: "A (b - a) B = -A (a - b) B: a difference turned round, so that like terms meet",
    RewriteId.SELF_QUOTIENT: ("a / a = 1 entrywise (all ones of a's shape) and (c / a) o a = c "
                              "(where a is defined and nonzero, as it was in f)"),
})
