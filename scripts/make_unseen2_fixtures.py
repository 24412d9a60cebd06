"""Write the second held-out set (tests/fixtures/unseen2/): eight plans laid out unlike the seeds and unlike
tests/fixtures/unseen.

    .venv/bin/python scripts/make_unseen2_fixtures.py

The content is invented but written as councils write it; it lives here and nowhere else. The gold readings in
tests/fixtures/unseen2/gold/ were written by hand from the documents this script makes, before the parser was
run on any of them.

- v1 (.docx): a progress review whose number column holds both the recommendation ("1") and its actions ("1.1",
  "1.2"), a "Position at 30 September 2025" column and status words ("On track", "Off track", "Completed").
- v2 (.xlsx): a scrutiny task-and-finish tracker with a hidden column, a frozen header, real Excel dates in
  three number formats, and "Accepted" / "Partially accepted" / "Not accepted" responses with reasons.
- v3 (.csv): a SharePoint list export: semicolons, every field quoted, multi-line cells (bullets, a numbered
  list, a lead-in with dashes), "Cllr … (Portfolio Holder) / Director …" leads and a "Modified" column.
- v4 (.html): a ModernGov-like page: nested layout tables, "Last updated on", <br>-separated items and
  recommendations numbered in words ("Recommendation One").
- v5 (.pdf): a Word table without borders printed to PDF, "Short term / Medium term / Long term" timescales
  and their legend under the table.
- v6 (.docx): a planning peer review with "Success measures" and "Evidence" columns and fuzzy targets ("Q2",
  "Summer 2025", "by end of 2025/26", "Ongoing – reviewed quarterly").
- v7 (.txt): an emailed plan with no table: themes in capitals, "R1." recommendations, a "Response:" line and
  lettered actions carrying their lead and date after dashes.
- v8 (.docx): one two-column table per recommendation (labels down the left), under a Title-styled heading with
  a bold subtitle.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from docx.shared import Cm, Pt
from openpyxl.styles import Alignment, Font

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_fixtures import (  # noqa: E402  (the seed fixtures' page set-up and PDF conversion, shared)
    deterministic_zip,
    mark_header_row,
    new_document,
    set_table_borders,
    to_pdf,
)
from make_fixtures import (
    save_docx as write_docx,
)

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "unseen2"
FIXED = dt.datetime(2025, 11, 1, 9, 0, 0)

# A row is a list of cells; a cell is a string (paragraphs split on "\n", list items start "• ") or None for a
# continuation of the cell above (vertically merged).
Cells = list[str | None]


def fill(cell: Any, text: str, bold: bool = False) -> None:
    first = True
    for line in text.split("\n"):
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if line.startswith("• "):
            p.style = "List Bullet"
            line = line[2:]
        p.add_run(line).bold = bold


def table(doc: Any, headings: list[str], widths: list[float], rows: list[Cells], borders: bool = True,
          span_from: int | None = None) -> None:
    """A table whose header repeats on each page. A row whose cells after ``span_from`` are all "" has them
    merged across into one (a recommendation row over its action rows)."""
    t = doc.add_table(rows=1, cols=len(headings))
    set_table_borders(t, drawn=borders)
    t.autofit = False
    total = sum(widths)
    for i, heading in enumerate(headings):
        t.columns[i].width = t.rows[0].cells[i].width = Cm(26.7 * widths[i] / total)
        fill(t.rows[0].cells[i], heading, bold=True)
    mark_header_row(t.rows[0])
    above: list[Any] = []
    for row in rows:
        cells = t.add_row().cells
        for i, c in enumerate(cells):
            c.width = Cm(26.7 * widths[i] / total)
        if span_from is not None and all(v == "" for v in row[span_from + 1:]):
            fill(cells[span_from - 1], row[span_from - 1] or "", bold=True)
            fill(cells[span_from].merge(cells[-1]), row[span_from] or "", bold=True)
            above = []
            continue
        current = []
        for i, value in enumerate(row):
            if value is None:
                current.append(above[i].merge(cells[i]))
            else:
                fill(cells[i], value)
                current.append(cells[i])
        above = current


def save_docx(doc: Any, name: str) -> Path:
    return write_docx(doc, OUT / name)


def v1_progress_review() -> None:
    doc = new_document()
    doc.add_heading("Corporate Peer Challenge – Progress Review Action Plan", level=1)
    doc.add_paragraph("Hollinwood District Council")
    doc.add_paragraph("This update reports the position on each action agreed following the peer challenge in "
                      "February 2025.")
    table(doc, ["Ref", "Recommendation and actions", "Lead officer", "Target date",
                "Position at 30 September 2025", "Status"], [1.2, 8, 3, 2.5, 7, 2], [
        ["1", "Develop a clear narrative for the council's ambitions for Hollinwood, shared with partners and "
              "residents.", "", "", "", ""],
        ["1.1", "Agree the place narrative with the Hollinwood Partnership Board", "Chief Executive", "June 2025",
         "Narrative agreed by the Partnership Board on 12 June.", "Completed"],
        ["1.2", "Publish the narrative on the council website and in the residents' magazine",
         "Head of Communications", "September 2025",
         "Web pages drafted; the magazine feature has moved to the winter edition.", "Off track"],
        ["2", "Strengthen the role of overview and scrutiny in shaping policy.", "", "", "", ""],
        ["2.1", "Agree an annual scrutiny work programme linked to the Corporate Plan", "Monitoring Officer",
         "July 2025", "Work programme agreed by the Overview and Scrutiny Committee in July.", "Completed"],
        ["2.2", "Provide training for scrutiny chairs and vice-chairs", "Democratic Services Manager",
         "December 2025", "Training booked with the Centre for Governance and Scrutiny for November.",
         "On track"],
        ["2.3", "Introduce pre-decision scrutiny of key decisions", "Monitoring Officer", "March 2026",
         "Protocol being drafted with Cabinet members.", "On track"],
        ["3", "Put in place a workforce strategy to address recruitment and retention in hard-to-fill posts.",
         "", "", "", ""],
        ["3.1", "Complete a workforce skills and capacity review", "Head of HR and OD", "October 2025",
         "Review under way; 60% of services complete.", "On track"],
        ["3.2", "Launch a market supplement scheme for planning and environmental health posts",
         "Head of HR and OD", "August 2025",
         "Scheme approved but not yet launched because of the pay negotiations.", "Off track"],
    ], span_from=1)
    save_docx(doc, "v1_progress_review.docx")


def v2_scrutiny_tracker() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tracker"
    ws["A1"] = "Task and Finish Group on Temporary Accommodation – recommendations tracker"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Redcastle Borough Council"
    headings = ["No.", "Recommendation", "Cabinet response", "Reason", "Action", "Lead", "Due date",
                "Directorate code", "Update"]
    for col, heading in enumerate(headings, start=1):
        cell = ws.cell(row=4, column=col, value=heading)
        cell.font = Font(bold=True)
    rows: list[list[Any]] = [
        [1, "Increase the supply of council-owned temporary accommodation so that families are not placed in bed "
            "and breakfast for more than six weeks.", "Accepted", None,
         "Buy 40 homes for use as temporary accommodation through the Local Authority Housing Fund",
         "Head of Housing Needs", (dt.datetime(2026, 3, 31), "d mmmm yyyy"), "HSG-01",
         "17 homes bought by the end of September 2025."],
        [2, "Appoint a dedicated officer to support households in temporary accommodation with school transport.",
         "Partially accepted",
         "Support will be given through the existing housing options team rather than a new post.",
         "Add school transport support to the housing options officers' role profiles",
         "Housing Options Manager", (dt.datetime(2025, 12, 1), "mmm-yy"), "HSG-02", "Role profiles updated."],
        [3, "Stop using out-of-borough placements for families with children.", "Not accepted",
         "The council cannot guarantee enough homes in the borough; out-of-borough placements will be used only "
         "after a risk assessment.", None, None, None, "HSG-03", None],
        [4, "Report the number of households in temporary accommodation to the Housing Scrutiny Panel every "
            "quarter.", "Accepted", None,
         "Add a temporary accommodation dashboard to the quarterly housing performance report",
         "Head of Housing Needs", (dt.datetime(2025, 10, 31), "dd/mm/yyyy"), "HSG-04",
         "First dashboard reported to the Panel in October 2025."],
    ]
    for r, values in enumerate(rows, start=5):
        for c, value in enumerate(values, start=1):
            if isinstance(value, tuple):
                cell = ws.cell(row=r, column=c, value=value[0])
                cell.number_format = value[1]
            else:
                cell = ws.cell(row=r, column=c, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHI", [6, 50, 18, 40, 45, 24, 16, 12, 40], strict=True):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["H"].hidden = True  # a lookup key for the directorate's own filter, never shown
    ws.freeze_panes = "A5"
    wb.properties.creator = "make_unseen2_fixtures.py"
    wb.properties.created = wb.properties.modified = FIXED
    out = io.BytesIO()
    wb.save(out)
    # openpyxl stamps the save time as "modified" whatever the properties say: pin it, so a rerun changes nothing.
    pinned = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as src, zipfile.ZipFile(pinned, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-11-01T09:00:00Z", body)
            dst.writestr(info, body)
    (OUT / "v2_scrutiny_tracker.xlsx").write_bytes(deterministic_zip(pinned.getvalue()))


V3 = '''"Title";"Recommendation";"Actions";"Assigned To";"Due Date";"Progress";"RAG";"Modified"
"REC-01";"Develop a single customer contact strategy covering phone, web and face-to-face services.";"- Map current contact channels and volumes
- Consult residents on the draft strategy
- Adopt the strategy at Cabinet";"Cllr Patel (Portfolio Holder) / Director of Resources";"31/03/2026";"Channel mapping complete; consultation planned for January.";"Amber";"14/10/2025 09:12"
"REC-02";"Review the council's approach to commercial income, with targets that are realistic.";"Agree a commercial strategy with income targets for each service";"Director of Resources";"30/09/2025";"Strategy agreed by Cabinet in September 2025.";"Green";"02/10/2025 16:40"
"REC-03";"Make better use of performance data in decisions.";"1. Set up a corporate performance dashboard
2. Train managers to use the dashboard";"Head of Policy and Performance";"30/06/2026";"Dashboard supplier not yet appointed; procurement restarted.";"Red";"20/10/2025 11:05"
"REC-04";"Strengthen the member development offer.";"A member development programme agreed with group leaders:
- induction for new members
- an annual training needs survey";"Cllr Okafor (Leader) / Monitoring Officer";"31/05/2026";"";"Green";"20/10/2025 11:07"
'''


V4 = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Appendix A - Peer Challenge Action Plan - Eastmere County Council</title></head>
<body>
<div id="mgHeader"><a href="/">Eastmere County Council</a> | <a href="/mgListCommittees.aspx">Committees</a></div>
<table class="mgLayout" width="100%"><tr>
<td class="mgSideBar" width="20%"><ul><li><a href="/ieListMeetings.aspx">Meetings</a></li>
<li><a href="/mgMemberIndex.aspx">Councillors</a></li></ul></td>
<td class="mgContent">
<table class="mgInner" width="100%"><tr><td>
<h1>Appendix A – Peer Challenge Action Plan</h1>
<p>Eastmere County Council – Cabinet, 12 November 2025</p>
<p class="mgLastUpdated">Last updated on 3 November 2025</p>
<table class="mgDataTable" border="1">
<tr><th>Recommendation</th><th>Our response</th><th>What we will do</th><th>Who</th><th>When</th></tr>
<tr>
<td><strong>Recommendation One</strong><br>Set out a clear, long-term vision for the county that partners can sign up to.</td>
<td>Agreed. The vision will be developed with partners through the County Partnership.</td>
<td>&bull; Hold three partner workshops<br>&bull; Draft the vision for consultation<br>&bull; Adopt the vision at Full Council</td>
<td>Chief Executive<br>Chief Executive<br>Leader of the Council</td>
<td>December 2025<br>March 2026<br>July 2026</td>
</tr>
<tr>
<td><strong>Recommendation Two</strong><br>Review the capacity of the corporate centre to support transformation.</td>
<td>Agreed in part. The review will cover the corporate centre but not the service directorates.</td>
<td>&bull; Commission an independent review of corporate capacity<br>&bull; Create a transformation programme office</td>
<td>Director of Corporate Services</td>
<td>January 2026</td>
</tr>
<tr>
<td><strong>Recommendation Three</strong><br>Improve engagement with town and parish councils.</td>
<td>Agreed.</td>
<td>Set up a quarterly forum for town and parish councils</td>
<td>Head of Communities</td>
<td>October 2025 and ongoing</td>
</tr>
</table>
</td></tr></table>
</td></tr></table>
<div id="mgFooter">Copyright Eastmere County Council | <a href="/accessibility">Accessibility</a></div>
</body>
</html>
"""


