"""Blocks → Plan: the meaning of a plan, whatever format it came in.

The chain: blocks → (paragraphs: title, notes, themes, lead lines, legends, recommendation headings;
tables: header → column roles → logical rows → recommendations → actions) → plan. Tables are read in
``tables``; single cells in ``cells``; paragraphs here.
"""

from __future__ import annotations

import re
from collections import Counter

from .. import columns as col
from ..blocks import Block, Paragraph, Table
from ..dates import date_of, looks_like_date
from ..model import Plan, Recommendation
from ..owners import LABEL, split_owners
from ..text import is_bullet, one_line, plain
from .cells import prose, rec_label
from .labelled import label_of, read_labelled
from .tables import Column, read_table

COLOURS = {"green": "green", "amber": "amber", "red": "red", "blue": "blue"}
COLOUR_LINE = re.compile(
    r"^\s*\*?\s*(green|amber|red|blue|black|grey|gray|orange|yellow|purple|pink|white)\s*(?:[-–—:=]|\()\s*(.+?)\)?\s*$",
    re.I)
CODE_ITEM = re.compile(r"(?:^|[,;]\s*|\s{2,})\*?\s*([A-Z])\s*[:=–—-]\s*([^,;]+?)(?=\s*(?:[,;]|$))")
# A heading that says it is one ("Theme 2: Governance", "Section 3 – Finance").
NAMED_THEME = re.compile(r"^\s*(?:theme|section|priority area|core element|workstream)\s*\d*\s*[:.–—-]", re.I)
THEME_LABEL = re.compile(r"^\s*(?:[A-Za-z]+\s+){0,2}(?:theme|section|priority area|workstream)\s*:\s*$", re.I)
PLAN_WORDS = re.compile(r"\b(?:plan|challenge|review|recommendations?|improvement|actions|tracker|progress|audit|"
                        r"governance statement)\b", re.I)
AS_OF = re.compile(r"\b(?:updated?|as at|as of|position (?:at|as at)|progress update|status at|current at)\b\s*[-–:]?\s*(.+)$",
                   re.I)
# A council's own abbreviation: "LDC", "WCC", "OWBC", "MBC".
COUNCIL_ABBREVIATION = re.compile(r"\b([A-Z]{0,3}[DCBM]C)\b")
COUNCIL_NAME = re.compile(r"\b((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: (?:and|&|upon|on|under))? ){1,4}Council)\b")
GENERIC_WORDS = {"Full", "County", "District", "Borough", "City", "Parish", "Town", "The", "Metropolitan",
                 "Local", "Combined", "Unitary", "Whole", "Each", "Every", "Our", "This", "A", "Executive", "Cabinet",
                 "and", "&", "Councils", "Members", "Member", "Key", "Ordinary", "Annual", "Extraordinary"}
NOT_A_COUNCIL = {"TBC", "BBC", "DC", "CC", "BC", "MC"}
ACCEPTS = re.compile(r"\bThe ([A-Z]{2,6}) (?:has|have) (?:accepted|agreed)\b")


