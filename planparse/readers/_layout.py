"""A table in text laid out with spaces (``pdftotext -layout``, a PDF viewer's copy) rebuilt into rows of cells.

Such text keeps each cell's lines under its column, columns apart by runs of two or more spaces, and no tabs. A
table is found from its header line (two or more space-separated headings that read as a header row); the
steps, over the lines from there:

- header: the heading segments give the columns' start positions; short lines straight under it whose segments
  all sit under a heading are the headings' wrapped ends ("Target" / "date", "Timesc" / "ale");
- lines → segments cut at runs of two or more spaces (a bullet and its hanging indent stay one segment), each
  assigned to the column whose start is nearest at or left of it;
- a column *starts a paragraph* on a line where it was empty on the line before, where the line before ended
  short of the column's width (the next word would have fitted: the author ended the paragraph), or with a
  bullet;
- rows: a line starts a row where two columns start a paragraph on it (not both list items), or where the first
  column does and the row above already has a first cell. A column that did not start a paragraph on a row's
  first line carries on its cell from the row above (a Word cell merged down over several rows prints so) until
  it starts one;
- a column of codes (RAG letters, initials) starts a cell on every line; on a new row's first line, cells right of
  its first new cell that begin with a capital or a figure start fresh, as does one after a sentence ended;
- in a table whose rows start with numbers, an unnumbered first cell alone goes on with the numbered one; a
  numbered line whose text runs across the columns is a row of two cells (a recommendation over its actions);
- a short line alone in the first column between rows is a theme row across the table; one followed by a
  paragraph across the page or by first-column lines, under a row with its first cell, ends the table;
- a repeated header (a new page, with as many wrapped lines as the first), a page footer ("Page 3 of 10", a lone
  page number) and blank lines are dropped; the table ends at a line that bridges columns (a paragraph across
  the page) or at a label line. Column widths are measured per page.

Cell text follows the block contract: wrapped lines joined with a space, a paragraph or list item on its own
line, a word hyphenated at a line end or cut by a narrow column joined back; a line of capitals alone, or one
opening with the cell's first two words again in a narrow column, is a name of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..blocks import BULLET, Cell, Row, Table
from ..columns import is_header_row
from ..text import normalise_bullet, squash

GAP = re.compile(r" {2,}")
# Private-use bullets that Symbol and Wingdings fonts extract as.
GLYPHS = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "►", "\uf076": "❖"})
BULLET_START = re.compile(r"^[•·▪◦●○■□►▸‣⁃❖]|^[-–](?=\s)")
PAGE_FOOTER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
# Short words a wrapped heading may go on with; any other short lower-case piece is the rest of a cut word.
JOINING_WORDS = {"by", "of", "to", "and", "or", "for", "in", "on", "at", "the", "due", "end", "date", "rag", "no",
                 "lead", "led", "who", "when", "a", "an", "is"}
# A recommendation's or action's own number at the start of its first cell ("R2:", "13:", "2.1", "4.").
# A bare number alone, or a labelled or punctuated one before text ("2 years." is not one).
NUMBERED = re.compile(r"^(?:(?:R|Rec\.?|Recommendation)\s*\d+(?:\.\d+)*[:.)]?|\d+(?:\.\d+)*[:.)])(?:\s|$)"
                      r"|^\d+(?:\.\d+)*$", re.I)
TOLERANCE = 2  # characters a cell's text may start left of its heading
SPAN = -1  # the key of a cell spanning every column after the first
WHOLE = -2  # the key of a cell spanning every column


@dataclass
class Seg:
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def bullet(self) -> bool:
        return bool(BULLET_START.match(self.text))


@dataclass
class _Cell:
    col: int
    lines: list[tuple[int, Seg]] = field(default_factory=list)  # (line index, segment)


def prepare(line: str) -> str:
    return line.translate(GLYPHS).replace("\t", "    ").rstrip()


def segments(line: str) -> list[Seg]:
    """A line cut at runs of two or more spaces; a lone bullet joins the text after its hanging indent."""
    out: list[Seg] = []
    pos = 0
    for piece in GAP.split(line):
        start = line.index(piece, pos) if piece else pos
        pos = start + len(piece)
        if not piece.strip():
            continue
        if out and BULLET_START.match(out[-1].text) and len(out[-1].text.strip()) == 1:
            out[-1] = Seg(out[-1].start, out[-1].text.strip() + " " + piece.strip())
            continue
        lead = len(piece) - len(piece.lstrip())
        out.append(Seg(start + lead, piece.strip()))
    return out


def header_at(line: str) -> list[Seg] | None:
    """The line's segments where it reads as a table's header row (three or more headings, or two)."""
    if "\t" in line:
        return None
    segs = segments(prepare(line))
    if len(segs) < 2 or not is_header_row([s.text for s in segs]):
        return None
    return segs


def _cut_at_columns(segs: list[Seg], starts: list[int]) -> list[Seg]:
    """Segments that run into the next column with a single space before it, cut where that column starts."""
    out: list[Seg] = []
    for seg in segs:
        for x in starts:
            if not seg.start + 1 < x < seg.end - 1:
                continue
            cut = next((p for p in (x - 1, x, x - 2, x + 1) if seg.start < p < seg.end - 1
                        and seg.text[p - seg.start] == " "), None)
            if cut is not None:
                out.append(Seg(seg.start, seg.text[:cut - seg.start].rstrip()))
                seg = Seg(cut + 1, seg.text[cut - seg.start + 1:])
        out.append(seg)
    return out


def _spanning(segs: list[Seg], starts: list[int]) -> bool:
    """True for a numbered first cell and one piece of text after it, under the second heading, running on
    over the third (a row whose second cell spans the rest)."""
    if len(segs) != 2 or len(starts) < 3 or not NUMBERED.match(segs[0].text):
        return False
    first, rest = segs
    return (_column(starts, first) == 0 and _column(starts, rest) == 1
            and rest.end > starts[2] + TOLERANCE + 4)


def _lone_first_cell(segs: list[Seg], starts: list[int], body: list[tuple[int, dict[int, Seg]] | None]) -> bool:
    """True for a short line of one piece of text in the first column alone, starting with a capital, where the
    first column above is empty or its sentence ended."""
    if len(segs) != 1 or len(starts) < 2 or _column(starts, segs[0]) != 0:
        return False
    seg = segs[0]
    if seg.bullet or NUMBERED.match(seg.text) or not seg.text[:1].isupper() or len(seg.text.split()) > 8:
        return False
    if body and body[-1] is None:
        return True  # a blank line above: whatever was there ended
    above = next((b[1] for b in reversed(body) if b is not None), None)
    if above is None or WHOLE in above or SPAN in above:
        return True
    first = above.get(0)
    return first is None or first.text.rstrip().endswith((".", ":", ";", "!", "?"))


def _first_cell_above(body: list[tuple[int, dict[int, Seg]] | None]) -> bool:
    """True where the lines since the last blank line hold text in the first column (a row printed lower in
    its first column than in the others has none yet)."""
    trailing = len(body)
    while trailing and body[trailing - 1] is None:
        trailing -= 1  # the blank lines straight above are the gap before this line
    for entry in reversed(body[:trailing]):
        if entry is None:
            return False
        if 0 in entry[1] or WHOLE in entry[1]:
            return True
    return False


def _next_cells(lines: list[str], k: int, starts: list[int]) -> dict[int, Seg] | None:
    """The next non-blank line's segments by column ({} for a line across the columns), or None at the end of
    the text."""
    while k < len(lines):
        raw = prepare(lines[k])
        if raw.strip() and not PAGE_FOOTER.match(raw):
            segs = segments(raw)
            for s in segs:
                c = _column(starts, s)
                if c + 1 < len(starts) and s.end > starts[c + 1] + TOLERANCE + 4:
                    return {}
            return {_column(starts, s): s for s in segs}
        k += 1
    return None


def _column(starts: list[int], seg: Seg) -> int:
    col = 0
    for c, x in enumerate(starts):
        if x <= seg.start + TOLERANCE:
            col = c
    return col


def _header_continuation(segs: list[Seg], starts: list[int]) -> bool:
    """True for a line of short pieces each under a heading: the headings' wrapped ends."""
    if not segs:
        return False
    for s in segs:
        if len(s.text.split()) > 5 or len(s.text) > 32 or NUMBERED.match(s.text) or s.bullet:
            return False
        if not any(abs(s.start - x) <= TOLERANCE for x in starts):
            return False
    return True


