"""PDF → blocks with pypdfium2: characters with their positions, and the ruling lines of tables.

A chain of small steps, page by page: characters → words → (ruling lines → grids) → cells and paragraphs;
then the pages are stitched: a table that runs on from the page before is joined to it, its repeated header
row dropped (the reader drops repeats itself and marks the first header row ``Row.header``), and the text of a
row or merged cell cut by the page break is joined back with a space.

Tables are found from the ruling lines a word processor draws (thin path objects: horizontal and vertical
segments). A grid cell with no line between it and its neighbour is merged with it: no vertical line gives
``Cell.colspan``, no horizontal line gives ``Cell.merged_above``. Text outside the grids becomes paragraphs,
headings by font size (the largest size above body text is level 1). A table printed without lines is found
from how its text lines up in columns (``_borderless``) and becomes the same grid, so the steps after it and the
page stitching treat both alike.

Within a cell or paragraph, a line that wraps because it ran out of room is joined to the next with a space;
a line break is kept where the next line's first word would have fitted (the author pressed Enter), where the
next line starts with a bullet, or where there is a paragraph gap.

Guards: a password-protected, damaged, scanned (no text layer) or too long PDF gives a ParseError.
"""

from __future__ import annotations

import ctypes
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..blocks import BULLET, Block, Cell, Paragraph, Row, Table
from ..errors import ParseError
from ..options import Options
from ._borderless import FoundTable, find_tables
from ._lines import as_bullet, squash

LINE_MAX = 2.5  # a path thinner than this (points) is a ruling line
SNAP = 2.5  # positions closer than this are the same line
SCANNED = ("the PDF has no text layer (it is probably scanned); export it again from the original document, "
           "or run it through text recognition (OCR) first")
DAMAGED = "the PDF is damaged or incomplete"
GLYPHS = set("•·▪◦●○■□►▸‣⁃\uf0b7\uf0a7\uf0d8\uf076")
HYPHEN = "\x02"  # pdfium's mark for a hyphen that ends a line


# -- characters and words -------------------------------------------------------------------------------------
@dataclass
class Word:
    text: str
    x0: float
    x1: float
    bottom: float  # PDF y grows upwards: bottom < top
    top: float
    size: float
    base: float  # the baseline: where the line of text sits

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.bottom + self.top) / 2


def page_words(textpage: pdfium.PdfTextPage) -> list[Word]:
    """The page's words in reading order as pdfium gives it: a run of characters with no gap between them."""
    tp = textpage.raw
    rect = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    words: list[Word] = []
    cur: list[str] = []
    x0 = x1 = bottom = top = size = base = 0.0
    for i in range(textpage.count_chars()):
        ch = chr(pdfium_c.FPDFText_GetUnicode(tp, i))
        if ch.isspace() or ch == "\x00" or ch == "\ufffe":
            if cur:
                words.append(Word("".join(cur), x0, x1, bottom, top, size, base))
                cur = []
            continue
        pdfium_c.FPDFText_GetLooseCharBox(tp, i, rect)
        left, right, b, t = rect.left, rect.right, rect.bottom, rect.top
        if cur:
            same_line = b < top and t > bottom and abs((b + t) / 2 - (bottom + top) / 2) < (top - bottom) / 2
            if same_line and -size < left - x1 < size * 0.12:
                cur.append(ch)
                x1 = max(x1, right)
                bottom, top = min(bottom, b), max(top, t)
                continue
            words.append(Word("".join(cur), x0, x1, bottom, top, size, base))
        cur = [ch]
        x0, x1, bottom, top = left, right, b, t
        size = pdfium_c.FPDFText_GetFontSize(tp, i)
        pdfium_c.FPDFText_GetCharOrigin(tp, i, ox, oy)
        base = oy.value
    if cur:
        words.append(Word("".join(cur), x0, x1, bottom, top, size, base))
    return words


# -- ruling lines and grids -----------------------------------------------------------------------------------
@dataclass
class Segment:
    horizontal: bool
    pos: float  # y of a horizontal line, x of a vertical one
    start: float  # x0 / y0
    end: float


