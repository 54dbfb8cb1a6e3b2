"""docs/contributing.md's example entry is one the catalog accepts as it stands: a topic of the 13
(another would open a section of its own), a source in a form the site reads, and a result the
engine derives and the checks pass, its stated answer included."""

from __future__ import annotations

import re

import yaml

from browser_support import REPO
from mcdocgen.catalog import load_catalog_bytes
from mcdocgen.checks.results import CheckStatus
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.present.sources import names_reference
from mcdocgen.present.topics import TOPICS

_DOC = (REPO / "docs" / "contributing.md").read_text(encoding="utf-8")


def _example() -> str:
    """The first YAML block of "Add an entry", as a catalog."""
    section = _DOC.split("## Add an entry", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None, "no YAML example under 'Add an entry'"
    return block.group(1)


def test_the_example_entry_is_a_valid_problem_of_a_known_topic_and_source_form() -> None:
    text = _example()
    assert yaml.safe_load(text)["problems"], "the example is a catalog with a problems list"
    catalog = load_catalog_bytes(text.encode("utf-8"), "docs/contributing.md")
    (problem,) = catalog.problems
    assert problem.topic in TOPICS, f"{problem.topic!r} is not one of the 13 topics"
    assert names_reference(problem.source), f"{problem.source!r}: no form the site reads"


def test_the_example_entry_derives_and_passes_its_checks() -> None:
    (problem,) = load_catalog_bytes(_example().encode("utf-8"), "docs/contributing.md").problems
    for wrt in problem.wrt:
        d = derive(problem, wrt)
        v = verify(problem, d)
        assert d.ok and v.ok, (wrt, v)
        assert v.expected.status is CheckStatus.PASSED, v.expected      # the stated answer is checked
