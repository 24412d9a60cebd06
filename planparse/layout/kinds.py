"""What a piece of text is, judged by its content alone: scores from 0 to 1, never a yes/no.

``kinds(text)`` looks at one unit (a line, a paragraph or a cell) and says how much it reads as each kind of
thing a plan holds: a target date or timescale, "ongoing", a RAG or status word, a reference, an owner, a field
label (and which field), a heading, an action, long prose, a legend line, page chrome. Nothing here knows where
the text sat: the layout proposers combine these scores with position, and the ranker with the field each
value landed in. The vocabularies come from the modules that own them (dates, columns, cells).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import columns as col
from ..dates import ONGOING, looks_like_date, read_due, split_trailing_date
from ..interpret.cells import COMPLETE, rag, rec_label

# Words that make a short phrase a role title or a team ("Head of Finance", "Planning", "Legal services").
ROLE_WORDS = re.compile(
    r"\b(?:director|head|manager|officer|lead|chief|executive|team|service|services|cabinet|committee|board|"
    r"council|councillor|cllr|member|portfolio|holder|leader|deputy|assistant|principal|senior|coordinator|"
    r"co-ordinator|group|partnership|department|directorate|unit|hr|ict|it|finance|legal|planning|housing|"
    r"governance|monitoring|s151|section 151|audit|comms|communications|policy|all|trust|ccg|clt|slt|elt|cmt|"
    r"smt|chair|secretary|controller|administrator|advisor|adviser|specialist|consultant|engineer)\b",
    re.I,
)
INITIALS = re.compile(r"^(?:[A-Z]{2,5})(?:\s*[/,&]\s*[A-Z]{2,5})*$")
PERSON = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Miss|Cllr|Prof)\.?\s+)?[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?(?:\s+[A-Z][a-z'-]+){1,2}"
                    r"(?:\s*[,–-]\s*.+)?$")
# "R1", "1.1", "AFD1-", "PCR2", "3a", "Recommendation 4", "(b)"
REFERENCE = re.compile(r"^\(?(?:[A-Z]{1,4}\s?)?\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?\)?\s*[.:)–—-]?$")
STATUS_WORDS = re.compile(
    r"^\W*(?:complete[d]?|in progress|not started|on track|off track|on hold|delayed|at risk|closed|open|"
    r"ongoing|on-going|started|overdue|achieved|partially (?:complete|achieved)|superseded|no longer required|"
    r"not yet due|behind|ahead|improving|no change|declining)\W*$",
    re.I,
)
CHROME = re.compile(
    r"^(?:page \d+(?: of \d+)?|\d+\s*/\s*\d+|skip to (?:main )?content|home\s*[>›»/].*|you are here.*|"
    r"(?:print|share|download|email|tweet)(?: this page)?|cookies?.*|accessibility(?: statement)?|"
    r"(?:upload|posted|published|last (?:updated|modified)|category|views?|download(?:s)?)\s*:?.*|"
    r"\d+ (?:views?|downloads?)|transcript|welcome message from author|top banner|back to top|"
    r"this document is posted to help you.*|.*\bplease leave a comment\b.*|©.*|copyright.*|"
    r"[a-z]:\\.*|https?://\S+|www\.\S+|report this document|documents|menu|search|page \d+\s*[:.–-].*)$",
    re.I,
)
LEGEND_LINE = re.compile(
    r"^\s*(?:\*?\s*(?:green|amber|red|blue|black|grey|gray|orange|yellow|purple)\s*(?:[-–—:=(]|\s+-)\s*\S"
    r"|[A-Z]\s*[=:–—-]\s*\S.{0,60}(?:[,;]\s*[A-Z]\s*[=:–—-]\s*\S.{0,60})+$|key\s*:)",
    re.I,
)
IMPERATIVE = re.compile(
    r"^(?:to\s+)?(?:review|develop|establish|create|ensure|implement|introduce|agree|deliver|produce|undertake|"
    r"improve|update|prepare|publish|set up|set|commission|consider|continue|complete|strengthen|embed|"
    r"identify|explore|build|launch|refresh|design|adopt|appoint|recruit|provide|support|work|engage|hold|"
    r"monitor|report|secure|carry out|put in place|put|make|take|bring|align|revise|roll[- ]out|conduct|"
    r"assess|maintain|promote|increase|reduce|focus|use|share|plan|invest|run|arrange|procure|seek|raise|"
    r"define|clarify|confirm|finalise|draft|present|test|pilot|training|regular|quarterly|annual|new|"
    r"a |an |the )\b",
    re.I,
)
LEADING_DATE = re.compile(
    r"^(?:by\s+|end of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{2,4}\b"
    r"|^(?:q[1-4]|spring|summer|autumn|winter)\s+\d{2,4}\b|^\d{1,2}/\d{1,2}/\d{2,4}\b", re.I)
MENTIONS_TIME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(?:19|20)\d\d\b|"
                           r"\b(?:spring|summer|autumn|winter|quarter|q[1-4]|year end|month|weeks?)\b", re.I)
PROGRESS = re.compile(
    r"\b(?:completed?|agreed|approved|held|launched|underway|under way|in progress|in draft|on track|delivered|"
    r"achieved|implemented|established|appointed|published|presented|announced|shared|scheduled|has been|have been|"
    r"had been|was|were|is being|are being|is now|are now|now in place|to date|so far|currently|awaiting|ongoing)\b",
    re.I)
SENTENCE_END = re.compile(r"[.!?;:]['’”)]?$")


@dataclass(frozen=True)
class Kinds:
    """How much one piece of text reads as each kind (0 = not at all, 1 = plainly)."""

    date: float = 0.0  # a target date or timescale ("March 2025", "Q3 2025/26", "TBC", "Ongoing")
    ongoing: float = 0.0
    rag: float = 0.0  # a RAG rating on its own ("G", "Amber")
    status: float = 0.0  # a delivery-state word ("Complete", "In progress")
    reference: float = 0.0  # a number or code on its own ("R1", "1.1", "AFD1-")
    owner: float = 0.0  # a role title, a person's name, initials or a team
    label: float = 0.0  # a field label ("Lead officer", "Target date:")
    label_role: str | None = None  # the field that label names (planparse.columns roles)
    heading: float = 0.0  # a short title line
    action: float = 0.0  # reads as something to be done
    prose: float = 0.0  # long running text
    progress: float = 0.0  # reads as a report of what was done ("Completed with LGA on 8 June", "In draft")
    legend: float = 0.0  # a key to codes or colours
    chrome: float = 0.0  # page furniture: page numbers, site navigation, file paths


@lru_cache(maxsize=16384)  # proposers ask about the same lines again and again
def kinds(text: str) -> Kinds:
    flat = " ".join(text.split())
    if not flat:
        return Kinds()
    words = flat.split()
    n = len(words)
    # A date: the whole short text is a date, or a short text that is led by one.
    date = 0.0
    if looks_like_date(flat):
        date = 1.0 if n <= 5 else 0.8
    elif n <= 14 and read_due(flat).due.date and not flat.endswith("."):
        # "September 2021 and will remain subject to ongoing review": led by a date, qualified after it.
        date = 0.8 if LEADING_DATE.match(flat) else 0.4
    elif n <= 14 and MENTIONS_TIME.search(flat):
        date = 0.3  # "Drafted November - February": about when, if not a date
    ongoing = 1.0 if ONGOING.search(flat) and n <= 8 else (0.3 if ONGOING.search(flat) else 0.0)
    rag_score = 1.0 if n <= 3 and rag(flat) else 0.0
    status = 1.0 if STATUS_WORDS.match(flat) else (0.5 if n <= 6 and COMPLETE.match(flat) else 0.0)
    reference = 1.0 if REFERENCE.match(flat) else (0.6 if n <= 3 and rec_label(flat) and not rec_label(flat)[1]  # type: ignore[index]
                                                   else 0.0)
    owner = _owner_score(flat, n)
    label, role = _label_score(flat, n)
    heading = 0.0
    if n <= 10 and not SENTENCE_END.search(flat.rstrip(":")) and flat[:1].isupper():
        heading = 0.7 if not flat.endswith(":") else 0.5
        if flat.isupper() and n >= 2:
            heading = 0.9
    action = 0.0
    if 3 <= n <= 80:
        action = 0.5 + (0.4 if IMPERATIVE.match(flat) else 0.0) - (0.2 if n > 50 else 0.0)
    prose = min(1.0, max(0.0, (n - 12) / 30)) if SENTENCE_END.search(flat) or n > 20 else 0.0
    progress = min(1.0, 0.5 * len(PROGRESS.findall(flat))) if n >= 2 else 0.0
    if IMPERATIVE.match(flat) and not PROGRESS.match(flat):
        progress *= 0.5  # "Review the policy once it is approved" is still a thing to do
    legend = 1.0 if LEGEND_LINE.match(flat) and n <= 40 else 0.0
    chrome = 1.0 if CHROME.match(flat) else 0.0
    if chrome or date >= 0.8 or reference or rag_score:
        heading = min(heading, 0.2)
        action = min(action, 0.2)
    return Kinds(date=date, ongoing=ongoing, rag=rag_score, status=status, reference=reference, owner=owner,
                 label=label, label_role=role, heading=heading, action=action, prose=prose, progress=progress,
                 legend=legend,
                 chrome=chrome)


# A role title ends in (or opens with) one of these: "Head of Finance", "Planning Manager", "Chief Executive".
TITLE = re.compile(
    r"(?:^(?:head|director|chief|assistant director|deputy|interim|acting|lead|portfolio holder|cabinet member)\b"
    r"|\b(?:director|head|manager|officer|lead|chief|executive|leader|coordinator|co-ordinator|team|board|committee|"
    r"cabinet|council|group|service|services|unit|department|directorate|partnership|trust|ccg|holder|member|"
    r"members|controller|administrator|adviser|advisor|specialist|consultant|engineer|chair|secretary|s151|"
    r"clt|slt|elt|cmt|smt)s?$)", re.I)
TEAM = re.compile(r"^(?:all|hr|ict|it|finance|legal|planning|housing|comms|communications|policy|audit|governance|"
                  r"democratic services|legal services|human resources|procurement|estates|property)$", re.I)


def _owner_score(flat: str, n: int) -> float:
    if INITIALS.match(flat):
        return 0.8
    # A list of leads, one a line or after a semicolon: each piece a lead ("Name, Title; Team").
    pieces = [p.strip(" .") for p in re.split(r";|\n", flat) if p.strip(" .")]
    if len(pieces) >= 2 and n <= 50 and all(len(p.split()) <= 10 and _owner_score(p, len(p.split())) >= 0.6
                                          for p in pieces):
        return 0.9
    if n > 20 or SENTENCE_END.search(flat) and not flat.endswith(")") and n > 6:
        return 0.0
    # A list of titles or names: "Director of Governance, Chief Finance Officer and Head of HR".
    parts = [p.strip(" .") for p in re.split(r",|;|/|\band\b|&|\n", flat) if p.strip(" .")]
    if len(parts) >= 2 and all(len(p.split()) <= 6 and _one_owner(p) >= 0.6 for p in parts):
        return 0.9
    return _one_owner(flat)


def _one_owner(text: str) -> float:
    n = len(text.split())
    bare = re.sub(r"\s*\(.*?\)\s*", " ", text).strip()  # "Chief Operating Officer (w/e/f 01/07/2016)"
    if n > 10:
        return 0.0
    if INITIALS.match(bare):
        return 0.8
    if TITLE.search(bare) and not IMPERATIVE.match(bare):
        return 0.85 if n <= 8 else 0.6
    if TEAM.match(bare):
        return 0.75
    if PERSON.match(text) and not IMPERATIVE.match(text):
        return 0.6 if n <= 4 else 0.5
    if ROLE_WORDS.search(bare) and n <= 4 and not IMPERATIVE.match(bare):
        return 0.4
    return 0.0


def _label_score(flat: str, n: int) -> tuple[float, str | None]:
    """A field label: a short heading-like phrase that names a field, usually alone on its line."""
    bare = flat.rstrip(":").strip()
    if n > 7 or not bare or rec_label(bare, bare_numbers=False):
        return 0.0, None
    role = col.role_for(bare)
    if role is None:
        return 0.0, None
    score = 0.7 if col.is_heading_text(bare) else 0.4
    if flat.endswith(":"):
        score += 0.2
    if SENTENCE_END.search(bare) and not re.search(r"(?:^|\s)[A-Za-z]{1,4}\.$", bare):  # "No.", "Rec no." are labels
        score -= 0.3
    return round(max(0.0, min(1.0, score)), 3), role


def fit(text: str, role: str | None) -> float:
    """How well a value suits the field it was read into (the ranker's field-fit term)."""
    k = kinds(text)
    n = len(text.split())
    if role == col.DUE:
        # Real target cells hold sentences too ("Quarterly meetings with updates to Audit Committee"): not a
        # date, but not wrong in itself.
        return max(k.date, k.ongoing, 0.3)
    if role in (col.OWNER, col.REC_OWNER):
        return k.owner
    if role == col.STATUS:
        return max(k.rag, k.status)
    if role == col.NUMBER:
        return k.reference
    if role in (col.ACTION, col.RECOMMENDATION) and text.lstrip()[:1].islower():
        return 0.1  # a fragment: the rest of a line wrapped from the text before it
    if role == col.ACTION and rec_label(text, bare_numbers=False):
        return 0.1  # "Recommendation Two" read as an action: a recommendation's label missed
    if role in (col.ACTION, col.RECOMMENDATION) and len(re.findall(r"\s/\s|\s\|\s?", text)) >= 2:
        return 0.3  # cells still joined by their delimiters: a table row read as one text
    if role == col.ACTION:
        if k.chrome or k.label >= 0.7 or k.date >= 0.8:
            return 0.0
        score = 0.9 if 3 <= n <= 80 else 0.5
        if n > 4 and split_trailing_date(text):
            score -= 0.3  # a date run on at the end: a target-date column read into the action
        return score
    if role == col.RECOMMENDATION:
        if k.chrome or k.label >= 0.7:
            return 0.0
        # A lead-in to a list ("A number of actions have been completed:") introduces, it does not recommend.
        if text.rstrip().endswith(":"):
            return 0.4
        if text.isupper() and n > 2:
            return 0.5  # capitals throughout: a heading over recommendations, not one's wording
        # A recommendation is worded as a sentence or more; a few words are a topic over it.
        return min(1.0, 0.5 + min(n, 20) / 40) if n <= 150 else 0.6
    return 0.5
