"""A real plan read as nothing is built into its checked plan from the text beside it, in Chromium with axe on
every page (issue 10). The Braintree plan (tests/fixtures/realplans, pasted text: paragraphs each followed by a
list) is read as it came, with no layout found, as the importer read it before issue 9: no recommendations. Each
passage under "Not placed" then becomes a recommendation or an action of one, one submission each, by keyboard;
the saved plan scores 1.000 against the plan's checked reading."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from planparse import Hints, Options, parse
from tests.parser._seeds import _scorer
from tracker.exchange.interchange import plan_interchange
from tracker.importers import review
from tracker.importers.models import PendingImport
from tracker.plans.models import Plan

REALPLANS = Path(__file__).parent.parent / "fixtures" / "realplans"
BRAINTREE = REALPLANS / "src" / "braintree-cpc-2024.txt"


def test_a_plan_read_as_nothing_is_built_from_the_text_beside_it(signed_in, axe, council, editor):
    page = signed_in
    gold = json.loads((REALPLANS / "gold" / "braintree-cpc-2024.json").read_text())
    parsed = parse(BRAINTREE, options=Options(hints=Hints(layout="as read"))).to_dict()
    assert parsed["recommendations"] == []  # read as nothing
    pending = PendingImport.objects.create(council=council, uploaded_by=editor, filename=BRAINTREE.name,
                                           data=BRAINTREE.read_bytes(), parsed_json=parsed,
                                           reviewed_json=review.prepare(parsed))
    page.goto(f"/c/{council.slug}/import/{pending.pk}/")
    expect(page.locator("main")).to_contain_text("We could not find any recommendations in this document")
    axe.check(page)

    def position(text: str) -> int:
        pending.refresh_from_db()
        unplaced = [u["text"].removeprefix("• ") for u in pending.reviewed_json["reading"]["unplaced"]]
        return unplaced.index(text) + 1

    submissions = 0
    for rec in gold["recommendations"]:
        page.get_by_role("button", name=f"Make it a new recommendation (passage {position(rec['text'])})").press("Enter")
        submissions += 1
        expect(page.get_by_role("heading", level=1)).to_have_text("Check the imported plan")
        axe.check(page)
        pending.refresh_from_db()
        number = pending.reviewed_json["recommendations"][-1]["number"]
        for action in rec["actions"]:
            k = position(action["text"])
            page.get_by_label(f"Recommendation it is an action of (passage {k})").select_option(
                label=f"Recommendation {number}")
            page.get_by_role("button", name=f"Make it an action of this recommendation (passage {k})").press("Enter")
            submissions += 1
            expect(page.get_by_role("heading", level=1)).to_have_text("Check the imported plan")
            axe.check(page)
    page.get_by_label("Title").fill(gold["title"])
    page.get_by_role("button", name="Save the plan").click()
    submissions += 1
    axe.check(page)
    saved = Plan.objects.get()
    tally, _ = _scorer().score_plan(gold, plan_interchange(saved))
    assert tally.totals()[5] == 1.0
    # One submission a recommendation or action, and one to save: nothing typed but the title.
    assert submissions == len(gold["recommendations"]) + sum(len(r["actions"]) for r in gold["recommendations"]) + 1
