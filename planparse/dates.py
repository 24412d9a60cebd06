"""Fuzzy target dates as councils print them: "Dec 21", "December 24 and ongoing", "TBC", "Autumn 2025".

``read_due(text)`` keeps the text as printed and resolves it to the last day of the period it names, with a
precision, an ongoing flag and, for something that looks like a date but cannot be read ("October 202"),
a problem to report. The rules are those of CONVENTIONS.md.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from dataclasses import dataclass

from .model import Due

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# A season reads as its last month; winter runs into the next year.
SEASONS = {"spring": (5, 0), "summer": (8, 0), "autumn": (11, 0), "fall": (11, 0), "winter": (2, 1)}
MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
SEASON = r"(?:spring|summer|autumn|fall|winter)"

FULL_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+|-)({MONTH})\s*,?(?:\s+|-)(\d{{4}}|\d{{2}})\b", re.I)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")
MONTH_YEAR = re.compile(rf"\b({MONTH})(?:\s*[,'’]?\s*|[-/])(\d+)(st|nd|rd|th)?\b", re.I)
MONTH_ALONE = re.compile(rf"\b({MONTH})(?![a-z])", re.I)
SEASON_YEAR = re.compile(rf"\b({SEASON})\s+(\d{{4}}|\d{{2}})\b", re.I)
# "Q3 2025", "Q3 2025/26", "Quarter 3 2025/26" and "Q3 25/26" (a two-digit year only as a financial year).
QUARTER = re.compile(r"\b(?:Q|Quarter\s*)([1-4])\s*[-/ ]?\s*(\d{4}|\d{2}(?=\s*[/-]\s*\d{2}\b))(?:\s*[/-]\s*(\d{2}))?\b",
                     re.I)
RANGE = re.compile(r"^\s*(?:-|–|—|to|until|till)\s*$", re.I)
FINANCIAL_YEAR = re.compile(r"(?<![\d/])(20\d\d)\s*[/-]\s*(\d\d)(?![\d/])")
YEAR = re.compile(r"(?<![\d/£$])(20\d\d)(?![\d/])")

ONGOING = re.compile(
    r"\b(?:on-?going|onwards?|as required|as needed|bau|business as usual|continuous(?:ly)?|rolling|"
    r"quarterly|monthly|annually|annual|yearly|weekly|bi-?monthly|every (?:\w+ )?(?:week|month|year|quarter)s?|"
    r"regularly|throughout)\b",
    re.I,
)
# A recurring schedule is ongoing with no date at all.
RECURRING = re.compile(r"^\s*(?:quarterly|monthly|annually|annual|yearly|weekly|bi-?monthly|"
                       r"every (?:\w+ )?(?:weeks?|months?|years?|quarters?))\s*\.?\s*$", re.I)
NO_DATE = re.compile(r"^\s*(?:tbc|tba|tbd|to be (?:confirmed|agreed|determined)|n/?a|complete[d]?|"
                     r"complete(?:d)? and on-?going|on-?going|as above|see above|-+)\s*\.?\s*$", re.I)
COMPLETE = re.compile(r"^\W*(?:complete[d]?|delivered|achieved|done|(?:fully )?implemented)\b", re.I)


@dataclass
class Reading:
    due: Due
    completed: bool
    problem: str | None  # why a date-like text could not be read, for a warning


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int | None:
    """A printed year: four digits, or two read as 20xx ("Dec 21")."""
    if len(text) == 4:
        return int(text)
    if len(text) == 2:
        return 2000 + int(text)
    return None


def _find_date(text: str) -> tuple[dt.date | None, str | None, str | None]:
    """(date, precision, problem) for the first date the text names."""
    candidates: list[tuple[int, dt.date | None, str | None, str | None]] = []
    for m in FULL_DATE.finditer(text):
        year = _year(m.group(3))
        month = MONTHS[m.group(2).lower().rstrip(".")]
        if year:
            try:
                candidates.append((m.start(), dt.date(year, month, int(m.group(1))), "day", None))
            except ValueError:
                candidates.append((m.start(), None, None, f"'{m.group(0)}' is not a real date"))
    for m in NUMERIC_DATE.finditer(text):
        year = _year(m.group(3))
        if year:
            with contextlib.suppress(ValueError):  # UK order: day/month/year; "31/02/2024" is no date
                candidates.append((m.start(), dt.date(year, int(m.group(2)), int(m.group(1))), "day", None))
    taken = [(c[0], c[0] + 1) for c in candidates]
    for m in MONTH_YEAR.finditer(text):
        if any(a <= m.start() <= a + 20 for a, _ in taken):
            continue
        month = MONTHS[m.group(1).lower().rstrip(".")]
        digits, ordinal = m.group(2), m.group(3)
        if ordinal or (len(digits) <= 2 and text[m.end():m.end() + 1] == ":"):
            # "March 24th": a day with no year.
            candidates.append((m.start(), None, None, "it names a day but no year"))
        elif len(digits) in (2, 4):
            year = _year(digits)
            if year:
                candidates.append((m.start(), last_day(year, month), "month", None))
        else:
            candidates.append((m.start(), None, None, "the year is incomplete"))
    for m in SEASON_YEAR.finditer(text):
        year = _year(m.group(2))
        if year:
            month, shift = SEASONS[m.group(1).lower()]
            candidates.append((m.start(), last_day(year + shift, month), "quarter", None))
    for m in QUARTER.finditer(text):
        year, quarter = _year(m.group(2)) or 0, int(m.group(1))
        if m.group(3) and int(m.group(3)) == (year + 1) % 100:
            # A financial-year quarter ("Q3 2024/25"): the year starts in April.
            month = quarter * 3 + 3
            candidates.append((m.start(), last_day(year + (month > 12), (month - 1) % 12 + 1), "quarter", None))
        else:
            candidates.append((m.start(), last_day(year, quarter * 3), "quarter", None))
    if candidates:
        candidates.sort(key=lambda c: (c[0], c[1] is None))
        dated = [c for c in candidates if c[1] is not None]
        if len(dated) >= 2 and RANGE.match(_between(text, dated[0], dated[1])):
            return dated[1][1], dated[1][2], None  # a range ("April 2024 – March 2025") ends at its end
        first = candidates[0]
        if first[1] is None and dated:
            return dated[0][1], dated[0][2], None
        return first[1], first[2], first[3]
    fy = FINANCIAL_YEAR.search(text)
    if fy and int(fy.group(2)) == (int(fy.group(1)) + 1) % 100:
        # A financial year ("2023/24") ends on 31 March of its second year.
        return dt.date(int(fy.group(1)) + 1, 3, 31), "year", None
    bare = YEAR.search(text)
    if bare:
        return dt.date(int(bare.group(1)), 12, 31), "year", None
    if MONTH_ALONE.search(text) and len(text.split()) <= 6:
        return None, None, "it names a month but no year"
    return None, None, None


def _between(text: str, first: tuple[int, dt.date | None, str | None, str | None],
             second: tuple[int, dt.date | None, str | None, str | None]) -> str:
    """The text between two dates found in ``text`` (the first date's own words skipped)."""
    rest = text[first[0]:second[0]]
    m = re.match(rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{MONTH}\s*[,'’-]?\s*\d+|{SEASON}\s+\d+|Q[1-4]\s*\d+", rest, re.I)
    return rest[m.end():] if m else rest


def read_due(text: str) -> Reading:
    """A target-date cell read per CONVENTIONS.md; ``due.text`` is the text as printed."""
    printed = text.strip()
    flat = " ".join(printed.split())
    completed = bool(COMPLETE.match(flat))
    ongoing = bool(ONGOING.search(flat))
    if RECURRING.match(flat) or NO_DATE.match(flat):
        return Reading(Due(printed, None, None, ongoing), completed, None)
    date, precision, problem = _find_date(flat)
    if date is None:
        return Reading(Due(printed, None, None, ongoing), completed, problem)
    return Reading(Due(printed, date.isoformat(), precision, ongoing), completed, None)


def date_of(text: str) -> str | None:
    """The ISO date a heading or line such as "Updated June 2023" or "October 2024" stands at."""
    date, _, _ = _find_date(" ".join(text.split()))
    return date.isoformat() if date else None


def looks_like_date(text: str) -> bool:
    """True for a short text that is a target date or timescale ("June 2023", "Ongoing", "TBC")."""
    flat = " ".join(text.split()).strip(" .")
    if not flat or len(flat.split()) > 8:
        return False
    if NO_DATE.match(flat) or RECURRING.match(flat):
        return True
    if re.match(r"^(?:complete[d]?\s+and\s+)?on-?going\b", flat, re.I):
        return True
    date, _, problem = _find_date(flat)
    if date is None and problem is None:
        return False
    # The date must lead the text or follow a short preposition, not sit inside a sentence.
    head = flat.split()[0].lower().rstrip(".,")
    return (head in MONTHS or head in SEASONS or head[:1].isdigit() or bool(re.match(r"q[1-4]$", head))
            or head in {"by", "end", "following", "from", "before", "after", "during", "early", "mid", "late",
                        "complete", "completed", "ongoing", "until", "in", "within", "summer", "spring",
                        "autumn", "winter", "w/c", "week", "quarter"})


TRAILING = re.compile(
    rf"(?:(?:{MONTH}|{SEASON}|by|end of|following)\s.*|tbc|tba|on-?going|complete(?:d)?(?: and on-?going)?)",
    re.I,
)


def split_trailing_date(text: str) -> tuple[str, str] | None:
    """("the rest", "the date") where a line ends with a short date ("… approach July 2023")."""
    tokens = " ".join(text.split()).split(" ")
    for i in range(max(1, len(tokens) - 8), len(tokens)):
        tail = " ".join(tokens[i:])
        if TRAILING.fullmatch(tail) and looks_like_date(tail):
            return " ".join(tokens[:i]), tail
    return None
