"""Printing a generated plan: the document as a list of blocks (paragraphs, list items, tables, page chrome),
and that list written out as plain text, a web page, a Word document or (through LibreOffice) a PDF.

Used by tests/support/generate.py; the blocks know nothing about plans, only what a page shows.
"""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

FIXED_TIME = datetime(2026, 1, 1)  # docx core properties and zip timestamps, so bytes repeat run to run


@dataclass(frozen=True)
class Block:
    """One printed thing: kind is "title", "heading", "subheading", "bold", "para", "item" (a list item, typed
    glyph or a real list where glyph is None), "chrome" (page furniture), "blank" or "table"."""

    kind: str
    text: str = ""
    glyph: str | None = None
    # A table's rows; None is a cell merged with the one above, a 1-tuple a row spanning the table.
    rows: tuple[tuple[str | None, ...], ...] = ()
    header: tuple[str, ...] = ()


@dataclass
class Doc:
    blocks: list[Block]
    spaced: bool = False  # txt: a blank line between paragraphs
    landscape: bool = False
    repeat_header: bool = True  # a table resumed after a page line prints its header again
    notes: list[str] = field(default_factory=list)  # the layout's choices, for the expected gold's warning


def _table_runs(blocks: list[Block], repeat_header: bool) -> list[Block]:
    """Adjacent one-row table blocks joined into tables; a header row at a table's start, and again after a
    page line only where the document repeats it (a new table under a heading always has one)."""
    out: list[Block] = []
    after_chrome = False
    for block in blocks:
        if block.kind == "table" and out and out[-1].kind == "table":
            prev = out[-1]
            out[-1] = Block("table", rows=prev.rows + block.rows, header=prev.header)
            continue
        if block.kind == "table":
            head = block.header if (not after_chrome or repeat_header) and block.header else ()
            # A table resumed without its header: no header row at all, its cells go straight on.
            rows = block.rows
            # A table starting on a full-width theme row prints the header above the theme row.
            out.append(Block("table", rows=rows, header=head))
            after_chrome = False
            continue
        if block.kind == "chrome":
            after_chrome = any(b.kind == "table" for b in out)
        elif block.kind not in ("blank",):
            after_chrome = False
        out.append(block)
    return out


def render_txt(doc: Doc) -> bytes:
    lines: list[str] = []
    prev = ""
    for block in _table_runs(doc.blocks, doc.repeat_header):
        if doc.spaced and lines and block.kind not in ("blank",) and not (block.kind == prev == "item"):
            lines.append("")
        prev = block.kind
        if block.kind == "table":
            rows = ([block.header] if block.header else []) + list(block.rows)
            lines += ["\t".join(c or "" for c in row) for row in rows]
        elif block.kind == "item":
            lines += [f"{block.glyph or '•'} {block.text}"]
        else:
            lines += block.text.split("\n")
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_html(doc: Doc, title: str) -> bytes:
    esc = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{esc(title or 'Action plan')}</title>", "</head>", "<body>"]
    in_list = False
    for block in _table_runs(doc.blocks, doc.repeat_header):
        if in_list and not (block.kind == "item" and block.glyph is None):
            out.append("</ul>")
            in_list = False
        if block.kind == "table":
            out += _html_table(block)
        elif block.kind == "item" and block.glyph is None:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{esc(block.text)}</li>")
        elif block.kind == "item":
            out.append(f"<p>{esc(block.glyph or '')} {esc(block.text)}</p>")
        elif block.kind == "title":
            out.append(f"<h1>{esc(block.text)}</h1>")
        elif block.kind == "heading":
            out.append(f"<h2>{esc(block.text)}</h2>")
        elif block.kind == "subheading":
            out.append(f"<h3>{esc(block.text)}</h3>")
        elif block.kind == "bold":
            out.append(f"<p><strong>{esc(block.text)}</strong></p>")
        elif block.kind == "blank":
            out.append("<p></p>")
        else:
            out += [f"<p>{esc(line)}</p>" for line in block.text.split("\n")]
    if in_list:
        out.append("</ul>")
    out += ["</body>", "</html>"]
    return ("\n".join(out) + "\n").encode("utf-8")


