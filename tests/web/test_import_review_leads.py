"""The review screen says which leads of the plan being imported have no contact yet, matched as reminders
match them (tracker/reminders: case and spacing do not matter; the council's own mapping only).

Seed 000 (Lichfield, 2022) names its actions' leads by initials: ALL, AT, CT, DM, KS, SF and TT. Seed 004
names no action leads: each recommendation's owners lead its actions (tests/fixtures/gold, read by hand)."""

from __future__ import annotations

import json

from django.urls import reverse

from tests.web.conftest import FIXTURES
from tests.web.test_import_review import upload
from tests.web.test_pages import text_of
from tracker.importers.models import PendingImport
from tracker.reminders import services as reminder_services

LICHFIELD = FIXTURES / "gold" / "000_434456432017fdb1.json"
SEED_004 = FIXTURES / "gold" / "004_a45fdb9e1ebc7908.json"


def review_page(client, council):
    upload(client, council, LICHFIELD.name, LICHFIELD.read_bytes())
    pending = PendingImport.objects.get()
    return client.get(reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk}))


def test_the_review_lists_the_leads_with_no_contact(client_for, council, other_council, colleague):
    reminder_services.map_lead(council, "ct", "Carol Tan", "carol.tan@example.gov.uk")
    reminder_services.map_lead(council, " SF ", "Sam Fry", "sam.fry@example.gov.uk")
    # Another council's contact for KS is not this council's: KS still has none here.
    reminder_services.map_lead(other_council, "KS", "Kim Shaw", "kim.shaw@example.gov.uk")
    response = review_page(client_for(colleague), council)
    assert response.status_code == 200
    assert ("5 leads have no contact yet: ALL, AT, DM, KS, TT. Add them on Lead contacts after saving."
            in text_of(response))
    assert f'href="{reverse("reminders:contacts", kwargs={"slug": council.slug})}"' in response.content.decode()


def test_one_lead_without_a_contact_is_named_in_the_singular(client_for, council, colleague):
    for lead in ("ALL", "AT", "CT", "DM", "KS", "SF"):
        reminder_services.map_lead(council, lead, f"Officer {lead}", f"{lead.lower()}@example.gov.uk")
    page = text_of(review_page(client_for(colleague), council))
    assert "1 lead has no contact yet: TT. Add it on Lead contacts after saving." in page


def test_no_inset_when_every_lead_has_a_contact(client_for, council, colleague):
    for lead in ("ALL", "AT", "CT", "DM", "KS", "SF", "TT"):
        reminder_services.map_lead(council, lead, f"Officer {lead}", f"{lead.lower()}@example.gov.uk")
    response = review_page(client_for(colleague), council)
    assert "no contact yet" not in text_of(response)
    assert 'id="unmapped-leads"' not in response.content.decode()


def test_actions_naming_no_lead_count_their_recommendations_owners(council):
    reminder_services.map_lead(council, "chief executive", "Chris Eve", "chris.eve@example.gov.uk")
    plan_dict = json.loads(SEED_004.read_text())
    assert reminder_services.unmapped_parsed_leads(council, plan_dict) == [
        "Comms Manager", "Corporate Projects & IT Manager", "Customer Service Improvement Manager", "Head of CS&T",
        "Head of Customer Service & Transformation", "Head of Finance", "Head of Law & Democracy", "HR Lead",
        "Legal & Democratic Services Manager", "Project & IT Manager", "Strategic Director",
        "Strategic Director (S151 Officer)",
    ]
