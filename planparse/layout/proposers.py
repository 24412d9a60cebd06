"""Layout proposers that read paragraphs: each offers a whole plan, none is chosen by first match.

- ``heading_list``: a recommendation paragraph (numbered or not, a bold heading or body text) followed by a
  bulleted list of its actions, with "Lead: …" / "Target: …" lines under an action or under the list.
- ``labelled``: blocks that open with a label ("Recommendation One", "R2a", "AFD1-", "1.1"), one candidate
  per family of labels found, the block's paragraphs typed by content (action, date, owner, field label).
- ``records``: label:value records, a field label on its own line and its value on the lines after it.

Each returns the document rewritten as blocks whose plan content is one canonical table (``canonical``), or
None where it sees nothing of its layout. The ranker decides between them.
"""

from __future__ import annotations

import re
from collections import Counter

from .. import columns as col
from ..blocks import BULLET, Block, Cell, Paragraph, Row, Table
from ..dates import split_trailing_date
from ..interpret import THEME_LABEL
from ..interpret.cells import NUMBER_WORDS
from .canonical import HEADINGS, Group, rebuild
from .flattened import TITLE_WORDS, content_roles
from .kinds import SENTENCE_END, kinds
from .runon import header_fragment

# "Lead: X", "Target date – Y", "Responsible officer: Z": a field label and its value on one line.
LABEL_VALUE = re.compile(r"^\s*([A-Za-z][A-Za-z /&'()-]{1,40}?)\s*(?::|\s[–—-]\s)\s*(\S.*)$")
WORD_LABEL = re.compile(
    r"^\s*(?:recommendation|rec\.?)\s+([A-Z]{0,5}\d+(?:\.\d+)*[a-z]?|[A-Za-z]+)\b\s*[:.)–—-]?\s*", re.I)
CODE_LABEL = re.compile(r"^\s*([A-Z]{1,5}\d{1,3}(?:\.\d{1,3})*[a-z]?)\s*(?:[:.)–—-]\s*|\s+(?=[A-Z])|$)")
# "1.", "2)", "3 –", "4:" before the text, or a number alone on its line.
NUMBER_LABEL = re.compile(r"^\s*(\d{1,2})\s*(?:[.):–—-]\s*(?=\S)(?![A-Za-z]{3}\w*[-/ ]\d)(?!\d)|[.):–—-]?\s*$)")
CHILD_LABEL = re.compile(r"^\s*(\d{1,2}\.\d{1,2}[a-z]?)\s*[.):]?\s+(?=\S)")
SENTENCE_SPLIT = re.compile(r"(?<=[a-z0-9)’'”])[.!?]\s+(?=[A-Z])")


def field_line(text: str) -> tuple[str, str] | None:
    """(heading, value) where a line gives one field of an action: a known label with its value, or a value
    that types plainly as a date or an owner on its own."""
    m = LABEL_VALUE.match(text)
    if m:
        label, value = m.group(1).strip(), m.group(2).strip()
        role = col.role_for(label)
        if role in HEADINGS and role not in (col.ACTION, col.RECOMMENDATION, col.NUMBER) and len(label.split()) <= 4:
            return HEADINGS[role], value
    return None


def typed_line(text: str) -> tuple[str, str] | None:
    """A line whose content alone says which field it is (a lone date, a lone owner list)."""
    k = kinds(text)
    if k.date >= 0.8 and k.action < 0.6:
        return HEADINGS[col.DUE], text
    if k.owner >= 0.8 and len(text.split()) <= 12 and not text.rstrip().endswith("."):
        return HEADINGS[col.OWNER], text
    return None


def _is_bullet(b: Block) -> bool:
    return isinstance(b, Paragraph) and b.is_bullet


def _bare_label(text: str) -> tuple[str, str] | None:
    """(number, rest) of a recommendation label at the start of a paragraph, of any family."""
    for pattern in (WORD_LABEL, CODE_LABEL, NUMBER_LABEL):
        m = pattern.match(text)
        if m:
            number = m.group(1)
            if pattern is WORD_LABEL and not (number[-1].isdigit() or number[0].isdigit()
                                              or number.lower() in NUMBER_WORDS):
                continue
            return number, text[m.end():].strip()
    return None


# --- one row a line: an action with its lead and date run on after it ------------------------------------

