"""Blocks → the most plausible Plan: several layout proposers each offer a whole reading; a ranker chooses.

    blocks ─┬─ as read (the interpreter over the blocks as the reader gave them) ─┐
            ├─ heading_list  (a paragraph, then a bulleted list of actions)         │
            ├─ labelled:*    (one per label family: "Recommendation One", "R2", "1.") ├─ interpret → Plan ─ rank
            ├─ records       (a field label alone on a line, its value after it)    │
            └─ flattened:*   (a header, then the cells one a line or delimited)     ┘

Every proposer rewrites the document into blocks whose structure is a plain table (``canonical``), so one
interpreter, with its normalisers (dates, owners, legends, completed), reads every candidate. The ranker
(``rank.plausibility``) needs no gold. The plan carries which reading won, its confidence, the runner-up and
the text that no field took (``Plan.reading``), with warnings where the reading is doubtful.
Hints (``Options.hints``) steer it: a layout to use, where the content starts, column roles.
"""

from __future__ import annotations

from ..blocks import Block, Paragraph, Table
from ..interpret import interpret
from ..model import Plan, Reading
from ..options import Hints
from ..text import normalise_bullet
from .flattened import delimited, flattened
from .kinds import kinds
from .onepara import one_paragraph
from .proposers import headerless, heading_list, labelled, records
from .rank import WORD, Plausibility, document_words, plausibility, unplaced
from .runon import run_on
from .settings import DEFAULT, LayoutSettings
from .tables import role_alternatives

AS_READ = "as read"


Candidate = tuple[str, list[Block], dict[str, str]]  # (layout, rewritten blocks, column-role hints)


def candidates(blocks: list[Block], settings: LayoutSettings = DEFAULT) -> list[Candidate]:
    """Every proposer's rewriting of the document (the reading as it came is ``read``'s own), each with the
    column roles it settled for headings the synonyms do not know."""
    out: list[Candidate] = []
    blocks = [_bulleted(b) for b in blocks]
    lines = lines_view(blocks)
    # A PDF's paragraphs may hold a label and its value, or a heading and its text, as lines of one
    # paragraph: the paragraph proposers also read the document a line at a time.
    views = [(blocks, "")] + ([(lines, " (lines)")] if len(lines) != len(blocks) else [])
    for view, suffix in views:
        found_records = records(view)
        if found_records is not None:
            out.append(("records" + suffix, *found_records))
        out.extend((name + suffix, found, {}) for name, found in heading_list(view))
        out.extend((name + suffix, found, {}) for name, found in labelled(view))
        out.extend((name + suffix, found, roles) for name, found, roles in flattened(view, settings))
    out.extend(delimited(blocks, settings))
    out.extend(run_on(blocks))
    out.extend((name, found, {}) for name, found in headerless(blocks))
    out.extend(one_paragraph(blocks, settings))
    form = form_view(blocks)
    if form is not None:
        found_form = records(form)
        if found_form is not None:
            out.append(("records (form)", found_form[0], found_form[1]))
    out.extend((name, blocks, roles) for name, roles in role_alternatives(blocks))
    return out


def form_view(blocks: list[Block]) -> list[Block] | None:
    """Two-column tables of "label | value" rows (a form, one table a record) as label and value lines."""
    out: list[Block] = []
    changed = False
    for b in blocks:
        if isinstance(b, Table) and b.rows and all(len(r.cells) == 2 for r in b.rows):
            labelled_rows = sum(1 for r in b.rows if kinds(r.cells[0].text).label_role is not None)
            if labelled_rows >= 0.6 * len(b.rows):
                for r in b.rows:
                    label = " ".join(r.cells[0].text.split()).rstrip(":")
                    out.append(Paragraph(f"{label}:", where=r.where))  # the colon marks it a label
                    out.extend(Paragraph(line, where=r.where) for line in r.cells[1].text.split("\n") if line.strip())
                changed = True
                continue
        out.append(b)
    return out if changed else None


