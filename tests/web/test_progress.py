"""Progress per plan and recommendation: counts by state and RAG, a sentence, and overrides flagged as such.

Figures are from Oadby and Wigston's June 2023 plan (seed 004, gold reading): 60 actions, 41 marked complete,
11 rated amber; recommendation 1 has 7 actions (6 complete, 1 amber), recommendation 2 has 6 (1 complete,
5 amber).
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from tests.web.conftest import import_gold
from tracker.plans import services
from tracker.plans.models import Plan
from tracker.plans.progress import Progress

TODAY = datetime.date(2023, 7, 1)


@pytest.fixture
def owbc(other_council, outsider):
    return import_gold(other_council, outsider, "004_a45fdb9e1ebc7908")


def test_plan_progress_from_the_document(owbc):
    progress = owbc.progress(TODAY)
    assert (progress.total, progress.complete, progress.by_rag["amber"]) == (60, 41, 11)
    assert progress.calculated_sentence.startswith("41 of 60 actions complete, 11 amber")
    assert progress.percent_complete == 68


def test_recommendation_progress_from_the_document(owbc):
    recs = list(owbc.recommendations.with_actions())
    assert recs[0].progress(TODAY).sentence == "6 of 7 actions complete, 1 amber"
    assert recs[1].progress(TODAY).calculated_sentence.startswith("1 of 6 actions complete, 5 amber")


def test_the_dashboard_gets_every_plans_progress_in_one_query(council, owner, other_council, owbc,
                                                              django_assert_num_queries):
    for stem in ("000_434456432017fdb1", "002_92d1a37e39293310", "003_46970d322b9b8053"):
        import_gold(council, owner, stem)
    with django_assert_num_queries(1):
        totals = {p.title: (p.n_recommendations, p.progress(TODAY).total)
                  for p in Plan.objects.for_council(council).with_progress(TODAY)}
    assert totals == {"LGA Corporate Peer Challenge Action Plan - 2022": (9, 23),
                      "LGA PEER CHALLENGE – ACTION PLAN": (9, 16),
                      "Corporate Peer Challenge 2023 - Action Plan": (9, 33)}


def test_a_plan_page_costs_the_same_queries_whatever_its_size(owbc, plan, django_assert_num_queries):
    for p, expected_actions in ((plan, 23), (owbc, 60)):
        with django_assert_num_queries(3):  # recommendations, actions, lead rows
            recs = list(p.recommendations.with_actions())
            total = sum(r.progress(TODAY).total for r in recs)
            leads = [lead.name for r in recs for a in r.actions.all() for lead in a.lead_rows.all()]
        assert total == expected_actions
    assert leads == []  # Oadby and Wigston names leads per recommendation, not per action


def test_overdue_counts_open_actions_past_their_current_date(plan):
    # Lichfield 2022: every target date is in 2021-2023; none is marked complete in the document.
    assert plan.progress(datetime.date(2021, 1, 1)).overdue == 0
    assert plan.progress(datetime.date(2024, 1, 1)).overdue == 23
    # Two actions are due in November 2021 (recommendation 4), and one 'Dec 21'.
    assert plan.progress(datetime.date(2022, 1, 1)).overdue == 3


def test_a_manual_override_is_flagged_and_keeps_the_figures(owbc):
    services.set_progress_override(owbc, "Substantially complete", "Agreed by SLT, June 2023")
    progress = Plan.objects.with_progress(TODAY).get(pk=owbc.pk).progress()
    assert progress.overridden and progress.override_note == "Agreed by SLT, June 2023"
    assert progress.sentence.startswith("Set by hand: Substantially complete (calculated: 41 of 60 actions")
    rec = owbc.recommendations.with_actions()[1]
    services.set_progress_override(rec, "On track")
    assert rec.progress(TODAY).sentence.startswith("Set by hand: On track (calculated: 1 of 6")
    services.set_progress_override(rec, "")
    assert not rec.progress(TODAY).overridden


def _a(state: str, rag: str = "", due: datetime.date | None = None) -> SimpleNamespace:
    return SimpleNamespace(state=state, rag=rag, due_date=due)


def test_the_sentence_reads_as_english():
    assert Progress.from_actions([], TODAY).sentence == "No actions"
    assert Progress.from_actions([_a("complete", "blue")], TODAY).sentence == "1 of 1 action complete"
    progress = Progress.from_actions([
        _a("complete", "green"), _a("in_progress", "red", datetime.date(2023, 3, 31)),
        _a("not_accepted"), _a("ongoing", "", datetime.date(2022, 1, 1)), _a("not_started", "amber")], TODAY)
    assert progress.sentence == "1 of 5 actions complete, 1 red, 1 amber, 1 overdue, 1 not accepted"
