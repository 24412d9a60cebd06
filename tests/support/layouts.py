"""The layout families: how each prints a plan, and the expected reading of what it printed.

A family is a function (gold, layout rng, form rng, form) → (View, Doc): it first builds the expected reading
(``build_view``: the fields it will show, numbering, a cut-off), then prints blocks from that reading alone, so
the document never says more or less than its expected gold. See tests/support/generate.py for the API.
"""

from __future__ import annotations

import copy
import json
import random
import re
from calendar import month_name, monthrange
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from render import Block, Doc

Gold = dict[str, Any]
FAMILIES = ("table", "heading_list", "labelled", "records", "flattened", "delimited", "row_per_line")


# -- vocabulary: what a council might print --------------------------------------------------------------------
HEADINGS: dict[str, list[str]] = {
    "rec.number": ["No.", "Ref", "Rec no.", "Ref."],
    # The last of each list is a heading the importer's synonym table does not know, as real plans use:
    # its role must come from the column's content.
    "rec.text": ["Recommendation", "Peer recommendation", "Issue", "Key recommendation", "Recommendations",
                 "Peer team suggestion"],
    "rec.response": ["Response", "Council response", "Management response"],
    "rec.owners": ["CLT Owner", "SLT Lead", "Recommendation owner"],
    "action.text": ["Action", "Actions to be taken", "What we will do", "Agreed action", "Actions"],
    "action.owners": ["Lead", "Lead officer", "Responsible", "Owner", "By whom", "Action owner", "Service area"],
    "action.due": ["Target date", "Due by", "By when", "Timescale date", "Deadline", "Deliver by"],
    "action.status": ["RAG", "Status", "RAG status", "RAG rating"],
    "action.commentary": ["Progress", "Update", "Commentary", "Progress update"],
    "action.measure": ["Success measure", "How will we measure success", "Outcome measure"],
    "action.priority": ["Priority", "Priority rating"],
    "action.timescale": ["Timescale"],
    "action.anticipated_completion": ["Anticipated completion", "Expected completion"],
}
# Lines under an action or a recommendation in the list layouts ("Lead: X", "Target date: Y").
LINE_LABELS = {
    "action.owners": ["Lead", "Lead officer", "Owner", "Responsible", "Responsible officer"],
    "action.due": ["Target", "Target date", "Due", "By when"],
    "action.commentary": ["Progress", "Update", "Progress update"],
}
GLYPHS = ["•", "·", "-", "*", "–", "o", "▪"]
STATUS_PRINTED = {"green": ("G", "Green", "GREEN"), "amber": ("A", "Amber", "AMBER"),
                  "red": ("R", "Red", "RED"), "blue": ("B", "Blue", "BLUE")}
PRIORITY_PRINTED = {"high": ("H", "High", "HIGH"), "medium": ("M", "Medium", "MEDIUM"),
                    "low": ("L", "Low", "LOW")}
NUMBER_WORDS = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven",
                "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
                "Twenty"]
BANNERS = [["Skip to main content"], ["Skip to main content", "Home > Council > Plans"],
           ["Home > Your council > Performance and plans > Improvement plan"],
           ["Skip to content", "Menu", "Search", "Home > Council and democracy > Strategies, plans and policies"]]
FOOTERS = [["© Council 2025 Cookies Accessibility"], ["© Council 2025", "Cookies", "Accessibility"],
           ["Cookies  Accessibility statement  Privacy  © Council 2025"]]
# A template's guidance row under a table's header (what each column should hold), as published plans keep it.
GUIDANCE = {
    "rec.number": "Reference No", "rec.text": "What is the recommendation?", "rec.response": "Please state the response",
    "rec.owners": "Who owns the recommendation?", "action.text": "What actions need to occur?",
    "action.owners": "Who is responsible?", "action.due": "Please enter the date", "action.status": "Red\nAmber\nGreen",
    "action.commentary": "This will contain the progress made", "action.measure": "How will we know?",
    "action.priority": "High, medium or low?", "action.timescale": "Please use the key above",
    "action.anticipated_completion": "When will it be complete?",
}
DOCUMENT_CONTROL = ["DOCUMENT CONTROL", "VERSION: 4", "DATE: 12/03/2024", "Owner: Policy and Performance Team"]
# A cell that says the whole action is done (CONVENTIONS.md, `completed`); only such a cell, printed, keeps it.
COMPLETE = re.compile(r"\b(complete|completed|delivered)\b", re.IGNORECASE)

