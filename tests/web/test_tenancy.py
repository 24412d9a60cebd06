"""Tenancy (docs/adr/0003): every URL pattern under /c/<slug>/ is walked with named users.

A user of another council gets 404 for every URL, by GET and by POST, both with the council's own slug and
with their own council's slug and this council's object ids. A viewer can change nothing (403, or 405 where
the page takes no POST). A new URL with an id this test does not know fails here until it is added below.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tracker.accounts.models import Membership
from tracker.exchange.models import SheetUpload
from tracker.importers.models import PendingImport
from tracker.importers.review import prepare
from tracker.plans import services
from tracker.reminders import services as reminder_services
from tracker.reminders import tokens
from tracker.reminders.models import ReportingDate
from tracker.reports.models import ReportIssue


def council_patterns() -> list[tuple[str, list[str]]]:
    """(URL name with namespace, its keyword arguments) for every pattern whose path has a council slug."""
    found = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and "<slug:slug>" in route and p.name:
                found.append((namespace + p.name, list(p.pattern.converters) + ["slug"]))

    walk(get_resolver().url_patterns, "", "")
    return sorted({(name, tuple(sorted(set(kwargs)))) for name, kwargs in found})


@pytest.fixture
def objects(council, owner, colleague, plan):
    """One object of every kind a URL can address, all in ``council``."""
    action = plan.actions.order_by("recommendation__position", "position").first()
    extension = services.request_extension(action, datetime.date(2022, 6, 30), "June 2022",
                                           "Waiting for the restructure", requested_by=colleague)
    pending = PendingImport.objects.create(council=council, uploaded_by=owner, filename="plan.json",
                                           data=b"{}", parsed_json=plan.parsed_json or {},
                                           reviewed_json=prepare(plan.parsed_json or {}))
    sheet_upload = SheetUpload.objects.create(plan=plan, uploaded_by=colleague, filename="plan.csv",
                                              data=b"Action ID\r\n", digest="")
    report = ReportIssue.objects.create(plan=plan, as_at=datetime.date(2022, 6, 1), committee="Cabinet",
                                        meeting_date=datetime.date(2022, 6, 14), snapshot={}, docx=b"docx",
                                        pdf=b"%PDF")
    mapping = reminder_services.map_lead(council, "CT", "Carol Tan", "carol.tan@example.gov.uk")
    reporting_date = ReportingDate.objects.create(plan=plan, date=datetime.date(2022, 6, 14), meeting="Cabinet")
    link, _ = tokens.issue(mapping.contact, reporting_date)
    return {
        "mapping_id": mapping.pk, "reporting_date_id": reporting_date.pk, "link_id": link.pk,
        "plan_id": plan.pk, "action_id": action.pk, "pending_id": pending.pk, "extension_id": extension.pk,
        "report_id": report.pk,
        "recommendation_id": action.recommendation_id,
        "membership_id": Membership.objects.get(user=colleague).pk,
        "sheet_upload_id": sheet_upload.pk,
    }


def url(name: str, kwargs: tuple[str, ...], slug: str, objects: dict[str, int]) -> str:
    unknown = set(kwargs) - set(objects) - {"slug"}
    assert not unknown, f"{name} takes {unknown}: add an object of that kind to test_tenancy.objects"
    return reverse(name, kwargs={k: slug if k == "slug" else objects[k] for k in kwargs})


PATTERNS = council_patterns()


def test_the_walk_finds_the_council_pages():
    names = {name for name, _ in PATTERNS}
    assert {"users", "importers:upload", "importers:review", "importers:source"} <= names
    # Adding and removing rows after saving (issue 10).
    assert {"plans:recommendation_add", "plans:action_add", "plans:recommendation_remove",
            "plans:action_remove"} <= names
    # Reading the document again with a hint (issue 10).
    assert "importers:read_again" in names


@pytest.mark.parametrize(("name", "kwargs"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_a_user_of_another_council_gets_404(client_for, council, other_council, outsider, objects, name,
                                            kwargs):
    client = client_for(outsider)
    for slug in (council.slug, other_council.slug):
        address = url(name, kwargs, slug, objects)
        if slug == other_council.slug and kwargs == ("slug",):
            continue  # a page of the outsider's own council with no id of ours: theirs to see
        got = client.get(address).status_code
        posted = client.post(address, {"action": "remove", "op": "save"}).status_code
        # 405 answers a method the page never takes, whatever the ids: it reveals nothing. The method it
        # does take must say 404.
        assert got in (404, 405) and posted in (404, 405) and 404 in (got, posted), \
            f"{address}: GET {got}, POST {posted}"


@pytest.mark.parametrize(("name", "kwargs"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_a_member_of_the_council_is_not_refused(client_for, council, owner, objects, name, kwargs):
    address = url(name, kwargs, council.slug, objects)
    assert client_for(owner).get(address).status_code in (200, 302, 405), f"GET {address}"


@pytest.mark.parametrize(("name", "kwargs"), PATTERNS, ids=[name for name, _ in PATTERNS])
def test_a_viewer_cannot_change_anything(client_for, council, viewer, objects, name, kwargs):
    address = url(name, kwargs, council.slug, objects)
    response = client_for(viewer).post(address, {"action": "remove", "op": "save", "state": "complete",
                                                 "membership": objects["membership_id"]})
    assert response.status_code in (403, 405), f"POST {address} gave {response.status_code}"


def test_a_viewer_sees_the_plan_but_no_import_or_users_page(client_for, council, viewer):
    client = client_for(viewer)
    assert client.get(reverse("importers:upload", kwargs={"slug": council.slug})).status_code == 403
    assert client.get(reverse("users", kwargs={"slug": council.slug})).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, council, objects):
    for name, kwargs in PATTERNS:
        address = url(name, kwargs, council.slug, objects)
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), address


def test_home_lists_only_the_users_own_councils(client_for, council, other_council, owner, outsider):
    Membership.objects.create(user=owner, council=other_council, role="viewer")
    html = client_for(owner).get(reverse("home")).content.decode()
    assert council.name in html and other_council.name in html
    response = client_for(outsider).get(reverse("home"))
    assert council.name not in response.content.decode()


def test_refusals_are_pages_that_say_what_happened(client_for, council, viewer, outsider):
    response = client_for(viewer).get(reverse("users", kwargs={"slug": council.slug}))
    assert response.status_code == 403
    assert "You need the admin role in this council to do that." in response.content.decode()
    response = client_for(outsider).get(reverse("users", kwargs={"slug": council.slug}))
    assert response.status_code == 404 and "Page not found" in response.content.decode()
    assert council.name not in response.content.decode()
