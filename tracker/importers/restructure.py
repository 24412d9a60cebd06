"""Changes to the shape of a reading on the review screen, as pure functions on the review copy of a plan.

The review copy is the interchange-format dict made by ``review.prepare``: every recommendation and action
carries a ``review_id`` ("r3", "a17") that stays with it whatever else moves, because the same form submission
may already have moved or deleted rows (``review.apply_edits``) before the change a button asks for is made.
Each function takes the plan and returns a new one; the plan passed in is never changed.

    plan, new_id = add_recommendation(plan, after="r2")     # an empty recommendation after r2 (or at the end)
    plan, new_id = add_action(plan, "r2")                   # an empty action at the end of r2
    plan = move(plan, "a17", -1)                            # up one place among its siblings
    plan, new_id = split_action(plan, "a17", 2)             # the text from its third line becomes a new action
    plan, new_id = split_recommendation(plan, "r3", 2)      # … or the first action of recommendation r3
    plan = merge_with_next(plan, "a17")                     # a17 and the action after it become one
    plan, new_id = promote(plan, "a17", with_following=True)
    plan, action_id = demote(plan, "r3")                    # r3 becomes the last action of the one above
    plan = apply_to_selected(plan, ["a1", "a4"], leads=["CT"], due=None)

``review.apply_op`` maps the review form's buttons (``op=split:a17`` …) onto these. A change that cannot be
made raises :class:`EditError` naming the form field to show the message beside.
"""

from __future__ import annotations

import copy
from typing import Any

# Action fields a recommendation has no place for: kept in its extra cells under these headings when an
# action is promoted, so nothing the document said is lost.
_PROMOTED_FIELDS = (("timescale", "Timescale"), ("anticipated_completion", "Anticipated completion"),
                    ("commentary", "Commentary"), ("measure", "Measure"), ("priority", "Priority"))
# Fields a new half of a split action copies: one lead, date or rating cell usually covered the whole cell
# that was read as one action. Commentary, measure and extra cells stay with the first half only.
_SPLIT_COPIES = ("owners", "due", "status", "completed", "priority", "timescale", "state")


class EditError(ValueError):
    """A change the review form asked for that cannot be made; ``field`` is where to show the message."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def new_id(plan: dict[str, Any], kind: str) -> str:
    """A fresh review id ('r…' for a recommendation, 'a…' for an action); advances the plan's counter."""
    n = int(plan.get("review_next_id") or 1)
    plan["review_next_id"] = n + 1
    return f"{kind}{n}"


def with_ids(plan: dict[str, Any]) -> dict[str, Any]:
    """A copy in which every row has a ``review_id`` (imports pending from before ids existed get them)."""
    plan = copy.deepcopy(plan)
    for rec in plan.get("recommendations") or []:
        rec.setdefault("review_warnings", [])
        if not rec.get("review_id"):
            rec["review_id"] = new_id(plan, "r")
        for action in rec.get("actions") or []:
            action.setdefault("review_warnings", [])
            if not action.get("review_id"):
                action["review_id"] = new_id(plan, "a")
    return plan


def find(plan: dict[str, Any], row_id: str) -> tuple[int, int | None]:
    """(recommendation index, action index or None) of the row with this review id."""
    for i, rec in enumerate(plan.get("recommendations") or []):
        if rec.get("review_id") == row_id:
            return i, None
        for j, action in enumerate(rec.get("actions") or []):
            if action.get("review_id") == row_id:
                return i, j
    raise EditError("review-form", "That row is no longer in the plan: it may have been deleted. Check the "
                                   "plan below and try again")


def _find_action(plan: dict[str, Any], action_id: str) -> tuple[int, int]:
    i, j = find(plan, action_id)
    if j is None:
        raise EditError("review-form", "That change applies to an action, not a recommendation")
    return i, j


def _find_recommendation(plan: dict[str, Any], rec_id: str) -> int:
    i, j = find(plan, rec_id)
    if j is not None:
        raise EditError("review-form", "That change applies to a recommendation, not an action")
    return i