def v5_borderless_timescales() -> None:
    doc = new_document()
    doc.add_heading("Climate Emergency Peer Review – Action Plan", level=1)
    doc.add_paragraph("Fernley Borough Council")
    table(doc, ["No.", "Recommendation", "Action", "Lead", "Timescale"], [1, 8, 9, 4, 3], [
        ["1", "Set a realistic pathway to net zero for the council's own estate by 2030.",
         "Commission a heat decarbonisation plan for the ten largest buildings", "Head of Property", "Short term"],
        [None, None, "Fit solar panels to the civic centre and the two leisure centres", "Head of Property",
         "Medium term"],
        ["2", "Embed climate impact in decision making.",
         "Add a climate impact assessment to the Cabinet report template", "Climate Change Officer",
         "Short term"],
        [None, None, "Train report authors to complete the assessment", "Climate Change Officer", "Short term"],
        ["3", "Work with partners to develop a borough-wide climate action plan.",
         "Set up a Climate Partnership with businesses, schools and community groups", "Director of Place",
         "Medium term"],
        [None, None, "Publish a borough-wide climate action plan", "Director of Place", "Long term"],
    ], borders=False)
    doc.add_paragraph("Timescales: Short term – within 6 months; Medium term – 6 to 18 months; Long term – over "
                      "18 months")
    path = save_docx(doc, "v5_borderless_timescales.docx")
    to_pdf(path, OUT / "v5_borderless_timescales.pdf")
    path.unlink()