# Of the actions, this share must end in a date for the dates to read as a column run on after the text: a
# date inside one action's wording is the wording's, never lifted into ``due``.
TRAILING_SHARE = 0.5


def _split_trailing(text: str) -> tuple[str, str, str] | None:
    """(action, owner, date) where a line ends with a date, and perhaps a lead before it."""
    found = split_trailing_date(text)
    if not found:
        return None
    head, date = found
    words = head.split()
    owner = ""
    for k in range(max(1, len(words) - 8), len(words)):
        tail = " ".join(words[k:])
        if re.search(r"[.;:]\s", tail):
            continue  # the end of a sentence inside it: the action's own words
        if not words[k][:1].isupper() or not (words[k - 1][-1:] in ".;:)" or words[k - 1][:1].islower()):
            continue
        if kinds(tail).owner >= 0.7 and not kinds(tail).action >= 0.9:
            owner = tail
            head = " ".join(words[:k])
            break
    return head.rstrip(" ,;–-"), owner, date


def with_trailing(sections: list[tuple[Paragraph | None, list[Group]]]) -> list[tuple[Paragraph | None, list[Group]]] | None:
    """The sections with each action's run-on lead and date moved to fields, where most actions have them."""
    actions = [a for _, groups in sections for g in groups for a in g.actions]
    split = [_split_trailing(a["Action"]) for a in actions]
    if not actions or sum(1 for x in split if x) < TRAILING_SHARE * len(actions):
        return None
    out: list[tuple[Paragraph | None, list[Group]]] = []
    for heading, groups in sections:
        new_groups = []
        for g in groups:
            new_actions = []
            for a in g.actions:
                found = _split_trailing(a["Action"])
                a = dict(a)
                if found:
                    a["Action"] = found[0]
                    if found[1]:
                        a[HEADINGS[col.OWNER]] = found[1]
                    a[HEADINGS[col.DUE]] = found[2]
                new_actions.append(a)
            new_groups.append(Group(number=g.number, text=g.text, where=g.where, actions=new_actions, source=g.source,
                                    fields=dict(g.fields), wheres=list(g.wheres)))
        out.append((heading, new_groups))
    return out


def variants(name: str, before: list[Block], sections: list[tuple[Paragraph | None, list[Group]]],
             after: list[Block], where: str) -> list[tuple[str, list[Block]]]:
    """A proposer's reading, and the same with fields run on at the ends of its action lines."""
    out = [(name, rebuild(before, sections, after, where))]
    trailing = with_trailing(sections)
    if trailing is not None:
        out.append((f"{name}+row_per_line", rebuild(before, trailing, after, where)))
    return out


# --- heading followed by a list --------------------------------------------------------------------------

def heading_list(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    starts = [i for i in range(len(blocks) - 1)
              if isinstance(blocks[i], Paragraph) and not _is_bullet(blocks[i]) and _is_bullet(blocks[i + 1])
              and not kinds(blocks[i].text).chrome]  # type: ignore[union-attr]
    if not starts:
        return []
    first = starts[0]
    label_above = first > 0 and isinstance(blocks[first - 1], Paragraph) and _bare_label_only(blocks[first - 1])
    if label_above:
        first -= 1
    before = blocks[:first]
    sections: list[tuple[Paragraph | None, list[Group]]] = [(None, [])]
    i = first
    pending_label: str | None = None
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Table):
            break
        assert isinstance(b, Paragraph)
        if _bare_label_only(b):
            pending_label = _bare_label(b.text)[0]  # type: ignore[index]
            i += 1
            continue
        if not _is_bullet(b) and i + 1 < len(blocks) and _is_bullet(blocks[i + 1]):
            found = _bare_label(b.text)
            number, text = (found if found and found[1] else ("", b.text))
            group = Group(number=pending_label or number, text=text, where=b.where, source=b.text)
            pending_label = None
            i = _list_items(blocks, i + 1, group)
            sections[-1][1].append(group)
            continue
        if _heading_like(b) and sections[-1][1] and _group_follows(blocks, i + 1):
            sections.append((b, []))
            i += 1
            continue
        found = _bare_label(b.text)
        if found and found[1] and sections[-1][1] and sections[-1][1][-1].number:
            # A labelled recommendation with no list under it (its actions cut off, or none yet).
            sections[-1][1].append(Group(number=found[0], text=found[1], where=b.where))
            i += 1
            continue
        # Text between lists that no list claims: kept where it stands, after the table.
        break
    if not any(groups for _, groups in sections):
        return []
    groups_all = [g for _, groups in sections for g in groups]
    if any(g.number for g in groups_all) and not all(g.number for g in groups_all):
        # Labels on some recommendations only: a topic label the wording opens with ("TC25 – The TC25
        # programme …"), not a number; the recommendations are numbered in order.
        for g in groups_all:
            if g.source:
                g.number, g.text = "", g.source
    return variants("heading_list", before, sections, blocks[i:], blocks[first].where)


