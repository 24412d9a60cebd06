"""A whole table in one paragraph: a spreadsheet or a PDF table flattened to running text, as document sites'
transcripts keep it ("… Ref CQC Requirements Action Agreed Accountable Director … Status Immediate action
taken to ensure … Chief Operating Officer … 04/01/2016 Non recurrent funding was agreed …").

Nothing marks a cell but its content. The header is the longest run of words that reads as headings run
together (``runon.header_phrases``); the text after it is cut into units at the things that plainly stand
alone (a date, a rating or priority in capitals, a reference number) and at sentence ends; the cell-sequence
decoder (``flattened``) then assigns the units to the columns by content. A rough reading, warned about as one.
"""

from __future__ import annotations

import re

from .. import columns as col
from ..blocks import Block, Cell, Paragraph, Row, Table
from .flattened import Unit, _decode, _roles, settle_roles
from .runon import HEAD_WORDS, header_phrases
from .settings import DEFAULT, LayoutSettings

# Things that are a cell of their own wherever they stand in running text.
ANCHOR = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*-\d{2}\b|"
    r"\b(?:LOW|MEDIUM|HIGH|RED|AMBER|GREEN|BLUE)\b", re.I)
SENTENCE = re.compile(r"(?<=[a-z0-9)’”][.!?])\s+(?=[A-Z])")
MIN_WORDS = 60  # shorter paragraphs are paragraphs, not tables


def one_paragraph(blocks: list[Block], settings: LayoutSettings = DEFAULT) -> list[tuple[str, list[Block], dict[str, str]]]:
    out = []
    for i, b in enumerate(blocks):
        if not isinstance(b, Paragraph) or len(b.text.split()) < MIN_WORDS:
            continue
        found = _header_in(b.text)
        if found is None:
            continue
        headings, rest = found
        units = _units(rest, b.where)
        if len(units) < len(headings) // 2:
            continue
        roles = settle_roles(units, _roles(headings), settings, headings)
        rows = _decode(units, roles, settings)
        if not rows:
            continue
        rows[0].notes.append("a whole table was found in one paragraph: its cells were told apart by what they "
                             "hold, so check every field against the document")
        table = Table(rows=[Row([Cell(h) for h in headings], where=b.where, header=True), *rows], where=b.where)
        hints = {h: r for h, r, was in zip(headings, roles, _roles(headings), strict=True) if r and r != was}
        out.append(("one_paragraph", [*blocks[:i], table, *blocks[i + 1:]], hints))
    return out


def _header_in(text: str) -> tuple[list[str], str] | None:
    """The window of words that best reads as a header (most headings the synonyms know, fewest words they do
    not), and the text after it."""
    words = text.split()
    best: tuple[float, int, list[str]] | None = None
    # A header opens on a heading's word; a few such places are tried, so a long paragraph stays cheap.
    starts = [k for k in range(min(len(words), 80)) if col.normalise(words[k]) in HEAD_WORDS][:6]
    if len(starts) < 3:
        return None
    for start in starts:
        for end in range(start + 4, min(len(words), start + 40) + 1):
            phrases = header_phrases(" ".join(words[start:end]), max_words=40)
            if not phrases or len(phrases) < 4:
                continue
            known = [p for p in phrases if col.is_heading_text(p)]
            unknown_words = sum(len(p.split()) for p in phrases if p not in known)
            score = len(known) - 0.3 * unknown_words
            if best is None or score > best[0]:
                best = (score, end, phrases)
    if best is None or best[0] < 3:
        return None
    return best[2], " ".join(words[best[1]:])


def _units(text: str, where: str) -> list[Unit]:
    pieces: list[str] = []
    last = 0
    for m in ANCHOR.finditer(text):
        pieces.append(text[last:m.start()])
        pieces.append(m.group(0))
        last = m.end()
    pieces.append(text[last:])
    units = []
    for piece in pieces:
        for sentence in SENTENCE.split(piece.strip()):
            sentence = sentence.strip()
            if sentence:
                units.append(Unit(sentence, "cell", where))
    return units