def _join_heading(top: str, rest: str) -> str:
    first = rest.split()[0]
    last = top.split()[-1]
    if len(first) == 1 and first.isupper() and len(last) > 1 and last.isalpha() and last.isupper():
        return top + rest  # a capitals code cut by a narrow column ("BRA" / "G")
    if first[:1].islower() and len(first.strip("()")) <= 3 and first.lower() not in JOINING_WORDS:
        return top + rest  # a heading word cut by a narrow column ("Timesc" / "ale")
    return f"{top} {rest}"


def read_layout_table(lines: list[str], i: int, stop: re.Pattern[str] | None = None) -> tuple[Table, int] | None:
    """The table whose header is line ``i`` of ``lines``, and the index of the first line after it."""
    head = header_at(lines[i])
    if head is None:
        return None
    starts = [s.start for s in head]
    headings = [s.text for s in head]
    header_key = [squash(h).lower() for h in headings]
    j = i + 1
    wrapped: set[int] | None = None  # the headings the last wrapped line went on with
    while j < len(lines) and j <= i + 2:
        segs = segments(prepare(lines[j]))
        if not _header_continuation(segs, starts):
            break
        cols = {_column(starts, s) for s in segs}
        if cols == {0} and len(segs[0].text.split()) >= 2 and segs[0].text[:1].isupper():
            after = _next_cells(lines, j + 1, starts)
            if after is not None and 0 in after and len(after) >= 2:
                break  # a heading of words over the rows below (a theme), not the first heading's wrapped end
        if wrapped is not None and not cols <= wrapped:
            break  # a heading runs to a third line only where it ran to a second: this is the table's
        for s in segs:
            c = _column(starts, s)
            headings[c] = _join_heading(headings[c], s.text)
        wrapped = cols
        j += 1
    ncol = len(starts)
    wrap_lines = j - i - 1
    # Body lines: (index, segments by column), blank lines as None; the table ends at a line across columns.
    body: list[tuple[int, dict[int, Seg]] | None] = []
    line_starts: dict[int, list[int]] = {}  # each line's column starts (a new page may move them)
    k = j
    while k < len(lines):
        raw = prepare(lines[k])
        if PAGE_FOOTER.match(raw):
            k += 1  # a page number: the page's, not a cell's
            continue
        if not raw.strip():
            body.append(None)
            k += 1
            continue
        segs = segments(raw)
        lone = _lone_first_cell(segs, starts, body)
        if lone:
            after = _next_cells(lines, k + 1, starts)
            if after is not None and 0 in after and len(after) >= 2:
                # A short line alone in the first column between rows: a heading over the rows below (a theme),
                # printed as one cell across the table.
                body.append((k, {WHOLE: segs[0]}))
                line_starts[k] = starts
                k += 1
                continue
            ends = after is None or after == {} or (set(after) == {0} and _ended(segs[0], after[0],
                                                                                  starts[1] - starts[0]))
            if ends and _first_cell_above(body):
                # A short line and then a paragraph, or lines in the first column alone, under a row that has its
                # first cell: text after the table (a heading, a key). A row printed lower in its first column
                # than in the others has none yet, and this is it.
                break
        if stop is not None and len(segs) == 1 and stop.match(segs[0].text):
            break
        again = header_at(raw)
        if again is not None and [squash(s.text).lower() for s in again][:2] == header_key[:2]:
            # The header repeated on a new page, and its wrapped ends. The blank lines at the page's foot are
            # the page's: the cells above carry on below the header.
            while body and body[-1] is None:
                body.pop()
            k += 1
            if len(again) == ncol:
                # A new page may set the columns a little apart from the last: its header says where.
                starts = [s.start for s in again]
            # Its wrapped ends: as many lines as the first header's at most (the cells go on below them).
            end = k + wrap_lines
            while k < min(end, len(lines)) and _header_continuation(segments(prepare(lines[k])), starts):
                k += 1
            continue
        if _spanning(segs, starts):
            # A numbered line whose text runs across the columns: a row of two cells, the rest merged into the
            # second (a recommendation over its numbered actions, as a Word cell spanning the row prints).
            body.append((k, {0: segs[0], SPAN: segs[1]}))
            line_starts[k] = starts
            k += 1
            continue
        cells: dict[int, Seg] = {}
        bridged = False
        for s in _cut_at_columns(segs, starts):
            c = _column(starts, s)
            nxt = starts[c + 1] if c + 1 < ncol else None
            if nxt is not None and s.end > nxt + TOLERANCE + 4:
                bridged = True
            if c in cells:
                cells[c] = Seg(cells[c].start, cells[c].text + " " + s.text)
            else:
                cells[c] = s
        if bridged:
            break
        body.append((k, cells))
        line_starts[k] = starts
        k += 1
    # Trailing blank lines belong to the page, not the table.
    while body and body[-1] is None:
        body.pop()
    k_end = k
    if not any(b is not None for b in body):
        return None
    widths = _widths(body, line_starts)
    table = Table(where=f"line {i + 1}")
    table.rows.append(Row([Cell(squash(h)) for h in headings], where=f"line {i + 1}", header=True))
    for row in _rows(body, ncol, widths):
        table.rows.append(row)
    return table, k_end


