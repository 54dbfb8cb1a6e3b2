"""Benchmark: mcdocgen's derive against tensorgrad's ``grad(...).simplify()`` on the expressions of tg_cases.py.

In one process, interleaved: each round times every expression with both engines, the order of the two
alternating from one expression and one round to the next; SymPy's cache and every ``functools`` cache of
mcdocgen and tensorgrad are cleared and the garbage collected before each timed call. Timed: mcdocgen's
``engine.derive(problem, wrt)`` (the steps and the result in both layouts) and tensorgrad's
``f.grad(x).simplify()``; building the expression (parsing, or tensorgrad's constructors) is not timed on
either side. Printed: the median time of each expression over the rounds, the ratio mcdocgen/tensorgrad,
and the median, worst and summed ratios.

What derive's figure holds (since session 45, engine.deferred): the intermediates, every local derivative's
rule, Jacobian and backward contribution, the accumulation, the product in both layouts, the result in both
layouts, its kinks and the symmetry step. Not in it: the forms only a page (and the steps check) reads,
which derive leaves to be made when first read -- each local derivative and each accumulation term as the
numerator and the denominator layouts show it (``shown_forms``, ``as_written`` of the Jacobian, ``by_name``)
and the product with the intermediates put back (``put_back``). Until session 45 derive made them: every figure
below from sessions 1-44 includes them. The column +forms and the summary's line "with the deferred forms
made" time the same cold call on to the end of ``Derivation.make_forms`` (every deferred form made at once:
what derive did before), against the same tensorgrad time: both ratios are printed.

Before timing, a warm-up round derives every case with both engines and checks at a random point that
they agree (the function's value and its derivative: for a scalar function the gradient, for a vector or
matrix function the whole derivative dF[a, b] / dX[k, l], tg_jacobian.py; tg_numpy.py evaluates
tensorgrad's trees): a case that fails says why (for differing derivatives, which side finite differences
side with) and is left out of the figures; the check column says "ok (derivative)" for a vector or matrix
function whose derivatives agree, "values" where tensorgrad's derivative holds a function tg_numpy lacks. A
function with a kink (relu, abs, sign, heaviside, max, norm1) is checked at a second point, the same entries with
random signs: "ok, signed too", or "ok, positive point only" where its value is not finite there.

Run (tensorgrad and torch live in their own venv, `make bench-venv`); PYTHONPATH picks whose engine is timed:
    PYTHONPATH=/work/wt-X /work/wt-bench/.venv-bench/bin/python /work/wt-bench/bench/bench_tensorgrad.py [--runs 5]
Timings are of a shared machine unless it is idle: compare figures of one run, not of two; on a loaded
machine --cpu (this process's CPU time) keeps the ratios steadier than wall time.

What it showed (main at 4d54e12, 2 cores shared with other work, load average 6-18, 2026-12-04): all 63
cases agree; ratio median 4.4 and geometric mean 4.0 in two runs of 5 rounds (absolute times 3x apart);
mcdocgen faster on 7 (linear forms, tr(A @ X), sum(exp(x)), logsumexp, x.T @ A @ x by A), worse than 2x on
48; by kind, median: linear 1.0, trace 2.9, inverse 2.4, network 3.6, norm 5.4, quadratic 3.4, power 8.1,
log-exp 13.5, quotient 14.5; worst dot(a, x)**3 (19-61x), 1 / (1 + exp(-dot(w, x))) (25-29x).

The held-out set (--cases fresh, tg_fresh.py, 72 expressions written before any timing; session 29, --runs 3
--cpu, load average 1-12, the two trees run side by side): at ccef832 median 0.37-0.39, worst 13-16
(exp(-norm(x - a)**2 / 2) by x), over 1x on 10, over 2x on 5; with native.forms_over_sums (3394794) median
0.37, worst 13.6 (the same), over 1x on 7, over 2x on 2 (that one and dot(w, x) * sigmoid(dot(w, x)), 4.9).
The tuned set at the same time: median 0.45 -> 0.46, worst 1.13 -> 0.97.
Session 29, branch unseen2 (exp(c u^k) a generator, one exp times a sum native, polynomials with a number term
native), --runs 3 --cpu, load average 4-10, interleaved with b3f1fe0: the held-out set median 0.38 -> 0.38,
worse than 2x on 2 -> 1; exp(-norm(x - a)**2 / 2) 11.9 -> 1.2 (55 -> 6 ms, no SymPy call left), dot(w, x) *
sigmoid(dot(w, x)) 4.2 -> 3.3 (u + u (1 - u) v and its products with x still SymPy's: factor_terms' nested forms
are not modelled), log(1 + dot(a, x)**2) 1.7-1.9 (unchanged). The tuned set: median 0.45 -> 0.42, worst 0.97.
Session 30, branch swish (nested sums native, native_nested.py; a sum alone below a monomial; a second
irreducibility witness; products of prime sums kept), --runs 3 --cpu: the held-out set at 8a058d9 (load average
1-5) median 0.36, worst 2.93 (dot(w, x) * sigmoid(dot(w, x)), 37.3 ms), over 1.2x on 4; at adf8cff (load 3-11)
median 0.36, worst 1.32 (1 / norm(x - a)**2, no SymPy call on its path), over 1.2x on 3 (that one, det(X) / tr(X)
and exp(-norm(x - a)**2 / 2), all SymPy-free: the engine's passes). Swish 37.3 -> 6.5 ms (ratio 0.61),
log(1 + dot(a, x)**2) 14.9 -> 5.8 ms (0.44). The tuned set: median 0.45 -> 0.45, worst 0.91 -> 1.01 (sqrt(dot(x, A @ x)):
mcdocgen 6.8 -> 6.1 ms, tensorgrad 7.9 -> 6.0 ms; load 8-13).

The third held-out set (--cases fresh3, tg_fresh3.py, 76 expressions written before any timing; session 30,
main at 8a058d9, --runs 3 --cpu, load average 5-7): all 76 agree; median 0.40, geometric mean 0.49, worst 8.1
(log(1 + norm(x - a)**2) by x), mcdocgen faster on 62, worse than 2x on 8, over 1.5x on 10:
log(1 + norm(x - a)**2) 8.1, dot(a, x * tanh(x)) 6.7, log(1 + exp(-y * dot(w, x))) by w 5.2,
norm(x)**2 * exp(-norm(x)**2) 4.8, 1 / (1 + norm(x)**2) 3.4, dot(x, A @ x) / 2 - dot(b, x) 3.4,
dot(a, x)**2 / (1 + dot(b, x)**2) 3.4, sum(x * log(x / y)) 2.2, norm(x - a) + norm(x - b) 1.9,
sum(tanh(X @ w - y)**2) 1.6.
Branch unseen3 (a g^2 + b a generator in forms_over_sums, x/2 - y and sums holding sums native, a second
irreducibility witness), --runs 3 --cpu, main and the branch run side by side, load average 4-15: fresh3 median
0.41 -> 0.40, geometric mean 0.48 -> 0.43, worse than 2x on 8 -> 4, over 1.5x on 10 -> 6 (log(1 + norm(x - a)**2)
8.2 -> 1.4, dot(a, x * tanh(x)) 6.2 -> 0.8, 1 / (1 + norm(x)**2) 3.2 -> 0.7, dot(x, A @ x) / 2 - dot(b, x) 3.4 -> 1.3,
norm(x - a) + norm(x - b) 2.1 -> 0.7; left over 1.5x: norm(x)**2 * exp(-norm(x)**2) 5.3-6.0 (an exp whose atom
is found elsewhere), log(1 + exp(-y * dot(w, x))) 4.8-4.9 and sum(x * log(x / y)) 2.5-2.9 and sum(tanh(X @ w - y)**2)
1.6-1.9 (functions of a product, a quotient, a difference: not generators here), dot(a, x)**2 / (1 + dot(b, x)**2)
2.8-3.4 (sums sharing generators), log(1 + exp(norm(A @ x - b)**2)) 1.4-1.6 (exp in a sum)). fresh: median 0.37 ->
0.37, worst 3.5 -> 2.8 (swish, another branch's), log(1 + dot(a, x)**2) 1.8 -> 2.3 (g / (g^2 + 1): g outside
the sum too, still SymPy's). tuned: median 0.44 -> 0.42, worst 1.03 -> 0.92.
Then with g / (g^2 + 1) native too (c131c4e, load average 2-7): fresh median 0.36, worst 2.9 (swish), the only one
over 1.5x (log(1 + dot(a, x)**2) 0.4); fresh3 median 0.39, geometric mean 0.43, worst 5.3 (log(1 + exp(-y *
dot(w, x))) by w), worse than 2x on 4, over 1.5x on 5 (those named above but log(1 + exp(norm(A @ x - b)**2)), 1.4).
Session 30, branch swish2 (u exp(u), sigmoid(c u), tanh(softplus(u)) native), at 8b46661, --runs 3 --cpu, load
average 6-7: the held-out set median 0.37, worst 1.83 (1 / norm(x - a)**2, no SymPy call on its path), worse than
2x on 0. Per expression (derive, CPU, SymPy calls): u * sigmoid(2 u) 62 -> 11 ms (7 -> 0), mish 32 -> 7 ms (7 -> 0),
u * exp(u) 45 -> 5 ms (6 -> 0); u / (1 + u^2), sqrt(1 + u^2), arctan(u) unchanged (5, 3, 2 calls).
Session 31, branch derive (native: a P with as many minus as plus signs or 1 - g^2 under a common factor, functions
of a quotient of atoms, a sum alone on its side of the line, a g^2 + b beside 1 - g^2), main c42e887 and the branch
side by side, --cpu, load average 13-18: fresh3 (--runs 3) median 0.42 -> 0.42, worst 3.03 -> 2.42, worse than 2x on
4 -> 1, over 1.5x on 6 -> 4: sum(x * log(x / y)) 3.03 -> 0.75 (15.8 -> 4.1 ms), norm(x)**2 * exp(-norm(x)**2) 2.10 -> 0.48
(28.3 -> 6.6 ms), dot(a, x)**2 / (1 + dot(b, x)**2) 2.72 -> 2.42 (4 SymPy calls left: a nested sum over a sum); fresh
and tuned (--runs 1) median 0.35 -> 0.35 and 0.45 -> 0.46, none over 2x. SymPy calls (by_sympy) over the set: fresh3
35 -> 21, fresh 11 -> 8, tuned 0; u / (1 + u^2) and arctan(u) by a vector 5 and 2 -> 0. Every result the same text.

The fourth held-out set (--cases fresh4, tg_fresh4.py, 78 expressions written before any timing; session 31, branch
unseen4, --runs 3 --cpu): main's engine (830b667, load average 6-9) median 0.36, worst 7.11, worse than 2x on 6, over
1.5x on 8; at 8cb1cec (load 8-14) median 0.33, worst 2.23, worse than 2x on 2, over 1.5x on 3 (tg_fresh4.py's
docstring names them). The other sets, main (c42e887, load 14-18) -> 8cb1cec (load 6-14): fresh3 median 0.42 -> 0.45,
worst 2.83 -> 2.78 (sum(x * log(x / y)), the derive branch's), worse than 2x 3 -> 2; fresh 0.36 -> 0.38, worst 1.61 ->
1.43; tuned 0.46 -> 0.49 (tensorgrad's sum 0.60 -> 0.53 s, mcdocgen's 0.20 -> 0.19 s), worst 0.99 -> 1.03.
Session 31, branch derive2 (SymPy's atoms numbered apart from the variables, so u a and a u share _candidates' memo; a
sum with halves and every sign plus native), integ (685e6e0) and the branch side by side, --runs 3 --cpu, load average
5-10: fresh3 median 0.42 -> 0.41, worst 2.64 -> 2.07 (dot(a, x)**2 / (1 + dot(b, x)**2), 73.6 -> 57.3 ms: its fourth
SymPy call, the second's expression with its factors in another order, now a memo hit), worse than 2x on 1 -> 1; fresh4
median 0.34 -> 0.35, worse than 2x on 2 -> 1: sqrt(dot(x, A @ x) + norm(B @ x)**2) 2.09 -> 1.82 (39.3 -> 32.8 ms, B^T B +
(A + A^T) / 2 native), sqrt(norm(X @ w - y)**2 + c) + lam * norm(w)**2 2.24 -> 2.23 (its one SymPy call, A + B / s
with s the root of a sum of two generators, most of it radsimp and factor: not modelled). SymPy calls: fresh3 21 -> 21
(one answered by the memo), fresh4 25 -> 24.

The fifth held-out set (--cases fresh5, tg_fresh5.py, 106 expressions written before any timing; session 32, main at
d4d417e, --runs 3 --cpu, two runs, load average 7-11): all agree; median 0.43-0.45, worst 20.8-30.6, worse than 2x on
20 and 17, over 1.5x on 21 (sums and quotients holding exps of two linear forms, exp(-exp(u)), sums of roots or of
exps of norms; tg_fresh5.py's docstring names them).

Session 32, branch deriva (a root of a sum prime to the rest below some terms only, A + B / sqrt(t), native; a g^2 + b
below a product whose sum it does not divide prime to it), base d4d417e then the branch, one set after another, --cpu,
load average 5-46: fresh4 (--runs 3) median 0.34 -> 0.36, worst 2.28 -> 1.70, worse than 2x on 1 -> 0, over 1.5x on 3 -> 2:
sqrt(norm(X @ w - y)**2 + c) + lam * norm(w)**2 2.28 -> 0.64 (42.8 -> 11.6 ms, no SymPy call left); left: sqrt(dot(x, A @ x) +
norm(B @ x)**2) 1.69-1.70 (a sum with halves over the root: SymPy's). fresh3 (--runs 3) median 0.44 -> 0.43, worst 2.44 ->
1.80, worse than 2x on 1 -> 0, over 1.5x on 4 -> 3: dot(a, x)**2 / (1 + dot(b, x)**2) 2.44 -> 1.67 (67.8 -> 51.1 ms, SymPy
calls 6 -> 4; left: (1 + u^2) a - u v b over (u^2 + 1)^2, a sum inside a term of the sum above). tuned and fresh (--runs 1):
median 0.48 -> 0.48 and 0.39 -> 0.38, none over 2x. SymPy calls over the four sets 52 -> 49; every result the same tree.

The sixth held-out set (--cases fresh6, tg_fresh6.py, 107 expressions written before any timing, two replaced after
the warm-up check; session 33, main at 15520a4, --runs 3 --cpu, load average 7-9): all agree; median 0.63, geometric
mean 0.80, worst 21.3, worse than 2x on 25, over 1.5x on 33 (roots and exps of norms and of forms, quotients of
sums, the planar flow's log 1 + u.w (1 - tanh^2), a mixture's responsibility; tg_fresh6.py's docstring names them).

The seventh held-out set (--cases fresh7, tg_fresh7.py, 119 expressions written before any timing, three renamed
after the warm-up check (a variable named after a size); session 34, main at 6d5edc3, --runs 3 --cpu, load average
5.6-8.8): all agree; median 0.55, geometric mean 0.69, worst 15.4, worse than 2x on 26, over 1.5x on 28 (roots and powers
of sums, exps and logs of sums, a mixture by a mean, Matern 5/2, ELU, Tversky, sums of several such terms;
tg_fresh7.py's docstring names them).

The eighth held-out set (--cases fresh8, tg_fresh8.py, 113 expressions written before any timing, one fixed after the
warm-up check (a GCN whose tanh saturated, so it passed vacuously, now with ReLU); session 35, main at 36ac97f, --runs
3 --cpu, load average 8.2-12.6): all agree; median 0.43, geometric mean 0.57, worst 18.6, worse than 2x on 20, over
1.5x on 21 (roots and powers of sums and of products, abs and relu under sums, exps and logs of sums, a mixture,
RMSNorm, a radial flow, quotients of norms; tg_fresh8.py's docstring names them).

The ninth held-out set (--cases fresh9, tg_fresh9.py, 116 expressions written before any timing, one fixed after the
warm-up check (a mixture weight c with 1 - c < 0 at the check's point, now sigmoid(c)); session 36, main at d2c1e08,
--runs 3 --cpu, load average 7.6-10.6): all agree; median 0.46, geometric mean 0.50, worst 9.1, worse than 2x on 10,
over 1.5x on 12 (abs under a quotient, exps times polynomials, a power with a variable exponent, logs of sums of exps
and of squares, roots of sums; tg_fresh9.py's docstring names them).

The tenth held-out set (--cases fresh10, tg_fresh10.py, 106 expressions written before any timing, one fixed after the
warm-up check (a determinant of a congruence written with a wide factor, so singular and identically zero, now tall);
session 37, main at 067e3ee, --runs 3 --cpu, load average 7.7-9.8): all agree; median 0.43, geometric mean 0.50, worst
10.2, worse than 2x on 12, over 1.5x on 13 (logs of sums of exps, roots of sums of powers, a quotient with a scalar
times a form, exps of exps, a hinge, a log-barrier, a variable exponent; tg_fresh10.py's docstring names them).

The eleventh held-out set (--cases fresh11, tg_fresh11.py, 104 expressions written before any timing, none fixed or
replaced after the warm-up check; session 38, main at 2265057, --runs 3 --cpu, load average 9.2-12.3): all agree;
median 0.49, geometric mean 0.54, worst 9.9, worse than 2x on 9, over 1.5x on 15 (tg_fresh11.py's docstring names
them).

The twelfth held-out set (--cases fresh12, tg_fresh12.py, 112 expressions written before any timing, none fixed or
replaced after the warm-up check; session 39, main at daddf40, --runs 1 --cpu, load average 12.5-14.5): all agree (100
"ok", 12 vector- or matrix-valued "ok (derivative)", one of them a matrix by a matrix); median 0.51, geometric mean 0.61,
worst 16.1, mcdocgen faster on 84, worse than 2x on 21, over 1.5x on 23; sums of medians 2.71 s (mcdocgen) and 3.45 s
(tensorgrad). The slow cases are not named here (the set is held out from the session's lead).
Session 39, engineA (factor of a polynomial with no irreducibility witness on the engine's ring, the same
dmp_factor_list on the same generators and domain; log of a symbol or a sum and exp(a) with a unit number as
generators) and engineB (refold keys a candidate's simplified form only where it can replace a tree of its shape), both
keeping every Derivation identical (1,323 and 1,363 hashed): fresh12 (--runs 3 --cpu, main daddf40 and the merged
tree fbfe839 run side by side, load average 5.0 rising to 6.8): median 0.50 -> 0.51, geometric mean 0.61 -> 0.61, worst
16.4 -> 13.7, worse than 2x on 21 -> 18, sums of medians 3.00 -> 2.90 s (tensorgrad 3.74, 3.72 s). fresh12 is harder for
mcdocgen than fresh5..fresh11 (8-11 over 2x each): the 2x line is not met on it.

The thirteenth held-out set (--cases fresh13, tg_fresh13.py, 100 expressions written before any timing, none fixed or
replaced after the warm-up check; session 40, main at 8a1ca9a, --runs 1 --cpu, one run, load average 12.8-13.5): all
agree (87 "ok", 13 vector- or matrix-valued "ok (derivative)", two of them matrices by matrices); median 0.44, geometric
mean 0.47, worst 7.9, mcdocgen faster on 77, worse than 2x on 12, over 1.5x on 18, over 1.2x on 21; sums of medians
3.55 s (mcdocgen) and 7.61 s (tensorgrad). The slow cases are not named here (the set is held out from the session's
lead).
Session 40, engineA (an exp of a sum split on the engine's ring as expand splits it, so exp products are cancelled
there, not by sympy.cancel; the sigmoid form skipped where exp(a) divides every term alike) and engineB (abs(a) as
a sign(a) only where that may cancel; powsimp skipped beside roots it gives back), keeping every Derivation identical
(1,435 hashed): --runs 3 --cpu, main 8a1ca9a and the merged tree 0e2a4e5 run side by side, load average 1.3-6:
fresh13 median 0.45 -> 0.44, worst 8.32 -> 7.49, worse than 2x on 12 -> 11, sums of medians 3.13 -> 3.06 s (tensorgrad
6.83, 6.86 s); fresh12 (released for tuning) median 0.48 -> 0.51, worst 15.6 -> 15.6, worse than 2x on 20 -> 19, sums
2.48 -> 2.40 s (tensorgrad 3.35, 3.33 s). The 2x line is not met.

The fourteenth held-out set (--cases fresh14, tg_fresh14.py, 100 expressions written blind before any timing, none
fixed or replaced after the warm-up check; session 41). Session 41's engine work (engineA: the sigmoid form skipped
beside tanh(exp(a)), a rank-two quadratic and (engineB) a two-monomial binomial as witnesses of irreducibility, powsimp
not counting numbers inside an exp's argument; engineB: a power with an atom (plus a number) as exponent settled,
_sum_generators memoised by the names of its atoms), every Derivation identical (1,575 hashed), --runs 3 --cpu, main
0109e8b and the merged tree 412750c run side by side: fresh14 (load average 20.5 falling to 6.9) median 0.55 -> 0.53,
geometric mean 0.51 -> 0.51, worst 4.60 -> 3.80, worse than 2x on 6 -> 6, sums of medians 1.14 -> 1.13 s (tensorgrad
2.42, 2.42 s); the median is over the 0.5 line on this set (by kind over 1: kernel, loss, power, elementwise); over 2x
on the merged tree: dot(a, 1 / (1 + exp(-c * (x - b)))) by c, exp(-norm(x - y)**2 / (2 * c**2)) + d * dot(x, y) by c,
dot(a, log(1 + sqrt(x))), 1 / sqrt(1 + dot(d, (x - y)**2)) by d, log(1 + exp(norm(x - y) - norm(x - z))),
dot(a, exp(x)) * exp(-dot(b, x)). fresh13 (released for tuning; load 6.3-9.8) median 0.44 -> 0.43, worst 7.23 -> 5.97,
worse than 2x on 10 -> 8, sums 2.08 -> 1.92 s (tensorgrad 4.83, 4.80 s). The 2x line is not met.

The fifteenth held-out set (--cases fresh15, tg_fresh15.py, 100 expressions written blind before any timing, none
fixed after the warm-up check, 84 ok and 16 ok (derivative); session 42). Session 42's engine work (engineA: functions
of a sum that cancel rewrites into one function of its kind, or minus one, kept on the ring; a Gaussian's exp of a
monomial with a number in front native; a sum over an exp with other exps in some terms native; engineB: a minus
monomial beside sums with minus signs to even powers, roots beside sums sharing generators, coprime binomials as
generators, powers with a number-minus-atom exponent and (u / v)^q, log(u / v) settled, |a| kept beside sign(a) under
roots; engineC: vecform's size test without SymPy products), every Derivation identical (1,675 hashed), --runs 3 --cpu,
main 0b796b9 and the merged tree run side by side, load average 0.4-1.6: fresh15 median 0.47 -> 0.45, geometric mean
0.55 -> 0.54, worst 12.10 -> 11.55 (exp(-b * (exp(c * t) - 1) / c) by c), worse than 2x on 11 -> 11, sums of medians
1.55 -> 1.54 s (tensorgrad 2.50 s): the held-out tail did not move; over 2x: that case, sum(abs(x - a)**p)**(1 / p) by
p 5.3, (dot(x, y) / c + 1)**d by d 4.1, dot(a, x) / dot(b, x) + dot(b, x) / dot(a, x) 3.9, dot(a, x)**(1/3) 3.3 (7.9
against 2.4 ms), sum(x**3) / sum(x**2)**(3/2) 2.9, (dot(a, x) - dot(b, x)) / (dot(a, x) + dot(b, x)) 2.75,
-log(sum(sqrt(softmax(x) * p))) 2.7, P @ h / (dot(h, P @ h) + r) by h 2.2, dot(a, (1 - exp(-c * x)) / c) by c 2.1,
sum(relu(abs(X @ w - y) - e)**2) by w 2.87 -> 2.00. fresh14 (released for tuning) median 0.51 -> 0.51, geometric mean
0.50 -> 0.47, worst 3.77 -> 3.07, worse than 2x on 6 -> 4, sums 1.14 -> 1.07 s (tensorgrad 2.47 s). The 2x line is
not met.

tg_fresh16.py (held out from both of session 42's engine rounds; written blind, reaching for less common forms;
committed before any timing; 85 ok and 15 ok (derivative), none fixed after the check), --runs 3 --cpu, main 0b796b9
and session 42's final tree b14be26 run side by side, load average 3-5 (beside a clean-clone test run): median 0.49 ->
0.50, geometric mean 0.58 -> 0.58, worst 7.79 -> 7.97, worse than 2x on 18 -> 17, sums of medians 2.48 -> 2.44 s
(tensorgrad 2.87 s). Over 2x on b14be26: dot(v, (1 + x + c * x**2) / (1 + abs(d * x))) 7.97 (157 against 20 ms),
sqrt(norm(x)**2 + c**2) - c by c 7.01, the log of a two-component Gaussian mixture 6.86, exp(-|x - y|^2 / (2 s)) (x.y +
c)^2 5.96, a softmax NLL with exp(a.x - c) beside sum(exp(A x)) 4.25, log(1 - exp(-exp(w.x - v.x))) 4.17, a Gumbel-like
sum((y - c) / b + exp((c - y) / b) + log(b)) by b 3.95, dot(a, exp(-exp(-x))) 3.76, dot(a, x / (exp(x) - 1)) 3.53, the
ordinal logit -log(sigmoid(a + exp(c) - w.x) - sigmoid(a - w.x)) 3.49, x (relu(x + 3) - relu(x - 3)) / 6 3.32,
dot(a, x)**c dot(b, x)**(1 - c) by c 2.82, dot(a, (exp(x) - 1) / x) 2.49, (1 + |x - y|^2 / (2 a c^2))^(-a) by a 2.47,
a Weibull NLL by k 2.43, a Tversky-like quotient of sigmoid dots 2.43, norm(sqrt(x) - sqrt(y)) 2.43. By kind (median
ratio over 1): log-exp 2.43, elementwise 3.32, power 1.50. What they share: exps of sums and of exps, kinks inside
quotients, symbolic powers of sums. The 2x line is not met.

tg_fresh17.py (held out from session 43's four engine helpers; written blind, reaching for control, econometrics,
survival and physics forms; committed before any timing; 85 ok and 15 ok (derivative) after two cases flat at the
check's point were changed before any warm-up result was read), --runs 3 --cpu, main a1908fa and session 43's merged
tree (a4da25d: engineF, a quotient over a sum of exps of several atoms kept without SymPy; engineG, monomial.py split,
an atom to a symbolic exponent a generator; engineH, kinks settled at points of the place before simplifying; engineI,
shown forms and finish memoised) run side by side, load average 4-8 (beside a clean-clone test run): median 0.53 ->
0.56, geometric mean 0.54 -> 0.52, worst 6.35 -> 7.07 (dot(a, x * (1 + tanh(4 * x / 5 + x**3 / 28)) / 2) by x),
worse than 2x on 13 -> 13, sums of medians 3.02 -> 2.97 s (tensorgrad 4.57 / 4.73 s); mcdocgen's per-case time
integ/main median 0.98: the held-out tail did not move. Over 2x on the merged tree: that case, exp(-sum((x - y)**2 *
exp(-2 * g)) / 2) by g 5.57, sum(exp(a) * (exp(b * t) - 1) / b - a - b * t) by b 5.21, dot(a, x**r)**(1 / r) by r
3.98, sum((sqrt(exp(X @ w)) - sqrt(y))**2) by w 2.87, mean(x**c)**(1 / c) by x 2.82, log(dot(softmax(a), exp(-(x *
ones(n) - u)**2 / 2))) by u 2.64, tr(diag(exp(d)) @ A @ diag(exp(-d)) @ B) by d 2.57, a Matern-5/2-like kernel by x
2.32, a biweight-like loss by w 2.22, sign(x) * log(1 + abs(x)) 2.19, RMS norm g x / sqrt(mean(x**2) + e) 2.17,
sum((c / d)**12 - 2 * (c / d)**6) by d 2.10. fresh16 (released to the helpers), same setup: median 0.50 -> 0.48,
geometric mean 0.57 -> 0.55, worst 8.98 -> 6.72 (sqrt(norm(x)**2 + c**2) - c by c), over 2x 17 -> 17, sums 2.45 ->
2.28 s (tensorgrad 2.90 s); the abs quotient 7.54 -> 2.82, the hard-swish-like relu 3.38 -> 2.13. The 2x line is not
met.

tg_fresh18.py (held out from session 44's four engine helpers; written blind from courses, the Cookbook, statistics,
econometrics, control, optimal transport and physics; committed before any timing; 85 ok and 15 ok (derivative), none
changed after the check), --runs 3 --cpu: main 5ed095f alone (load average 3-13): median 0.55, geometric mean 0.56,
worst 7.31, over 2x on 7; then main and session 44's merged tree (709a94d: engineJ, exps of sums and rate exps alone
merged natively with factor_terms' content modelled; engineK, the power rule's u^(1/p - n) and sizes generators of
monomials; engineL, elementwise functions of expressions kept as atoms without SymPy; engineM, a result's numerator
form remembered and the Kronecker rewrites skipped where none applies) side by side, load average 1-4: median 0.55 ->
0.55, geometric mean 0.57 -> 0.56, worst 7.54 -> 6.86 ((1 + norm(x - y)**2 / v)**(-(v + 1) / 2) by v, 195 against 28
ms), over 2x 9 -> 8, sums of medians 4.14 -> 4.07 s (tensorgrad 5.91 / 5.96 s); mcdocgen's per-case time integ/main
median 1.00: the held-out tail did not move. Over 2x on the merged tree: that case, (1 + exp(-t))**(-1 / v) by v 6.53,
x**h / (k**h + x**h) by h 3.31, sum(exp(a (X w - y)) - a (X w - y) - 1) / a**2 by a 3.11, -log(norm(x - y)**c + 1) by
x 2.62, an RMSE over a sum of RMS norms by w 2.51, dot(a, x / (c + abs(x))) by c 2.41, -dot(y, log(q / sum(q))) with q
= 1 + z + z**2 / 2 by z 2.19. By kind (median ratio over 1): elementwise 1.94, loss 1.53, power 1.49, logistic 1.29,
quotient 1.20. What they share, again: symbolic powers of sums by their exponent, exps by their rate. The 2x line is
not met; the median 0.5 is not met.

Session 45, branch engineN (the forms only a page reads made on first read, engine.deferred; the +forms column
added), --runs 3 --cpu, main 1ec5eff and the branch (32af72a) run side by side, load average 9-27: fresh18 median
0.55 -> 0.49 (derive), 0.57 with the deferred forms made in the timed call; worst 7.54 -> 7.73 ((1 + exp(-t))**(-1 /
v) by v: noise, no form of its changed), over 2x 8 -> 7; mcdocgen per-case time branch/main median 0.94 for derive,
1.03 with the forms. fresh17: median 0.54 -> 0.47 (derive), 0.54 with the forms; worst 4.98 -> 4.76, over 2x 10 -> 9;
per case 0.92 for derive, 1.01 with the forms. Python calls over fresh18 (cProfile, cold): main 22.12 M in derive;
branch 21.42 M in derive and 0.68 M making the forms. The work is put off, not saved: the steps check reads every
deferred form (the catalog's 2,566, none left unmade after verify), so `mcdocgen check` (8.60 -> 8.59 CPU-s, --jobs
1), `try` and `build` do what they did. The median below 0.5 is derive's alone; with the page's forms it is not met.

tg_fresh19.py (held out from session 45's four engine helpers; written blind, committed before any timing; 79 ok, 7 ok
signed too, 13 ok (derivative), 1 ok (derivative) signed too; none changed after the check), --runs 3 --cpu: main
1ec5eff alone (load average 10-25): median 0.44, geometric mean 0.48, worst 9.32, over 2x on 8; then main and session
45's merged tree (e10d403 + 772bf66: engineN, the page's forms deferred; engineO, a node with one power of a sum to a
symbolic exponent kept by a size bound; engineP, a monomial times an exp of a rational argument built natively;
engineQ, kept_fns' wrong "kept" fixed; kinkpow, no subgradient set under a power) side by side, load average 5-20:
median 0.42 -> 0.37 (derive; 0.44 with the deferred forms made in the timed call), geometric mean 0.48 -> 0.44, worst
8.35 -> 9.42 (sqrt(c**2 * dot(v, v) + k**2 * c**4) - k * c**2 by c, ~300 ms against 33), over 2x 7 -> 8 (9 with the
forms), sums of medians 3.19 -> 3.05 s (tensorgrad 5.13 / 5.18 s); mcdocgen per-case time integ/main median 0.93
(derive). Over 2x on the merged tree (ratio; main's): that root of a sum by c 9.42 (8.35); a two-Gaussian mixture's
log-likelihood by u 7.18 (7.75); dot(v, (a + b x + x**2) / (1 + abs(c x))) by c 4.68 (4.74); Gompertz's log-likelihood
sum(log(a) + b t - a (exp(b t) - 1) / b) by b 4.04 (3.96); dot(v, x / (x / a + exp(-x / b))) by a 3.29 (3.15); a
sigmoid quotient by z 2.24 (1.96); bridge regression norm(y - X w)**2 + c sum(abs(w)**q) by w 2.11 (7.07: its kink is
no longer given the l1 set, whose simplification was the cost); sum(c log(1 + abs(x - y) / e)) by e 2.07 (1.51). The
median is met on this set, with or without the forms; the 2x line is not: a root of a sum, exps of sums inside a log,
abs beside its argument, rates in exps: the families of the last five sets.

tg_fresh20.py (held out from session 46's four engine helpers; written blind, committed before any timing; 73 ok, 9 ok
signed too, 14 ok (derivative), 4 ok (derivative) signed too; none changed after the check), --runs 3 --cpu: main
d788bb7 alone (load average 15-24): median 0.37, geometric mean 0.45, worst 5.81, over 2x on 15; then main and
session 46's merged tree (22a35b1: engineR, sums with a number term and fractional coefficients built natively;
engineS, sympy.factor skipped for roots and symbolic powers it keeps; engineT, sigmoids beside exps and sums of exps
kept by a size bound; engineU, abs of atoms found nowhere else a native generator; kinkfind, a kink whose two sides
cancel removed) side by side, load average 1-3: median 0.38 -> 0.39 (derive; 0.43 -> 0.43 with the deferred forms),
geometric mean 0.45 -> 0.46, worst 5.94 -> 8.54, over 2x 16 -> 17, sums of medians 5.44 -> 5.58 s (tensorgrad 8.42 /
8.33 s); mcdocgen per-case time integ/main median 1.02. The worst is (relu(x) + exp(-relu(-x)) - 1) * sigmoid(x) by x
(99 -> 193 ms): its kink at 0 is now shown removed (elu + 1 is differentiable there; main stated a kink), and the
proof costs a simplification. Over 2x on the merged tree (ratio; main's): that elu case 8.54 (4.45); the TDOA
(norm(x - a) - norm(x - b) - d)**2 by x 5.71 (5.94); tanh(x) - 0.75 relu(-tanh(x)) by x 5.23 (5.02); a hyperbolic
distance by u 4.90 (4.97); sum(((X * X) 1 - 2 X x + |x|^2)^-6 - 2 (...)^-3) by x 3.99 (4.12); norm(y - a / (1 +
exp(-b (t - c)))^(1 / d))**2 by d 3.88 (3.77); sqrt(sum((sqrt(q) - sqrt(r))**2) / 2) by q 3.80 (4.10); sum(log((1 +
exp(c x)) / (1 + exp(c (x - 1))))) / c by c 3.31 (3.38); norm(y - a exp(-b t) - c exp(-d t))**2 by b 3.22 (3.15); two
focal-style losses with sigmoid powers by z 2.76, 2.34; dot(a, tanh(c X x - d)) by c 2.34; x / (1 + abs(x)) by x 2.28;
c y + (1 - c)(c x + (1 - c) z) by c 2.36; sum(a exp(-t / c) + b - y log(a exp(-t / c) + b)) by c 2.19; a Hellinger
distance between two Gaussians by s 2.05; sqrt of a ratio of dot products by v 2.04. The helpers' fast paths moved their
released cases (fresh19's mixture 8.2 -> 2.1, Gompertz 3.8 -> 1.9, the root by c 9.6 -> 7.3) and not this set: the
median is met, the 2x line is not.

Session 44, branch code (the signed point; --runs 0, every set, load average 15-22): 95 cases with a kink are also
checked at the signed point, none "positive point only"; every one agrees there but one, fresh7's dot(v, relu(K @ q)) /
sum(relu(K @ q)) by q, "the gradients differ at the signed point": one relu is active there, f is locally constant,
mcdocgen's gradient and central differences are 0, tensorgrad's (0, 0, 2.2e-16); the absolute tolerance scales with
the larger gradient, itself rounding here. The lead then added f's rounding (64 eps |f|) to the absolute tolerance:
a gradient below it is no slope; a function near e^-50 keeps a floor near e^-50.

Session 37, branch benchjac (the warm-up compares the whole derivative of a vector or matrix function; it had
compared only values), at 493d282, --runs 1 --cpu, load average 6.4-12.1: every vector- or matrix-valued case
agrees, "ok (derivative)": tuned 2, fresh 1, fresh3 1, fresh4 0, fresh5 3, fresh6 8, fresh7 5, fresh8 9, fresh9 10
(vectors by vectors and by scalars, matrices by scalars, vectors by matrices); each also matches finite differences.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

if importlib.util.find_spec("tensorgrad") is None:
    sys.exit("bench_tensorgrad: tensorgrad is not installed here; run `make bench-venv`, then this script with "
             ".venv-bench/bin/python")

import numpy as np
import sympy
import yaml
from sympy.core.cache import clear_cache

import mcdocgen
import tensorgrad
import torch
from mcdocgen.catalog import Problem, load_catalog_bytes
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.engine.derive import Derivation, derive
from mcdocgen import language as E
from mcdocgen.language import shapes
from tensorgrad import Tensor, Variable

import tg_fresh
import tg_fresh3
import tg_fresh4
import tg_fresh5
import tg_fresh6
import tg_fresh7
import tg_fresh8
import tg_fresh9
import tg_fresh10
import tg_fresh11
import tg_fresh12
import tg_fresh13
import tg_fresh14
import tg_fresh15
import tg_fresh16
import tg_fresh17
import tg_fresh18
import tg_fresh19
import tg_fresh20
import tg_jacobian
import tg_numpy
from tg_cases import CASES, Case

# --cases: tg_cases.py (tuned against), tg_fresh.py (held out, session 29), tg_fresh3.py (held out, session 30),
# tg_fresh4.py (held out, session 31), tg_fresh5.py (held out, session 32), tg_fresh6.py (held out, session 33),
# tg_fresh7.py (held out, session 34), tg_fresh8.py (held out, session 35), tg_fresh9.py (held out, session 36),
# tg_fresh10.py (held out, session 37), tg_fresh11.py (held out, session 38), tg_fresh12.py (held out, session 39),
# tg_fresh13.py (held out, session 40), tg_fresh14.py (held out, session 41), tg_fresh15.py (held out, session 42),
# tg_fresh16.py (held out, session 42), tg_fresh17.py (held out, session 43), tg_fresh18.py (held out, session 44)
# tg_fresh19.py (held out, session 45) or tg_fresh20.py (held out, session 46)
SETS = {"tuned": CASES, "fresh": tg_fresh.CASES, "fresh3": tg_fresh3.CASES, "fresh4": tg_fresh4.CASES,
        "fresh5": tg_fresh5.CASES, "fresh6": tg_fresh6.CASES, "fresh7": tg_fresh7.CASES, "fresh8": tg_fresh8.CASES,
        "fresh9": tg_fresh9.CASES, "fresh10": tg_fresh10.CASES, "fresh11": tg_fresh11.CASES,
        "fresh12": tg_fresh12.CASES, "fresh13": tg_fresh13.CASES, "fresh14": tg_fresh14.CASES,
        "fresh15": tg_fresh15.CASES, "fresh16": tg_fresh16.CASES, "fresh17": tg_fresh17.CASES,
        "fresh18": tg_fresh18.CASES, "fresh19": tg_fresh19.CASES,
        "fresh20": tg_fresh20.CASES}

SIZES = {"n": 3, "m": 4, "p": 2}   # the agreement check's sizes
TG_SIZES = {sympy.Symbol(s): v for s, v in SIZES.items()}
OUR_SIZES = {shapes.size_symbol(s): v for s, v in SIZES.items()}
RTOL = 1e-9



CLOCK = time.perf_counter   # --cpu: time.process_time, this process's CPU time (steadier on a loaded machine)


class TimedOut(Exception):
    pass


def _alarm(signum, frame):
    raise TimedOut


@dataclass
class Row:
    case: Case
    problem: Problem
    variables: dict[str, Variable]
    check: str = ""
    mcd: list[float] | None = None
    tg: list[float] | None = None
    views: list[float] | None = None   # derive and then every form it defers, made in the same timed call


# ---------------------------------------------------------------- building both sides


def problems(cases: tuple[Case, ...]) -> list[Problem]:
    """Every case as a catalog entry, validated by mcdocgen's own loader (the stable interface)."""
    entries = []
    for k, c in enumerate(cases):
        variables = {}
        for name, dims in c.shapes.items():
            spec: dict[str, object] = {"shape": list(dims)}
            if name in c.assume:
                spec["assume"] = list(c.assume[name])
            variables[name] = spec
        entries.append({"id": f"tg-{k:02d}", "title": c.label, "summary": "Benchmark.", "tags": [],
                        "source": "bench", "variables": variables, "expression": c.expression, "wrt": [c.wrt]})
    text = yaml.safe_dump({"problems": entries}, sort_keys=False, width=10_000)
    return list(load_catalog_bytes(text.encode("utf-8"), "bench_tensorgrad").problems)


