"""Text rules shared by the readers and the interpreter: markup removal, bullets and whitespace.

Every field of a plan follows the same rules (see CONVENTIONS.md): markup and list markers removed, spaces
inside a line collapsed, each line break kept, runs of blank lines reduced to one, blank edges dropped.
"""

from __future__ import annotations

import html
import re

from .blocks import BULLET

# Characters a source uses as list markers at the start of a line.
MARKERS = "•·▪◦●○■□►▸‣⁃*-–"
# "o" is Word's second-level bullet as text keeps it ("o Review the policy"); only before a capital, so a
# sentence is never taken for a list item.
MARKER_LINE = re.compile(r"^\s*(?:[•·▪◦●○■□►▸‣⁃]|[-–*](?=\s)|o(?=\s+[A-Z0-9“‘\"']))\s*")
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)\s*>")
# Tags whose boundaries start a new line; a <li> (or a bare <ul>, which some converters leave without its
# <li>) starts a bullet.
LINE_TAGS = {"p", "div", "br", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "ol", "blockquote"}
BULLET_TAGS = {"li", "ul"}


def has_markup(text: str) -> bool:
    return bool(TAG.search(text)) or bool(re.search(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", text, re.I))


def html_to_lines(text: str) -> str:
    """An HTML fragment as block-contract text: one line per paragraph, "• " for each list item."""
    out: list[str] = []
    pos = 0
    for m in TAG.finditer(text):
        out.append(text[pos:m.start()])
        pos = m.end()
        closing, name = m.group(1), m.group(2).lower()
        if name in BULLET_TAGS:
            out.append("\n\x00" if not closing else "\n")
        elif name in LINE_TAGS:
            out.append("\n")
    out.append(text[pos:])
    joined = html.unescape("".join(out))
    lines = []
    for raw in joined.split("\n"):
        bullet = "\x00" in raw
        line = squash(raw.replace("\x00", ""))
        if not line:
            continue
        lines.append(BULLET + strip_marker(line) if bullet else line)
    return "\n".join(lines)


def squash(line: str) -> str:
    """One line with invisible characters removed and runs of spaces collapsed."""
    return SPACES.sub(" ", INVISIBLE.sub("", line)).strip()


def strip_marker(line: str) -> str:
    """A line without its list marker ("• ", "· ", "- ")."""
    return MARKER_LINE.sub("", line, count=1).strip()


def is_bullet(line: str) -> bool:
    return line.startswith(BULLET) or bool(re.match(r"^\s*[•·▪◦●○■□►▸‣⁃]", line))


def normalise_bullet(line: str) -> str:
    """A line with whatever marker the source used replaced by the contract's BULLET."""
    if MARKER_LINE.match(line):
        return BULLET + strip_marker(line)
    return line


def tidy(text: str) -> str:
    """Field text: lines squashed, runs of blank lines reduced to one, blank edges dropped."""
    lines = [squash(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


def plain(text: str) -> str:
    """Field text with list markers removed from every line."""
    return tidy("\n".join(strip_marker(line) if is_bullet(line) else line for line in text.split("\n")))


def one_line(text: str) -> str:
    """Text with its line breaks turned into single spaces."""
    return squash(text.replace("\n", " "))


def words(text: str) -> list[str]:
    return re.findall(r"[\w’'&()/.-]+", text)
