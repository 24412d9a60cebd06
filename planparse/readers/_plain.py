"""Tables in text from plain ``pdftotext`` (no ``-layout``): every cell printed on lines of its own, cells apart
by blank lines, in reading order (the header's cells, then each row's cells one after another).

Nothing on a line says where a row ends, so only a table whose first column is numbered is rebuilt: the header
is a run of short single-cell groups naming a number column first, and each number starts a row. A row has as
many cells as the header; cells beyond that are further rows of the same numbered entry, as many cells each as
divide the rest evenly, filling the right-hand columns (the cells on the left are merged with the row above).
"""

from __future__ import annotations

import re

from ..blocks import BULLET, Cell, Row, Table
from ..columns import NUMBER, is_header_row, role_for
from ..text import normalise_bullet, squash
from ._layout import _join_heading

# A row's number alone in its cell: "1", "1.2", "R3", "Rec 4".
NUMBER_CELL = re.compile(r"^(?:R|Rec\.?\s*)?\d{1,3}(?:\.\d{1,2})*[.:]?$", re.I)
# A header cell: short, a line or two (a heading wrapped in a narrow column).
HEADING_MAX = 40


# "Timescales: Short term – within 6 months; Medium term – …": a column's name, then its values and meanings.
KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z ]{0,30}?)\s*(?:key|legend)?\s*:\s*(.+)$", re.I)
KEY_PART = re.compile(r"^\S.{0,40}?\s[–—=-]\s\S")


def _key_line(group: list[str]) -> bool:
    """True for a one-line key to a column's values: the column's name, then two or more "value – meaning"."""
    m = KEY_LINE.match(" ".join(group))
    if len(group) > 2 or not m or role_for(m.group(1)) is None:
        return False
    parts = [p.strip() for p in m.group(2).split(";") if p.strip()]
    return len(parts) >= 2 and all(KEY_PART.match(p) for p in parts)


def _groups(lines: list[str], i: int) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines from line ``i``, each with the index of its first line."""
    out: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = i
    for k in range(i, len(lines)):
        text = lines[k].strip()
        if "\t" in lines[k]:
            break
        if text:
            if not current:
                start = k
            current.append(text)
        elif current:
            out.append((start, current))
            current = []
    if current:
        out.append((start, current))
    return out


def _heading(lines: list[str]) -> str:
    text = lines[0]
    for rest in lines[1:]:
        text = _join_heading(text, rest)
    return squash(text)


def _cell(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        text = normalise_bullet(line)
        if out and not text.startswith(BULLET):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return "\n".join(squash(t) for t in out)


def read_plain_table(lines: list[str], i: int) -> tuple[Table, int] | None:
    """The numbered table whose header's first cell is line ``i``, and the index of the line after it."""
    first = lines[i].strip()
    if not first or len(first) > HEADING_MAX or role_for(first) != NUMBER:
        return None
    groups = _groups(lines, i)
    headings: list[str] = []
    h = 0
    while h < len(groups) and len(groups[h][1]) <= 2 and all(len(t) <= HEADING_MAX for t in groups[h][1]) \
            and not NUMBER_CELL.match(groups[h][1][0]):
        headings.append(_heading(groups[h][1]))
        h += 1
    # The header's groups start at line i: a heading of more lines is not a header cell.
    if groups[0][0] != i or len(headings) < 3 or not is_header_row(headings) or h >= len(groups) \
            or not NUMBER_CELL.match(" ".join(groups[h][1])):
        return None
    ncol = len(headings)
    table = Table(where=f"line {i + 1}")
    table.rows.append(Row([Cell(t) for t in headings], where=f"line {i + 1}", header=True))
    entries: list[list[tuple[int, list[str]]]] = []
    end = len(lines)
    for g in groups[h:]:
        if _key_line(g[1]):
            end = g[0]  # a key to a column's values printed under the table: the page's text, not a cell
            break
        if len(g[1]) == 1 and NUMBER_CELL.match(g[1][0]):
            entries.append([g])
        else:
            entries[-1].append(g)
    for entry in entries:
        table.rows.append(Row([Cell(_cell(g[1])) for g in entry[:ncol]]
                              + [Cell("") for _ in range(ncol - len(entry))], where=f"line {entry[0][0] + 1}"))
        rest = entry[ncol:]
        if not rest:
            continue
        width = next((m for m in range(ncol - 1, 0, -1) if len(rest) % m == 0), 1)
        for k in range(0, len(rest), width):
            part = rest[k:k + width]
            table.rows.append(Row([Cell("", merged_above=True) for _ in range(ncol - width)]
                                  + [Cell(_cell(g[1])) for g in part], where=f"line {part[0][0] + 1}",
                                  notes=["the cells' row was worked out from their count in text with no columns"]))
    return table, end
