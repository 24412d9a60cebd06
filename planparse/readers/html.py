"""HTML (a council's web page, or a plan saved as HTML) → blocks, with the standard library's parser.

Tables keep their shape: a ``rowspan`` becomes ``Cell.merged_above`` on the rows below, a ``colspan`` becomes
``Cell.colspan``, and rows of ``<th>`` cells or inside ``<thead>`` are header rows. Text outside tables becomes
paragraphs (``h1``–``h6`` as headings, each ``<li>`` a bullet). Scripts, styles, navigation, the site's
own header and footer, and hidden elements are dropped. A table laying out the page (see ``_TableScan``) reads
as the paragraphs and tables inside it; a small table nested in a plan's cell is flattened into that cell's
lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..blocks import BULLET, Block, Cell, Paragraph, Row, Table
from ..errors import ParseError
from .sheet import MARKER

# Content that is never part of the document: code, styling, the page's <head>, and site navigation.
SKIP = {"script", "style", "head", "template", "noscript", "svg", "nav", "select", "object", "iframe"}
# A <header>/<footer> outside any article is the site's banner or footer (logo, copyright), not the plan's;
# inside <main>/<article>/<section> it is the content's own (a byline, "Last updated on …") and is kept.
CHROME = {"header", "footer"}
SECTIONING = {"main", "article", "section"}
# A block outside any article whose id or class names the site's furniture ("mgSideBar", "site-footer",
# "breadcrumbs", id="mgHeader"): a CMS's menus and footer drawn with <div>s or layout-table cells, not the plan.
CHROME_NAME = re.compile(r"(?:footer|sidebar|side-bar|nav|navigation|menu|breadcrumbs?)$", re.I)
CHROME_ID = re.compile(r"(?:header|banner|masthead)$", re.I)
CHROME_HOLDERS = {"div", "td", "aside", "ul", "ol", "p"}
# Elements that start a new line: everything block-level a page may use.
BLOCK_LEVEL = {
    "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "li", "main", "ol", "p", "pre",
    "section", "summary", "ul", "caption", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "h1", "h2", "h3", "h4", "h5", "h6",
}
PIECES = {"td", "th", "tr", "p", "li", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Invisible characters word processors leave behind; a no-break space reads as a space.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
MAX_SPAN = 1000  # a rowspan/colspan beyond this is a broken page, not a plan
# Table cells and paragraphs a page may have: a long plan has a few thousand; twenty megabytes of "<td>"
# would otherwise become millions of objects.
MAX_PIECES = 200_000


class _Text:
    """Lines of text being collected for one paragraph or one table cell."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.bullet_pending = False
        self.empty_paragraph = False  # a <p> is open and has no text yet

    def add(self, data: str) -> None:
        if data.strip():
            self.empty_paragraph = False
        if self.bullet_pending and data.strip():
            self.current.append(BULLET)
            self.bullet_pending = False
        self.current.append(data)

    def add_raw_line_break(self) -> None:
        """A ``<br>`` (or a newline in ``<pre>``): always a new line, so two in a row make a blank line."""
        self.lines.append(_clean(self.current))
        self.current = []

    def soft_break(self) -> None:
        """A block boundary: a new line only if the current one has text."""
        if _clean(self.current):
            self.add_raw_line_break()
        else:
            self.current = []

    def start_bullet(self) -> None:
        self.soft_break()
        self.bullet_pending = True

    def text(self) -> str:
        lines = [*self.lines, _clean(self.current)]
        out: list[str] = []
        for line in lines:
            if line or (out and out[-1]):  # runs of blank lines reduced to one
                out.append(line)
        while out and not out[-1]:
            out.pop()
        return "\n".join(out)


def _clean(parts: list[str]) -> str:
    text = INVISIBLE.sub("", "".join(parts))
    text = SPACES.sub(" ", text).strip()
    # A marker typed or left by a converter ("·" and spaces is how Word saves a bulleted paragraph as HTML).
    if MARKER.match(text):
        text = BULLET + MARKER.sub("", text)
    return "" if text == BULLET.strip() else text


