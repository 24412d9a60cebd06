"""Publishing a plan and reading it as the public; an admin creating an API token. Chromium, axe on every page.

The plan is Lichfield's 2022 plan (seed 000) as a Word document, imported as the import journey does.
"""

from __future__ import annotations

import csv
import io
import json

from playwright.sync_api import expect

from tests.browser.test_journeys import import_lichfield
from tracker.api.models import ApiToken
from tracker.plans.models import Plan


def test_an_editor_publishes_a_plan_and_the_public_reads_and_downloads_it(signed_in, axe, council, editor,
                                                                          browser, live_server):
    page = signed_in
    plan = import_lichfield(council, editor)
    page.goto(f"/c/{council.slug}/plans/{plan.pk}/")
    axe.check(page)
    page.get_by_role("link", name="Publish or withdraw this plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publishing and open data")
    expect(page.locator("main")).to_contain_text("Not published")
    axe.check(page)
    page.get_by_role("button", name="Publish this plan").click()
    expect(page.locator("main")).to_contain_text("Plan published")
    axe.check(page)
    assert Plan.objects.get(pk=plan.pk).published

    # Someone with no account, in a fresh browser context.
    public = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    public._visited_pages = page._visited_pages
    public.goto(f"/public/{council.slug}/plans/{plan.pk}/")
    expect(public.get_by_role("heading", level=1)).to_have_text(plan.title)
    expect(public.locator("main")).to_contain_text("Open Government Licence v3.0")
    expect(public.get_by_role("link", name="Open Government Licence v3.0")).to_have_attribute(
        "href", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")
    expect(public.locator("main")).to_contain_text("Review the delivery plan targets")
    axe.check(public)
    public.goto(f"/public/{council.slug}/")
    expect(public.get_by_role("heading", level=1)).to_have_text("Published action plans")
    axe.check(public)
    public.get_by_role("link", name=plan.title).click()
    expect(public.get_by_role("heading", level=1)).to_have_text(plan.title)
    axe.check(public)

    with public.expect_download() as got:
        public.get_by_role("link", name="Actions as a CSV file").click()
    rows = list(csv.DictReader(io.StringIO(got.value.path().read_text(encoding="utf-8-sig"))))
    assert len(rows) == 23 and rows[0]["Action number"] == "1.1"
    with public.expect_download() as got:
        public.get_by_role("link", name="The plan as a JSON file").click()
    data = json.loads(got.value.path().read_text(encoding="utf-8"))
    assert data["metadata"]["licence"]["name"] == "Open Government Licence v3.0"
    public.context.close()

    # Withdrawn: the public address is gone.
    page.get_by_role("button", name="Withdraw this plan").click()
    expect(page.locator("main")).to_contain_text("Plan withdrawn")
    axe.check(page)
    response = page.request.get(f"/public/{council.slug}/plans/{plan.pk}/")
    assert response.status == 404


def test_an_admin_creates_an_api_token_and_revokes_it(page, axe, council, editor, live_server):
    from django.conf import settings
    from django.test import Client

    from tracker.accounts.models import Membership

    Membership.objects.filter(user=editor).update(role="admin")
    client = Client()
    client.force_login(editor)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                               "url": live_server.url}])
    page.goto(f"/api/c/{council.slug}/tokens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    axe.check(page)
    page.get_by_role("button", name="Create token").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what will use the token")
    axe.check(page)
    page.get_by_label("What will use the token?").fill("Performance dashboard")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Token created")
    axe.check(page)
    secret = page.get_by_label("Your new token").input_value()
    response = page.request.get("/api/plans/", headers={"Authorization": f"Bearer {secret}"})
    assert response.status == 200 and response.json() == {"plans": []}

    page.get_by_role("button", name="Revoke Performance dashboard").click()
    expect(page.locator("main")).to_contain_text("revoked")
    axe.check(page)
    assert ApiToken.objects.get().revoked_at is not None
    response = page.request.get("/api/plans/", headers={"Authorization": f"Bearer {secret}"})
    assert response.status == 401
