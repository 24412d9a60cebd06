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


def test_clear_pending_imports_deletes_only_old_ones(council, owner, capsys):
    import datetime

    from django.utils import timezone

    from tracker.importers.models import PendingImport

    def pending(age_days: int) -> PendingImport:
        return PendingImport.objects.create(
            council=council, uploaded_by=owner, filename="plan.txt", data=SEED.read_bytes(),
            parsed_json={}, reviewed_json={},
            uploaded_at=timezone.now() - datetime.timedelta(days=age_days))

    old, recent = pending(8), pending(2)
    call_command("clear_pending_imports", days=7)
    assert list(PendingImport.objects.values_list("pk", flat=True)) == [recent.pk]
    assert "Deleted 1 pending import older than 7 days." in capsys.readouterr().out
    assert old.pk not in PendingImport.objects.values_list("pk", flat=True)