def _bulleted(b: Block) -> Block:
    """A paragraph whose text opens with a list marker the reader left ("- ", "o ") as a list item."""
    if isinstance(b, Paragraph) and not b.is_bullet and "\n" not in b.text:
        text = normalise_bullet(b.text)
        if text != b.text:
            return Paragraph(text, heading=b.heading, where=b.where, gap=b.gap)
    return b


def lines_view(blocks: list[Block]) -> list[Block]:
    """The blocks with each line of a paragraph as a paragraph of its own (tables as they are)."""
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Paragraph) and "\n" in b.text.strip():
            parts = [ln.strip() for ln in b.text.split("\n")]
            gap = b.gap
            for line in parts:
                if line:
                    out.append(_bulleted(Paragraph(line, heading=b.heading, where=b.where, gap=gap)))
                    gap = 0
                else:
                    gap += 1
        else:
            out.append(b)
    return out


def read(blocks: list[Block], hints: Hints | None = None, settings: LayoutSettings = DEFAULT) -> Plan:
    """The plan the blocks most plausibly describe."""
    hints = hints or Hints()
    blocks = _from_start(blocks, hints.start)
    doc = document_words(blocks)
    scored: list[tuple[float, str, Plan, Plausibility]] = []
    if not hints.layout or _family(AS_READ, hints.layout):
        plan = interpret(blocks, column_roles=hints.columns)
        p = plausibility(plan, doc, settings, headings=_header_words(blocks))
        scored.append((p.score + settings.as_read_prior, AS_READ, plan, p))
    # A reading of the document's own structure that places nearly everything, plausibly, is not second-
    # guessed: the other proposers are not run (they cost a parse each).
    settled = bool(scored) and scored[0][3].score >= settings.settled and not hints.layout
    for name, rewritten, roles in ([] if settled else candidates(blocks, settings)):
        if hints.layout and not _family(name, hints.layout):
            continue
        if hints.columns and name.startswith("table:"):
            continue  # the person has said what the columns are
        plan = interpret(rewritten, column_roles=roles | hints.columns)
        p = plausibility(plan, doc, settings, headings=_header_words(rewritten))
        scored.append((p.score, name, plan, p))
    if not scored:  # a layout hint that matched nothing: read as read, and say so
        plan = interpret(blocks, column_roles=hints.columns)
        plan.warn(f"the document has no {hints.layout!r} layout; it was read as it came")
        p = plausibility(plan, doc, settings)
        scored.append((p.score, AS_READ, plan, p))
    # Highest score first; a tie keeps the proposers' order (the document's own structure first).
    order = sorted(range(len(scored)), key=lambda k: (-scored[k][0], k))
    best = scored[order[0]]
    runner = next((scored[k] for k in order[1:] if scored[k][2].recommendations), None)
    plan = best[2]
    confidence = round(min(1.0, best[3].score), 3)
    plan.reading = Reading(layout=best[1], confidence=confidence,
                           runner_up=(runner[1], round(min(1.0, runner[3].score), 3)) if runner else None,
                           unplaced=unplaced(blocks, plan),
                           candidates=[(scored[k][1], round(scored[k][0], 4), len(scored[k][2].recommendations),
                                        len(scored[k][2].actions)) for k in order])
    _warn(plan, blocks, best[3], runner, settings)
    return plan


FAMILY_WORDS = {
    AS_READ: "the document's own tables and headings",
    "heading_list": "paragraphs or headings, each followed by a list of its actions",
    "labelled:word": "blocks labelled 'Recommendation 1', 'Recommendation One'",
    "labelled:code": "blocks labelled with codes ('R1', 'AFD2')",
    "labelled:number": "numbered paragraphs ('1.', '2.')",
    "labelled:dotted": "paragraphs numbered '1.1', '1.2'",
    "labelled:word alone": "blocks labelled 'One', 'Two'",
    "records": "records of a label on its own line and its value under it",
    "records (form)": "tables of labels and values, one table a record",
    "flattened:lines": "a table pasted one cell to a line",
    "flattened:delimited": "a table pasted with ' / ' or ' | ' between cells",
    "delimited:|": "one row a line, cells between ' | '",
    "delimited:/": "one row a line, cells between ' / '",
    "run_on": "one row a line, its cells run together",
    "headerless": "paragraphs, each over a table of its actions with no header",
    "one_paragraph": "a whole table run together in one paragraph",
}


