"""Reading single cells: recommendation labels, RAG, priority, "complete", and lists of items in a cell."""

from __future__ import annotations

import re

from ..text import is_bullet, plain, strip_marker, tidy

RAG = {"g": "green", "green": "green", "a": "amber", "amber": "amber", "r": "red", "red": "red",
       "b": "blue", "blue": "blue"}
PRIORITY = {"h": "high", "high": "high", "m": "medium", "med": "medium", "medium": "medium", "l": "low",
            "low": "low"}
# "Completed in May" is done; "Complete by March 2024" is a target.
COMPLETE = re.compile(r"^\W*(?:(?:completed|delivered|achieved|closed|done|(?:fully )?implemented)\b|complete\b(?!\s+(?:by|in|on|for|within)\b))",
                      re.I)
NOT_COMPLETE = re.compile(r"\bnot (?:yet )?complete", re.I)

# "RECOMMENDATION 4", "Recommendation One:", "Rec 3 –"
WORD_LABEL = re.compile(
    r"^\s*(?:recommendation|rec\.?)\s+((?:[A-Z]{0,5}\d+(?:\.\d+)*[a-z]?)|[A-Za-z]+)\b\s*[:.)–—-]?\s*", re.I)
# "R8.1:", "R1 "
R_LABEL = re.compile(r"^\s*(R\d+(?:\.\d+)*[a-z]?)\s*[:.)–—-]?\s*")
# "13:", "6.", "2)", "1.2 " (a number then punctuation or the end), and "1.2 Text" (a dotted number, a space)
NUM_LABEL = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,2})*[a-z]?)\s*(?:[:.)–—-]\s*|$|(?<=\.\d)\s+|(?<=\.\d\d)\s+)")
NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
                "twenty"}
# An item's own marker at the start of its line: "a. ", "(b) ", "1. ", "2) ".
LETTER_ITEM = re.compile(r"^\s*\(?([a-z]|\d{1,2})[.)]\s+")


def rec_label(text: str, bare_numbers: bool = True) -> tuple[str, str] | None:
    """(number, rest) where a text starts with a recommendation's label."""
    first = text.split("\n", 1)[0]
    m = WORD_LABEL.match(first)
    if m and (m.group(1)[0].isdigit() or m.group(1)[-1].isdigit() or m.group(1).lower() in NUMBER_WORDS):
        number = m.group(1)
    else:
        m = R_LABEL.match(first)
        if m:
            number = m.group(1)
        elif bare_numbers:
            m = NUM_LABEL.match(first)
            if not m:
                return None
            number = m.group(1)
        else:
            return None
    rest = text[m.end():] if "\n" not in text else first[m.end():] + "\n" + text.split("\n", 1)[1]
    return number, rest.strip()


def clean_number(text: str) -> str:
    """A number cell as printed, without trailing punctuation or the word "Recommendation"."""
    flat = " ".join(text.split())
    found = rec_label(flat)
    if found and not found[1]:
        return found[0]
    flat = flat.rstrip(".:;–— ")
    if flat.endswith(")") and "(" not in flat:
        flat = flat[:-1]  # "3)" is 3, but "2(b)" keeps its brackets
    return flat.strip()


RAG_LEAD = re.compile(r"^(g|a|r|b|green|amber|red|blue)\b\s*(?:[-–—:(]|$)", re.I)


def rag(text: str) -> str | None:
    """The RAG rating a cell gives: "G", "Green", "Amber (improving)", "Green – on track"."""
    flat = " ".join(text.split()).strip(".").lower()
    if flat in RAG:
        return RAG[flat]
    m = RAG_LEAD.match(flat)
    return RAG[m.group(1)] if m else None


def priority(text: str) -> str | None:
    return PRIORITY.get(text.strip().strip(".").lower())


def says_complete(text: str) -> bool:
    """True where a cell's first line says the whole thing is complete ("Complete", "Completed with …")."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    first = strip_marker(lines[0]) if is_bullet(lines[0]) else lines[0]
    return bool(COMPLETE.match(first)) and not NOT_COMPLETE.search(first)


def prose(text: str) -> str:
    """A recommendation's text or a response: paragraphs joined by a blank line, list items one per line."""
    out: list[str] = []
    prev_joins = True
    for line in tidy(text).split("\n"):
        if not line:
            if out and out[-1] != "":
                out.append("")
            continue
        bullet = is_bullet(line)
        if out and out[-1] != "" and not bullet and not prev_joins:
            out.append("")
        out.append(strip_marker(line) if bullet else line)
        # A lead-in ("… especially to:-") or a list item runs straight on to the next line.
        prev_joins = bullet or line.rstrip().endswith((":", ":-", ":–"))
    return plain("\n".join(out))


# "a. ", "(b) ", "c) " and "b and c. " / "b, c. " at the start of the text or after a space.
MARKER = re.compile(r"(?:(?<=\s)|^)\(?([a-z](?:\s*(?:,|and|&)\s*[a-z])*)[.)]\s+")
NUMBERED = re.compile(r"(?:(?<=\s)|^)\(?(\d{1,2})[.)]\s+(?=[A-Z])")


def lettered(text: str) -> list[tuple[list[str], str]] | None:
    """Items marked "a. … b. …" (or "1. … 2. …") inside one cell, as (their letters, the item's text).

    The markers must run in order from the first letter or number, so "e.g. " or "2, above." never splits.
    "b and c. April 2026" gives one item for both b and c.
    """
    flat = " ".join(text.split())
    for pattern, first in ((MARKER, "a"), (NUMBERED, "1")):
        found = [m for m in pattern.finditer(flat)]
        marks: list[tuple[re.Match[str], list[str]]] = []
        expected = first
        for m in found:
            keys = re.split(r"\s*(?:,|and|&)\s*", m.group(1))
            if keys[0] != expected:
                continue
            marks.append((m, keys))
            last = keys[-1]
            expected = chr(ord(last) + 1) if last.isalpha() else str(int(last) + 1)
        if len(marks) < 2 or marks[0][0].start() != 0:
            continue
        out = []
        for k, (m, keys) in enumerate(marks):
            end = marks[k + 1][0].start() if k + 1 < len(marks) else len(flat)
            out.append((keys, flat[m.end():end].strip()))
        return out
    return None


def items(text: str, group_lead_ins: bool = True) -> list[str]:
    """The separate items a cell lists: one per line, bullet or lettered item; a lead-in ending in ":"
    keeps the bullets under it."""
    result: list[str] = []
    in_group = False
    for line in tidy(text).split("\n"):
        if not line.strip():
            continue
        bullet = is_bullet(line)
        letter = LETTER_ITEM.match(line)
        body = strip_marker(line) if bullet else (line[letter.end():] if letter else line)
        if group_lead_ins and in_group and bullet:
            result[-1] += "\n" + body
            continue
        result.append(body.strip())
        in_group = group_lead_ins and not bullet and line.rstrip().endswith(":")
    return result
