"""Line rules shared by the Word and PDF readers (the text contract in ``planparse.blocks``)."""

from __future__ import annotations

import re

from ..blocks import BULLET

# Characters documents type (or fonts draw) as list markers at the start of a line. "" is Symbol's
# bullet as Word's Symbol font exports it; "o" is deliberately absent (it starts words).
MARKER = re.compile(r"^\s*(?:[•·▪◦●○■□►▸‣⁃\uf0b7\uf0a7\uf0d8\uf076]|[-–](?=\s))\s*")
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def squash(line: str) -> str:
    """A line with invisible characters removed, runs of spaces collapsed and its edges stripped."""
    return SPACES.sub(" ", INVISIBLE.sub("", line)).strip()


def as_bullet(line: str) -> str:
    """A list item as the contract writes it: BULLET, then the text without the source's own marker."""
    return BULLET + MARKER.sub("", line, count=1).strip()


def typed_bullet(line: str) -> str:
    """A line whose typed marker (•, ·, a dash and a space) is replaced by BULLET; other lines unchanged."""
    if line.startswith(BULLET):
        return line
    if MARKER.match(line) and MARKER.sub("", line, count=1).strip():
        return as_bullet(line)
    return line


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs of one cell as contract text: one per line, a run of empty ones kept as one blank line."""
    out: list[str] = []
    for text in paragraphs:
        for line in text.split("\n"):
            line = squash(line)
            if line or (out and out[-1]):
                out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
