"""Write the third held-out set (tests/fixtures/unseen3/): six plans laid out unlike the seeds and unlike
tests/fixtures/unseen and unseen2.

    .venv/bin/python scripts/make_unseen3_fixtures.py

The content is invented but written as councils write it; it lives here and nowhere else. The gold readings in
tests/fixtures/unseen3/gold/ were written by hand from the documents this script makes, before the parser was
run on any of them.

- w1 (.docx): an LGA finance peer review, "Recommendation / Agreed action / Officer / By when / RAG / Comments",
  the recommendation merged down over its actions, RAG written as words with a key under the table.
- w2 (.txt): an internal audit follow-up, tab-separated as extracted from Word, "Priority 1/2/3" and a day-month-
  year implementation date.
- w3 (.html): a plan whose number column repeats the recommendation number on each action row ("3a", "3b"),
  the recommendation cell spanning the rows.
- w4 (.pdf): a landscape table with full-width theme rows and "Lead Member:" / "Lead Officer:" lines inside the
  recommendation cell, printed through LibreOffice.
- w5 (.docx): a "Status" column ("Complete", "In progress", "Not started") beside a separate "RAG" column, and
  targets written "31/03/2026", "End of Q4", "2025/26", "Sept 24".
- w6 (.txt): a housing improvement plan, tab-separated, with theme lines between rows and BRAG as words.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx.shared import Cm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_fixtures import (  # noqa: E402  (the seed fixtures' page set-up and PDF conversion, shared)
    mark_header_row,
    new_document,
    set_table_borders,
    to_pdf,
)
from make_fixtures import (
    save_docx as write_docx,
)

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "unseen3"

# A row is a list of cells (a string, paragraphs split on "\n", list items starting "• "; or None for a
# continuation of the cell above, merged down), or a single string for a full-width row (a theme).
Row = list[str | None] | str


def fill(cell: Any, text: str, bold: bool = False) -> None:
    first = True
    for line in text.split("\n"):
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if line.startswith("• "):
            p.style = "List Bullet"
            line = line[2:]
        p.add_run(line).bold = bold


def table(doc: Any, headings: list[str], widths: list[float], rows: list[Row]) -> None:
    t = doc.add_table(rows=1, cols=len(headings))
    set_table_borders(t, drawn=True)
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
        if isinstance(row, str):
            fill(cells[0].merge(cells[-1]), row, bold=True)
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


def w1_finance_peer_review() -> None:
    doc = new_document()
    doc.add_heading("Finance Peer Review – Action Plan", level=1)
    doc.add_paragraph("Marshfield Borough Council")
    table(doc, ["Recommendation", "Agreed action", "Officer", "By when", "RAG", "Comments"],
          [7, 7, 3, 2.5, 1.5, 5], [
        ["Refresh the medium-term financial strategy so that it sets out how the budget gap for 2026/27 to "
         "2028/29 will be closed.", "Produce a refreshed MTFS with a savings plan for each year",
         "Section 151 Officer", "February 2026", "Amber", "Draft shared with Cabinet in October."],
        [None, "Set up a monthly budget challenge panel chaired by the Chief Executive", "Chief Executive",
         "October 2025", "Green", "First panel met on 7 October."],
        ["Rebuild the general fund reserve to at least 5% of net revenue budget.",
         "Agree a reserves policy with a minimum balance", "Section 151 Officer", "March 2026", "Green", ""],
        ["Strengthen the capacity of the finance team.",
         "Recruit a permanent Deputy Section 151 Officer", "Head of HR", "December 2025", "Red",
         "Two recruitment rounds have not appointed."],
        [None, "Provide budget-holder training for all managers", "Finance Business Partner", "June 2026",
         "Amber", ""],
    ])
    doc.add_paragraph("RAG key: Green – on track; Amber – some slippage; Red – at risk.")
    save_docx(doc, "w1_finance_peer_review.docx")


W2 = """Internal Audit Follow-up Report – Procurement and Contract Management

Eastbury District Council

Priority 1 – fundamental weakness requiring immediate action; Priority 2 – significant weakness; Priority 3 – \
housekeeping.

