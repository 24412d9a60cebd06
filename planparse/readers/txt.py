"""Text as extracted from a Word/PDF plan or pasted from one → blocks.

Three table layouts turn up in extracted text, and each is rebuilt into rows of cells here so the interpreter
never sees a text quirk:
- tab-separated rows, one line per row ("1<TAB>Develop …<TAB>CT<TAB>April 2022"), where a row may run onto
  the next line (a line break inside a cell) and a page break repeats the header line;
- one cell per tab-indented line, a row being as many cells as the header has (Word's "text" export of a table
  with merged rows), cells running on over untabbed lines;
- a header line with spaces only ("Recommendation Action Timescale") over numbered recommendations, each
  followed by its actions and, as a parallel list, their dates; where a recommendation's three columns run
  together on one line they are cut where the content plainly changes, with a note on the row.
Everything else is a paragraph per line; HTML fragments left by a converter become lines and bullets.
"""

from __future__ import annotations

import re

from ..blocks import BULLET, Block, Cell, Paragraph, Row, Table
from ..columns import NUMBER, RECOMMENDATION, is_header_row, role_for, split_spaced_header
from ..dates import looks_like_date, split_trailing_date
from ..owners import LABEL
from ..text import has_markup, html_to_lines, normalise_bullet, squash, strip_marker, tidy
from ._layout import GLYPHS, read_layout_table
from ._plain import read_plain_table

# A recommendation's own label at the start of a line: "R8.1:", "13:", "6.", "RECOMMENDATION 4".
REC_LINE = re.compile(r"^\s*(?:(?:R|Rec\.?|Recommendation)\s*)?\d+(?:\.\d+)*\s*[:.)]|^\s*recommendation\s+\S+\s*$",
                      re.I)
REC_LABEL_CELL = re.compile(r"^\s*recommendation\s+(?:\d+(?:\.\d+)*|[a-z]+)\s*[:.]?\s*$", re.I)
# A recommendation's title with its text on the same line ("RECOMMENDATION 4: Plan to ensure …").
REC_TITLE = re.compile(r"^\s*recommendation\s+(?:\d+(?:\.\d+)*|one|two|three|four|five|six|seven|eight|nine|ten|"
                       r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b\s*"
                       r"(?:[:.–—-]|$)", re.I)
