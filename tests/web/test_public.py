"""The public page and open data of a published plan (Lichfield's 2022 plan, seed 000), and publishing it.

Expected values come from the hand-checked reading tests/fixtures/gold/000_434456432017fdb1.json, read here
independently of the code under test.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import escape

from tracker.plans import services
from tracker.plans.models import Plan
from tracker.public.models import PublicationEvent
from tracker.public.services import set_published

GOLD = json.loads((Path(__file__).parent.parent / "fixtures" / "gold" / "000_434456432017fdb1.json")
                  .read_text(encoding="utf-8"))
GOLD_ACTIONS = [(r, a) for r in GOLD["recommendations"] for a in r["actions"]]
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

INTERNAL_COMMENT = "Spoke to the monitoring officer about the restructure"
EXTENSION_REASON = "Waiting for the new chief executive to start"
PUBLIC_COMMENTARY = "Goals agreed at Cabinet in March"


def public_urls(plan: Plan) -> dict[str, str]:
    kwargs = {"council": plan.council.slug, "plan_id": plan.pk}
    return {name: reverse(f"public:{name}", kwargs=kwargs)
            for name in ("plan", "plan_csv", "plan_csv_metadata", "plan_json")}


@pytest.fixture
def first_action(plan):
    return plan.actions.order_by("recommendation__position", "position").first()


@pytest.fixture
def worked_plan(plan, colleague, first_action):
    """The plan after a month's work: a progress note (public), a comment and an extension (internal)."""
    services.update_action(first_action, colleague, {"state": "in_progress", "commentary": PUBLIC_COMMENTARY},
                           comment=INTERNAL_COMMENT)
    services.record_extension(first_action, colleague, datetime.date(2022, 7, 31), "July 2022",
                              EXTENSION_REASON, decided_by_label="Leadership team, 12 May")
    set_published(plan, True, colleague)
    return plan


def test_an_unpublished_plan_is_not_found_at_any_public_address(client, client_for, plan, owner):
    assert not plan.published
    for address in [*public_urls(plan).values(), reverse("public:council", args=[plan.council.slug])]:
        assert client.get(address).status_code == 404, address
        # Not even for the council's own members: the public address is not a back door to the plan.
        assert client_for(owner).get(address).status_code == 404, address


def test_a_plan_of_another_council_is_not_found_under_this_councils_name(client, plan, other_plan,
                                                                         outsider):
    set_published(other_plan, True, outsider)
    address = reverse("public:plan", kwargs={"council": plan.council.slug, "plan_id": other_plan.pk})
    assert client.get(address).status_code == 404