def tg_variables(case: Case) -> dict[str, Variable]:
    out = {}
    for name, dims in case.shapes.items():
        edges = case.edges[name]
        assert len(edges) == len(dims), f"{case.label}: {name} has {len(dims)} axes, {len(edges)} edges"
        out[name] = Variable(name, **{e: sympy.Symbol(d) for e, d in zip(edges, dims, strict=True)})
    return out


def tg_function(row: Row):
    return row.case.tg(**row.variables)


# ---------------------------------------------------------------- timing


def clear_caches() -> None:
    clear_cache()
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("mcdocgen", "tensorgrad")):
            continue
        for obj in list(vars(module).values()):
            clear = getattr(obj, "cache_clear", None)
            if callable(clear) and hasattr(obj, "cache_info"):
                clear()
    gc.collect()


def time_mcdocgen(row: Row, limit: float) -> float:
    """derive's time (the figure compared); ``row.views`` gets, from the same cold call, derive's time and
    then the forms derive leaves for a page to make (Derivation.make_forms: every step as each layout shows
    it, the product put back), made at once: what derive did before those forms were deferred. A tree from before
    session 45 (PYTHONPATH at an older commit) has no make_forms: its derive made them, both figures are derive's."""
    clear_caches()
    signal.setitimer(signal.ITIMER_REAL, limit)
    t = CLOCK()
    try:
        d = derive(row.problem, row.case.wrt)
        derived = CLOCK() - t
        getattr(d, "make_forms", lambda: None)()
        assert row.views is not None
        row.views.append(CLOCK() - t)
        return derived
    except TimedOut:
        assert row.views is not None
        row.views.append(float("inf"))
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def time_tensorgrad(row: Row, limit: float) -> float:
    f = tg_function(row)   # built fresh each time: tensorgrad memoises on its nodes
    x = row.variables[row.case.wrt]
    clear_caches()
    signal.setitimer(signal.ITIMER_REAL, limit)
    t = CLOCK()
    try:
        f.grad(x).simplify()
        return CLOCK() - t
    except TimedOut:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