@dataclass
class _TableState:
    where: str
    rows: list[Row] = field(default_factory=list)
    cells: list[Cell] | None = None  # the row being read
    row_header_cells: int = 0
    row_in_thead: bool = False
    in_thead: bool = False
    cell: _Text | None = None
    cell_span: tuple[int, int] = (1, 1)  # (rowspan, colspan) of the open cell
    cell_is_th: bool = False
    column: int = 0
    # column → (rows still covered, colspan) for rowspans opened on rows above
    pending: dict[int, tuple[int, int]] = field(default_factory=dict)
    caption: _Text | None = None

    def start_row(self) -> None:
        self.cells = []
        self.column = 0
        self.row_header_cells = 0
        self.row_in_thead = self.in_thead

    def fill_merged(self) -> None:
        """Put the cells covered by a rowspan from above at the current column."""
        assert self.cells is not None
        while self.column in self.pending:
            left, span = self.pending[self.column]
            self.cells.append(Cell("", merged_above=True, colspan=span))
            if left <= 1:
                del self.pending[self.column]
            else:
                self.pending[self.column] = (left - 1, span)
            self.column += span

    def finish_row(self) -> None:
        if self.cells is None:
            return
        self.finish_cell()
        self.fill_merged()
        # Rowspans reaching past the last real cell still cover their columns on this row.
        for col in sorted(c for c in self.pending if c >= self.column):
            self.column = col
            self.fill_merged()
        cells, self.cells = self.cells, None
        if any(c.text for c in cells):  # a row of empty cells is spacing, not content
            real = len(cells) - sum(c.merged_above for c in cells)
            # A row of <th> cells is the column headings; one <th> across the table is a section heading.
            header = self.row_in_thead or (real > 1 and self.row_header_cells == real)
            where = f"{self.where}, row {len(self.rows) + 1}"
            self.rows.append(Row(cells, where=where, header=header))

    def start_cell(self, rowspan: int, colspan: int, is_th: bool) -> None:
        if self.cells is None:
            self.start_row()
        self.finish_cell()
        self.fill_merged()
        self.cell = _Text()
        self.cell_span = (rowspan, colspan)
        self.cell_is_th = is_th

    def finish_cell(self) -> None:
        if self.cell is None or self.cells is None:
            return
        rowspan, colspan = self.cell_span
        self.cells.append(Cell(self.cell.text(), colspan=colspan))
        if self.cell_is_th:
            self.row_header_cells += 1
        if rowspan > 1:
            self.pending[self.column] = (rowspan - 1, colspan)
        self.column += colspan
        self.cell = None


def _hidden(attrs: list[tuple[str, str | None]]) -> bool:
    """An element the page never shows: the ``hidden`` attribute or an inline ``display: none``."""
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "style" and value and re.search(r"display\s*:\s*none", value, re.IGNORECASE):
            return True
    return False


def _named_chrome(attrs: list[tuple[str, str | None]]) -> bool:
    """An element whose id or class says it is the site's menu, side bar or footer (see CHROME_NAME)."""
    for name, value in attrs:
        if name == "class" and value and any(CHROME_NAME.search(token) for token in value.split()):
            return True
        if name == "id" and value and (CHROME_NAME.search(value.strip()) or CHROME_ID.search(value.strip())):
            return True
    return False


def _span(value: str | None) -> int:
    try:
        n = int((value or "1").strip().split()[0].rstrip(";"))
    except (ValueError, IndexError):
        return 1
    # rowspan="0" means "to the end of the section"; reading it as 1 loses nothing but the merge.
    return min(max(n, 1), MAX_SPAN)


