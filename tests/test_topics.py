"""present.topics: the teaching order, one home for it."""

from __future__ import annotations

from mcdocgen.present.topics import PARTS, TOPICS, in_teaching_order, part_of, topic_order


def test_the_topics_of_the_common_list_in_order_in_four_parts():
    assert TOPICS[0] == "Scalar derivatives" and TOPICS[-1] == "Machine learning" and len(TOPICS) == 13
    assert [p for p, _ in PARTS] == ["Foundations", "Matrices", "Second order", "Applications"]
    assert part_of("Traces") == "Matrices" and part_of("My own") == ""


def test_listed_topics_first_in_teaching_order_the_others_after_in_catalog_order():
    assert topic_order(["B own", "Traces", "A own", "Chain rule", "Traces"]) == ["Chain rule", "Traces", "B own", "A own"]
    items = [("x", "Traces"), ("y", "B own"), ("z", "Chain rule"), ("w", "Traces")]
    parts = in_teaching_order(items, lambda item: item[1])
    assert [(p.part, [(g.topic, [i[0] for i in g.members]) for g in p.topics]) for p in parts] == [
        ("Foundations", [("Chain rule", ["z"])]), ("Matrices", [("Traces", ["x", "w"])]), ("", [("B own", ["y"])])]