# ---------------------------------------------------------------- the warm-up check


def _values(row: Row, rng: np.random.Generator, signed: bool = False) -> tuple[dict[str, np.ndarray], dict[str, tg_numpy.Named]]:
    """Entries in [0.5, 1.5] (logs and square roots defined), or with a random sign each (``signed``: the other side of
    a kink), square matrices + 3 I (invertible, det > 0): mcdocgen's values as 2-D arrays, tensorgrad's with the
    variable's edges."""
    ours, theirs = {}, {}
    for name, dims in row.case.shapes.items():
        shape = tuple(SIZES[d] for d in dims)
        value = rng.uniform(0.5, 1.5, size=shape)
        if signed:
            value = value * rng.choice([-1.0, 1.0], size=shape)
        if len(shape) == 2 and shape[0] == shape[1]:
            value = value + 3 * np.eye(shape[0])
        ours[name] = value.reshape(shape + (1,) * (2 - len(shape)))
        theirs[name] = (value, tuple(row.case.edges[name]))
    return ours, theirs


def warm_up(row: Row, seed: int) -> str:
    """'ok' when both sides derive the case and agree at a random point: the same function and the same
    derivative (a scalar function: mcdocgen's denominator layout against tensorgrad's gradient on the
    variable's edges; a vector or matrix function: 'ok (derivative)', _jacobians); 'shapes' when
    tensorgrad's function holds a function tg_numpy does not know (then only the shapes are compared),
    'values' when only its derivative does (then only the values are); else why the case is left out. A function
    with a kink (relu, abs, sign...) that agrees is checked again where the entries have random signs (the positive
    entries see one side of each kink): ', signed too' when it agrees there as well, ', positive point only' where
    its value is not finite there (a log or a root of an entry); a disagreement there leaves it out, 'at the signed
    point'."""
    d = derive(row.problem, row.case.wrt)
    if not d.ok:
        return f"mcdocgen did not derive it: {d.not_derived.reason}"
    f = tg_function(row)
    derivative = f.grad(row.variables[row.case.wrt])   # its new_names: X's edges as the result names them
    try:
        g = derivative.simplify()
    except Exception as exc:  # noqa: BLE001 - any failure of tensorgrad's leaves the case out, said why
        return f"tensorgrad failed: {type(exc).__name__}: {str(exc)[:80]}"
    scalar = row.problem.expression.shape.rows == 1 and row.problem.expression.shape.cols == 1
    if scalar != (not f.edges):
        return f"not the same function: mcdocgen's is {'' if scalar else 'not '}a scalar, tensorgrad's edges {set(f.edges)}"
    if scalar and set(g.edges) != set(row.case.edges[row.case.wrt]):
        return f"tensorgrad's gradient has edges {set(g.edges)}"
    positive = _agree(row, d, f, g, derivative.new_names, scalar, *_values(row, np.random.default_rng(seed)))
    if not positive.startswith("ok") or not _has_kink(row.problem):
        return positive
    # relu, abs, sign...: the positive entries see one side of each kink; a second point with signed entries
    ours, theirs = _values(row, np.random.default_rng(seed), signed=True)
    with np.errstate(all="ignore"):
        our_value = np.asarray(evaluate(row.problem.expression, ours, OUR_SIZES), dtype=float)
    if not np.all(np.isfinite(our_value)):
        return f"{positive}, positive point only (not finite at the signed one)"
    signed = _agree(row, d, f, g, derivative.new_names, scalar, ours, theirs)
    return f"{positive}, signed too" if signed.startswith("ok") else f"{signed} at the signed point"


