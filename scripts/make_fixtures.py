"""Render each seed plan as a council would publish it in Word, then as PDF through LibreOffice.

    .venv/bin/python scripts/make_fixtures.py        (or: make fixtures)

For each seed it writes tests/fixtures/seeds/NAME.docx and NAME.pdf, and borderless/NAME.pdf beside them: the
same document with its table borders switched off. The content comes from the hand-checked gold reading (tests/fixtures/gold/NAME.json), so both files can be scored against the same gold; the layout
(column headings as printed in NAME.txt, which field goes in which column, headings over the tables, how list
items are marked) is per seed here, on purpose: the readers know nothing about any seed.

What every document has, because real committee papers do: a landscape A4 page, so the tables break across
pages; a real Word table whose header row is marked to repeat on each page (w:tblHeader); the
recommendation's cells merged down over its action rows (w:vMerge); lists inside cells as Word list paragraphs
or "•" characters like the source; text outside the tables (title, subtitle, theme headings, footnotes).
Values are put back as printed: status as the seed's letter, dates as their text.

The .docx bytes are the same on every run (fixed document properties and zip timestamps). LibreOffice stamps
each PDF with the time, so a PDF whose text is unchanged is left as it was.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
OUT = ROOT / "tests" / "fixtures" / "seeds"

STATUS_CODES = {"green": "G", "amber": "A", "red": "R", "blue": "B"}
PRIORITY_CODES = {"high": "H", "medium": "M", "low": "L"}
FIXED_TIME = datetime(2026, 1, 1)

Rec = dict[str, Any]
Act = dict[str, Any]


@dataclass(frozen=True)
class Column:
    heading: str  # as printed in the seed
    what: str  # the field that goes in it; see value()
    width: float  # relative width


@dataclass(frozen=True)
class Layout:
    columns: list[Column]
    # "action": one row per action, the recommendation's cells merged down; "recommendation": one row per
    # recommendation, its actions listed inside one cell and the other action columns beside them.
    row_per: str = "action"
    # How items listed in one cell are marked: "list" (Word list paragraphs), "char" ("•" typed), "para"
    # (plain paragraphs, one per item).
    items: str = "list"
    items_for: Callable[[Rec], str] | None = None  # per-recommendation override of `items`
    number_label: Callable[[str], str] = str  # the number as printed ("6." for "6")
    bullet_actions: bool = False  # every action cell a one-item list, as in seed 000
    # A table per recommendation under a "RECOMMENDATION n" paragraph, with theme and owner lines over it.
    table_per_recommendation: bool = False
    owner_lines: dict[str, str] = field(default_factory=dict)
    theme_rows: bool = False  # a theme is a full-width row inside the table, not a heading over it
    subtitle_lines: list[str] = field(default_factory=list)  # printed under the title (e.g. a date)
    footer_lines: Callable[[dict[str, Any]], list[str]] | None = None


def lines_after_lead(text: str) -> tuple[str | None, list[str]]:
    """A multi-line value as (its first line, the lines under it shown as list items)."""
    lines = text.split("\n")
    if len(lines) > 1:
        return lines[0], lines[1:]
    return None, lines


def footer_004(plan: dict[str, Any]) -> list[str]:
    timescale = ", ".join(f"{k}: {v}" for k, v in plan["legend"]["timescale"].items())
    colours = [f"{name.capitalize()} - {meaning}" for name, meaning in plan["legend"]["status"].items()]
    return ["Update June 2023", f"*{timescale}", *colours]


LAYOUTS: dict[str, Layout] = {
    "000_434456432017fdb1": Layout(
        [Column("No.", "rec.number", 1), Column("Recommendation", "rec.text", 6),
         Column("Response", "rec.response", 4), Column("Action", "action.text", 6),
         Column("Lead", "action.owners", 1.5), Column("Target date", "action.due", 2),
         Column("Progress (RAG)", "action.status", 1.5)],
        # The source's first six recommendations use Word bullets; the last three have "•" typed in.
        items_for=lambda rec: "char" if int(rec["number"]) >= 7 else "list", bullet_actions=True),
    "001_5a140e39b889afe5": Layout(
        [Column("Recommendation", "rec.label", 8), Column("Action", "action.text", 8),
         Column("Timescale", "action.due", 3)],
        row_per="recommendation"),
    "002_92d1a37e39293310": Layout(
        [Column("No.", "rec.number", 1), Column("Recommendation", "rec.text", 8),
         Column("Actions", "action.text", 8), Column("Lead Officer", "action.owners", 2.5),
         Column("Target Date", "action.due", 3)],
        row_per="recommendation", items="para",
        number_label=lambda n: f"{n}." if int(n) >= 6 else n,
        subtitle_lines=["October 2024"]),
    "003_46970d322b9b8053": Layout(
        [Column("Rec. No.", "rec.number", 1), Column("Key Recommendation", "rec.text", 4),
         Column("CLT Owner", "rec.owner", 2.5), Column("Actions", "action.text", 7),
         Column("Action Owner", "action.owners", 2.5),
         Column("How do we measure improvement for November 2024", "action.measure", 5)],
        theme_rows=True),
    "004_a45fdb9e1ebc7908": Layout(
        [Column("Action", "action.text", 8), Column("Timescale", "action.timescale", 1.5),
         Column("Priority Rating", "action.priority", 1.5), Column("RAG Rating", "action.status", 1.5),
         Column("Anticipated completion", "action.anticipated_completion", 3),
         Column("Commentary", "action.commentary", 8)],
        table_per_recommendation=True,
        owner_lines={
            "1": "SLT Lead – Chief Executive/Officer Lead – Strategic Director",
            "2": "SLT Lead – Strategic Director/Head of CS&T/HR Lead/Comms Manager",
            "3": "SLT Lead – Head of Law & Democracy/Officer Leader – Legal & Democratic Services "
                 "Manager/Project & IT Manager",
            "4": "SLT Lead – Head of Customer Service & Transformation/Officer Lead – Customer Service "
                 "Improvement Manager",
            "5": "SLT Lead – Strategic Director (S151 Officer)/Officer Lead – Head of Finance & Corporate "
                 "Projects & IT Manager",
        },
        footer_lines=footer_004),
}


@dataclass(frozen=True)
class Look:
    """How the tables are printed: ruled (the fixtures beside the seeds) or with every border off."""

    borders: bool = True
    header_fill: str | None = "D9D9D9"  # the header row's shading, or none


# The borderless variants (tests/fixtures/seeds/borderless/NAME.pdf): no ruling lines at all, as a table pasted
# from Excel or a web page prints; some keep the grey header row, some have no shading either.
BORDERLESS: dict[str, Look] = {
    "000_434456432017fdb1": Look(False),
    "001_5a140e39b889afe5": Look(False, None),
    "002_92d1a37e39293310": Look(False),
    "003_46970d322b9b8053": Look(False, None),
    "004_a45fdb9e1ebc7908": Look(False, None),
}


# -- values ---------------------------------------------------------------------------------------------------
def value(what: str, rec: Rec, action: Act, layout: Layout) -> str:
    if what == "rec.number":
        return layout.number_label(str(rec["number"]))
    if what == "rec.text":
        return str(rec["text"])
    if what == "rec.label":
        return f"{rec['number']}: {rec['text']}"
    if what == "rec.response":
        return rec.get("response") or ""
    if what == "rec.owner":
        # An owner added part-way down (carried in the later actions' extra) starts its own run of rows.
        later = {(a.get("extra") or {}).get("CLT Owner") for a in rec["actions"]}
        first = "\n".join(o for o in rec["owners"] if o not in later)
        return str((action.get("extra") or {}).get("CLT Owner") or first)
    if what == "action.text":
        return str(action.get("text") or "")
    if what == "action.owners":
        return "\n".join(action.get("owners") or [])
    if what == "action.due":
        return action["due"]["text"] if action.get("due") else ""
    if what == "action.status":
        return STATUS_CODES.get(action.get("status") or "", "")
    if what == "action.priority":
        code = PRIORITY_CODES.get(action.get("priority") or "")
        return code or (action.get("extra") or {}).get("Priority Rating", "")
    if what in ("action.measure", "action.timescale", "action.anticipated_completion", "action.commentary"):
        return action.get(what.split(".", 1)[1]) or ""
    raise ValueError(what)


# -- Word XML helpers ------------------------------------------------------------------------------------------
def set_cell_shading(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def mark_header_row(row: Any) -> None:
    """w:tblHeader: Word and LibreOffice repeat this row at the top of each page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    tr_pr.append(el)


