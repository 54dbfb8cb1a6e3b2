"""The rule registry: every rule is documented, and every rule is proven by a verified derivation."""

from pathlib import Path

from corpus import BEYOND_CATALOG
from problem_factory import make_problem
from mcdocgen.catalog import load_catalog
from mcdocgen.engine.derive import derive
from mcdocgen.engine.rules import IDENTITIES, RuleId
from mcdocgen.checks.verify import verify

ROOT = Path(__file__).resolve().parent.parent


def test_every_rule_has_an_identity_entry_in_both_layouts():
    assert set(IDENTITIES) == set(RuleId)
    for rule, identity in IDENTITIES.items():
        assert identity.rule is rule
        assert identity.name and identity.numerator and identity.denominator


def test_every_rule_is_exercised_by_a_derivation_that_passes_every_check():
    problems = list(load_catalog(ROOT / "derivations.yaml").problems)
    problems += [make_problem(e, v, w, s, assume=a, pid=f"corpus-{i}") for i, (e, v, w, s, a) in enumerate(BEYOND_CATALOG)]
    proven: set[RuleId] = set()
    for p in problems:
        for wrt in p.wrt:
            d = derive(p, wrt)
            if d.ok and verify(p, d).ok:
                proven |= {l.rule for l in d.locals}
    assert proven == set(RuleId), f"rules never proven: {sorted(set(RuleId) - proven)}"