def v6_success_measures() -> None:
    doc = new_document()
    doc.add_heading("Planning Service Peer Review – Improvement Plan", level=1)
    doc.add_paragraph("Brackenfield District Council")
    table(doc, ["Ref", "Recommendation", "Actions", "Lead", "By when", "Success measures", "Evidence"],
          [1, 6, 6, 4, 3, 5, 4], [
        ["A1", "Set a local plan timetable that can be delivered, with the resources to deliver it.",
         "Publish a revised Local Development Scheme", "Cllr Smith (Portfolio Holder) / Director of Place", "Q2",
         "Local Development Scheme published", "Cabinet report, July 2025"],
        [None, None, "Recruit two senior planning policy officers", "Head of Planning", "Summer 2025",
         "Both posts filled", "HR establishment report"],
        ["A2", "Improve the speed of deciding major planning applications.",
         "Offer planning performance agreements on all major applications", "Head of Planning",
         "by end of 2025/26", "80% of major applications decided within agreed timescales",
         "Quarterly planning performance returns"],
        [None, None, "Review the scheme of delegation with the Planning Committee",
         "Monitoring Officer / Head of Planning", "Ongoing – reviewed quarterly", "Delegation rate above 90%",
         "Planning Committee minutes"],
        ["A3", "Engage developers and infrastructure providers earlier.", "Hold a developer forum twice a year",
         "Director of Place", "Autumn 2025", "Two forums held each year, with feedback published",
         "Forum notes on the council website"],
    ])
    save_docx(doc, "v6_success_measures.docx")