def _has_kink(problem: Problem) -> bool:
    """Whether the function holds a kink whose side a point's signs choose (relu, abs, sign, heaviside, max, norm1)."""
    return any(isinstance(n, (E.Maximum, E.Norm1)) or (isinstance(n, E.Func) and n.fn in E.NON_SMOOTH)
               for n in E.walk(problem.expression))


def _agree(row: Row, d: Derivation, f: Tensor, g: Tensor, new_names: dict[str, str], scalar: bool,
           ours: dict[str, np.ndarray], theirs: dict[str, tg_numpy.Named]) -> str:
    """warm_up's verdict at one point (its docstring says which)."""
    edges = tuple(row.case.edges[row.case.wrt])
    sizes, our_sizes = TG_SIZES, OUR_SIZES
    try:
        value = tg_numpy.evaluate(f, sizes, theirs)
    except tg_numpy.Unknown as exc:
        return f"shapes ({exc})"
    our_value = np.asarray(evaluate(row.problem.expression, ours, our_sizes), dtype=float)
    if not np.allclose(our_value.ravel(), tg_numpy.aligned(value, tuple(f.edges)).ravel(), rtol=RTOL):
        return "not the same function: the values differ"
    try:
        gradient = tg_numpy.evaluate(g, sizes, theirs)
    except tg_numpy.Unknown as exc:
        return f"values ({exc} in the derivative)"
    if not scalar:
        return _jacobians(row, d, f, new_names, gradient, ours, our_value)
    our_gradient = np.asarray(evaluate(d.result, ours, our_sizes), dtype=float)
    their_gradient = tg_numpy.aligned(gradient, edges)
    # the absolute tolerance scales with the gradients (a fixed one passed any two gradients near e^-50), plus f's
    # rounding: where f is locally constant (one relu active) a gradient of 2e-16 on one side is rounding, not a slope
    scale = max(float(np.max(np.abs(our_gradient), initial=0.0)), float(np.max(np.abs(their_gradient), initial=0.0)))
    rounding = 64 * np.finfo(float).eps * float(np.max(np.abs(our_value), initial=0.0))
    if not np.allclose(our_gradient.reshape(tuple(SIZES[s] for s in row.case.shapes[row.case.wrt])),
                       their_gradient, rtol=RTOL, atol=RTOL * scale + rounding):
        return "the gradients differ"
    # both exactly zero (a saturated tanh) agree without testing anything: said in the table, still timed
    return "ok (zero gradient)" if scale == 0 else "ok"