def _bare_label_only(b: Block) -> bool:
    if not isinstance(b, Paragraph) or b.is_bullet:
        return False
    found = _bare_label(b.text)
    return bool(found and not found[1])


def _heading_like(b: Paragraph) -> bool:
    k = kinds(b.text)
    return (b.heading > 0 or k.heading >= 0.7) and not k.chrome and len(b.text.split()) <= 12


def _group_follows(blocks: list[Block], i: int) -> bool:
    """A list group (a paragraph, optionally under a bare label, then bullets) starts at i."""
    if i < len(blocks) and _bare_label_only(blocks[i]):
        i += 1
    return i + 1 < len(blocks) and isinstance(blocks[i], Paragraph) and not _is_bullet(blocks[i]) and _is_bullet(blocks[i + 1])


def _list_items(blocks: list[Block], i: int, group: Group) -> int:
    """Read the bullets (and the field lines under them) into the group; the index after them."""
    per_action = False
    while i < len(blocks):
        b = blocks[i]
        if not isinstance(b, Paragraph):
            break
        if b.is_bullet:
            text = b.text[len(BULLET):]
            found = _trailing_fields(text)
            action = {"Action": found[0]} | found[1]
            group.actions.append(action)
            group.wheres.append(b.where)
            i += 1
            continue
        fld = field_line(b.text) or (typed_line(b.text) if not _group_follows(blocks, i) else None)
        if fld is None:
            break
        heading, value = fld
        following_bullet = i + 1 < len(blocks) and _is_bullet(blocks[i + 1])
        if following_bullet or per_action:
            per_action = True
            group.actions[-1][heading] = _join(group.actions[-1].get(heading), value)
        else:
            group.fields[heading] = _join(group.fields.get(heading), value)
        i += 1
    if not per_action and len(group.actions) == 1 and group.fields:
        group.actions[0].update(group.fields)
        group.fields = {}
    return i


TRAILING_FIELD = re.compile(r"\s*[(\[]?\s*((?:lead|owner|responsible|by|target|due|deadline)[^:()\[\]]{0,25}):\s*([^()\[\]]+?)\s*[)\]]?\s*$",
                            re.I)


def _trailing_fields(text: str) -> tuple[str, dict[str, str]]:
    """An action with its fields run on after it: "Review the policy (Lead: Head of HR; by March 2025)"."""
    out: dict[str, str] = {}
    for _ in range(3):
        m = TRAILING_FIELD.search(text)
        if not m:
            break
        fld = field_line(f"{m.group(1)}: {m.group(2)}")
        if fld is None:
            break
        out[fld[0]] = fld[1]
        text = text[:m.start()].rstrip(" ;,–-")
    return text, out


def _join(old: str | None, new: str) -> str:
    return f"{old}\n{new}" if old else new


# --- labelled blocks -------------------------------------------------------------------------------------

# "One", "Two" alone on their lines (a recommendation numbered in words, the word "Recommendation" left out).
WORD_ALONE = re.compile(r"^\s*(" + "|".join(w.capitalize() for w in sorted(NUMBER_WORDS, key=len, reverse=True))
                        + r")\s*[:.)–—-]?\s*$")
DOTTED_LABEL = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?)\.?\s*(?:[):–—-]\s*|\s+(?=\S)|$)")
FAMILIES = {
    "word": WORD_LABEL,
    "code": CODE_LABEL,
    "number": NUMBER_LABEL,
    "dotted": DOTTED_LABEL,  # "1.1", "2.3.": where no "1." above them, each is a recommendation
    "word alone": WORD_ALONE,
}


def labelled(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """One candidate per family of labels that opens at least one paragraph."""
    out = []
    for family, pattern in FAMILIES.items():
        starts = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and not b.is_bullet
                  and _family_label(b.text, family, pattern)]
        if family in ("number", "dotted"):
            starts = _in_sequence(blocks, starts, family, pattern)
        if not starts:
            continue
        out.extend(_read_labelled(blocks, starts, family, pattern))
    return out


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", number)) or (0,)


