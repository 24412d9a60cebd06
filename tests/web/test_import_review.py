"""The import journey: upload → review (warnings beside their rows, corrections) → save in one transaction."""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.conftest import FIXTURES
from tracker.importers.models import PendingImport
from tracker.plans import services
from tracker.plans.models import Action, ActionLead, ActionUpdate, Plan, Recommendation

LICHFIELD = FIXTURES / "gold" / "000_434456432017fdb1.json"
GLOUCESTERSHIRE = FIXTURES / "gold" / "003_46970d322b9b8053.json"


def lichfield_with_warning() -> bytes:
    """Seed 000's reading with one warning of the kind the parser gives: recommendation 4's third action
    is printed 'Dec 21' (a two-digit year) in the source document."""
    plan = json.loads(LICHFIELD.read_text())
    plan["warnings"] = [
        {"message": "'Dec 21' read as December 2021", "where": "recommendation 4, action 3"},
        {"message": "no as-of date found", "where": "line 1"},
    ]
    return json.dumps(plan).encode()


def upload(client, council, name: str, data: bytes):
    return client.post(reverse("importers:upload", kwargs={"slug": council.slug}),
                       {"document": SimpleUploadedFile(name, data)})


class _FormFields(HTMLParser):
    """The values a browser would submit from the review form (inputs, textareas, selected options)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, str] = {}
        self._in_form = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_form = a.get("id") == "review-form"
        if not self._in_form:
            return
        if tag == "input" and a.get("type") == "checkbox" and "checked" in a and a.get("name"):
            self.data[a["name"]] = a.get("value") or "on"  # a browser sends a ticked box
        elif tag == "input" and a.get("type") not in ("checkbox", "submit") and a.get("name"):
            self.data[a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data[self._textarea] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_fields(html: str) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(html)
    # A browser drops the one newline that follows <textarea>.
    return {k: v[1:] if v.startswith("\n") else v for k, v in parser.data.items()}


def section(html: str, element_id: str) -> str:
    """The HTML of the element with this id, up to the next element of the same kind."""
    start = html.index(f'id="{element_id}"')
    tag = html.rfind("<", 0, start)
    name = re.match(r"<(\w+)", html[tag:]).group(1)
    end = html.find(f"<{name} ", start)
    return html[start:end if end != -1 else len(html)]


def test_upload_keeps_the_file_server_side_and_saves_no_plan(client_for, council, colleague):
    data = lichfield_with_warning()
    response = upload(client_for(colleague), council, "lichfield.json", data)
    pending = PendingImport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})
    assert bytes(pending.data) == data
    assert pending.council == council and pending.uploaded_by == colleague
    assert len(pending.parsed_json["recommendations"]) == 9
    assert Plan.objects.count() == 0


def test_review_shows_each_warning_beside_the_row_it_concerns(client_for, council, colleague):
    upload(client_for(colleague), council, "lichfield.json", lichfield_with_warning())
    pending = PendingImport.objects.get()
    html = client_for(colleague).get(
        reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})).content.decode()
    # Recommendation 4 is the 4th shown (index 3); its third action is a3-2.
    action_row = section(html, "a3-2-row")
    assert "read as December 2021" in action_row
    assert "Dec 21" in action_row  # the row itself: its printed target date
    assert "read as December 2021" not in section(html, "a3-1-row")
    # A warning about no particular row is shown once, for the whole document.
    assert html.count("no as-of date found") == 1
    assert html.index("no as-of date found") < html.index('id="rec-0"')


def test_a_warning_naming_a_recommendation_in_its_message_goes_beside_it(client_for, council, colleague):
    # Gloucestershire's gold reading: "Recommendation 5: a second CLT Owner cell ..." at "line 27".
    upload(client_for(colleague), council, "gloucestershire.json", GLOUCESTERSHIRE.read_bytes())
    pending = PendingImport.objects.get()
    html = client_for(colleague).get(
        reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})).content.decode()
    rec5 = html[html.index('id="rec-4"'):html.index('id="rec-5"')]
    assert "a second CLT Owner cell" in rec5


@pytest.mark.parametrize(("name", "data", "message"), [
    ("plan.exe", b"MZ\x90\x00", "not a file type the importer reads"),
    ("plan.docx", b"", "is empty"),
    ("plan.docx", b"this is not a word document at all \x00\x01\x02" * 10, "could not be read"),
    ("plan.json", b'{"schema_version": 1, "title": "x"}', "could not be read"),
])
def test_a_bad_upload_gives_a_clear_message_and_saves_nothing(client_for, council, colleague, name, data,
                                                               message):
    response = upload(client_for(colleague), council, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert PendingImport.objects.count() == 0 and Plan.objects.count() == 0


def test_an_upload_over_the_size_limit_is_refused(client_for, council, colleague, settings):
    settings.MAX_UPLOAD_BYTES = 1024
    response = upload(client_for(colleague), council, "lichfield.json", LICHFIELD.read_bytes())
    assert response.status_code == 400
    assert "The largest file you can upload is 1 KB" in response.content.decode()
    assert PendingImport.objects.count() == 0


def test_corrections_on_the_review_screen_are_what_is_saved(client_for, council, colleague):
    data = lichfield_with_warning()
    client = client_for(colleague)
    upload(client, council, "lichfield.json", data)
    pending = PendingImport.objects.get()
    url = reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})
    response = client.post(url, {
        "title": "LGA Corporate Peer Challenge Action Plan 2022",
        "kind": "cpc",
        "peer_challenge_date": "14/12/2021",
        "as_of": "2022-03-31",
        "r0-owners": "Chief Executive\r\nLeader of the Council",
        "a0-0-text": "Review the delivery plan targets",       # correct a text
        "a0-0-leads": "CT\nKS",                                # two leads
        "a3-2-due_text": "December 2021",                      # correct a date
        "a3-2-due_date": "31/12/2021",
        "a0-1-state": "in_progress", "a0-1-rag": "amber",      # state and RAG
        "a1-0-move": "0",                                      # move rec 2's first action to rec 1
        "a2-2-delete": "1",                                    # delete rec 3's last action
        "op": "save",
    })
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": plan.pk})
    assert plan.title == "LGA Corporate Peer Challenge Action Plan 2022"
    assert (plan.peer_challenge_date, plan.as_of) == (datetime.date(2021, 12, 14), datetime.date(2022, 3, 31))
    assert plan.recommendations.order_by("position")[0].owners == ["Chief Executive", "Leader of the Council"]
    assert PendingImport.objects.count() == 0
    assert plan.actions.count() == 22  # 23 in the document, one deleted
    rec1, rec2, rec3, rec4 = plan.recommendations.order_by("position")[:4]
    first = rec1.actions.order_by("position")[0]
    assert first.text == "Review the delivery plan targets"
    assert first.lead_names == ["CT", "KS"]
    assert set(ActionLead.objects.filter(action=first).values_list("name", flat=True)) == {"CT", "KS"}
    assert [(a.state, a.rag) for a in rec1.actions.order_by("position")][1] == ("in_progress", "amber")
    # Rec 2's first action ("Establish a framework for effective corporate programme management", KS,
    # March 2022) moved to the end of rec 1.
    moved = rec1.actions.order_by("position").last()
    assert moved.leads == "KS" and moved.original_due_text == "March 2022"
    assert rec2.actions.count() == 1 and rec3.actions.count() == 2
    dec21 = rec4.actions.order_by("position")[2]
    assert (dec21.original_due_text, dec21.original_due_date.isoformat()) == ("December 2021", "2021-12-31")
    # What was imported, by whom: the file as uploaded and the parser's JSON before review.
    stored = Plan.objects.defer(None).get()
    assert bytes(stored.source_file) == data
    assert stored.source_sha256 == hashlib.sha256(data).hexdigest()
    assert stored.parsed_json["recommendations"][0]["actions"][0]["text"].startswith(
        "Review the delivery plan targets and refine")
    assert stored.imported_by == colleague and stored.imported_at is not None
    assert ActionUpdate.objects.filter(action__plan=plan, via="import").count() == 22


def test_a_bad_date_on_review_is_shown_and_nothing_is_saved(client_for, council, colleague):
    client = client_for(colleague)
    upload(client, council, "lichfield.json", LICHFIELD.read_bytes())
    pending = PendingImport.objects.get()
    url = reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})
    response = client.post(url, {"a0-0-due_date": "31/02/2022", "a0-0-text": "", "op": "save"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter the date as day/month/year" in html and 'href="#a0-0-due_date"' in html
    assert 'name="a0-0-due_date" type="text" value="31/02/2022"' in html  # shown as typed, to correct
    assert "Enter the text of recommendation 1, action 1" in html
    assert Plan.objects.count() == 0
    pending.refresh_from_db()
    assert pending.reviewed_json["recommendations"][0]["actions"][0]["due"]["date"] == "2022-04-30"


def test_keeping_changes_without_saving_stores_them_on_the_pending_import(client_for, council, colleague):
    client = client_for(colleague)
    upload(client, council, "lichfield.json", LICHFIELD.read_bytes())
    pending = PendingImport.objects.get()
    url = reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})
    response = client.post(url, {"r0-theme": "Local priorities and outcomes", "op": "keep"})
    assert response.status_code == 302 and Plan.objects.count() == 0
    pending.refresh_from_db()
    assert pending.reviewed_json["recommendations"][0]["theme"] == "Local priorities and outcomes"
    assert pending.parsed_json["recommendations"][0]["theme"] is None


def test_discarding_an_import_deletes_it(client_for, council, colleague):
    client = client_for(colleague)
    upload(client, council, "lichfield.json", LICHFIELD.read_bytes())
    pending = PendingImport.objects.get()
    response = client.post(reverse("importers:discard", kwargs={"slug": council.slug, "pending_id": pending.pk}))
    assert response.status_code == 302
    assert PendingImport.objects.count() == 0 and Plan.objects.count() == 0


def test_saving_is_one_transaction_a_failure_midway_leaves_nothing(council, owner):
    plan = json.loads(LICHFIELD.read_text())
    broken = copy.deepcopy(plan)
    # Recommendations 1-8 are fine; the last one's date cannot be a date. Saving fails on the 9th.
    broken["recommendations"][8]["actions"][1]["due"]["date"] = "2022-02-30"
    with pytest.raises(services.PlanDataError):
        services.save_import(council, owner, broken, LICHFIELD.read_bytes(), LICHFIELD.name)
    assert (Plan.objects.count(), Recommendation.objects.count(), Action.objects.count(),
            ActionLead.objects.count(), ActionUpdate.objects.count()) == (0, 0, 0, 0, 0)
    # The same plan without the fault saves whole.
    saved = services.save_import(council, owner, plan, LICHFIELD.read_bytes(), LICHFIELD.name)
    assert (saved.recommendations.count(), saved.actions.count()) == (9, 23)


def test_a_viewer_cannot_import(client_for, council, viewer):
    client = client_for(viewer)
    assert client.get(reverse("importers:upload", kwargs={"slug": council.slug})).status_code == 403
    response = upload(client, council, "lichfield.json", LICHFIELD.read_bytes())
    assert response.status_code == 403 and PendingImport.objects.count() == 0


def test_the_source_document_can_be_downloaded_as_uploaded(client_for, council, viewer, plan):
    response = client_for(viewer).get(reverse("importers:source", kwargs={"slug": council.slug,
                                                                          "plan_id": plan.pk}))
    assert response.status_code == 200
    assert b"".join(response) == LICHFIELD.read_bytes()
    assert 'filename="000_434456432017fdb1.json"' in response["Content-Disposition"]


def test_a_warning_quoting_an_actions_text_goes_beside_that_action():
    from tracker.importers.review import clean, prepare

    plan = json.loads((FIXTURES / "gold" / "001_5a140e39b889afe5.json").read_text())
    plan["warnings"] = [{"where": "line 75", "message": "the recommendation, its action ('LGA Board agree "
                                                        "protocol') and its date are printed on one line"}]
    reviewed = prepare(plan)
    r82 = next(r for r in reviewed["recommendations"] if r["number"] == "R8.2")
    assert r82["actions"][0]["text"] == "LGA Board agree protocol"
    assert r82["actions"][0]["review_warnings"] == plan["warnings"]
    assert reviewed["warnings"] == []
    assert "review_warnings" not in json.dumps(clean(reviewed))


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_lichfields_published_document_goes_through_the_whole_journey(client_for, council, colleague, suffix):
    """The Word and PDF copies of seed 000, read by the parser, reviewed unchanged, saved: the plan holds
    what the hand-checked reading (gold) says the document holds."""
    document = FIXTURES / "seeds" / f"000_434456432017fdb1.{suffix}"
    client = client_for(colleague)
    response = upload(client, council, document.name, document.read_bytes())
    assert response.status_code == 302
    pending = PendingImport.objects.get()
    review_url = reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})
    assert "We read 9 recommendations and 23 actions" in client.get(review_url).content.decode()
    assert client.post(review_url, {"op": "save"}).status_code == 302
    plan = Plan.objects.defer(None).get()
    gold = json.loads(LICHFIELD.read_text())
    assert plan.title == gold["title"] and plan.source_format == suffix
    saved = [(a.text, a.lead_names, a.original_due_date.isoformat(), a.rag)
             for r in plan.recommendations.with_actions() for a in r.actions.all()]
    expected = [(a["text"], a["owners"], a["due"]["date"], a["status"])
                for r in gold["recommendations"] for a in r["actions"]]
    assert saved == expected


@pytest.mark.parametrize("stem", ["003_46970d322b9b8053", "004_a45fdb9e1ebc7908"])
def test_submitting_the_review_form_unchanged_saves_what_was_read(client_for, council, colleague, stem):
    """Every field on the screen goes back as the browser sends it; nothing changes on the way (dates,
    empty ratings, several leads, text with line breaks)."""
    source = FIXTURES / "gold" / f"{stem}.json"
    gold = json.loads(source.read_text())
    client = client_for(colleague)
    upload(client, council, source.name, source.read_bytes())
    pending = PendingImport.objects.get()
    review_url = reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})
    fields = form_fields(client.get(review_url).content.decode())
    n_actions = sum(len(r["actions"]) for r in gold["recommendations"])
    assert len([k for k in fields if k.endswith("-state")]) == n_actions
    response = client.post(review_url, {**fields, "op": "save"})
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = Plan.objects.get()
    saved = [(a.text, a.lead_names, a.due_text, a.due_date, a.rag, a.state == "complete", r.owners, r.theme)
             for r in plan.recommendations.with_actions() for a in r.actions.all()]
    expected = [(a["text"], a["owners"], (a["due"] or {}).get("text", ""),
                 datetime.date.fromisoformat(a["due"]["date"]) if (a["due"] or {}).get("date") else None,
                 a["status"] or "", a["completed"] is True, r["owners"], r["theme"] or "")
                for r in gold["recommendations"] for a in r["actions"]]
    assert saved == expected


def test_the_review_says_when_the_same_document_was_imported_before(client_for, council, colleague, plan):
    client = client_for(colleague)
    upload(client, council, LICHFIELD.name, LICHFIELD.read_bytes())
    pending = PendingImport.objects.get()
    html = client.get(reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})
                      ).content.decode()
    assert "This document was imported before" in html and "by Olivia Owner" in html
    assert reverse("plans:plan", kwargs={"slug": council.slug, "plan_id": plan.pk}) in html


def test_saving_twice_makes_one_plan(client_for, council, colleague):
    client = client_for(colleague)
    upload(client, council, LICHFIELD.name, LICHFIELD.read_bytes())
    pending = PendingImport.objects.get()
    url = reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})
    assert client.post(url, {"op": "save"}).status_code == 302
    assert client.post(url, {"op": "save"}).status_code == 404
    assert Plan.objects.count() == 1


def test_review_stores_plain_newlines_from_a_browser_textarea():
    from tracker.importers.review import apply_edits, prepare

    reviewed = prepare(json.loads(LICHFIELD.read_text()))
    plan, errors = apply_edits(reviewed, {"a0-0-leads": "CT\r\nKS\r\n", "a0-0-text": "First line\r\nSecond line"})
    action = plan["recommendations"][0]["actions"][0]
    assert errors == [] and action["owners"] == ["CT", "KS"] and action["text"] == "First line\nSecond line"


def test_a_long_plan_can_be_saved_from_the_review_form(client_for, council, colleague):
    """Oadby and Wigston's 60 actions three times over (180 actions, about 1,700 form fields): more than
    Django's default cap of 1,000 fields a request."""
    plan = json.loads((FIXTURES / "gold" / "004_a45fdb9e1ebc7908.json").read_text())
    plan["recommendations"] = [dict(r, number=f"{copy}.{r['number']}") for copy in (1, 2, 3)
                               for r in plan["recommendations"]]
    client = client_for(colleague)
    upload(client, council, "owbc-x3.json", json.dumps(plan).encode())
    pending = PendingImport.objects.get()
    review_url = reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})
    fields = form_fields(client.get(review_url).content.decode())
    assert len(fields) > 1000
    assert client.post(review_url, {**fields, "op": "save"}).status_code == 302
    assert Plan.objects.get().actions.count() == 180


def test_an_action_cannot_be_moved_to_a_recommendation_being_deleted():
    from tracker.importers.review import apply_edits, prepare

    reviewed = prepare(json.loads(LICHFIELD.read_text()))
    plan, errors = apply_edits(reviewed, {"a0-0-move": "1", "r1-delete": "1"})
    assert errors == [("a0-0-move", "recommendation 1, action 1: you are deleting recommendation 2; "
                                    "move the action somewhere else or delete it too")]


def test_the_upload_page_states_the_limit_in_words(client_for, council, colleague, settings):
    settings.MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    html = client_for(colleague).get(reverse("importers:upload", kwargs={"slug": council.slug})).content.decode()
    assert "Up to 10 MB." in html and 'accept=".docx,.pdf,.txt,.html,.htm,.xlsx,.csv,.json"' in html
