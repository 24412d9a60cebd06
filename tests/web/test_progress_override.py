"""Progress set by hand, through the pages: an editor sets a statement for a plan or a recommendation with a
reason; it is shown as set by hand beside the calculated figures, never in their place; blank clears it.

Seed 000 (Lichfield, 2022): 9 recommendations, 23 actions, none marked complete; recommendation 1 has 3
actions."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import FIXTURES
from tests.web.test_pages import text_of
from tracker.plans.models import Plan


def override_url(council, plan, rec=None) -> str:
    url = reverse("plans:progress_override", kwargs={"slug": council.slug, "plan_id": plan.pk})
    return f"{url}?recommendation={rec.pk}" if rec else url


def plan_url(council, plan) -> str:
    return reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": plan.pk})


def test_an_editor_sets_the_plans_progress_by_hand_and_the_figures_stay(client_for, colleague, council, plan):
    client = client_for(colleague)
    page = text_of(client.get(plan_url(council, plan)))
    assert "Set the plan's progress by hand" in page
    assert "0 of 23 actions complete" in text_of(client.get(override_url(council, plan)))

    response = client.post(override_url(council, plan), {"text": "Substantially complete",
                                                          "note": "Agreed by CLT, 4 March"})
    assert response.status_code == 302 and response.url == plan_url(council, plan)
    plan.refresh_from_db()
    assert (plan.progress_override, plan.progress_override_note) == ("Substantially complete",
                                                                      "Agreed by CLT, 4 March")
    page = text_of(client.get(plan_url(council, plan)))
    assert "Set by hand: Substantially complete" in page
    assert "0 of 23 actions complete" in page
    assert "Why progress was set by hand: Agreed by CLT, 4 March" in page


def test_who_set_the_plans_progress_and_when_is_recorded_shown_and_cleared(client_for, colleague, council, plan):
    client = client_for(colleague)
    before = timezone.now()
    client.post(override_url(council, plan), {"text": "Substantially complete", "note": "Agreed by CLT"})
    plan.refresh_from_db()
    assert plan.progress_override_by == colleague
    assert before <= plan.progress_override_at <= timezone.now()

    # A fixed moment, so the page's wording is checked against a date written out by hand.
    Plan.objects.filter(pk=plan.pk).update(
        progress_override_at=datetime.datetime(2026, 3, 3, 10, 30, tzinfo=datetime.UTC))
    assert "Set by hand by Colin Colleague on 3 March 2026" in text_of(client.get(plan_url(council, plan)))

    # Clearing the statement clears who and when with it.
    client.post(override_url(council, plan), {"text": "", "note": ""})
    plan.refresh_from_db()
    assert (plan.progress_override_by, plan.progress_override_at) == (None, None)
    assert "Set by hand" not in text_of(client.get(plan_url(council, plan)))


def test_who_set_a_recommendations_progress_is_shown_and_survives_their_account(client_for, colleague, owner,
                                                                                council, plan):
    rec = plan.recommendations.order_by("position").first()
    client_for(colleague).post(override_url(council, plan, rec), {"text": "On track", "note": "Cabinet"})
    rec.refresh_from_db()
    assert rec.progress_override_by == colleague
    rec.progress_override_at = datetime.datetime(2026, 3, 3, 10, 30, tzinfo=datetime.UTC)
    rec.save(update_fields=["progress_override_at"])
    plan.refresh_from_db()
    assert plan.progress_override_by is None  # the plan's own statement is untouched
    page = text_of(client_for(owner).get(plan_url(council, plan)))
    assert "Set by hand by Colin Colleague on 3 March 2026" in page

    # The person leaves: the statement and its date stay, without a name.
    colleague.delete()
    rec.refresh_from_db()
    assert rec.progress_override_by is None and rec.progress_override == "On track"
    page = text_of(client_for(owner).get(plan_url(council, plan)))
    assert "Set by hand on 3 March 2026" in page


def test_a_recommendations_progress_can_be_set_and_cleared(client_for, colleague, council, plan):
    client = client_for(colleague)
    rec = plan.recommendations.order_by("position").first()
    assert rec.number == "1" and rec.actions.count() == 3
    response = client.post(override_url(council, plan, rec), {"text": "Delivered through the new plan",
                                                               "note": "Cabinet, 12 March"})
    assert response.status_code == 302 and response.url.endswith(f"#rec-{rec.pk}")
    rec.refresh_from_db()
    assert rec.progress_override == "Delivered through the new plan"
    page = text_of(client.get(plan_url(council, plan)))
    assert "Set by hand: Delivered through the new plan (calculated: 0 of 3 actions complete" in page
    assert "Why progress was set by hand: Cabinet, 12 March" in page
    # The plan as a whole is unaffected.
    assert Plan.objects.get(pk=plan.pk).progress_override == ""

    client.post(override_url(council, plan, rec), {"text": "", "note": ""})
    rec.refresh_from_db()
    assert (rec.progress_override, rec.progress_override_note) == ("", "")
    assert "Set by hand" not in text_of(client.get(plan_url(council, plan)))


def test_a_statement_without_a_reason_is_refused_and_nothing_saved(client_for, colleague, council, plan):
    response = client_for(colleague).post(override_url(council, plan), {"text": "On track", "note": " "})
    assert response.status_code == 400
    assert "Say why progress is being set by hand" in text_of(response)
    plan.refresh_from_db()
    assert plan.progress_override == ""


def test_a_viewer_sees_no_link_and_cannot_set_progress(client_for, viewer, council, plan):
    client = client_for(viewer)
    assert "by hand" not in text_of(client.get(plan_url(council, plan)))
    assert client.get(override_url(council, plan)).status_code == 403
    assert client.post(override_url(council, plan), {"text": "Done", "note": "x"}).status_code == 403
    plan.refresh_from_db()
    assert plan.progress_override == ""


def test_another_councils_user_and_recommendation_get_404(client_for, outsider, colleague, council, plan,
                                                          other_plan):
    assert client_for(outsider).post(override_url(council, plan), {"text": "x", "note": "y"}).status_code == 404
    # A recommendation of another council's plan, through this council's plan: not found either.
    foreign = other_plan.recommendations.first()
    assert client_for(colleague).post(override_url(council, plan, foreign),
                                      {"text": "x", "note": "y"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.progress_override == ""


def test_the_plan_page_says_who_imported_which_file_and_links_to_it(client_for, viewer, council, plan):
    response = client_for(viewer).get(plan_url(council, plan))
    page = text_of(response)
    assert (f"Imported from 000_434456432017fdb1.json by Olivia Owner on {plan.imported_at:%-d %B %Y}"
            in page)
    source = reverse("importers:source", kwargs={"slug": council.slug, "plan_id": plan.pk})
    assert f'href="{source}"' in response.content.decode()
    assert client_for(viewer).get(source).content == (FIXTURES / "gold" / "000_434456432017fdb1.json").read_bytes()


def test_the_plan_page_gives_the_peer_challenge_date(client_for, viewer, council, plan):
    # The document does not give the date: it is typed on the review screen (the interchange format has no
    # field for it), so any date will do here.
    plan.peer_challenge_date = datetime.date(2021, 11, 9)
    plan.save(update_fields=["peer_challenge_date"])
    assert "Corporate peer challenge of 9 November 2021" in text_of(client_for(viewer).get(plan_url(council, plan)))