def _widths(body: list[tuple[int, dict[int, Seg]] | None], line_starts: dict[int, list[int]]) -> dict[int, list[int]]:
    """How wide each column's text runs on each line's page: its longest line there (a paragraph's last line
    ending well short of it ended).

    A column of short values (codes, dates) never fills its width, so there the room up to the next column
    counts instead.
    """
    pages: dict[int, tuple[list[int], list[int]]] = {}  # id of a page's starts → (starts, widths)
    for entry in body:
        if entry is None:
            continue
        starts = line_starts[entry[0]]
        _, widths = pages.setdefault(id(starts), (starts, [0] * len(starts)))
        for c, s in entry[1].items():
            if c < 0:
                continue
            widths[c] = max(widths[c], s.end - starts[c])
    for starts, widths in pages.values():
        for c in range(len(starts) - 1):
            room = starts[c + 1] - starts[c] - 2
            if widths[c] < room * 0.6:
                widths[c] = room
    return {k: pages[id(starts)][1] for k, starts in line_starts.items()}


def _rows(body: list[tuple[int, dict[int, Seg]] | None], ncol: int, widths: dict[int, list[int]]) -> list[Row]:
    codes = _code_columns(body, ncol)
    numbered = False  # a row has started with a number
    rows: list[list[_Cell | None]] = []  # None: merged with the cell above
    owners: dict[int, _Cell] = {}  # the cell each column's lines go to now
    row_lines: list[int] = []
    prev: dict[int, Seg] = {}
    for entry in body:
        if entry is None:
            prev = {}
            continue
        k, cells = entry
        if WHOLE in cells:
            rows.append([_Cell(WHOLE, [(k, cells[WHOLE])])])
            row_lines.append(k)
            owners = {}
            prev = {}
            continue
        if SPAN in cells:
            # A row of its own: nothing above runs on into it, nor does it into the rows below.
            rows.append([_Cell(0, [(k, cells[0])]), _Cell(SPAN, [(k, cells[SPAN])])])
            row_lines.append(k)
            owners = {}
            prev = {}
            continue
        started = {c for c, s in cells.items() if _starts(s, prev.get(c), widths[k][c]) or c in codes}
        if 0 in cells and NUMBERED.match(cells[0].text):
            started.add(0)
        plain = {c for c in started if not cells[c].bullet}
        # A column that had nothing on the line above, a numbered first cell, or a code, plainly starts something;
        # a line above that merely ended short is weaker evidence, and two of those alone do not make a row.
        strong = {c for c in plain if c not in prev or c in codes or (c == 0 and NUMBERED.match(cells[c].text))}
        if 0 in strong and NUMBERED.match(cells[0].text):
            started = set(cells)  # a numbered entry starts every cell beside it: nothing runs on into it
            plain = {c for c in started if not cells[c].bullet} | {0}
        # The first column alone starts a row only where the row above has its own first cell already (a line
        # printed lower in its row, as a vertically centred cell is, joins the row above).
        # In a table whose rows start with numbers, an unnumbered first cell alone is the numbered one going on.
        new_row = not rows or (len(plain) >= 2 and (bool(strong) or len(plain) >= 3)) or (
            0 in plain and rows[-1][0] is not None and bool(rows[-1][0].lines)
            and (not numbered or bool(NUMBERED.match(cells[0].text))))
        if 0 in cells and NUMBERED.match(cells[0].text):
            numbered = True
        if new_row and rows and plain:
            # A row's cells start on its first line: beside the first one started, a cell beginning a sentence
            # begins its own (the column running on into a new row is the recommendation's, on the left).
            first = min(plain)
            for c, s in cells.items():
                if c not in started and _fresh(s, prev.get(c), c > first):
                    started.add(c)
        if new_row:
            row: list[_Cell | None] = []
            for c in range(ncol):
                if c in cells and c not in started and c in owners:
                    row.append(None)  # carries on the cell above
                else:
                    cell = _Cell(c)
                    owners[c] = cell
                    row.append(cell)
            rows.append(row)
            row_lines.append(k)
        for c, s in cells.items():
            if c in started and rows[-1][c] is None:
                cell = _Cell(c)
                rows[-1][c] = cell
                owners[c] = cell
            owners[c].lines.append((k, s))
        prev = cells
    out: list[Row] = []
    for row, k in zip(rows, row_lines, strict=True):
        if len(row) == 1 and row[0] is not None and row[0].col == WHOLE:
            out.append(Row([Cell(squash(row[0].lines[0][1].text), colspan=ncol)], where=f"line {k + 1}"))
            continue
        if len(row) == 2 and row[1] is not None and row[1].col == SPAN:
            out.append(Row([Cell(squash(row[0].lines[0][1].text) if row[0] else ""),
                            Cell(squash(row[1].lines[0][1].text), colspan=ncol - 1)], where=f"line {k + 1}"))
            continue
        out.append(Row([Cell("", merged_above=True) if cl is None else Cell(_text(cl, widths)) for cl in row],
                       where=f"line {k + 1}"))
    return out


