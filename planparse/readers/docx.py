"""Word (.docx) → blocks, reading the document's XML with lxml (what python-docx uses underneath).

Body order is kept: each paragraph is a Paragraph (its heading level from its style's outline level or a
"Heading n"/"Title" style), each table a Table. In tables, ``w:gridSpan`` gives ``Cell.colspan``, a
``w:vMerge`` continuation gives ``Cell.merged_above`` with empty text, ``w:tblHeader`` marks ``Row.header``.
A Word list paragraph (direct or through its style) becomes a "• " line; a typed "•"/"·" likewise. A table
inside a cell is flattened into that cell's lines, one line per inner cell paragraph. Text boxes are read as
paragraphs after the paragraph that anchors them. Content controls and smart tags are read through.

The zip is checked before anything is inflated: a damaged or truncated file, or one that would inflate past
``Options.max_unzipped_bytes`` (a zip bomb), is refused with a ParseError.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO

from lxml import etree

from ..blocks import Block, Cell, Paragraph, Row, Table
from ..errors import ParseError
from ..options import Options
from ._lines import as_bullet, join_paragraphs, squash, typed_bullet

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_TXBX = f"{{{W}}}txbxContent"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


DAMAGED = "the Word document is damaged or incomplete"
# Containers whose children are read as if they stood in the parent (content controls, custom XML, smart
# tags, tracked insertions, hyperlinks, simple fields).
TRANSPARENT = {q("sdt"), q("sdtContent"), q("customXml"), q("smartTag"), q("ins"), q("hyperlink"),
               q("fldSimple"), q("moveTo"), q("dir"), q("bdo")}
# Never part of the visible text: deletions, moved-away text, the properties of paragraphs and runs.
SKIP = {q("del"), q("moveFrom"), q("pPr"), q("rPr"), q("sdtPr"), q("sdtEndPr"), q("instrText"),
        q("delText"), q("footnoteReference"), q("endnoteReference"), q("commentReference")}
# A compression ratio past this is no document: Word XML compresses around 5–20 times.
MAX_RATIO = 200


def read_docx(data: bytes, options: Options | None = None) -> list[Block]:
    """The body of a Word document as paragraphs and tables, in order."""
    options = options or Options()
    parts = _open(data, options)
    styles = _styles(parts.get("word/styles.xml"))
    body = parts["word/document.xml"].find(q("body"))
    if body is None:
        raise ParseError(DAMAGED)
    reader = _Reader(styles)
    try:
        reader.read_body(body)
    except RecursionError:
        raise ParseError("the Word document is nested too deeply to read") from None
    return reader.blocks


# -- the package ----------------------------------------------------------------------------------------------
def _open(data: bytes, options: Options) -> dict[str, etree._Element]:
    try:
        zf = zipfile.ZipFile(BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise ParseError(DAMAGED) from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > options.max_unzipped_bytes or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ParseError(f"the Word document would unpack to {total // 1024 // 1024} MB, more than the "
                         f"{options.max_unzipped_bytes // 1024 // 1024} MB allowed (it may be a zip bomb)")
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise ParseError(DAMAGED)
    parts: dict[str, etree._Element] = {}
    budget = options.max_unzipped_bytes
    for name in ("word/document.xml", "word/styles.xml"):
        if name not in names:
            continue
        raw = _read_member(zf, name, budget)
        budget -= len(raw)
        parts[name] = _xml(raw)
    return parts


def _read_member(zf: zipfile.ZipFile, name: str, budget: int) -> bytes:
    """A member's bytes, stopping at the budget: the sizes a zip declares can lie."""
    try:
        with zf.open(name) as f:
            raw = f.read(budget + 1)
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, RuntimeError, NotImplementedError):
        # zlib.error: damaged compressed data; RuntimeError: an encrypted member; NotImplementedError: a
        # compression method zipfile lacks.
        raise ParseError(DAMAGED) from None
    if len(raw) > budget:
        raise ParseError("the Word document unpacks to more than the size allowed (it may be a zip bomb)")
    return raw


