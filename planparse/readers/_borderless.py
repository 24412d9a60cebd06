"""Tables printed without ruling lines, found from how their text lines up (used by the PDF reader).

A table exported from Excel, a web page or a borderless Word table has no lines to rebuild its grid from, but
its text still sits in columns: each cell's lines wrap inside the cell, so a band of white space runs down the
page between one column and the next. The chain, on the lines of a page that no ruled grid claimed:

- lines → segments: a line cut where the gap between two words is wider than a column gap (a bullet and the
  text after its hanging indent stay one segment);
- segments → a table region: from a line of two or more segments, the lines below while their segments keep
  to the columns found so far. A line that bridges two columns ends the region (a paragraph across the page),
  unless it is a single line leading into more table (a theme row across the table); so does a blank line's gap
  followed by one segment in the first column, or a change of font size;
- columns → rows. A row's cells all start at the row's top, so a new row shows as several columns starting a
  paragraph on one baseline, at least two of them not a list item (items of parallel lists in one cell start
  together too), or as the first column starting a paragraph under a gap across the whole table. A gap as tall
  as a blank line across the whole table is a blank line inside a cell, not a row break.
- A column that did not start a paragraph where a row starts carries on its cell from the row above: the rows
  it runs into are merged with it (as a Word cell merged down over several rows prints).

Cheap by construction: every step is a pass over the page's lines or segments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pdf import Line, Word

GLYPHS = set("•·▪◦●○■□►▸‣⁃\uf0b7\uf0a7\uf0d8\uf076")
COLUMN_GAP = 0.75  # a gap between words wider than this many font sizes may be a column gap
BAND = 2.0  # segments whose baselines are closer than this (points) start on one line


@dataclass
class Segment:
    words: list[Word]
    size: float
    col: int = -1

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def base(self) -> float:
        return self.words[0].base

    @property
    def top(self) -> float:
        return max(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return min(w.bottom for w in self.words)

    @property
    def bullet(self) -> bool:
        return self.words[0].text[:1] in GLYPHS


@dataclass
class FoundCell:
    """Rows r0..r1 of columns c0..c1 (a merged cell or a row across the table) and the words in it."""

    r0: int
    r1: int
    c0: int
    c1: int
    words: list[Word] = field(default_factory=list)


@dataclass
class FoundTable:
    first: int  # the page's lines first..last (inclusive) are the table's
    last: int
    xs: list[float]  # column bounds, left to right
    ys: list[float]  # row bounds, top to bottom
    rights: list[float]  # how far each column's lines run: where a line wraps
    cells: list[FoundCell]


def segments(line: Line) -> list[Segment]:
    """A line cut at gaps wide enough to be between columns; a lone bullet joins the text after it."""
    out: list[Segment] = []
    cur = [line.words[0]]
    for a, b in zip(line.words, line.words[1:], strict=False):
        if b.x0 - a.x1 > line.size * COLUMN_GAP and not (len(cur) == 1 and cur[0].text in GLYPHS):
            out.append(Segment(cur, line.size))
            cur = [b]
        else:
            cur.append(b)
    out.append(Segment(cur, line.size))
    return out


def _fit(clusters: list[list[float]], segs: list[Segment], size: float) -> list[list[float]] | None:
    """The columns' extents with this line's segments added, or None where a segment bridges two columns
    or pushes one column up against the next."""
    out = [c[:] for c in clusters]
    for s in segs:
        hits = [c for c in out if s.x0 <= c[1] and c[0] <= s.x1]
        if len(hits) > 1:
            return None
        if hits:
            hits[0][0], hits[0][1] = min(hits[0][0], s.x0), max(hits[0][1], s.x1)
        else:
            out.append([s.x0, s.x1])
    out.sort()
    if any(b[0] - a[1] < size * 0.5 for a, b in zip(out, out[1:], strict=False)):
        return None
    return out


def find_tables(lines: list[Line], spacing: float) -> list[FoundTable]:
    """The borderless tables among a page's loose lines (top to bottom), each over a run of whole lines."""
    segs = [segments(ln) for ln in lines]
    found: list[FoundTable] = []
    i = 0
    while i < len(lines):
        if len(segs[i]) < 2:
            i += 1
            continue
        end, clusters, spans = _region(lines, segs, i, spacing)
        multi = sum(len(segs[k]) >= 2 for k in range(i, end + 1))
        table = None
        if len(clusters) >= 2 and multi >= 2:
            table = _table(lines, segs, i, end, clusters, spans, spacing)
        if table is not None:
            found.append(table)
            i = end + 1
        else:
            i += 1
    return found


def _region(lines: list[Line], segs: list[list[Segment]], start: int,
            spacing: float) -> tuple[int, list[list[float]], set[int]]:
    """The last line of the table starting at line ``start``, its columns and the lines across it."""
    size = lines[start].size
    clusters = _fit([], segs[start], size)
    assert clusters is not None
    spans: set[int] = set()
    end = start
    k = start + 1
    while k < len(lines):
        line = lines[k]
        if abs(line.size - size) > 1.0:
            break
        gap = (lines[k - 1].base - line.base) / (size or 1)
        if gap > spacing * 1.8 and len(segs[k]) == 1 and segs[k][0].x0 <= clusters[0][1]:
            break  # a blank line, then text from the left margin: the table has ended
        fitted = _fit(clusters, segs[k], size)
        if fitted is None:
            # One line across the table with more table under it: a row spanning the columns.
            nxt = _fit(clusters, segs[k + 1], size) if k + 1 < len(lines) and len(segs[k]) == 1 else None
            if nxt is None or len(segs[k + 1]) < 2 or len(clusters) < 2:
                break
            spans.add(k)
            fitted = clusters
        clusters = fitted
        end = k
        k += 1
    return end, clusters, spans