def page_segments(page: pdfium.PdfPage) -> tuple[list[Segment], list[tuple[float, float, float, float]]]:
    """Ruling lines (thin paths, and the edges of stroked rectangles) and filled areas (cell shading)."""
    segs: list[Segment] = []
    fills: list[tuple[float, float, float, float]] = []
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if h <= LINE_MAX and w > LINE_MAX:
            segs.append(Segment(True, (bottom + top) / 2, left, right))
        elif w <= LINE_MAX and h > LINE_MAX:
            segs.append(Segment(False, (left + right) / 2, bottom, top))
        elif w > LINE_MAX and h > LINE_MAX:
            pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill_mode, stroke)
            if stroke.value:
                segs += [Segment(True, bottom, left, right), Segment(True, top, left, right),
                         Segment(False, left, bottom, top), Segment(False, right, bottom, top)]
            elif fill_mode.value:
                fills.append((left, bottom, right, top))
    return segs, fills


def _touch(a: Segment, b: Segment) -> bool:
    if a.horizontal == b.horizontal:
        return abs(a.pos - b.pos) <= SNAP and a.start <= b.end + SNAP and b.start <= a.end + SNAP
    h, v = (a, b) if a.horizontal else (b, a)
    return h.start - SNAP <= v.pos <= h.end + SNAP and v.start - SNAP <= h.pos <= v.end + SNAP


def line_groups(segs: list[Segment]) -> list[list[Segment]]:
    """Segments that touch, gathered: each group that has lines both ways is one drawn table."""
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(segs)), key=lambda i: segs[i].start if segs[i].horizontal else segs[i].pos)
    for n, i in enumerate(order):
        for j in order[n + 1:]:
            if _touch(segs[i], segs[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Segment]] = {}
    for i, s in enumerate(segs):
        groups.setdefault(find(i), []).append(s)
    return [g for g in groups.values()
            if sum(s.horizontal for s in g) >= 2 and sum(not s.horizontal for s in g) >= 2]


def _snap(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= SNAP:
            continue
        out.append(v)
    return out


def _covered(segs: list[Segment], horizontal: bool, pos: float, at: float) -> bool:
    return any(s.horizontal == horizontal and abs(s.pos - pos) <= SNAP and s.start - SNAP <= at <= s.end + SNAP
               for s in segs)


@dataclass
class PCell:
    """A drawn cell: grid rows r0..r1 and columns c0..c1 with no line inside, and the words in it."""

    r0: int
    r1: int
    c0: int
    c1: int
    x0: float
    x1: float
    bottom: float
    top: float
    words: list[Word] = field(default_factory=list)
    text: str = ""
    last_bottom: float | None = None  # bottom of its last line of text
    last_full: bool = False  # its last line ran to the right edge (the text wrapped there)
    last_x1: float = 0.0  # where its last line ends
    right: float = 0.0  # where its lines may run to
    size: float = 0.0  # its font size
    first_width: float = 0.0  # the width of its first word (after any bullet)


@dataclass
class Grid:
    xs: list[float]  # column lines, left to right
    ys: list[float]  # row lines, top to bottom
    cells: list[PCell]
    at: dict[tuple[int, int], PCell]
    shaded_first_row: bool = False
    # Set for a table found from how its text lines up (no ruling lines): how far each column's lines run.
    rights: list[float] | None = None

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]

    def contains(self, w: Word) -> bool:
        return self.xs[0] <= w.cx <= self.xs[-1] and self.ys[-1] <= w.cy <= self.ys[0]


def build_grid(segs: list[Segment]) -> Grid | None:
    xs = _snap([s.pos for s in segs if not s.horizontal])
    ys = sorted(_snap([s.pos for s in segs if s.horizontal]), reverse=True)
    if len(xs) < 2 or len(ys) < 2:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(nr) for c in range(nc)}

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for r in range(nr):
        mid_y = (ys[r] + ys[r + 1]) / 2
        for c in range(nc):
            mid_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < nc and not _covered(segs, False, xs[c + 1], mid_y):
                parent[find((r, c + 1))] = find((r, c))
            if r + 1 < nr and not _covered(segs, True, ys[r + 1], mid_x):
                parent[find((r + 1, c))] = find((r, c))
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for k in parent:
        members.setdefault(find(k), []).append(k)
    cells: list[PCell] = []
    at: dict[tuple[int, int], PCell] = {}
    for ks in members.values():
        r0, r1 = min(k[0] for k in ks), max(k[0] for k in ks)
        c0, c1 = min(k[1] for k in ks), max(k[1] for k in ks)
        pc = PCell(r0, r1, c0, c1, xs[c0], xs[c1 + 1], ys[r1 + 1], ys[r0])
        cells.append(pc)
        for k in ks:
            at[k] = pc
    return Grid(xs, ys, cells, at)