class State:
    """What the interpreter knows part-way through the document."""

    def __init__(self, context: str, column_roles: dict[str, str] | None = None) -> None:
        self.plan = Plan()
        self.column_roles = column_roles or {}  # hints: heading → role
        self.context = context
        self.theme: str | None = None
        self.pending_owners: list[str] = []
        self.rec: Recommendation | None = None
        self.rec_started_in_table = False
        self.collecting_actions = False
        # A theme or lead line has come since the last recommendation began: rows that follow belong to a
        # new recommendation even where its heading is missing from the text.
        self.new_section = False
        self.rec_owner_names: list[str] = []
        self.rec_owner_extra: dict[str, str] = {}
        self.columns: list[Column] | None = None
        self.started = False  # plan content (a table or a recommendation) has begun
        self.title_set = False
        self.notes: list[str] = []
        self.title_block: Block | None = None
        self.pending_label: str | None = None
        self.warned: set[str] = set()
        self.theme_blocks: list[Block] = []

    def is_title(self, block: Block) -> bool:
        return block is self.title_block

    def is_theme(self, block: Block) -> bool:
        return any(block is b for b in self.theme_blocks)

    def start_rec(self, number: str, text: str, where: str) -> Recommendation:
        self.started = True
        if not number:
            number = str(len(self.plan.recommendations) + 1)
        rec = Recommendation(number=number, text=text, theme=self.theme, owners=list(self.pending_owners),
                             where=where or None)
        self.plan.recommendations.append(rec)
        self.rec = rec
        self.rec_started_in_table = False
        self.collecting_actions = False
        self.new_section = False
        self.rec_owner_names = []
        self.rec_owner_extra = {}
        return rec

    def warn_once(self, message: str, where: str) -> None:
        """A warning for something that recurs (a code on every row): said once, where it is first seen."""
        if message not in self.warned:
            self.warned.add(message)
            self.plan.warn(message, where)

    def set_theme(self, theme: str) -> None:
        self.theme = theme or None
        self.pending_owners = []
        self.new_section = True

    def unread_table(self, table: Table, why: str = "a table with no recognisable header row was kept as text "
                                                   "in the plan's notes") -> None:
        """A table with no header the interpreter can read: its text is kept in the notes, with a warning."""
        lines = ["\t".join(t for t in row.texts if t.strip()) for row in table.rows]
        if lines:
            self.notes.append("\n".join(lines))
            self.plan.warn(why, table.where)


def interpret(blocks: list[Block], column_roles: dict[str, str] | None = None) -> Plan:
    """The plan the blocks describe (see ``planparse.blocks`` for what readers hand over).

    ``column_roles`` maps column headings to the role a person said they have (``Hints.columns``).
    """
    state = State(_context(blocks), column_roles)
    title_at = _title_index(blocks)
    sections = _section_headings(blocks, None)
    if title_at is not None and title_at in sections and len(sections) >= 2:
        # The heading chosen as the title is one of a run of like headings, each over its own table: those
        # are themes, and the title is the heading above the first of them.
        above = [i for i in range(min(sections)) if isinstance(blocks[i], Paragraph) and blocks[i].heading  # type: ignore[union-attr]
                 and _heading_like(blocks[i].text, 20)]  # type: ignore[union-attr]
        if above:
            title_at = above[-1]
    state.title_block = blocks[title_at] if title_at is not None else None
    state.theme_blocks = [blocks[i] for i in _section_headings(blocks, title_at)]
    for i, block in enumerate(blocks):
        if isinstance(block, Table) and _form_like(block):
            # A table of "label | value" rows (one small table per recommendation): read as labelled lines.
            state.title_set = True
            for row in block.rows:
                label, *rest = [t for t in row.texts if t.strip()] or [""]
                value = "\n".join(rest)
                text = f"{label}\n{value}" if rec_label(label, bare_numbers=False) else f"{label}: {value}"
                _paragraph(Paragraph(text.strip(), where=row.where), [], state)
        elif isinstance(block, Table):
            state.title_set = True
            state.started = True
            read_table(block, state)
            state.rec_started_in_table = True
            if state.plan.as_of is None and state.columns:
                state.plan.as_of = _as_of_heading([c.heading for c in state.columns])
        else:
            # Actions are only ever added to the last recommendation or to ones this paragraph starts, so
            # those are the only ones to look at (not every action of the plan, paragraph after paragraph).
            first = max(0, len(state.plan.recommendations) - 1)
            before = {id(a) for r in state.plan.recommendations[first:] for a in r.actions}
            _paragraph(block, blocks[i + 1:], state)
            for rec in state.plan.recommendations[first:]:  # actions read from this paragraph came from here
                for action in rec.actions:
                    if action.where is None and id(action) not in before:
                        action.where = block.where or None
    plan = state.plan
    plan.notes = "\n\n".join(state.notes) if state.notes else None
    plan.organisation = _organisation(state.context, plan.title)
    _resolve_legend(plan)
    return plan


def _as_of_heading(headings: list[str]) -> str | None:
    """A column headed "Position at 30 September 2025" says the date the plan's content stands at."""
    for heading in headings:
        m = AS_OF.search(heading)
        if m and len(heading.split()) <= 8:
            found = date_of(m.group(1))
            if found:
                return found
    return None


