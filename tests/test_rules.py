"""The rule registry: every rule has a docstring and an identity, and is proven by a verified derivation."""

from pathlib import Path

from corpus import BEYOND_CATALOG
from problem_factory import make_problem
from mcdocgen.catalog import load_catalog
from mcdocgen.engine import rules
from mcdocgen.engine.derive import derive
from mcdocgen.engine.identities import IDENTITIES
from mcdocgen.engine.rules import RuleId
from mcdocgen.checks.verify import verify

ROOT = Path(__file__).resolve().parent.parent


def test_every_rule_function_states_its_identity_in_a_docstring():
    registered = {f for t, f in rules.rules_for.registry.items() if t is not object}
    assert len(registered) >= 20
    for f in registered:
        assert f.__doc__ and f.__doc__.strip(), f"{f.__name__} has no docstring"


def test_every_rule_has_one_identity():
    assert set(IDENTITIES) == set(RuleId)
    for rule, identity in IDENTITIES.items():
        assert identity.rule is rule
        assert identity.name and identity.example and identity.states and identity.wrt


def test_a_local_that_uses_two_rules_names_both():
    p = make_problem("x**x", {"x": []}, ["x"], assume={"x": ["positive"]})
    local = next(loc for loc in derive(p, "x").locals if loc.of != loc.wrt)
    assert local.rules == (RuleId.POWER, RuleId.EXPONENT)
    assert local.rule is RuleId.POWER


def test_every_rule_is_exercised_by_a_derivation_that_passes_every_check():
    problems = list(load_catalog(ROOT / "derivations.yaml").problems)
    problems += [make_problem(e, v, w, s, assume=a, pid=f"corpus-{i}") for i, (e, v, w, s, a) in enumerate(BEYOND_CATALOG)]
    proven: set[RuleId] = set()
    for p in problems:
        for wrt in p.wrt:
            d = derive(p, wrt)
            if d.ok and verify(p, d).ok:
                proven |= {r for loc in d.locals for r in loc.rules}
    assert proven == set(RuleId), f"rules never proven: {sorted(set(RuleId) - proven)}"
