"""The review screen's work on a parsed plan, as plain functions on the interchange-format dict.

``prepare(plan_dict)`` makes the editable copy: each warning is attached to the recommendation or action its
``where`` (or message) names, so it stays beside that row when rows move or are deleted; each action gets the
tracker ``state`` it would be saved with, and every row a ``review_id``. ``apply_edits(reviewed, post)``
applies the review form's fields and returns the new dict with a list of (field name, message) errors;
``apply_op(plan, op, post)`` then makes the change the button pressed asks for (add, split, merge, promote …,
in ``restructure``). ``clean(reviewed)`` strips the review-only keys before saving (``peer_challenge_date``
returns the date typed for the peer challenge, which the interchange format has no field for).
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Mapping
from typing import Any

from tracker.importers import reading, restructure
from tracker.plans.models import Rag, State
from tracker.plans.services import state_from_parsed

_WHERE = re.compile(r"\brecommendation\s+([A-Za-z]*\d[\w.]*)(?:\s*,\s*action\s+(\d+))?", re.I)


def _locate(text: str, recs: list[dict[str, Any]]) -> tuple[int, int | None] | None:
    """(recommendation index, action index or None) named in ``text``, e.g. 'recommendation 4, action 2'."""
    match = _WHERE.search(text or "")
    if not match:
        return None
    number, action = match.group(1).rstrip("."), match.group(2)
    index = next((i for i, r in enumerate(recs) if (r.get("number") or "").strip() == number), None)
    if index is None and number.isdigit() and 0 < int(number) <= len(recs):
        index = int(number) - 1
    if index is None:
        return None
    if action is not None:
        a = int(action) - 1
        if 0 <= a < len(recs[index].get("actions") or []):
            return index, a
    return index, None


_QUOTED = re.compile(r"[\'\u2018\"]([^\'\u2019\"]{8,})[\'\u2019\"]")


def _locate_by_quote(message: str, recs: list[dict[str, Any]]) -> tuple[int, int | None] | None:
    """The one action whose text begins with a fragment the message quotes ('Develop new officer tra')."""
    for fragment in _QUOTED.findall(message or ""):
        hits = [(i, j) for i, r in enumerate(recs) for j, a in enumerate(r.get("actions") or [])
                if (a.get("text") or "").startswith(fragment.strip())]
        if len(hits) == 1:
            return hits[0]
    return None


def prepare(plan_dict: dict[str, Any]) -> dict[str, Any]:
    """The editable copy of a parsed plan (see module docstring). The original is not changed."""
    reviewed = restructure.with_ids(plan_dict)
    recs = reviewed.get("recommendations") or []
    legend = reviewed.get("legend") or {}
    for rec in recs:
        for action in rec.get("actions") or []:
            action["state"] = state_from_parsed(action, legend)
    unplaced = []
    for warning in reviewed.get("warnings") or []:
        place = (_locate(warning.get("where") or "", recs) or _locate(warning.get("message") or "", recs)
                 or _locate_by_quote(warning.get("message") or "", recs))
        if place is None:
            unplaced.append(warning)
        elif place[1] is None:
            recs[place[0]]["review_warnings"].append(warning)
        else:
            recs[place[0]]["actions"][place[1]]["review_warnings"].append(warning)
    reviewed["warnings"] = unplaced
    return reviewed


def clean(reviewed: dict[str, Any]) -> dict[str, Any]:
    """The reviewed plan without review-only keys, ready for ``services.save_import``."""
    plan = copy.deepcopy(reviewed)
    plan.pop("review_peer_challenge_date", None)
    plan.pop("review_next_id", None)
    for rec in plan.get("recommendations") or []:
        rec.pop("review_warnings", None)
        rec.pop("review_id", None)
        for action in rec.get("actions") or []:
            action.pop("review_warnings", None)
            action.pop("review_id", None)
    return plan


def peer_challenge_date(reviewed: dict[str, Any]) -> datetime.date | None:
    value = reviewed.get("review_peer_challenge_date")
    return datetime.date.fromisoformat(value) if value else None


def date_or_error(value: str) -> tuple[str | None, str | None]:
    value = value.strip()
    if not value:
        return None, None
    try:
        return datetime.date.fromisoformat(value).isoformat(), None
    except ValueError:
        pass
    try:
        return datetime.datetime.strptime(value, "%d/%m/%Y").date().isoformat(), None
    except ValueError:
        return None, f"Enter the date as day/month/year, for example 31/03/2025, not {value!r}"


PRIORITIES = ("high", "medium", "low")
# Action fields edited as free text; empty means the document gave none.
ACTION_TEXT_FIELDS = ("timescale", "anticipated_completion", "commentary", "measure")


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _edit_extra(row: dict[str, Any], prefix: str, post: Mapping[str, str]) -> None:
    """Extra cells are fields ``{prefix}extra{n}``, n counting the row's cells in order; emptied, a cell goes."""
    extra = dict(row.get("extra") or {})
    for n, heading in enumerate(list(extra)):
        if f"{prefix}extra{n}" in post:
            value = post[f"{prefix}extra{n}"].strip()
            if value:
                extra[heading] = value
            else:
                del extra[heading]
    row["extra"] = extra


