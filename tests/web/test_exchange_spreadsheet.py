"""The spreadsheet round trip on Lichfield's 2022 plan (seed 000: 9 recommendations, 23 actions, leads as
initials, every action rated green with a month as its target): export, edit the file as a person would
(openpyxl or the csv module changing cells), upload, preview, apply; bad cells; the same file twice."""

from __future__ import annotations

import csv
import datetime
import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tracker.exchange import views as exchange_views
from tracker.exchange.models import SheetUpload
from tracker.exchange.spreadsheet import HEADINGS
from tracker.plans import services
from tracker.plans.models import Action, ActionChange, ActionUpdate, Extension, ExtensionStatus, Via

STATES = "Not started, In progress, Complete, Ongoing, Not accepted or On hold"


def _url(name, plan, **kwargs):
    return reverse(f"exchange:{name}", kwargs={"slug": plan.council.slug, "plan_id": plan.pk, **kwargs})


def _first_actions(plan):
    return list(Action.objects.filter(plan=plan).order_by("recommendation__position", "position"))


def download_workbook(client, plan) -> openpyxl.Workbook:
    response = client.get(_url("export_xlsx", plan))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def saved(workbook: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def column(sheet, heading: str) -> int:
    return [c.value for c in sheet[1]].index(heading) + 1


def cell_errors(response) -> list[str]:
    """The page's table of cells to correct, as 'Actions!F12: message' lines (unescaped)."""
    cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', response.content.decode(), re.S)
    return [f"{html.unescape(w)}: {html.unescape(m)}" for w, m in zip(cells[::2], cells[1::2], strict=True)]


def upload(client, plan, data: bytes, name: str = "lichfield.xlsx"):
    return client.post(_url("spreadsheet", plan), {"spreadsheet": SimpleUploadedFile(name, data)})


def test_the_workbook_has_one_row_per_action_with_stable_ids_and_plain_headings(client_for, colleague, plan):
    sheet = download_workbook(client_for(colleague), plan)["Actions"]
    actions = _first_actions(plan)
    assert [c.value for c in sheet[1]] == HEADINGS
    assert sheet.max_row == 1 + 23
    assert [sheet.cell(row=r, column=1).value for r in range(2, 25)] == [a.pk for a in actions]
    # Row 2 is the document's first action: recommendation 1, lead CT, April 2022, green.
    row = {h: sheet.cell(row=2, column=column(sheet, h)).value for h in HEADINGS}
    assert row["Recommendation"] == "1"
    assert row["Action"].startswith("Review the delivery plan targets and refine by setting meaningful goals")
    assert row["Lead"] == "CT"
    assert row["Original target date"] == "April 2022"
    assert row["Current target date"] == datetime.datetime(2022, 4, 30)
    assert sheet.cell(row=2, column=column(sheet, "Current target date")).number_format == "mmmm yyyy"
    assert row["RAG rating"] == "Green"
    assert row["State"] == "Not started"
    assert row["Reason for date change"] is None


def test_the_workbook_locks_the_id_columns_and_offers_drop_down_lists(client_for, colleague, plan):
    workbook = download_workbook(client_for(colleague), plan)
    sheet = workbook["Actions"]
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet.cell(row=2, column=column(sheet, "Action ID")).protection.locked
    assert sheet.cell(row=2, column=column(sheet, "Original target date")).protection.locked
    for heading in ("Action", "Lead", "Current target date", "Reason for date change", "State", "RAG rating",
                    "Commentary"):
        assert not sheet.cell(row=24, column=column(sheet, heading)).protection.locked, heading
    lists = workbook["Lists"]
    assert lists.sheet_state == "hidden"
    by_range = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    state_col = openpyxl.utils.get_column_letter(column(sheet, "State"))
    formula = by_range[f"{state_col}2:{state_col}24"]
    cells = lists[formula.split("!")[1].replace("$", "")]
    assert [c[0].value for c in cells] == STATES.replace(" or ", ", ").split(", ")
    rag_col = openpyxl.utils.get_column_letter(column(sheet, "RAG rating"))
    rag_cells = lists[by_range[f"{rag_col}2:{rag_col}24"].split("!")[1].replace("$", "")]
    assert [c[0].value for c in rag_cells] == ["No rating", "Red", "Amber", "Green", "Blue"]


def test_the_csv_has_the_same_columns_and_values(client_for, colleague, plan):
    response = client_for(colleague).get(_url("export_csv", plan))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # so Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADINGS
    assert len(rows) == 24
    first = dict(zip(HEADINGS, rows[1], strict=True))
    assert first["Action ID"] == str(_first_actions(plan)[0].pk)
    assert first["Lead"] == "CT" and first["Current target date"] == "30/04/2022" and first["State"] == "Not started"


def test_an_unchanged_export_changes_nothing(client_for, colleague, plan):
    client = client_for(colleague)
    before = ActionUpdate.objects.count()
    response = upload(client, plan, saved(download_workbook(client, plan)))
    assert response.status_code == 302 and response.url == _url("spreadsheet", plan)
    assert "matches the plan" in client.get(response.url).content.decode()
    assert ActionUpdate.objects.count() == before and not SheetUpload.objects.exists()


def edit_workbook(client, plan, cells: dict[tuple[int, str], object]) -> bytes:
    workbook = download_workbook(client, plan)
    sheet = workbook["Actions"]
    for (row, heading), value in cells.items():
        sheet.cell(row=row, column=column(sheet, heading)).value = value
    return saved(workbook)


def test_an_edited_workbook_is_previewed_then_applied_with_history(client_for, colleague, plan):
    client = client_for(colleague)
    actions = _first_actions(plan)
    data = edit_workbook(client, plan, {
        (2, "State"): "In progress",
        (3, "RAG rating"): "Amber",
        (4, "Commentary"): "Data sets linked for housing and waste; <b>planning</b> next",
        (5, "Current target date"): "June 2022",
        (5, "Reason for date change"): "Waiting for the new programme board",
        (6, "Lead"): "CT\nKS",
    })
    response = upload(client, plan, data)
    pending = SheetUpload.objects.get()
    assert response.status_code == 302 and response.url == _url("preview", plan, sheet_upload_id=pending.pk)
    # Nothing is applied at the preview.
    assert Action.objects.get(pk=actions[0].pk).state == "not_started"
    page = client.get(response.url).content.decode()
    assert "changes 5 things in 5 actions" in page
    for words in ("In progress", "Not started", "Amber", "Waiting for the new programme board", "June 2022",
                  "March 2022", "&lt;b&gt;planning&lt;/b&gt;", f"{actions[0].pk}: Review the delivery plan"):
        assert words in page, words

    response = client.post(_url("apply", plan, sheet_upload_id=pending.pk), {"digest": pending.digest})
    assert response.status_code == 302 and response.url == reverse(
        "plans:plan", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    changed = {a.pk: a for a in Action.objects.filter(pk__in=[a.pk for a in actions[:5]])}
    assert changed[actions[0].pk].state == "in_progress"
    assert changed[actions[1].pk].rag == "amber"
    assert changed[actions[2].pk].commentary.startswith("Data sets linked")
    assert changed[actions[4].pk].lead_names == ["CT", "KS"]
    assert list(changed[actions[4].pk].lead_rows.values_list("key", flat=True)) == ["ct", "ks"]
    moved = changed[actions[3].pk]
    assert (moved.due_date, moved.due_text) == (datetime.date(2022, 6, 30), "June 2022")
    assert (moved.original_due_date, moved.original_due_text) == (datetime.date(2022, 3, 31), "March 2022")
    extension = Extension.objects.get(action=moved)
    assert extension.status == ExtensionStatus.APPROVED
    assert extension.reason == "Waiting for the new programme board"
    assert extension.decided_by_label == "Colin Colleague (spreadsheet import)"

    update = ActionUpdate.objects.filter(action=changed[actions[0].pk]).order_by("-id").first()
    assert update.via == Via.SPREADSHEET and update.by_user == colleague
    assert update.comment == "Updated by spreadsheet import, file lichfield.xlsx, by Colin Colleague"
    assert list(update.changes.values_list("field", "old", "new")) == [("state", "not_started", "in_progress")]
    date_update = ActionUpdate.objects.filter(action=moved).order_by("-id").first()
    assert date_update.via == Via.SPREADSHEET
    assert ("due_date", "2022-03-31", "2022-06-30") in date_update.changes.values_list("field", "old", "new")
    assert not SheetUpload.objects.exists()

    # The same file again: nothing to change, no history written.
    n_updates, n_changes = ActionUpdate.objects.count(), ActionChange.objects.count()
    response = upload(client, plan, data)
    assert response.status_code == 302 and response.url == _url("spreadsheet", plan)
    assert (ActionUpdate.objects.count(), ActionChange.objects.count()) == (n_updates, n_changes)
    assert Extension.objects.count() == 1


def test_a_month_typed_into_a_month_cell_is_that_month(client_for, colleague, plan):
    """Excel stores 'July 2022' typed into a cell shown as 'mmmm yyyy' as 1 July 2022; the person means July."""
    client = client_for(colleague)
    upload(client, plan, edit_workbook(client, plan, {(2, "Current target date"): datetime.datetime(2022, 7, 1),
                                                      (2, "Reason for date change"): "Board moved"}))
    pending = SheetUpload.objects.get()
    assert "April 2022" in client.get(_url("preview", plan, sheet_upload_id=pending.pk)).content.decode()
    client.post(_url("apply", plan, sheet_upload_id=pending.pk), {"digest": pending.digest})
    first = _first_actions(plan)[0]
    assert (first.due_date, first.due_text, first.due_precision) == (datetime.date(2022, 7, 31), "July 2022",
                                                                      "month")
    assert first.original_due_date == datetime.date(2022, 4, 30)


def test_a_csv_edited_as_text_is_applied_and_the_same_file_twice_changes_nothing(client_for, colleague, plan):
    client = client_for(colleague)
    rows = list(csv.reader(io.StringIO(client.get(_url("export_csv", plan)).content.decode("utf-8-sig"))))
    state, due, reason = (HEADINGS.index(h) for h in ("State", "Current target date", "Reason for date change"))
    rows[1][state] = "complete"  # any case is accepted
    rows[2][due] = "15/07/2022"
    rows[2][reason] = "Board met late"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    data = out.getvalue().encode("utf-8")
    response = upload(client, plan, data, "lichfield.csv")
    pending = SheetUpload.objects.get()
    assert response.url == _url("preview", plan, sheet_upload_id=pending.pk)
    client.post(_url("apply", plan, sheet_upload_id=pending.pk), {"digest": pending.digest})
    actions = _first_actions(plan)
    assert actions[0].state == "complete"
    assert actions[1].due_date == datetime.date(2022, 7, 15) and actions[1].original_due_text == "May 2022"
    before = ActionUpdate.objects.count()
    assert upload(client, plan, data, "lichfield.csv").url == _url("spreadsheet", plan)
    assert ActionUpdate.objects.count() == before


def test_text_a_spreadsheet_would_run_as_a_formula_goes_out_and_comes_back_as_text(client_for, colleague, plan):
    client = client_for(colleague)
    action = _first_actions(plan)[0]
    services.update_action(action, colleague, {"commentary": "=HYPERLINK(\"http://example.com\")",
                                               "measure": "- fewer complaints\n- faster replies"})
    sheet = download_workbook(client, plan)["Actions"]
    cell = sheet.cell(row=2, column=column(sheet, "Commentary"))
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    csv_bytes = client.get(_url("export_csv", plan)).content
    assert b"'=HYPERLINK" in csv_bytes
    before = ActionUpdate.objects.count()
    assert upload(client, plan, csv_bytes, "plan.csv").url == _url("spreadsheet", plan)
    assert upload(client, plan, saved(download_workbook(client, plan))).url == _url("spreadsheet", plan)
    assert ActionUpdate.objects.count() == before


@pytest.mark.parametrize(("cells", "message"), [
    ({(12, "State"): "Done-ish"},
     f"Actions!I12: 'Done-ish' is not a delivery state; use one of {STATES}"),
    ({(12, "State"): None}, f"Actions!I12: the state is empty; use one of {STATES}"),
    ({(3, "RAG rating"): "Purple"},
     "Actions!J3: 'Purple' is not a RAG rating; use one of No rating, Red, Amber, Green or Blue"),
    ({(4, "Current target date"): "when the board agrees", (4, "Reason for date change"): "Board"},
     "Actions!G4: 'when the board agrees' is not a date we can read; write a date such as 30/06/2025 or a "
     "month such as June 2025"),
    ({(4, "Current target date"): datetime.datetime(2022, 9, 30)},
     "Actions!H4: the current target date changed from May 2022 to September 2022; say why in 'Reason for "
     "date change', or put the date back"),
    ({(4, "Current target date"): None},
     "Actions!G4: the current target date is empty. It was May 2022; a target date cannot be removed in a "
     "spreadsheet, so put it back"),
    ({(5, "Action ID"): 999999},
     "Actions!A5: '999999' is not the ID of an action in this plan. Leave the IDs as they were exported from it"),
    ({(5, "Action ID"): "R5"},
     "Actions!A5: 'R5' is not the ID of an action in this plan. Leave the IDs as they were exported from it"),
    ({(6, "Action ID"): None},
     "Actions!A6: this row has no action ID. Rows cannot add actions; leave the IDs as they were exported"),
    ({(6, "Priority"): "Urgent"}, "Actions!K6: 'Urgent' is not a priority; use High, Medium or Low, or leave it "
     "empty"),
    ({(7, "Action"): ""}, "Actions!D7: the action's wording is empty; every action needs one"),
])
def test_a_bad_cell_is_reported_where_it_is_and_nothing_is_applied(client_for, colleague, plan, cells, message):
    client = client_for(colleague)
    # A good change alongside, which must not be applied either.
    data = edit_workbook(client, plan, {(2, "State"): "Complete", **cells})
    before = ActionUpdate.objects.count()
    response = upload(client, plan, data)
    assert response.status_code == 400
    assert cell_errors(response) == [message]
    assert "Nothing has been changed" in response.content.decode()
    assert _first_actions(plan)[0].state == "not_started"
    assert ActionUpdate.objects.count() == before and not SheetUpload.objects.exists()


def test_a_repeated_id_is_reported_on_its_second_row(client_for, colleague, plan):
    client = client_for(colleague)
    first = _first_actions(plan)[0]
    response = upload(client, plan, edit_workbook(client, plan, {(9, "Action ID"): first.pk}))
    assert response.status_code == 400
    assert cell_errors(response) == [f"Actions!A9: action {first.pk} is also on row 2; each action may appear once"]


def test_an_action_of_another_councils_plan_is_refused_like_any_unknown_id(client_for, colleague, plan,
                                                                           other_plan):
    client = client_for(colleague)
    theirs = other_plan.actions.first()
    response = upload(client, plan, edit_workbook(client, plan, {(2, "Action ID"): theirs.pk,
                                                                 (2, "Commentary"): "Ours now"}))
    assert response.status_code == 400
    assert cell_errors(response) == [f"Actions!A2: '{theirs.pk}' is not the ID of an action in this plan. Leave "
                                     "the IDs as they were exported from it"]
    assert Action.objects.get(pk=theirs.pk).commentary != "Ours now"


def test_an_action_of_another_plan_of_the_same_council_is_refused(client_for, colleague, owner, council, plan):
    from tests.web.conftest import import_gold

    second = import_gold(council, owner, "002_92d1a37e39293310")
    client = client_for(colleague)
    data = edit_workbook(client, second, {(2, "State"): "Complete"})
    response = upload(client, plan, data)
    assert response.status_code == 400
    first_of_second = _first_actions(second)[0]
    assert len(cell_errors(response)) == second.actions.count()
    assert cell_errors(response)[0] == (f"Actions!A2: '{first_of_second.pk}' is not the ID of an action in this "
                                        "plan. Leave the IDs as they were exported from it")
    assert first_of_second.state != "complete"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("plan.docx", b"PK\x03\x04 not really", "plan.docx is not a spreadsheet we can read"),
    ("plan.xlsx", b"", "plan.xlsx is empty"),
    ("plan.xlsx", b"this is not a zip file", "plan.xlsx cannot be used: the file is not an Excel workbook"),
    ("plan.csv", b"Action,State\r\nSomething,Complete\r\n",
     "plan.csv cannot be used: the first row has no &#x27;Action ID&#x27; heading"),
])
def test_files_that_are_not_our_spreadsheets_are_refused(client_for, colleague, plan, name, data, message):
    response = upload(client_for(colleague), plan, data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SheetUpload.objects.exists()


def test_a_workbook_without_the_actions_sheet_is_refused(client_for, colleague, plan):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    response = upload(client_for(colleague), plan, saved(workbook))
    assert response.status_code == 400
    assert "the workbook has no sheet called &#x27;Actions&#x27;" in response.content.decode()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client_for, colleague, plan, monkeypatch):
    monkeypatch.setattr(exchange_views, "MAX_SHEET_BYTES", 1024)
    response = upload(client_for(colleague), plan, b"x" * 2048, "plan.csv")
    assert response.status_code == 400
    assert "plan.csv is 2 KB. The largest file you can upload is 1 KB" in response.content.decode()