def set_table_borders(table: Any, drawn: bool = True) -> None:
    """Thin black lines round every cell, or (``drawn`` False) every border switched off, as a table pasted
    from Excel or a web page prints."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        if drawn:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def write_cell(cell: Any, text: str, what: str, items: str, bold: bool = False,
               all_items: bool = False) -> None:
    """Fill a cell: one Word paragraph per line; the lines under a first line are list items where the
    column holds actions or a response (as the sources show them), plain lines elsewhere."""
    first = cell.paragraphs[0]
    if not text:
        return
    if all_items:
        paras = [(line, True) for line in text.split("\n")]
    elif what in ("action.text", "rec.response", "rec.text") and "\n" in text and "\n\n" not in text:
        lead, lines = lines_after_lead(text)
        paras: list[tuple[str, bool]] = [(lead or "", False)] + [(line, True) for line in lines]
    else:
        paras = [(line, False) for line in text.split("\n")]
    for i, (line, is_item) in enumerate(paras):
        p = first if i == 0 else cell.add_paragraph()
        if is_item and items == "list":
            p.style = "List Bullet"
        elif is_item and items == "char":
            line = f"• {line}"
        run = p.add_run(line)
        run.bold = bold


def write_items(cell: Any, values: list[str], items: str) -> None:
    """A recommendation's actions (or their dates, leads) listed in one cell, one item each."""
    first = cell.paragraphs[0]
    n = 0
    for value_text in values:
        lead, lines = lines_after_lead(value_text)
        parts = [(lead, False)] + [(line, True) for line in lines] if lead is not None \
            else [(value_text, len(values) > 1)]
        for text, as_item in parts:
            p = first if n == 0 else cell.add_paragraph()
            n += 1
            if as_item and items == "list":
                p.style = "List Bullet"
            elif as_item and items == "char":
                text = f"• {text}"
            p.add_run(text or "")