def _html_table(block: Block) -> list[str]:
    esc = html.escape
    width = len(block.header) or max(len(r) for r in block.rows)
    out = ["<table>"]
    if block.header:
        out.append("<thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in block.header) + "</tr></thead>")
    out.append("<tbody>")
    rows = list(block.rows)
    for r, row in enumerate(rows):
        if len(row) == 1 and width > 1:
            out.append(f'<tr><td colspan="{width}"><strong>{esc(row[0] or "")}</strong></td></tr>')
            continue
        cells = []
        for c, cell in enumerate(row):
            if cell is None and r > 0:
                continue
            span = 1
            while r + span < len(rows) and len(rows[r + span]) > c and rows[r + span][c] is None:
                span += 1
            attr = f' rowspan="{span}"' if span > 1 else ""
            # A table part that opens on a merged cell (the table went on after a page line) shows it blank,
            # spanning on down as the merged cell did.
            inner = "<br>".join(esc(line) for line in (cell or "").split("\n"))
            cells.append(f"<td{attr}>{inner}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def render_docx(doc: Doc) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    word = Document()
    section = word.sections[0]
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    word.styles["Normal"].font.name = "Arial"
    word.styles["Normal"].font.size = Pt(10)
    props = word.core_properties
    props.author = props.last_modified_by = "tests/support/generate.py"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    for block in _table_runs(doc.blocks, doc.repeat_header):
        if block.kind == "table":
            _docx_table(word, block, OxmlElement, qn)
        elif block.kind == "title":
            word.add_heading(block.text, level=1)
        elif block.kind == "heading":
            word.add_heading(block.text, level=2)
        elif block.kind == "subheading":
            word.add_heading(block.text, level=3)
        elif block.kind == "bold":
            word.add_paragraph().add_run(block.text).bold = True
        elif block.kind == "item" and block.glyph is None:
            word.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "item":
            word.add_paragraph(f"{block.glyph} {block.text}")
        elif block.kind == "blank":
            word.add_paragraph()
        elif block.kind == "chrome":
            para = word.add_paragraph(block.text)
            para.runs[0].font.size = Pt(8)
        else:
            for line in block.text.split("\n"):
                word.add_paragraph(line)
    out = io.BytesIO()
    word.save(out)
    return deterministic_zip(out.getvalue())


def _docx_table(word: Any, block: Block, element: Any, qn: Any) -> None:
    width = len(block.header) or max(len(r) for r in block.rows)
    rows = ([block.header] if block.header else []) + list(block.rows)
    table = word.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    if block.header:
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(element("w:tblHeader"))  # Word and LibreOffice repeat it on each page
    for r, row in enumerate(rows):
        cells = table.rows[r].cells
        if len(row) == 1 and width > 1:
            merged = cells[0].merge(cells[-1])
            merged.paragraphs[0].add_run(row[0] or "").bold = True
            continue
        for c, value in enumerate(row):
            if value is None:
                continue
            lines = value.split("\n")
            cells[c].paragraphs[0].add_run(lines[0]).bold = bool(block.header) and r == 0
            for line in lines[1:]:
                cells[c].add_paragraph(line)
    for r, row in enumerate(rows):  # merged cells: a None joins the cell above it (w:vMerge)
        for c, value in enumerate(row):
            if value is None and len(row) > 1:
                top = r
                while top > 0 and rows[top][c] is None:
                    top -= 1
                table.cell(top, c).merge(table.cell(r, c))


def deterministic_zip(data: bytes) -> bytes:
    """The same members in the same order with a fixed timestamp (as scripts/make_fixtures.py saves docx)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(documents: dict[str, bytes]) -> dict[str, bytes]:
    """Every Word document converted to PDF in one LibreOffice run (starting it is most of the time)."""
    program = soffice()
    if not program:
        raise RuntimeError("LibreOffice (soffice) is needed for the pdf form")
    if not documents:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = []
        for stem, data in documents.items():
            path = folder / f"{stem}.docx"
            path.write_bytes(data)
            paths.append(str(path))
        profile = (folder / "profile").as_uri()  # its own profile, so an open LibreOffice does not take the job
        subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(folder / "out"), *paths],
                       check=True, capture_output=True, timeout=120 + 10 * len(paths))
        return {stem: (folder / "out" / f"{stem}.pdf").read_bytes() for stem in documents}