def _jacobians(row: Row, d: Derivation, f: Tensor, new_names: dict[str, str], gradient: tg_numpy.Named,
               ours: dict[str, np.ndarray], our_value: np.ndarray) -> str:
    """A vector or matrix function: both full derivatives as D[a, b, k, l] = dF[a, b] / dX[k, l]
    (tg_jacobian.py reads mcdocgen's numerator layout into it), compared entry by entry."""
    our_sizes = {shapes.size_symbol(s): v for s, v in SIZES.items()}
    wrt = row.case.wrt
    try:
        our_d = tg_jacobian.ours(d.numerator, ours, our_sizes, our_value, wrt)
    except ValueError as exc:
        return f"mcdocgen's derivative has an unexpected shape: {exc}"
    x_edges = tuple(new_names[e] for e in row.case.edges[wrt])
    their_d = tg_jacobian.theirs(gradient, tuple(f.edges), x_edges, our_d.shape)
    if not tg_jacobian.close(our_d, their_d, RTOL):
        fd = tg_jacobian.finite_differences(row.problem.expression, ours, our_sizes, wrt)
        return f"the derivatives differ: {tg_jacobian.which_wrong(our_d, their_d, fd)}"
    return "ok (zero derivative)" if not np.any(our_d) else "ok (derivative)"


