"""Tables → recommendations and actions: header → column roles → logical rows → recommendations → actions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import columns as col
from ..blocks import Table
from ..dates import looks_like_date, read_due
from ..model import Action, Recommendation
from ..owners import split_owners
from ..text import one_line, plain, tidy
from .cells import clean_number, items, lettered, priority, prose, rag, rec_label, says_complete

if TYPE_CHECKING:
    from . import State

# Roles whose cells say something short about one action; a row with all of them empty right after a
# repeated header is the previous row carried over a page break.
SHORT_ROLES = {col.OWNER, col.DUE, col.STATUS, col.PRIORITY, col.TIMESCALE, col.ANTICIPATED, col.REC_OWNER}
REC_ROLES = {col.NUMBER, col.RECOMMENDATION, col.RESPONSE, col.REC_OWNER, col.THEME}


@dataclass
class Column:
    index: int
    heading: str
    role: str | None


@dataclass
class LogicalRow:
    cells: list[str]
    merged: list[bool]
    where: str
    notes: list[str] = field(default_factory=list)
    after_header: bool = False
    spans_row: bool = False  # one cell spanning the whole table (a heading row)

    def text(self, column: Column | None) -> str:
        if column is None or column.index >= len(self.cells):
            return ""
        return self.cells[column.index]

    def is_merged(self, column: Column | None) -> bool:
        return column is not None and column.index < len(self.merged) and self.merged[column.index]


def columns_for(headings: list[str], body: list[LogicalRow], hints: dict[str, str] | None = None) -> list[Column]:
    """Column roles from the headings, settled by content where a heading alone cannot tell.

    ``hints`` maps a heading (as printed, any spacing or case) to the role a person said it has, or to
    "ignore" (its cells are kept in ``extra``); a hinted column is never re-decided by content.
    """
    wanted = {" ".join(k.split()).lower(): v for k, v in (hints or {}).items()}
    cols = [Column(i, " ".join(h.split()), col.role_for(h)) for i, h in enumerate(headings)]
    _roles_from_content(cols, body)
    roles = [c.role for c in cols]
    for c in cols:
        if c.role == col.TIMESCALE:
            values = [r.text(c) for r in body if r.text(c).strip()]
            dated = sum(1 for v in values if all(looks_like_date(x) for x in items(v, False)))
            # A "Timescale" column of dates is the target date; of codes ("A", "B") or bands it stays a timescale.
            if values and dated >= len(values) / 2 and col.DUE not in roles:
                c.role = col.DUE
        if c.role == col.STATUS:
            values = [r.text(c).strip() for r in body if r.text(c).strip()]
            if values and not any(rag(v) for v in values) and sum(len(v.split()) > 4 for v in values) > len(values) / 2:
                c.role = col.COMMENTARY  # a "Status" column of prose is a progress commentary
    # "Finding | Recommendation" (an audit tracker): the column named for recommendations holds them; the
    # finding beside it is kept in ``extra``.
    recs = [c for c in cols if c.role == col.RECOMMENDATION]
    named = [c for c in recs if re.search(r"recommend", c.heading, re.I)]
    if len(recs) > 1 and named:
        for c in recs:
            if c is not named[0]:
                c.role = None
    # With no actions column, a response column beside a lead, a date or a status says what will be done
    # ("Management response | Responsible officer | Implementation date"): it holds the actions.
    responses = [c for c in cols if c.role == col.RESPONSE]
    action_fields = {col.OWNER, col.DUE, col.TIMESCALE, col.STATUS, col.PRIORITY, col.ANTICIPATED}
    if col.ACTION not in roles and len(responses) == 1 and action_fields & set(roles):
        responses[0].role = col.ACTION
    # With no actions column, a single column reporting what was done ("Progress since the peer challenge")
    # holds the actions.
    if col.ACTION not in [c.role for c in cols] and col.RECOMMENDATION in roles:
        reports = [c for c in cols if c.role == col.COMMENTARY]
        if len(reports) == 1:
            reports[0].role = col.ACTION
    # Two lead columns: the one before the actions is the recommendation's, the one after the action's.
    action_at = next((c.index for c in cols if c.role == col.ACTION), None)
    owners = [c for c in cols if c.role == col.OWNER]
    if len(owners) > 1 and action_at is not None:
        for c in owners:
            if c.index < action_at:
                c.role = col.REC_OWNER
    # A "Status" column of words ("In progress") beside a "RAG" column of colours: the colours are the status,
    # the words stay in ``extra``.
    statuses = [c for c in cols if c.role == col.STATUS]
    colours = [sum(1 for r in body if rag(r.text(c).strip())) for c in statuses]
    if len(statuses) > 1 and max(colours) > colours[0]:
        statuses[0].role = None
    # One column per field: a second column with the same role keeps its cells in ``extra``.
    seen: set[str] = set()
    for c in cols:
        if c.role is None:
            continue
        if c.role in seen and c.role not in (col.OWNER,):
            c.role = None
        else:
            seen.add(c.role)
    for c in cols:
        hinted = wanted.get(c.heading.lower())
        if hinted is not None:
            for other in cols:
                if hinted != "ignore" and other is not c and other.role == hinted and hinted != col.OWNER:
                    other.role = None  # the role moves to the column the person named
            c.role = None if hinted == "ignore" else hinted
    return cols


# What a column with a heading no rule knows holds, by its content: most of its cells plainly dates, leads or
# ratings. Only for a role no other column has, so a heading that does name a field always wins.
CONTENT_SHARE = 0.7


def _roles_from_content(cols: list[Column], body: list[LogicalRow]) -> None:
    from ..layout.kinds import kinds  # the content typing lives with the layout stage

    taken = {c.role for c in cols}
    for c in cols:
        if c.role is not None or col.NOT_DUE.search(col.normalise(c.heading)):
            continue  # "Date added" says what its dates are not
        values = [r.text(c).strip() for r in body if r.text(c).strip() and not r.spans_row]
        if not values:
            continue
        typed = [kinds(v) for v in values]
        sure = 0.2 if len(values) == 1 else 0.0  # one cell alone must be plainer
        for role, share in ((col.DUE, sum(k.date >= 0.8 + sure for k in typed)),
                            (col.STATUS, sum(k.rag >= 1.0 for k in typed)),
                            (col.OWNER, sum(k.owner >= 0.7 + sure and k.action < 0.8 for k in typed))):
            if role not in taken and share >= CONTENT_SHARE * len(values):
                c.role = role
                taken.add(role)
                break


def _logical_rows(table: Table) -> tuple[list[str] | None, list[LogicalRow]]:
    header: list[str] | None = None
    rows: list[LogicalRow] = []
    after_header = False
    for k, row in enumerate(table.rows):
        texts = row.texts
        if row.header or col.is_header_row(texts) or k == 0 and _header_by_contrast(table):
            if header is None:
                header = texts
            after_header = True
            continue
        if not any(t.strip() for t in texts) and not any(c.merged_above for c in row.cells):
            continue
        if _chrome_row(texts):
            continue  # a page's footer or banner the reader took into the table
        cells: list[str] = []
        merged: list[bool] = []
        for cell in row.cells:
            cells.append(cell.text)
            merged.append(cell.merged_above)
            for _ in range(cell.colspan - 1):
                cells.append("")
                merged.append(cell.merged_above)
        spans = len(row.cells) == 1 and (row.cells[0].colspan > 1 or (header is not None and len(header) >= 2))
        rows.append(LogicalRow(cells, merged, row.where, list(row.notes), after_header, spans))
        after_header = False
    return header, rows


def _chrome_row(texts: list[str]) -> bool:
    from ..layout.kinds import kinds

    filled = [t for t in texts if t.strip()]
    return len(filled) == 1 and kinds(filled[0]).chrome > 0


def _header_by_contrast(table: Table) -> bool:
    """A first row of short headings, about half of which name fields, over rows of longer text: the header,
    even where some of its headings (a risk score, an audit reference) name nothing the synonyms know."""
    if len(table.rows) < 2:
        return False
    first = [" ".join(t.split()) for t in table.rows[0].texts]
    filled = [t for t in first if t]
    if len(filled) < 3 or len(filled) < 0.8 * len(first) or any(len(t.split()) > 5 or t.endswith(".") for t in filled):
        return False
    if col.header_score(first) < 0.4:
        return False
    below = [t for r in table.rows[1:4] for t in r.texts if t.strip()]
    return bool(below) and sum(len(t.split()) for t in below) / len(below) > 1.5 * sum(len(t.split()) for t in filled) / len(filled)


def _join_space(above: str, more: str) -> str:
    if not above.strip():
        return more
    if not more.strip():
        return above
    return above.rstrip() + " " + more.lstrip()


def _merge_carried_over(rows: list[LogicalRow], cols: list[Column]) -> list[LogicalRow]:
    """Join a row carried over a page break back onto the row it continues, with single spaces."""
    by_role = {c.role: c for c in cols if c.role}
    key = by_role.get(col.NUMBER) or by_role.get(col.RECOMMENDATION)
    short = [c for c in cols if c.role in SHORT_ROLES]
    out: list[LogicalRow] = []
    for row in rows:
        prev = out[-1] if out else None
        if (prev is not None and row.after_header and key is not None and not row.text(by_role.get(col.NUMBER)).strip()
                and short and all(not row.text(c).strip() for c in short)
                and any(prev.text(c).strip() for c in short)):
            for i, text in enumerate(row.cells):
                if i < len(prev.cells):
                    prev.cells[i] = _join_space(prev.cells[i], text)
            prev.notes.append(f"joined with the row carried over the page break at {row.where}")
            continue
        out.append(row)
    return out


CHILD_NUMBER = re.compile(r"^([A-Za-z]{0,3}\d+)\.(\d+)$")
LETTERED_NUMBER = re.compile(r"^([A-Za-z]{0,3}\d+)\s*\(?([a-z])\)?$")


def _split_lettered(header: list[str], rows: list[LogicalRow]) -> list[str]:
    """Rows numbered "2a", "2b", "2c": actions of recommendation "2", each row repeating its number.

    Such a plan prints the recommendation once (spanning its rows, or on its first row) and gives every action
    row the recommendation's number with a letter. The recommendation's number is the number without the
    letter; each action keeps its own in a column of its own (kept in its ``extra`` under the same heading).
    Only where every numbered row is lettered this way, each number's letters run "a", "b", … and at least one
    number has more than one letter; otherwise nothing changes.
    """
    roles = [col.role_for(h) for h in header]
    if col.NUMBER not in roles or col.RECOMMENDATION not in roles:
        return header
    number_at = roles.index(col.NUMBER)
    letters: dict[str, list[str]] = {}
    found: list[tuple[str, str] | None] = []
    for row in rows:
        number = clean_number(row.text(Column(number_at, "", None)))
        if not number:
            found.append(None)
            continue
        m = LETTERED_NUMBER.match(number)
        if not m:
            return header
        letters.setdefault(m.group(1), []).append(m.group(2))
        found.append((m.group(1), number))
    runs = [[chr(ord("a") + i) for i in range(len(v))] == v for v in letters.values()]
    if not letters or not all(runs) or not any(len(v) > 1 for v in letters.values()):
        return header
    for row, pair in zip(rows, found, strict=True):
        child = ""
        if pair is not None:
            row.cells[number_at], child = pair
        row.cells.append(child)
        row.merged.append(False)
    return [*header, header[number_at]]




def _split_two_level(header: list[str], rows: list[LogicalRow]) -> list[str]:
    """Rows numbered "1.1", "1.2" under a row numbered "1" that has only its wording: actions of that one.

    Such a plan prints each recommendation as a row of its own and each action as a row numbered under it,
    with the action's wording in the same column as the recommendation's. Each action row's wording moves to a
    new actions column and its number to a column of its own (kept in the action's ``extra``). The header
    gains the two columns; with no such numbering, nothing changes.
    """
    roles = [col.role_for(h) for h in header]
    if col.ACTION in roles or col.NUMBER not in roles or col.RECOMMENDATION not in roles:
        return header
    number_at, text_at = roles.index(col.NUMBER), roles.index(col.RECOMMENDATION)
    action_fields = [i for i, r in enumerate(roles) if r is not None and r not in REC_ROLES]
    parent: str | None = None
    children = 0
    kinds: list[str] = []
    for row in rows:
        number = clean_number(row.text(Column(number_at, "", None)))
        m = CHILD_NUMBER.match(number)
        filled = [i for i in action_fields if i < len(row.cells) and row.cells[i].strip()]
        if m and parent is not None and m.group(1) == parent:
            kinds.append("child")
            children += 1
        elif number and not m and not filled:
            parent = number
            kinds.append("parent")
        elif not number and not any(t.strip() for t in row.cells):
            kinds.append("blank")
        else:
            return header  # a row of another kind: not this layout
    if children < 2:
        return header
    for row, kind in zip(rows, kinds, strict=True):
        moved = ["", ""]
        if kind == "child":
            moved = [row.cells[text_at], row.cells[number_at]]
            row.cells[text_at] = row.cells[number_at] = ""
        row.cells.extend(moved)
        row.merged.extend([False, False])
    return [*header, "Actions", header[number_at]]


def read_table(table: Table, state: State) -> None:
    header, rows = _logical_rows(table)
    if header is not None:
        header = _split_two_level(header, rows)
        header = _split_lettered(header, rows)
        cols = columns_for(header, rows, state.column_roles)
        if not any(c.role in (col.ACTION, col.RECOMMENDATION, col.NUMBER) for c in cols):
            # A table whose headings name nothing a plan holds (a document-control block, a summary of
            # counts): not plan content. Its text is kept in the notes.
            state.unread_table(table, "a table whose headings name no recommendation or action was kept as "
                                      "text in the plan's notes")
            return
        state.columns = cols
    elif state.columns is not None and rows and len(rows[0].cells) == len(state.columns):
        cols = state.columns  # a table carried over a page break without its header
    else:
        state.unread_table(table)
        return
    rows = _merge_carried_over(rows, cols)
    rows = _without_guidance(rows, state, [c.heading for c in cols])
    by_role: dict[str, Column] = {}
    for c in cols:
        if c.role and c.role not in by_role:
            by_role[c.role] = c
    number_col, rec_col = by_role.get(col.NUMBER), by_role.get(col.RECOMMENDATION)

    key = number_col if number_col is not None else rec_col
    headings = [_heading_row(row, cols, rows[i + 1] if i + 1 < len(rows) else None) for i, row in enumerate(rows)]
    starts: list[bool] = []
    previous: tuple[str, str] | None = (state.rec.number, state.rec.text) if state.rec else None
    for row, heading in zip(rows, headings, strict=True):
        if key is None or heading or not row.text(key).strip() or row.is_merged(key):
            starts.append(False)
            continue
        ident = _identity(row, number_col, rec_col)
        # The recommendation's cells printed again on each of its rows do not start a new one.
        starts.append(previous is None or not _same_rec(ident, previous))
        previous = ident
    _fill_down(rows, cols, starts, headings)
    # Where every recommendation has one row, a cell listing several actions is split into them.
    body = [flag for flag, heading in zip(starts, headings, strict=True) if not heading]
    split = key is not None and bool(body) and all(body)

    for row, first, heading in zip(rows, starts, headings, strict=True):
        for note in row.notes:
            state.plan.warn(note, row.where)
        if heading:
            text = next(t for t in row.cells if t.strip())
            found = rec_label(text, bare_numbers=False)
            if found:
                state.start_rec(found[0], prose(found[1]), row.where)
            else:
                state.set_theme(one_line(plain(text)).rstrip(":").strip())
            continue
        if first:
            number = clean_number(row.text(number_col)) if number_col is not None else ""
            text = row.text(rec_col)
            if not number:
                found = rec_label(text)
                if found:
                    number, text = found
            elif text:
                found = rec_label(text, bare_numbers=False)
                if found and clean_number(found[0]) == number:
                    text = found[1]
            text, leads = _lead_lines(text)
            state.start_rec(number, prose(text), row.where)
            state.rec_started_in_table = True
            assert state.rec is not None
            for lead in leads:
                state.rec.owners.extend(n for n in split_owners(lead, state.context) if n not in state.rec.owners)
        elif state.rec is None or (state.new_section and key is None):
            # Actions with no recommendation above them in their section: a recommendation whose heading is
            # missing from the text, kept with empty text rather than joined to the one before.
            state.start_rec("", "", row.where)
            state.plan.warn("actions with no recommendation heading above them are kept under a recommendation "
                            "with no text", row.where)
        rec = state.rec
        assert rec is not None
        _rec_cells(row, cols, rec, state, first=first)
        for action in _actions(row, cols, rec, state, split):
            rec.actions.append(action)


# Action fields that one cell can give a whole group of actions ("where one lead or date is given for a group
# of actions, each action in the group gets it").
GROUP_ROLES = {col.OWNER, col.DUE, col.STATUS, col.PRIORITY, col.TIMESCALE, col.ANTICIPATED}


# A template's guidance, left in the published plan: questions ("What is the over-arching recommendation?"),
# instructions ("Please use …", "delete as appropriate", "This will contain …"), a cell listing every rating.
GUIDANCE = re.compile(
    r"(?:\?\s*$|^(?:please|insert|enter|describe|include|state|list|give|explain|record|add)\b|\bplease (?:use|enter|insert)\b|"
    r"\bdelete as appropriate\b|^(?:this|these) (?:will|should)\b|^(?:e\.g\.|for example)\b|\bdetails taken from\b|"
    r"\bwill be (?:included|inserted|entered|recorded|added) here\b|\bin accordance with the key\b|\bshould make a judgement\b|"
    r"^assigned in the\b|^red\s+amber\s+green$|^(?:from|within) date of\b)", re.I)


def _restates(cell: str, heading: str) -> bool:
    cw = set(re.findall(r"[a-z]{3,}", cell.lower()))
    hw = set(re.findall(r"[a-z]{3,}", heading.lower()))
    return bool(cw) and len(cell.split()) <= 6 and bool(hw) and len(cw & hw) >= max(1, len(cw) // 2)


def _without_guidance(rows: list[LogicalRow], state: State, headings: list[str]) -> list[LogicalRow]:
    """Rows straight under the header that say what each column should hold are kept in the notes."""
    out = list(rows)
    while out:
        filled = [" ".join(c.split()) for c in out[0].cells if c.strip()]
        guided = sum(1 for c in filled if GUIDANCE.search(c))
        # A cell that restates its own column's heading ("Reference No" under "Ref") is guidance too.
        guided += sum(1 for c, h in zip(out[0].cells, headings, strict=False)
                      if c.strip() and not GUIDANCE.search(" ".join(c.split())) and _restates(c, h))
        if len(filled) < 2 or guided < max(2, 0.5 * len(filled)):
            break
        state.notes.append("\n".join(c for c in out[0].cells if c.strip()))
        out.pop(0)
    return out


def _fill_down(rows: list[LogicalRow], cols: list[Column], starts: list[bool], headings: list[bool]) -> None:
    """Give every action row of a recommendation the action-field cell printed once for all of them.

    Two signs that a cell covers the rows under it: the source merged it down over them (a Word or HTML table
    says so), or, where the merge is lost (a PDF, extracted text), the column is filled on the first row of each
    recommendation with several rows and empty on all the others, as the recommendation's own cells are.
    """
    groups: list[list[int]] = []
    for i, (first, heading) in enumerate(zip(starts, headings, strict=True)):
        if heading:
            continue
        if first or not groups:
            groups.append([i])
        else:
            groups[-1].append(i)
    if not any(starts):
        # No column names the recommendation, so nothing shows which rows a merged cell was printed for (a
        # guessed merge in a borderless PDF, say): cells stay where they are.
        return
    several = [g for g in groups if len(g) > 1]
    for c in cols:
        if c.role not in GROUP_ROLES:
            continue
        for group in groups:  # merged down in the source
            for i in group[1:]:
                if rows[i].is_merged(c) and not rows[i].text(c).strip():
                    rows[i].cells[c.index] = rows[i - 1].text(c)
                    rows[i].merged[c.index] = False
        if len(several) < 2:
            continue
        once = all(rows[g[0]].text(c).strip() and not any(rows[i].text(c).strip() for i in g[1:]) for g in several)
        if once:
            for group in several:
                for i in group[1:]:
                    if c.index < len(rows[i].cells):
                        rows[i].cells[c.index] = rows[group[0]].text(c)


LEAD_LINE = re.compile(r"^\s*([A-Za-z][\w ]{0,30}?)\s*:\s*(\S.*?)\s*$")


def _lead_lines(text: str) -> tuple[str, list[str]]:
    """The recommendation's wording without the labelled lead lines ending its cell ("Lead Member: Cllr …",
    "Lead Officer: Director of …"), and the leads those lines name, in order.

    Only lines at the end of the cell, each labelled with a heading that names a lead, are taken: a lead
    named part-way through the wording is part of the wording.
    """
    lines = text.rstrip().split("\n")
    leads: list[str] = []
    while len(lines) > 1:
        m = LEAD_LINE.match(plain(lines[-1]))
        if not m or col.role_for(m.group(1)) not in (col.OWNER, col.REC_OWNER):
            break
        leads.insert(0, m.group(2))
        lines.pop()
    if not leads or not "".join(lines).strip():
        return text, []
    return "\n".join(lines), leads


def _same_rec(a: tuple[str, str], b: tuple[str, str]) -> bool:
    if a[0] and b[0] and a[0] != b[0]:
        return False
    if not a[0] and not b[0]:
        return a[1] == b[1]
    return a[1] == b[1] or not a[1] or not b[1]


def _identity(row: LogicalRow, number_col: Column | None, rec_col: Column | None) -> tuple[str, str]:
    """(number, text) of the recommendation a row names, to tell a new one from a repeat of the last."""
    text = row.text(rec_col)
    number = clean_number(row.text(number_col)) if number_col is not None else ""
    found = rec_label(text)
    if found and not number:
        number, text = found
    elif found and clean_number(found[0]) == number:
        text = found[1]
    return number, prose(text)


def _heading_row(row: LogicalRow, cols: list[Column], following: LogicalRow | None = None) -> bool:
    """A row with one cell of text across the table or in its first column: a theme or a recommendation.

    With no number column, a short text alone in the recommendation column is a theme when the next row starts
    a recommendation of its own (else it is a recommendation whose actions follow on the rows below).
    """
    filled = [i for i, t in enumerate(row.cells) if t.strip()]
    if len(filled) != 1:
        return False
    text = row.cells[filled[0]]
    if rec_label(text, bare_numbers=False):
        return row.spans_row or filled[0] == 0
    role = cols[filled[0]].role if filled[0] < len(cols) else None
    short = len(text.split()) <= 10 and not text.rstrip().endswith(".") and "\n" not in text.strip()
    if row.spans_row:
        # Across the whole table: a theme, even a long one in capitals; a sentence is not a heading.
        return short or len(text.split()) <= 20 and not text.rstrip().endswith(".") and "\n" not in text.strip()
    if (role == col.RECOMMENDATION and short and following is not None and filled[0] == 0
            and not any(c.role == col.NUMBER for c in cols)):
        nxt = next((c for c in cols if c.role == col.RECOMMENDATION), None)
        return bool(following.text(nxt).strip()) and len(text.split()) <= 6
    return short and role in (col.NUMBER, col.THEME) and not clean_number(text)[:1].isdigit()


def _rec_cells(row: LogicalRow, cols: list[Column], rec: Recommendation, state: State, first: bool) -> None:
    for c in cols:
        text = row.text(c)
        if not text.strip() or row.is_merged(c):
            continue
        if c.role == col.RESPONSE:
            if not rec.response:
                rec.response = prose(text)
            elif prose(text) not in rec.response:
                rec.response += "\n\n" + prose(text)
        elif c.role == col.RECOMMENDATION and not first:
            found = rec_label(text)
            if prose(text) != rec.text and not (found and prose(found[1]) == rec.text):
                rec.text = (rec.text + "\n\n" + prose(text)).strip()
        elif c.role == col.THEME:
            rec.theme = one_line(plain(text)).rstrip(":")
        elif c.role == col.REC_OWNER:
            names = split_owners(text, state.context)
            if first:
                for name in names:
                    if name not in rec.owners:
                        rec.owners.append(name)
                state.rec_owner_extra = {}
            elif names and not set(names) <= set(state.rec_owner_names):
                # A second owner cell part-way down: the recommendation gains an owner, and the actions
                # from here on carry it under the column's heading.
                rec.owners.extend(n for n in names if n not in rec.owners)
                state.rec_owner_extra = {c.heading: plain(text)}
            if first:
                state.rec_owner_names = names


def _actions(row: LogicalRow, cols: list[Column], rec: Recommendation, state: State, split: bool) -> list[Action]:
    action_col = next((c for c in cols if c.role == col.ACTION), None)
    action_text = row.text(action_col)
    others = [c for c in cols if c.role not in REC_ROLES and c.role != col.ACTION]
    letters: list[str] = []
    marked = lettered(action_text) if split else None
    if marked:
        # "a. … b. … c. …": one action per letter, paired by letter with a lettered list beside it.
        texts = [body for _, body in marked]
        letters = [keys[0] for keys, _ in marked]
    elif split:
        grouped = items(action_text)
        flat = items(action_text, group_lead_ins=False)
        counts = {len(items(row.text(c), False)) for c in others if row.text(c).strip()}
        texts = flat if len(flat) != len(grouped) and len(flat) in counts else grouped
    else:
        texts = [plain(action_text)] if action_text.strip() else []
    if not texts:
        for c in others:
            value = row.text(c)
            if value.strip() and not row.is_merged(c):
                if c.role == col.OWNER:
                    rec.owners.extend(n for n in split_owners(value, state.context) if n not in rec.owners)
                else:
                    rec.extra[c.heading] = tidy(value)
        return []
    n = len(texts)
    actions = [Action(text=t, where=row.where or None) for t in texts]
    for c in others:
        value = row.text(c)
        if not value.strip() or row.is_merged(c):
            continue
        parts = items(value, False)
        by_letter = {key: body for keys, body in (lettered(value) or []) for key in keys} if letters else {}
        for k, action in enumerate(actions):
            if by_letter:
                if letters[k] not in by_letter:
                    continue
                piece = by_letter[letters[k]]
            elif n == 1:
                piece = value
            elif len(parts) == n and c.role in SHORT_ROLES:
                # Leads, dates, ratings listed one per action pair by position; a measure or a progress
                # note is about the actions together, and each action keeps it whole.
                piece = parts[k]
            elif len(parts) == n or len(parts) <= 1 or c.role == col.OWNER:
                piece = value
            else:
                # The list beside the actions does not pair with them (it pairs with milestones): keep it whole.
                rec.extra[c.heading] = tidy(value)
                if c.role in (col.DUE, col.TIMESCALE):
                    state.plan.warn(f"{len(parts)} dates are listed beside {n} actions; kept on the recommendation",
                                    row.where)
                break
            apply_field(action, c, piece, state, f"recommendation {rec.number}, action {len(rec.actions) + k + 1}")
    for action in actions:
        for heading, value in state.rec_owner_extra.items():
            action.extra.setdefault(heading, value)
    return actions


def apply_field(action: Action, c: Column, value: str, state: State, where: str) -> None:
    text = plain(value)
    if not text:
        return
    role = c.role
    if role == col.OWNER:
        action.owners.extend(n for n in split_owners(value, state.context) if n not in action.owners)
    elif role == col.DUE:
        reading = read_due(text)
        action.due = reading.due
        if reading.completed:
            action.completed = True
        if reading.problem:
            state.plan.warn(f"target date '{one_line(text)}' could not be read: {reading.problem}", where)
    elif role == col.TIMESCALE:
        action.timescale = one_line(text)
        if says_complete(text):
            action.completed = True
    elif role == col.ANTICIPATED:
        action.anticipated_completion = text
        if re.match(r"^\W*(?:as|see) above\b", text, re.I):
            state.warn_once("'As above' is not resolved to the row above", where)
        if says_complete(text):
            action.completed = True
    elif role == col.STATUS:
        status = rag(text)
        if status:
            action.status = status
        else:
            action.extra[c.heading] = text
            if says_complete(text):
                action.completed = True
            elif len(text.split()) <= 3:
                state.warn_once(f"'{one_line(text)}' under '{c.heading}' is not a RAG rating: kept as it is", where)
    elif role == col.PRIORITY:
        level = priority(text)
        if level:
            action.priority = level
        else:
            action.extra[c.heading] = text
            state.warn_once(f"priority '{one_line(text)}' under '{c.heading}' is not high, medium or low: "
                            "kept as it is", where)
    elif role == col.COMMENTARY:
        action.commentary = text if not action.commentary else action.commentary + "\n\n" + text
        if says_complete(text):
            action.completed = True
    elif role == col.MEASURE:
        action.measure = text
    else:
        action.extra[c.heading or f"Column {c.index + 1}"] = text
        # A status column kept in ``extra`` beside the RAG column still says when the action is complete.
        if col.role_for(c.heading) == col.STATUS and says_complete(text):
            action.completed = True