class _TableScan(HTMLParser):
    """A first pass over the page that finds layout tables: those holding the page, not data.

    Old council sites lay the page out in a table and put the plan's table inside one of its cells. A table
    marked role="presentation", or one of three rows or fewer holding another table, is layout: its cells
    read as paragraphs and the tables inside it as tables. A plan with a small table nested in a cell has
    more rows than that, so it keeps its shape.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[int] = []
        self.nested: list[bool] = []
        self.presentation: list[bool] = []
        self.stack: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            if self.stack:
                self.nested[self.stack[-1]] = True
            self.stack.append(len(self.rows))
            self.rows.append(0)
            self.nested.append(False)
            self.presentation.append(dict(attrs).get("role") in ("presentation", "none"))
        elif tag == "tr" and self.stack:
            self.rows[self.stack[-1]] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.stack:
            self.stack.pop()

    def layout(self) -> set[int]:
        return {i for i, rows in enumerate(self.rows) if self.presentation[i] or self.nested[i] and rows <= 3}


class _Reader(HTMLParser):
    def __init__(self, layout: set[int] | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.layout = layout or set()
        self.tables_seen = 0  # every <table> start tag, skipped or not, as _TableScan counts them
        self.pieces = 0
        self.table_kinds: list[str] = []  # "layout" or "data", for each open table read
        self.blocks: list[Block] = []
        self.para = _Text()
        self.para_heading = 0
        self.para_where = ""
        self.tables: list[_TableState] = []  # the outermost table is tables[0]; inner ones are flattened
        self.table_count = 0
        self.skip_depth = 0
        self.skip_tag: list[str] = []
        self.pre_depth = 0
        self.heading_depth = 0
        self.sectioning_depth = 0

    # -- where text goes --------------------------------------------------------------------------------
    def _sink(self) -> _Text:
        if self.tables:
            outer = self.tables[0]
            if outer.caption is not None:
                return outer.caption
            if outer.cell is None:
                # Text between cells (bad markup): give it a cell of its own rather than lose it.
                outer.start_cell(1, 1, False)
            assert outer.cell is not None
            return outer.cell
        return self.para

    def _flush_paragraph(self) -> None:
        text = self.para.text()
        if text:
            if self.para_heading:
                text = " ".join(text.split("\n"))
            self.blocks.append(Paragraph(text, heading=self.para_heading, where=self.para_where))
        self.para = _Text()
        self.para_heading = 0
        self.para_where = ""

    def _where(self) -> str:
        return f"line {self.getpos()[0]}"

    # -- tags ---------------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables_seen += 1
        elif tag in PIECES:
            self.pieces += 1
            if self.pieces > MAX_PIECES:
                raise ParseError(f"the web page has more than {MAX_PIECES:,} table cells and paragraphs, more "
                                 "than a plan could need")
        if self.skip_depth:
            if tag == self.skip_tag[-1] and tag not in VOID:
                self.skip_depth += 1
            return
        if (tag in SKIP or tag in CHROME and not self.sectioning_depth or tag not in VOID and _hidden(attrs)
                or tag in CHROME_HOLDERS and not self.tables and not self.sectioning_depth and _named_chrome(attrs)):
            self.skip_depth = 1
            self.skip_tag.append(tag)
            return
        if tag == "pre":
            self.pre_depth += 1
        if tag in SECTIONING:
            self.sectioning_depth += 1
        if tag == "table":
            if not self.tables and self.tables_seen - 1 in self.layout:
                self.table_kinds.append("layout")
                self._flush_paragraph()
            else:
                self.table_kinds.append("data")
                self._start_table()
            return
        if self.tables:
            self._start_in_table(tag, dict(attrs))
            return
        if tag in ("td", "th", "tr"):  # table parts with no table: keep their text apart
            self._flush_paragraph()
            return
        if tag in HEADINGS:
            self._flush_paragraph()
            self.para_heading = HEADINGS[tag]
            self.heading_depth += 1
        elif tag == "li":
            self._flush_paragraph()
            self.para.start_bullet()
        elif tag == "br":
            self.para.add_raw_line_break()
            return
        elif tag in BLOCK_LEVEL and self.para.text():
            # Only a paragraph with text ends here: <li><p>… keeps its bullet, <h1><div>… its level.
            self._flush_paragraph()
        if not self.para_where:
            self.para_where = self._where()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/> and friends: a void element never has an end tag to wait for.
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def _start_table(self) -> None:
        if self.tables:  # a nested table: its rows become lines of the outer cell
            self._sink().soft_break()
            self.tables.append(_TableState(where="nested"))
            return
        self._flush_paragraph()
        self.table_count += 1
        self.tables.append(_TableState(where=f"table {self.table_count}"))

    def _start_in_table(self, tag: str, attrs: dict[str, str | None]) -> None:
        outer = self.tables[0]
        if len(self.tables) > 1:
            if tag in ("tr", "td", "th", "li", "p", "div") or tag in HEADINGS:
                sink = self._sink()
                sink.start_bullet() if tag == "li" else sink.soft_break()
            elif tag == "br":
                self._sink().add_raw_line_break()
            return
        if tag == "thead":
            outer.finish_row()
            outer.in_thead = True
        elif tag in ("tbody", "tfoot"):
            outer.finish_row()
            outer.in_thead = False
        elif tag == "tr":
            outer.finish_row()
            outer.start_row()
        elif tag in ("td", "th"):
            outer.start_cell(_span(attrs.get("rowspan")), _span(attrs.get("colspan")), tag == "th")
        elif tag == "caption":
            outer.finish_row()
            outer.caption = _Text()
        elif outer.cell is None:
            return  # markup between rows (colgroup, stray tags) carries no text
        elif tag == "li":
            outer.cell.start_bullet()
        elif tag == "br":
            outer.cell.add_raw_line_break()
        elif tag in BLOCK_LEVEL:
            outer.cell.soft_break()
            outer.cell.empty_paragraph = tag == "p"

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag == self.skip_tag[-1]:
                self.skip_depth -= 1
                if not self.skip_depth:
                    self.skip_tag.pop()
            return
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag in SECTIONING and self.sectioning_depth:
            self.sectioning_depth -= 1
        if tag == "table":
            if self.table_kinds and self.table_kinds.pop() == "layout":
                self._flush_paragraph()
            else:
                self._end_table()
            return
        if self.tables:
            outer = self.tables[0]
            if len(self.tables) == 1:
                if tag in ("td", "th"):
                    outer.finish_cell()
                elif tag == "tr":
                    outer.finish_row()
                elif tag == "thead":
                    outer.finish_row()
                    outer.in_thead = False
                elif tag == "caption" and outer.caption is not None:
                    # A caption names the table: it reads as a paragraph just before it.
                    text = outer.caption.text()
                    if text:
                        self.blocks.append(Paragraph(text, where=outer.where))
                    outer.caption = None
                elif outer.cell is not None and tag == "p" and outer.cell.empty_paragraph:
                    # <p>&nbsp;</p> is how editors show a blank line; the contract keeps it as one.
                    outer.cell.add_raw_line_break()
                    outer.cell.empty_paragraph = False
                elif outer.cell is not None and (tag in BLOCK_LEVEL or tag == "br"):
                    outer.cell.soft_break()
            else:
                self._sink().soft_break()
            return
        if tag in HEADINGS and self.heading_depth:
            self.heading_depth -= 1
            self._flush_paragraph()
        elif tag in BLOCK_LEVEL:
            self._flush_paragraph()

    def _end_table(self) -> None:
        if not self.tables:
            return
        if len(self.tables) > 1:
            self.tables.pop()
            self._sink().soft_break()
            return
        outer = self.tables.pop()
        outer.finish_row()
        if outer.rows:
            self.blocks.append(Table(outer.rows, where=outer.where))

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        outer = self.tables[0] if self.tables else None
        if outer and outer.caption is None and outer.cell is None and not data.strip():
            return  # whitespace between rows and cells
        if outer and outer.caption is None and outer.cells is None and len(self.tables) == 1:
            # Text directly in <table> (a <caption> or broken markup): it reads as a paragraph before it.
            if data.strip():
                self.blocks.append(Paragraph(_clean([data]), where=self._where()))
            return
        sink = self._sink()
        if self.pre_depth and "\n" in data:
            parts = data.split("\n")
            for i, part in enumerate(parts):
                if i:
                    sink.add_raw_line_break()
                sink.add(part)
            return
        if not self.tables and not self.para_where and data.strip():
            self.para_where = self._where()
        sink.add(data)

    def close(self) -> None:
        super().close()
        while self.tables:
            self._end_table()
        self._flush_paragraph()


def read_html(text: str) -> list[Block]:
    """Paragraphs and tables of an HTML page, in document order."""
    layout: set[int] = set()
    if re.search("<table", text, re.IGNORECASE):
        scan = _TableScan()
        scan.feed(text)
        scan.close()
        layout = scan.layout()
    reader = _Reader(layout)
    reader.feed(text)
    reader.close()
    return reader.blocks
