"""Write the Word and PDF plans of the held-out set (tests/fixtures/unseen/), laid out unlike any seed.

    .venv/bin/python scripts/make_unseen_fixtures.py

The content is invented but written as councils write it; it lives here and nowhere else. The gold readings
in tests/fixtures/unseen/gold/ were written by hand from the documents this script makes, not from the
parser's output. The .txt and .html plans of the set are written by hand and not made here.

- u1: an external audit recommendations tracker (Ref | Finding | Recommendation | Priority | Management
  response | Responsible officer | Implementation date | Status), one row per recommendation, no actions column.
- u4: a financial resilience peer review plan with H/M/L priorities and financial-year quarter targets, the
  recommendation's cells merged down over its action rows; also printed to PDF through LibreOffice.
- u6: an improvement and recovery plan with no number column, themes as full-width rows, recommendations
  merged down, "Responsible Officer", "Deadline", "Progress update" and "BRAG" columns, and a colour key.
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
    save_docx,
    set_table_borders,
    to_pdf,
)

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "unseen"

# A row is a list of cells; a cell is a string (paragraphs split on "\n\n", list items on "\n• ") or None for a
# continuation of the cell above (vertically merged).
Cells = list[str | None]


def fill(cell: Any, text: str, bold: bool = False) -> None:
    paragraphs = [p for p in text.split("\n\n")]
    first = True
    for para in paragraphs:
        for line in para.split("\n"):
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            if line.startswith("• "):
                p.style = "List Bullet"
                line = line[2:]
            p.add_run(line).bold = bold


def table(doc: Any, headings: list[str], widths: list[float], rows: list[Cells | str]) -> None:
    """A bordered table whose header repeats on each page; a str row is a full-width heading row."""
    t = doc.add_table(rows=1, cols=len(headings))
    set_table_borders(t)
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
                merged = above[i].merge(cells[i])
                current.append(merged)
            else:
                fill(cells[i], value)
                current.append(cells[i])
        above = current


def save(doc: Any, name: str) -> Path:
    return save_docx(doc, OUT / name)


def u1_audit_tracker() -> None:
    doc = new_document()
    doc.add_heading("External audit recommendations tracker", level=1)
    doc.add_paragraph("Kingsbury County Council – recommendations from the external auditor's annual report "
                      "2024/25")
    doc.add_paragraph("Status as at 31 October 2025")
    table(doc, ["Ref", "Finding", "Recommendation", "Priority", "Management response", "Responsible officer",
                "Implementation date", "Status"], [1, 5, 5, 1.5, 6, 3, 2.5, 2], [
        ["R1", "The council's savings plans for 2025/26 include £1.8m of schemes rated as high risk of "
               "non-delivery.",
         "Strengthen the monitoring of savings delivery, reporting slippage and mitigating actions to Cabinet "
         "each quarter.", "High",
         "Savings tracker added to the quarterly finance report to Cabinet from Quarter 2.",
         "Director of Finance", "30 September 2025", "Implemented"],
        ["R2", "Three of the five major capital schemes approved in 2024/25 had no documented options appraisal.",
         "Require a documented options appraisal for every capital scheme over £500,000 before it is approved.",
         "High",
         "Update the capital strategy to require an options appraisal for schemes over £500,000.\n\n"
         "Revise the terms of reference of the Capital Programme Board so that it checks the appraisal before "
         "approval.",
         "Head of Capital Programmes", "March 2026", "In progress"],
        ["R3", "Risk owners' mitigating actions are not recorded consistently in the corporate risk register.",
         "Refresh the risk management framework and train all risk owners.", "Medium",
         "Refresh the risk management framework and deliver training to risk owners.",
         "Head of Audit and Risk / Corporate Risk Officer", "December 2025 (revised from June 2025)",
         "Partly implemented"],
        ["R4", "The council's arrangements for reviewing the performance of its strategic partnerships are "
               "informal.",
         "Agree a partnership governance framework, with an annual review of each strategic partnership.", "Low",
         "A framework will be drafted with the council's main partners and taken to Cabinet for approval.",
         "Assistant Chief Executive", "Summer 2026", "Not yet due"],
    ])
    save(doc, "u1_audit_tracker.docx")


def u4_finance_peer_review() -> None:
    doc = new_document()
    doc.add_heading("Financial Resilience Peer Review – Action Plan", level=1)
    doc.add_paragraph("Westbrook Metropolitan Borough Council")
    doc.add_paragraph("Priority: H – high, M – medium, L – low")
    table(doc, ["Ref", "Recommendation", "Priority", "Actions", "Lead", "Target", "RAG"], [1.2, 7, 1.5, 8, 3, 3, 1.2], [
        ["FPR1", "Set a realistic and fully costed savings programme for 2026/27 and 2027/28, with named leads for "
                 "each proposal.", "H",
         "Review every 2026/27 savings proposal for deliverability and remove those rated red", "S151",
         "Q3 2025/26", "G"],
        [None, None, None, "Assign a named budget holder and milestone plan to each remaining proposal",
         "S151 / Directors", "Q4 2025/26", "A"],
        ["FPR2", "Rebuild general fund reserves to at least 5% of net revenue budget over the medium term.", "H",
         "Set a reserves policy with a minimum balance and a plan to reach it", "S151", "Q3 25/26", "A"],
        [None, None, None, "Report the reserves position in every quarterly budget monitoring report",
         "Finance Business Partners", "Q2 2025/26 and ongoing", "G"],
        ["FPR3", "Improve the financial literacy of budget holders and members.", "M",
         "Deliver budget management training to all budget holders", "Head of Finance", "Q1 2026/27", "R"],
        [None, None, None, "Add a finance session to the member induction programme",
         "Head of Democratic Services", "Complete", "B"],
        ["FPR4", "Review the council's commercial investment portfolio and set a clear exit strategy for "
                 "under-performing assets.", "L",
         "Commission an independent valuation of the investment portfolio", "Director of Regeneration",
         "Q2 2026/27", "A"],
    ])
    path = save(doc, "u4_finance_peer_review.docx")
    to_pdf(path, OUT / "u4_finance_peer_review.pdf")
    path.unlink()  # the PDF is the fixture; the Word file is only its source


def u6_recovery_plan() -> None:
    doc = new_document()
    doc.add_heading("Improvement and Recovery Plan", level=1)
    doc.add_paragraph("Progress update – December 2025")
    doc.add_paragraph("Ashcombe Council accepted all the recommendations of the Improvement Panel in March 2025. "
                      "This appendix reports progress on the actions agreed in response.")
    table(doc, ["Recommendation", "Key actions", "Responsible Officer", "Deadline", "Progress update", "BRAG"],
          [7, 7, 3, 2.5, 7, 1.2], [
        "Leadership and culture",
        ["Develop a shared set of values and behaviours with staff, and build them into recruitment, induction "
         "and appraisal.", "Run staff engagement sessions to agree the values", "Head of HR & OD", "June 2025",
         "Complete. Eleven sessions held with 430 staff; values launched in July.", "B"],
        [None, "Build the values into the appraisal form and guidance", "Head of HR & OD", "End of March 2026",
         "New appraisal form being tested in two services.", "G"],
        ["Strengthen the relationship between the political and managerial leadership, with clear protocols.",
         "Agree a member–officer protocol", "Monitoring Officer", "31/12/2025",
         "Draft protocol considered by Standards Committee in November.", "A"],
        [None, "Hold monthly Leader and Chief Executive one-to-ones with a shared forward plan", "Chief Executive",
         "Ongoing", "In place since April.", "G"],
        "Financial management",
        ["Produce a balanced budget for 2026/27 without the use of one-off reserves, supported by a credible "
         "savings plan.", "Identify savings of £3m for 2026/27", "Director of Resources", "Autumn 2025",
         "£2.4m identified to date; options for the rest go to Cabinet in January.", "R"],
        [None, "Consult the public on budget options", "Director of Resources / Head of Communications",
         "January 2026", "Consultation opens on 5 January.", "G"],
        "Service performance",
        ["Reduce the backlog of housing repairs and improve the accuracy of the repairs data reported to members.",
         "Clear the backlog of repairs over 90 days old", "Director of Housing", "Spring 2026",
         "Backlog down from 1,900 to 1,150 jobs.\nAdditional contractor appointed in October.", "A"],
        [None, "Audit the repairs data and publish a monthly dashboard", "Head of Housing Management",
         "March 2026", "", ""],
    ])
    doc.add_paragraph("BRAG key")
    for line in ("Blue – complete", "Red – not on track, action needed", "Amber – at risk", "Green – on track"):
        doc.add_paragraph(line)
    save(doc, "u6_recovery_plan.docx")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    u1_audit_tracker()
    u4_finance_peer_review()
    u6_recovery_plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