def _in_sequence(blocks: list[Block], starts: list[int], family: str, pattern: re.Pattern[str]) -> list[int]:
    """Numbered labels that count on from each other (1, 2, 3; 1.1, 1.2, 2.1): a stray number (a page count,
    "35" above the plan) is no label. The longest run whose numbers rise by small steps."""
    keys = [_number_key(_family_label(blocks[i].text, family, pattern)[0]) for i in starts]  # type: ignore[index, union-attr]
    best: list[int] = []
    for first in range(len(starts)):
        if keys[first][-1] > 3:
            continue  # a run starts at 1, 2 or 3 (its first item may be cut off)
        run = [first]
        for k in range(first + 1, len(starts)):
            prev = keys[run[-1]]
            if keys[k] > prev and (keys[k][0] - prev[0] <= 2):
                run.append(k)
        if len(run) > len(best):
            best = run
    return [starts[k] for k in best]


def _family_label(text: str, family: str, pattern: re.Pattern[str]) -> tuple[str, str] | None:
    m = pattern.match(text)
    if not m:
        return None
    number = m.group(1)
    if family == "word" and not (number[0].isdigit() or re.search(r"\d", number) or number.lower() in NUMBER_WORDS):
        return None
    return number, text[m.end():].strip()


def _theme_above(blocks: list[Block], start: int, floor: int) -> bool:
    """A short heading straight above a label (and below the previous block's content) heads a section."""
    if start - 1 < floor:
        return False
    above = blocks[start - 1]
    if not isinstance(above, Paragraph) or above.is_bullet or field_line(above.text):
        return False
    k = kinds(above.text)
    marked = above.heading > 0 or above.text.rstrip().endswith(":") or above.text.isupper()
    return marked and k.heading >= 0.5 and not k.chrome and len(above.text.split()) <= 10 \
        and not _bare_label(above.text) and k.date < 0.8


def _labelled_theme(blocks: list[Block], start: int) -> Paragraph | None:
    """The theme named under a "KEOGH THEME:" line above the first label, past a column header's fragments."""
    k = start - 1
    while k > 0 and isinstance(blocks[k], Paragraph) and (
            kinds(blocks[k].text).label >= 0.7 or col.split_spaced_header(blocks[k].text)  # type: ignore[union-attr]
            or len(blocks[k].text.split()) <= 3):  # type: ignore[union-attr]
        k -= 1
    if k > 0 and isinstance(blocks[k], Paragraph) and isinstance(blocks[k - 1], Paragraph) \
            and THEME_LABEL.match(blocks[k - 1].text):  # type: ignore[union-attr]
        return blocks[k]  # type: ignore[return-value]
    return None


def _read_labelled(blocks: list[Block], starts: list[int], family: str,
                   pattern: re.Pattern[str]) -> list[tuple[str, list[Block]]]:
    sections: list[tuple[Paragraph | None, list[Group]]] = [(None, [])]
    end = len(blocks)
    first_at = starts[0]
    if _theme_above(blocks, first_at, 0):
        first_at -= 1
        sections = [(blocks[first_at], [])]  # type: ignore[list-item]
    else:
        theme = _labelled_theme(blocks, first_at)
        if theme is not None:
            sections = [(theme, [])]
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        theme_next = n + 1 < len(starts) and _theme_above(blocks, stop, start + 2)
        if theme_next:
            stop -= 1
        body = blocks[start:stop]
        if any(isinstance(b, Table) for b in body):
            stop = start + next(k for k, b in enumerate(body) if isinstance(b, Table))
            body = blocks[start:stop]
            end = stop
        first = body[0]
        assert isinstance(first, Paragraph)
        number, rest = _family_label(first.text, family, pattern)  # type: ignore[misc]
        paragraphs = [b for b in body[1:] if isinstance(b, Paragraph)]
        if not rest and paragraphs:
            rest = paragraphs.pop(0).text
        text, run_on, paragraphs = _wrapped(rest, paragraphs)
        group = Group(number=number.rstrip("-–"), text=text, where=first.where)
        _typed_body(([(run_on, first.where)] if run_on else []) + [(p.text, p.where) for p in paragraphs], group)
        sections[-1][1].append(group)
        if end < len(blocks) and stop == end:
            break
        if theme_next:
            sections.append((blocks[stop], []))  # type: ignore[arg-type]
    if not any(groups for _, groups in sections):
        return []
    return variants(f"labelled:{family}", blocks[:first_at], sections, blocks[end:], blocks[first_at].where)