def describe(layout: str) -> str:
    """A reading's layout name in words a person reading the review screen understands."""
    name = layout.removesuffix(" (lines)")
    trailing = name.endswith("+row_per_line")
    name = name.removesuffix("+row_per_line")
    if name.startswith("table:"):
        heading, _, role = name[len("table:"):].rpartition(" as ")
        words = f"the document's tables, with the column '{heading}' as the {role}s"
    else:
        words = FAMILY_WORDS.get(name, name)
    if trailing:
        words += ", each action's lead and date at the end of its line"
    return words


def _header_words(blocks: list[Block]) -> set[str]:
    """Words a reading used as column headings: structure, not content left out."""
    words: set[str] = set()
    for b in blocks:
        if isinstance(b, Table):
            for row in b.rows[:2]:
                if row.header:
                    words |= {w for t in row.texts for w in WORD.findall(t.lower())}
    return words


def _family(name: str, wanted: str) -> bool:
    name = name.removesuffix(" (lines)").split("+")[0]
    return name == wanted or name.split(":")[0] == wanted


def _from_start(blocks: list[Block], start: str | None) -> list[Block]:
    """The blocks from the first one whose text begins with ``start`` (a hint "the plan starts here")."""
    if not start:
        return blocks
    needle = " ".join(start.split()).lower()
    for i, b in enumerate(blocks):
        texts = [b.text] if isinstance(b, Paragraph) else [c.text for r in b.rows for c in r.cells]
        if any(" ".join(t.split()).lower().startswith(needle) for t in texts):
            return blocks[i:]
    return blocks


def _warn(plan: Plan, blocks: list[Block], best: Plausibility, runner: tuple[float, str, Plan, Plausibility] | None,
          settings: LayoutSettings) -> None:
    if not plan.recommendations:
        seen = _what_was_seen(blocks)
        plan.warn(f"no recommendations were found: the document holds {seen}, and no layout the importer "
                  "knows fits it; add the recommendations on the review screen or read it again with a hint")
        return
    assert plan.reading is not None
    if best.score < settings.low_confidence:
        plan.warn(f"the layout was hard to read (confidence {best.score:.2f}; read as {plan.reading.layout}): "
                  "check the recommendations and actions against the document")
    if runner and best.score - runner[3].score < settings.close_runner_up:
        plan.warn(f"another reading was almost as likely ({runner[1]}, {runner[3].score:.2f} against "
                  f"{best.score:.2f}): if this one is wrong, read it again as {runner[1]}")
    for rec in plan.recommendations:
        where = f"recommendation {rec.number}"
        if not rec.text.strip():
            plan.warn("this recommendation has no wording: its text was not found in the document", where)
        if not rec.actions:
            plan.warn("this recommendation has no actions", where)
    if plan.reading.unplaced:
        text, where = plan.reading.unplaced[0]
        more = len(plan.reading.unplaced) - 1
        plan.warn(f"text that no field took: {' '.join(text.split())[:80]!r}"
                  + (f" and {more} more passage{'s' if more > 1 else ''}" if more else ""), where)


def _what_was_seen(blocks: list[Block]) -> str:
    paragraphs = sum(1 for b in blocks if isinstance(b, Paragraph))
    bullets = sum(1 for b in blocks if isinstance(b, Paragraph) and b.is_bullet)
    tables = [b for b in blocks if isinstance(b, Table)]
    parts = [f"{paragraphs} paragraph{'s' if paragraphs != 1 else ''}"]
    if bullets:
        parts.append(f"{bullets} bullet point{'s' if bullets != 1 else ''}")
    if tables:
        parts.append(f"{len(tables)} table{'s' if len(tables) != 1 else ''} "
                     f"({sum(len(t.rows) for t in tables)} rows)")
    return ", ".join(parts)
