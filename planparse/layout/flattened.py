"""Flattened tables: a header, then the cells as a sequence, decoded back into rows.

A table copied from a web page or a PDF arrives as one cell per line or per paragraph, with ` / ` or ` | `
between cells, or as a whole table in one paragraph. What survives is the header (a run of headings, or one
line of them with delimiters) and the order of the cells. The decoder assigns each unit of text to a column
by dynamic programming (Viterbi) over column states: the emission is how well the unit's content suits the
column's role (``kinds.fit``-like scores), the transition how strongly the boundary before it says "new
cell" (a delimiter, the header's own between-cell gap) or "same cell" (a plain line break, a bullet). A
row wraps back to its first column; empty cells are skipped at a price. The decoded rows become a table the
table interpreter reads like any other.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from .. import columns as col
from ..blocks import Block, Cell, Paragraph, Row, Table
from ..interpret.cells import rec_label
from .kinds import IMPERATIVE, kinds
from .settings import DEFAULT, LayoutSettings

DELIMITERS = (" / ", " | ")


@dataclass(frozen=True)
class Unit:
    text: str
    boundary: str  # "delim" (a delimiter before it), "cell" (the header's cell gap), "line", "para", "section"
    where: str
    bullet: bool = False
    # Blank lines before it beyond the header's own between-cell gap: where a flattened table keeps each empty
    # cell as an empty line, the number of cells left empty before this one.
    blanks: int = 0


def _roles(headings: list[str]) -> list[str | None]:
    return [col.role_for(h) for h in headings]


def _header_ok(headings: list[str]) -> bool:
    roles = [r for r in _roles(headings) if r]
    return len(set(roles)) >= 2 and bool(set(roles) & {col.ACTION, col.RECOMMENDATION}) and \
        len(roles) >= 0.6 * len(headings)


def flattened(blocks: list[Block], settings: LayoutSettings = DEFAULT) -> list[tuple[str, list[Block], dict[str, str]]]:
    """Candidates for each header found: a run of heading lines, or a delimited heading line. Each comes with
    the roles the decoder settled for headings the synonyms do not know (column-role hints)."""
    out = []
    for start, headings, length, delimiter in _headers(blocks, settings):
        if delimiter is not None and _one_row_a_line(blocks, start + 1, delimiter):
            continue  # every row on a line of its own: the delimited proposer's reading, not a cell sequence
        units = _units(blocks, start + length, delimiter, blocks[start:start + length])
        if len(units) < len(headings):
            continue
        roles = settle_roles(units, _roles(headings), settings, headings)
        rows = _decode(units, roles, settings)
        if not rows:
            continue
        header = Row([Cell(h) for h in headings], where=blocks[start].where, header=True)
        table = Table(rows=[header, *rows], where=blocks[start].where)
        end = start + length + _consumed(blocks, start + length)
        hints = {h: r for h, r, was in zip(headings, roles, _roles(headings), strict=True) if r and r != was}
        out.append((f"flattened:{'delimited' if delimiter else 'lines'}", [*blocks[:start], table, *blocks[end:]],
                    hints))
    return out


PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _pieces(line: str, delimiter: str) -> list[str]:
    """A line cut at the delimiter: "|" anywhere (a pipe is no word's), "/" only with spaces round it, so
    "31/12/2016" and "and/or" stay whole."""
    if delimiter.strip() == "|":
        return line.split("|")
    return re.split(r"\s+/\s+|^/\s+|\s+/$", line)


def _split(text: str, delimiter: str) -> list[str]:
    """A row's cells. A pipe at both ends is a Markdown row's frame; a pipe at the start alone is an empty
    first cell (" | Vision embedded with staff…": the recommendation's cell left blank on its later rows)."""
    flat = text.strip()
    if delimiter.strip() == "|" and flat.startswith("|") and flat.endswith("|"):
        flat = flat[1:-1]
    return [p.strip() for p in _pieces(flat, delimiter)]


def delimited(blocks: list[Block], settings: LayoutSettings = DEFAULT) -> list[tuple[str, list[Block], dict[str, str]]]:
    """One row a paragraph, cells kept apart by ` | ` or ` / ` (a table saved as text, one line a row)."""
    out = []
    for i, b in enumerate(blocks):
        if not isinstance(b, Paragraph) or "\n" in b.text.strip():
            continue
        for delimiter in DELIMITERS:
            if delimiter.strip() not in b.text:
                continue
            headings = _split(b.text, delimiter)
            if len(headings) < 2 or not all(headings) or not _delimited_header_ok(headings):
                continue
            roles = _roles(headings)
            rows: list[Row] = [Row([Cell(h) for h in headings], where=b.where, header=True)]
            j = i + 1
            while j < len(blocks) and isinstance(blocks[j], Paragraph):
                p = blocks[j]
                assert isinstance(p, Paragraph)
                if PIPE_RULE.match(p.text) or kinds(p.text).chrome:
                    j += 1
                    continue
                if delimiter.strip() not in p.text:
                    following = blocks[j + 1] if j + 1 < len(blocks) else None
                    if isinstance(following, Paragraph) and delimiter.strip() in following.text and _theme_like(p):
                        # A heading between delimited rows: a theme across the table.
                        rows.append(Row([Cell(p.text, colspan=len(headings))], where=p.where))
                        j += 1
                        continue
                    if len(rows) > 1 and p.gap == 0 and not _heading_cell(p.text):
                        last = rows[-1].cells[-1]
                        last.text = f"{last.text}\n{p.text}".strip()  # a line break inside the row's last cell
                        j += 1
                        continue
                    break
                cells = _fit_cells(_split(p.text, delimiter), roles)
                rows.append(Row([Cell(c) for c in cells], where=p.where))
                j += 1
            if len(rows) > 1:
                settled = content_roles(roles, [r.texts for r in rows[1:]], headings)
                hints = {h: r for h, r, was in zip(headings, settled, roles, strict=True) if r and r != was}
                out.append((f"delimited:{delimiter.strip()}", [*blocks[:i], Table(rows=rows, where=b.where), *blocks[j:]],
                            hints))
            break
    return out


def _one_row_a_line(blocks: list[Block], start: int, delimiter: str) -> bool:
    lines = [ln for b in blocks[start:start + _consumed(blocks, start)] if isinstance(b, Paragraph)
             and not (delimiter.strip() not in b.text and _theme_like(b))  # a theme between the rows
             for ln in b.text.split("\n") if ln.strip() and not kinds(ln).chrome and not PIPE_RULE.match(ln)]
    bare = sum(1 for ln in lines if delimiter.strip() not in ln)
    return bool(lines) and bare <= 0.3 * len(lines)


def _theme_like(p: Paragraph) -> bool:
    k = kinds(p.text)
    return (p.heading > 0 or k.heading >= 0.5) and len(p.text.split()) <= 20 and not k.chrome and "\n" not in p.text


def _delimited_header_ok(headings: list[str]) -> bool:
    """A delimited line of headings: the delimiters say it is a row, so one known plan heading among short
    capitalised ones is enough."""
    if _header_ok(headings):
        return True
    return all(_heading_cell(h) or _unknown_heading(h) for h in headings) and bool(
        {col.role_for(h) for h in headings if col.is_heading_text(h)} & {col.ACTION, col.RECOMMENDATION})


def _fit_cells(pieces: list[str], roles: list[str | None]) -> list[str]:
    """A row's pieces fitted to the columns: too few are padded; too many (the delimiter inside a cell's own
    text, "developer / agent forum") are joined where the joined row suits the columns best."""
    n = len(roles)
    if len(pieces) <= n:
        return pieces + [""] * (n - len(pieces))
    best: tuple[float, list[str]] | None = None
    for cut in combinations(range(1, len(pieces)), n - 1):
        bounds = [0, *cut, len(pieces)]
        cells = [" / ".join(pieces[bounds[k]:bounds[k + 1]]) for k in range(n)]
        score = sum(_emission(r, Unit(c, "delim", ""), True) for r, c in zip(roles, cells, strict=True))
        if best is None or score > best[0]:
            best = (score, cells)
        if len(pieces) - n > 2:
            break  # more than two surplus pieces: keep the first cut rather than search every one
    assert best is not None
    return best[1]


def _headers(blocks: list[Block], settings: LayoutSettings) -> list[tuple[int, list[str], int, str | None]]:
    found: list[tuple[int, list[str], int, str | None]] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if not isinstance(b, Paragraph):
            i += 1
            continue
        first_line = b.text.split("\n")[0]
        for delimiter in DELIMITERS:
            parts = [p.strip() for p in _split(first_line, delimiter) if p.strip()]
            if delimiter in first_line and len(parts) >= settings.min_header_cells and _header_ok(parts):
                found.append((i, parts, 1, delimiter))
        run, j = _heading_run(blocks, i)
        if len(run) >= 2:
            # The run may begin with the page's title or a date line above the header: each start within its
            # first lines is a candidate, and the ranker decides.
            for skip in range(min(6, len(run) - 1)):
                if _run_ok(run[skip:], settings):
                    found.append((i + skip, run[skip:], len(run) - skip, None))
            if any(start >= i for start, *_ in found):
                i = j
                continue
        i += 1
    return found


def _heading_run(blocks: list[Block], i: int) -> tuple[list[str], int]:
    """The heading lines from i: known headings, and headings the synonyms do not know ("Service area",
    "Peer team suggestion": short, capitalised, not a sentence)."""
    run: list[str] = []
    j = i
    while j < len(blocks) and isinstance(blocks[j], Paragraph) and len(run) < 16:
        text = blocks[j].text  # type: ignore[union-attr]
        if not (_heading_cell(text) or _unknown_heading(text)):
            break
        run.append(" ".join(text.split()))
        j += 1
    # Unknown lines at the end of the run are more likely the first cells than headings: keep one at most.
    while len(run) > 2 and not col.is_heading_text(run[-1]) and not col.is_heading_text(run[-2]):
        run.pop()
        j -= 1
    return run, j


def _run_ok(run: list[str], settings: LayoutSettings) -> bool:
    known = [h for h in run if col.is_heading_text(h)]
    roles = {col.role_for(h) for h in known}
    if not roles & {col.ACTION, col.RECOMMENDATION}:
        return False
    if len(run) == 2:
        # Two lines: both known and different ("Recommendation" / "Action"), or a known one and one the
        # synonyms do not know.
        return len(roles) == 2 or len(known) == 1
    return len(run) >= settings.min_header_cells and 2 * (len(run) - len(known)) <= len(run)


# Lines that head a page or a document, never a column: "Appendix A", "Annex 2", a year ("2014-15").
NOT_A_HEADING = re.compile(r"^(?:appendix|annexe?|schedule|part|page|section|table)\b|\b(?:19|20)\d\d\b", re.I)


# "Multi-agency Action Plan": a document's title names its kind, a column's heading does not.
TITLE_WORDS = re.compile(r"\b(?:action|improvement|delivery|recovery) plan\b|\bplan\s*$", re.I)


def _unknown_heading(text: str) -> bool:
    flat = " ".join(text.split())
    return (0 < len(flat.split()) <= 3 and flat[:1].isupper() and not re.search(r"[.!?;:,]$", flat)
            and "\n" not in text.strip() and kinds(flat).date < 0.8 and not kinds(flat).reference
            and not kinds(flat).rag and not NOT_A_HEADING.search(flat))


def _heading_cell(text: str) -> bool:
    flat = " ".join(text.split())
    return (0 < len(flat.split()) <= 6 and col.is_heading_text(flat) and "\n" not in text.strip()
            and not rec_label(flat, bare_numbers=False)  # "Recommendation One" labels a block, heads no column
            and not NOT_A_HEADING.search(flat) and not flat.endswith("?")  # a template's question
            and not TITLE_WORDS.search(flat))


def _units(blocks: list[Block], start: int, delimiter: str | None, header: list[Block]) -> list[Unit]:
    """The text after the header as units, each with the strength of the boundary before it."""
    gaps = Counter(b.gap for b in header[1:] if isinstance(b, Paragraph))
    cell_gap = gaps.most_common(1)[0][0] if gaps else None
    units: list[Unit] = []
    for b in blocks[start:start + _consumed(blocks, start)]:
        assert isinstance(b, Paragraph)
        lines = b.text.split("\n")
        for n, line in enumerate(lines):
            if n == 0 and delimiter is not None:
                # Cells hold line breaks; with delimiters between cells, a new line is a weak boundary.
                boundary = "line" if b.gap == 0 else "para"
            elif n == 0:
                boundary = "cell" if cell_gap is not None and b.gap == cell_gap else "para"
                if cell_gap is not None and b.gap >= cell_gap + 2:
                    boundary = "section"  # blank lines well beyond the cells' own: a row (or more) ends here
            else:
                boundary = "line"
            pieces = [line] if delimiter is None else _pieces(line, delimiter)
            for k, piece in enumerate(pieces):
                text = piece.strip()
                if not text and delimiter is None or kinds(text).chrome and delimiter is None:
                    continue  # a page's number or banner printed between two cells
                # Only where cells follow one another line by line (no blank line between the header's cells) can a
                # blank line stand for an empty cell; with blank lines between cells, more of them part paragraphs.
                blanks = b.gap if n == 0 and k == 0 and cell_gap == 0 else 0
                units.append(Unit(text, "delim" if k else boundary, b.where, bullet=text.startswith("•"),
                                  blanks=blanks))
    return units


def _consumed(blocks: list[Block], start: int) -> int:
    """How many paragraphs after the header the table runs to (it stops at a table or the end)."""
    n = 0
    while start + n < len(blocks) and isinstance(blocks[start + n], Paragraph):
        n += 1
    return n


def _emission(role: str | None, unit: Unit, first: bool) -> float:
    k = kinds(unit.text)
    typed = max(k.date, k.reference, k.rag, k.status)
    if not unit.text:
        return 0.0
    if unit.bullet and first and role in (col.DUE, col.TIMESCALE, col.ANTICIPATED, col.OWNER, col.REC_OWNER,
                                          col.STATUS, col.PRIORITY, col.NUMBER):
        return -1.0  # a list item opens a cell of wording, not a date, lead or code
    if role == col.DUE or role == col.TIMESCALE or role == col.ANTICIPATED:
        return 1.2 * max(k.date, k.ongoing) - 0.2
    if role in (col.OWNER, col.REC_OWNER):
        return 1.3 * k.owner - 0.4 - 0.5 * k.date
    if role in (col.STATUS, col.PRIORITY):
        return 1.5 * max(k.rag, k.status) - 1.0
    if role == col.NUMBER:
        return 1.5 * k.reference - 1.0
    labelled = first and bool(rec_label(unit.text, bare_numbers=False))
    if role in (col.RECOMMENDATION, col.NUMBER) and labelled:
        return 1.2  # "Recommendation 1:" opens the recommendation's cell
    if labelled:
        return -0.6
    if role is None:
        return 0.1  # a heading the synonyms do not know: its content decides (see decode's second pass)
    # Text columns: prose, actions, headings; never a lone date, code or rating. A progress column reads as a
    # report of what was done, an action column as a thing to do.
    score = 0.3 - 0.9 * typed - 0.4 * max(0.0, k.owner - 0.6)
    doing = 1.0 if IMPERATIVE.match(unit.text) else 0.0
    if role == col.COMMENTARY:
        score += 0.6 * k.progress - 0.3 * doing
    elif role == col.ACTION:
        score += 0.3 * doing - 0.5 * k.progress
    if role == col.RECOMMENDATION and first and unit.bullet:
        score -= 0.8
    return score


def settle_roles(units: list[Unit], roles: list[str | None], settings: LayoutSettings = DEFAULT,
                 headings: list[str] | None = None) -> list[str | None]:
    """Roles for columns whose heading names nothing, from the content a neutral first decoding gave them:
    mostly leads, dates or ratings; or running wording where the table has no recommendation (or action)
    column yet."""
    if None not in roles:
        return roles
    rows = _decode(units, roles, settings)
    return content_roles(roles, [r.texts for r in rows], headings)


def content_roles(roles: list[str | None], rows: list[list[str]],
                  headings: list[str] | None = None) -> list[str | None]:
    """Roles for the columns with none, from their cells: mostly leads, dates or ratings; or running wording
    where the table has no recommendation (before the actions) or no action column yet. A heading that says
    what its column is not ("Date added") keeps it unmapped."""
    settled = list(roles)
    for k, role in enumerate(roles):
        if role is not None or headings and k < len(headings) and col.NOT_DUE.search(col.normalise(headings[k])):
            continue
        cells = [r[k] for r in rows if k < len(r) and r[k].strip()]
        if not cells:
            continue
        typed = [kinds(c) for c in cells]
        words = sum(len(c.split()) for c in cells) / len(cells)
        action_at = next((i for i, r in enumerate(settled) if r == col.ACTION), None)
        for candidate, hits in ((col.OWNER, sum(t.owner >= 0.7 for t in typed)),
                                (col.DUE, sum(t.date >= 0.8 for t in typed)),
                                (col.STATUS, sum(t.rag >= 1.0 for t in typed)),
                                (col.RECOMMENDATION, len(cells) if words >= 8 and (action_at is None or k < action_at)
                                 else 0),
                                (col.ACTION, len(cells) if words >= 4 else 0)):
            if candidate not in settled and hits >= 0.6 * len(cells):
                settled[k] = candidate
                break
    return settled


def _decode(units: list[Unit], roles: list[str | None], settings: LayoutSettings) -> list[Row]:
    """The rows the units most plausibly form under columns with these roles (``settle_roles`` first fills in
    roles for headings the synonyms do not know)."""
    n_cols = len(roles)
    neg = float("-inf")
    # Leaving a column empty costs by what it holds: a row rarely lacks its action or recommendation, often
    # its progress note, date or lead. skipped[a][b]: the cost of the columns strictly between a and b.
    cost = [settings.skip_penalty * (1.4 if r in (col.ACTION, col.RECOMMENDATION) else 0.7) for r in roles]
    prefix = [0.0]
    for c in cost:
        prefix.append(prefix[-1] + c)
    # A row that leaves its recommendation's cells blank (printed on the group's first row only) is common:
    # the leading recommendation columns cost little to skip at a row's start.
    lead = [0.0]
    for r, c in zip(roles, cost, strict=True):
        lead.append(lead[-1] + (0.3 if r in (col.NUMBER, col.RECOMMENDATION, col.THEME, col.REC_OWNER) else c))

    def between(a: int, b: int) -> float:  # columns a+1 .. b-1
        return prefix[b] - prefix[a + 1] if b > a + 1 else 0.0

    repeats = Counter(u.text for u in units if len(u.text.split()) >= 4
                      and kinds(u.text).owner < 0.7 and kinds(u.text).date < 0.8)
    emit = [[_emission(roles[j], u, True) + _repeat(roles[j], repeats[u.text], u.text) for j in range(n_cols)]
            for u in units]
    # best[j]: score of the best assignment of units[:i+1] whose last unit is in column j.
    best = [emit[0][j] - lead[j] for j in range(n_cols)]
    back: list[list[tuple[int, bool]]] = [[(-1, True)] * n_cols]
    for i in range(1, len(units)):
        u = units[i]
        new = [neg] * n_cols
        ptr: list[tuple[int, bool]] = [(0, True)] * n_cols
        start_cell = _new_cell_score(u, settings)
        for j in range(n_cols):
            for a in range(n_cols):
                if best[a] == neg:
                    continue
                if a == j and u.boundary != "delim":
                    # A passage printed again elsewhere is a whole cell, never the rest of another one.
                    s = best[a] + _continue_score(u, settings) + 0.5 * emit[i][j] - (1.0 if repeats[u.text] > 1 else 0.0)
                    if s > new[j]:
                        new[j], ptr[j] = s, (a, False)
                if j > a:
                    s = best[a] + start_cell + emit[i][j] - between(a, j) + _blanks_fit(u, j - a - 1)
                else:  # a new row: the columns after a, and those before j, are left empty
                    s = (best[a] + start_cell + emit[i][j] - between(a, n_cols) - lead[j] + _row_start(u)
                         + _blanks_fit(u, n_cols - 1 - a + j))
                if s > new[j]:
                    new[j], ptr[j] = s, (a, True)
        best = new
        back.append(ptr)
    # The last row may be cut off: no price for the columns after its last unit.
    j = max(range(n_cols), key=lambda c: best[c])
    cols = [0] * len(units)
    starts = [True] * len(units)
    for i in range(len(units) - 1, -1, -1):
        cols[i] = j
        a, started = back[i][j]
        starts[i] = started
        j = a if a >= 0 else j
    return _rows(units, cols, starts, n_cols)


def _repeat(role: str | None, count: int, text: str) -> float:
    """A passage printed again and again is a cell repeated down its rows: the recommendation's (or its
    number's), seldom an action's. The longer the passage the surer: a short stock phrase ("Continue to
    consider as part of business as usual") may be repeated in any column."""
    if count < 2:
        return 0.0
    if role in (col.RECOMMENDATION, col.NUMBER, col.THEME, col.REC_OWNER):
        return 0.8 * min(1.0, max(0.0, (len(text.split()) - 4) / 12))
    return -0.3


def _new_cell_score(u: Unit, settings: LayoutSettings) -> float:
    if u.boundary == "delim":
        return 0.5
    if u.boundary == "cell":
        return 0.2
    if u.boundary in ("para", "section"):
        return 0.0 - (0.3 if u.bullet else 0.0)
    return -settings.continue_line - (0.4 if u.bullet else 0.0)


def _blanks_fit(u: Unit, skipped: int) -> float:
    """Blank lines that stand for the empty cells skipped: as many of each, a strong sign."""
    if not u.blanks:
        return 0.0
    return 1.0 if skipped == u.blanks else -0.3


def _row_start(u: Unit) -> float:
    """A bigger gap than the header's between-cell gap leans towards a new row."""
    return {"para": 0.3, "section": 0.8}.get(u.boundary, 0.0)


def _continue_score(u: Unit, settings: LayoutSettings) -> float:
    if u.boundary == "line":
        return settings.continue_line + (0.3 if u.bullet else 0.0)
    if u.boundary == "para":
        return settings.gap_unlike_cells * 0.3 + (0.3 if u.bullet else 0.0)
    if u.boundary == "section":
        return -0.6
    return -0.2 + (0.4 if u.bullet else 0.0)


def _rows(units: list[Unit], cols: list[int], starts: list[bool], n_cols: int) -> list[Row]:
    rows: list[Row] = []
    cells: list[list[str]] | None = None
    where = ""
    last = -1
    for u, c, started in zip(units, cols, starts, strict=True):
        if cells is None or (started and c <= last):
            if cells is not None:
                rows.append(_row(cells, where))
            cells = [[] for _ in range(n_cols)]
            where = u.where
        cells[c].append(u.text)
        last = c
    if cells is not None:
        rows.append(_row(cells, where))
    return rows


def _row(cells: list[list[str]], where: str) -> Row:
    return Row([Cell("\n".join(t for t in parts if t)) for parts in cells], where=where)