def _theme_after_list(p: Paragraph, rest: list[Block], state: State) -> bool:
    """A theme heading straight after a recommendation's list of actions, not one more item of it.

    Only a heading the source marks (a heading style, or capitals in text) with no list marker, followed by a
    recommendation's heading: an unmarked last action above the next recommendation stays an action.
    """
    text = p.text.strip()
    if not state.is_theme(p) or is_bullet(text) or re.match(r"^\(?[0-9a-z]{1,3}[.)]\s", text, re.I):
        return False
    if not (p.heading or (text.isupper() and len(text.split()) >= 2)):
        return False
    following = next((b for b in rest if not isinstance(b, Paragraph) or b.text.strip()), None)
    return isinstance(following, Paragraph) and rec_label(following.text, bare_numbers=False) is not None


def _form_like(table: Table) -> bool:
    """True for a table whose rows are "label | value" pairs rather than a header over rows."""
    rows = [row for row in table.rows if any(t.strip() for t in row.texts)]
    if len(rows) < 2 or any(row.header for row in rows):
        return False
    labelled = 0
    for row in rows:
        filled = [t for t in row.texts if t.strip()]
        first = " ".join(filled[0].split()) if filled else ""
        if len(filled) <= 2 and len(first.split()) <= 5 and (
                label_of(first + ": x") or rec_label(first, bare_numbers=False)):
            labelled += 1
    return labelled >= max(2, len(rows) * 0.75)


def _context(blocks: list[Block]) -> str:
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            parts.extend("\t".join(row.texts) for row in block.rows)
        else:
            parts.append(block.text)
    return "\n".join(parts)


def _is_lead_line(text: str) -> bool:
    return "\n" not in text and len(text) < 300 and bool(LABEL.match(text)) and not text.rstrip().endswith(".")


def _heading_like(text: str, max_words: int = 8) -> bool:
    flat = one_line(text)
    return (0 < len(flat.split()) <= max_words and not flat.endswith((".", ",", ";")) and not is_bullet(text)
            and "\n" not in text.strip())


def _is_content(block: Block) -> bool:
    """A table, a lead line or a recommendation heading: where the plan's content starts."""
    if isinstance(block, Table):
        return True
    return _is_lead_line(block.text) or rec_label(block.text, bare_numbers=False) is not None


def _is_date_line(text: str) -> bool:
    flat = one_line(text)
    m = AS_OF.search(flat)
    return bool(m and date_of(m.group(1)) and len(flat.split()) <= 8) or (
        looks_like_date(flat) and len(flat.split()) <= 4)


def _plain_paragraph(block: Block) -> bool:
    """A paragraph that is not a date line, a legend, a lead line or a recommendation heading."""
    return (isinstance(block, Paragraph) and not _is_content(block) and not _is_date_line(block.text)
            and not _legend_line(block.text, Plan()) and not _chrome(block.text))


def _chrome(text: str) -> bool:
    from ..layout.kinds import kinds  # page furniture ("Page 2 of 13") is never a title or a theme

    return kinds(text).chrome > 0


def _title_index(blocks: list[Block]) -> int | None:
    """The plan's own heading: the nearest heading above the content that names a plan.

    Headings above it (a site's or a publication's) and a subtitle under it are not the title.
    """
    candidates: list[tuple[int, Paragraph]] = []
    for i, block in enumerate(blocks):
        if _is_content(block):
            break
        if isinstance(block, Paragraph) and _plain_paragraph(block) and _heading_like(block.text, 20):
            candidates.append((i, block))
    if not candidates:
        return None
    naming = [i for i, p in candidates if PLAN_WORDS.search(p.text)]
    # A heading the source marks as one (a Word heading style, <h1>) beats a plain line under it that also
    # names a plan: that line is a subtitle ("External audit tracker" over "… recommendations from …").
    marked_naming = [i for i in naming if blocks[i].heading]  # type: ignore[union-attr]
    if marked_naming:
        return marked_naming[-1]
    if naming:
        return naming[-1]
    marked = [i for i, p in candidates if p.heading]
    return marked[-1] if marked else candidates[0][0]


