"""Spreadsheets (.xlsx with openpyxl, .csv with the csv module) → blocks.

A sheet is a grid; a plan in it is usually a few title lines, a header row, then one row per action with the
recommendation's cells merged down. So each sheet reads as: the lines above the first row with two or more
cells as paragraphs, the rows from there to the last such row as one table, and any lines below it (a
footnote, a legend, "Last updated …") as paragraphs again. Merged ranges become ``Cell.merged_above`` and
``Cell.colspan``, exactly as a Word table's merged cells do.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
import zlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..blocks import BULLET, Block, Cell, Paragraph, Row, Table
from ..errors import ParseError
from ..options import Options

# A list marker typed by hand at the start of a line in a cell ("- ", "* ", "•", "·", "▪").
MARKER = re.compile(r"^(?:[•·▪●◦‣∙]\s*|[-*–]\s+)(?=\S)")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Names spreadsheet programs give new sheets: they say nothing about the plan, so they are not headings.
DEFAULT_SHEET_NAME = re.compile(r"^(sheet|tabelle|feuil|hoja|foglio|blad)\s*\d*$", re.IGNORECASE)
# Quoted literals and [colour]/[$-locale] sections of a number format, which are not date tokens.
FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


@dataclass
class GridRow:
    """One non-blank row of a sheet, before the sheet is split into paragraphs and a table."""

    cells: list[Cell]
    where: str
    header: bool = False
    heading: int = 0  # 2 for a line of one bold cell (a title typed in a cell), as a Word heading would be


# -- text of one cell ------------------------------------------------------------------------------------
def cell_text(value: str) -> str:
    """Normalise a cell's text to the block contract: lines stripped, own list markers → BULLET."""
    lines = []
    for raw in value.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = SPACES.sub(" ", raw.replace("\u200b", "").replace("\ufeff", "")).strip()
        if MARKER.match(line):
            line = BULLET + MARKER.sub("", line)
        lines.append(line)
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):  # runs of blank lines reduced to one
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _shows(number_format: str, letters: str) -> bool:
    fmt = FORMAT_LITERALS.sub("", number_format or "").lower()
    return any(ch in fmt for ch in letters)