def _code_columns(body: list[tuple[int, dict[int, Seg]] | None], ncol: int) -> set[int]:
    """Columns holding only codes (a RAG letter, a lead's initials): one short word a line, never wrapped, so
    each line's is a cell of its own."""
    seen: dict[int, list[str]] = {c: [] for c in range(ncol)}
    for entry in body:
        if entry is not None:
            for c, s in entry[1].items():
                if c >= 0:
                    seen[c].append(s.text)
    return {c for c, texts in seen.items()
            if len(texts) >= 2 and all(len(t) <= 5 and " " not in t and not t[:1].islower() for t in texts)}


def _fresh(seg: Seg, above: Seg | None, right: bool) -> bool:
    """True where ``seg``, on a new row's first line, starts its cell: a capital or a figure after a sentence
    ended above, or anywhere right of the row's first new cell."""
    if not (seg.text[:1].isupper() or seg.text[:1].isdigit()):
        return False
    return right or above is None or above.text.rstrip().endswith((".", "!", "?"))


def _starts(seg: Seg, above: Seg | None, width: int) -> bool:
    """True where ``seg`` starts a paragraph in its column: nothing above it, a list item, or the line above
    ended short of the column's width though this line's first word would have fitted after it."""
    if above is None or seg.bullet:
        return True
    if seg.start + 2 <= above.start and seg.text[:1].isupper():
        return True  # back out to the column's edge under an indented line: past the end of a list item
    return _ended(above, seg, width)