V7 = """Improvement plan following the Children's Services Peer Review
Marlow Heath Council
Updated October 2025

LEADERSHIP AND GOVERNANCE

R1. Rebuild the Children's Services Improvement Board with an independent chair.
Response: Accepted.
Actions:
a) Appoint an independent chair – Director of Children's Services – December 2025
b) Agree new terms of reference for the Board – Director of Children's Services – January 2026

R2. Give elected members a stronger role in holding children's services to account.
Response: Accepted.
Actions:
a) Set up a corporate parenting panel of members – Head of Democratic Services – November 2025
b) Hold a member briefing on children's services performance each quarter – Director of Children's Services – March 2026 and ongoing

PRACTICE AND WORKFORCE

R3. Reduce social workers' caseloads to no more than 18 children each.
Response: Accepted in part – the target is 20 children by March 2026, then 18.
Actions:
a) Recruit eight additional social workers – Head of Children's Social Care – March 2026
b) Bring in a caseload weighting tool – Principal Social Worker – TBC
"""


def v8_table_per_recommendation() -> None:
    doc = new_document()
    doc.add_heading("Housing Peer Challenge Action Plan", level=0)
    p = doc.add_paragraph()
    run = p.add_run("Response of Silverdale City Council to the recommendations of the peer team")
    run.bold = True
    run.font.size = Pt(14)
    doc.add_paragraph("Each recommendation is set out below with the council's response and the actions agreed.")
    recs = [
        ("Recommendation 1", "Develop a housing strategy that sets clear priorities for new affordable homes.",
         "Agreed", "Consult on a draft housing strategy\nAdopt the housing strategy at Cabinet",
         "Head of Housing Strategy", "April 2026", "Draft strategy out for consultation until 15 December."),
        ("Recommendation 2", "Improve the council's response to damp and mould reports from tenants.",
         "Agreed", "Respond to every damp and mould report within ten working days",
         "Head of Repairs and Maintenance", "Complete", "New response standard in place since August 2025."),
        ("Recommendation 3", "Set up a tenants' scrutiny panel.", "Agreed",
         "Recruit tenants to a scrutiny panel and agree its terms of reference",
         "Tenant Engagement Manager", "June 2026", ""),
    ]
    for heading, text, response, actions, lead, when, progress in recs:
        doc.add_heading(heading, level=2)
        t = doc.add_table(rows=0, cols=2)
        set_table_borders(t)
        for label, value in [("Recommendation", text), ("Council response", response), ("Actions", actions),
                             ("Lead officer", lead), ("Target date", when), ("Progress", progress)]:
            cells = t.add_row().cells
            cells[0].width, cells[1].width = Cm(5), Cm(21.7)
            fill(cells[0], label, bold=True)
            fill(cells[1], value)
    save_docx(doc, "v8_table_per_recommendation.docx")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    v1_progress_review()
    v2_scrutiny_tracker()
    # SharePoint writes CSV with a byte order mark and CRLF line ends; cells keep their own LF breaks.
    lines = V3.split('"\n"')
    (OUT / "v3_sharepoint_export.csv").write_bytes(("\ufeff" + '"\r\n"'.join(lines)).encode("utf-8"))
    (OUT / "v4_moderngov_page.html").write_text(V4, encoding="utf-8")
    v5_borderless_timescales()
    v6_success_measures()
    (OUT / "v7_emailed_plan.txt").write_text(V7, encoding="utf-8")
    v8_table_per_recommendation()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