def test_a_change_to_the_plan_after_the_preview_stops_the_apply(client_for, colleague, owner, plan):
    client = client_for(colleague)
    upload(client, plan, edit_workbook(client, plan, {(2, "Commentary"): "From the sheet"}))
    pending = SheetUpload.objects.get()
    # Someone changes the same action on its page meanwhile.
    services.update_action(_first_actions(plan)[0], owner, {"commentary": "From the page"})
    response = client.post(_url("apply", plan, sheet_upload_id=pending.pk), {"digest": pending.digest})
    assert response.url == _url("preview", plan, sheet_upload_id=pending.pk)
    assert _first_actions(plan)[0].commentary == "From the page"
    assert SheetUpload.objects.filter(pk=pending.pk).exists()


def test_discarding_an_upload_changes_nothing(client_for, colleague, plan):
    client = client_for(colleague)
    upload(client, plan, edit_workbook(client, plan, {(2, "State"): "Complete"}))
    pending = SheetUpload.objects.get()
    response = client.post(_url("discard", plan, sheet_upload_id=pending.pk))
    assert response.url == _url("spreadsheet", plan)
    assert not SheetUpload.objects.exists() and _first_actions(plan)[0].state == "not_started"


def test_a_viewer_may_download_but_not_upload(client_for, viewer, plan):
    client = client_for(viewer)
    assert client.get(_url("export_xlsx", plan)).status_code == 200
    page = client.get(_url("spreadsheet", plan)).content.decode()
    assert "Download as Excel" in page and 'type="file"' not in page
    assert upload(client, plan, b"a,b\r\n", "plan.csv").status_code == 403


