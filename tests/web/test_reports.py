"""The committee appendix (tracker.reports): the Word document and tagged PDF read back, frozen snapshots,
"since the last report", the pages and who may use them.

Expected figures come from the seeds' gold readings (tests/fixtures/gold), counted here from the JSON, not
from the code under test. PDF tests need LibreOffice (soffice) and poppler-utils, which scripts/system-packages
installs for the full run.
"""

from __future__ import annotations

import ctypes
import datetime
import io
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import docx
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import FIXTURES, import_gold
from tracker.plans import services
from tracker.plans.models import ActionUpdate, Extension
from tracker.reports.appendix import committee_appendix, docx_to_pdf, render_docx
from tracker.reports.models import ReportIssue
from tracker.reports.snapshot import build_snapshot

SEED_004 = "004_a45fdb9e1ebc7908"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing")
MEETING = datetime.date(2026, 3, 12)


def gold(stem: str) -> dict:
    return json.loads((FIXTURES / "gold" / f"{stem}.json").read_text())


def read_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def headings(document: docx.document.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def table_after(document: docx.document.Document, caption: str) -> docx.table.Table:
    """The table whose description (read out by screen readers) is ``caption``."""
    for table in document.tables:
        description = table._tbl.tblPr.find(f"{W}tblDescription")
        if description is not None and description.get(f"{W}val") == caption:
            return table
    raise AssertionError(f"no table described as {caption!r}")


def fill(cell: docx.table._Cell) -> str:
    shd = cell._tc.tcPr.find(f"{W}shd") if cell._tc.tcPr is not None else None
    return shd.get(f"{W}fill") if shd is not None else ""


def pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_bounded() for page in pdf)


def pdf_structure(data: bytes) -> Counter:
    """Structure element types over every page, read through pdfium's structure tree API."""
    pdf = pypdfium2.PdfDocument(data)
    found: Counter = Counter()
    buffer = ctypes.create_string_buffer(256)

    def walk(element) -> None:
        size = pdfium_c.FPDF_StructElement_GetType(element, buffer, len(buffer))
        if size:
            found[buffer.raw[:size].decode("utf-16-le").rstrip("\x00")] += 1
        for i in range(pdfium_c.FPDF_StructElement_CountChildren(element)):
            child = pdfium_c.FPDF_StructElement_GetChildAtIndex(element, i)
            if child:
                walk(child)

    for page in pdf:
        tree = pdfium_c.FPDF_StructTree_GetForPage(page.raw)
        for i in range(pdfium_c.FPDF_StructTree_CountChildren(tree)):
            walk(pdfium_c.FPDF_StructTree_GetChildAtIndex(tree, i))
        pdfium_c.FPDF_StructTree_Close(tree)
    return found