def _xml(raw: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(raw, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise ParseError(DAMAGED) from None


# -- styles -----------------------------------------------------------------------------------------------------
class _Style:
    __slots__ = ("heading", "is_list", "based_on")

    def __init__(self, heading: int, is_list: bool, based_on: str | None) -> None:
        self.heading = heading
        self.is_list = is_list
        self.based_on = based_on


def _styles(root: etree._Element | None) -> dict[str, tuple[int, bool]]:
    """Paragraph style id → (heading level or 0, whether it is a list style), following basedOn."""
    if root is None:
        return {}
    raw: dict[str, _Style] = {}
    for st in root.iter(q("style")):
        if st.get(q("type")) not in (None, "paragraph"):
            continue
        sid = st.get(q("styleId")) or ""
        name_el = st.find(q("name"))
        name = (name_el.get(q("val")) if name_el is not None else sid) or ""
        heading = _heading_from_name(name)
        ppr = st.find(q("pPr"))
        is_list = False
        if ppr is not None:
            lvl = ppr.find(q("outlineLvl"))
            if lvl is not None and not heading:
                heading = _outline(lvl)
            num = ppr.find(q("numPr"))
            is_list = num is not None and _num_id(num) != "0"
        based = st.find(q("basedOn"))
        raw[sid] = _Style(heading, is_list, based.get(q("val")) if based is not None else None)

    def resolve(sid: str, depth: int = 0) -> tuple[int, bool]:
        st = raw.get(sid)
        if st is None or depth > 20:
            return 0, False
        if st.based_on and (not st.heading or not st.is_list):
            h, lst = resolve(st.based_on, depth + 1)
            return st.heading or h, st.is_list or lst
        return st.heading, st.is_list

    return {sid: resolve(sid) for sid in raw}


def _heading_from_name(name: str) -> int:
    low = name.strip().lower()
    if low == "title":
        return 1
    if low.startswith("heading "):
        tail = low[8:].strip()
        if tail.isdigit():
            return max(1, min(int(tail), 9))
    return 0


def _outline(el: etree._Element) -> int:
    val = el.get(q("val")) or ""
    # outlineLvl 0 is Heading 1; 9 means body text.
    return int(val) + 1 if val.isdigit() and int(val) < 9 else 0


def _num_id(num_pr: etree._Element) -> str:
    el = num_pr.find(q("numId"))
    return (el.get(q("val")) if el is not None else None) or ""


# -- the body ---------------------------------------------------------------------------------------------------
class _Reader:
    def __init__(self, styles: dict[str, tuple[int, bool]]) -> None:
        self.styles = styles
        self.blocks: list[Block] = []
        self.n_paragraphs = 0
        self.n_tables = 0
        self.empty = 0  # empty paragraphs since the last block: the gap above the next (Paragraph.gap)

    def read_body(self, parent: etree._Element) -> None:
        for el in parent:
            tag = el.tag
            if tag == q("p"):
                self.n_paragraphs += 1
                text, heading, boxes = self.paragraph(el)
                where = f"paragraph {self.n_paragraphs}"
                if text:
                    self.blocks.append(Paragraph(text, heading=heading, where=where, gap=self.empty))
                    self.empty = 0
                elif not boxes:
                    self.empty += 1
                for box in boxes:
                    self.read_body(box)
            elif tag == q("tbl"):
                self.n_tables += 1
                self.blocks.append(self.table(el, self.n_tables))
                self.empty = 0
            elif tag in TRANSPARENT:
                self.read_body(el)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = el.find(f"{{{MC}}}Choice")
                self.read_body(choice if choice is not None else el)

    # A paragraph: its text (list items as "• " lines), heading level, and text boxes it anchors.
    def paragraph(self, p: etree._Element) -> tuple[str, int, list[etree._Element]]:
        heading, is_list = 0, False
        ppr = p.find(q("pPr"))
        if ppr is not None:
            style = ppr.find(q("pStyle"))
            if style is not None:
                heading, is_list = self.styles.get(style.get(q("val")) or "", (0, False))
            num = ppr.find(q("numPr"))
            if num is not None:
                is_list = _num_id(num) != "0"
            lvl = ppr.find(q("outlineLvl"))
            if lvl is not None:
                heading = _outline(lvl)
        pieces: list[str] = []
        boxes: list[etree._Element] = []
        _collect(p, pieces, boxes)
        lines = [squash(line) for line in "".join(pieces).split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        while lines and not lines[0]:
            lines.pop(0)
        if not lines:
            return "", heading, boxes
        if is_list:
            lines[0] = as_bullet(lines[0])
        else:
            lines = [typed_bullet(line) for line in lines]
        return "\n".join(lines), (0 if is_list else heading), boxes

    def table(self, tbl: etree._Element, number: int) -> Table:
        where = f"table {number}"
        table = Table(where=where)
        for i, tr in enumerate(_rows(tbl), start=1):
            cells: list[Cell] = []
            trpr = tr.find(q("trPr"))
            header = False
            if trpr is not None:
                th = trpr.find(q("tblHeader"))
                header = th is not None and (th.get(q("val")) or "true") not in ("0", "false", "off")
                before = trpr.find(q("gridBefore"))
                if before is not None and _int(before) > 0:
                    cells.append(Cell("", colspan=_int(before)))
            for tc in _cells(tr):
                span, merged = 1, False
                tcpr = tc.find(q("tcPr"))
                if tcpr is not None:
                    gs = tcpr.find(q("gridSpan"))
                    if gs is not None:
                        span = max(1, _int(gs))
                    vm = tcpr.find(q("vMerge"))
                    merged = vm is not None and (vm.get(q("val")) or "continue") == "continue"
                cells.append(Cell("" if merged else self.cell_text(tc), merged_above=merged, colspan=span))
            if cells:
                table.rows.append(Row(cells, where=f"{where}, row {i}", header=header))
        return table

    def cell_text(self, tc: etree._Element) -> str:
        paragraphs: list[str] = []
        self._cell_paragraphs(tc, paragraphs)
        return join_paragraphs(paragraphs)

    def _cell_paragraphs(self, parent: etree._Element, out: list[str]) -> None:
        for el in parent:
            if el.tag == q("p"):
                text, _, boxes = self.paragraph(el)
                out.append(text)
                for box in boxes:
                    self._cell_paragraphs(box, out)
            elif el.tag == q("tbl"):
                # A table inside a cell: its cells' paragraphs become lines of this cell, row by row.
                for tr in _rows(el):
                    for inner in _cells(tr):
                        self._cell_paragraphs(inner, out)
            elif el.tag in TRANSPARENT:
                self._cell_paragraphs(el, out)


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    for el in tbl:
        if el.tag == q("tr"):
            yield el
        elif el.tag in TRANSPARENT:
            yield from _rows(el)


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    for el in tr:
        if el.tag == q("tc"):
            yield el
        elif el.tag in TRANSPARENT:
            yield from _cells(el)


def _int(el: etree._Element) -> int:
    val = el.get(q("val")) or ""
    return min(int(val), 1000) if val.isdigit() else 1


def _collect(el: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
    """The visible text under ``el`` in order; text boxes are handed back rather than run into the line."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP:
            continue
        if tag == q("t"):
            pieces.append(child.text or "")
        elif tag in (q("tab"), q("ptab")):
            pieces.append(" ")
        elif tag in (q("br"), q("cr")):
            pieces.append("\n")
        elif tag == q("noBreakHyphen"):
            pieces.append("-")
        elif tag == WPS_TXBX:
            boxes.append(child)
        elif tag == f"{{{MC}}}Fallback":
            continue  # the same content again, for older readers
        else:
            _collect(child, pieces, boxes)