def display_value(value: Any, number_format: str = "General") -> str:
    """A cell's value as a person reads it on screen, in words a date reader understands.

    A date formatted ``mmm-yy`` shows "Mar-25" and means March 2025, so it reads as "March 2025"; one showing
    the day reads "31 March 2025"; a year-only format reads "2025". Numbers read as Excel's General format
    shows them; a percentage format shows a percentage.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        fmt = number_format if number_format and number_format != "General" else "dd/mm/yyyy"
        has_time = isinstance(value, dt.datetime) and (value.hour or value.minute)
        if _shows(fmt, "h") and not _shows(fmt, "dy"):
            return f"{value:%H:%M}"  # a time format ("hh:mm"): its "mm" is minutes, not a month
        if _shows(fmt, "d"):
            text = f"{value.day} {value:%B %Y}"
        elif _shows(fmt, "m"):
            text = f"{value:%B %Y}"
        elif _shows(fmt, "y"):
            text = f"{value:%Y}"
        else:
            text = f"{value.day} {value:%B %Y}"
        if has_time and _shows(fmt, "h") and isinstance(value, dt.datetime):
            text += f" {value:%H:%M}"
        return text
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, int | float):
        if "%" in FORMAT_LITERALS.sub("", number_format or ""):
            return f"{value * 100:g}%"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10g}" if isinstance(value, float) else str(value)
    return cell_text(str(value))


# -- grid → blocks ---------------------------------------------------------------------------------------
def grid_blocks(rows: Sequence[GridRow], where: str) -> list[Block]:
    """Title lines, one table, then trailing lines; see the module docstring."""

    def tabular(row: GridRow) -> bool:
        return sum(1 for c in row.cells if c.text or c.merged_above) >= 2

    marks = {i for i, row in enumerate(rows) if tabular(row)}
    if not marks:
        return [Paragraph(_line(row.cells), where=row.where) for row in rows]
    first = min(marks)
    # Below the table's start, a row whose text is not in the first column continues the table (a CSV's
    # last action with the recommendation's cells left blank); a footnote starts at the left.
    last = max(i for i, row in enumerate(rows) if i in marks or (i > first and _first_text(row.cells) > 0))
    blocks: list[Block] = [Paragraph(_line(row.cells), heading=row.heading, where=row.where) for row in rows[:first]]
    width = max(sum(c.colspan for c in row.cells) for row in rows[first:last + 1])
    table_rows = []
    for row in rows[first:last + 1]:
        cells = list(row.cells)
        missing = width - sum(c.colspan for c in cells)
        if missing > 0:  # every row as wide as the table, as a Word table's rows are
            cells.extend(Cell("") for _ in range(missing))
        table_rows.append(Row(cells, where=row.where, header=row.header))
    blocks.append(Table(table_rows, where=where))
    blocks.extend(Paragraph(_line(row.cells), where=row.where) for row in rows[last + 1:])
    return blocks


def _line(cells: Iterable[Cell]) -> str:
    return "\n".join(c.text for c in cells if c.text)


def _trim_columns(rows: list[GridRow]) -> list[GridRow]:
    """Drop the empty columns left of the content (a plan pasted at B2 reads as one at A1)."""
    lead = min((_first_text(row.cells) for row in rows), default=0)
    if not lead:
        return rows
    for row in rows:
        col, i = 0, 0
        while i < len(row.cells) and col + row.cells[i].colspan <= lead:
            col += row.cells[i].colspan
            i += 1
        row.cells = row.cells[i:]
    return rows


def _first_text(cells: list[Cell]) -> int:
    col = 0
    for c in cells:
        if c.text or c.merged_above:
            return col
        col += c.colspan
    return col


def _strip_right(cells: list[Cell]) -> list[Cell]:
    while cells and not cells[-1].text and not cells[-1].merged_above:
        cells.pop()
    return cells


DAMAGED = "the Excel workbook is damaged or incomplete"


# -- xlsx --------------------------------------------------------------------------------------------------
def read_xlsx(data: bytes, options: Options | None = None) -> list[Block]:
    """Every visible sheet with content, in order: the sheet's name as a heading, then its blocks."""
    options = options or Options()
    _check_zip(data, options)
    import openpyxl

    try:
        # Not read_only: merged ranges, fonts and print titles are only known to a fully loaded sheet.
        # openpyxl warns about parts it skips (data validation, conditional formats, odd dates) on stderr;
        # none of that changes the text, and the CLI's stderr is for the plan's own warnings.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises whatever its zip or XML layer raised, all meaning this
        raise ParseError(DAMAGED) from None
    blocks: list[Block] = []
    try:
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue  # hidden sheets hold drop-down lists and lookups, not the plan
            rows = _sheet_rows(sheet)
            if not rows:
                continue
            if not DEFAULT_SHEET_NAME.match(sheet.title.strip()):
                blocks.append(Paragraph(sheet.title.strip(), heading=1, where=f"sheet {sheet.title!r}"))
            blocks.extend(grid_blocks(rows, where=f"sheet {sheet.title!r}"))
    finally:
        book.close()
    return blocks


def _check_zip(data: bytes, options: Options) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            # zipfile never inflates a member past its declared size, so the declared sizes bound the work.
            total = sum(info.file_size for info in infos)
            if total > options.max_unzipped_bytes:
                raise ParseError(f"the Excel workbook would unpack to {total // 1024 // 1024} MB, more than the "
                                 f"{options.max_unzipped_bytes // 1024 // 1024} MB allowed (it may be a zip bomb)")
            merged = cells = 0
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    sheet_merged, sheet_cells = _count_cells(archive, info)
                    merged, cells = merged + sheet_merged, cells + sheet_cells
    # zlib.error: a member whose compressed bytes are damaged (found by the fuzz test).
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, RuntimeError, zlib.error):
        raise ParseError(DAMAGED) from None
    # openpyxl keeps an object of about a kilobyte for every cell, and one for every cell of every merged
    # range: a few megabytes of zipped XML can ask for gigabytes. A plan has a few thousand cells at most.
    if merged > MAX_MERGED_CELLS:
        raise ParseError(f"the Excel workbook has merged cells covering {merged:,} cells, far more than a plan; "
                         "unmerge whole rows or columns and try again")
    if cells > MAX_CELLS:
        raise ParseError(f"the Excel workbook has {cells:,} cells, more than the {MAX_CELLS:,} a plan could "
                         "need; save the plan's sheet as a workbook of its own and try again")


