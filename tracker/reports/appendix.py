"""The committee appendix: a Word document drawn from a report snapshot, and its accessible (tagged) PDF.

    docx = committee_appendix(plan, as_of, committee="Cabinet", meeting_date=meeting)   # bytes
    pdf = committee_appendix_pdf(plan, as_of, committee="Cabinet", meeting_date=meeting)
    render_docx(snapshot) / docx_to_pdf(docx)            # what issuing uses, from a stored snapshot

Accessibility is built into the Word file, and LibreOffice carries it into the PDF: real Heading 1–3
styles (PDF /H1–/H3), table header rows marked to repeat on each page (PDF /TH), the document language
en-GB in the styles and settings (PDF /Lang), a title in the core properties, and every RAG colour also
written as words (WCAG 1.4.1). The PDF is made by LibreOffice headless with tagged PDF on, with a profile
directory of the process's own so parallel workers do not collide.
"""

from __future__ import annotations

import atexit
import datetime
import io
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell

from tracker import presenters
from tracker.plans.models import Plan

LANGUAGE = "en-GB"
PDF_TIMEOUT_SECONDS = 120
# Light tints with dark text (GOV.UK tag colours): readable in print and on screen, and the word is always
# there too. No rating stays white.
RAG_SHADES = {"red": "F4CDC6", "amber": "FFF7BF", "green": "CCE2D8", "blue": "BBD4EA"}
HEADER_SHADE = "D9D9D9"
BLACK = RGBColor(0x0B, 0x0C, 0x0C)


class PdfUnavailable(RuntimeError):
    """The PDF cannot be made here (LibreOffice missing or failing); the message is for the user."""


# ---------------------------------------------------------------------------------------------- Word


def _set_language(document: Any) -> None:
    """en-GB as the default language of every run (styles) and of the document (settings)."""
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    settings = document.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is None:
        theme = OxmlElement("w:themeFontLang")
        settings.append(theme)
    theme.set(qn("w:val"), LANGUAGE)
    document.core_properties.language = LANGUAGE


def _set_styles(document: Any) -> None:
    """Arial-like black type, as council papers are; headings bold and black rather than Word's blue."""
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name, size in (("Title", 22), ("Heading 1", 18), ("Heading 2", 14), ("Heading 3", 12)):
        style = document.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = BLACK
        style.paragraph_format.space_before = Pt(12 if name != "Heading 1" else 0)
        style.paragraph_format.space_after = Pt(6)
        # The theme fonts would otherwise win over the name in Word.
        rfonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
        if rfonts is not None:
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(attr), None)