def empty_action(plan: dict[str, Any]) -> dict[str, Any]:
    return {"text": "", "owners": [], "due": None, "status": None, "completed": None, "priority": None,
            "timescale": None, "anticipated_completion": None, "commentary": None, "measure": None,
            "extra": {}, "state": "not_started", "review_warnings": [], "review_id": new_id(plan, "a")}


def _next_number(recs: list[dict[str, Any]], index: int) -> str:
    """The number a recommendation inserted at ``index`` probably has: one more than a plain number before it."""
    before = (recs[index - 1].get("number") or "").strip() if index > 0 else "0"
    return str(int(before) + 1) if before.isdigit() else ""


def add_recommendation(plan: dict[str, Any], after: str | None = None) -> tuple[dict[str, Any], str]:
    plan = copy.deepcopy(plan)
    recs = plan.setdefault("recommendations", [])
    index = _find_recommendation(plan, after) + 1 if after else len(recs)
    rec_id = new_id(plan, "r")
    theme = recs[index - 1].get("theme") if index > 0 else None
    recs.insert(index, {"number": _next_number(recs, index), "text": "", "theme": theme, "response": None,
                        "owners": [], "actions": [], "extra": {}, "review_warnings": [], "review_id": rec_id})
    return plan, rec_id


def add_action(plan: dict[str, Any], rec_id: str) -> tuple[dict[str, Any], str]:
    plan = copy.deepcopy(plan)
    rec = plan["recommendations"][_find_recommendation(plan, rec_id)]
    action = empty_action(plan)
    rec.setdefault("actions", []).append(action)
    return plan, action["review_id"]


def move(plan: dict[str, Any], row_id: str, step: int) -> dict[str, Any]:
    """Swap a row with its neighbour (``step`` -1 up, +1 down) among the plan's recommendations or its
    recommendation's actions."""
    plan = copy.deepcopy(plan)
    i, j = find(plan, row_id)
    rows = plan["recommendations"] if j is None else plan["recommendations"][i]["actions"]
    k = i if j is None else j
    if not 0 <= k + step < len(rows):
        raise EditError("review-form", "That row is already " + ("first" if step < 0 else "last"))
    rows[k], rows[k + step] = rows[k + step], rows[k]
    return plan


def split_points(text: str) -> list[tuple[int, str]]:
    """Where an action's text can be split: (line index, that line) for every non-empty line after the first.
    A paragraph break is a blank line, so splitting at the line after it splits at the paragraph."""
    lines = (text or "").split("\n")
    first = next((n for n, line in enumerate(lines) if line.strip()), len(lines))
    return [(n, line.strip()) for n, line in enumerate(lines) if n > first and line.strip()]


def split_action(plan: dict[str, Any], action_id: str, at_line: int) -> tuple[dict[str, Any], str]:
    """Split an action before line ``at_line`` of its text: the lines from there become a new action just
    after it, with the same leads, target date and ratings."""
    plan = copy.deepcopy(plan)
    i, j = _find_action(plan, action_id)
    actions = plan["recommendations"][i]["actions"]
    action = actions[j]
    if at_line not in dict(split_points(action.get("text") or "")):
        raise EditError(f"split-{action_id}", "Choose the line the new action starts at (the text may have "
                                              "changed since the list was made)")
    lines = action["text"].split("\n")
    action["text"] = "\n".join(lines[:at_line]).strip()
    second = empty_action(plan)
    second["text"] = "\n".join(lines[at_line:]).strip()
    for key in _SPLIT_COPIES:
        if key in action:
            second[key] = copy.deepcopy(action[key])
    actions.insert(j + 1, second)
    return plan, second["review_id"]


