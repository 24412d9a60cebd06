"""Held-out plans, third set (tests/fixtures/unseen3): six invented plans laid out unlike the seeds and the first
two held-out sets, scored against gold readings written by hand from the documents before the parser was run on
them. The floors are what the parser reaches now, a little under, so a change that loses generality fails here
even when every seed still scores 1.000."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _seeds import _scorer, schema_errors

from planparse import parse

UNSEEN3 = Path(__file__).parents[1] / "fixtures" / "unseen3"
FORMATS = (".txt", ".docx", ".pdf", ".html")

# First scores, cold (before the general rules these plans showed to be missing), for the record:
# w1 1.000, w2 1.000, w3 0.588, w4 0.816, w5 0.889, w6 0.936.
FLOORS = {
    "w1_finance_peer_review.docx": 0.97,
    "w2_audit_follow_up.txt": 0.97,
    "w3_repeated_numbers.html": 0.97,
    "w4_landscape_themes.pdf": 0.95,
    "w5_status_and_rag.docx": 0.97,
    "w6_housing_themes.txt": 0.97,
}


def _gold(name: str) -> dict:
    return json.loads((UNSEEN3 / "gold" / f"{Path(name).stem}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_held_out_plan_scores_against_its_gold(name):
    plan = parse(UNSEEN3 / name)
    assert schema_errors(plan) == []
    tally, stats = _scorer().score_plan(_gold(name), plan.to_dict())
    assert stats["recs_paired"] == stats["recs_gold"] == stats["recs_pred"]
    assert stats["actions_paired"] == stats["actions_gold"] == stats["actions_pred"]
    assert tally.totals()[5] >= FLOORS[name]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_held_out_plan_title_and_date_match_the_gold(name):
    # The scorer reads recommendations only. Notes, legend and organisation are not checked for every plan here
    # because w6's organisation is still read differently from its gold (README, "Still read differently").
    plan, gold = parse(UNSEEN3 / name), _gold(name)
    assert plan.title == gold["title"]
    assert plan.as_of == gold["as_of"]


def test_a_priority_key_above_the_table_is_the_priority_legend():
    # "Priority 1 – …; Priority 2 – …; Priority 3 – …" over the table: the key to the Priority column, keyed by
    # the values as printed, and no longer a note.
    plan, gold = parse(UNSEEN3 / "w2_audit_follow_up.txt"), _gold("w2_audit_follow_up.txt")
    assert plan.legend == gold["legend"]
    assert plan.notes == gold["notes"]


def test_every_held_out_plan_has_a_gold_reading():
    documents = {p.stem for p in UNSEEN3.iterdir() if p.suffix in FORMATS}
    assert documents == {p.stem for p in (UNSEEN3 / "gold").glob("*.json")}
    assert {Path(n).stem for n in FLOORS} == documents


def test_lettered_numbers_on_action_rows_are_one_recommendation():
    plan = parse(UNSEEN3 / "w3_repeated_numbers.html")
    assert [r.number for r in plan.recommendations] == ["1", "2", "3"]
    second = plan.recommendations[1]
    assert [a.extra.get("No.") for a in second.actions] == ["2a", "2b", "2c"]
    assert second.text == "Increase recycling rates in flats and houses in multiple occupation."


def test_lead_lines_in_the_recommendation_cell_are_its_owners():
    plan = parse(UNSEEN3 / "w4_landscape_themes.pdf")
    first = plan.recommendations[0]
    assert first.owners == ["Cllr Anne Foster", "Chief Executive"]
    assert "Lead" not in first.text
    assert plan.recommendations[2].owners == ["Cllr David Okafor", "Head of Property"]


def test_a_rag_column_beside_a_status_column_gives_the_status():
    plan = parse(UNSEEN3 / "w5_status_and_rag.docx")
    actions = [a for r in plan.recommendations for a in r.actions]
    assert [a.status for a in actions] == ["amber", "green", "red", "green"]
    assert [a.extra.get("Status") for a in actions] == ["In progress", "Complete", "Not started", "In progress"]
    assert [a.completed for a in actions] == [None, True, None, None]