def _ended(above: Seg, seg: Seg, width: int) -> bool:
    if above.text.endswith("-") and not above.text.endswith(" -"):
        return False  # a word broken at its hyphen ("Pre-" / "Agenda") goes on
    if seg.text[:1].islower() and not above.text.rstrip().endswith((".", ":", ";", "!", "?")):
        return False
    return len(above.text) + 1 + len(seg.text.split()[0]) <= width - 2


def _broken(above: Seg, seg: Seg, width: int) -> bool:
    """True where the author ended the line above: a sentence ended short of the column, or a line so short
    that the next word would have fitted with room to spare (character counts only estimate a PDF's widths)."""
    if seg.text[:1].islower():
        return False
    last = above.text.split()[-1].lower()
    if seg.text.isupper() and len(seg.text) >= 2 and last not in JOINING_WORDS and last not in ("&", "-", "–"):
        return True  # a line of capitals alone (an acronym: "ELB" under "Cabinet") is a name of its own
    room = width - len(above.text) - 1 - len(seg.text.split()[0])
    return room >= 0 if above.text.rstrip().endswith((".", ":", ";", "!", "?")) else room >= width * 0.3


SHORT_WORDS = JOINING_WORDS | {"as", "be", "if", "it", "up", "we", "us", "so", "do", "per", "via", "all", "new",
                               "set", "its", "are", "was", "not", "out", "our", "now", "yet", "who", "has", "had"}