# A line that ends a table laid out with spaces: a lead's label, a recommendation's label or title.
STOP = re.compile(LABEL.pattern + "|" + REC_LABEL_CELL.pattern + "|" + REC_TITLE.pattern, re.I)
# Artefacts of document converters that are not part of the document.
ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]|\{#[^}]*\}")
PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
WIDE_GAP = re.compile(r" {8,}")
# Blank lines that end a table after a complete row; fewer are a blank line inside a cell.
TABLE_END_GAP = 3


def read_txt(text: str) -> list[Block]:
    """The blocks of a plan given as text (see ``planparse.blocks`` for the contract)."""
    return _Reader(_prepare(text)).blocks()


def _prepare(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").lstrip("\ufeff")
    out = []
    for line in text.split("\n"):
        # Symbol and Wingdings bullets come out of a PDF as private-use characters.
        line = ARTEFACT.sub("", line).replace("\u00a0", " ").translate(GLYPHS)
        if PIPE_RULE.match(line):
            continue  # the rule under a Markdown table's header
        if PIPE_ROW.match(line):
            # A table pasted as Markdown: its cells are tab-separated cells like any other.
            line = "\t".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        out.append(line.rstrip(" "))
    return _join_lone_bullets(out)


LONE_BULLET = re.compile(r"^\s*[•·▪◦●○■□►▸‣⁃❖]\s*$")


def _join_lone_bullets(lines: list[str]) -> list[str]:
    """Bullet glyphs printed alone on their lines (plain pdftotext prints a list's bullets, then its text) joined
    to the text that follows as list items.

    As many bullets as the text has lines: one item per line. Otherwise the bullets and the text cannot be
    paired line by line, and each line starting as the first does begins an item.
    """
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        if not LONE_BULLET.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        j, count = i, 0
        while j < n and (LONE_BULLET.match(lines[j]) or _blank(lines[j])):
            count += bool(LONE_BULLET.match(lines[j]))
            j += 1
        k = j
        while k < n and not _blank(lines[k]) and not LONE_BULLET.match(lines[k]):
            k += 1
        text = lines[j:k]
        if not text or "\t" in "".join(text) or normalise_bullet(text[0].strip()).startswith(BULLET) \
                or REC_LINE.match(text[0]) or STOP.match(text[0].strip()):
            out.extend(lines[i:j])  # nothing to join the bullets to: a recommendation's label is not an item
            i = j
            continue
        if count == len(text):
            out.extend(f"{BULLET}{line.strip()}" for line in text)
        else:
            # An item starts as the first one does (a capital, or a lower-case letter after a lead-in ending
            # "to:"); a line starting otherwise is the item above wrapped.
            upper = text[0].strip()[:1].isupper()
            for n_line, line in enumerate(text):
                starts = line.strip()[:1].isupper() == upper and line.strip()[:1].isalpha()
                if starts or n_line == 0:
                    out.append(f"{BULLET}{line.strip()}")
                else:
                    out[-1] += " " + line.strip()  # the item above wrapped: one line, so one item
        i = k
    return out


def _blank(line: str) -> bool:
    return not line.strip(" \t")


def _cell_text(raw: str) -> str:
    """A cell's text per the block contract: markup gone, bullets normalised, whitespace tidied."""
    if has_markup(raw):
        return html_to_lines(raw)
    lines: list[str] = []
    for line in raw.split("\n"):
        line = squash(line)
        # A list typed with dashes on one line ("- Delivery plan - Budget agreed"): one item per dash.
        if line.startswith("- ") and " - " in line:
            lines.extend(BULLET + part.strip() for part in line[2:].split(" - ") if part.strip())
            continue
        lines.append(normalise_bullet(line))
    return tidy("\n".join(lines))


def _structural(line: str) -> bool:
    """A line that belongs to the page, not to a cell: a lead line, a recommendation label, a side-by-side legend."""
    stripped = line.strip()
    return bool(LABEL.match(stripped) and len(stripped) < 200 and "\t" not in line) or bool(
        REC_LABEL_CELL.match(stripped)) or bool(WIDE_GAP.search(stripped))


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.out: list[Block] = []

    def where(self, i: int) -> str:
        return f"line {i + 1}"

    def blocks(self) -> list[Block]:
        i, n = 0, len(self.lines)
        while i < n:
            line = self.lines[i]
            if _blank(line):
                i += 1
                continue
            if "\t" in line:
                fields = line.split("\t")
                filled = [f for f in fields if f.strip()]
                if len(filled) >= 2 and is_header_row(fields):
                    i = self._tab_rows(i)
                    continue
                if line.startswith("\t") and len(filled) <= 1:
                    header, _ = self._cells_until_blank(i)
                    if is_header_row(header):
                        i = self._cell_lines(i)
                        continue
                    i = self._cell_paragraph(i)
                    continue
                if len(filled) == 1:
                    self._paragraph(filled[0], i)
                    i += 1
                    continue
                i = self._tab_rows(i, header=False)
                continue
            # Columns kept apart by runs of spaces (text extracted from a PDF with its layout) before a header
            # typed with single spaces over lists.
            found = read_layout_table(self.lines, i, STOP)
            if found is not None:
                self.out.append(found[0])
                i = found[1]
                continue
            # Each cell on lines of its own, blank lines between (plain pdftotext) under a numbered header.
            found = read_plain_table(self.lines, i)
            if found is not None:
                self.out.append(found[0])
                i = found[1]
                continue
            headings = split_spaced_header(line)
            if headings:
                end = self._spaced_table(i, headings)
                if end is not None:
                    i = end
                    continue
            if self._hanging(line, i):
                i += 1
                continue
            self._paragraph(line, i)
            i += 1
        return self.out

    def _hanging(self, line: str, i: int) -> bool:
        """Join an indented line going on in lower case to the list item on the line straight above it (the
        item's hanging indent, as a PDF's text keeps it); True where it did."""
        last = self.out[-1] if self.out else None
        text = line.strip()
        if not (line[:1] == " " and text[:1].islower() and i > 0 and isinstance(last, Paragraph)
                and last.where == self.where(i - 1) and "\n" not in last.text and last.text.startswith(BULLET)):
            return False
        last.text = f"{last.text} {squash(text)}"
        return True

    # Paragraphs -------------------------------------------------------------------------------------------

    def _paragraph(self, line: str, i: int) -> None:
        # A line laid out in columns with runs of spaces (a legend beside a footnote) is several paragraphs.
        gap = 0
        while gap < i and _blank(self.lines[i - gap - 1]):
            gap += 1
        for part in WIDE_GAP.split(line.strip()):
            text = _cell_text(part)
            if text:
                self.out.append(Paragraph(text, where=self.where(i), gap=gap))
                gap = 0

    def _cell_paragraph(self, i: int) -> int:
        """A lone tab-indented cell (a recommendation's title row) and the untabbed lines running on from it."""
        start = i
        parts = [self.lines[i].strip("\t ")]
        i += 1
        gap = 0
        while i < len(self.lines):
            line = self.lines[i]
            if _blank(line):
                gap += 1
                i += 1
                continue
            if "\t" in line or gap >= TABLE_END_GAP or _structural(line):
                break
            if gap:
                parts.append("")
            parts.append(line)
            gap = 0
            i += 1
        text = _cell_text("\n".join(parts))
        if text:
            self.out.append(Paragraph(text, where=self.where(start)))
        return i

    # Layout 1: tab-separated rows ----------------------------------------------------------------------------

    def _tab_rows(self, i: int, header: bool = True) -> int:
        table = Table(where=self.where(i))
        first = self.lines[i].split("\t")
        width = len(first)
        header_norm = [squash(c).lower() for c in first] if header else None
        current: list[str] | None = None
        current_where = ""
        gap = 0

        def flush() -> None:
            nonlocal current
            if current is not None and any(c.strip() for c in current):
                cells = current + [""] * (width - len(current))
                table.rows.append(Row([Cell(_cell_text(c)) for c in cells], where=current_where))
            current = None

        while i < len(self.lines):
            line = self.lines[i]
            if _blank(line) and "\t" not in line:
                gap += 1
                i += 1
                continue
            if "\t" not in line:
                if gap == 0 and current is not None:
                    if len(current) >= width and self._theme_between_rows(i, current, width):
                        # A heading printed between two full rows (a theme): a row across the table, as a
                        # Word table's merged theme row reads, not more of the last cell above.
                        flush()
                        table.rows.append(Row([Cell(squash(line), colspan=width)], where=self.where(i)))
                    elif len(current) >= width and self._starts_broken_row(i, current, width):
                        flush()
                        current, current_where = [line], self.where(i)
                    else:
                        current[-1] += "\n" + line  # a line break inside the row's last cell
                    i += 1
                    continue
                if gap == 0 and current is None and table.rows and table.rows[-1].header \
                        and self._runs_into_tabbed_line(i):
                    # Straight under the header, lines running on to a tabbed line: the first row's first cell,
                    # broken over lines (a tab-separated dump keeps a cell's own line breaks).
                    current, current_where = [line], self.where(i)
                    i += 1
                    continue
                break
            fields = line.split("\t")
            norm = [squash(c).lower() for c in fields]
            if header_norm is not None and (norm == header_norm or (table.rows == [] and current is None)):
                flush()
                table.rows.append(Row([Cell(squash(c)) for c in fields], where=self.where(i), header=True))
            elif current is not None and gap == 0 and _continues(current, fields, width):
                # The row was broken by a line break inside a cell: join the two halves.
                current[-1] += "\n" + fields[0]
                current.extend(fields[1:])
            elif not any(f.strip() for f in fields):
                pass  # a row of empty cells
            elif is_header_row(fields) and len([f for f in fields if f.strip()]) >= 2:
                flush()
                table.rows.append(Row([Cell(squash(c)) for c in fields], where=self.where(i), header=True))
            else:
                flush()
                current, current_where = fields, self.where(i)
            gap = 0
            i += 1
        flush()
        if table.rows:
            self.out.append(table)
        return i

    def _runs_into_tabbed_line(self, i: int) -> bool:
        """True where untabbed line i and the untabbed lines straight after it end at a tabbed line."""
        j = i
        while j < len(self.lines) and self.lines[j].strip() and "\t" not in self.lines[j]:
            j += 1
        return j < len(self.lines) and "\t" in self.lines[j]

    def _theme_between_rows(self, i: int, current: list[str], width: int) -> bool:
        """True where untabbed line i is a short heading standing alone between two full numbered rows.

        Both rows must start with a row number (in a table of numbered rows a line with no number and no tab
        is not the start of a row, and a heading is not how a cell's text runs on), and line i must read as a
        heading: a few words starting with a capital, no sentence punctuation at the end, not a date.
        """
        text = squash(self.lines[i])
        words = text.split()
        if not (0 < len(words) <= 8 and len(text) <= 80 and text[:1].isupper()) \
                or text.endswith((".", ";", ",", "-", "–")) or looks_like_date(text) \
                or normalise_bullet(text).startswith(BULLET) or _structural(self.lines[i]):
            return False
        if i + 1 >= len(self.lines) or "\t" not in self.lines[i + 1]:
            return False
        fields = self.lines[i + 1].split("\t")
        return len(fields) == width and _row_number(fields[0]) and _row_number(current[0])

    def _starts_broken_row(self, i: int, current: list[str], width: int) -> bool:
        """True where untabbed line i after a complete row is the first line of the next row's first cell.

        An empty last cell has nothing to run on; otherwise the lines run on to a tabbed line whose first
        cell plainly continues them (a list item, a lower-case word).
        """
        if not current[-1].strip():
            return True
        j = i
        while j < len(self.lines) and self.lines[j].strip() and "\t" not in self.lines[j]:
            j += 1
        if j >= len(self.lines) or "\t" not in self.lines[j]:
            return False
        fields = self.lines[j].split("\t")
        head = fields[0].strip()
        return len(fields) == width and bool(head) and (
            normalise_bullet(head).startswith(BULLET) or head[:1].islower())

    # Layout 2: one cell per tab-indented line ------------------------------------------------------------

    def _cells_until_blank(self, i: int) -> tuple[list[str], int]:
        """Consecutive tab-indented cells from line i (untabbed lines join the cell before), up to a blank line."""
        cells: list[str] = []
        while i < len(self.lines) and not _blank(self.lines[i]):
            line = self.lines[i].rstrip("\t ")
            if line.startswith("\t"):
                cells.extend(line.split("\t")[1:])
            elif cells:
                cells[-1] += " " + line.strip()
            else:
                break
            i += 1
        return [squash(c) for c in cells], i

    def _spans_table(self, cells: list[str], after: int, width: int) -> bool:
        """True for a lone short cell between blank lines followed by exactly a row's worth of cells.

        A row's first cell followed by a blank line is followed by the rest of its row (fewer cells than a
        row) or by more than one row, so exactly ``width`` cells after a lone heading marks a merged row.
        """
        if len(cells) != 1 or width < 3:
            return False
        text = cells[0]
        if not text or len(text.split()) > 10 or text.rstrip().endswith((".", ";", ",")):
            return False
        j = after
        while j < len(self.lines) and _blank(self.lines[j]) and not self.lines[j].startswith("\t"):
            j += 1
        if j >= len(self.lines) or not self.lines[j].startswith("\t"):
            return False
        following, _ = self._cells_until_blank(j)
        return len(following) == width

    def _cell_lines(self, i: int) -> int:
        header, i = self._cells_until_blank(i)
        table = Table(where=self.where(i))
        # Under a header with no recommendation column, recommendations are title rows between the tables.
        titles_between = not {role_for(h) for h in header} & {NUMBER, RECOMMENDATION}
        table.rows.append(Row([Cell(c) for c in header], where=self.where(i), header=True))
        width = len(header)
        row: list[list[str]] = []  # each cell as its lines ("" for a blank line)
        row_where = ""
        gap = 0

        def flush() -> None:
            nonlocal row
            texts = [_cell_text("\n".join(c)) for c in row]
            if any(texts):
                texts += [""] * (width - len(texts))
                table.rows.append(Row([Cell(t) for t in texts], where=row_where))
            row = []

        while i < len(self.lines):
            raw = self.lines[i]
            if _blank(raw) and not raw.startswith("\t"):
                gap += 1
                i += 1
                continue
            if raw.startswith("\t"):
                parts = raw.rstrip("\t ").split("\t")[1:] or [""]
                if not row or len(row) >= width:
                    if REC_LABEL_CELL.match(parts[0]) or (titles_between and REC_TITLE.match(parts[0])):
                        break  # the next recommendation's title row: the table ends here
                    cells, after = self._cells_until_blank(i)
                    if len(cells) >= 2 and is_header_row(cells):
                        flush()
                        table.rows.append(Row([Cell(c) for c in cells], where=self.where(i), header=True))
                        i, gap = after, 0
                        continue
                    if self._spans_table(cells, after, width):
                        # A row merged across the table (a theme inside it): one cell, not the next row's first.
                        flush()
                        table.rows.append(Row([Cell(cells[0], colspan=width)], where=self.where(i)))
                        i, gap = after, 0
                        continue
                    flush()
                    row_where = self.where(i)
                for part in parts:
                    row.append([part.strip()])
                gap = 0
                i += 1
                continue
            # An untabbed line: more of the cell above, unless it plainly belongs to the page.
            complete = len(row) >= width
            stray = bool(row) and not any("".join(c).strip() for c in row)
            if not row or _structural(raw) or (complete and gap >= TABLE_END_GAP) or (stray and gap >= 2):
                break
            if gap:
                row[-1].append("")
            row[-1].append(raw)
            gap = 0
            i += 1
        flush()
        self.out.append(table)
        return i

    # Layout 3: a header line with spaces only, numbered recommendations under it ----------------------

    def _spaced_table(self, i: int, headings: list[str]) -> int | None:
        from ..columns import ACTION, ANTICIPATED, DUE, OWNER, TIMESCALE

        roles = [role_for(h) for h in headings]
        if RECOMMENDATION not in roles:
            return None
        rec_col = roles.index(RECOMMENDATION)
        date_col = next((k for k, r in enumerate(roles) if r in (DUE, TIMESCALE, ANTICIPATED)), None)
        action_col = next((k for k, r in enumerate(roles) if r == ACTION), None)
        number_col = next((k for k, r in enumerate(roles) if r == NUMBER), None)
        owner_col = next((k for k, r in enumerate(roles) if r == OWNER), None)
        # Under a "No." heading a row may start with its bare number ("3 Develop …").
        starts = REC_LINE if number_col is None else re.compile(REC_LINE.pattern + r"|^\s*\d{1,3}(?:\.\d{1,2})?\s+(?=[A-Z])",
                                                                   re.I)
        j = i + 1
        while j < len(self.lines) and _blank(self.lines[j]):
            j += 1
        if j >= len(self.lines) or not starts.match(self.lines[j]):
            return None
        table = Table(where=self.where(i))
        table.rows.append(Row([Cell(h) for h in headings], where=self.where(i), header=True))
        groups: list[tuple[int, list[str]]] = []
        gap = 0
        while j < len(self.lines):
            line = self.lines[j]
            if _blank(line):
                gap += 1
                j += 1
                continue
            if starts.match(line):
                groups.append((j, [line]))
            elif gap >= 4 and not normalise_bullet(line.strip()).startswith(BULLET) \
                    and not looks_like_date(line):
                break
            else:
                groups[-1][1].append(line)
            gap = 0
            j += 1
        for start, lines in groups:
            cells = [""] * len(headings)
            notes: list[str] = []
            head = squash(lines[0])
            items = [_cell_text(line.strip()) for line in lines[1:]]
            items = [t for t in items if t]
            if not items and action_col is not None:
                head, action, date, note = _run_together(head, date_col is not None)
                cells[action_col] = action
                if date_col is not None:
                    cells[date_col] = date
                if note:
                    notes.append(note)
            else:
                dates = [t for t in items if looks_like_date(strip_marker(t))]
                others = [t for t in items if not looks_like_date(strip_marker(t))]
                if date_col is None:
                    others, dates = items, []
                half = len(others) // 2
                leads = others[half:]
                if (owner_col is not None and half and len(others) == 2 * half
                        and all(_looks_like_lead(strip_marker(t)) for t in leads)
                        and (len(dates) == half or not any(_looks_like_lead(strip_marker(t)) for t in others[:half]))):
                    # Column by column: the actions, then as many leads, then the dates.
                    cells[owner_col] = "\n".join(leads)
                    others = others[:half]
                if action_col is not None:
                    cells[action_col] = "\n".join(others)
                if date_col is not None:
                    cells[date_col] = "\n".join(dates)
            label = starts.match(head)
            if number_col is not None and label:
                cells[number_col] = label.group(0).strip()
                head = head[label.end():].strip()
            cells[rec_col] = head
            table.rows.append(Row([Cell(c) for c in cells], where=self.where(start), notes=notes))
        self.out.append(table)
        return j


def _looks_like_lead(text: str) -> bool:
    """A short name, role or initials ("CT", "Head of HR"), not an action ("Review the policy.")."""
    words = text.split()
    return 0 < len(words) <= 6 and not text.rstrip().endswith((".", ";", ":")) and words[0][:1].isupper()


def _row_number(cell: str) -> bool:
    """A cell holding a row's number and nothing else ("3", "2.1", "R4")."""
    return bool(re.fullmatch(r"(?:R|Rec\.?\s*)?\d{1,3}(?:\.\d{1,3})*[a-z]?[.)]?", cell.strip(), re.I))


def _continues(current: list[str], fields: list[str], width: int) -> bool:
    """True where a tab-separated line is the rest of a row broken by a line break inside one of its cells."""
    if len(current) >= width or len(current) + len(fields) - 1 > width:
        return False
    head = fields[0].strip()
    if REC_LINE.match(head) or (head[:1].isdigit() and len(head) <= 6):
        return False  # the next row's number
    if len(fields) < width:
        return True
    # A full row's worth of cells joins a short row only where its first cell plainly runs on.
    return "\n" in current[-1] or head[:1].islower() or normalise_bullet(head).startswith(BULLET) \
        or current[-1].rstrip().endswith((":", ",", "-", "–", "and", "or", "to"))


def _run_together(line: str, has_date: bool) -> tuple[str, str, str, str | None]:
    """A recommendation, its action and its date printed on one line, cut where the content changes.

    The date is the short date phrase the line ends with; the action is the last sentence before it.
    """
    rest, date = line, ""
    if has_date:
        found = split_trailing_date(line)
        if found:
            rest, date = found
    label = REC_LINE.match(rest)
    body_start = label.end() if label else 0
    sentences = [m.end() for m in re.finditer(r"[.!?]\s+(?=[A-Z‘'\"(])", rest) if m.end() > body_start]
    if not sentences:
        note = "a recommendation and its action are printed on one line with no clear break; kept as the recommendation"
        return rest, "", date, note if has_date else None
    cut = sentences[-1]
    action = rest[cut:].strip()
    parts = f"the recommendation, its action ('{action[:40]}') and its date" if date else \
        f"the recommendation and its action ('{action[:40]}')"
    note = f"{parts} are printed on one line; split at the end of the recommendation's sentence"
    return rest[:cut].strip(), action, date, note