def _edit_action(action: dict[str, Any], a: str, where: str, post: Mapping[str, str], saving: bool,
                 errors: list[tuple[str, str]]) -> None:
    if f"{a}text" in post:
        action["text"] = post[f"{a}text"].strip()
    if saving and not (action.get("text") or "").strip():
        errors.append((f"{a}text", f"Enter the text of {where}, or tick delete"))
    if f"{a}leads" in post:
        action["owners"] = _lines(post[f"{a}leads"])
    if f"{a}due_text" in post or f"{a}due_date" in post:
        due = dict(action.get("due") or {"text": "", "date": None, "precision": None, "ongoing": False})
        text = post.get(f"{a}due_text", due.get("text") or "").strip()
        date, error = date_or_error(post.get(f"{a}due_date", due.get("date") or ""))
        if error:
            errors.append((f"{a}due_date", f"{where}: {error}"))
            date = due.get("date")
        if date != due.get("date"):
            due["precision"] = "day" if date else None
        if f"{a}due_text" in post:
            # A checkbox is only sent when ticked: the target date's fields being sent says it was on the form.
            due["ongoing"] = bool(post.get(f"{a}ongoing"))
        due["text"], due["date"] = text, date
        action["due"] = due if (text or date or due.get("ongoing")) else None
    if f"{a}state" in post:
        if post[f"{a}state"] in State.values:
            action["state"] = post[f"{a}state"]
        else:
            errors.append((f"{a}state", f"{where}: choose a state from the list"))
    if f"{a}rag" in post:
        if post[f"{a}rag"] in Rag.values:
            action["status"] = post[f"{a}rag"] or None
        else:
            errors.append((f"{a}rag", f"{where}: choose a RAG rating from the list"))
    if f"{a}priority" in post:
        if post[f"{a}priority"] in ("", *PRIORITIES):
            action["priority"] = post[f"{a}priority"] or None
        else:
            errors.append((f"{a}priority", f"{where}: choose a priority from the list"))
    for key in ACTION_TEXT_FIELDS:
        if f"{a}{key}" in post:
            action[key] = post[f"{a}{key}"].strip() or None
    _edit_extra(action, a, post)