# -- the document ----------------------------------------------------------------------------------------------
def new_document() -> Any:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(2)
    for name in ("Heading 1", "Heading 2", "Title"):
        doc.styles[name].font.name = "Arial"
        doc.styles[name].font.color.rgb = RGBColor(0, 0, 0)
    props = doc.core_properties
    props.author = props.last_modified_by = "make_fixtures.py"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    return doc


def new_table(doc: Any, layout: Layout, look: Look) -> Any:
    table = doc.add_table(rows=1, cols=len(layout.columns))
    set_table_borders(table, look.borders)
    table.autofit = False
    total = sum(c.width for c in layout.columns)
    usable = 26.7
    for i, col in enumerate(layout.columns):
        width = Cm(usable * col.width / total)
        table.columns[i].width = width
        table.rows[0].cells[i].width = width
    header = table.rows[0]
    mark_header_row(header)
    for cell, col in zip(header.cells, layout.columns, strict=True):
        write_cell(cell, col.heading, "heading", "para", bold=True)
        if look.header_fill:
            set_cell_shading(cell, look.header_fill)
    return table


def add_row(table: Any, layout: Layout) -> Any:
    row = table.add_row()
    total = sum(c.width for c in layout.columns)
    for cell, col in zip(row.cells, layout.columns, strict=True):
        cell.width = Cm(26.7 * col.width / total)
    return row


def add_recommendation_rows(table: Any, rec: Rec, layout: Layout) -> None:
    items = layout.items_for(rec) if layout.items_for else layout.items
    actions = rec["actions"] or [{"text": "", "owners": []}]
    if layout.row_per == "recommendation":
        row = add_row(table, layout)
        for cell, col in zip(row.cells, layout.columns, strict=True):
            if col.what.startswith("rec."):
                write_cell(cell, value(col.what, rec, actions[0], layout), col.what, items)
            elif col.what == "action.text":
                write_items(cell, [value(col.what, rec, a, layout) for a in actions], items)
            else:
                values = [value(col.what, rec, a, layout) for a in actions]
                if len(set(values)) == 1:  # one lead or date for the whole group: printed once
                    write_cell(cell, values[0], col.what, items)
                else:
                    write_items(cell, values, "list" if items == "para" else items)
        return
    rows = []
    for action in actions:
        row = add_row(table, layout)
        rows.append(row)
        for cell, col in zip(row.cells, layout.columns, strict=True):
            write_cell(cell, value(col.what, rec, action, layout), col.what, items,
                       all_items=layout.bullet_actions and col.what == "action.text")
    # The recommendation's own cells are merged down over its action rows (a run of one owner over its rows).
    for c, col in enumerate(layout.columns):
        if not col.what.startswith("rec."):
            continue
        start = 0
        while start < len(rows):
            end = start + 1
            if col.what == "rec.owner":
                current = value(col.what, rec, actions[start], layout)
                while end < len(rows) and value(col.what, rec, actions[end], layout) == current:
                    end += 1
            else:
                end = len(rows)
            for r in range(start + 1, end):
                # Text only in the first cell of a merge: clear the rest before merging.
                tc = rows[r].cells[c]._tc
                for p in list(tc.iterchildren(qn("w:p")))[1:]:
                    tc.remove(p)
                for run in list(tc.iterchildren(qn("w:p")))[0].iterchildren(qn("w:r")):
                    run.getparent().remove(run)
            if end - start > 1:
                rows[start].cells[c].merge(rows[end - 1].cells[c])
            start = end


