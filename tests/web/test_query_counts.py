"""The number of database queries a page makes does not grow with the size of the plan.

Plans are cut from seed 004's gold reading (60 actions under 7 recommendations): its first 5 actions against
all 60, each action with a later update, so a query per action or per history entry would show up here.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tracker.accounts.models import Council, Membership
from tracker.plans import services
from tracker.plans.models import Plan

GOLD_004 = Path(__file__).parent.parent / "fixtures" / "gold" / "004_a45fdb9e1ebc7908.json"


def first_actions(n: int) -> dict:
    """Seed 004's plan keeping only its first ``n`` actions (and the recommendations they belong to)."""
    plan = copy.deepcopy(json.loads(GOLD_004.read_text()))
    kept, left = [], n
    for rec in plan["recommendations"]:
        if left <= 0:
            break
        rec["actions"] = rec["actions"][:left]
        left -= len(rec["actions"])
        # Give every action a lead so the lead rows and the by-lead view are exercised.
        for i, action in enumerate(rec["actions"]):
            action["owners"] = [f"Lead {i % 3}", "Chief Executive"]
        kept.append(rec)
    plan["recommendations"] = kept
    return plan


def make_plan(council, user, n: int) -> Plan:
    data = first_actions(n)
    plan = services.save_import(council, user, data, json.dumps(data).encode(), f"plan-{n}.json")
    assert plan.actions.count() == n
    for action in plan.actions.all():
        services.update_action(action, user, {"commentary": "Reviewed at CLT"}, "Quarterly review")
    return plan


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def small_and_large(council, owner):
    big_council = Council.objects.create(name="Big Borough Council", slug="big")
    Membership.objects.create(user=owner, council=big_council, role="admin")
    return make_plan(council, owner, 5), make_plan(big_council, owner, 60)


def test_plan_page_queries_do_not_grow_with_actions(client_for, owner, small_and_large):
    small, large = small_and_large
    client = client_for(owner)
    counts = [count_queries(client, reverse("plans:plan", kwargs={"slug": p.council.slug, "plan_id": p.pk}))
              for p in (small, large)]
    assert counts[0] == counts[1], counts
    assert counts[1] <= 12


def test_filtered_plan_page_queries_do_not_grow(client_for, owner, small_and_large):
    small, large = small_and_large
    client = client_for(owner)
    counts = [count_queries(client, reverse("plans:plan", kwargs={"slug": p.council.slug, "plan_id": p.pk})
                            + "?lead=Chief+Executive&q=the&overdue=on") for p in (small, large)]
    assert counts[0] == counts[1], counts


def test_dashboard_queries_do_not_grow_with_actions(client_for, owner, small_and_large):
    small, large = small_and_large
    client = client_for(owner)
    counts = [count_queries(client, reverse("plans:dashboard", kwargs={"slug": p.council.slug}))
              for p in (small, large)]
    assert counts[0] == counts[1], counts
    assert counts[1] <= 15


def test_leads_queries_do_not_grow_with_actions(client_for, owner, small_and_large):
    small, large = small_and_large
    client = client_for(owner)
    for query in ("", "?name=Chief+Executive"):
        counts = [count_queries(client, reverse("plans:leads", kwargs={"slug": p.council.slug}) + query)
                  for p in (small, large)]
        assert counts[0] == counts[1], (query, counts)


def test_action_page_queries_do_not_grow_with_history(client_for, owner, council, small_and_large):
    small, _ = small_and_large
    quiet, busy = small.actions.order_by("position")[:2]
    for i in range(20):
        services.update_action(busy, owner, {"rag": ["red", "amber"][i % 2]}, f"Review {i}")
    client = client_for(owner)
    counts = [count_queries(client, reverse("plans:action", kwargs={"slug": council.slug, "action_id": a.pk}))
              for a in (quiet, busy)]
    assert counts[0] == counts[1], counts
