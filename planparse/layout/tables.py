"""Other readings of a document's own tables: column roles decided by what the columns hold.

The table interpreter maps each heading through the synonym table. Where a heading names nothing it knows
("Peer team suggestion", "Issue arising") while its cells are plainly the plan's wording, a second reading
gives that column the role its content shows, and the ranker compares the two. Each alternative is a set of
column-role hints (``Hints.columns``), so it goes through the same interpreter as every other reading.
"""

from __future__ import annotations

from .. import columns as col
from ..blocks import Block, Table
from .kinds import kinds


def _header(table: Table) -> list[str] | None:
    for row in table.rows[:3]:
        texts = [" ".join(t.split()) for t in row.texts]
        if row.header or col.header_score(texts) >= 0.5:
            return texts
    return None


def _body(table: Table, header: list[str]) -> list[list[str]]:
    return [r.texts for r in table.rows if [" ".join(t.split()) for t in r.texts] != header]


def role_alternatives(blocks: list[Block]) -> list[tuple[str, dict[str, str]]]:
    """(name, column-role hints) for each table whose unmapped columns read, by content, as a field."""
    out: list[tuple[str, dict[str, str]]] = []
    for b in blocks:
        if not isinstance(b, Table):
            continue
        header = _header(b)
        if not header:
            continue
        body = _body(b, header)
        roles = [col.role_for(h) for h in header]
        for k, heading in enumerate(header):
            if roles[k] is not None or not heading:
                continue
            cells = [r[k] for r in body if k < len(r) and r[k].strip()]
            if len(cells) < 1:
                continue
            words = sum(len(c.split()) for c in cells) / len(cells)
            numbered = sum(1 for c in cells if kinds(c.split()[0]).reference >= 1.0) / len(cells)
            lines = [ln for c in cells for ln in c.split("\n") if ln.strip()]
            per_line = sum(len(ln.split()) for ln in lines) / len(lines)
            # Wording runs in sentences; a stack of short lines is a list of names (committees, leads).
            # A recommendation's cell may repeat down its rows; a column holding one text throughout is no
            # recommendation column.
            if words >= 8 and len(set(cells)) >= min(2, len(cells)) and per_line >= 6:
                hints = {heading: col.RECOMMENDATION}
                hints.update({h: "ignore" for h, r in zip(header, roles, strict=True)
                              if r == col.RECOMMENDATION and h})
                if numbered >= 0.5 or col.RECOMMENDATION in roles or col.ACTION in roles:
                    out.append((f"table:{heading[:30]} as recommendation", hints))
                if col.ACTION not in roles:
                    out.append((f"table:{heading[:30]} as action", {heading: col.ACTION}))
    return out
