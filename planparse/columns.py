"""Column headings mapped to what they mean, through a synonym table with tolerant matching.

A role names the field a column feeds. Headings are matched by meaning, not spelling: lower-cased, punctuation
dropped, then checked against keyword rules in order (the first rule that fits wins, so "Action Owner" is an
owner before it is an action), with a close-spelling fallback for typos. A heading that fits no rule has role
None: its cells go to ``extra`` under the heading, never dropped.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from functools import lru_cache

NUMBER = "number"
RECOMMENDATION = "recommendation"
RESPONSE = "response"
REC_OWNER = "rec_owner"
ACTION = "action"
OWNER = "owner"
DUE = "due"
TIMESCALE = "timescale"  # a timescale code, or dates under a "Timescale" heading (decided by content)
ANTICIPATED = "anticipated"
STATUS = "status"
PRIORITY = "priority"
COMMENTARY = "commentary"
MEASURE = "measure"
THEME = "theme"

# (role, patterns): each pattern is a regular expression over the normalised heading.
RULES: list[tuple[str, list[str]]] = [
    (STATUS, [r"\b(?:b?rag|ragb)\b", r"red amber green", r"blue red amber green", r"\brag status\b", r"^status$", r"^current status$",
              r"^rating$", r"^progress status$", r"^delivery status$", r"^overall status$"]),
    (PRIORITY, [r"\bpriority\b", r"\bpriorities\b"]),
    (ANTICIPATED, [r"anticipated", r"expected completion", r"estimated completion", r"forecast",
                   r"revised (?:target|date|deadline)", r"projected completion"]),
    (REC_OWNER, [r"^(?:clt|slt|elt|cmt|smt|cmb|corporate|executive|senior|director|strategic)\b.*\b(?:owner|lead|sponsor)s?\b",
                 r"^(?:lead )?(?:director|sponsor|executive lead|accountable director|portfolio holder)s?$",
                 r"\bcabinet (?:member|lead)\b", r"^recommendation (?:owner|lead|sponsor)s?$"]),
    (OWNER, [r"\blead(?:s|er)?\b", r"\bowner(?:s|ship)?\b", r"\bresponsib", r"\baccountab", r"^who\b",
             r"^officers?$", r"\bby whom\b", r"\bassigned\b"]),
    (MEASURE, [r"\bmeasur", r"success", r"\bkpis?\b", r"how (?:will|do|would) we know", r"\boutcomes?\b",
               r"\bindicators?\b", r"\btargets? (?:and|&) measures?\b", r"what (?:will|does) good look"]),
    (DUE, [r"\btarget date", r"\bdeadline", r"\bdue\b", r"\bdate\b", r"\bby when\b", r"^when\b",
           r"\bcompletion\b", r"^target$", r"\bdelivery date"]),
    (TIMESCALE, [r"\btime ?scales?\b", r"\btime ?frames?\b", r"\btiming\b", r"\btime ?line\b"]),
    (RESPONSE, [r"\bresponse\b", r"\bcouncil(?:'s)? (?:view|position)\b", r"^(?:accepted|agreed)(?: or not| y ?n)?$"]),
    (NUMBER, [r"^(?:rec(?:ommendation)? )?(?:no|num|number|ref|reference|item|id)$", r"^#$", r"^ref no$",
              r"^rec$", r"^no$"]),
    (COMMENTARY, [r"\bcomment", r"\bupdate", r"\bprogress", r"\bposition\b", r"\bachievement", r"\bnotes?\b",
                  r"\bremarks?\b", r"\bnarrative\b", r"\bstatus update", r"\bexplanation"]),
    (RECOMMENDATION, [r"recommend", r"\bfinding", r"\bissue", r"\barea (?:for|of) (?:improvement|focus)", r"\bproposal", r"^recs?$"]),
    (ACTION, [r"\bactions?\b", r"\bactivit", r"\btasks?\b", r"what (?:we|will|are)", r"\bsteps?\b",
              r"\bmilestones?\b", r"\bdeliverables?\b", r"\bimplementation\b", r"\bplanned\b", r"\bwhat\b"]),
    (THEME, [r"^(?:theme|themes|area|section|topic|workstream|priority area|core element)s?$"]),
]

# Each role's patterns as one compiled alternation: the same test as trying them one by one, far cheaper.
COMPILED_RULES = [(role, re.compile("|".join(f"(?:{p})" for p in patterns))) for role, patterns in RULES]

NOT_DUE = re.compile(r"\bdate (?:added|raised|identified|opened|logged|received|reported|of (?:report|audit|inspection|"
                     r"review|visit))\b|\b(?:added|raised|logged) (?:on|date)\b")
OWN_REFERENCE = re.compile(r"^(?:action|sub action|task|milestone|activity)s? (?:no|num|number|ref|reference|id)$")

# Headings whose meaning comes before any keyword rule.
EXACT = {
    "no": NUMBER, "no.": NUMBER, "rec no": NUMBER, "ref": NUMBER, "number": NUMBER,
    "action update": ACTION, "what we did and the impact": ACTION,
    "progress rag": STATUS, "lead": OWNER, "status": STATUS,
}

SYNONYMS = [
    "recommendation", "response", "action", "actions", "lead", "lead officer", "action owner", "clt owner",
    "target date", "timescale", "deadline", "anticipated completion", "rag rating", "status", "priority",
    "commentary", "update", "progress", "success measure", "council response", "responsible officer",
]


def normalise(heading: str) -> str:
    text = heading.lower().replace("’", "'").replace("&", " and ")
    text = re.sub(r"[^a-z0-9#' ]+", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=8192)  # called for every short cell of every row; headings repeat
def role_for(heading: str) -> str | None:
    """The field a column with this heading feeds, or None (its cells go to ``extra``)."""
    norm = normalise(heading)
    if not norm:
        return None
    if norm in EXACT:
        return EXACT[norm]
    if re.search(r"\bactions?\b", norm) and re.search(r"\bresponse\b", norm) and not re.search(r"\bowner|\blead", norm):
        return ACTION  # "Response and actions": the actions are what the column lists
    if NOT_DUE.search(norm):
        return None  # when the item was logged or raised, not when the action is due
    if OWN_REFERENCE.match(norm):
        return None  # an action's own reference ("Action No.") is not the recommendation's number
    for role, pattern in COMPILED_RULES:
        if pattern.search(norm):
            return role
    # A misspelt heading ("Reccomendation", "Timesacle"): the closest known spelling, if close enough.
    # get_close_matches skips most candidates on cheap upper bounds before the full ratio.
    close = get_close_matches(norm, SYNONYMS, n=1, cutoff=0.85)
    return role_for(close[0]) if close else None


LABELLED_ITEM = re.compile(r"^(?:recommendation|rec|action|r)\.?\s*\d", re.I)


def is_heading_text(text: str) -> bool:
    """True where a cell reads like a column heading: short, mapped to a role, not a numbered item."""
    flat = " ".join(text.split())
    return (bool(flat) and len(flat.split()) <= 9 and len(flat) <= 80 and not LABELLED_ITEM.match(flat)
            and role_for(flat) is not None)


def header_score(cells: list[str]) -> float:
    """How much a row of cells reads like a header row: the share of non-empty cells that map to roles."""
    filled = [c for c in cells if c.strip()]
    if len(filled) < 2:
        return 0.0
    mapped = [c for c in filled if is_heading_text(c)]
    roles = {role_for(c) for c in mapped}
    # A header names at least two distinct things, and one of them is what the plan is about.
    if len(roles) < 2 or not roles & {ACTION, RECOMMENDATION, NUMBER}:
        return 0.0
    return len(mapped) / len(filled)


def is_header_row(cells: list[str]) -> bool:
    return header_score(cells) >= 0.6


KNOWN_HEADINGS = {normalise(h) for h in SYNONYMS} | {
    "no", "ref", "recommendations", "key recommendation", "recommendation number", "owner", "owners",
    "timescales", "target", "date", "due date", "target date", "completion date", "status", "rag",
    "rag status", "progress rag", "priority", "commentary", "comments", "notes", "response", "measure",
    "measures", "outcome", "outcomes", "milestones", "theme", "lead officer", "officer", "responsible",
    "by when", "progress update", "key actions", "proposed actions", "action owner", "slt lead",
    "success measures", "how will we measure", "rag rating", "anticipated completion", "progress to date",
}


def split_spaced_header(line: str) -> list[str] | None:
    """A header row printed with spaces only ("Recommendation Action Timescale") split into its headings.

    Every word must belong to a known heading; of the ways to cut the line, the one with fewest headings wins
    ("Target date" is one heading, not two).
    """
    tokens = line.split()
    if not 2 <= len(tokens) <= 12:
        return None
    n = len(tokens)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - 4), end):
            prev = best[start]
            piece = " ".join(tokens[start:end])
            if prev is None or normalise(piece) not in KNOWN_HEADINGS:
                continue
            cand = prev + [piece]
            current = best[end]
            if current is None or len(cand) < len(current):
                best[end] = cand
    result = best[n]
    return result if result and len(result) >= 2 and is_header_row(result) else None
