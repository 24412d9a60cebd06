"""After saving, in Chromium with axe on every page: an editor adds an action to a recommendation of the
Lichfield plan (seed 000 as a Word document) and removes another, each with a reason; the action's history
and the plan's record of changes say who, when and why."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.test_journeys import import_lichfield
from tracker.plans.models import Action, PlanChange


def test_add_and_remove_an_action_after_saving(signed_in, axe, council, editor):
    page = signed_in
    plan = import_lichfield(council, editor)
    page.goto(f"/c/{council.slug}/plans/{plan.pk}/")
    axe.check(page)

    page.get_by_role("link", name="Add an action to recommendation 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an action to recommendation 2")
    axe.check(page)
    page.get_by_label("Action", exact=True).fill("Report programme progress to Cabinet each quarter")
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the action is being added")
    axe.check(page)
    page.get_by_label("Leads (optional)").fill("KS")
    page.get_by_label("Month").fill("6")
    page.get_by_label("Year").fill("2027")
    page.get_by_label("Why is it being added?").fill("Asked for by Overview and Scrutiny on 4 May")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("alert")).to_contain_text("Action added to Recommendation 2.")
    expect(page.locator("#history ~ .app-timeline")).to_contain_text(
        "Added to the plan by Colin Colleague: Asked for by Overview and Scrutiny on 4 May")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Original target date June 2027")
    axe.check(page)
    added = Action.objects.get(text="Report programme progress to Cabinet each quarter")
    assert added.recommendation.number == "2" and added.lead_names == ["KS"]

    # Remove the recommendation's first action, from its own page.
    first = added.recommendation.actions.order_by("position")[0]
    page.goto(f"/c/{council.slug}/actions/{first.pk}/")
    axe.check(page)
    page.get_by_role("link", name="Remove this action from the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Remove recommendation 2, action 1 from the plan?")
    axe.check(page)
    page.get_by_label("Why is it being removed?").fill("Merged into the new reporting action")
    page.get_by_role("button", name="Remove the action").click()
    expect(page.get_by_role("alert")).to_contain_text("Recommendation 2, action 1 removed.")
    changes = page.locator("#plan-changes + .app-timeline")
    expect(changes).to_contain_text("Action removed: Recommendation 2, action 1, by Colin Colleague")
    expect(changes).to_contain_text("Why: Merged into the new reporting action")
    expect(changes).to_contain_text("Action added: Recommendation 2, action 3, by Colin Colleague")
    axe.check(page)
    assert not Action.objects.filter(pk=first.pk).exists() and plan.actions.count() == 23
    assert PlanChange.objects.filter(plan=plan).count() == 2