ACTION_FIELDS = ["action.owners", "action.due", "action.status", "action.commentary", "action.measure",
                 "action.priority", "action.timescale", "action.anticipated_completion"]
# What each family can print besides the recommendation's and each action's text.
CAN_SHOW: dict[str, list[str]] = {
    "table": ["rec.theme", "rec.response", "rec.owners", *ACTION_FIELDS],
    "heading_list": ["rec.theme", "action.owners", "action.due"],
    "labelled": ["rec.theme", "action.owners", "action.due", "action.commentary"],
    "records": ["rec.response", *ACTION_FIELDS],
    "flattened": ["action.owners", "action.due", "action.status", "action.commentary", "action.measure"],
    "delimited": ["rec.theme", "action.owners", "action.due", "action.status", "action.commentary",
                  "action.measure", "action.priority"],
    "row_per_line": ["rec.theme", "action.owners", "action.due"],
}
# How a family prints a multi-line value: "cell" keeps every line break (a table cell), "lines" keeps lines but
# not blank ones (a record's value runs over lines until the next label), "line" joins it onto one line.
TEXT_MODE = {"table": "cell", "records": "lines"}


@dataclass
class Style:
    """Per-document printing choices shared by the families."""

    owner_sep: str
    status_form: int
    priority_form: int
    glyph: str | None


# -- the expected reading --------------------------------------------------------------------------------------
def flat(value: str, mode: str) -> str:
    if mode == "cell":
        return value
    if mode == "lines":
        return "\n".join(line for line in value.split("\n") if line.strip())
    return " ".join(value.split())


def _present(gold: Gold, what: str) -> bool:
    kind, key = what.split(".")
    recs = gold["recommendations"]
    if kind == "rec":
        return any(r.get(key) for r in recs)
    return any(a.get(key) for r in recs for a in r.get("actions", []))


def _label(number: str, style: str, position: int) -> tuple[str, str]:
    """(the label as printed, the number a reader takes from it) for a numbering style."""
    numeric = re.fullmatch(r"\d+(\.\d+)*[a-z]?", number) is not None
    if style == "none":
        return "", str(position)
    if style == "dot":
        return f"{number}.", number
    if style == "R" and numeric:
        return f"R{number}", f"R{number}"
    if style == "word":
        if number.isdigit() and 1 <= int(number) <= len(NUMBER_WORDS):
            word = NUMBER_WORDS[int(number) - 1]
            return f"Recommendation {word}", word
        return f"Recommendation {number}", number
    if style == "recommendation":
        return f"Recommendation {number}", number
    if style == "dash":
        return f"{number}-", number
    return number, number


@dataclass
class View:
    """The expected reading and what the printers need beside it (each recommendation's label)."""

    plan: Gold
    labels: list[str]
    shown: set[str]
    as_of: str | None = None  # the source's, printed (and kept) only under a printed title
    notes: str | None = None  # the source's, printed (and kept) or not as the seed decides


def build_view(gold: Gold, family: str, rng: random.Random, numbering: str, cut_unit: str) -> View:
    shown = {w for w in CAN_SHOW[family] if _present(gold, w) and rng.random() < 0.7}
    if "rec.theme" in shown and not _themes_nest(gold):
        shown.discard("rec.theme")
    mode = TEXT_MODE.get(family, "line")
    recs = [r for r in gold["recommendations"]]
    cut = _cut_point(recs, cut_unit, rng)
    out_recs: list[Gold] = []
    labels: list[str] = []
    for ri, rec in enumerate(recs):
        if cut is not None and ri > cut[0]:
            break
        actions = rec.get("actions", [])
        if cut is not None and ri == cut[0] and cut[1] is not None:
            actions = actions[: cut[1] + 1]
        label, number = _label(str(rec["number"]), numbering, len(out_recs) + 1)
        labels.append(label)
        out_recs.append({
            "number": number,
            "text": flat(rec.get("text") or "", mode),
            "theme": rec.get("theme") if "rec.theme" in shown else None,
            "response": flat(rec["response"], mode) if "rec.response" in shown and rec.get("response") else None,
            "owners": list(rec.get("owners") or []) if "rec.owners" in shown else [],
            "actions": [_action(a, shown, mode) for a in actions],
            "extra": {},
        })
    plan: Gold = {"schema_version": 1, "title": gold.get("title") or "", "organisation": None, "as_of": None,
                  "notes": None, "legend": {}, "recommendations": out_recs, "warnings": []}
    if cut is not None:
        plan["warnings"].append({"message": "Cut off after a record: the source text ends here.",
                                 "where": "last line"})
    return View(plan, labels, shown, gold.get("as_of"), gold.get("notes") or None)