def apply_edits(reviewed: dict[str, Any], post: Mapping[str, str],
                saving: bool = False) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Apply the review form's fields to the plan. Field names: ``title``, ``organisation``, ``as_of``,
    ``peer_challenge_date``, ``r{i}-number|text|theme|response|owners|extra{n}|delete``,
    ``a{i}-{j}-text|leads|due_text|due_date|ongoing|state|rag|priority|timescale|anticipated_completion|commentary|
    measure|extra{n}|move|delete``, where i and j index the plan as it was shown.

    ``notes`` is the plan's text that belongs to no recommendation.

    Returns the new plan and errors as (field name, message). With errors the plan keeps the shape it was
    shown in (nothing deleted or moved, so the field names still match) and carries what the user typed, to
    be shown again. ``saving`` also refuses empty action texts, an empty recommendation with no
    actions and a plan with no recommendations; while the review goes on they are drafts."""
    plan = copy.deepcopy(reviewed)
    errors: list[tuple[str, str]] = []
    # Browsers send textareas with CRLF line ends; the plan keeps plain newlines.
    post = {k: v.replace("\r\n", "\n").replace("\r", "\n") for k, v in post.items()}
    if "title" in post:
        plan["title"] = post["title"].strip()
    if "notes" in post:
        plan["notes"] = post["notes"].strip() or None
    if "organisation" in post:
        plan["organisation"] = post["organisation"].strip() or None
    if "as_of" in post:
        as_of, error = date_or_error(post["as_of"])
        if error:
            errors.append(("as_of", f"Date the plan stands at: {error}"))
        else:
            plan["as_of"] = as_of
    if "peer_challenge_date" in post:
        when, error = date_or_error(post["peer_challenge_date"])
        if error:
            errors.append(("peer_challenge_date", f"Date of the peer challenge: {error}"))
        else:
            plan["review_peer_challenge_date"] = when
    recs = plan.get("recommendations") or []
    moves: list[tuple[int, int, int]] = []
    for i, rec in enumerate(recs):
        p = f"r{i}-"
        deleting = bool(post.get(f"{p}delete"))
        if f"{p}number" in post:
            rec["number"] = post[f"{p}number"].strip()
        if f"{p}text" in post:
            rec["text"] = post[f"{p}text"].strip()
        # Some documents give a group of actions no wording of its own: that may be saved; an empty
        # recommendation with no actions either is a row added and never filled in.
        if saving and not deleting and not (rec.get("text") or "").strip() and not rec.get("actions"):
            errors.append((f"{p}text", f"Enter the text of recommendation {rec.get('number') or i + 1}, or "
                                       "tick delete"))
        if f"{p}theme" in post:
            rec["theme"] = post[f"{p}theme"].strip() or None
        if f"{p}response" in post:
            rec["response"] = post[f"{p}response"].strip() or None
        if f"{p}owners" in post:
            rec["owners"] = _lines(post[f"{p}owners"])
        _edit_extra(rec, p, post)
        for j, action in enumerate(rec.get("actions") or []):
            a = f"a{i}-{j}-"
            where = f"recommendation {rec.get('number') or i + 1}, action {j + 1}"
            if post.get(f"{a}delete") or deleting and post.get(f"{a}move", str(i)) == str(i):
                continue
            _edit_action(action, a, where, post, saving, errors)
            move = post.get(f"{a}move", "")
            if move in ("", str(i)):
                continue
            if not (move.isdigit() and int(move) < len(recs)):
                errors.append((f"{a}move", f"{where}: choose a recommendation from the list"))
            elif post.get(f"r{move}-delete"):
                errors.append((f"{a}move", f"{where}: you are deleting recommendation "
                                           f"{recs[int(move)].get('number') or int(move) + 1}; move the action "
                                           "somewhere else or delete it too"))
            else:
                moves.append((i, j, int(move)))
    if errors:
        return plan, errors
    # Moves go after the target's own actions, in the order they were shown; then deletions.
    moved = {(i, j) for i, j, _ in moves}
    shown = [list(rec.get("actions") or []) for rec in recs]
    for i, rec in enumerate(recs):
        rec["actions"] = [action for j, action in enumerate(shown[i])
                          if (i, j) not in moved and not post.get(f"a{i}-{j}-delete")]
    for i, j, target in moves:
        recs[target]["actions"].append(shown[i][j])
    plan["recommendations"] = [r for i, r in enumerate(recs) if not post.get(f"r{i}-delete")]
    if saving and not plan["recommendations"]:
        errors.append(("recommendations", "A plan needs at least one recommendation: add one"))
    return plan, errors


def apply_op(plan: dict[str, Any], op: str, post: Mapping[str, str],
             selected: list[str] | None = None) -> tuple[dict[str, Any], str | None]:
    """Make the change one of the review form's buttons asks for (``op``, e.g. ``split:a17``), after the
    typed edits; returns the plan and the review id of the row to show next (None when the button only
    applies the typed edits). Raises ``restructure.EditError``."""
    name, _, row_id = op.partition(":")
    if name in ("", "save", "keep"):
        return plan, None
    if name == "add-recommendation":
        return restructure.add_recommendation(plan, after=row_id or None)
    if name == "add-action":
        return restructure.add_action(plan, row_id)
    if name in ("up", "down"):
        return restructure.move(plan, row_id, -1 if name == "up" else 1), row_id
    if name == "split":
        value = post.get(f"split-{row_id}", "")
        if not value.isdigit():
            raise restructure.EditError(f"split-{row_id}", "Choose the line the action starts at")
        if row_id.startswith("r"):
            return restructure.split_recommendation(plan, row_id, int(value))
        return restructure.split_action(plan, row_id, int(value))
    if name == "merge":
        return restructure.merge_with_next(plan, row_id), row_id
    if name in ("promote", "promote-with-following"):
        return restructure.promote(plan, row_id, with_following=name == "promote-with-following")
    if name == "demote":
        return restructure.demote(plan, row_id)
    if name == "apply-selected":
        return _apply_bulk(plan, post, selected or []), None
    if name.startswith("place-"):
        # A passage no field took (``plan["reading"]["unplaced"][k]``, k after the colon) placed in one step.
        as_, k = name.removeprefix("place-"), int(row_id) if row_id.isdigit() else -1
        target = post.get(f"place-{row_id}-rec" if as_ == "action" else f"place-{row_id}-action", "")
        return reading.place(plan, k, as_, target, post.get(f"place-{row_id}-field", ""))
    if name == "move-column":
        return restructure.move_column(plan, post.get("move_from", ""), post.get("move_to", "")), None
    raise restructure.EditError("review-form", "That button is not one this page knows: reload the page and "
                                               "try again")


def _apply_bulk(plan: dict[str, Any], post: Mapping[str, str], selected: list[str]) -> dict[str, Any]:
    leads = _lines(post.get("bulk_leads", "").replace("\r", "")) or None
    text = post.get("bulk_due_text", "").strip()
    date, error = date_or_error(post.get("bulk_due_date", ""))
    if error:
        raise restructure.EditError("bulk_due_date", f"Target date for the selected actions: {error}")
    due = {"text": text or _day_month_year(date), "date": date, "precision": "day" if date else None,
           "ongoing": False} if (text or date) else None
    return restructure.apply_to_selected(plan, selected, leads=leads, due=due)


def _day_month_year(iso: str | None) -> str:
    if not iso:
        return ""
    day = datetime.date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"
