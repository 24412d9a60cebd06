"""Repairing a reading on the review screen (issue 10): add, delete, move, split, merge, promote and demote rows,
edit every field that was read, give several actions one lead or date, and a long plan opening on its summary.

The pure changes are tested on the seeds' hand-checked readings; the journeys go through the review page as a
browser would send it (the whole form, with the button pressed)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.web.conftest import FIXTURES
from tests.web.test_import_review import form_fields, section, upload
from tracker.importers import restructure
from tracker.importers.models import PendingImport
from tracker.importers.review import apply_edits, apply_op, clean, prepare
from tracker.plans.models import Plan

NOTES = FIXTURES / "web" / "notes_no_structure.txt"
LICHFIELD = FIXTURES / "gold" / "000_434456432017fdb1.json"
OADBY = FIXTURES / "gold" / "004_a45fdb9e1ebc7908.json"


def reviewed(path=LICHFIELD) -> dict:
    return prepare(json.loads(path.read_text()))


def texts(plan: dict) -> list[list[str]]:
    return [[a["text"] for a in r["actions"]] for r in plan["recommendations"]]


def rid(plan: dict, i: int, j: int | None = None) -> str:
    rec = plan["recommendations"][i]
    return rec["review_id"] if j is None else rec["actions"][j]["review_id"]


# The changes themselves, on the dict -----------------------------------------------------------------------

def test_every_row_has_an_id_that_is_dropped_before_saving():
    plan = reviewed()
    ids = [r["review_id"] for r in plan["recommendations"]] + [
        a["review_id"] for r in plan["recommendations"] for a in r["actions"]]
    assert len(ids) == len(set(ids)) == 9 + 23
    assert "review_" not in json.dumps(clean(plan))


def test_adding_rows_to_an_empty_reading():
    plan = prepare({"schema_version": 1, "title": "Notes", "recommendations": [], "warnings": []})
    plan, first = restructure.add_recommendation(plan)
    plan, second = restructure.add_recommendation(plan)
    plan, action = restructure.add_action(plan, first)
    assert [r["number"] for r in plan["recommendations"]] == ["1", "2"]
    assert [r["review_id"] for r in plan["recommendations"]] == [first, second]
    assert plan["recommendations"][0]["actions"][0]["review_id"] == action
    assert plan["recommendations"][0]["actions"][0]["state"] == "not_started"


def test_a_recommendation_added_after_another_takes_the_next_number_and_its_theme():
    plan = reviewed()
    plan["recommendations"][2]["theme"] = "Governance and culture"
    plan, new = restructure.add_recommendation(plan, after=rid(plan, 2))
    added = plan["recommendations"][3]
    assert (added["review_id"], added["number"], added["theme"]) == (new, "4", "Governance and culture")
    assert len(plan["recommendations"]) == 10


def test_moving_a_row_up_and_down_swaps_it_with_its_neighbour():
    plan = reviewed()
    first, second = texts(plan)[0][:2]
    moved = restructure.move(plan, rid(plan, 0, 1), -1)
    assert texts(moved)[0][:2] == [second, first]
    moved = restructure.move(plan, rid(plan, 0), +1)
    assert [r["number"] for r in moved["recommendations"][:2]] == ["2", "1"]
    with pytest.raises(restructure.EditError):
        restructure.move(plan, rid(plan, 0, 0), -1)
    assert texts(plan)[0][:2] == [first, second]  # the plan passed in is never changed


def test_splitting_an_action_at_a_line_of_its_text():
    """Seed 004 (Oadby and Wigston) has actions whose cell holds several lines."""
    plan = reviewed(OADBY)
    i, j = next((i, j) for i, r in enumerate(plan["recommendations"]) for j, a in enumerate(r["actions"])
                if len(restructure.split_points(a["text"])) >= 1)
    action = plan["recommendations"][i]["actions"][j]
    line, words = restructure.split_points(action["text"])[0]
    plan2, new = restructure.split_action(plan, action["review_id"], line)
    first, second = plan2["recommendations"][i]["actions"][j:j + 2]
    assert second["review_id"] == new and second["text"] == action["text"].split("\n", line)[-1].strip()
    assert second["text"].startswith(words)
    assert first["text"] + "\n" + second["text"] == action["text"].strip()
    # The second half keeps the leads, date and ratings; the commentary stays with the first.
    assert (second["owners"], second["due"], second["status"]) == (action["owners"], action["due"],
                                                                  action["status"])
    assert second["commentary"] is None and first["commentary"] == action["commentary"]
    with pytest.raises(restructure.EditError) as error:
        restructure.split_action(plan, action["review_id"], 0)
    assert error.value.field == f"split-{action['review_id']}"


def test_split_points_skip_blank_lines_so_a_paragraph_break_is_one_place():
    assert restructure.split_points("First part\n\nSecond part\nThird") == [(2, "Second part"), (3, "Third")]
    assert restructure.split_points("One line only") == []


def test_merging_an_action_with_the_next():
    plan = reviewed()
    a, b = plan["recommendations"][0]["actions"][:2]
    merged = restructure.merge_with_next(plan, a["review_id"])
    result = merged["recommendations"][0]["actions"][0]
    assert result["text"] == f"{a['text']}\n{b['text']}"
    assert result["owners"] == list(dict.fromkeys(a["owners"] + b["owners"]))
    assert len(merged["recommendations"][0]["actions"]) == len(plan["recommendations"][0]["actions"]) - 1
    last = plan["recommendations"][0]["actions"][-1]["review_id"]
    with pytest.raises(restructure.EditError):
        restructure.merge_with_next(plan, last)


@pytest.mark.parametrize("with_following", [True, False])
def test_promoting_an_action_to_a_recommendation(with_following):
    plan = reviewed()
    actions = plan["recommendations"][3]["actions"]  # recommendation 4: three actions
    assert len(actions) == 3
    promoted, new = restructure.promote(plan, actions[0]["review_id"], with_following=with_following)
    rec4, rec_new = promoted["recommendations"][3:5]
    assert rec_new["review_id"] == new and rec_new["text"] == actions[0]["text"]
    assert rec_new["owners"] == actions[0]["owners"]
    assert rec_new["extra"]["Target date"] == actions[0]["due"]["text"]  # nothing the document said is lost
    if with_following:
        assert [a["text"] for a in rec_new["actions"]] == [a["text"] for a in actions[1:]]
        assert rec4["actions"] == []
    else:
        assert rec_new["actions"] == [] and [a["text"] for a in rec4["actions"]] == [
            a["text"] for a in actions[1:]]
    assert len(promoted["recommendations"]) == 10


def test_demoting_a_recommendation_makes_it_the_last_action_of_the_one_above_with_its_actions():
    plan = reviewed()
    above, rec = plan["recommendations"][1:3]
    demoted, action_id = restructure.demote(plan, rec["review_id"])
    assert len(demoted["recommendations"]) == 8
    joined = demoted["recommendations"][1]["actions"]
    assert [a["text"] for a in joined] == ([a["text"] for a in above["actions"]] + [rec["text"]]
                                           + [a["text"] for a in rec["actions"]])
    made = joined[len(above["actions"])]
    assert made["review_id"] == action_id and made["extra"]["Number"] == "3"
    assert made["extra"]["Response"] == rec["response"]
    with pytest.raises(restructure.EditError):
        restructure.demote(plan, rid(plan, 0))


def test_promote_then_demote_gives_back_the_same_actions():
    plan = reviewed()
    promoted, new = restructure.promote(plan, rid(plan, 3, 1), with_following=True)
    back, _ = restructure.demote(promoted, new)
    assert texts(back) == texts(plan)


def test_giving_several_actions_the_same_lead_and_date():
    plan = reviewed()
    chosen = [rid(plan, 0, 0), rid(plan, 2, 1)]
    post = {"bulk_leads": "Head of HR\r\nCT", "bulk_due_text": "", "bulk_due_date": "31/03/2026"}
    changed, at = apply_op(plan, "apply-selected", post, chosen)
    for i, j in ((0, 0), (2, 1)):
        action = changed["recommendations"][i]["actions"][j]
        assert action["owners"] == ["Head of HR", "CT"]
        assert action["due"] == {"text": "31 March 2026", "date": "2026-03-31", "precision": "day",
                                 "ongoing": False}
    assert changed["recommendations"][0]["actions"][1] == plan["recommendations"][0]["actions"][1]
    with pytest.raises(restructure.EditError) as error:
        apply_op(plan, "apply-selected", post, [])
    assert error.value.field == "bulk"
    with pytest.raises(restructure.EditError) as error:
        apply_op(plan, "apply-selected", {"bulk_due_date": "31/13/2026"}, chosen)
    assert error.value.field == "bulk_due_date"


def test_every_field_that_was_read_can_be_edited():
    plan = reviewed(OADBY)
    action = plan["recommendations"][0]["actions"][0]
    assert action["extra"] == {"Priority Rating": "B"}
    edited, errors = apply_edits(plan, {
        "a0-0-priority": "high", "a0-0-timescale": "A", "a0-0-anticipated_completion": "",
        "a0-0-commentary": "Approved by Full Council\r\non 12 July", "a0-0-measure": "Vision adopted",
        "a0-0-extra0": "C", "r0-response": "Agreed", "notes": "Read with the covering report",
    })
    assert errors == []
    action = edited["recommendations"][0]["actions"][0]
    assert (action["priority"], action["timescale"], action["anticipated_completion"]) == ("high", "A", None)
    assert action["commentary"] == "Approved by Full Council\non 12 July"
    assert action["measure"] == "Vision adopted" and action["extra"] == {"Priority Rating": "C"}
    assert edited["recommendations"][0]["response"] == "Agreed"
    assert edited["notes"] == "Read with the covering report"
    emptied, _ = apply_edits(plan, {"a0-0-extra0": " "})
    assert emptied["recommendations"][0]["actions"][0]["extra"] == {}
    _, errors = apply_edits(plan, {"a0-0-priority": "urgent"})
    assert errors == [("a0-0-priority", "recommendation 1, action 1: choose a priority from the list")]


def test_empty_texts_are_drafts_until_saving():
    plan = reviewed()
    _, errors = apply_edits(plan, {"a0-0-text": ""})
    assert errors == []
    _, errors = apply_edits(plan, {"a0-0-text": ""}, saving=True)
    assert errors == [("a0-0-text", "Enter the text of recommendation 1, action 1, or tick delete")]


# Through the page -----------------------------------------------------------------------------------------

def review_url(council, pending) -> str:
    return reverse("importers:review", kwargs={"slug": council.slug, "pending_id": pending.pk})


def press(client, url: str, op: str, **changes: str):
    """Submit the review form as the browser shows it, with some fields changed and one button pressed."""
    fields = form_fields(client.get(url).content.decode())
    return client.post(url, {**fields, **changes, "op": op})


def test_an_empty_reading_is_built_into_a_plan_and_saved(client_for, council, colleague):
    client = client_for(colleague)
    upload(client, council, NOTES.name, NOTES.read_bytes())
    pending = PendingImport.objects.get()
    url = review_url(council, pending)
    html = client.get(url).content.decode()
    assert "We could not find any recommendations in this document" in html
    assert "report back to Cabinet in the spring" in html  # the document's text, to copy from

    # Saving an empty plan says what to do, at the button that does it.
    response = press(client, url, "save")
    assert response.status_code == 400
    assert 'href="#recommendations"' in response.content.decode() and Plan.objects.count() == 0

    response = press(client, url, "add-recommendation")
    pending.refresh_from_db()
    rec = pending.reviewed_json["recommendations"][0]
    assert response.status_code == 302 and response.url == f"{url}?at={rec['review_id']}"
    assert "autofocus" in section(client.get(response.url).content.decode(), "r0-text")

    press(client, url, f"add-action:{rec['review_id']}",
          **{"r0-text": "Engage residents before decisions are made", "r0-owners": "Chief Executive"})
    press(client, url, f"add-action:{rec['review_id']}",
          **{"a0-0-text": "Run a residents' panel", "a0-0-leads": "Head of Communications",
             "a0-0-due_text": "Spring 2027", "a0-0-due_date": "31/05/2027"})
    # An empty new action is a draft: saving says so at the field and keeps everything typed.
    response = press(client, url, "save")
    assert response.status_code == 400
    assert "Enter the text of recommendation 1, action 2" in response.content.decode()
    response = press(client, url, "save", **{"a0-1-text": "Report back to Cabinet"})
    assert response.status_code == 302
    plan = Plan.objects.get()
    (saved,) = plan.recommendations.with_actions()
    assert (saved.number, saved.text, saved.owners) == ("1", "Engage residents before decisions are made",
                                                        ["Chief Executive"])
    actions = list(saved.actions.all())
    assert [(a.text, a.leads, a.original_due_text, str(a.original_due_date)) for a in actions] == [
        ("Run a residents' panel", "Head of Communications", "Spring 2027", "2027-05-31"),
        ("Report back to Cabinet", "", "", "None")]
    assert plan.notes.startswith("The board talked through")


def test_split_merge_promote_and_demote_through_the_page(client_for, council, colleague):
    client = client_for(colleague)
    plan = json.loads(LICHFIELD.read_text())
    plan["recommendations"][0]["actions"][0]["text"] = "Review the delivery plan targets\nRefine the measures"
    upload(client, council, "lichfield.json", json.dumps(plan).encode())
    pending = PendingImport.objects.get()
    url = review_url(council, pending)

    def current() -> dict:
        pending.refresh_from_db()
        return pending.reviewed_json

    first = rid(current(), 0, 0)
    assert 'id="split-' + first + '"' in client.get(url).content.decode()
    assert press(client, url, f"split:{first}", **{f"split-{first}": "1"}).status_code == 302
    assert texts(current())[0][:2] == ["Review the delivery plan targets", "Refine the measures"]
    assert press(client, url, f"merge:{first}").status_code == 302
    assert texts(current())[0][0] == "Review the delivery plan targets\nRefine the measures"

    n_recs = len(current()["recommendations"])
    second = rid(current(), 0, 1)
    assert press(client, url, f"promote-with-following:{second}").status_code == 302
    assert len(current()["recommendations"]) == n_recs + 1
    promoted = current()["recommendations"][1]
    assert promoted["review_id"] != current()["recommendations"][0]["review_id"]
    assert press(client, url, f"demote:{promoted['review_id']}").status_code == 302
    assert len(current()["recommendations"]) == n_recs
    assert press(client, url, "save").status_code == 302
    assert Plan.objects.get().actions.count() == 23


def test_a_change_that_cannot_be_made_keeps_what_was_typed(client_for, council, colleague):
    client = client_for(colleague)
    upload(client, council, LICHFIELD.name, LICHFIELD.read_bytes())
    pending = PendingImport.objects.get()
    url = review_url(council, pending)
    first = rid(pending.reviewed_json, 0, 0)
    response = press(client, url, f"split:{first}", **{"a0-0-leads": "CT\nKS", f"split-{first}": "3"})
    assert response.status_code == 400
    assert f'href="#split-{first}"' in response.content.decode()
    pending.refresh_from_db()
    assert pending.reviewed_json["recommendations"][0]["actions"][0]["owners"] == ["CT", "KS"]


def test_a_bad_date_with_a_button_loses_nothing_and_changes_nothing(client_for, council, colleague):
    client = client_for(colleague)
    upload(client, council, LICHFIELD.name, LICHFIELD.read_bytes())
    pending = PendingImport.objects.get()
    url = review_url(council, pending)
    before = pending.reviewed_json
    response = press(client, url, f"add-action:{rid(before, 0)}",
                     **{"a0-0-due_date": "31/02/2022", "a0-1-text": "Typed before the mistake",
                        "a0-2-delete": "1"})
    html = response.content.decode()
    assert response.status_code == 400 and "Enter the date as day/month/year" in html
    assert "Typed before the mistake" in html
    assert 'id="a0-2-delete" name="a0-2-delete" type="checkbox" value="1" checked' in html
    pending.refresh_from_db()
    assert pending.reviewed_json == before


def test_seed_004_opens_on_its_summary_with_each_recommendation_folded(client_for, council, colleague):
    client = client_for(colleague)
    upload(client, council, OADBY.name, OADBY.read_bytes())
    pending = PendingImport.objects.get()
    html = client.get(review_url(council, pending)).content.decode()
    assert html.index('id="summary"') < html.index('id="rec-0"')
    summary = html[html.index('id="summary"'):html.index("</table>")]
    assert summary.count("govuk-table__row") == 1 + 7 and ">15<" in summary  # recommendation 3: 15 actions
    assert 'class="govuk-details app-review-details" id="row-' in html
    assert ' open>' not in section(html, "rec-0").split("<fieldset")[0]
    # A row a change was just made to is open and its text has the focus.
    target = rid(pending.reviewed_json, 2, 4)
    html = client.get(f"{review_url(council, pending)}?at={target}").content.decode()
    assert 'autofocus' in section(html, "a2-4-text")


def test_seed_004_warnings_are_each_linked_from_the_summary(client_for, council, colleague):
    plan = json.loads(OADBY.read_text())
    plan["warnings"] = [{"message": "TBC read as no date", "where": "recommendation 3, action 5"},
                        {"message": "a second lead cell", "where": "recommendation 6"}]
    client = client_for(colleague)
    upload(client, council, "oadby.json", json.dumps(plan).encode())
    html = client.get(review_url(council, PendingImport.objects.get())).content.decode()
    assert 'href="#w-1"' in html and 'href="#w-2"' in html
    assert "TBC read as no date" in section(html, "a2-4-row") and 'id="w-1"' in section(html, "a2-4-row")
    assert 'id="w-2"' in html[html.index('id="rec-5"'):html.index('id="rec-6"')]


def test_several_actions_get_one_lead_and_date_through_the_page(client_for, council, colleague):
    client = client_for(colleague)
    upload(client, council, OADBY.name, OADBY.read_bytes())
    pending = PendingImport.objects.get()
    url = review_url(council, pending)
    chosen = [rid(pending.reviewed_json, 0, j) for j in range(7)]  # all of recommendation 1's actions
    fields = form_fields(client.get(url).content.decode())
    response = client.post(url, {**fields, "selected": chosen, "bulk_leads": "Strategic Director",
                                 "bulk_due_text": "March 2027", "bulk_due_date": "31/03/2027",
                                 "op": "apply-selected"})
    assert response.status_code == 302
    pending.refresh_from_db()
    recs = pending.reviewed_json["recommendations"]
    assert {(tuple(a["owners"]), a["due"]["text"], a["due"]["date"]) for a in recs[0]["actions"]} == {
        (("Strategic Director",), "March 2027", "2027-03-31")}
    assert all(a["owners"] != ["Strategic Director"] for a in recs[1]["actions"])
    # Nothing selected: said at the list, and nothing typed is lost.
    response = client.post(url, {**fields, "bulk_leads": "CT", "op": "apply-selected"})
    html = response.content.decode()
    assert response.status_code == 400 and 'href="#bulk"' in html and "Select the actions to change" in html
    assert 'id="bulk-panel" open' in html and ">CT</textarea>" in html


def test_a_column_read_into_the_wrong_field_is_moved_for_every_action():
    """Seed 004's 'Priority Rating' column is kept as printed; its commentary could as well have been read as
    the measure. Each moves in one change, and nothing is lost where the target already holds something."""
    plan = reviewed(OADBY)
    actions = [a for r in plan["recommendations"] for a in r["actions"]]
    moved, _ = apply_op(plan, "move-column", {"move_from": "commentary", "move_to": "measure"})
    after = [a for r in moved["recommendations"] for a in r["actions"]]
    assert all(a["commentary"] is None for a in after)
    assert [a["measure"] for a in after] == [
        "\n".join(v for v in (b["measure"], b["commentary"]) if v) or None for b in actions]
    rated = [a for a in actions if "Priority Rating" in (a.get("extra") or {})]
    assert rated
    moved, _ = apply_op(plan, "move-column", {"move_from": "extra:Priority Rating", "move_to": "timescale"})
    after = {a["review_id"]: a for r in moved["recommendations"] for a in r["actions"]}
    for a in rated:
        assert "Priority Rating" not in after[a["review_id"]]["extra"]
        assert after[a["review_id"]]["timescale"] == restructure._joined(a["timescale"], a["extra"]["Priority Rating"])
    moved, _ = apply_op(plan, "move-column", {"move_from": "leads", "move_to": "extra:Lead officer"})
    assert all(a["owners"] == [] for r in moved["recommendations"] for a in r["actions"])
    with pytest.raises(restructure.EditError) as error:
        apply_op(plan, "move-column", {"move_from": "commentary", "move_to": "commentary"})
    assert error.value.field == "move_to"
    with pytest.raises(restructure.EditError) as error:
        apply_op(plan, "move-column", {"move_from": "text", "move_to": "commentary"})
    assert error.value.field == "move_from"


def test_moving_a_column_through_the_page(client_for, council, colleague):
    client = client_for(colleague)
    upload(client, council, OADBY.name, OADBY.read_bytes())
    pending = PendingImport.objects.get()
    url = review_url(council, pending)
    html = client.get(url).content.decode()
    assert '<option value="extra:Priority Rating">Priority Rating (a column kept as printed)</option>' in html
    response = press(client, url, "move-column", move_from="commentary", move_to="anticipated_completion")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert all(a["commentary"] is None for r in pending.reviewed_json["recommendations"] for a in r["actions"])


def test_actions_read_into_a_recommendations_wording_become_its_first_action():
    """Seed 004's recommendation 3 lists what it asks for on lines under its first sentence."""
    plan = reviewed(OADBY)
    rec = plan["recommendations"][2]
    (line, words), *_ = restructure.split_points(rec["text"])
    split, new = restructure.split_recommendation(plan, rec["review_id"], line)
    after = split["recommendations"][2]
    assert after["text"] == rec["text"].split("\n")[0].strip()
    assert after["actions"][0]["review_id"] == new and after["actions"][0]["text"].startswith(words)
    assert [a["text"] for a in after["actions"][1:]] == [a["text"] for a in rec["actions"]]
    with pytest.raises(restructure.EditError) as error:
        apply_op(plan, f"split:{rec['review_id']}", {f"split-{rec['review_id']}": "0"})
    assert error.value.field == f"split-{rec['review_id']}"