def _themes_nest(gold: Gold) -> bool:
    """Themes print as headings over groups only where no unthemed recommendation follows a themed one."""
    seen = False
    for rec in gold["recommendations"]:
        if rec.get("theme"):
            seen = True
        elif seen:
            return False
    return True


def _cut_point(recs: list[Gold], unit: str, rng: random.Random) -> tuple[int, int | None] | None:
    """Where a cut-off ending falls (after this recommendation, and after this action of it), or None."""
    units: list[tuple[int, int | None]] = []
    for ri, rec in enumerate(recs):
        acts = rec.get("actions", [])
        if unit == "action" and acts:
            units.extend((ri, ai) for ai in range(len(acts)))
        else:
            units.append((ri, None))
    if len(units) < 3 or rng.random() >= 0.2:
        return None
    return units[rng.randrange(len(units) // 3, len(units) - 1)]


def _action(action: Gold, shown: set[str], mode: str) -> Gold:
    def text_of(key: str) -> str | None:
        value = action.get(key)
        return flat(value, mode) if f"action.{key}" in shown and value else None

    due = None
    if "action.due" in shown and action.get("due"):
        due = copy.deepcopy(action["due"])
        due["text"] = flat(due["text"], mode)
        due.setdefault("date", None)
        due.setdefault("precision", None)
        due.setdefault("ongoing", False)
    out: Gold = {
        "text": flat(action.get("text") or "", mode),
        "owners": list(action.get("owners") or []) if "action.owners" in shown else [],
        "due": due,
        "status": action.get("status") if "action.status" in shown else None,
        "completed": None,
        "priority": action.get("priority") if "action.priority" in shown else None,
        "timescale": text_of("timescale"),
        "anticipated_completion": text_of("anticipated_completion"),
        "commentary": text_of("commentary"),
        "measure": text_of("measure"),
        "extra": {},
    }
    if action.get("completed") and _says_complete(out):
        out["completed"] = True
    return out


def _says_complete(action: Gold) -> bool:
    """Whether a printed cell of the action carries the word that made the source's `completed` true."""
    cells: list[str | None] = [action["due"]["text"] if action.get("due") else None, action.get("timescale"),
                               action.get("anticipated_completion"), action.get("commentary")]
    return any(c and COMPLETE.search(c) for c in cells)


# -- printed values --------------------------------------------------------------------------------------------
def printed(what: str, rec: Gold, action: Gold | None, style: Style) -> str:
    if what == "rec.text":
        return str(rec["text"])
    if what == "rec.response":
        return rec.get("response") or ""
    if what == "rec.owners":
        return style.owner_sep.join(rec["owners"])
    if action is None:
        return ""
    if what == "action.text":
        return str(action["text"])
    if what == "action.owners":
        return style.owner_sep.join(action["owners"])
    if what == "action.due":
        return action["due"]["text"] if action.get("due") else ""
    if what == "action.status":
        return STATUS_PRINTED[action["status"]][style.status_form] if action.get("status") else ""
    if what == "action.priority":
        return PRIORITY_PRINTED[action["priority"]][style.priority_form] if action.get("priority") else ""
    return action.get(what.split(".", 1)[1]) or ""


def _style(view: View, rng: random.Random, line_only: bool, avoid: str = "") -> Style:
    owners = [o for r in view.plan["recommendations"] for a in r["actions"] for o in a["owners"]]
    owners += [o for r in view.plan["recommendations"] for o in r["owners"]]
    seps = [" / ", "; "] + ([] if line_only else ["\n", "\n"]) + ([", "] if not any("," in o for o in owners) else [])
    seps = [s for s in seps if s.strip() != avoid.strip() or not avoid]
    glyphs: list[str | None] = [*GLYPHS, None, None]
    return Style(rng.choice(seps), rng.randrange(3), rng.randrange(3), rng.choice(glyphs))


def _heading_for(what: str, rng: random.Random, taken: set[str]) -> str:
    options = [h for h in HEADINGS[what] if h not in taken]
    if what == "action.due" and "Timescale" in taken:
        options = [h for h in options if not h.startswith("Timescale")]
    return rng.choice(options or HEADINGS[what])


def _columns(view: View, rng: random.Random, limit: int | None = None) -> list[str]:
    """The table's columns: the recommendation first, the action text after it, the rest in shuffled order."""
    rest = [w for w in ["rec.response", "rec.owners", *ACTION_FIELDS] if w in view.shown]
    rng.shuffle(rest)
    if limit is not None:
        rest = rest[:limit]
    view.shown.intersection_update({"rec.text", "action.text", "rec.theme", *rest})
    position = rng.randrange(len(rest) + 1) if rng.random() < 0.4 else 0
    columns = ["rec.text", *rest]
    columns.insert(1 + position, "action.text")
    return columns


def _drop_unshown(view: View) -> None:
    """After a family narrows what it shows, clear those fields from the expected reading."""
    for rec in view.plan["recommendations"]:
        if "rec.response" not in view.shown:
            rec["response"] = None
        if "rec.owners" not in view.shown:
            rec["owners"] = []
        for action in rec["actions"]:
            for what in ACTION_FIELDS:
                key = what.split(".", 1)[1]
                if what not in view.shown:
                    action[key] = [] if key == "owners" else None
            if not _says_complete(action):
                action["completed"] = None


def _theme_line(theme: str, rng: random.Random) -> str:
    return f"{theme}:" if rng.random() < 0.3 else theme


def _rows_of(rec: Gold) -> list[Gold | None]:
    return list(rec["actions"]) or [None]


def _numbering(rng: random.Random, styles: list[str], view_gold: Gold) -> str:
    if any(not (r.get("text") or "").strip() for r in view_gold["recommendations"]):
        styles = [s for s in styles if s != "none"] or ["asis"]
    return rng.choice(styles)


# -- families --------------------------------------------------------------------------------------------------
def family_table(gold: Gold, rng: random.Random, frng: random.Random, form: str) -> tuple[View, Doc]:
    placement = rng.choice(["column", "column", "prefix", "none"])
    if any(not (r.get("text") or "").strip() for r in gold["recommendations"]):
        placement = "column"
    numbering = "none" if placement == "none" else rng.choice(["asis", "asis", "dot", "R"] if placement == "column"
                                                              else ["dot", "R", "recommendation"])
    view = build_view(gold, "table", rng, numbering, "action")
    columns = _columns(view, rng)
    _drop_unshown(view)
    style = _style(view, rng, line_only=False)
    if placement == "column":
        columns.insert(0, "rec.number")
    taken: set[str] = set()
    heads = []
    for what in columns:
        heads.append(_heading_for(what, rng, taken))
        taken.add(heads[-1])
    # A column that is not the plan's (when each item was logged), dates that must not become target dates.
    logged = rng.random() < 0.2
    if logged:
        columns.insert(1, "logged")
        heads.insert(1, rng.choice(["Date added", "Date raised"]))
    repeat = rng.choice(["repeat", "blank", "merge"])
    if repeat == "merge" and form == "txt":
        repeat = "blank"  # merged cells paste as one value over blank ones
    theme_rows = rng.random() < 0.5
    sep = rng.choice([". ", ": ", " – ", " "])
    parts: list[list[Block]] = []
    guidance = rng.random() < 0.2
    if guidance:
        parts.append([Block("table", rows=(tuple(GUIDANCE.get(w, "") if w != "logged" else "Date added to log"
                                                 for w in columns),), header=tuple(heads))])
    theme = None
    for rec, label in zip(view.plan["recommendations"], view.labels, strict=True):
        if rec["theme"] and rec["theme"] != theme:
            text = _theme_line(rec["theme"], rng)
            parts.append([Block("table", rows=((text,),), header=tuple(heads)) if theme_rows
                          else Block("subheading", text)])
        theme = rec["theme"]
        for i, action in enumerate(_rows_of(rec)):
            row: list[str | None] = []
            for what in columns:
                if what == "logged":
                    row.append(f"{1 + (len(parts) * 7) % 28:02d}/0{1 + len(parts) % 9}/2019")
                elif what.startswith("rec.") and i > 0 and repeat != "repeat":
                    row.append(None if repeat == "merge" else "")
                elif what == "rec.number":
                    row.append(label)
                elif what == "rec.text" and placement == "prefix":
                    row.append(f"{label.rstrip('.')}{sep}{rec['text']}".rstrip() if rec["text"] else label)
                else:
                    row.append(printed(what, rec, action, style))
            parts.append([Block("table", rows=(tuple(row),), header=tuple(heads))])
    control = rng.random() < 0.15
    doc = _assemble(view, parts, rng, landscape=True,
                    before=[Block("table", rows=tuple((line,) for line in DOCUMENT_CONTROL[1:]),
                                  header=(DOCUMENT_CONTROL[0],)), Block("blank")] if control else None)
    doc.repeat_header = rng.random() < 0.6
    doc.notes.append(f"table: columns {' | '.join(heads)}; number {placement} ({numbering}); "
                     f"recommendation cells {repeat}; themes as {'rows' if theme_rows else 'headings'}"
                     + ("; a guidance row under the header" if guidance else "")
                     + ("; a document-control block" if control else ""))
    return view, doc


def family_heading_list(gold: Gold, rng: random.Random, frng: random.Random, form: str) -> tuple[View, Doc]:
    numbering = _numbering(rng, ["dot", "R", "recommendation", "none", "none"], gold)
    view = build_view(gold, "heading_list", rng, numbering, "rec")
    style = _style(view, rng, line_only=True)
    rec_kind = rng.choice(["bold", "subheading", "para"])
    on_own_line = numbering == "recommendation" and rng.random() < 0.5
    per_rec = rng.random() < 0.5 and _one_each(view, lambda a: (a["owners"], a["due"]))
    lead, target = rng.choice(LINE_LABELS["action.owners"]), rng.choice(LINE_LABELS["action.due"])
    glyph = style.glyph if form in ("docx", "html", "pdf") else (style.glyph or frng.choice(GLYPHS))
    parts: list[list[Block]] = []
    theme = None
    for rec, label in zip(view.plan["recommendations"], view.labels, strict=True):
        part: list[Block] = []
        if rec["theme"] and rec["theme"] != theme:
            part.append(Block("heading", _theme_line(rec["theme"], rng)))
        theme = rec["theme"]
        if on_own_line or not rec["text"]:
            part.append(Block(rec_kind, label))
            if rec["text"]:
                part.append(Block("para", rec["text"]))
        else:
            joiner = ": " if numbering == "recommendation" else " "
            part.append(Block(rec_kind, f"{label}{joiner}{rec['text']}" if label else rec["text"]))
        for action in rec["actions"]:
            part.append(Block("item", action["text"], glyph=glyph))
            if not per_rec:
                part.extend(_info_lines(action, style, lead, target))
        if per_rec and rec["actions"]:
            part.extend(_info_lines(rec["actions"][0], style, lead, target))
        parts.append(part)
    doc = _assemble(view, parts, rng)
    doc.spaced = rng.random() < 0.4
    doc.notes.append(f"heading_list: numbering {numbering}; recommendations as {rec_kind}; bullets "
                     f"{glyph or 'a real list'}; lead/target lines {'per recommendation' if per_rec else 'per action'}")
    return view, doc


def _one_each(view: View, values: Callable[[Gold], object]) -> bool:
    """Whether every recommendation's actions share one set of values, so a document can print them once per
    recommendation throughout (a document that mixed the two would leave a reader unsure what a line covers)."""
    return all(len({json.dumps(values(a), sort_keys=True) for a in rec["actions"]}) <= 1
               for rec in view.plan["recommendations"])


def _info_lines(action: Gold, style: Style, lead: str, target: str) -> list[Block]:
    lines = []
    if action["owners"]:
        lines.append(Block("para", f"{lead}: {style.owner_sep.join(action['owners'])}"))
    if action["due"]:
        lines.append(Block("para", f"{target}: {action['due']['text']}"))
    return lines


def family_labelled(gold: Gold, rng: random.Random, frng: random.Random, form: str) -> tuple[View, Doc]:
    numbering = rng.choice(["word", "R", "asis", "dash"])
    view = build_view(gold, "labelled", rng, numbering, "rec")
    style = _style(view, rng, line_only=True)
    labels = {w: rng.choice(LINE_LABELS[w]) for w in ("action.owners", "action.due", "action.commentary")}
    per_rec = rng.random() < 0.4 and _one_each(view, lambda a: (a["owners"], a["due"], a["commentary"]))
    label_kind = rng.choice(["bold", "para"])
    parts: list[list[Block]] = []
    theme = None
    for rec, label in zip(view.plan["recommendations"], view.labels, strict=True):
        part: list[Block] = []
        if rec["theme"] and rec["theme"] != theme:
            part.append(Block("heading", _theme_line(rec["theme"], rng)))
        theme = rec["theme"]
        part.append(Block(label_kind, label))
        if rec["text"]:
            part.append(Block("para", rec["text"]))
        for action in rec["actions"]:
            # Under a label with no recommendation text, a paragraph would read as that text: list the actions.
            part.append(Block("para", action["text"]) if rec["text"] else
                        Block("item", action["text"], glyph=style.glyph or "•"))
            if not per_rec:
                part.extend(_labelled_lines(action, style, labels))
        if per_rec and rec["actions"]:
            part.extend(_labelled_lines(rec["actions"][0], style, labels))
        parts.append(part)
    doc = _assemble(view, parts, rng)
    doc.spaced = rng.random() < 0.5
    doc.notes.append(f"labelled: labels {numbering}; lines {'per recommendation' if per_rec else 'per action'}")
    return view, doc


def _labelled_lines(action: Gold, style: Style, labels: dict[str, str]) -> list[Block]:
    lines = _info_lines(action, style, labels["action.owners"], labels["action.due"])
    if action["commentary"]:
        lines.append(Block("para", f"{labels['action.commentary']}: {action['commentary']}"))
    return lines


def family_records(gold: Gold, rng: random.Random, frng: random.Random, form: str) -> tuple[View, Doc]:
    numbered = rng.random() < 0.6 or any(not (r.get("text") or "").strip() for r in gold["recommendations"])
    view = build_view(gold, "records", rng, rng.choice(["asis", "R"]) if numbered else "none", "action")
    style = _style(view, rng, line_only=False)
    fields = ["rec.text", *(["rec.response"] if "rec.response" in view.shown else []), "action.text"]
    rest = [w for w in ACTION_FIELDS if w in view.shown]
    if rng.random() < 0.5:
        rng.shuffle(rest)
    fields += rest
    taken: set[str] = set()
    heads = {}
    for what in ["rec.number", *fields]:
        heads[what] = _heading_for(what, rng, taken)
        taken.add(heads[what])
    colon = ":" if rng.random() < 0.3 else ""
    repeat = rng.random() < 0.5
    keep_empty = rng.random() < 0.3
    separated = rng.random() < 0.6
    parts: list[list[Block]] = []
    for rec, label in zip(view.plan["recommendations"], view.labels, strict=True):
        for i, action in enumerate(_rows_of(rec)):
            part: list[Block] = []
            pairs = [("rec.number", label)] if numbered else []
            pairs += [(w, printed(w, rec, action, style)) for w in fields]
            for what, value in pairs:
                if what.startswith("rec.") and i > 0 and not repeat:
                    continue
                if not value and not keep_empty:
                    continue
                part.append(Block("para", heads[what] + colon))
                part.extend(Block("para", line) for line in value.split("\n"))
            if separated:
                part.append(Block("blank"))
            parts.append(part)
    doc = _assemble(view, parts, rng)
    doc.notes.append(f"records: labels {', '.join(heads[w] for w in fields)}; recommendation "
                     f"{'on every record' if repeat else 'on its first record'}; empty values "
                     f"{'kept' if keep_empty else 'left out'}")
    return view, doc


def _table_rows(view: View, columns: list[str], style: Style, placement: str, repeat: bool,
                sep: str) -> list[tuple[Gold, list[str]]]:
    rows = []
    for rec, label in zip(view.plan["recommendations"], view.labels, strict=True):
        for i, action in enumerate(_rows_of(rec)):
            row = []
            for what in columns:
                if what.startswith("rec.") and i > 0 and not repeat:
                    row.append("")
                elif what == "rec.number":
                    row.append(label)
                elif what == "rec.text" and placement == "prefix":
                    row.append(f"{label.rstrip('.')}{sep}{rec['text']}")
                else:
                    row.append(printed(what, rec, action, style))
            rows.append((rec, row))
    return rows


def family_flattened(gold: Gold, rng: random.Random, frng: random.Random, form: str) -> tuple[View, Doc]:
    placement = rng.choice(["column", "prefix", "none"])
    if any(not (r.get("text") or "").strip() for r in gold["recommendations"]):
        placement = "column"
    numbering = "none" if placement == "none" else rng.choice(["asis", "dot", "R"])
    view = build_view(gold, "flattened", rng, numbering, "action")
    columns = _columns(view, rng, limit=4)
    _drop_unshown(view)
    style = _style(view, rng, line_only=True)
    if placement == "column":
        columns.insert(0, "rec.number")
    taken: set[str] = set()
    heads = []
    for what in columns:
        heads.append(_heading_for(what, rng, taken))
        taken.add(heads[-1])
    repeat = rng.random() < 0.5
    keep_empty = rng.random() < 0.5
    parts: list[list[Block]] = [[Block("para", h) for h in heads]]
    for _, row in _table_rows(view, columns, style, placement, repeat, rng.choice([". ", " "])):
        parts.append([Block("para", cell) if cell else Block("blank") for cell in row if cell or keep_empty])
    doc = _assemble(view, parts, rng)
    doc.notes.append(f"flattened: {len(heads)} headings ({' | '.join(heads)}) then cells row by row; empty "
                     f"cells {'kept as empty lines' if keep_empty else 'left out'}; number {placement}")
    return view, doc


def family_delimited(gold: Gold, rng: random.Random, frng: random.Random, form: str) -> tuple[View, Doc]:
    placement = rng.choice(["column", "column", "prefix", "none"])
    if any(not (r.get("text") or "").strip() for r in gold["recommendations"]):
        placement = "column"
    numbering = "none" if placement == "none" else rng.choice(["asis", "R"])
    view = build_view(gold, "delimited", rng, numbering, "action")
    columns = _columns(view, rng, limit=5)
    _drop_unshown(view)
    texts = [v for r in gold["recommendations"] for v in _all_text(r)]
    seps = [s for s in (" / ", " | ", "markdown") if not any(("|" if s != " / " else " / ") in t for t in texts)]
    delimiter = rng.choice(seps or ["\t"])
    style = _style(view, rng, line_only=True, avoid="/" if delimiter == " / " else "|")
    if placement == "column":
        columns.insert(0, "rec.number")
    taken: set[str] = set()
    heads = []
    for what in columns:
        heads.append(_heading_for(what, rng, taken))
        taken.add(heads[-1])
    repeat = rng.random() < 0.5
    header_per_theme = rng.random() < 0.5

    def line(cells: Iterable[str]) -> Block:
        if delimiter == "markdown":
            return Block("para", "| " + " | ".join(cells) + " |")
        return Block("para", delimiter.join(cells))

    header = [line(heads)] + ([Block("para", "|" + "---|" * len(heads))] if delimiter == "markdown" else [])
    parts: list[list[Block]] = [] if view.plan["recommendations"][0]["theme"] and header_per_theme else [header]
    theme = None
    for rec, row in _table_rows(view, columns, style, placement, repeat, rng.choice([". ", " "])):
        part: list[Block] = []
        if rec["theme"] and rec["theme"] != theme:
            part.append(Block("heading", _theme_line(rec["theme"], rng)))
            if header_per_theme:
                part.extend(header)
        theme = rec["theme"]
        part.append(line(row))
        parts.append(part)
    doc = _assemble(view, parts, rng)
    doc.notes.append(f"delimited: cells split by {delimiter!r}; header {' | '.join(heads)}; number {placement}")
    return view, doc


def _all_text(rec: Gold) -> list[str]:
    out = [rec.get("text") or "", rec.get("response") or ""]
    for a in rec.get("actions", []):
        out += [a.get(k) or "" for k in ("text", "commentary", "measure", "timescale", "anticipated_completion")]
        out += list(a.get("owners") or []) + ([a["due"]["text"]] if a.get("due") else [])
    return out


def family_row_per_line(gold: Gold, rng: random.Random, frng: random.Random, form: str) -> tuple[View, Doc]:
    numbering = _numbering(rng, ["dot", "R", "recommendation", "none"], gold)
    view = build_view(gold, "row_per_line", rng, numbering, "action")
    style = _style(view, rng, line_only=True)
    if style.owner_sep == "; ":
        style.owner_sep = ", " if not any("," in o for o in _all_owners(view)) else " / "
    gap = rng.choice(["  ", "  ", "   ", "\t"])
    # Bullets where a line could otherwise be read either way: under unnumbered recommendations, or under a
    # number with no recommendation text (the first action line would read as that text).
    empty = any(not r["text"] for r in view.plan["recommendations"])
    bullets = rng.random() < 0.4 or numbering == "none" or empty
    glyph = rng.choice(GLYPHS) if bullets else None
    parts: list[list[Block]] = []
    theme = None
    for rec, label in zip(view.plan["recommendations"], view.labels, strict=True):
        part: list[Block] = []
        if rec["theme"] and rec["theme"] != theme and numbering != "none":
            part.append(Block("heading", _theme_line(rec["theme"], rng)))
        elif numbering == "none":
            rec["theme"] = None
        theme = rec["theme"]
        joiner = ": " if numbering == "recommendation" else " "
        part.append(Block("para", f"{label}{joiner}{rec['text']}".strip() if label else rec["text"]))
        parts.append(part)
        for action in rec["actions"]:
            cells = [action["text"], style.owner_sep.join(action["owners"]),
                     action["due"]["text"] if action["due"] else ""]
            text = gap.join(c for c in cells if c)
            parts.append([Block("item", text, glyph=glyph) if glyph else Block("para", text)])
    doc = _assemble(view, parts, rng)
    doc.notes.append(f"row_per_line: numbering {numbering}; owner and date run on after the action, gap {gap!r}; "
                     f"bullets {glyph or 'none'}")
    return view, doc


def _all_owners(view: View) -> list[str]:
    return [o for r in view.plan["recommendations"] for a in r["actions"] for o in a["owners"]]


BUILDERS = {
    "table": family_table, "heading_list": family_heading_list, "labelled": family_labelled,
    "records": family_records, "flattened": family_flattened, "delimited": family_delimited,
    "row_per_line": family_row_per_line,
}


# -- the page around the plan ----------------------------------------------------------------------------------
def _month_end(day: date) -> bool:
    return day.day == monthrange(day.year, day.month)[1]


def _assemble(view: View, parts: list[list[Block]], rng: random.Random, landscape: bool = False,
              before: list[Block] | None = None) -> Doc:
    """Title, date line and notes over the parts; page chrome (a banner, "Page n of N" lines between parts, a
    footer) as the seed decides. Sets the expected reading's plan-level fields to what was printed."""
    plan = view.plan
    blocks: list[Block] = []
    notes = []
    banner = rng.random() < 0.35
    if banner:
        blocks += [Block("chrome", line) for line in rng.choice(BANNERS)]
    blocks += before or []
    show_title = bool(plan["title"]) and rng.random() < 0.9
    if show_title:
        blocks.append(Block("title", plan["title"]))
    else:
        plan["title"] = ""
    if show_title and view.as_of:
        day = date.fromisoformat(view.as_of)
        stamp = f"{month_name[day.month]} {day.year}"
        if stamp not in plan["title"]:
            blocks.append(Block("para", rng.choice(["Updated ", "Position as at "]) + stamp if _month_end(day)
                                else f"As at {day.day} {month_name[day.month]} {day.year}"))
        plan["as_of"] = view.as_of
    if view.notes and rng.random() < 0.7:
        blocks += [Block("para", p) for p in view.notes.split("\n") if p.strip()]
        plan["notes"] = view.notes
    pages = rng.random() < 0.35
    total = max(2, len(parts) // 6 + 2)
    page = 1
    for i, part in enumerate(parts):
        if pages and i > 0 and rng.random() < 0.15 and page < total:
            page += 1
            blocks.append(Block("chrome", f"Page {page} of {total}"))
        blocks += part
    cut = any(w["message"].startswith("Cut off") for w in plan["warnings"])
    footer = not cut and rng.random() < 0.35
    if footer:
        blocks += [Block("chrome", line) for line in rng.choice(FOOTERS)]
    chrome = [n for n, on in (("banner", banner), ("page lines", pages), ("footer", footer)) if on]
    notes.append("page chrome: " + (", ".join(chrome) or "none"))
    return Doc(blocks, landscape=landscape, notes=notes)


def organisation(org: str | None, plan: Gold) -> str | None:
    if not org:
        return None
    words = [plan["title"], plan["notes"] or ""]
    for rec in plan["recommendations"]:
        words += _all_text(rec) + list(rec["owners"]) + [rec.get("theme") or ""]
    return org if re.search(rf"(?<!\w){re.escape(org)}(?!\w)", "\n".join(words)) else None
