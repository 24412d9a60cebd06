"""A proposer's reading written as the one table every reader already understands.

Each proposer finds a plan's structure its own way (lists under paragraphs, labelled blocks, records, a
flattened table) and hands it over as ``list[Block]`` in which the structure is a plain table with a header:
the table interpreter then does what it always does (column roles, merged cells, lettered items, dates,
owners, legends), so every proposer shares one set of normalisers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..blocks import Block, Cell, Paragraph, Row, Table

HEADINGS = {
    "number": "Ref", "recommendation": "Recommendation", "action": "Action", "owner": "Lead",
    "due": "Target date", "status": "RAG", "commentary": "Progress", "measure": "Success measure",
    "timescale": "Timescale", "response": "Response", "priority": "Priority",
}


@dataclass
class Group:
    """One recommendation as a proposer found it: its label, wording, and actions with their fields."""

    number: str = ""
    text: str = ""
    where: str = ""
    actions: list[dict[str, str]] = field(default_factory=list)  # heading → cell text; "Action" is the text
    # Where each action was read from, by position ("line 14"); the group's own place where missing.
    wheres: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # fields given once for every action of the group
    source: str = ""  # the paragraph the wording came from, label and all


def groups_to_table(groups: list[Group], where: str) -> Table:
    """The groups as a table: one row per action, the recommendation's cells merged down its rows."""
    headings = ["Recommendation"]
    if any(g.number for g in groups):
        headings.insert(0, "Ref")
    headings.append("Action")
    for g in groups:
        for name in [*g.fields, *(k for a in g.actions for k in a)]:
            if name not in headings:
                headings.append(name)
    rows = [Row([Cell(h) for h in headings], where=where, header=True)]
    for g in groups:
        actions = g.actions or [{}]
        for k, action in enumerate(actions):
            cells = []
            for h in headings:
                if h == "Ref":
                    cells.append(Cell(g.number if k == 0 else "", merged_above=k > 0))
                elif h == "Recommendation":
                    cells.append(Cell(g.text if k == 0 else "", merged_above=k > 0))
                else:
                    value = action.get(h, g.fields.get(h, ""))
                    cells.append(Cell(value))
            # The first row is where the recommendation is (its actions after it have places of their own).
            rows.append(Row(cells, where=g.wheres[k] if 0 < k < len(g.wheres) and g.wheres[k] else g.where))
    return Table(rows=rows, where=where)


def rebuild(before: list[Block], sections: list[tuple[Paragraph | None, list[Group]]], after: list[Block],
            where: str) -> list[Block]:
    """The document with its plan content replaced by one table per section (a theme heading above each)."""
    out = list(before)
    for heading, groups in sections:
        if heading is not None:
            out.append(Paragraph(heading.text, heading=max(heading.heading, 2), where=heading.where, role="theme"))
        if groups:
            out.append(groups_to_table(groups, where))
    out.extend(after)
    return out