def _wrapped(text: str, paragraphs: list[Paragraph]) -> tuple[str, str, list[Paragraph]]:
    """A recommendation's wording wrapped over lines (a PDF's lines, each its own paragraph), and the text a
    line runs on with after the wording's sentence ends (the next column, run together on the line)."""
    lines = [text]
    rest = list(paragraphs)
    while rest and not re.search(r"[.!?:;]['’”)]?$", lines[-1]) and not rest[0].is_bullet \
            and not field_line(rest[0].text) and (rest[0].text[:1].islower() or _wraps(lines[-1], rest[0])):
        lines.append(rest.pop(0).text)
    run_on = ""
    if len(lines) > 1:
        m = SENTENCE_SPLIT.search(lines[-1])
        if m:
            run_on = lines[-1][m.end():]
            lines[-1] = lines[-1][:m.start() + 1]
    return "\n".join(lines), run_on, rest


def _wraps(line: str, below: Paragraph) -> bool:
    """A long line with no blank line under it, in text where lines are paragraphs: wrapped, not ended."""
    return len(line) > 50 and below.gap == 0 and below.where.startswith("line")


def _typed_body(texts: list[tuple[str, str]], group: Group) -> None:
    """A labelled block's paragraphs after its wording: actions, with fields typed by content. A field met
    after the last action's text but before another action applies to that action; fields that follow all
    of the actions apply to every one of them."""
    pending_fields: dict[str, str] = {}
    per_action = False
    for text, where in texts:
        if not text.strip():
            continue
        kd = kinds(text)
        if (kd.label >= 0.7 and len(text.split()) <= 4 and not LABEL_VALUE.match(text) or kd.chrome
                or col.split_spaced_header(text) or header_fragment(text)):
            continue  # a column heading's fragment left between blocks, or page furniture
        fld = field_line(text) or typed_line(text)
        if fld:
            pending_fields[fld[0]] = _join(pending_fields.get(fld[0]), fld[1])
            continue
        if text.startswith(BULLET) and group.actions and group.actions[-1]["Action"].rstrip().endswith(":"):
            group.actions[-1]["Action"] += "\n" + text
            continue
        if pending_fields and group.actions:
            for name, value in pending_fields.items():
                group.actions[-1].setdefault(name, value)
            pending_fields = {}
            per_action = True
        body = text[len(BULLET):] if text.startswith(BULLET) else text
        found = CHILD_LABEL.match(body)
        action = {"Action": body[found.end():] if found else body}
        if found:
            action["Action ref"] = found.group(1)
        group.actions.append(action)
        group.wheres.append(where)
    if pending_fields and per_action:
        for name, value in pending_fields.items():
            group.actions[-1].setdefault(name, value)
    elif pending_fields:
        # Fields after every action: the group's, for each of its actions (one date for the paragraph list).
        for name, value in pending_fields.items():
            group.fields[name] = value
            for action in group.actions:
                action.setdefault(name, value)


# --- label:value records -----------------------------------------------------------------------------------

def _plain_label(text: str) -> bool:
    """A repeated short line that could be a label: not a value a field repeats (a date, a lead, a rating, a
    state, a code) and not page furniture."""
    k = kinds(text)
    return not (k.chrome or k.date >= 0.8 or k.owner >= 0.7 or k.rag or k.status or k.reference or k.ongoing)


