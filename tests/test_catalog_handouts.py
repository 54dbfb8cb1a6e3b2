"""mcdocgen.catalog.handouts: the handouts: section read into HandoutSpec records while the catalog
loads, each mistake located."""

from __future__ import annotations

import textwrap


from catalog_support import BASE, ROOT, diagnostics_of, load_catalog, only_error, replaced, write

from mcdocgen.catalog import HandoutSpec


def test_handouts_are_read_into_typed_records(tmp_path):
    text = BASE + textwrap.dedent("""\
        handouts:
          - name: week-3
            title: "Week   3"
            date: 2024
            ids: demo
            tags: [vector, vector]
            layout: numerator
    """)
    catalog = load_catalog(write(tmp_path, text))
    assert catalog.handouts == (HandoutSpec("week-3", "Week 3", date="2024", ids=("demo",), tags=("vector",),
                                            layout="numerator"),)
    assert catalog.handouts[0].layouts == ("numerator",)


def test_a_handout_naming_a_problem_with_its_own_mistake_is_not_reported_again(tmp_path):
    text = replaced("title: Demo", "title: [Demo]") + "handouts:\n  - name: h\n    title: H\n    ids: [demo]\n"
    assert only_error(tmp_path, text) == "3:12: problem 'demo', title: expected text, got a list [wrong-type]"


def test_duplicate_keys_inside_handouts_are_found(tmp_path):
    text = BASE + "handouts:\n  - name: h\n    title: A\n    title: B\n"
    assert only_error(tmp_path, text) == "15:5: handouts[0]: duplicate key 'title' (first at line 14) [duplicate-key]"


def test_a_handout_may_select_by_more_tags_than_a_problem_may_have(tmp_path):
    """The 20-tag limit is a problem's: a handout's ``tags:`` selects from all of them."""
    tags = [f"t{k}" for k in range(25)]
    second = BASE.split("problems:\n", 1)[1].replace("id: demo", "id: two")
    text = (replaced("[vector]", "[" + ", ".join(tags[:20]) + "]") + second.replace("[vector]", f"[{', '.join(tags[20:])}]")
            + "handouts:\n  - name: h\n    title: H\n    tags: [" + ", ".join(tags) + "]\n")
    catalog = load_catalog(write(tmp_path, text))
    assert catalog.handouts[0].tags == tuple(tags)
    assert only_error(tmp_path, replaced("[vector]", "[" + ", ".join(tags[:21]) + "]")) == (
        "5:102: problem 'demo', tags: more than 20 tags (the limit is 20) [too-many]"
    )


def test_the_real_catalog_declares_valid_handouts_one_topic_group_each():
    from mcdocgen.commands.handout import select, selections

    catalog = load_catalog(ROOT / "derivations.yaml")
    specs = catalog.handouts
    assert [s.name for s in specs] == ["chain-rule", "chain-rule-networks", "chain-rule-matrix-functions"]
    assert all(s.tags == ("chain rule",) and s.layout == "both" and s.topics for s in specs)
    # the problems tagged "chain rule", each in exactly one of them (55 in one handout was read as a heap)
    chosen = selections(catalog, specs)
    tagged = select(catalog, tags=("chain rule",))
    assert sorted(pid for ids in chosen.values() for pid in ids) == sorted(tagged)
    topic = {p.id: p.topic for p in catalog.problems}
    assert {topic[pid] for pid in chosen["chain-rule"]} == {"Chain rule"}


def test_topics_keep_the_selected_problems_of_those_topics(tmp_path):
    from mcdocgen.commands.handout import select

    second = BASE.split("problems:\n", 1)[1].replace("id: demo", "id: two").replace("tags: [vector]", "topic: Traces\n    tags: [vector]")
    text = BASE + second + "handouts:\n  - name: h\n    title: H\n    tags: [vector]\n    topics: Traces\n"
    catalog = load_catalog(write(tmp_path, text))
    assert catalog.handouts[0].topics == ("Traces",)
    assert select(catalog, tags=("vector",), topics=("Traces",)) == ["two"]
    assert select(catalog, topics=("Traces",)) == ["two"]          # no ids or tags: every problem of the topics
    assert select(catalog, tags=("vector",)) == ["demo", "two"]
    assert only_error(tmp_path, text.replace("topics: Traces", "topics: [Trace]")) == (
        "27:14: handouts[0].topics: unknown topic 'Trace' (did you mean 'Traces'?) [unknown-topic]"
    )


def test_topics_that_leave_none_of_the_selected_problems_are_a_located_mistake(tmp_path):
    from mcdocgen import cli

    # code review: an empty handout was built with exit 0; then the command refused it, not the validation
    second = BASE.split("problems:\n", 1)[1].replace("id: demo", "id: two").replace("tags: [vector]", "topic: Traces\n    tags: [vector]")
    text = BASE + second + "handouts:\n  - name: h\n    title: H\n    ids: [demo]\n    topics: Traces\n"
    assert only_error(tmp_path, text) == (
        "27:13: handouts[0].topics: no problem its ids and tags select is in the topics 'Traces' [empty-value]")
    assert cli.main(["check", str(write(tmp_path, text))]) == 2
    # where a problem is itself invalid, its mistake is the one reported, not an empty handout besides
    assert only_error(tmp_path, text.replace("id: two", "id: Two Bad")).endswith("[bad-id]")


def test_bad_handouts_are_one_line_errors_with_lines(tmp_path):
    path = write(tmp_path, BASE.replace("[vector]", "[vector, chain rule]") + """\
handouts:
  - name: Bad Name
    title: T
    layout: columns
    ids: [demo, nope]
    tags: [vectr]
    colour: red
  - title: no name
  - name: ok
    title: Fine
  - name: ok
    title: [not, text]
  - just text
""")
    assert [line[len(f"{path}:"):] for line in diagnostics_of(path)] == [
        "13:11: handouts[0].name: 'Bad Name' is not a slug: use lower-case letters, digits and single '-', "
        "e.g. chain-rule [bad-id]",
        "15:13: handouts[0].layout: expected one of numerator, denominator, both, got 'columns' [bad-layout]",
        "16:17: handouts[0].ids: unknown problem 'nope' (known: demo) [unknown-problem]",
        "17:12: handouts[0].tags: unknown tag 'vectr' (did you mean 'vector'?) [unknown-tag]",
        "18:5: handouts[0].colour: unknown key 'colour' (did you mean 'course'?) [unknown-key]",
        "19:5: handouts[1]: missing the key 'name' [missing-key]",
        "22:11: handouts[3].name: duplicate handout name 'ok' (first in handouts[2]) [duplicate-id]",
        "23:12: handouts[3].title: expected text, got a list [wrong-type]",
        "24:5: handouts[4]: expected a mapping with at least 'name' and 'title', got the text 'just text' [wrong-type]",
    ]


def test_handouts_must_be_a_list_of_known_selections(tmp_path):
    assert only_error(tmp_path, BASE + "handouts: {name: h}\n") == "12:11: handouts: expected a list, got a mapping [wrong-type]"
    assert load_catalog(write(tmp_path, BASE + "handouts:\n")).handouts == ()
    assert only_error(tmp_path, BASE + "handouts:\n  - name: h\n    title: H\n    ids: []\n") == (
        "15:10: handouts[0].ids: expected a non-empty list such as [demo], got a list [wrong-type]"
    )
