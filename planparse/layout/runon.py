"""One row a line with its cells run together: a table copied from a web page, each row's cells joined by
spaces ("Relationship with devolution 1.1 It is important … Continue to consider as part of Business as
Usual"), under a header line whose headings are run together too.

What still marks a cell boundary inside such a line, in order of strength:
- a reference code after some words ("… devolution 1.1 It is …"): the numbered cell starts at the code;
- a phrase that ends several rows ("Continue to consider as part of Business as Usual"): a cell repeated
  down the rows, as a merged or repeated cell is;
- the end of a sentence followed by a capital, where the row still has too few cells.
Each row's cells are aligned so that the numbered cell sits in the column where rows with every cell put it.
"""

from __future__ import annotations

import re
from collections import Counter

from .. import columns as col
from ..blocks import Block, Cell, Paragraph, Row, Table
from .kinds import kinds

# Words a column heading is made of, beyond the synonym table's own (a heading of these words only is known).
MODIFIERS = {"original", "agreed", "key", "proposed", "planned", "lead", "responsible", "target", "current",
             "overall", "our", "council", "management", "expected", "revised", "date", "dates", "by", "of",
             "to", "be", "the", "and", "for", "taken", "required", "officer", "owner", "rating", "status", "no",
             "ref", "number", "what", "we", "will", "do", "how", "when", "who", "progress", "update", "comments"}
HEADING_WORDS = MODIFIERS | {w for h in col.KNOWN_HEADINGS | set(col.SYNONYMS) for w in col.normalise(h).split()}
HEAD_WORDS = {"recommendation", "recommendations", "action", "actions", "lead", "owner", "target", "date", "due",
              "status", "rag", "progress", "update", "comments", "timescale", "response", "measure", "priority",
              "ref", "no", "issue", "suggestion", "deadline", "responsible", "officer", "milestones", "outcome"}