def test_the_plan_page_links_to_the_tools(client_for, colleague, viewer, plan):
    plan_url = reverse("plans:plan", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    page = client_for(colleague).get(plan_url).content.decode()
    assert "Update actions with a spreadsheet" in page and _url("export_json", plan) in page
    assert "Download as a spreadsheet" in client_for(viewer).get(plan_url).content.decode()


def test_another_councils_user_gets_404_for_the_pages_and_the_upload(client_for, colleague, outsider, plan):
    upload(client_for(colleague), plan, edit_workbook(client_for(colleague), plan, {(2, "State"): "Complete"}))
    pending = SheetUpload.objects.get()
    client = client_for(outsider)
    for name in ("export_xlsx", "export_csv", "export_json", "spreadsheet"):
        assert client.get(_url(name, plan)).status_code == 404, name
    assert client.get(_url("preview", plan, sheet_upload_id=pending.pk)).status_code == 404
    assert client.post(_url("apply", plan, sheet_upload_id=pending.pk), {"digest": pending.digest}).status_code \
        == 404
    assert _first_actions(plan)[0].state == "not_started"


def _through_libreoffice(tmp_path, data: bytes, name: str, target: str, infilter: str = "") -> bytes:
    """The file opened and saved again by a real spreadsheet program, as happens when a person edits it."""
    source = tmp_path / "in" / name
    source.parent.mkdir(parents=True)
    source.write_bytes(data)
    out = tmp_path / "out"
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--norestore", *([f"--infilter={infilter}"] if infilter else []), "--convert-to", target, "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=120)
    return (out / name).read_bytes()