def _cut_word(above: Seg, text: str, width: int) -> bool:
    """True for a lone fragment of lower-case letters under a line that filled its column: the rest of a word."""
    return (text.isalpha() and text.islower() and len(text) <= 3 and text not in SHORT_WORDS
            and above.text[-1:].isalpha() and len(above.text) + 1 + len(text) > width)


def _text(cell: _Cell, widths: dict[int, list[int]]) -> str:
    out: list[str] = []
    prev: Seg | None = None
    opening = cell.lines[0][1].text.split()[:2] if cell.lines else []
    for k, seg in cell.lines:
        text = normalise_bullet(seg.text)
        # In a narrow column, a line opening with the cell's first two words again is the next of a list of
        # names ("Head of Organisational Development" / "Head of Communications").
        again = prev is not None and len(opening) == 2 and seg.text.split()[:2] == opening and \
            widths[k][cell.col] <= 25
        if prev is None or again or text.startswith(BULLET) or _broken(prev, seg, widths[k][cell.col]):
            out.append(text)
        elif out[-1].endswith("-") and text[:1].isalpha() and not out[-1].endswith(" -"):
            out[-1] += text  # a word hyphenated at the line end ("non-" / "hierarchical", "Pre-" / "Agenda")
        elif _cut_word(prev, text, widths[k][cell.col]):
            out[-1] += text  # a word cut by a narrow column ("Implement" / "ed", "Mediu" / "m")
        else:
            out[-1] = f"{out[-1]} {text}"
        prev = seg
    return "\n".join(squash(t) for t in out)
