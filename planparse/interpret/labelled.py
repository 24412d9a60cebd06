"""Recommendations written as paragraphs rather than a table: labelled lines under a recommendation heading.

    Recommendation One: Develop a long-term vision …
    Response: Agreed …
    Actions:
    • Hold workshops with partners
    • Draft the vision
    Lead: Chief Executive
    Target date: March 2024

A label is read through the same synonym table as a column heading, so "Lead officer", "Timescale" or
"Council response" mean here what they mean over a column. A lead or date given once applies to every action
of the recommendation that has none of its own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import columns as col
from ..dates import looks_like_date
from ..model import Action
from ..text import is_bullet, plain, strip_marker
from .cells import LETTER_ITEM, items, prose
from .tables import Column, apply_field

if TYPE_CHECKING:
    from ..blocks import Paragraph
    from . import State

LABELLED = re.compile(r"^\s*([A-Za-z][\w ()/&'’.-]{0,40}?)\s*:\s*(.*)$", re.S)
# Labels whose value is a field of every action under the recommendation.
ACTION_FIELDS = {col.OWNER, col.DUE, col.TIMESCALE, col.ANTICIPATED, col.STATUS, col.PRIORITY, col.COMMENTARY,
                 col.MEASURE}


def label_of(text: str) -> tuple[str, str | None, str] | None:
    """(label, role, value) for a line such as "Target date: March 2024"; None for ordinary prose."""
    m = LABELLED.match(text)
    if not m or len(m.group(1).split()) > 5:
        return None
    label = m.group(1).strip()
    role = col.role_for(label)
    if role is None:
        return None
    return label, role, m.group(2).strip()


# "Appoint a chair – Director of Children's Services – December 2025": the lead and date after spaced dashes.
SPACED_DASH = re.compile(r"\s+[–—-]\s+")


def _action_with_trailing_fields(text: str, state: State, number: str, k: int) -> Action:
    """An action item whose line ends with its lead and target date, each after a spaced dash.

    Only where the last part reads as a target date and the one before is short enough to be a lead (no
    sentence in it): a dash inside the action's own wording stays.
    """
    parts = SPACED_DASH.split(text)
    if "\n" in text or len(parts) < 3:
        return Action(text=text)
    *body, lead, when = parts
    if not looks_like_date(when) or not 0 < len(lead.split()) <= 8 or re.search(r"[.;:]", lead):
        return Action(text=text)
    action = Action(text=" – ".join(body))
    where = f"recommendation {number}, action {k}"
    apply_field(action, Column(0, "Lead", col.OWNER), lead, state, where)
    apply_field(action, Column(0, "Target date", col.DUE), when, state, where)
    return action


def _bare_label(text: str) -> bool:
    """A label alone on its line ("Target date"), its value to follow."""
    flat = " ".join(text.split())
    return "\n" not in text and ":" not in flat and len(flat.split()) <= 4 and not flat.endswith(".") and (
        label_of(flat + ": x") is not None)


def read_labelled(p: Paragraph, state: State) -> bool:
    """Take a paragraph under a recommendation heading; False where it is not one of its labelled lines."""
    text = p.text.strip()
    if state.pending_label:
        # The value printed on its own line under a label on the line before ("Lead officer" / "Chief Executive").
        text = f"{state.pending_label}: {text}"
        state.pending_label = None
    elif state.rec is not None and not state.rec_started_in_table and _bare_label(text):
        state.pending_label = text
        return True
    found = label_of(text)
    if found is not None and found[1] == col.RECOMMENDATION and found[2] and len(found[0].split()) <= 3:
        # "Recommendation: …" (a form-like table or a labelled paragraph) starts the next recommendation.
        rec = state.rec
        if rec is not None and not rec.text and not rec.actions and not state.rec_started_in_table:
            rec.text = prose(found[2])
        else:
            state.start_rec("", prose(found[2]), p.where)
            state.pending_owners = []
        return True
    rec = state.rec
    if rec is None or state.rec_started_in_table:
        return False
    if found is None:
        if state.collecting_actions:
            marker = LETTER_ITEM.match(text)
            body = strip_marker(text) if is_bullet(text) else text[marker.end():] if marker else text
            rec.actions.append(_action_with_trailing_fields(plain(body), state, rec.number, len(rec.actions) + 1))
            return True
        return False
    label, role, value = found
    if role == col.TIMESCALE and looks_like_date(value):
        role = col.DUE  # "Timescale: Autumn 2024" is a target date, as a column of dates would be
    state.collecting_actions = False
    column = Column(0, label, role)
    if role == col.ACTION:
        state.collecting_actions = True
        # Each item the value lists is an action (a lead-in ending in ":" keeps its bullets).
        rec.actions.extend(Action(text=item) for item in items(value))
        return True
    if role == col.NUMBER and not rec.actions:
        rec.number = value.rstrip(".:;) ") or rec.number
        return True
    if role == col.RESPONSE:
        rec.response = prose(value) if not rec.response else rec.response + "\n\n" + prose(value)
        return True
    if role in (col.REC_OWNER,) or (role == col.OWNER and not rec.actions):
        from ..owners import split_owners

        rec.owners.extend(n for n in split_owners(value, state.context) if n not in rec.owners)
        return True
    if role in ACTION_FIELDS and rec.actions:
        for k, action in enumerate(rec.actions):
            apply_field(action, column, value, state, f"recommendation {rec.number}, action {k + 1}")
        return True
    rec.extra[label] = plain(value)
    return True