def test_an_editor_publishes_and_withdraws_a_plan(client, client_for, plan, colleague):
    editor = client_for(colleague)
    page = reverse("public:publishing", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    html = editor.get(page).content.decode()
    assert "Not published" in html and "Publish this plan" in html

    assert editor.post(page, {"publish": "yes"}).status_code == 302
    plan.refresh_from_db()
    assert plan.published
    event = PublicationEvent.objects.get(plan=plan)
    assert event.published and event.by_user == colleague and event.by_label == "Colin Colleague"
    assert client.get(public_urls(plan)["plan"]).status_code == 200
    assert "Published by Colin Colleague" in editor.get(page).content.decode()

    assert editor.post(page, {"publish": "no"}).status_code == 302
    plan.refresh_from_db()
    assert not plan.published
    assert PublicationEvent.objects.filter(plan=plan).count() == 2
    for address in public_urls(plan).values():
        assert client.get(address).status_code == 404, address


def test_publishing_twice_records_one_event(plan, colleague):
    assert set_published(plan, True, colleague) is not None
    assert set_published(plan, True, colleague) is None
    assert PublicationEvent.objects.filter(plan=plan).count() == 1


def test_a_viewer_sees_the_publishing_page_but_cannot_publish(client_for, plan, viewer):
    client = client_for(viewer)
    page = reverse("public:publishing", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    html = client.get(page).content.decode()
    assert "Not published" in html and "Publish this plan" not in html
    assert client.post(page, {"publish": "yes"}).status_code == 403
    plan.refresh_from_db()
    assert not plan.published


def test_the_publishing_form_needs_a_csrf_token(plan, colleague):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(colleague)
    page = reverse("public:publishing", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    assert client.post(page, {"publish": "yes"}).status_code == 403
    plan.refresh_from_db()
    assert not plan.published


def test_the_plan_page_links_to_publishing_for_editors(client_for, plan, colleague):
    html = client_for(colleague).get(reverse("plans:plan", args=[plan.council.slug, plan.pk])).content.decode()
    assert reverse("public:publishing", kwargs={"slug": plan.council.slug, "plan_id": plan.pk}) in html
    assert public_urls(plan)["plan"] not in html  # not published yet: no public link
    set_published(plan, True, colleague)
    html = client_for(colleague).get(reverse("plans:plan", args=[plan.council.slug, plan.pk])).content.decode()
    assert public_urls(plan)["plan"] in html


def test_the_public_page_shows_the_plan_without_signing_in(client, worked_plan):
    response = client.get(public_urls(worked_plan)["plan"])
    assert response.status_code == 200
    html = response.content.decode()
    assert GOLD["title"] in html and "Lichfield District Council" in html
    for rec, action in GOLD_ACTIONS:
        assert f"Recommendation {rec['number']}" in html
        assert escape(action["text"]) in html
    assert PUBLIC_COMMENTARY in html
    assert "July 2022" in html and "Originally April 2022" in html
    # The licence, named and linked, and the downloads.
    assert OGL in html and "Open Government Licence v3.0" in html
    for address in public_urls(worked_plan).values():
        assert address in html
    # No way into the internal pages from here.
    assert "Sign out" not in html and f"/c/{worked_plan.council.slug}/" not in html


def test_the_public_page_and_files_leave_out_what_is_internal(client, worked_plan):
    for name, address in public_urls(worked_plan).items():
        body = client.get(address).content.decode("utf-8-sig")
        for internal in (INTERNAL_COMMENT, EXTENSION_REASON, "Colin Colleague", "Olivia Owner", "Leadership team",
                         worked_plan.source_filename, worked_plan.source_sha256):
            assert internal not in body, f"{name} shows {internal!r}"


def test_imported_html_is_shown_as_text(client, worked_plan, colleague, first_action):
    services.update_action(first_action, colleague, {"text": "<script>alert('x')</script> Review targets"})
    html = client.get(public_urls(worked_plan)["plan"]).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Review targets" in html


def test_the_csv_file_has_a_row_per_action_as_the_plan_says(client, worked_plan):
    response = client.get(public_urls(worked_plan)["plan_csv"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'<{OGL}>; rel="license"' in response["Link"]
    assert public_urls(worked_plan)["plan_csv_metadata"] in response["Link"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == len(GOLD_ACTIONS) == 23
    for row, (rec, action) in zip(rows, GOLD_ACTIONS, strict=True):
        assert row["Recommendation number"] == rec["number"]
        assert row["Action"] == action["text"]
        assert row["Leads"] == "; ".join(action["owners"])
        assert row["Original target date (ISO 8601)"] == action["due"]["date"]
        assert row["RAG colour"] == action["status"]
    first = rows[0]
    assert first["Action number"] == "1.1"
    assert first["Original target date"] == "April 2022"
    assert (first["Current target date"], first["Current target date (ISO 8601)"]) == ("July 2022", "2022-07-31")
    assert first["Target date moved"] == "yes" and rows[1]["Target date moved"] == "no"
    assert first["State"] == "In progress" and first["Progress commentary"] == PUBLIC_COMMENTARY
    assert [r["Action number"] for r in rows[:4]] == ["1.1", "1.2", "1.3", "2.1"]


def test_a_csv_cell_that_a_spreadsheet_would_run_is_defused(client, worked_plan, colleague, first_action):
    services.update_action(first_action, colleague, {"commentary": '=HYPERLINK("http://evil.example","x")'})
    rows = list(csv.DictReader(io.StringIO(
        client.get(public_urls(worked_plan)["plan_csv"]).content.decode("utf-8-sig"))))
    assert rows[0]["Progress commentary"] == '\'=HYPERLINK("http://evil.example","x")'


def test_the_csv_metadata_names_the_licence_and_every_column(client, worked_plan):
    urls = public_urls(worked_plan)
    header = next(csv.reader(io.StringIO(client.get(urls["plan_csv"]).content.decode("utf-8-sig"))))
    response = client.get(urls["plan_csv_metadata"])
    assert response["Content-Type"].startswith("application/csvm+json")
    meta = json.loads(response.content)
    assert meta["@context"] == "http://www.w3.org/ns/csvw"
    assert meta["dc:license"] == {"@id": OGL}
    assert meta["url"] == "http://testserver" + urls["plan_csv"]
    assert meta["dc:publisher"] == "Lichfield District Council"
    assert [c["titles"] for c in meta["tableSchema"]["columns"]] == header


def test_the_json_file_carries_the_licence_and_the_plan(client, worked_plan):
    response = client.get(public_urls(worked_plan)["plan_json"])
    assert response.status_code == 200 and response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = json.loads(response.content)
    meta = data["metadata"]
    assert meta["licence"] == {"name": "Open Government Licence v3.0", "url": OGL}
    assert meta["publisher"] == "Lichfield District Council"
    assert meta["source"] == "http://testserver" + public_urls(worked_plan)["plan"]
    assert meta["published_at"] is not None
    plan = data["plan"]
    assert plan["title"] == GOLD["title"]
    assert [r["number"] for r in plan["recommendations"]] == [r["number"] for r in GOLD["recommendations"]]
    actions = [a for r in plan["recommendations"] for a in r["actions"]]
    assert [a["text"] for a in actions] == [a["text"] for _, a in GOLD_ACTIONS]
    assert plan["progress"]["actions"] == 23
    assert plan["progress"]["by_rag"]["green"] == sum(1 for _, a in GOLD_ACTIONS if a["status"] == "green")
    first = actions[0]
    assert first["original_target"] == {"text": "April 2022", "date": "2022-04-30"}
    assert first["target"] == {"text": "July 2022", "date": "2022-07-31"}
    assert first["target_moved"] is True and first["state"] == "in_progress"


def test_the_council_list_shows_only_published_plans(client, council, plan, colleague):
    set_published(plan, True, colleague)
    hidden = Plan.objects.create(council=council, title="Draft improvement plan 2025")
    html = client.get(reverse("public:council", args=[council.slug])).content.decode()
    assert GOLD["title"] in html and hidden.title not in html


def test_the_public_page_costs_the_same_few_queries_whatever_the_plans_size(client, worked_plan, council,
                                                                           owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.web.conftest import import_gold

    # Seed 000 has 23 actions; seed 004 has more recommendations and actions: the count must not grow.
    bigger = import_gold(council, owner, "004_a45fdb9e1ebc7908")
    set_published(bigger, True, owner)
    assert bigger.actions.count() > worked_plan.actions.count()
    counts = []
    for plan in (worked_plan, bigger):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(public_urls(plan)["plan"]).status_code == 200
        counts.append(len(queries))
    # The plan, recommendations, actions, leads, progress, last update, publication date.
    assert counts[0] == counts[1] <= 7


def test_a_head_request_answers_like_get(client, worked_plan):
    assert client.head(public_urls(worked_plan)["plan_csv"]).status_code == 200
