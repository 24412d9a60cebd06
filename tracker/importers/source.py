"""The document as the importer read it, for the review screen to show beside the reading (issue 10).

``document_as_read(data, filename)`` turns an upload into passages, each with the ``where`` the parser gives
the rows it reads from it ("line 12", "paragraph 5", "table 1, row 3", "page 2, table 1, row 4"), and the
headings of its tables (for "this column is the lead"). It uses the parser's own readers, read-only, so the
places match what each recommendation and action records; a text file is shown line by line, as its places
are counted.

Each passage is ``{"where", "text", "start"}``: ``start`` is what the parser's ``Hints.start`` needs to begin
the plan there (the first line of the paragraph, or of the row's first filled cell). Plain functions, no Django.
"""

from __future__ import annotations

from typing import Any

import planparse
from planparse import api
from planparse.blocks import Block, Table

# A row's filled cells are shown in one passage, between these, as the document's columns.
CELL_SEPARATOR = " | "
# A heading printed as a column heading is short; a longer first-row cell is data in a table with no header.
MAX_HEADING_CHARACTERS = 80


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _blocks(fmt: str, data: bytes, options: planparse.Options) -> list[Block]:
    # The same readers, in the same way, as planparse.api._read uses for each format.
    if fmt == "txt":
        from planparse.readers.txt import read_txt

        return read_txt(api.decode(data, options))
    if fmt == "html":
        from planparse.readers.html import read_html

        return read_html(api.decode(data, options))
    if fmt == "docx":
        from planparse.readers.docx import read_docx

        return read_docx(data, options)
    if fmt == "pdf":
        from planparse.readers.pdf import read_pdf

        return read_pdf(data, options)
    if fmt == "xlsx":
        from planparse.readers.sheet import read_xlsx

        return read_xlsx(data, options)
    if fmt == "csv":
        from planparse.readers.sheet import read_csv

        return read_csv(api.decode(data, options))
    return []  # JSON is already structured: there is no text to show beside it


def _text_lines(text: str) -> list[dict[str, str]]:
    return [{"where": f"line {n}", "text": line.strip(), "start": line.strip()}
            for n, line in enumerate(text.splitlines(), start=1) if line.strip()]


def _columns(tables: list[Table]) -> list[str]:
    """The headings of the document's tables, each once, in the order printed: the rows the reader marked as
    a header, or else each table's first row."""
    headings: list[str] = []
    for table in tables:
        rows = [row for row in table.rows if row.header] or table.rows[:1]
        for row in rows:
            for text in row.texts:
                heading = " ".join(text.split())
                if heading and len(heading) <= MAX_HEADING_CHARACTERS and heading not in headings:
                    headings.append(heading)
    return headings


def document_as_read(data: bytes, filename: str) -> dict[str, Any]:
    """``{"passages": [...], "columns": [...]}`` for an upload (see module docstring); a document the readers
    cannot open gives no passages rather than an error, since the parser already said what was wrong."""
    options = planparse.Options()
    try:
        fmt, _ = api.sniff(api._from_utf16(data), filename)
        blocks = _blocks(fmt, api._from_utf16(data), options)
        if fmt == "txt":
            return {"passages": _text_lines(api.decode(api._from_utf16(data), options)),
                    "columns": _columns([b for b in blocks if isinstance(b, Table)])}
    except (planparse.ParseError, ValueError):
        return {"passages": [], "columns": []}
    passages: list[dict[str, str]] = []
    tables: list[Table] = []
    for block in blocks:
        if isinstance(block, Table):
            tables.append(block)
            for row in block.rows:
                texts = [cell.text.strip() for cell in row.cells if cell.text.strip()]
                if texts:
                    passages.append({"where": row.where or block.where, "text": CELL_SEPARATOR.join(texts),
                                     "start": _first_line(texts[0])})
        elif block.text.strip():
            passages.append({"where": block.where, "text": block.text, "start": _first_line(block.text)})
    return {"passages": passages, "columns": _columns(tables)}
