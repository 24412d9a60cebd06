"""Every real published plan in tests/fixtures/realplans, in each form it comes in, is uploaded, read by the
importer, repaired on the review screen to its checked reading (gold) and saved; the saved plan, exported as
the interchange format, scores 1.000 against the gold. The number of form submissions that took is counted
(tests/support/repair.py) and printed with ``-s``: the README's table of steps comes from here.

The importer is being rewritten, so what each document reads as (and so its steps) changes; what must not
change is that any reading can be brought to the checked one on the review screen."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.parser._seeds import _scorer
from tests.support.repair import next_step
from tests.web.conftest import FIXTURES
from tests.web.test_import_review import form_fields, upload
from tracker.exchange.interchange import plan_interchange
from tracker.importers.models import PendingImport
from tracker.plans.models import Plan

REALPLANS = FIXTURES / "realplans"
FORMS = {"src": "txt", "docx": "docx", "pdf": "pdf", "html": "html"}
DOCUMENTS = sorted(path for folder, suffix in FORMS.items()
                   for path in (REALPLANS / folder).glob(f"*.{suffix}")) if REALPLANS.exists() else []
MAX_STEPS = 200  # a runaway loop is a bug in the driver, not a long plan


def f1(gold: dict, reading: dict) -> float:
    tally, _ = _scorer().score_plan(gold, reading)
    return tally.totals()[5]


@pytest.mark.parametrize("document", DOCUMENTS, ids=[f"{p.parent.name}/{p.name}" for p in DOCUMENTS])
def test_a_real_plan_is_repaired_to_its_checked_reading_on_the_review_screen(client_for, council, colleague,
                                                                             document: Path):
    gold = json.loads((REALPLANS / "gold" / f"{document.stem}.json").read_text())
    client = client_for(colleague)
    response = upload(client, council, document.name, document.read_bytes())
    if response.status_code != 302:
        pytest.skip(f"the importer refuses {document.name} today: nothing to review")
    pending = PendingImport.objects.get()
    url = reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})
    read_f1 = f1(gold, pending.parsed_json)
    steps, typed, characters = 0, 0, 0
    while True:
        pending.refresh_from_db()
        step = next_step(pending.reviewed_json, gold)
        steps, typed, characters = steps + 1, typed + step.typed, characters + step.characters
        response = client.post(url, {**form_fields(client.get(url).content.decode()), **step.fields,
                                     "op": step.op})
        assert response.status_code == 302, (step.op, re.findall(r'<li><a href="#[^"]*">([^<]*)</a></li>',
                                                                 response.content.decode()))
        if step.op == "save":
            break
        assert steps < MAX_STEPS
    saved = Plan.objects.get()
    assert f1(gold, plan_interchange(saved)) == 1.0
    print(f"\nSTEPS {document.parent.name}/{document.name}: read {read_f1:.3f}, {steps} submissions, "
          f"{typed} fields typed, {characters} characters")