def _table(lines: list[Line], segs: list[list[Segment]], first: int, last: int, clusters: list[list[float]],
           spans: set[int], spacing: float) -> FoundTable | None:
    size = lines[first].size or 1
    ncol = len(clusters)
    body: list[Segment] = []
    for k in range(first, last + 1):
        if k in spans:
            continue
        for s in segs[k]:
            s.col = next(c for c, (x0, x1) in enumerate(clusters) if s.x0 <= x1 and x0 <= s.x1)
            body.append(s)
    # The step of a wrapped line: the smallest from one line to the next within a column (nothing in a column
    # sits closer). The page's own figure is for too few lines on a page with little on it.
    last_in: dict[int, float] = {}
    steps: list[float] = []
    for s in sorted(body, key=lambda s: -s.base):
        if s.col in last_in and last_in[s.col] - s.base > size * 0.8:
            steps.append(last_in[s.col] - s.base)
        last_in[s.col] = s.base
    if steps:
        spacing = min(steps) / size
    para = (spacing + 0.08) * size  # a step from one baseline to the next wider than this starts a paragraph
    blank = (spacing * 2 - 0.1) * size  # a gap this tall is an empty line
    # Paragraph starts, column by column.
    starts: list[Segment] = []
    prev_in: dict[int, Segment] = {}
    for s in sorted(body, key=lambda s: -s.base):
        p = prev_in.get(s.col)
        if p is None or p.base - s.base > para or s.bullet:
            starts.append(s)
        prev_in[s.col] = s
    # Bands of starts on one baseline, and the lines across the table, top to bottom; each band that opens a
    # row gives the row's top.
    bands: list[list[Segment]] = []
    for s in starts:
        if bands and abs(bands[-1][0].base - s.base) <= BAND:
            bands[-1].append(s)
        else:
            bands.append([s])
    events: list[tuple[float, list[Segment], int | None]] = [(band[0].base, band, None) for band in bands]
    events += [(lines[k].base, [], k) for k in spans]
    events.sort(key=lambda e: -e[0])
    ordered = sorted(body, key=lambda s: -s.base)
    row_tops: list[tuple[float, set[int], int | None]] = []  # (baseline, columns starting a cell, span line)
    for base, band, span_k in events:
        if span_k is not None:
            row_tops.append((base, set(), span_k))
            continue
        cols = {s.col for s in band}
        if not row_tops or row_tops[-1][2] is not None:
            row_tops.append((base, cols, None))  # the table's first row, or the first under a spanning row
            continue
        lowest = min((s.base for s in ordered if s.base > base + BAND), default=None)
        clear = lowest is None or lowest - base > para
        blank_above = lowest is not None and lowest - base > blank
        plain = {s.col for s in band if not s.bullet}
        if blank_above:
            continue
        # The first row is the header, its cells one paragraph each: the first gap across the table ends it.
        if (len(plain) >= 2 and len(cols) * 2 >= ncol - 1) or (clear and (0 in plain or len(row_tops) == 1)):
            row_tops.append((base, cols, None))
    if len(row_tops) < 2:
        return None
    # Rows: a segment belongs to the last row that starts at or above it; in a column that row did not start a
    # cell in, it belongs to the cell the column last started (merged down) or to an empty one.
    nrow = len(row_tops)
    cells: list[FoundCell] = []
    current: dict[int, FoundCell] = {}
    by_row: list[list[Segment]] = [[] for _ in range(nrow)]
    r = 0
    for s in ordered:
        while r + 1 < nrow and s.base <= row_tops[r + 1][0] + BAND:
            r += 1
        by_row[r].append(s)
    for r, (_, opens, span_k) in enumerate(row_tops):
        if span_k is not None:
            cell = FoundCell(r, r, 0, ncol - 1, list(lines[span_k].words))
            cells.append(cell)
            current = {}
            continue
        for c in range(ncol):
            mine = [s for s in by_row[r] if s.col == c]
            # Nothing merges down out of the first row: it is the header.
            if c in opens or c not in current or current[c].r0 == 0:
                cell = FoundCell(r, r, c, c)
                cells.append(cell)
                if mine or c in opens:
                    current[c] = cell
                else:
                    current.pop(c, None)
            elif mine:
                cell = current[c]
                cell.r1 = r
            else:
                cell = FoundCell(r, r, c, c)
                cells.append(cell)
                current.pop(c, None)
            for s in mine:
                cell.words += s.words
    xs = [c[0] - 2 for c in clusters] + [clusters[-1][1] + 2]
    # A column's lines wrap short of the next column by the narrowest gap between two columns (that of a column
    # whose lines run full width: twice a cell's padding); a column never filled still wraps there.
    gutter = min(b[0] - a[1] for a, b in zip(clusters, clusters[1:], strict=False))
    rights = [max(a[1], b[0] - gutter) + 0.5 for a, b in zip(clusters, clusters[1:], strict=False)]
    rights.append(clusters[-1][1] + 0.5)
    top = max(w.top for ln in lines[first:last + 1] for w in ln.words)
    bottom = min(w.bottom for ln in lines[first:last + 1] for w in ln.words)
    ys = [top + 1] + [rt[0] + size for rt in row_tops[1:]] + [bottom - 0.5]
    return FoundTable(first, last, xs, ys, rights, cells)