def ppm_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (P6), as pdftoppm writes it."""
    data = path.read_bytes()
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P6"
    return int(parts[1]), int(parts[2]), parts[4]


# ---------------------------------------------------------------------------------------------- Word


def test_seed_004_appendix_in_word_has_the_plan_recommendation_by_recommendation(council, owner):
    plan = import_gold(council, owner, SEED_004)
    expected = gold(SEED_004)
    today = timezone.localdate()
    document = read_docx(committee_appendix(plan, today, committee="Overview and Scrutiny Committee",
                                            meeting_date=MEETING))

    found = headings(document)
    assert found[0] == ("Heading 1", f"{expected['title']}: progress as at {today.day} {today:%B %Y}")
    assert ("Heading 2", "Summary") in found
    assert [text for style, text in found if style == "Heading 3"] == [
        f"Recommendation {r['number']}" for r in expected["recommendations"]]
    cover = "\n".join(p.text for p in document.paragraphs[:4])
    assert "Lichfield District Council" in cover
    assert "Committee: Overview and Scrutiny Committee" in cover
    assert "Meeting date: 12 March 2026" in cover

    # One table per recommendation, one row per action, the action's words as printed, RAG in words.
    for rec in expected["recommendations"]:
        table = table_after(document, f"Actions for recommendation {rec['number']}")
        header = [c.text for c in table.rows[0].cells]
        assert header == ["Ref", "Action", "Lead", "Original target date", "Current target date", "State", "RAG",
                          "Latest commentary"]
        rows = table.rows[1:]
        assert len(rows) == len(rec["actions"])
        for i, (row, action) in enumerate(zip(rows, rec["actions"], strict=True), start=1):
            cells = row.cells
            assert cells[0].text == f"{rec['number']}.{i}"
            assert cells[1].text.split() == action["text"].split()
            colour = action.get("status")
            assert cells[6].text == (colour.capitalize() if colour else "No rating")
            assert fill(cells[6]) == {"green": "CCE2D8", "amber": "FFF7BF", None: ""}[colour]
            if action.get("commentary"):
                assert cells[7].text.split() == action["commentary"].split()

    # Summary figures, counted from the gold reading.
    actions = [a for r in expected["recommendations"] for a in r["actions"]]
    rag_counts = Counter(a.get("status") or "none" for a in actions)
    rag_table = {r.cells[0].text: (r.cells[1].text, fill(r.cells[0]))
                 for r in table_after(document, "Actions by RAG rating").rows[1:]}
    assert rag_table == {"Green": (str(rag_counts["green"]), "CCE2D8"),
                         "Amber": (str(rag_counts["amber"]), "FFF7BF"),
                         "No rating": (str(rag_counts["none"]), "")}
    states = {r.cells[0].text: int(r.cells[1].text)
              for r in table_after(document, "Actions by delivery state").rows[1:]}
    assert states.pop("All actions") == len(actions) == 60
    assert states["Complete"] == sum(1 for a in actions if a.get("completed") is True)
    assert sum(states.values()) == len(actions)


def test_the_word_document_is_marked_up_for_accessibility(plan):
    data = committee_appendix(plan, timezone.localdate(), committee="Cabinet", meeting_date=MEETING)
    document = read_docx(data)
    # Every table's first row repeats at a page break (and becomes table headers in the PDF).
    for table in document.tables:
        header = table.rows[0]._tr.trPr.find(f"{W}tblHeader")
        assert header is not None and header.get(f"{W}val") == "true"
    styles = document.styles.element.find(f"{W}docDefaults").find(f"{W}rPrDefault").find(f"{W}rPr")
    assert styles.find(f"{W}lang").get(f"{W}val") == "en-GB"
    assert document.settings.element.find(f"{W}themeFontLang").get(f"{W}val") == "en-GB"
    assert document.core_properties.language == "en-GB"
    assert document.core_properties.title.startswith(plan.title)
    assert [style for style, _ in headings(document)].count("Heading 1") == 1


def test_each_actions_row_is_kept_on_one_page(plan):
    # A row broken over a page break leaves an action's lead or commentary on a page of its own.
    document = read_docx(committee_appendix(plan, timezone.localdate(), committee="Cabinet",
                                            meeting_date=MEETING))
    rows = [row for table in document.tables for row in table.rows[1:]]
    assert len(rows) > 23  # seed 000's 23 actions, and the summary tables' rows
    for row in rows:
        cant_split = row._tr.trPr.find(f"{W}cantSplit")
        assert cant_split is not None and cant_split.get(f"{W}val") == "true"


def test_imported_html_and_control_characters_are_written_as_text(plan, owner):
    action = plan.actions.order_by("recommendation__position", "position").first()
    services.update_action(action, owner, {"commentary": "<b>Done</b> & dusted\x0bnext line\x07"})
    snapshot = build_snapshot(plan, timezone.localdate(), committee="Cabinet <script>", meeting_date=MEETING)
    document = read_docx(render_docx(snapshot))
    table = table_after(document, "Actions for recommendation 1")
    assert table.rows[1].cells[7].text == "<b>Done</b> & dusted\nnext line"
    assert "Committee: Cabinet <script>" in "\n".join(p.text for p in document.paragraphs[:4])


# ---------------------------------------------------------------------------------------------- snapshots


def test_completed_since_the_last_report_and_extensions_compare_with_the_previous_snapshot(plan, owner):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    first = build_snapshot(plan, yesterday, committee="Cabinet", meeting_date=MEETING)
    assert first["compared_with"]["kind"] == "import"
    assert first["completed_since"] == []  # seed 000 has no action marked complete
    previous = ReportIssue.objects.create(plan=plan, as_at=yesterday, committee="Cabinet",
                                          meeting_date=MEETING, snapshot=first, docx=b"x", pdf=b"x")

    actions = list(plan.actions.order_by("recommendation__position", "position"))
    services.update_action(actions[0], owner, {"state": "complete"}, "Signed off")
    services.update_action(actions[4], owner, {"state": "complete"}, "Signed off")
    services.record_extension(actions[2], owner, datetime.date(2023, 3, 31), "March 2023",
                              "Waiting for the new structure", decided_by_label="Cabinet")
    asked = services.request_extension(actions[3], None, "After the elections", "Purdah", requested_by=owner)

    assert ReportIssue.objects.previous_for(plan, today) == previous
    second = build_snapshot(plan, today, committee="Overview and Scrutiny", meeting_date=MEETING,
                            previous=previous)
    assert second["compared_with"]["kind"] == "report"
    assert [row["id"] for row in second["completed_since"]] == [actions[0].pk, actions[4].pk]
    extension_rows = {row["action_id"]: row for row in second["extensions"]}
    approved = extension_rows[actions[2].pk]
    # Seed 000, recommendation 1, action 3: "May 2022" in the published plan.
    assert (approved["original_due"], approved["from_due"], approved["to_due"]) == (
        "May 2022", "May 2022", "March 2023")
    assert approved["reason"] == "Waiting for the new structure"
    assert approved["status_label"] == "Approved" and approved["decided"].startswith("Cabinet, ")
    assert extension_rows[asked.action_id]["status_label"] == "Pending"

    # In the document: the summary's words and the two tables.
    document = read_docx(render_docx(second))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "2 actions completed since the last report" in bullets
    assert "2 target date extensions requested or decided since the last report" in bullets
    completed = table_after(document, "Actions completed since the last report")
    assert [r.cells[0].text for r in completed.rows[1:]] == ["1.1", "2.2"]
    extensions = table_after(document, "Target date extensions since the last report")
    row = next(r for r in extensions.rows[1:] if r.cells[0].text == "1.3")
    assert [c.text for c in row.cells[2:6]] == ["May 2022", "May 2022", "March 2023",
                                                "Waiting for the new structure"]


def test_a_report_as_at_an_earlier_date_shows_the_plan_as_it_stood_then(plan, owner):
    action = plan.actions.order_by("recommendation__position", "position").first()
    imported_commentary = action.commentary
    services.update_action(action, owner, {"state": "complete", "rag": "blue", "commentary": "Finished"},
                           "Done")
    services.record_extension(plan.actions.order_by("id")[1], owner, datetime.date(2024, 1, 31),
                              "January 2024", "Staff shortages", decided_by_label="CLT")
    # Those changes happened "last week": a report as at the week before must not show them.
    week_ago = timezone.now() - datetime.timedelta(days=7)
    ActionUpdate.objects.filter(action__plan=plan).exclude(comment__startswith="Imported").update(at=week_ago)
    Extension.objects.filter(action__plan=plan).update(requested_at=week_ago, decided_at=week_ago)

    def row(snapshot: dict, action_id: int) -> dict:
        return next(a for s in snapshot["recommendations"] for a in s["actions"] if a["id"] == action_id)

    before = build_snapshot(plan, timezone.localdate() - datetime.timedelta(days=8), committee="Cabinet",
                            meeting_date=MEETING)
    after = build_snapshot(plan, timezone.localdate(), committee="Cabinet", meeting_date=MEETING)
    assert (row(before, action.pk)["state"], row(before, action.pk)["rag"]) == ("not_started", "green")
    assert row(before, action.pk)["commentary"] == imported_commentary != "Finished"
    assert row(after, action.pk)["commentary"] == "Finished"
    assert (row(after, action.pk)["state"], row(after, action.pk)["rag_label"]) == ("complete", "Blue")
    extended = plan.actions.order_by("id")[1]
    assert row(before, extended.pk)["current_due"] == row(before, extended.pk)["original_due"]
    assert row(after, extended.pk)["current_due"] == "January 2024"
    assert before["extensions"] == [] and len(after["extensions"]) == 1


# ---------------------------------------------------------------------------------------------- pages


def test_a_viewer_sees_issued_reports_but_no_form_and_cannot_preview(client_for, plan, viewer):
    address = reverse("reports:plan_reports", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    client = client_for(viewer)
    page = client.get(address)
    assert page.status_code == 200 and "Issue report" not in page.content.decode()
    response = client.post(address, {"committee": "Cabinet", "meeting_date": "12/3/2026",
                                      "as_at": "1/3/2026", "op": "preview-docx"})
    assert response.status_code == 403


def test_preview_downloads_the_word_document_without_issuing(client_for, plan, colleague):
    address = reverse("reports:plan_reports", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    response = client_for(colleague).post(address, {"committee": "Cabinet", "meeting_date": "12/3/2026",
                                                     "as_at": "1/3/2026", "op": "preview-docx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="preview-appendix-2026-03-01.docx"'
    document = read_docx(response.content)
    assert headings(document)[0][1] == f"{plan.title}: progress as at 1 March 2026"
    assert not ReportIssue.objects.exists()


def test_the_form_says_what_is_wrong(client_for, plan, colleague):
    address = reverse("reports:plan_reports", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(colleague).post(address, {
        "committee": "  ", "meeting_date": "31/2/2026", "as_at": f"{tomorrow:%d/%m/%Y}", "op": "issue"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter the name of the committee" in html
    assert "Enter the meeting date as a day, month and year" in html
    assert "The &#x27;as at&#x27; date must be today or in the past" in html
    assert not ReportIssue.objects.exists()


def test_a_meeting_before_the_as_at_date_is_refused(client_for, plan, colleague):
    # 3/12/2025 typed for 12/3/2026's figures as at 1 March: the meeting would come before the position.
    address = reverse("reports:plan_reports", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    client = client_for(colleague)
    response = client.post(address, {"committee": "Cabinet", "meeting_date": "3/12/2025", "as_at": "1/3/2026",
                                     "op": "issue"})
    assert response.status_code == 400
    assert "The meeting date must be on or after the &#x27;as at&#x27; date (1/3/2026)" in response.content.decode()
    assert not ReportIssue.objects.exists()
    # The meeting on the "as at" day itself is fine.
    same_day = client.post(address, {"committee": "Cabinet", "meeting_date": "1/3/2026", "as_at": "1/3/2026",
                                     "op": "preview-docx"})
    assert same_day.status_code == 200 and same_day.content.startswith(b"PK")


def test_without_libreoffice_the_pdf_preview_says_why_and_nothing_is_issued(client_for, plan, colleague,
                                                                           monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    address = reverse("reports:plan_reports", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    client = client_for(colleague)
    for op in ("preview-pdf", "issue"):
        response = client.post(address, {"committee": "Cabinet", "meeting_date": "12/3/2026",
                                          "as_at": "1/3/2026", "op": op})
        assert response.status_code == 503
        assert "LibreOffice is not installed on the server" in response.content.decode()
    assert not ReportIssue.objects.exists()


@needs_soffice
def test_issued_reports_download_as_issued_after_the_plan_moves_on(client_for, plan, colleague, viewer):
    address = reverse("reports:plan_reports", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    response = client_for(colleague).post(address, {"committee": "Audit & Governance <Committee>",
                                                     "meeting_date": "12/3/2026", "as_at": "1/3/2026",
                                                     "op": "issue"})
    assert response.status_code == 302
    report = ReportIssue.objects.get()
    assert (report.committee, report.as_at, report.issued_by) == (
        "Audit & Governance <Committee>", datetime.date(2026, 3, 1), colleague)
    issued_docx, issued_pdf = bytes(ReportIssue.objects.get().docx), bytes(ReportIssue.objects.get().pdf)
    assert issued_pdf.startswith(b"%PDF")

    action = plan.actions.order_by("recommendation__position", "position").first()
    services.update_action(action, colleague, {"state": "complete", "commentary": "All done"}, "Done")
    page = client_for(viewer).get(address).content.decode()
    assert "Audit &amp; Governance &lt;Committee&gt;" in page
    docx_url = reverse("reports:docx", kwargs={"slug": plan.council.slug, "report_id": report.pk})
    pdf_url = reverse("reports:pdf", kwargs={"slug": plan.council.slug, "report_id": report.pk})
    assert docx_url in page and pdf_url in page
    got = client_for(viewer).get(docx_url)
    assert got.content == issued_docx
    assert got["Content-Disposition"] == 'attachment; filename="appendix-audit-governance-committee-2026-03-12.docx"'
    assert client_for(viewer).get(pdf_url).content == issued_pdf
    assert "All done" not in "\n".join(c.text for t in read_docx(got.content).tables for r in t.rows
                                       for c in r.cells)


# ---------------------------------------------------------------------------------------------- PDF


@needs_soffice
def test_seed_004_pdf_is_tagged_in_british_english_with_headings_and_table_headers(council, owner, tmp_path):
    plan = import_gold(council, owner, SEED_004)
    expected = gold(SEED_004)
    pdf = docx_to_pdf(committee_appendix(plan, timezone.localdate(), committee="Cabinet",
                                         meeting_date=MEETING))
    assert b"/StructTreeRoot" in pdf and b"/MarkInfo" in pdf
    assert b"/Lang(en-GB)" in pdf
    # pdfium sees the tags attached to the pages' content...
    assert {"H1", "H2", "H3", "Table", "TR", "TH", "TD"} <= set(pdf_structure(pdf))
    # ...and the structure elements, counted once each in the PDF's objects.
    elements = Counter(m.decode() for m in re.findall(rb"/S\s*/(\w+)", pdf))
    assert elements["H1"] == 1 and elements["H2"] == 4  # summary, completed, extensions, progress
    assert elements["H3"] == len(expected["recommendations"])
    # Two summary tables, one per recommendation (a first report has no completed or extension tables).
    assert elements["Table"] == 2 + len(expected["recommendations"])
    assert elements["TH"] == 2 * 2 + 8 * len(expected["recommendations"])

    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert expected["title"] in flat
    for word in ("Summary", "Green", "Amber", "No rating", "Meeting date: 12 March 2026"):
        assert word in text
    # The content, not only the tags: every recommendation's heading and the start of every action's words,
    # as the gold reading has them, in the plan's order. (The text comes out line by line across the page,
    # so a cell's wrapped lines interleave with its neighbours': only the first words are sure to be whole.)
    position = 0
    for rec in expected["recommendations"]:
        position = flat.index(f"Recommendation {rec['number']}", position)
        for action in rec["actions"]:
            position = flat.index(" ".join(action["text"].split()[:3]), position)
    # The summary's total, counted from the gold reading.
    assert f"All actions {sum(len(r['actions']) for r in expected['recommendations'])}" in flat

    # The first two pages as images, as a person would look at them (pdftoppm, poppler-utils).
    (tmp_path / "appendix.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "2", str(tmp_path / "appendix.pdf"),
                    str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == 2 and all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", str(tmp_path / "appendix.pdf"),
                    str(tmp_path / "raw")], check=True)
    width, height, rgb = ppm_pixels(next(tmp_path.glob("raw-*.ppm")))
    assert width > height  # landscape, as committee tables are printed
    pixels = [rgb[i:i + 3] for i in range(0, len(rgb), 3)]
    dark = sum(1 for p in pixels if max(p) < 100)
    assert dark > 0.005 * len(pixels)  # text on the page, not blank
    # The RAG summary's green and amber cells are coloured as well as worded.
    greenish = sum(1 for p in pixels if abs(p[0] - 0xCC) < 12 and abs(p[1] - 0xE2) < 12 and abs(p[2] - 0xD8) < 12)
    amberish = sum(1 for p in pixels if abs(p[0] - 0xFF) < 12 and abs(p[1] - 0xF7) < 12 and abs(p[2] - 0xBF) < 12)
    assert greenish > 100 and amberish > 100
    assert len(pypdfium2.PdfDocument(pdf)) >= 2


def test_the_plan_page_links_to_committee_reports_for_every_member(client_for, plan, viewer, colleague):
    address = reverse("plans:plan", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    reports = reverse("reports:plan_reports", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})
    viewer_page = client_for(viewer).get(address).content.decode()
    assert f'href="{reports}">Committee reports (Word and PDF)</a>' in viewer_page
    assert "make or issue the appendix" in client_for(colleague).get(address).content.decode()


@needs_soffice
def test_two_pdfs_made_at_once_in_one_process_both_come_out(plan):
    from concurrent.futures import ThreadPoolExecutor

    documents = [committee_appendix(plan, timezone.localdate(), committee=name, meeting_date=MEETING)
                 for name in ("Cabinet", "Audit Committee")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(docx_to_pdf, documents))
    texts = [pdf_text(pdf) for pdf in pdfs]
    assert "Committee: Cabinet" in texts[0] and "Committee: Audit Committee" in texts[1]