def _calc_installed() -> bool:
    soffice = shutil.which("soffice")
    # Debian splits LibreOffice: the Writer-only install (enough for the reports) cannot open a workbook.
    return soffice is not None and (Path(soffice).resolve().parent / "libsclo.so").exists()


@pytest.mark.skipif(not _calc_installed(), reason="LibreOffice Calc is not installed (libreoffice-calc-nogui)")
def test_files_saved_again_by_libreoffice_match_the_plan_and_keep_their_lists(client_for, colleague, plan,
                                                                              tmp_path):
    client = client_for(colleague)
    data = edit_workbook(client, plan, {(2, "State"): "Ongoing", (2, "Commentary"): "Reviewed quarterly"})
    resaved = _through_libreoffice(tmp_path, data, "lichfield.xlsx", "xlsx:Calc MS Excel 2007 XML")
    sheet = openpyxl.load_workbook(io.BytesIO(resaved))["Actions"]
    assert sheet.protection.sheet and not sheet.cell(row=2, column=column(sheet, "State")).protection.locked
    assert any("Lists" in (v.formula1 or "") for v in sheet.data_validations.dataValidation)
    response = upload(client, plan, resaved)
    pending = SheetUpload.objects.get()
    page = client.get(response.url).content.decode()
    assert "changes 2 things in 1 action " in page
    client.post(_url("apply", plan, sheet_upload_id=pending.pk), {"digest": pending.digest})
    assert _first_actions(plan)[0].state == "ongoing"
    # Exported again and saved by LibreOffice as CSV, the plan reads back unchanged.
    csv_data = _through_libreoffice(tmp_path / "csv", client.get(_url("export_csv", plan)).content,
                                    "plan.csv", "csv:Text - txt - csv (StarCalc):44,34,76",
                                    # Opened as UTF-8, as LibreOffice's import dialogue offers for this file.
                                    infilter="CSV:44,34,76")
    response = upload(client, plan, csv_data, "plan.csv")
    assert response.status_code == 302, cell_errors(response) or response.content.decode()[-3000:]
    assert response.url == _url("spreadsheet", plan)
