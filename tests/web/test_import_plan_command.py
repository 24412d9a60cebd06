"""python manage.py import_plan FILE --council SLUG saves without review and prints what it saved."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from tests.web.conftest import FIXTURES
from tracker.plans.models import Action, Plan

SEED = FIXTURES / "seeds" / "002_92d1a37e39293310.txt"
GOLD = json.loads((FIXTURES / "gold" / "002_92d1a37e39293310.json").read_text())


def test_it_saves_the_plan_and_says_what_it_saved(council, owner, capsys):
    call_command("import_plan", str(SEED), council=council.slug, user=owner.username)
    out = capsys.readouterr().out
    plan = Plan.objects.defer(None).get()
    # Seed 002 (Warwick, hand-checked in its gold reading): 9 recommendations, 16 actions.
    assert (plan.recommendations.count(), plan.actions.count()) == (9, 16)
    assert len(GOLD["recommendations"]) == 9 and sum(len(r["actions"]) for r in GOLD["recommendations"]) == 16
    assert plan.title == GOLD["title"] and plan.council == council and plan.imported_by == owner
    assert bytes(plan.source_file) == SEED.read_bytes() and plan.source_filename == SEED.name
    assert f"Saved plan {plan.pk}: '{GOLD['title']}' for {council.name}" in out
    assert "9 recommendations, 16 actions" in out
    assert "Recommendation 1: 4 actions" in out and "Recommendation 9: 1 action\n" in out


def test_an_unknown_council_is_an_error(db):
    with pytest.raises(CommandError, match="no council with the slug 'nowhere'"):
        call_command("import_plan", str(SEED), council="nowhere")


def test_an_unreadable_file_is_an_error_and_saves_nothing(council, tmp_path):
    bad = tmp_path / "plan.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CommandError, match="plan.docx"):
        call_command("import_plan", str(bad), council=council.slug)
    assert Plan.objects.count() == 0 and Action.objects.count() == 0
