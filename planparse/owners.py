"""Leads as printed in a lead cell or a lead line, split into one entry per person or role.

Rules (CONVENTIONS.md): each line is one owner; "/", ";" and a list of short names separated by commas split;
"and"/"&" split only between single words ("Cabinet and ELB"), never inside a title ("Director (Planning &
Regeneration)", "Head of Planning, Performance and Insight"); two titles run together are split where one of
them appears on its own elsewhere in the document. Labels such as "SLT Lead –" are dropped.
"""

from __future__ import annotations

import re

from .text import is_bullet, squash, strip_marker

# "SLT Lead – ", "Officer Leader: ", "Lead Officer - ", "CLT Owner: " before the name.
LABEL = re.compile(
    r"^\s*(?:[A-Z][\w&]*\s+){0,3}?(?:(?:lead|leader|leads|owner|owners|sponsor|responsible|accountable)(?:\s+officers?)?"
    r"|officers?\s+lead(?:er)?s?)\s*(?:[–—:]|-\s)\s*",
    re.I,
)
EMBEDDED_LABEL = re.compile(r"(?<=[a-z)])[.;,]?\s+(?=(?:lead|owner|accountable|responsible|sponsor)\s*(?:officer)?\s*:)",
                            re.I)
EMPTY = re.compile(r"^\s*(?:-+|–|n/?a|none|tbc)?\s*$", re.I)


def strip_label(text: str) -> str:
    return LABEL.sub("", text, count=1).strip()


def _mask_parens(text: str) -> str:
    """The text with separators inside brackets hidden, so a title's own "&" or "/" never splits it."""
    out, depth = [], 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        out.append("\x00" if depth and ch in "/&,;" else ch)
    return "".join(out)


def _split_on(text: str, pattern: str) -> list[str]:
    masked = _mask_parens(text)
    parts, pos = [], 0
    for m in re.finditer(pattern, masked):
        parts.append(text[pos:m.start()])
        pos = m.end()
    parts.append(text[pos:])
    return [p.strip() for p in parts if p.strip()]


ROLE_END = {"manager", "officer", "director", "executive", "lead", "leader", "head", "chief", "team", "board",
            "committee", "cabinet", "group", "members", "member", "council", "secretary", "adviser", "advisor",
            "coordinator", "co-ordinator", "partner", "partnership", "chair", "clerk", "all"}
ROLE_START = ("head of", "director of", "chief", "assistant director", "deputy", "strategic director",
              "executive director", "service lead")
CONNECTORS = {"of", "and", "&", "for", "the", "to", "in", "with", "/"}


def _title_like(text: str) -> bool:
    low = text.lower().rstrip(")")
    last = re.sub(r"\(.*", "", low).split()[-1:] or [""]
    return last[0] in ROLE_END or low.startswith(ROLE_START) or text.endswith(")")


def _stands_alone(name: str, context: str) -> bool:
    """True where ``name`` appears in the document on its own, not as part of a longer title."""
    for m in re.finditer(re.escape(name), context):
        before = context[max(0, m.start() - 40):m.start()]
        after = context[m.end():m.end() + 40]
        prev = before.split("\n")[-1].split("\t")[-1].split()
        nxt = after.split("\n")[0].split("\t")[0].split()
        if prev and (prev[-1] in ("&", "and") or prev[-1][:1].isupper()):
            continue
        if nxt and (nxt[0] in ("&", "and", "of") or nxt[0][:1].isupper()):
            continue
        return True
    return False


def _run_together(name: str, context: str) -> list[str]:
    """Split two titles printed with no separator where one stands alone elsewhere in the document."""
    if not context:
        return [name]
    tokens = name.split(" ")
    for i in range(2, len(tokens) - 1):
        if tokens[i] == "&":
            left, right = " ".join(tokens[:i]), " ".join(tokens[i + 1:])
        elif tokens[i - 1].lower() in ROLE_END:
            left, right = " ".join(tokens[:i]), " ".join(tokens[i:])
        else:
            continue
        if len(left.split()) < 2 or len(right.split()) < 2:
            continue
        if left.split()[-1].lower() in CONNECTORS or left[-1] in ",;:" or not right[:1].isupper():
            continue
        if not (_title_like(left) and _title_like(right)):
            continue
        if _stands_alone(left, context) or _stands_alone(right, context):
            return [left, right]
    return [name]


def _own_name(piece: str) -> bool:
    """True where a piece of a comma-separated lead cell names someone by itself ("CT", "Finance", "Head of HR"),
    not a department qualifying the title before it ("Assistant Director, Corporate Services")."""
    words = piece.split()
    return len(words) == 1 or piece.isupper() or _title_like(piece)


def split_owners(text: str, context: str = "") -> list[str]:
    """One entry per person or role named in ``text``; ``context`` is the document's text, for run-together titles."""
    owners: list[str] = []
    for line in text.split("\n"):
        line = strip_marker(line) if is_bullet(line) else line
        line = squash(line)
        if EMPTY.match(line):
            continue
        # "Lead: Customer Services Manager. Accountable: Head of Housing": each labelled name is one owner.
        line = EMBEDDED_LABEL.sub("; ", line)
        for part in _split_on(line, r"\s*[/;|]\s*|\s+\+\s+"):
            part = strip_label(part)
            pieces = _split_on(part, r"\s*,\s*")
            candidates = pieces if len(pieces) > 1 and all(_own_name(p) for p in pieces) else [part]
            for cand in candidates:
                sub = _split_on(cand, r"\s+(?:and|&)\s+")
                # "Cabinet and ELB", and two whole titles ("Chief Finance Officer and Head of HR"); never
                # inside one ("Head of Planning, Performance and Insight").
                chosen = sub if len(sub) > 1 and (all(len(s.split()) == 1 for s in sub)
                                                  or all(len(s.split()) >= 2 and _title_like(s) for s in sub)) else [cand]
                for name in chosen:
                    for piece in _run_together(name, context):
                        piece = piece.strip(" .,;:-–")
                        if piece and not EMPTY.match(piece):
                            owners.append(piece)
    return owners