Ref\tFinding\tRecommendation\tPriority\tManagement action\tResponsible officer\tImplementation date\tStatus
IA1\tContract waivers were approved after the contract had started in 4 of 10 cases tested.\tEnsure all \
waivers are approved before a contract is let.\tPriority 1\tIntroduce a waiver form on the procurement system \
that cannot be submitted without approval.\tProcurement Manager\t31/03/2026\tPartly implemented
IA2\tThe contracts register did not record an end date for 12 contracts.\tComplete the contracts register for \
all live contracts.\tPriority 2\tReview the register and add missing end dates.\tContracts Officer\t30/09/2025\t\
Implemented
IA3\tProcurement guidance on the intranet refers to the superseded regulations.\tUpdate the procurement \
guidance for the Procurement Act 2023.\tPriority 3\tRewrite the guidance and publish it on the intranet.\t\
Head of Legal Services\t31/12/2025\tNot implemented
"""


W3 = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Scrutiny review action plan</title></head>
<body>
<h1>Scrutiny Review of Waste Collection – Action Plan</h1>
<p>Ashcombe City Council</p>
<table border="1">
<thead>
<tr><th>No.</th><th>Recommendation</th><th>Action</th><th>Lead</th><th>Deadline</th></tr>
</thead>
<tbody>
<tr><td>1a</td><td rowspan="2">Reduce missed bin collections by improving crew rounds and the information given to residents.</td>
<td>Re-route collection rounds using the new routing software</td><td>Waste Services Manager</td><td>April 2026</td></tr>
<tr><td>1b</td><td>Publish collection calendars online for every street</td><td>Head of Communications</td><td>January 2026</td></tr>
<tr><td>2a</td><td rowspan="3">Increase recycling rates in flats and houses in multiple occupation.</td>
<td>Fit communal recycling bins at the 40 largest blocks of flats</td><td>Waste Services Manager</td><td>September 2026</td></tr>
<tr><td>2b</td><td>Work with landlords to give new tenants recycling information</td><td>Private Sector Housing Manager</td><td>Ongoing</td></tr>
<tr><td>2c</td><td>Run a recycling campaign in student areas each autumn</td><td>Recycling Officer</td><td>Autumn 2025</td></tr>
<tr><td>3a</td><td>Report missed collection performance to the Scrutiny Committee twice a year.</td>
<td>Add missed collection figures to the six-monthly performance report</td><td>Head of Environmental Services</td><td>November 2025</td></tr>
</tbody>
</table>
</body>
</html>
"""


def w4_landscape_themes() -> None:
    doc = new_document()
    doc.add_heading("Corporate Peer Challenge Improvement Plan", level=1)
    doc.add_paragraph("Thornbury Council")
    table(doc, ["Recommendation", "Actions", "Milestone date", "Progress"], [9, 9, 3, 6], [
        "Theme 1: Leadership and Place",
        ["Set out a shared long-term vision for Thornbury with partners.\nLead Member: Cllr Anne Foster\n"
         "Lead Officer: Chief Executive",
         "• Hold a place summit with partners\n• Agree a joint vision statement",
         "March 2026", "Summit planned for January."],
        "Theme 2: Financial Sustainability",
        ["Close the budget gap for 2026/27 with a savings programme agreed by Council.\n"
         "Lead Member: Cllr David Okafor\nLead Officer: Director of Resources",
         "• Identify savings proposals across all directorates\n• Consult residents on the budget",
         "January 2026", "Proposals being assessed."],
        ["Review the council's asset portfolio.\nLead Member: Cllr David Okafor\nLead Officer: Head of Property",
         "• Complete a review of all operational buildings", "June 2026", ""],
    ])
    docx = save_docx(doc, "w4_landscape_themes.docx")
    to_pdf(docx, OUT / "w4_landscape_themes.pdf")
    docx.unlink()


def w5_status_and_rag() -> None:
    doc = new_document()
    doc.add_heading("Ofsted Improvement Plan – Children's Services", level=1)
    doc.add_paragraph("Kingsmead County Council")
    table(doc, ["Rec", "Recommendation", "Action", "Responsible officer", "Target date", "Status", "RAG"],
          [1, 7, 7, 3.5, 2.5, 2.5, 1.2], [
        ["1", "Improve the timeliness of initial child protection conferences.",
         "Recruit two additional conference chairs", "Head of Safeguarding", "31/03/2026", "In progress", "A"],
        [None, None, "Report timeliness to the Improvement Board monthly", "Head of Performance", "Sept 24",
         "Complete", "G"],
        ["2", "Strengthen the quality of supervision for social workers.",
         "Launch a revised supervision policy and audit tool", "Principal Social Worker", "End of Q4",
         "Not started", "R"],
        [None, None, "Audit a sample of supervision records each quarter", "Principal Social Worker", "2025/26",
         "In progress", "G"],
    ])
    save_docx(doc, "w5_status_and_rag.docx")


W6 = """Housing Improvement Plan

Fenwick Homes – Fenwick District Council

No.\tArea for improvement\tAction\tResponsible\tTarget\tUpdate\tBRAG
Tenant safety
1\tComplete all overdue fire risk assessments.\tCommission fire risk assessments for the 18 blocks overdue\tHead \
of Building Safety\tDecember 2025\tAll 18 assessments commissioned; 12 received.\tGreen
2\tReduce damp and mould cases open over 28 days.\tSet up a dedicated damp and mould team\tRepairs Manager\t\
July 2025\tTeam in place since June.\tBlue
Tenant voice
3\tGive tenants a stronger voice in decisions about their homes.\tSet up a tenant scrutiny panel\tTenant \
Engagement Manager\tMarch 2026\tRecruitment of members slower than planned.\tAmber
"""


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    w1_finance_peer_review()
    (OUT / "w2_audit_follow_up.txt").write_text(W2, encoding="utf-8")
    (OUT / "w3_repeated_numbers.html").write_text(W3, encoding="utf-8")
    w4_landscape_themes()
    w5_status_and_rag()
    (OUT / "w6_housing_themes.txt").write_text(W6, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