def _section_headings(blocks: list[Block], title_at: int | None) -> set[int]:
    """Paragraphs heading groups of recommendations: short, straight above a table, lead line or heading.

    One such heading alone in a document is a subtitle, not a theme: themes group recommendations.
    """
    found = {i for i, block in enumerate(blocks[:-1])
             if i != title_at and isinstance(block, Paragraph) and _plain_paragraph(block)
             and _heading_like(block.text, 12 if block.heading else 8) and _is_content(blocks[i + 1])}
    named = {i for i in found if NAMED_THEME.match(blocks[i].text)}  # type: ignore[union-attr]
    # "KEOGH THEME:" on its own line, the theme's words on the next, then the table.
    labelled = {i for i, block in enumerate(blocks[:-1])
                if i > 0 and i != title_at and isinstance(block, Paragraph) and _is_content(blocks[i + 1])
                and isinstance(blocks[i - 1], Paragraph) and THEME_LABEL.match(blocks[i - 1].text)}  # type: ignore[union-attr]
    proposed = {i for i, block in enumerate(blocks) if isinstance(block, Paragraph) and block.role == "theme"}
    return (found if len(found) >= 2 else named) | labelled | proposed


def _paragraph(p: Paragraph, rest: list[Block], state: State) -> None:
    text = p.text.strip()
    if not text:
        return
    plan = state.plan
    if _legend_line(text, plan):
        return
    found = rec_label(text, bare_numbers=False)
    if found:
        state.start_rec(found[0], prose(found[1]), p.where)
        state.pending_owners = []
        return
    if state.collecting_actions and _theme_after_list(p, rest, state):
        state.collecting_actions = False  # the list of actions has ended: the next group of recommendations
    if read_labelled(p, state):
        return
    if _is_lead_line(text):
        owners = split_owners(text, state.context)
        rec = state.rec
        if rec is not None and not rec.actions and not rec.owners and not state.rec_started_in_table:
            rec.owners = owners  # the lead line printed under its recommendation's heading
        else:
            state.pending_owners = owners
            state.new_section = True
        return
    if state.is_title(p):
        state.title_set = True
        plan.title = one_line(text)
        m = AS_OF.search(plan.title)
        if m:
            plan.as_of = date_of(m.group(1))
        return
    if _is_date_line(text):
        if plan.as_of is None:
            plan.as_of = date_of(one_line(text))
        return
    if state.is_theme(p):
        state.set_theme(one_line(text).rstrip(":").strip())
        return
    if not state.title_set and not state.started and _heading_like(text, 20):
        return  # a site's or publication's heading above the plan's own
    rec = state.rec
    if rec is not None and not rec.actions and not state.rec_started_in_table:
        rec.text = (rec.text + "\n\n" + prose(text)).strip()  # more of the recommendation's wording
        return
    state.notes.append(plain(text))


# "BRAG key: Blue – complete; Red – …": a colour key printed on one line, its label before a colon.
KEY_LABEL = re.compile(r"^\s*(?:\w+\s+){0,2}(?:key|legend)\s*:\s*", re.I)


# "Priority: H – high, M – medium, L – low", "Timescales: Short term – within 6 months; …": a key to one field's
# values on one line, the field named by a label that means it as a column heading would.
KEYED_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,30}?)\s*(?:key|legend)?\s*:\s*(.+)$", re.I)
KEY_PAIR = re.compile(r"^([\w/+-]+(?: [\w/+-]+){0,2})\s+[–—=-]\s+(\S.*)$")
KEY_FIELDS = {col.PRIORITY: "priority", col.TIMESCALE: "timescale", col.STATUS: "status"}


def _keyed_line(flat: str, plan: Plan) -> bool:
    m = KEYED_LINE.match(flat)
    if not m or len(flat) > 300:
        return False
    field = KEY_FIELDS.get(col.role_for(m.group(1)) or "")
    if field is None:
        return False
    value = m.group(2)
    parts = [p.strip() for p in value.split(";" if ";" in value else ",") if p.strip()]
    pairs = [KEY_PAIR.match(p) for p in parts]
    if len(parts) < 2 or not all(pairs):
        return False
    for pair in pairs:
        assert pair is not None
        key = pair.group(1)
        if field == "status":
            key = COLOURS.get(key.lower(), key)
        plan.legend.setdefault(field, {})[key] = pair.group(2).strip(" .")
    return True