def record_label(b: Block, repeated: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(label, value on the same line) where a paragraph opens with a field label: alone on its line
    ("Target date"), or with its value after a colon ("Lead officer: Head of HR"); ``repeated`` are short
    lines the document prints again and again, labels even where the synonyms do not know them."""
    if not isinstance(b, Paragraph) or b.is_bullet:
        return None
    text = b.text.strip()
    first, _, more = text.partition("\n")
    if " ".join(first.split()) in repeated:
        return " ".join(first.split()).rstrip(":").strip(), more.strip()
    k = kinds(first)
    if k.label >= 0.6 and k.label_role is not None and len(first.split()) <= 6 and not TITLE_WORDS.search(first):
        return first.rstrip(":").strip(), more.strip()
    # A label the synonym table does not know, marked as one by its colon ("Relevant standard:").
    if first.endswith(":") and 1 <= len(first.split()) <= 6 and first[:1].isupper() and not more \
            and not SENTENCE_END.search(first[:-1]):
        return first[:-1].strip(), ""
    m = re.match(r"^([A-Za-z][A-Za-z /&'().-]{1,40}?)\s*:\s*(\S.*)$", text, re.S)
    if m and len(m.group(1).split()) <= 4 and col.is_heading_text(m.group(1)):
        return m.group(1).strip(), m.group(2).strip()
    return None


def records(blocks: list[Block]) -> tuple[list[Block], dict[str, str]] | None:
    """Records of field labels, each on its own line with its value after it, one record per row; with the
    roles settled from their values for labels the synonyms do not know."""
    # A short line printed again and again ("Peer team suggestion", "Service area") is a label, known or not.
    counts = Counter(" ".join(b.text.split()) for b in blocks if isinstance(b, Paragraph) and not b.is_bullet
                     and 1 <= len(b.text.split()) <= 4 and "\n" not in b.text.strip()
                     and b.text[:1].isupper() and not SENTENCE_END.search(b.text.strip()))
    repeated = frozenset(t for t, n in counts.items() if n >= 2 and len(t.split()) >= 2 and _plain_label(t))

    def _record_label(b: Block) -> tuple[str, str] | None:
        return record_label(b, repeated)

    labels = [i for i, b in enumerate(blocks) if _record_label(b)]
    if len(labels) < 3:
        return None
    # Records alternate: a label, then its value. Labels one after another are a header run (a flattened
    # table's), not records.
    valued = sum(1 for i in labels if (_record_label(blocks[i]) or ("", ""))[1]
                 or i + 1 < len(blocks) and not _record_label(blocks[i + 1]))
    if valued < 0.7 * len(labels):
        return None
    names = [(_record_label(blocks[i]) or ("", ""))[0] for i in labels]
    roles = [col.role_for(n) for n in names]
    if col.ACTION not in roles and col.RECOMMENDATION not in roles:
        return None
    # A record opens with its reference, its recommendation or its action: labels above the first of those
    # belong to the page (a "Date: …" line under the title), not to the records.
    opening = next(k for k, r in enumerate(roles)
                   if r in (col.NUMBER, col.RECOMMENDATION, col.ACTION, col.THEME) or r is None and names[k] in repeated)
    labels, names, roles = labels[opening:], names[opening:], roles[opening:]
    first_label = names[0]
    # A line of text just above the first label, with no label of its own, is each record's unlabelled
    # title (the recommendation) where no label names the recommendation.
    titled = (labels[0] > 0 and isinstance(blocks[labels[0] - 1], Paragraph) and col.RECOMMENDATION not in roles
              and roles[0] is not None
              and not kinds(blocks[labels[0] - 1].text).chrome)  # type: ignore[union-attr]
    begin = labels[0] - 1 if titled else labels[0]
    headings: list[str] = ["Recommendation"] if titled else []
    rows: list[dict[str, str]] = []
    current: str | None = None
    end = len(blocks)
    for i in range(begin, len(blocks)):
        b = blocks[i]
        if isinstance(b, Table):
            end = i
            break
        assert isinstance(b, Paragraph)
        found = _record_label(b)
        if found and current is not None and rows and not rows[-1].get(current) and found[0] != first_label:
            found = None  # the line straight under a label is its value, whatever it looks like
        if titled and i + 1 < len(blocks) and not found and _record_label(blocks[i + 1]) \
                and (_record_label(blocks[i + 1]) or ("", ""))[0] == first_label:
            rows.append({"Recommendation": b.text})
            current = None
            continue
        if found:
            label, value = found
            # A record holds each label once: the same label again opens the next record (one an action,
            # the recommendation's own labels printed only on its first).
            if not rows or label == first_label and not titled or rows[-1].get(label):
                rows.append({})
            if label not in headings:
                headings.append(label)
            current = label
            rows[-1][label] = _join(rows[-1].get(label), value) if value else rows[-1].get(label, "")
            continue
        if current is None or kinds(b.text).chrome:
            continue
        text = b.text
        rows[-1][current] = _join(rows[-1].get(current) or None, text)
    if not rows or len(headings) < 2:
        return None
    header = Row([Cell(h) for h in headings], where=blocks[begin].where, header=True)
    body = [Row([Cell(r.get(h, "")) for h in headings], where=blocks[begin].where) for r in rows]
    roles = [col.role_for(h) for h in headings]
    settled = content_roles(roles, [[r.get(h, "") for h in headings] for r in rows], headings)
    hints = {h: r for h, r, was in zip(headings, settled, roles, strict=True) if r and r != was}
    return [*blocks[:begin], Table(rows=[header, *body], where=blocks[begin].where), *blocks[end:]], hints


# --- a paragraph over a table with no header ------------------------------------------------------------

def _column_heading(cells: list[str]) -> str:
    """The canonical heading a headerless column's cells show it to be."""
    typed = [kinds(c) for c in cells if c.strip()]
    if not typed:
        return ""
    n = len(typed)
    for heading, hits in ((HEADINGS[col.DUE], sum(k.date >= 0.8 for k in typed)),
                          (HEADINGS[col.STATUS], sum(k.rag >= 1.0 for k in typed)),
                          (HEADINGS[col.OWNER], sum(k.owner >= 0.7 for k in typed))):
        if hits >= 0.6 * n:
            return heading
    return ""


def headerless(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """Recommendations as paragraphs, each over a small table with no header: one row an action, its other
    columns (a lead, a date, a rating) told by what they hold (a plan pasted with tabs between an action's
    fields)."""
    from ..columns import header_score
    from ..interpret.tables import _header_by_contrast

    def has_header(t: Table) -> bool:
        if _header_by_contrast(t) or any(r.header or header_score(r.texts) > 0 for r in t.rows[:3]):
            return True
        # A first row of short labels over rows of values ("Publication | Date | Remaining"): a table of its
        # own, with a header that names no plan field.
        first = [c.strip() for c in t.rows[0].texts if c.strip()] if t.rows else []
        return len(t.rows) > 1 and len(first) >= 2 and all(
            len(c.split()) <= 4 and kinds(c).date < 0.8 and not c.endswith(".") and c[:1].isupper() for c in first)

    starts = [i for i in range(len(blocks) - 1) if isinstance(blocks[i], Paragraph) and isinstance(blocks[i + 1], Table)
              and not has_header(blocks[i + 1])]  # type: ignore[arg-type]
    if len(starts) < 1:
        return []
    groups: list[Group] = []
    first = starts[0]
    end = first
    for i in starts:
        if i < end:
            continue
        p, table = blocks[i], blocks[i + 1]
        assert isinstance(p, Paragraph) and isinstance(table, Table)
        width = max(len(r.cells) for r in table.rows)
        columns = [[r.cells[c].text if c < len(r.cells) else "" for r in table.rows] for c in range(width)]
        headings = ["Action"] + [_column_heading(cells) or f"Column {c + 1}" for c, cells in enumerate(columns[1:], 1)]
        if all(h.startswith("Column") for h in headings[1:]):
            continue  # nothing says its columns are an action's fields
        found = _bare_label(p.text)
        number, text = found if found and found[1] else ("", p.text)
        group = Group(number=number, text=text, where=p.where, source=p.text)
        groups.append(group)
        for r in table.rows:
            action: dict[str, str] = {}
            following: str | None = None
            for c, h in enumerate(headings):
                value = r.cells[c].text if c < len(r.cells) else ""
                # A labelled line run on into a cell ("May 2022\nR2 Invest time …"): the next recommendation,
                # which the text reader joined to the row above it.
                lines = value.split("\n")
                cut = next((k for k in range(1, len(lines)) if _bare_label(lines[k])), None)
                if cut is not None:
                    value, following = "\n".join(lines[:cut]), "\n".join(lines[cut:])
                if value.strip():
                    action[h] = value
            if action.get("Action"):
                group.actions.append(action)
                group.wheres.append(r.where)
            if following:
                found = _bare_label(following)
                number, text = found if found and found[1] else ("", following)
                group = Group(number=number, text=text, where=r.where, source=following)
                groups.append(group)
        end = i + 2
    if not groups:
        return []
    if any(g.number for g in groups) and not all(g.number for g in groups):
        for g in groups:
            g.number, g.text = "", g.source
    return [("headerless", rebuild(blocks[:first], [(None, groups)], blocks[end:], blocks[first].where))]