MAX_MERGED_CELLS = 200_000
MAX_CELLS = 100_000
MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="\$?([A-Za-z]{1,3})\$?(\d{1,7})'
                       rb'(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?"')
CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
OVERLAP = 256  # longer than any tag counted, so one cut across a chunk boundary is seen whole


def _count_cells(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """(cells covered by merged ranges, cells) in one sheet, read from its XML in chunks."""
    area = cells = 0
    tail = b""
    with archive.open(info) as member:
        while chunk := member.read(1 << 20):
            text = tail + chunk
            # A tag ending inside the tail was counted with the chunk before.
            for m in MERGE_REF.finditer(text):
                if m.end() > len(tail):
                    c1, r1 = m.group(1), int(m.group(2))
                    c2, r2 = m.group(3) or c1, int(m.group(4) or m.group(2))
                    area += (abs(r2 - r1) + 1) * (abs(_column(c2) - _column(c1)) + 1)
            cells += sum(1 for m in CELL_TAG.finditer(text) if m.end() > len(tail))
            tail = text[-OVERLAP:]
    return area, cells


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _sheet_rows(sheet: Any) -> list[GridRow]:
    """The sheet's non-blank rows, over only the columns that hold something.

    Works from the cells the file defines rather than ``iter_rows``, which creates every cell of the used
    range: one stray value in cell XFD1048576 must not make a plan of seventeen billion cells. Empty
    columns (margins, spacers) are dropped, so a plan pasted at B2 reads as one at A1.
    """
    values: dict[tuple[int, int], Any] = {}
    for (r, c), cell in sheet._cells.items():  # openpyxl's own store of the cells the file defines
        if cell.value is not None and str(cell.value).strip():
            values[(r, c)] = cell
    if not values:
        return []
    value_rows = sorted({r for r, _ in values})
    columns = {c for _, c in values}
    ranges = []
    for rng in sheet.merged_cells.ranges:
        if (rng.min_row, rng.min_col) in values:
            columns.add(rng.min_col)
            ranges.append(rng)
    # A hidden column holds a lookup or sort key the workbook never shows: it is not part of the plan as
    # published, as a hidden sheet is not.
    hidden = _hidden_columns(sheet)
    kept = sorted(c for c in columns if c not in hidden)
    # (row, col) → (top row, colspan) for a range's first column; None for the other columns it covers.
    merged: dict[tuple[int, int], tuple[int, int] | None] = {}
    for rng in ranges:
        span_cols = [c for c in kept if rng.min_col <= c <= rng.max_col]
        rows_in = value_rows[bisect_left(value_rows, rng.min_row):bisect_right(value_rows, rng.max_row)]
        for r in rows_in:
            merged[(r, rng.min_col)] = (rng.min_row, len(span_cols))
            for c in span_cols[1:]:
                merged[(r, c)] = None
    header_rows = _header_rows(sheet)
    rows: list[GridRow] = []
    for r in value_rows:
        cells: list[Cell] = []
        bold = True
        for c in kept:
            key = (r, c)
            if key in merged:
                info = merged[key]
                if info is None:
                    continue  # covered by the colspan of the range's first column
                top_row, span = info
                if r != top_row:
                    cells.append(Cell("", merged_above=True, colspan=span))
                    continue
            else:
                span = 1
            cell = values.get(key)
            number_format, is_bold = _style(cell) if cell is not None else ("General", False)
            text = display_value(cell.value, number_format) if cell is not None else ""
            cells.append(Cell(text, colspan=span))
            if text:
                bold = bold and is_bold
        cells = _strip_right(cells)
        filled = sum(1 for c in cells if c.text)
        if not filled:
            continue  # rows only continuing a merge are layout, not content
        # A header is a row the workbook calls one, or the first row of two or more headings all in bold.
        header = r in header_rows or (bold and filled >= 2 and not rows_have_header(rows))
        rows.append(GridRow(cells, f"sheet {sheet.title!r}, row {r}", header, heading=2 if bold and filled == 1 else 0))
    return rows


def _hidden_columns(sheet: Any) -> set[int]:
    """Numbers (1-based) of the columns the sheet hides; a damaged dimension table hides nothing."""
    hidden: set[int] = set()
    try:
        for dim in sheet.column_dimensions.values():
            if dim.hidden and dim.min and dim.max and dim.max - dim.min < 16384:
                hidden.update(range(dim.min, dim.max + 1))
    except (AttributeError, TypeError, ValueError):
        return set()
    return hidden


def _style(cell: Any) -> tuple[str, bool]:
    """The cell's number format and whether it is bold; a damaged style table reads as plain text."""
    try:
        return str(cell.number_format or "General"), bool(cell.font and cell.font.b)
    except (IndexError, KeyError, AttributeError, TypeError, ValueError):
        return "General", False


def rows_have_header(rows: list[GridRow]) -> bool:
    return any(row.header for row in rows)


def _header_rows(sheet: Any) -> set[int]:
    """Rows the workbook itself calls headers: print titles repeated on each page, or a table's header."""
    found: set[int] = set()
    titles = getattr(sheet, "print_title_rows", None)
    if titles:
        m = re.match(r"\$?(\d+):\$?(\d+)", str(titles))
        if m:
            found.update(range(int(m.group(1)), int(m.group(2)) + 1))
    for table in getattr(sheet, "tables", {}).values():
        try:
            from openpyxl.utils.cell import range_boundaries

            _, min_row, _, _ = range_boundaries(table.ref)
        except (ValueError, TypeError):
            continue
        for i in range(table.headerRowCount or 0):
            found.add(min_row + i)
    return found


# -- csv ----------------------------------------------------------------------------------------------------
DELIMITERS = (",", ";", "\t")


def read_csv(text: str) -> list[Block]:
    """A CSV file as a sheet: the delimiter (comma, semicolon or tab) is worked out from the text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    delimiter = sniff_delimiter(text)
    # The csv module builds a whole record before it can be counted: a line of millions of empty fields
    # would take seconds and hundreds of megabytes. Delimiters and line ends bound the cells from above;
    # commas in prose count too, hence the margin.
    if text.count(delimiter) + text.count("\n") > 10 * MAX_CELLS:
        raise ParseError(f"the CSV file has more than {MAX_CELLS:,} cells, more than a plan could need")
    csv.field_size_limit(max(len(text), 131072))
    rows: list[GridRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start, count = 1, 0
    try:
        for record in reader:
            cells = _strip_right([Cell(cell_text(value)) for value in record])
            if any(c.text for c in cells):
                rows.append(GridRow(cells, f"line {start}"))  # where the record starts, not ends
                count += len(cells)
                if count > MAX_CELLS:
                    raise ParseError(f"the CSV file has more than {MAX_CELLS:,} cells, more than a plan could "
                                     "need")
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ParseError(f"the CSV file cannot be read ({exc})", f"line {reader.line_num}") from None
    return grid_blocks(_trim_columns(rows), where="table 1")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most rows of one consistent width.

    ``csv.Sniffer`` guesses from character frequencies and is thrown by commas inside prose; a plan's rows
    are long prose, so this counts fields per row the way the csv module itself will split them.
    """
    sample = text[:65536]
    best, best_score = ",", -1.0
    for delimiter in DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
                      if any(v.strip() for v in r)][:50]
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = Counter(w for w in widths if w > 1).most_common(1)[0] if any(
            w > 1 for w in widths) else (1, 0)
        score = count * min(width, 20) / len(widths)
        if score > best_score:
            best, best_score = delimiter, score
    return best