CODE = re.compile(r"(?<=\s)(?:[A-Z]{1,4})?\d{1,2}\.\d{1,2}[a-z]?(?=\s+\S)")
SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9)’”])[.!?\]]\s+(?=[A-Z“‘\[])")


def header_fragment(text: str) -> bool:
    """A line of column headings only ("Progress Lead Target date Status"): every word a heading word, two
    fields named."""
    words = col.normalise(text).split()
    return 2 <= len(words) <= 12 and all(w in HEADING_WORDS for w in words) and \
        sum(1 for w in words if col.role_for(w) is not None) >= 2


def header_phrases(text: str, max_words: int = 24) -> list[str] | None:
    """A line of headings run together, cut into its headings: known ones (every word a heading word, the
    phrase naming a field) and the runs of other words between them (headings the synonyms do not know)."""
    words = text.split()
    n = len(words)
    if not 2 <= n <= max_words or text.rstrip().endswith((".", ",", ";", ":")):
        return None
    if sum(1 for w in words if col.normalise(w) in HEAD_WORDS) < 2:
        return None  # most lines: not two heading words in them
    best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for end in range(1, n + 1):
        for start in range(max(0, end - 6), end):
            prev = best[start]
            if prev is None:
                continue
            span = " ".join(words[start:end])
            norm = col.normalise(span).split()
            # One heading names one field: its words that name fields all name the same one ("Target date",
            # not "Timescale Progress Comments").
            word_roles = {col.role_for(w) for w in norm} - {None}
            known = (bool(norm) and all(w in HEADING_WORDS for w in norm) and col.role_for(span) is not None
                     and len(word_roles) <= 1)
            # Every word a known heading covers counts, every cut costs: "Target date" is one heading.
            if known:
                score = prev[0] + (end - start) - 0.5
            elif not any(col.normalise(w) in HEADING_WORDS and col.role_for(w) or re.fullmatch(r"\d+|[A-Za-z]", w)
                         for w in words[start:end]):  # no heading word, no lone digit or letter
                score = prev[0] - 0.2 * (end - start) - 0.5  # a heading the synonyms do not know
            else:
                continue
            current = best[end]
            if current is None or score > current[0]:
                best[end] = (score, prev[1] + [span])
    found = best[n]
    if found is None:
        return None
    phrases = found[1]
    roles = {col.role_for(p) for p in phrases if col.is_heading_text(p)}
    if len(phrases) < 2 or not roles & {col.ACTION, col.RECOMMENDATION} or len(roles) < 2 and len(phrases) < 3:
        return None
    return phrases


def run_on(blocks: list[Block]) -> list[tuple[str, list[Block], dict[str, str]]]:
    out = []
    for i, b in enumerate(blocks):
        if not isinstance(b, Paragraph) or "\n" in b.text or b.is_bullet:
            continue
        headings = header_phrases(b.text)
        if headings is None:
            continue
        lines: list[Paragraph] = []
        j = i + 1
        while j < len(blocks) and isinstance(blocks[j], Paragraph) and not blocks[j].is_bullet:  # type: ignore[union-attr]
            p = blocks[j]
            assert isinstance(p, Paragraph)
            if kinds(p.text).chrome:
                j += 1
                continue
            if len(p.text.split()) < 4 and lines:
                break
            lines.append(p)
            j += 1
        if len(lines) < 2:
            continue
        rows = _rows(lines, len(headings))
        if rows is None:
            continue
        table = Table(rows=[Row([Cell(h) for h in headings], where=b.where, header=True), *rows], where=b.where)
        numbered = _numbered_column(rows)
        hints: dict[str, str] = {}
        if numbered is not None and col.role_for(headings[numbered]) is None:
            # The numbered column of wording is the recommendations; a column named for them beside it holds
            # the topic it was grouped under, kept in ``extra``.
            hints = {headings[numbered]: col.RECOMMENDATION}
            hints.update({h: "ignore" for h in headings if col.role_for(h) == col.RECOMMENDATION})
        out.append(("run_on", [*blocks[:i], table, *blocks[j:]], hints))
    return out


def _rows(lines: list[Paragraph], n_cols: int) -> list[Row] | None:
    texts = [" ".join(p.text.split()) for p in lines]
    suffixes = _repeated_suffixes(texts)
    cut_rows = [_cells(t, suffixes, n_cols) for t in texts]
    full = [cells for cells in cut_rows if len(cells) == n_cols]
    if not full:
        return None
    # Where the numbered cell sits in a row with every cell: rows with fewer cells are aligned to it.
    code_at = Counter(k for cells in full for k, c in enumerate(cells) if _starts_with_code(c))
    anchor = code_at.most_common(1)[0][0] if code_at else None
    rows: list[Row] = []
    note = ["rows' cells ran together on their lines; they were split where a number, a repeated phrase or the "
            "end of a sentence shows a boundary: check them"]
    for p, cells in zip(lines, cut_rows, strict=True):
        if len(cells) < n_cols:
            at = next((k for k, c in enumerate(cells) if _starts_with_code(c)), None)
            lead = anchor - at if anchor is not None and at is not None and anchor >= at else 0
            cells = [""] * lead + cells
            cells += [""] * (n_cols - len(cells))
        rows.append(Row([Cell(c) for c in cells[:n_cols]], where=p.where, notes=note if not rows else []))
    return rows


def _repeated_suffixes(texts: list[str]) -> list[str]:
    """Phrases of three words or more that end two rows or more."""
    ends: Counter[str] = Counter()
    for t in texts:
        words = t.split()
        for k in range(3, min(12, len(words) - 2) + 1):
            ends[" ".join(words[-k:])] += 1
    repeated = [s for s, c in ends.items() if c >= 2]
    # The longest of each family ("as part of Business as Usual" inside "Continue to consider as part of …").
    return sorted((s for s in repeated if not any(o != s and o.endswith(" " + s) for o in repeated)),
                  key=len, reverse=True)


def _cells(text: str, suffixes: list[str], n_cols: int) -> list[str]:
    cells = [text]
    for suffix in suffixes:
        if text.endswith(" " + suffix):
            cells = [text[: -len(suffix)].rstrip(), suffix]
            break
    head = cells[0]
    m = CODE.search(head)
    if m and len(cells) < n_cols and 1 <= len(head[:m.start()].split()) <= 8:
        cells = [head[:m.start()].strip(), head[m.start():].strip(), *cells[1:]]
    while len(cells) < n_cols:
        # The last cell still holds two: cut at its last sentence end followed by a capital.
        last = cells[-1]
        breaks = [b for b in SENTENCE_BREAK.finditer(last) if 3 <= len(last[b.end():].split()) <= 25]
        if not breaks:
            break
        b = breaks[-1]
        cells = [*cells[:-1], last[:b.start() + 1].strip() if last[b.start()] in ".!?]" else last[:b.start()].strip(),
                 last[b.end():].strip()]
    return [c for c in cells if c]


def _starts_with_code(text: str) -> bool:
    return bool(re.match(r"^(?:[A-Z]{1,4})?\d{1,2}(?:\.\d{1,2})+[a-z]?\s", text))


def _numbered_column(rows: list[Row]) -> int | None:
    counts = Counter(k for r in rows for k, c in enumerate(r.cells) if _starts_with_code(c.text))
    if not counts:
        return None
    k, n = counts.most_common(1)[0]
    return k if n >= 0.6 * len(rows) else None