# "Priority 1 – fundamental weakness; Priority 2 – …": a key whose every value carries the field's own name.
NAMED_KEY = re.compile(r"^([A-Za-z]+)\s+([A-Za-z0-9]{1,3})$")


def _named_key_line(flat: str, plan: Plan) -> bool:
    if len(flat) > 300 or ";" not in flat:
        return False
    parts = [p.strip() for p in flat.split(";") if p.strip()]
    pairs = [KEY_PAIR.match(p) for p in parts]
    if len(parts) < 2 or not all(pairs):
        return False
    keys = [NAMED_KEY.match(pair.group(1)) for pair in pairs if pair is not None]
    if not all(keys) or len({k.group(1).lower() for k in keys if k is not None}) != 1:
        return False
    assert keys[0] is not None
    field = KEY_FIELDS.get(col.role_for(keys[0].group(1)) or "")
    if field is None or field == "status":
        return False
    for pair in pairs:
        assert pair is not None
        # Keyed by the value as printed ("Priority 1"): that is what the column holds.
        plan.legend.setdefault(field, {})[pair.group(1)] = pair.group(2).strip(" .")
    return True


def _legend_line(text: str, plan: Plan) -> bool:
    flat = one_line(plain(text))
    if _keyed_line(flat, plan) or _named_key_line(flat, plan):
        return True
    parts = [p.strip() for p in KEY_LABEL.sub("", flat).split(";") if p.strip()]
    found = [COLOUR_LINE.match(p) for p in parts]
    if len(parts) >= 2 and all(found):
        for m in found:
            assert m is not None
            colour = m.group(1).lower()
            plan.legend.setdefault("status", {})[COLOURS.get(colour, colour)] = m.group(2).strip(" -–.")
        return True
    m = COLOUR_LINE.match(flat)
    if m and len(flat.split()) <= 30:
        colour = m.group(1).lower()
        plan.legend.setdefault("status", {})[COLOURS.get(colour, colour)] = m.group(2).strip(" -–")
        return True
    codes = CODE_ITEM.findall(flat)
    if len(codes) >= 2 and len(flat) < 300:
        covered = sum(len(c) + len(v) for c, v in codes)
        if covered >= len(re.sub(r"[\s,;:*=–-]", "", flat)) * 0.8:
            plan.legend.setdefault("codes", {}).update({c: v.strip() for c, v in codes})
            return True
    return False


def _resolve_legend(plan: Plan) -> None:
    """Give code legends the field they resolve: the one whose values use those codes."""
    codes = plan.legend.pop("codes", None)
    if not codes:
        return
    used: Counter[str] = Counter()
    for action in plan.actions:
        for value, field in ((action.timescale, "timescale"), (action.extra.get("Priority Rating"), "priority")):
            if value:
                for code in re.split(r"[/,& ]+", value):
                    if code in codes:
                        used[field] += 1
    if used:
        field = used.most_common(1)[0][0]
    elif any(re.search(r"\b(?:week|month|year|day)s?\b", v) for v in codes.values()):
        field = "timescale"
    else:
        field = "priority"
    plan.legend.setdefault(field, {}).update(codes)


def _organisation(context: str, title: str) -> str | None:
    """The owning body as the document writes it: its own abbreviation, used in the text."""
    found = Counter(m.group(1) for m in COUNCIL_ABBREVIATION.finditer(context) if m.group(1) not in NOT_A_COUNCIL)
    if found:
        return found.most_common(1)[0][0]
    m = ACCEPTS.search(context)
    if m:
        return m.group(1)
    named = Counter(m.group(1) for m in COUNCIL_NAME.finditer(context)
                    if not set(m.group(1).split()[:-1]) <= GENERIC_WORDS)
    if named:
        return named.most_common(1)[0][0]
    return None
