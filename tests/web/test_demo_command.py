"""python manage.py demo: a demonstration council with the five seeds read by the parser, three users."""

from __future__ import annotations

import json

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from tests.web.conftest import FIXTURES
from tracker.accounts.models import Council, Membership
from tracker.plans.models import Plan


def gold_counts() -> dict[str, tuple[int, int]]:
    """Recommendations and actions per seed title, from the hand-checked readings."""
    counts = {}
    for path in sorted((FIXTURES / "gold").glob("*.json")):
        plan = json.loads(path.read_text())
        counts[plan["title"]] = (len(plan["recommendations"]),
                                 sum(len(r["actions"]) for r in plan["recommendations"]))
    return counts


def test_demo_creates_the_council_plans_and_users_and_says_how_to_sign_in(db, capsys):
    call_command("demo")
    out = capsys.readouterr().out
    council = Council.objects.get(slug="demo")
    plans = {p.title: (p.recommendations.count(), p.actions.count()) for p in Plan.objects.filter(council=council)}
    assert plans == gold_counts()
    assert {m.user.username: m.role for m in Membership.objects.filter(council=council)} == {
        "admin": "admin", "editor": "editor", "viewer": "viewer"}
    assert "/accounts/login/" in out and "admin, editor, viewer" in out
    password = out.split("password for each: ")[1].split(")")[0]
    client = Client()
    assert client.post("/accounts/login/", {"username": "viewer", "password": password}).status_code == 302
    assert client.get("/c/demo/").status_code == 200


def test_demo_is_idempotent(db, capsys):
    call_command("demo")
    call_command("demo")
    assert Council.objects.filter(slug="demo").count() == 1
    assert Plan.objects.count() == 5 and User.objects.count() == 3
    assert capsys.readouterr().out.count("Already there:") == 5