def split_recommendation(plan: dict[str, Any], rec_id: str, at_line: int) -> tuple[dict[str, Any], str]:
    """The lines of a recommendation's text from ``at_line`` on become an action of it, before its other
    actions (an action read as part of the recommendation's wording)."""
    plan = copy.deepcopy(plan)
    rec = plan["recommendations"][_find_recommendation(plan, rec_id)]
    if at_line not in dict(split_points(rec.get("text") or "")):
        raise EditError(f"split-{rec_id}", "Choose the line the action starts at (the text may have changed "
                                           "since the list was made)")
    lines = rec["text"].split("\n")
    rec["text"] = "\n".join(lines[:at_line]).strip()
    action = empty_action(plan)
    action["text"] = "\n".join(lines[at_line:]).strip()
    rec.setdefault("actions", []).insert(0, action)
    return plan, action["review_id"]


def _joined(first: str | None, second: str | None) -> str | None:
    parts = [p.strip() for p in (first, second) if p and p.strip()]
    if len(parts) == 2 and parts[0] == parts[1]:
        return parts[0]
    return "\n".join(parts) or None


def merge_with_next(plan: dict[str, Any], action_id: str) -> dict[str, Any]:
    """Join an action and the one after it under the same recommendation: texts on separate lines, leads of
    both, the first's target date and ratings (the second's where the first has none)."""
    plan = copy.deepcopy(plan)
    i, j = _find_action(plan, action_id)
    actions = plan["recommendations"][i]["actions"]
    if j + 1 >= len(actions):
        raise EditError("review-form", "That action is the last of its recommendation: there is none after it "
                                       "to merge with")
    first, second = actions[j], actions.pop(j + 1)
    first["text"] = _joined(first.get("text"), second.get("text")) or ""
    first["owners"] = list(dict.fromkeys([*(first.get("owners") or []), *(second.get("owners") or [])]))
    for key in ("due", "status", "completed", "priority", "timescale"):
        if first.get(key) is None and second.get(key) is not None:
            first[key] = second[key]
    for key in ("anticipated_completion", "commentary", "measure"):
        first[key] = _joined(first.get(key), second.get(key))
    extra = dict(first.get("extra") or {})
    for heading, value in (second.get("extra") or {}).items():
        extra[heading] = _joined(extra.get(heading), value) or ""
    first["extra"] = extra
    first["review_warnings"] = [*(first.get("review_warnings") or []), *(second.get("review_warnings") or [])]
    return plan


def _due_words(due: dict[str, Any] | None) -> str:
    due = due or {}
    return (due.get("text") or due.get("date") or "").strip()


def promote(plan: dict[str, Any], action_id: str, with_following: bool) -> tuple[dict[str, Any], str]:
    """Make an action a recommendation of its own, just after the one it was under. With ``with_following``
    the actions after it move under it; otherwise they stay where they are. What a recommendation has no
    field for (target date, commentary …) goes into its extra cells."""
    plan = copy.deepcopy(plan)
    i, j = _find_action(plan, action_id)
    recs = plan["recommendations"]
    parent = recs[i]
    action = parent["actions"][j]
    following = parent["actions"][j + 1:] if with_following else []
    parent["actions"] = parent["actions"][:j] + ([] if with_following else parent["actions"][j + 1:])
    extra = dict(action.get("extra") or {})
    if _due_words(action.get("due")):
        extra["Target date"] = _due_words(action.get("due"))
    for key, heading in _PROMOTED_FIELDS:
        if action.get(key):
            extra[heading] = str(action[key])
    rec_id = new_id(plan, "r")
    recs.insert(i + 1, {"number": "", "text": action.get("text") or "", "theme": parent.get("theme"),
                        "response": None, "owners": list(action.get("owners") or []), "actions": following,
                        "extra": extra, "review_warnings": list(action.get("review_warnings") or []),
                        "review_id": rec_id})
    return plan, rec_id