def _landscape(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    section.top_margin = section.bottom_margin = Cm(1.6)


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _footer(document: Any, text: str) -> None:
    style = document.styles["Footer"]
    style.font.size = Pt(8)
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = style
    paragraph.add_run(f"{text}    Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


def _shade(cell: _Cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


# Characters XML 1.0 cannot hold; Word's own vertical tab and page break survive in imported text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(value: Any) -> Any:
    """The snapshot with every string made safe for XML (a vertical tab is Word's line break)."""
    if isinstance(value, str):
        return _NOT_XML.sub(" ", value.replace("\x0b", "\n"))
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _write(cell: _Cell, text: str, bold: bool = False) -> None:
    """Cell text with line breaks kept as separate paragraphs (imported text has several lines)."""
    lines = [line.rstrip() for line in (text or "").splitlines()] or [""]
    first = cell.paragraphs[0]
    run = first.add_run(lines[0])
    run.bold = bold or None
    for line in lines[1:]:
        run = cell.add_paragraph().add_run(line)
        run.bold = bold or None


def _table(document: Any, headers: Sequence[str], widths_cm: Sequence[float], rows: Sequence[Sequence[str]],
           caption: str = "") -> Table:
    """A grid with a header row marked to repeat at each page break (and read as headers in the PDF)."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    if caption:
        # Word's table description: read out by screen readers as the table's summary.
        tblpr = table._tbl.tblPr
        description = OxmlElement("w:tblDescription")
        description.set(qn("w:val"), caption)
        tblpr.append(description)
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    widths = [Cm(w) for w in widths_cm]
    for cell, text, w in zip(header.cells, headers, widths, strict=True):
        _write(cell, text, bold=True)
        _shade(cell, HEADER_SHADE)
        cell.width = w
    for values in rows:
        row = table.add_row()
        # Keep each action's row on one page, as committee papers print them (a row taller than a page is
        # still broken by Word and LibreOffice).
        cant_split = OxmlElement("w:cantSplit")
        cant_split.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(cant_split)
        for cell, value, w in zip(row.cells, values, widths, strict=True):
            _write(cell, value)
            cell.width = w
    # Fixed widths in the grid, the table and every cell: LibreOffice follows the grid, Word the cells.
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    width = tblpr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tblpr.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(int(sum(widths_cm) * 567)))
    # (Cell widths are set as each row is written: going back through table.columns is far slower.)
    for grid_col, width_cm in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm, strict=True):
        grid_col.set(qn("w:w"), str(int(width_cm * 567)))
    return table


def _date(iso: str) -> str:
    return presenters.format_date(datetime.date.fromisoformat(iso)) if iso else ""


def _n(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def render_docx(snapshot: dict[str, Any]) -> bytes:
    """The appendix as a Word document, from a snapshot (tracker.reports.snapshot.build_snapshot)."""
    snapshot = _clean(snapshot)
    document = Document()
    _set_language(document)
    _set_styles(document)
    _landscape(document)
    plan = snapshot["plan"]
    as_at = _date(snapshot["as_at"])
    meeting = _date(snapshot["meeting_date"])
    title = f"{plan['title']}: progress as at {as_at}"
    document.core_properties.title = title
    document.core_properties.subject = f"Appendix to the report to {snapshot['committee']}, {meeting}"
    document.core_properties.author = snapshot["council"]
    _footer(document, f"{snapshot['council']} – {plan['title']} – as at {as_at}")

    # Cover: who, what, for which meeting.
    kicker = document.add_paragraph()
    run = kicker.add_run(f"{snapshot['council']}")
    run.bold = True
    run.font.size = Pt(12)
    document.add_heading(title, level=1)
    cover = document.add_paragraph()
    for label, value in (("Committee", snapshot["committee"]), ("Meeting date", meeting),
                         ("Plan", plan["title"]), ("Position as at", as_at)):
        cover.add_run(f"{label}: ").bold = True
        cover.add_run(value)
        cover.add_run().add_break()
    compared = snapshot["compared_with"]
    if compared["kind"] == "report":
        since = (f"the last report, to {compared['committee']} on {_date(compared['meeting_date'])} "
                 f"(as at {_date(compared['as_at'])})")
    else:
        since = f"the plan as imported on {_date(compared['date'])} (no earlier report has been issued)"
    cover.add_run("Compared with: ").bold = True
    cover.add_run(since)

    # Summary first: the figures a committee reads before any table.
    summary = snapshot["summary"]
    document.add_heading("Summary", level=2)
    document.add_paragraph(f"{summary['sentence']}.")
    facts = [f"{_n(summary['overdue'], 'action')} overdue at {as_at}",
             f"{_n(len(snapshot['completed_since']), 'action')} completed since the last report",
             f"{_n(len(snapshot['extensions']), 'target date extension')} requested or decided since the "
             "last report"]
    # Reports issued before rows could be added or removed have no such list.
    plan_changes = snapshot.get("plan_changes") or []
    if plan_changes:
        rows = "recommendation or action" if len(plan_changes) == 1 else "recommendations or actions"
        facts.append(f"{len(plan_changes)} {rows} added or removed since the last report")
    for fact in facts:
        document.add_paragraph(fact, style="List Bullet")
    states = [row for row in summary["by_state"] if row["count"]] or summary["by_state"][:1]
    _table(document, ["Delivery state", "Actions"], [7.0, 3.0],
           [(row["label"], str(row["count"])) for row in states] + [("All actions", str(summary["total"]))],
           caption="Actions by delivery state")
    document.add_paragraph()
    rags = [row for row in summary["by_rag"] if row["count"]] or summary["by_rag"][-1:]
    table = _table(document, ["RAG rating", "Actions"], [7.0, 3.0],
                   [(row["label"], str(row["count"])) for row in rags], caption="Actions by RAG rating")
    for row, values in zip(table.rows[1:], rags, strict=True):
        if values["rag"] in RAG_SHADES:
            _shade(row.cells[0], RAG_SHADES[values["rag"]])

    document.add_heading("Completed since the last report", level=2)
    if snapshot["completed_since"]:
        _table(document, ["Ref", "Action", "Lead", "Original target date", "Target date"],
               [1.4, 13.0, 4.3, 3.7, 3.7],
               [(row["ref"], row["text"], "\n".join(row["leads"]), row["original_due"], row["current_due"])
                for row in snapshot["completed_since"]], caption="Actions completed since the last report")
    else:
        document.add_paragraph("No actions have been completed since the last report.")

    document.add_heading("Target date extensions requested and approved", level=2)
    if snapshot["extensions"]:
        _table(document, ["Ref", "Action", "Original target date", "Date before", "New date", "Reason",
                          "Decision"],
               [1.4, 7.2, 2.9, 2.9, 2.9, 5.3, 3.5],
               [(row["ref"], row["action"], row["original_due"], row["from_due"], row["to_due"], row["reason"],
                 f"{row['status_label']}" + (f": {row['decided']}" if row["decided"] else
                                             f" (requested by {row['requested']})"))
                for row in snapshot["extensions"]], caption="Target date extensions since the last report")
    else:
        document.add_paragraph("No target date extensions were requested or decided since the last report.")

    if plan_changes:
        document.add_heading("Recommendations and actions added or removed", level=2)
        _table(document, ["Change", "Ref", "Wording", "Why", "By", "Date"], [3.5, 3.6, 8.0, 5.5, 2.8, 2.4],
               [(row["label"], row["ref"], row["text"], row["reason"], row["by"], _date(row["date"]))
                for row in plan_changes], caption="Recommendations and actions added or removed since the last "
                                                  "report")

    # The detail: one table per recommendation, starting on a new page.
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Progress by recommendation", level=2)
    for section in snapshot["recommendations"]:
        document.add_heading(f"Recommendation {section['number']}", level=3)
        if section["theme"]:
            document.add_paragraph().add_run(f"Theme: {section['theme']}").italic = True
        document.add_paragraph(section["text"])
        if section["owners"]:
            lead = document.add_paragraph()
            lead.add_run("Lead: ").bold = True
            lead.add_run(", ".join(section["owners"]))
        if not section["actions"]:
            document.add_paragraph("No actions.")
            continue
        table = _table(
            document, ["Ref", "Action", "Lead", "Original target date", "Current target date", "State",
                       "RAG", "Latest commentary"],
            [1.2, 6.4, 2.6, 2.4, 2.6, 2.2, 2.2, 6.5],
            [(row["ref"], row["text"], "\n".join(row["leads"]), row["original_due"],
              row["current_due"] + (f"\n{row['overdue']}" if row["overdue"] else ""),
              row["state_label"], row["rag_label"], row["commentary"]) for row in section["actions"]],
            caption=f"Actions for recommendation {section['number']}")
        for row, values in zip(table.rows[1:], section["actions"], strict=True):
            if values["rag"] in RAG_SHADES:
                _shade(row.cells[6], RAG_SHADES[values["rag"]])

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------- PDF


def soffice_path() -> str | None:
    """LibreOffice's command, if installed (Debian calls it soffice; some systems libreoffice)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


_profile_lock = threading.Lock()
_profile: tuple[int, str] | None = None


def _profile_dir() -> str:
    """This process's LibreOffice profile. A new profile costs LibreOffice about a second to set up, so each
    process keeps one (bench/reports.py measures the difference); a process of its own means parallel
    workers never share one, and the lock keeps two threads of one process from using it at once. Keyed by
    process id so a forked worker makes its own rather than sharing its parent's."""
    global _profile
    if _profile is None or _profile[0] != os.getpid() or not os.path.isdir(_profile[1]):
        path = tempfile.mkdtemp(prefix=f"appendix-libreoffice-{os.getpid()}-")
        atexit.register(shutil.rmtree, path, True)
        _profile = (os.getpid(), path)
    return _profile[1]


def docx_to_pdf(docx: bytes) -> bytes:
    """The Word document as a tagged PDF, converted by LibreOffice headless. Raises PdfUnavailable with a
    message for the user when LibreOffice is missing or fails."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable("The PDF cannot be made because LibreOffice is not installed on the server. "
                             "The Word document can still be downloaded. Ask your administrator to install "
                             "LibreOffice (scripts/system-packages).")
    export = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
    with tempfile.TemporaryDirectory(prefix="appendix-") as work:
        source = os.path.join(work, "appendix.docx")
        with open(source, "wb") as f:
            f.write(docx)
        try:
            with _profile_lock:
                profile = _profile_dir()
                result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                    [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                     "--convert-to", export, "--outdir", work, source],
                    capture_output=True, timeout=PDF_TIMEOUT_SECONDS, check=False,
                    env={**os.environ, "HOME": profile})
        except subprocess.TimeoutExpired:
            raise PdfUnavailable("LibreOffice took too long to make the PDF. Try again, or download the "
                                 "Word document.") from None
        target = os.path.join(work, "appendix.pdf")
        if result.returncode != 0 or not os.path.exists(target):
            raise PdfUnavailable("LibreOffice could not make the PDF. Try again, or download the Word "
                                 "document.")
        with open(target, "rb") as f:
            return f.read()


# ---------------------------------------------------------------------------------------------- from a plan


def committee_appendix(plan: Plan, as_of: datetime.date, *, committee: str, meeting_date: datetime.date,
                       previous: Any = None) -> bytes:
    """The appendix for ``plan`` as at ``as_of`` as a Word document, without issuing anything."""
    from tracker.reports.snapshot import build_snapshot

    return render_docx(build_snapshot(plan, as_of, committee=committee, meeting_date=meeting_date,
                                      previous=previous))


def committee_appendix_pdf(plan: Plan, as_of: datetime.date, *, committee: str, meeting_date: datetime.date,
                           previous: Any = None) -> bytes:
    """The same appendix as a tagged PDF (needs LibreOffice: raises PdfUnavailable without it)."""
    return docx_to_pdf(committee_appendix(plan, as_of, committee=committee, meeting_date=meeting_date,
                                          previous=previous))