# ---------------------------------------------------------------- report


def engine_tree() -> str:
    root = Path(mcdocgen.__file__).resolve().parent.parent
    try:
        rev = subprocess.run(["git", "-C", str(root), "describe", "--always", "--dirty"], capture_output=True,
                             text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        rev = "?"
    return f"{root} ({rev or 'not a git tree'})"


def summary(rows: list[Row]) -> None:
    timed = [r for r in rows if r.mcd and r.tg]
    ratios = [(statistics.median(r.mcd) / statistics.median(r.tg), r) for r in timed]
    if not ratios:
        return
    values = sorted(v for v, _ in ratios)
    worst, worst_row = max(ratios, key=lambda vr: vr[0])
    sum_mcd = sum(statistics.median(r.mcd) for r in timed)
    sum_tg = sum(statistics.median(r.tg) for r in timed)
    geo = float(np.exp(np.mean(np.log(values))))
    print(f"\n{len(timed)} expressions timed; ratio mcdocgen/tensorgrad (per expression, of medians):")
    print(f"  median {statistics.median(values):.2f}   worst {worst:.2f} ({worst_row.case.label})   "
          f"geometric mean {geo:.2f}")
    print(f"  sum of medians: mcdocgen {sum_mcd:.2f} s, tensorgrad {sum_tg:.2f} s (ratio {sum_mcd / sum_tg:.2f})")
    print(f"  mcdocgen faster on {sum(v < 1 for v in values)}, worse than 2x on {sum(v > 2 for v in values)}")
    order = [r.case.kind for r in rows]
    kinds = sorted({r.case.kind for _, r in ratios}, key=order.index)
    print("  median ratio by kind: " + ", ".join(
        f"{k} {statistics.median([v for v, r in ratios if r.case.kind == k]):.2f}" for k in kinds))
    forms = [(statistics.median(r.views) / statistics.median(r.tg), r) for r in timed if r.views]
    if forms:   # derive with the forms it defers made in the timed call (the column +forms)
        worst_forms, worst_forms_row = max(forms, key=lambda vr: vr[0])
        sum_views = sum(statistics.median(r.views) for _, r in forms)
        print(f"  with the deferred forms made in the timed call (+forms): median "
              f"{statistics.median(v for v, _ in forms):.2f}   worst {worst_forms:.2f} ({worst_forms_row.case.label})   "
              f"worse than 2x on {sum(v > 2 for v, _ in forms)}; sum of medians {sum_views:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="timed rounds (medians over them)")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds one timed call may take")
    ap.add_argument("--cpu", action="store_true", help="time CPU time of this process, not wall time")
    ap.add_argument("--only", default="", help="cases whose label contains this text")
    ap.add_argument("--cases", choices=sorted(SETS), default="tuned",
                    help="tuned: tg_cases.py (default); fresh, fresh3 .. fresh20: tg_fresh.py, tg_fresh3.py, "
                         "tg_fresh4.py .. tg_fresh20.py, held-out sets")
    ap.add_argument("--seed", type=int, default=0, help="of the agreement check's random point")
    args = ap.parse_args()
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    signal.signal(signal.SIGALRM, _alarm)

    cases = tuple(c for c in SETS[args.cases] if args.only in c.label)
    rows = [Row(c, p, tg_variables(c)) for c, p in zip(cases, problems(cases), strict=True)]
    print(f"mcdocgen engine: {engine_tree()}")
    print(f"tensorgrad {tensorgrad.__version__ if hasattr(tensorgrad, '__version__') else '0.3.0'}, torch "
          f"{torch.__version__}, sympy {sympy.__version__}; {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; {args.runs} rounds, {'CPU' if args.cpu else 'wall'} time, "
          f"cases {args.cases} ({len(cases)})")
    for row in rows:   # warm-up round: imports and first-call costs land here, not in the figures
        row.check = warm_up(row, args.seed)
        if row.check.startswith(("ok", "shapes", "values")):
            row.mcd, row.tg, row.views = [], [], []
        else:
            print(f"  left out: {row.case.label}: {row.check}")
    print("  warm-up checks: " + ", ".join(f"{k} {n}" for k, n in Counter(r.check.split(":")[0] for r in rows).items()))
    for r in range(args.runs):
        for k, row in enumerate(rows):
            if row.mcd is None or row.tg is None:
                continue
            pair = [(row.mcd, time_mcdocgen), (row.tg, time_tensorgrad)]
            for times, timer in pair if (r + k) % 2 == 0 else pair[::-1]:
                times.append(timer(row, args.limit))
        print(f"  round {r + 1} of {args.runs} done, load average {os.getloadavg()[0]:.1f}", file=sys.stderr)

    print(f"\n{'#':>2} {'kind':12s} {'expression by variable':46s} {'mcdocgen ms':>11s} {'tg ms':>9s} "
          f"{'ratio':>6s} {'+forms':>6s}  check")
    for k, row in enumerate(rows):
        if row.mcd and row.tg and row.views:
            m, t, v = statistics.median(row.mcd), statistics.median(row.tg), statistics.median(row.views)
            print(f"{k:2d} {row.case.kind:12s} {row.case.label:46s} {m * 1000:11.1f} {t * 1000:9.1f} "
                  f"{m / t:6.2f} {v / t:6.2f}  {row.check}")
    summary(rows)


if __name__ == "__main__":
    main()
