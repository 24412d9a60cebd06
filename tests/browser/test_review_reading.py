"""The document beside its reading and reading it again with a hint, in Chromium with axe on every page (issue
10): a real plan's misread column remapped and the document read again (the confirmation counts the edits
lost, the score against its checked reading goes up); "use the other reading"; a passage no field took made an
action in one submission. Keyboard and plain form submissions only."""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import expect

import planparse
from tests.browser.test_review_repairs import upload
from tests.parser._seeds import _scorer
from tracker.importers import review
from tracker.importers.models import PendingImport

FIXTURES = Path(__file__).parent.parent / "fixtures"
REALPLANS = FIXTURES / "realplans"
RDASH_DOCX = REALPLANS / "docx" / "rdash-cqc-2016.docx"
NCUH_TXT = REALPLANS / "src" / "ncuh-keogh-2014.txt"
LICHFIELD = FIXTURES / "gold" / "000_434456432017fdb1.json"


def f1(stem: str, reading_json: dict) -> float:
    gold = json.loads((REALPLANS / "gold" / f"{stem}.json").read_text())
    return _scorer().score_plan(gold, reading_json)[0].totals()[5]


def test_a_misread_column_is_remapped_by_a_hint_and_the_document_read_again(signed_in, axe, council):
    page = signed_in
    page.set_viewport_size({"width": 1400, "height": 900})
    upload(page, axe, council, RDASH_DOCX)
    pending = PendingImport.objects.get()
    before = f1("rdash-cqc-2016", pending.parsed_json)
    got = pending.parsed_json["reading"]
    expect(page.locator("#reading")).to_contain_text(
        f"Read as {planparse.describe(got['layout'])}; confidence {got['confidence']:.2f}.")
    # The document as read is beside the reading, and a row's link goes to its passage.
    document = page.get_by_role("region", name="The document as read")
    expect(document).to_be_visible()
    form_box, document_box = page.locator("#review-form").bounding_box(), document.bounding_box()
    assert form_box and document_box and document_box["x"] > form_box["x"] + form_box["width"] - 1
    first = pending.reviewed_json["recommendations"][0]["actions"][0]
    page.get_by_role("link", name=re.compile(rf"^Read from {re.escape(first['where'])} \(recommendation .*, "
                                             r"action 1\)$")).first.click()
    target = page.locator(".app-document__passage:target")
    expect(target).to_contain_text(first["where"])
    axe.check(page)

    # One edit first: the confirmation says it would be lost.
    page.get_by_label("Title").fill("RDaSH CQC action plan")
    page.get_by_role("button", name="Apply changes and keep checking").click()
    axe.check(page)
    page.locator("#read-again > summary").press("Enter")  # opened by keyboard
    page.get_by_label("Column ‘Accountable Director’").select_option(label="The action's leads")
    page.get_by_role("button", name="Read the document again").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Read the document again?")
    expect(page.locator("main")).to_contain_text("column 'Accountable Director' as the action's leads")
    expect(page.locator("#edits-lost")).to_contain_text("the 1 change you made since it was read will be lost")
    axe.check(page)
    page.get_by_role("button", name="Read it again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the imported plan")
    expect(page.locator("#read-with")).to_have_text(
        "Read with: column 'Accountable Director' as the action's leads.")
    axe.check(page)
    pending.refresh_from_db()
    assert pending.hints["columns"] == {"Accountable Director": "owner"}
    assert f1("rdash-cqc-2016", pending.parsed_json) > before
    expect(page.get_by_label("Title")).not_to_have_value("RDaSH CQC action plan")

    # On a narrow screen the document comes after the reading.
    page.set_viewport_size({"width": 400, "height": 800})
    form_box, document_box = page.locator("#review-form").bounding_box(), document.bounding_box()
    assert form_box and document_box and document_box["y"] >= form_box["y"] + form_box["height"]
    axe.check(page)


def test_use_the_other_reading_switches_to_the_runner_up(signed_in, axe, council):
    page = signed_in
    upload(page, axe, council, NCUH_TXT)
    pending = PendingImport.objects.get()
    runner = pending.parsed_json["reading"]["runner_up"]
    assert runner, "pick a document whose reading has a runner-up"
    words = f"The other reading: {planparse.describe(runner['layout'])}; confidence {runner['confidence']:.2f}."
    expect(page.locator("#reading")).to_contain_text(words)
    page.get_by_role("button", name="Use the other reading").click()
    expect(page.locator("#edits-lost")).to_contain_text("You have made no changes since it was read")
    axe.check(page)
    page.get_by_role("button", name="Read it again").click()
    expect(page.locator("#reading")).to_contain_text(f"Read as {planparse.describe(runner['layout'])}")
    axe.check(page)
    pending.refresh_from_db()
    assert pending.parsed_json["reading"]["layout"] == runner["layout"]


def test_a_passage_no_field_took_becomes_an_action_in_one_submission(signed_in, axe, council, editor):
    page = signed_in
    parsed = json.loads(LICHFIELD.read_text())
    parsed["reading"] = {"layout": "heading_list", "confidence": 0.61, "runner_up": None, "unplaced": [
        {"text": "Appendix: the <i>annual</i> governance statement", "where": "line 3"},
        {"text": "Publish the forward plan each month", "where": "line 7"}]}
    pending = PendingImport.objects.create(council=council, uploaded_by=editor, filename="lichfield.json",
                                           data=LICHFIELD.read_bytes(), parsed_json=parsed,
                                           reviewed_json=review.prepare(parsed))
    page.goto(f"/c/{council.slug}/import/{pending.pk}/")
    expect(page.get_by_role("heading", name="Not placed (2)")).to_be_visible()
    expect(page.locator("#not-placed-0")).to_contain_text("the <i>annual</i> governance statement")
    axe.check(page)
    number = pending.reviewed_json["recommendations"][1]["number"]
    page.get_by_label("Recommendation it is an action of (passage 2)").select_option(
        label=f"Recommendation {number}")
    submissions = []
    page.on("request", lambda r: submissions.append(r) if r.method == "POST" else None)
    page.get_by_role("button", name="Make it an action of this recommendation (passage 2)").press("Enter")
    expect(page.get_by_role("heading", name="Not placed (1)")).to_be_visible()
    axe.check(page)
    assert len(submissions) == 1
    pending.refresh_from_db()
    action = pending.reviewed_json["recommendations"][1]["actions"][-1]
    assert action["text"] == "Publish the forward plan each month"
    # The new action's text has the focus, to correct straight away.
    expect(page.locator(f"#row-{action['review_id']} textarea").first).to_be_focused()