def add_full_width_row(table: Any, layout: Layout, text: str) -> None:
    row = add_row(table, layout)
    merged = row.cells[0].merge(row.cells[-1])  # one cell spanning the table (w:gridSpan)
    write_cell(merged, text, "heading", "para", bold=True)


def render_docx(plan: dict[str, Any], layout: Layout, look: Look | None = None) -> bytes:
    look = look or Look()
    doc = new_document()
    doc.add_heading(plan["title"], level=1)
    for line in layout.subtitle_lines:
        doc.add_paragraph(line).runs[0].bold = True
    if plan.get("notes"):
        doc.add_paragraph(plan["notes"])
    theme = None
    table = None
    for rec in plan["recommendations"]:
        if layout.table_per_recommendation:
            if rec.get("theme") and rec["theme"] != theme:
                doc.add_heading(rec["theme"], level=2)
            theme = rec.get("theme")
            if rec["number"] in layout.owner_lines:
                doc.add_paragraph(layout.owner_lines[rec["number"]])
            doc.add_paragraph().add_run(f"RECOMMENDATION {rec['number']}").bold = True
            for part in rec["text"].split("\n\n"):
                lead, lines = lines_after_lead(part)
                doc.add_paragraph(lead if lead is not None else part)
                if lead is not None:
                    for line in lines:
                        doc.add_paragraph(line, style="List Bullet")
            table = new_table(doc, layout, look)
            add_recommendation_rows(table, rec, layout)
            doc.add_paragraph()
            continue
        if table is None:
            table = new_table(doc, layout, look)
        if layout.theme_rows and rec.get("theme") and rec["theme"] != theme:
            add_full_width_row(table, layout, f"{rec['theme']}:")
        theme = rec.get("theme")
        add_recommendation_rows(table, rec, layout)
    if layout.footer_lines:
        for line in layout.footer_lines(plan):
            doc.add_paragraph(line).runs[0].font.size = Pt(8)
    out = io.BytesIO()
    doc.save(out)
    return deterministic_zip(out.getvalue())


def deterministic_zip(data: bytes) -> bytes:
    """The same members in the same order with a fixed timestamp, so an unchanged document has the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# -- PDF -------------------------------------------------------------------------------------------------------
def save_docx(doc: Any, path: Path) -> Path:
    """Write a python-docx document to ``path`` with fixed zip timestamps, so re-making fixtures changes no bytes."""
    out = io.BytesIO()
    doc.save(out)
    path.write_bytes(deterministic_zip(out.getvalue()))
    return path


def to_pdf(docx_path: Path, pdf_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) is needed to make the PDF fixtures")
    with tempfile.TemporaryDirectory() as tmp:
        # A profile of its own, so a LibreOffice already open for the user does not swallow the conversion.
        profile = Path(tmp, "profile").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", tmp, str(docx_path)], check=True, capture_output=True, timeout=300)
        made = Path(tmp, docx_path.stem + ".pdf")
        if pdf_path.exists() and pdf_text(pdf_path.read_bytes()) == pdf_text(made.read_bytes()):
            return  # only the timestamp differs: keep the committed bytes
        shutil.copyfile(made, pdf_path)


def pdf_text(data: bytes) -> list[str]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def main(argv: list[str]) -> int:
    names = argv or sorted(LAYOUTS)
    for name in names:
        layout = LAYOUTS[name]
        plan = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
        docx_path = OUT / f"{name}.docx"
        docx_path.write_bytes(render_docx(plan, layout))
        to_pdf(docx_path, OUT / f"{name}.pdf")
        pages = len(pdfium.PdfDocument(OUT / f"{name}.pdf"))
        print(f"wrote {name}.docx and {name}.pdf ({pages} pages)")
        if name in BORDERLESS:
            # Only the PDF is kept: a Word reader sees the table's cells whatever its borders.
            (OUT / "borderless").mkdir(exist_ok=True)
            with tempfile.TemporaryDirectory() as tmp:
                plain = Path(tmp, f"{name}.docx")
                plain.write_bytes(render_docx(plan, layout, BORDERLESS[name]))
                to_pdf(plain, OUT / "borderless" / f"{name}.pdf")
            pages = len(pdfium.PdfDocument(OUT / "borderless" / f"{name}.pdf"))
            print(f"wrote borderless/{name}.pdf ({pages} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