def demote(plan: dict[str, Any], rec_id: str) -> tuple[dict[str, Any], str]:
    """Make a recommendation an action: the last of the recommendation above, followed by its own actions.
    Its response and theme (where it differs) go into the action's extra cells."""
    plan = copy.deepcopy(plan)
    i = _find_recommendation(plan, rec_id)
    if i == 0:
        raise EditError("review-form", "The first recommendation has no recommendation above it to join")
    recs = plan["recommendations"]
    rec, above = recs.pop(i), recs[i - 1]
    action = empty_action(plan)
    action["text"] = rec.get("text") or ""
    action["owners"] = list(rec.get("owners") or [])
    extra = dict(rec.get("extra") or {})
    if rec.get("number"):
        extra["Number"] = rec["number"]
    if rec.get("response"):
        extra["Response"] = rec["response"]
    if rec.get("theme") and rec.get("theme") != above.get("theme"):
        extra["Theme"] = rec["theme"]
    action["extra"] = extra
    action["review_warnings"] = list(rec.get("review_warnings") or [])
    above.setdefault("actions", []).extend([action, *(rec.get("actions") or [])])
    return plan, action["review_id"]


def apply_to_selected(plan: dict[str, Any], action_ids: list[str], *, leads: list[str] | None,
                      due: dict[str, Any] | None) -> dict[str, Any]:
    """Give every selected action these leads (replacing theirs) and/or this target date."""
    if not action_ids:
        raise EditError("bulk", "Select the actions to change")
    if leads is None and due is None:
        raise EditError("bulk_leads", "Enter the leads or the target date to give the selected actions")
    plan = copy.deepcopy(plan)
    for action_id in action_ids:
        i, j = _find_action(plan, action_id)
        action = plan["recommendations"][i]["actions"][j]
        if leads is not None:
            action["owners"] = list(leads)
        if due is not None:
            action["due"] = copy.deepcopy(due)
    return plan


# The action fields a column read into the wrong place can be moved between (move_column), as the review
# form names them; extra cells are "extra:<heading>".
COLUMN_FIELDS = (("leads", "Leads"), ("due_text", "Target date as written"), ("timescale", "Timescale"),
                 ("anticipated_completion", "Anticipated completion"), ("commentary", "Commentary"),
                 ("measure", "How improvement is measured"))


def _column_value(action: dict[str, Any], key: str) -> str:
    if key == "leads":
        return "\n".join(action.get("owners") or [])
    if key == "due_text":
        return ((action.get("due") or {}).get("text") or "").strip()
    if key.startswith("extra:"):
        return ((action.get("extra") or {}).get(key[len("extra:"):]) or "").strip()
    return (action.get(key) or "").strip()


def _set_column(action: dict[str, Any], key: str, value: str) -> None:
    if key == "leads":
        action["owners"] = [line.strip() for line in value.splitlines() if line.strip()]
    elif key == "due_text":
        # The date read beside the old text belonged to another column: it is typed again if wanted.
        action["due"] = {"text": value, "date": None, "precision": None, "ongoing": False} if value else None
    elif key.startswith("extra:"):
        extra = dict(action.get("extra") or {})
        if value:
            extra[key[len("extra:"):]] = value
        else:
            extra.pop(key[len("extra:"):], None)
        action["extra"] = extra
    else:
        action[key] = value or None


def column_choices(plan: dict[str, Any]) -> list[tuple[str, str]]:
    """The fields and the extra columns of this plan's actions, for the 'move a column' controls."""
    headings = dict.fromkeys(h for r in plan.get("recommendations") or [] for a in r.get("actions") or []
                             for h in a.get("extra") or {})
    return [*COLUMN_FIELDS, *((f"extra:{h}", f"{h} (a column kept as printed)") for h in headings)]


def move_column(plan: dict[str, Any], source: str, target: str) -> dict[str, Any]:
    """Move what every action holds in one field into another (a column read into the wrong field): the
    source is emptied; where the target already holds something else, the two are kept on separate lines."""
    known = {key for key, _ in COLUMN_FIELDS}
    for key, field in ((source, "move_from"), (target, "move_to")):
        if key not in known and not (key.startswith("extra:") and len(key) > len("extra:")):
            raise EditError(field, "Choose a field from the list")
    if source == target:
        raise EditError("move_to", "Choose a different field to move it to")
    plan = copy.deepcopy(plan)
    for rec in plan.get("recommendations") or []:
        for action in rec.get("actions") or []:
            value = _column_value(action, source)
            if not value:
                continue
            _set_column(action, target, _joined(_column_value(action, target), value) or "")
            _set_column(action, source, "")
    return plan
