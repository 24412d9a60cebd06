"""Which leads a council has, who has no contact, and new imports picking up mappings made before them.

Counts are read from the seeds by hand (tests/fixtures/seeds, tests/fixtures/gold):

- 000 (Lichfield 2022): leads by initials; CT leads 8 actions, SF 5, DM 4, KS 3, TT, ALL and AT 1; none complete.
- 002 (2023 plan): action leads Director (Finance) 6, Monitoring Officer 5, Cabinet 2, ELB 2, Senior Policy &
  Programme Manager 2, CX 1, Service Lead (HR) 1, All 1.
- 003: every action names its own lead; 'Executive Director of Corporate Resources' is printed only as the
  owner of recommendations 2 and 8.
- 004 (Oadby and Wigston, June 2023): no action names a lead; each recommendation has an "SLT Lead – … /
  Officer Lead – …" line. Recommendation 1 ("SLT Lead – Chief Executive/Officer Lead – Strategic Director") has
  7 actions, 6 marked completed; recommendation 2 ("SLT Lead – Strategic Director/Head of CS&T/HR Lead/Comms
  Manager") has 6, 1 completed. Recommendations 6 (12 actions, 7 completed) and 7 (3, none completed) name
  nobody.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.web.conftest import FIXTURES, import_gold
from tracker.plans.models import Action, Plan
from tracker.reminders import services
from tracker.reminders.models import ReportingDate

MEETING = datetime.date.today() + datetime.timedelta(days=40)
SEND_DAY = MEETING - datetime.timedelta(days=14)
OADBY = "004_a45fdb9e1ebc7908"


@pytest.fixture
def plan_004_due(council, owner) -> Plan:
    """Oadby and Wigston's plan with its Strategic Director mapped and the reminders for Cabinet sent."""
    plan = import_gold(council, owner, OADBY)
    services.map_lead(council, "Strategic Director", "Sara Dale", "sara.dale@example.gov.uk")
    ReportingDate.objects.create(plan=plan, date=MEETING, meeting="Cabinet", days_before=14)
    services.send_due_reminders(SEND_DAY)
    return plan


def _counts(leads: list[services.Lead]) -> dict[str, tuple[int, int]]:
    return {lead.name: (lead.actions, lead.open_actions) for lead in leads}


def test_a_plan_imported_after_the_mapping_uses_it(council, owner, capsys):
    # Mapped while the council has only the Lichfield plan, where the lead is printed "ALL".
    import_gold(council, owner, "000_434456432017fdb1")
    contact = services.map_lead(council, "ALL", "All directors", "directors@example.gov.uk").contact
    # The 2023 plan, read from the Word document by the importer, prints it "All": the same lead.
    call_command("import_plan", str(FIXTURES / "seeds" / "002_92d1a37e39293310.docx"), "--council", council.slug)
    later = Plan.objects.filter(council=council).latest("id")
    actions = list(contact.open_actions(later))
    # The one action printed "Cabinet/ELB/All": three leads, one of them this contact.
    assert [a.lead_names for a in actions] == [["Cabinet", "ELB", "All"]]
    ReportingDate.objects.create(plan=later, date=MEETING, meeting="Audit Committee", days_before=14)
    assert {r.contact.email: len(r.actions) for r in services.due_reminders(SEND_DAY)} == {
        "directors@example.gov.uk": 1}
    # The new plan's other leads have no contact yet, and are listed with what they lead.
    unmapped = _counts(services.unmapped_leads(council))
    assert unmapped["Director (Finance)"] == (6, 6) and unmapped["Monitoring Officer"] == (5, 5)
    assert "ALL" not in unmapped and "All" not in unmapped


def test_a_recommendations_owners_lead_its_actions_that_name_no_lead(council, owner):
    plan = import_gold(council, owner, OADBY)
    leads = _counts(services.council_leads(council))
    assert leads["Chief Executive"] == (7, 1)
    assert leads["Strategic Director"] == (13, 6)  # recommendations 1 and 2
    assert leads["Head of CS&T"] == (6, 5)
    # A different title, not the same lead.
    assert leads["Strategic Director (S151 Officer)"][0] == 8
    assert all(lead.contact is None for lead in services.council_leads(council))
    contact = services.map_lead(council, "strategic director", "Sara Dale", "sara.dale@example.gov.uk").contact
    texts = [a.text for a in contact.open_actions(plan)]
    assert len(texts) == 6
    assert texts[0].startswith("Launch Vision")
    assert texts[1].startswith("Refresh the Council’s Corporate Plan Strategy")


def test_an_actions_own_lead_beats_its_recommendations_owner(council, owner):
    plan = import_gold(council, owner, "003_46970d322b9b8053")
    names = {lead.name for lead in services.council_leads(council)}
    assert "Executive Director of Corporate Resources" not in names
    contact = services.map_lead(council, "Executive Director of Corporate Resources", "Eve Dunn",
                                "eve.dunn@example.gov.uk").contact
    assert contact.open_actions(plan).count() == 0


def test_recommendation_owners_get_the_reminder_and_the_page(client, plan_004_due):
    plan = plan_004_due
    (message,) = [m for m in mail.outbox if m.to == ["sara.dale@example.gov.uk"]]
    assert message.body.count("State: ") == 6 and "Launch Vision" in message.body
    assert "Review Apprenticeship" not in message.body  # recommendation 6 names nobody
    html = client.get(re.search(r"https?://[^/\s]+(/update/\S+/)", message.body).group(1)).content.decode()
    assert html.count('<section class="govuk-!-margin-bottom-8"') == 6
    assert Action.objects.filter(plan=plan).count() == 60


def test_the_plan_page_lists_its_leads_with_no_contact_and_actions_with_no_lead(client_for, council, colleague,
                                                                                  plan_004_due):
    html = client_for(colleague).get(reverse("reminders:plan", kwargs={"slug": council.slug,
                                                                       "plan_id": plan_004_due.pk})).content.decode()
    # Recommendation 6 leaves 5 open, recommendation 7 all 3.
    assert "8 open actions in this plan name no lead" in html
    assert "No reminders go to 12 leads in this plan with no contact" in html  # all but the Strategic Director
    assert "Chief Executive" in html and "Strategic Director (S151 Officer)" in html


def test_the_contacts_page_lists_recommendation_owners(client_for, council, colleague, owner):
    import_gold(council, owner, OADBY)
    html = client_for(colleague).get(reverse("reminders:contacts", kwargs={"slug": council.slug})).content.decode()
    assert "13 leads have no contact" in html
    assert "Head of Law &amp; Democracy" in html
