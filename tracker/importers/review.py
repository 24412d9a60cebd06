"""The review screen's work on a parsed plan, as plain functions on the interchange-format dict.

``prepare(plan_dict)`` makes the editable copy: each warning is attached to the recommendation or action its
``where`` (or message) names, so it stays beside that row when rows move or are deleted; each action gets the
tracker ``state`` it would be saved with. ``apply_edits(reviewed, post)`` applies the review form and returns
the new dict with a list of (field name, message) errors. ``clean(reviewed)`` strips the review-only keys
before saving (``peer_challenge_date`` returns the date typed for the peer challenge, which the interchange
format has no field for).
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Mapping
from typing import Any

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
    reviewed = copy.deepcopy(plan_dict)
    recs = reviewed.get("recommendations") or []
    legend = reviewed.get("legend") or {}
    for rec in recs:
        rec["review_warnings"] = []
        for action in rec.get("actions") or []:
            action["review_warnings"] = []
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
    for rec in plan.get("recommendations") or []:
        rec.pop("review_warnings", None)
        for action in rec.get("actions") or []:
            action.pop("review_warnings", None)
    return plan


def peer_challenge_date(reviewed: dict[str, Any]) -> datetime.date | None:
    value = reviewed.get("review_peer_challenge_date")
    return datetime.date.fromisoformat(value) if value else None


def _date_or_error(value: str) -> tuple[str | None, str | None]:
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


def apply_edits(reviewed: dict[str, Any], post: Mapping[str, str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Apply the review form to the plan. Field names: ``title``, ``organisation``, ``r{i}-number|text|theme|
    delete``, ``a{i}-{j}-text|leads|due_text|due_date|state|rag|move|delete``, where i and j index the plan
    as it was shown. Returns the new plan and errors as (field name, message); on errors the plan still
    carries what the user typed so it can be shown again."""
    plan = copy.deepcopy(reviewed)
    errors: list[tuple[str, str]] = []
    # Browsers send textareas with CRLF line ends; the plan keeps plain newlines.
    post = {k: v.replace("\r\n", "\n").replace("\r", "\n") for k, v in post.items()}
    if "title" in post:
        plan["title"] = post["title"].strip()
        if not plan["title"]:
            errors.append(("title", "Enter the plan's title"))
    if "organisation" in post:
        plan["organisation"] = post["organisation"].strip() or None
    if "as_of" in post:
        as_of, error = _date_or_error(post["as_of"])
        if error:
            errors.append(("as_of", f"Date the plan stands at: {error}"))
        else:
            plan["as_of"] = as_of
    if "peer_challenge_date" in post:
        when, error = _date_or_error(post["peer_challenge_date"])
        if error:
            errors.append(("peer_challenge_date", f"Date of the peer challenge: {error}"))
        else:
            plan["review_peer_challenge_date"] = when
    recs = plan.get("recommendations") or []
    moves: list[tuple[int, dict[str, Any], str, str]] = []
    for i, rec in enumerate(recs):
        p = f"r{i}-"
        if f"{p}number" in post:
            rec["number"] = post[f"{p}number"].strip()
        if f"{p}text" in post:
            rec["text"] = post[f"{p}text"].strip()
            if not rec["text"] and not post.get(f"{p}delete"):
                errors.append((f"{p}text", f"Enter the text of recommendation {rec['number'] or i + 1}"))
        if f"{p}theme" in post:
            rec["theme"] = post[f"{p}theme"].strip() or None
        if f"{p}owners" in post:
            rec["owners"] = [line.strip() for line in post[f"{p}owners"].splitlines() if line.strip()]
        kept = []
        for j, action in enumerate(rec.get("actions") or []):
            a = f"a{i}-{j}-"
            where = f"recommendation {rec.get('number') or i + 1}, action {j + 1}"
            if post.get(f"{a}delete"):
                continue
            if f"{a}text" in post:
                action["text"] = post[f"{a}text"].strip()
                if not action["text"]:
                    errors.append((f"{a}text", f"Enter the text of {where}, or tick delete"))
            if f"{a}leads" in post:
                action["owners"] = [line.strip() for line in post[f"{a}leads"].splitlines() if line.strip()]
            if f"{a}due_text" in post or f"{a}due_date" in post:
                due = dict(action.get("due") or {"text": "", "date": None, "precision": None, "ongoing": False})
                text = post.get(f"{a}due_text", due.get("text") or "").strip()
                date, error = _date_or_error(post.get(f"{a}due_date", due.get("date") or ""))
                if error:
                    errors.append((f"{a}due_date", f"{where}: {error}"))
                    date = due.get("date")
                if date != due.get("date"):
                    due["precision"] = "day" if date else None
                due["text"], due["date"] = text, date
                action["due"] = due if (text or date) else None
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
            move = post.get(f"{a}move", "")
            if move not in ("", str(i)):
                try:
                    target = int(move)
                    if not 0 <= target < len(recs):
                        raise ValueError
                except ValueError:
                    errors.append((f"{a}move", f"{where}: choose a recommendation from the list"))
                else:
                    moves.append((target, action, where, f"{a}move"))
                    continue
            kept.append(action)
        rec["actions"] = kept
    # Moves go after the target's own actions, in the order they were shown.
    for target, action, where, field in moves:
        if post.get(f"r{target}-delete"):
            errors.append((field, f"{where}: you are deleting recommendation "
                                  f"{recs[target].get('number') or target + 1}; move the action somewhere "
                                  "else or delete it too"))
        recs[target]["actions"].append(action)
    plan["recommendations"] = [r for i, r in enumerate(recs) if not post.get(f"r{i}-delete")]
    if not plan["recommendations"]:
        errors.append(("recommendations", "A plan needs at least one recommendation"))
    return plan, errors