def place_words(grid: Grid, words: list[Word]) -> None:
    for w in words:
        c = _index(grid.xs, w.cx, ascending=True)
        r = _index(grid.ys, w.cy, ascending=False)
        if c is not None and r is not None:
            grid.at[(r, c)].words.append(w)


def _index(bounds: list[float], v: float, ascending: bool) -> int | None:
    for i in range(len(bounds) - 1):
        lo, hi = (bounds[i], bounds[i + 1]) if ascending else (bounds[i + 1], bounds[i])
        if lo <= v <= hi:
            return i
    return None


# -- lines of text → contract text ----------------------------------------------------------------------------
@dataclass
class Line:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def bottom(self) -> float:
        return min(w.bottom for w in self.words)

    @property
    def top(self) -> float:
        return max(w.top for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def base(self) -> float:
        return self.words[0].base

    @property
    def text(self) -> str:
        return squash(" ".join(w.text for w in self.words))


def to_lines(words: list[Word]) -> list[Line]:
    """Words grouped into lines (top to bottom), each line left to right."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (-w.base, w.x0)):
        for line in reversed(lines[-3:]):
            ref = line.words[0]
            if abs(ref.base - w.base) < min(ref.size, w.size) * 0.4:
                line.words.append(w)
                break
        else:
            lines.append(Line([w]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda ln: -ln.base)
    return lines


def line_spacing(blocks: list[list[Line]]) -> float:
    """The usual distance from one baseline to the next, as a multiple of the font size: the spacing of
    wrapped lines, against which paragraph spacing and blank lines stand out."""
    ratios: Counter[float] = Counter()
    for lines in blocks:
        for a, b in zip(lines, lines[1:], strict=False):
            if a.size > 0:
                ratios[round((a.base - b.base) / a.size, 2)] += 1
    if not ratios:
        return 1.2
    # The smallest common step: paragraphs with spacing after them can outnumber wrapped lines.
    total = sum(ratios.values())
    common = [r for r, n in ratios.items() if n >= max(2, total * 0.1) and r > 0.5]
    return min(common) if common else ratios.most_common(1)[0][0]


def _starts_bullet(line: Line) -> bool:
    # A dash starting a line in a PDF is as likely the wrapped end of a sentence as a marker: glyphs only.
    return line.words[0].text[:1] in GLYPHS


def lines_to_text(lines: list[Line], right: float, spacing: float = 1.2) -> tuple[str, bool]:
    """Lines of one cell or paragraph run as contract text, and whether the last line ran to ``right``."""
    out: list[str] = []
    full = False
    for i, line in enumerate(lines):
        text = line.text
        if i + 1 == len(lines):
            text = text.replace(HYPHEN, "-")
        bullet = _starts_bullet(line)
        if bullet:
            text = as_bullet(line.text)
        if i == 0:
            out.append(text)
        else:
            prev = lines[i - 1]
            step = (prev.base - line.base) / (prev.size or 1)
            first = line.words[1] if bullet and len(line.words) > 1 else line.words[0]
            fits = prev.x1 + prev.size * 0.28 + (first.x1 - first.x0) < right
            if step > spacing * 1.7:
                out.append("")  # an empty paragraph between them: a blank line
                out.append(text)
            elif bullet or fits or step > spacing + 0.08:  # a new line, or a new paragraph's spacing
                out.append(text)
            elif out[-1].endswith(HYPHEN):
                out[-1] = out[-1][:-1] + "-" + text  # a word hyphenated at the line end
            elif len(prev.words) == 1 and prev.x1 > right - prev.size and text[:1].islower():
                out[-1] += text  # a word too long for a narrow column, broken where the column ends
            else:
                out[-1] = f"{out[-1]} {text}" if out[-1] else text
        full = line.x1 > right - line.size * 2.5
    return "\n".join(out).replace(HYPHEN, "-").strip("\n"), full


# -- one page ---------------------------------------------------------------------------------------------------
@dataclass
class PageTable:
    grid: Grid
    rows: list[Row]


@dataclass
class PageContent:
    number: int
    items: list[Paragraph | PageTable]
    sizes: list[tuple[Paragraph, float]]  # each paragraph's font size, for heading levels
    n_words: int


def read_page(page: pdfium.PdfPage, number: int) -> PageContent:
    textpage = page.get_textpage()
    try:
        words = page_words(textpage)
    finally:
        textpage.close()
    segs, fills = page_segments(page)
    grids = [g for g in (build_grid(group) for group in line_groups(segs)) if g is not None]
    grids.sort(key=lambda g: -g.top)
    loose: list[Word] = []
    for w in words:
        for g in grids:
            if g.contains(w):
                break
        else:
            loose.append(w)
    cell_lines: list[tuple[PCell, list[Line]]] = []
    for g in grids:
        place_words(g, [w for w in words if g.contains(w)])
        cell_lines += [(pc, to_lines(pc.words)) for pc in g.cells if pc.words]
    loose_lines = to_lines(loose)
    found = find_tables(loose_lines, line_spacing([loose_lines]))
    for ft in reversed(found):
        g = found_grid(ft)
        grids.append(g)
        cell_lines += [(pc, to_lines(pc.words)) for pc in g.cells if pc.words]
        del loose_lines[ft.first:ft.last + 1]
    grids.sort(key=lambda g: -g.top)
    spacing = line_spacing([ln for _, ln in cell_lines] + [loose_lines])
    for pc, lines in cell_lines:
        if pc.right:
            pass  # a borderless table's column: where its lines run to was measured
        else:
            # The right padding mirrors the left one (the first words start that far in).
            pad = min(max(min(ln.x0 for ln in lines) - pc.x0, 1.0), 8.0)
            pc.right = pc.x1 - pad - 0.5
        pc.text, pc.last_full = lines_to_text(lines, pc.right, spacing)
        pc.last_bottom = lines[-1].bottom
        pc.last_x1, pc.size = lines[-1].x1, lines[-1].size
        first = lines[0].words
        word = first[1] if _starts_bullet(lines[0]) and len(first) > 1 else first[0]
        pc.first_width = word.x1 - word.x0
    for g in grids:
        top_band = (g.ys[0], g.ys[1]) if len(g.ys) > 1 else (0.0, 0.0)
        shaded = sum(min(f[2], g.xs[-1]) - max(f[0], g.xs[0]) for f in fills
                     if f[1] >= top_band[1] - SNAP and f[3] <= top_band[0] + SNAP)
        g.shaded_first_row = shaded > (g.xs[-1] - g.xs[0]) * 0.6
    items: list[tuple[float, Paragraph | PageTable]] = []
    for i, g in enumerate(grids):
        items.append((g.top, PageTable(g, grid_rows(g, number, i + 1))))
    sizes = []
    for para, top, size in paragraphs(loose_lines, number, spacing):
        items.append((top, para))
        sizes.append((para, size))
    items.sort(key=lambda it: -it[0])
    return PageContent(number, [it[1] for it in items], sizes, len(words))


def found_grid(ft: FoundTable) -> Grid:
    """A borderless table as the grid its ruling lines would have drawn."""
    cells: list[PCell] = []
    at: dict[tuple[int, int], PCell] = {}
    for fc in ft.cells:
        pc = PCell(fc.r0, fc.r1, fc.c0, fc.c1, ft.xs[fc.c0], ft.xs[fc.c1 + 1], ft.ys[fc.r1 + 1], ft.ys[fc.r0],
                   words=fc.words, right=ft.rights[fc.c1])
        cells.append(pc)
        for r in range(fc.r0, fc.r1 + 1):
            for c in range(fc.c0, fc.c1 + 1):
                at[(r, c)] = pc
    return Grid(ft.xs, ft.ys, cells, at, rights=ft.rights)


def grid_rows(g: Grid, page: int, table: int) -> list[Row]:
    rows: list[Row] = []
    for r in range(len(g.ys) - 1):
        cells: list[Cell] = []
        c = 0
        while c < len(g.xs) - 1:
            pc = g.at[(r, c)]
            span = pc.c1 - pc.c0 + 1
            if pc.r0 == r:
                cells.append(Cell(pc.text, colspan=span))
            else:
                cells.append(Cell("", merged_above=True, colspan=span))
            c = pc.c1 + 1
        rows.append(Row(cells, where=f"page {page}, table {table}, row {r + 1}",
                        header=r == 0 and g.shaded_first_row))
    return rows


def paragraphs(lines: list[Line], page: int, spacing: float) -> Iterator[tuple[Paragraph, float, float]]:
    """Text outside tables: lines gathered into paragraphs, broken at gaps, size changes and bullets."""
    if not lines:
        return
    right = max(ln.x1 for ln in lines)
    group: list[Line] = []

    def flush() -> Iterator[tuple[Paragraph, float, float]]:
        if group:
            text, _ = lines_to_text(group, right - 3, spacing)
            yield Paragraph(text, where=f"page {page}"), group[0].top, round(group[0].size, 1)

    for line in lines:
        if group:
            prev = group[-1]
            if (prev.base - line.base) / (prev.size or 1) > spacing + 0.08 or abs(prev.size - line.size) > 0.5 \
                    or _starts_bullet(line):
                yield from flush()
                group = []
        group.append(line)
    yield from flush()


# -- stitching pages ----------------------------------------------------------------------------------------------
def _same_columns(a: Grid, b: Grid) -> bool:
    if len(a.xs) != len(b.xs):
        return False
    # A borderless table's right edge is where its longest line ends on that page: only its columns' starts count.
    xs = zip(a.xs[:-1], b.xs[:-1], strict=True) if a.rights or b.rights else zip(a.xs, b.xs, strict=True)
    return all(abs(x - y) <= SNAP * 2 for x, y in xs)


def _join(a: str, b: str, ended: bool = False) -> str:
    """Text cut by a page break joined back: with a space, or a line break where a bullet starts the part
    after the break or the part before it ended its last line short of the edge (``ended``)."""
    if not a:
        return b
    if not b:
        return a
    return f"{a}\n{b}" if b.startswith(BULLET) or (ended and b[:1].isupper()) else f"{a} {b}"


def _head(rows: list[Row], r: int, col: int) -> Cell | None:
    """The cell holding the text for column position ``col`` at row ``r``, following merges upwards."""
    while r >= 0:
        cell = _cell_at(rows[r], col)
        if cell is None:
            return None
        if not cell.merged_above:
            return cell
        r -= 1
    return None


def _cell_at(row: Row, col: int) -> Cell | None:
    pos = 0
    for cell in row.cells:
        if pos <= col < pos + cell.colspan:
            return cell
        pos += cell.colspan
    return None


def continue_table(table: Table, prev: PageTable, nxt: PageTable) -> None:
    """Join ``nxt`` (the table's part on a new page) onto ``table``, whose last part was ``prev``."""
    rows = list(nxt.rows)
    first = next((r for r in table.rows if r.header), table.rows[0] if table.rows else None)
    if rows and first is not None and [_words(c.text) for c in rows[0].cells] == [_words(c.text) for c in first.cells]:
        first.header = True
        rows = rows[1:]  # the header row repeated at the top of the page
    first_r = len(nxt.rows) - len(rows)  # the grid row the first row below the header came from
    if not rows or not table.rows:
        table.rows += rows
        return
    top = rows[0]
    bottom_r = len(prev.grid.ys) - 2  # the last grid row of the part before the break

    def ran_to_bottom(col: int) -> bool:
        pc = prev.grid.at.get((bottom_r, col))
        if pc is None or pc.last_bottom is None:
            return False
        pc_lines_gap = pc.last_bottom - prev.grid.bottom
        return pc_lines_gap < 12

    cols = [(pos, cell) for pos, cell in _positions(top)]
    filled = [(pos, cell) for pos, cell in cols if cell.text]
    first_empty = not cols or not cols[0][1].text

    def cut(col: int) -> bool:
        pc = prev.grid.at.get((bottom_r, col))
        return pc is not None and pc.last_full and ran_to_bottom(col)

    def ended(col: int) -> bool:
        # The part before the break ended its paragraph if the next part's first word would have fitted.
        pc = prev.grid.at.get((bottom_r, col))
        nc = nxt.grid.at.get((first_r, col))
        if pc is None or nc is None or pc.last_bottom is None:
            return False
        return pc.last_x1 + pc.size * 0.28 + nc.first_width < pc.right

    # A row cut by the page break: every piece here carries on a cell above, and something shows the cut (the
    # row's first cell is empty here, or a cell above stops mid-paragraph at the foot of the page).
    if filled and all(ran_to_bottom(pos) for pos, _ in filled) and (
            first_empty or any(cut(pos) for pos, _ in filled)):
        for pos, cell in filled:
            head = _head(table.rows, len(table.rows) - 1, pos)
            if head is not None:
                head.text = _join(head.text, cell.text, ended(pos))
        rows = rows[1:]
    elif first_empty and filled:
        # A new row, but the merged cells beside it carry on from above: their text (cut by the break) goes
        # back to the cell above, and they are marked merged, as the rows below them on this page are.
        if prev.grid.rights is None:
            merged_cols = {c for pc in nxt.grid.cells + prev.grid.cells if pc.r1 > pc.r0
                           for c in range(pc.c0, pc.c1 + 1)}
            own = min((p for p, _ in cols if p not in merged_cols), default=len(prev.grid.xs))
        else:
            # No lines say which cells were merged down: those whose text the break cut mid-paragraph carry on
            # (and any between them); the first other column with text starts the row's own cells.
            carried = [p for p, _ in filled if cut(p)]
            merged_cols = set(range(min(carried), max(carried) + 1)) if carried else set()
            own = min((p for p, _ in filled if p not in merged_cols), default=len(prev.grid.xs))
        for pos, cell in cols:
            if pos not in merged_cols or pos >= own:
                continue
            head = _head(table.rows, len(table.rows) - 1, pos)
            if head is None:
                continue
            if cell.text and ran_to_bottom(pos):
                head.text = _join(head.text, cell.text, ended(pos))
            if not cell.text or ran_to_bottom(pos):
                cell.text = ""
                cell.merged_above = True
    table.rows += rows


def _words(text: str) -> list[str]:
    return text.split()


def _positions(row: Row) -> Iterator[tuple[int, Cell]]:
    pos = 0
    for cell in row.cells:
        yield pos, cell
        pos += cell.colspan


def stitch(pages: list[PageContent]) -> list[Block]:
    blocks: list[Block] = []
    last: tuple[Table, PageTable] | None = None  # the table at the end of the page before, if it ended one
    n_tables = 0
    for page in pages:
        for i, item in enumerate(page.items):
            if isinstance(item, PageTable):
                if i == 0 and last is not None and _same_columns(last[1].grid, item.grid):
                    continue_table(last[0], last[1], item)
                    last = (last[0], item)
                    continue
                n_tables += 1
                table = Table(rows=list(item.rows), where=f"page {page.number}, table {n_tables}")
                blocks.append(table)
                last = (table, item)
            else:
                blocks.append(item)
                last = None
        if page.items and not isinstance(page.items[-1], PageTable):
            last = None
    return blocks


# -- the document ---------------------------------------------------------------------------------------------------
def read_pdf(data: bytes, options: Options | None = None) -> list[Block]:
    """The PDF's text as paragraphs and tables, in reading order."""
    options = options or Options()
    pdf = _open(data)
    try:
        n = len(pdf)
        if n > options.max_pages:
            raise ParseError(f"the PDF has {n} pages; the most the importer reads is {options.max_pages}")
        if n == 0:
            raise ParseError(DAMAGED)
        pages = []
        for i in range(n):
            page = pdf[i]
            try:
                pages.append(read_page(page, i + 1))
            finally:
                page.close()
        if not any(p.n_words for p in pages):
            raise ParseError(SCANNED)
        set_headings(pages)
        return stitch(pages)
    except pdfium.PdfiumError:
        raise ParseError(DAMAGED) from None
    except (ValueError, KeyError, IndexError, ZeroDivisionError, OverflowError) as exc:
        # A page shaped in a way the table finder did not foresee: one clear line, the cause kept for a log.
        raise ParseError("the PDF could not be read (its layout is not one the importer understands)") from exc
    finally:
        pdf.close()


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise ParseError("the PDF is password-protected; remove the password and try again") from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ParseError("the PDF uses a kind of protection the importer cannot open") from None
        raise ParseError(DAMAGED) from None


def set_headings(pages: list[PageContent]) -> None:
    """Paragraphs in a font clearly larger than the body text's are headings, the largest level 1."""
    chars: Counter[float] = Counter()
    for page in pages:
        for para, size in page.sizes:
            chars[size] += len(para.text)
    levels = _heading_levels(chars + Counter(_table_sizes(pages)))
    for page in pages:
        for para, size in page.sizes:
            para.heading = levels.get(size, 0)


def _table_sizes(pages: list[PageContent]) -> dict[float, int]:
    out: Counter[float] = Counter()
    for page in pages:
        for item in page.items:
            if isinstance(item, PageTable):
                for pc in item.grid.cells:
                    for w in pc.words:
                        out[round(w.size, 1)] += len(w.text)
    return out


def _heading_levels(sizes: Counter[float]) -> dict[float, int]:
    """Font sizes clearly above the body text's, largest first, as heading levels 1, 2, 3…"""
    if not sizes:
        return {}
    body = sizes.most_common(1)[0][0]
    larger = sorted((s for s in sizes if s > body * 1.15), reverse=True)
    return {s: i + 1 for i, s in enumerate(larger[:6])}
