"""Every write to a plan goes through here, so no path forgets history. Each function is one transaction.

    plan = save_import(council, user, plan_dict, source_bytes, filename)       # after review
    update = update_action(action, user, {"state": "complete", "rag": "blue"}, "Signed off at Cabinet")
    ext = request_extension(action, new_date, "March 2026", "Supplier delayed", requested_by=user)
    decide_extension(ext, user, approve=True, decided_by_label="Cabinet", note="Agreed 12 March")
    record_extension(action, user, new_date, "March 2026", "Supplier delayed")  # request + approve at once
    set_progress_override(plan_or_recommendation, "Substantially complete", "Agreed by CLT")
    rec = add_recommendation(plan, user, text="…", number="10", reason="Added by Cabinet, 12 March")
    action = add_action(rec, user, text="…", leads="CT", due_date=date, due_text="March 2026", reason="…")
    remove_action(action, user, "Merged into 3.1"); remove_recommendation(rec, user, "Withdrawn by the LGA")

Role checks belong to the views (``council_for(request, slug, role="editor")``); these functions trust their
caller. ``plan_dict`` is the parser's interchange format (``planparse.Plan.to_dict()``, schema v1).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from tracker.accounts.models import Council
from tracker.plans.models import (
    Action,
    ActionChange,
    ActionLead,
    ActionUpdate,
    Extension,
    ExtensionStatus,
    Kind,
    Plan,
    PlanChange,
    PlanChangeKind,
    Rag,
    Recommendation,
    State,
    Via,
    lead_key,
)

# Fields an update may change. Target dates are not here: they change only through an approved extension.
UPDATABLE_FIELDS = ("text", "leads", "state", "rag", "priority", "timescale", "anticipated_completion",
                    "commentary", "measure", "recommendation")
DATE_FIELDS = ("due_date", "due_text", "due_precision", "ongoing", "original_due_date", "original_due_text")

_IN_PROGRESS = re.compile(r"\b(in progress|underway|under way|started|progressing|on track|being)\b", re.I)
_COMPLETE_WORDS = re.compile(r"\b(complete|completed|achieved|done)\b", re.I)


class PlanDataError(ValueError):
    """The plan to save is unusable (no recommendations, a bad date…); the message is for the user."""


def user_label(user: AbstractBaseUser | None) -> str:
    """How a user is named in history: their full name, else their username."""
    if user is None:
        return ""
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise PlanDataError(f"{value!r} is not a date (expected yyyy-mm-dd)") from None


def guess_kind(title: str) -> str:
    lowered = title.lower()
    if "progress review" in lowered:
        return Kind.PROGRESS_REVIEW
    if "peer challenge" in lowered or "peer review" in lowered:
        return Kind.CPC
    if "audit" in lowered or "governance statement" in lowered:
        return Kind.AUDIT
    return Kind.OTHER


# The interchange format has no field for the tracker's delivery state: the JSON export writes it into the
# action's extra cells under this heading (only where it cannot be derived), and an import reads it back here.
STATE_EXTRA_KEY = "Delivery state"


def _stated_state(action: dict[str, Any]) -> str:
    """The state an action's extra cells name ('In progress' under STATE_EXTRA_KEY), or ''."""
    named = ((action.get("extra") or {}).get(STATE_EXTRA_KEY) or "").strip().casefold()
    return next((s.value for s in State if named in (s.label.casefold(), s.value)), "") if named else ""


def state_from_parsed(action: dict[str, Any], legend: dict[str, dict[str, str]] | None = None) -> str:
    """The tracker's delivery state for one parsed action (the mapping in docs/tracker-design).

    completed → complete; 'ongoing' with no date → ongoing; blue where the plan's legend says blue means
    complete → complete; progress words in the commentary or anticipated completion → in progress;
    otherwise not started.
    """
    stated = _stated_state(action)
    if stated:
        return stated
    if action.get("completed") is True:
        return State.COMPLETE
    due = action.get("due") or {}
    if due.get("ongoing") and not due.get("date"):
        return State.ONGOING
    blue_means = ((legend or {}).get("status") or {}).get("blue", "")
    if action.get("status") == "blue" and (not blue_means or _COMPLETE_WORDS.search(blue_means)):
        return State.COMPLETE
    words = " ".join(action.get(k) or "" for k in ("commentary", "anticipated_completion"))
    if _IN_PROGRESS.search(words):
        return State.IN_PROGRESS
    if action.get("completed") is None and action.get("commentary") and action.get("status") in (
            "red", "amber", "green"):
        # A rating with a progress note means work is being reported on.
        return State.IN_PROGRESS
    return State.NOT_STARTED


def _action_fields(parsed: dict[str, Any], legend: dict[str, dict[str, str]]) -> dict[str, Any]:
    due = parsed.get("due") or {}
    due_date = _date(due.get("date"))
    due_text = (due.get("text") or "").strip()
    rag = parsed.get("status") or ""
    if rag not in Rag.values:
        raise PlanDataError(f"{rag!r} is not a RAG rating")
    state = parsed.get("state") or state_from_parsed(parsed, legend)
    if state not in State.values:
        raise PlanDataError(f"{state!r} is not a delivery state")
    extra = dict(parsed.get("extra") or {})
    if _stated_state(parsed):
        # Read into ``state`` above; kept in extra it would go stale at the next change of state.
        del extra[STATE_EXTRA_KEY]
    return {
        "text": (parsed.get("text") or "").strip(),
        "leads": "\n".join(o.strip() for o in parsed.get("owners") or [] if o.strip()),
        "original_due_date": due_date, "original_due_text": due_text,
        "due_date": due_date, "due_text": due_text,
        "due_precision": due.get("precision") or "", "ongoing": bool(due.get("ongoing")),
        "state": state, "rag": rag,
        "priority": parsed.get("priority") or "", "timescale": parsed.get("timescale") or "",
        "anticipated_completion": parsed.get("anticipated_completion") or "",
        "commentary": parsed.get("commentary") or "", "measure": parsed.get("measure") or "",
        "extra": extra,
    }


@transaction.atomic
def save_import(council: Council, user: AbstractBaseUser | None, plan_dict: dict[str, Any],
                source_bytes: bytes, filename: str, *, parsed_json: dict[str, Any] | None = None,
                kind: str | None = None, via: str = Via.IMPORT,
                peer_challenge_date: datetime.date | None = None) -> Plan:
    """Create a plan, its recommendations and actions from a (reviewed) interchange-format dict.

    One transaction: if anything fails, nothing is saved. ``parsed_json`` is the parser's output before
    review (kept with the plan; defaults to ``plan_dict``). Each action starts its history with one update
    saying where it came from. An action may carry ``"state"`` (a tracker state) set on the review screen;
    otherwise the state is derived from the parsed fields (:func:`state_from_parsed`).
    """
    recs = plan_dict.get("recommendations") or []
    if not recs:
        raise PlanDataError("the plan has no recommendations to save")
    source = plan_dict.get("source") or {}
    legend = plan_dict.get("legend") or {}
    now = timezone.now()
    plan = Plan.objects.create(
        council=council,
        title=(plan_dict.get("title") or filename or "Untitled plan").strip()[:500],
        kind=kind or guess_kind(plan_dict.get("title") or ""),
        organisation=(plan_dict.get("organisation") or "")[:300],
        as_of=_date(plan_dict.get("as_of")),
        peer_challenge_date=peer_challenge_date,
        notes=plan_dict.get("notes") or "",
        legend=legend,
        source_file=source_bytes,
        source_filename=filename[:255],
        source_format=source.get("format") or filename.rsplit(".", 1)[-1].lower()[:10],
        source_sha256=hashlib.sha256(source_bytes).hexdigest(),
        parsed_json=parsed_json if parsed_json is not None else plan_dict,
        imported_by=user,
        imported_at=now,
    )
    label = user_label(user) or "plan import"
    for r_pos, rec in enumerate(recs):
        recommendation = Recommendation.objects.create(
            plan=plan, position=r_pos, number=(rec.get("number") or "").strip()[:30],
            text=rec.get("text") or "", theme=(rec.get("theme") or "")[:300],
            response=rec.get("response") or "", owners=list(rec.get("owners") or []),
            extra=dict(rec.get("extra") or {}))
        actions = [Action(plan=plan, recommendation=recommendation, position=a_pos,
                          **_action_fields(parsed, legend))
                   for a_pos, parsed in enumerate(rec.get("actions") or [])]
        Action.objects.bulk_create(actions)
        ActionLead.objects.bulk_create([ActionLead(action=a, name=name, key=lead_key(name))
                                        for a in actions for name in a.lead_names])
        ActionUpdate.objects.bulk_create([
            ActionUpdate(action=a, at=now, by_user=user, by_label=label, via=via,
                         comment=f"Imported from {filename}") for a in actions])
    return plan


def _stored(value: Any) -> str:
    """A field value as history stores it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Recommendation):
        return value.number or str(value.position + 1)
    return str(value)


def _write_history(action: Action, by_user: AbstractBaseUser | None, by_label: str, via: str,
                   comment: str, changed: list[tuple[str, Any, Any]]) -> ActionUpdate:
    update = ActionUpdate.objects.create(action=action, by_user=by_user,
                                         by_label=by_label or user_label(by_user), via=via, comment=comment)
    ActionChange.objects.bulk_create([ActionChange(update=update, field=f, old=_stored(o), new=_stored(n))
                                      for f, o, n in changed])
    return update


def _sync_leads(action: Action) -> None:
    action.lead_rows.all().delete()
    ActionLead.objects.bulk_create([ActionLead(action=action, name=n, key=lead_key(n))
                                    for n in action.lead_names])


@transaction.atomic
def update_action(action: Action, by_user: AbstractBaseUser | None, changes: dict[str, Any], comment: str = "",
                  via: str = Via.WEB, by_label: str = "") -> ActionUpdate | None:
    """Apply ``changes`` (field → new value) to an action and record them as one update.

    Returns None and writes nothing when no value actually changes (a comment alone is still recorded).
    ``recommendation`` may be a Recommendation of the same plan (moving the action). Target dates cannot
    be changed here (ValueError): use :func:`request_extension` / :func:`record_extension`.
    ``by_label`` names someone who is not a user ("CT by update link"); otherwise the user's name is used.
    """
    bad = set(changes) - set(UPDATABLE_FIELDS)
    if bad & set(DATE_FIELDS):
        raise ValueError("target dates change only through an extension")
    if bad:
        raise ValueError(f"these fields cannot be updated: {', '.join(sorted(bad))}")
    # Re-read under a lock so the 'old' values in history are the ones actually replaced.
    current = Action.objects.select_for_update().get(pk=action.pk)
    changed: list[tuple[str, Any, Any]] = []
    for name, new in changes.items():
        if name == "recommendation":
            if new.plan_id != current.plan_id:
                raise ValueError("an action can only move to a recommendation of the same plan")
            if new.pk != current.recommendation_id:
                changed.append((name, current.recommendation, new))
                current.recommendation = new
                # A moved action goes after the actions already under its new recommendation.
                last = Action.objects.filter(recommendation=new).aggregate(m=Max("position"))["m"]
                current.position = 0 if last is None else last + 1
            continue
        if name == "state" and new not in State.values:
            raise ValueError(f"{new!r} is not a delivery state")
        if name == "rag" and (new or "") not in Rag.values:
            raise ValueError(f"{new!r} is not a RAG rating")
        new = "" if new is None else new
        if isinstance(new, str):
            # Browsers send textareas with CRLF: the same words must not count as a change.
            new = "\n".join(line.rstrip() for line in new.strip().splitlines())
        old = getattr(current, name)
        if old != new:
            changed.append((name, old, new))
            setattr(current, name, new)
    if not changed and not comment.strip():
        return None
    if changed:
        current.save()
        if any(f == "leads" for f, _, _ in changed):
            _sync_leads(current)
    update = _write_history(current, by_user, by_label, via, comment.strip(), changed)
    # Keep the caller's object in step with the database.
    for name, _, _ in changed:
        setattr(action, name, getattr(current, name))
    action.position = current.position
    action.updated_at = current.updated_at
    return update


@transaction.atomic
def request_extension(action: Action, new_date: datetime.date | None, new_text: str, reason: str,
                      requested_by: AbstractBaseUser | None = None, requested_by_label: str = "") -> Extension:
    """Ask to move an action's target date. Changes nothing on the action until approved."""
    if not reason.strip():
        raise ValueError("give a reason for the extension")
    if new_date is None and not new_text.strip():
        raise ValueError("give the new target date")
    return Extension.objects.create(
        action=action, old_date=action.due_date, old_text=action.due_text,
        new_date=new_date, new_text=new_text.strip() or (new_date.isoformat() if new_date else ""),
        reason=reason.strip(), requested_by=requested_by,
        requested_by_label=requested_by_label or user_label(requested_by))


@transaction.atomic
def decide_extension(extension: Extension, by_user: AbstractBaseUser | None, approve: bool,
                     note: str = "", decided_by_label: str = "", via: str = Via.WEB) -> Extension:
    """Approve or refuse a pending extension. Approval sets the action's current target date and writes
    history; the original date is untouched. ``decided_by_label`` says who approved when it was a body
    rather than the user recording it ("Cabinet, 12 March")."""
    extension = Extension.objects.select_for_update().get(pk=extension.pk)
    if extension.status != ExtensionStatus.PENDING:
        raise ValueError("this extension has already been decided")
    extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    extension.decided_by = by_user
    extension.decided_by_label = decided_by_label or user_label(by_user)
    extension.decided_at = timezone.now()
    extension.decision_note = note.strip()
    if approve:
        action = Action.objects.select_for_update().get(pk=extension.action_id)
        new_precision = "day" if extension.new_date and extension.new_text == extension.new_date.isoformat() \
            else action.due_precision
        changed = [(f, getattr(action, f), v) for f, v in (
            ("due_date", extension.new_date), ("due_text", extension.new_text),
            ("due_precision", new_precision)) if getattr(action, f) != v]
        for f, _, v in changed:
            setattr(action, f, v)
        action.save()
        comment = f"Extension approved by {extension.decided_by_label}: {extension.reason}"
        extension.update = _write_history(action, by_user, "", via, comment, changed)
    extension.save()
    return extension


@transaction.atomic
def record_extension(action: Action, by_user: AbstractBaseUser | None, new_date: datetime.date | None,
                     new_text: str, reason: str, decided_by_label: str = "", note: str = "",
                     via: str = Via.WEB) -> Extension:
    """Record an extension that has already been agreed: request and approve in one step. ``via`` says how it
    arrived (a spreadsheet import records its date changes this way)."""
    extension = request_extension(action, new_date, new_text, reason, requested_by=by_user)
    extension = decide_extension(extension, by_user, approve=True, note=note, decided_by_label=decided_by_label,
                                 via=via)
    action.refresh_from_db()
    return extension


@transaction.atomic
def set_progress_override(target: Plan | Recommendation, text: str, note: str = "",
                          by_user: AbstractBaseUser | None = None) -> None:
    """Set (or, with empty ``text``, clear) the progress statement a person has chosen instead of the
    calculated one. It is always shown as set by hand, with the calculated figures beside it, and with who
    set it and when; clearing it clears those too."""
    text = text.strip()[:300]
    target.progress_override = text
    target.progress_override_note = note.strip() if text else ""
    target.progress_override_by = by_user if text else None  # type: ignore[assignment]
    target.progress_override_at = timezone.now() if text else None
    target.save(update_fields=["progress_override", "progress_override_note", "progress_override_by",
                               "progress_override_at"])


def _require_reason(reason: str) -> str:
    if not reason.strip():
        raise ValueError("give a reason for changing the plan")
    return reason.strip()


def recommendation_ref(rec: Recommendation) -> str:
    return f"Recommendation {rec.number}" if rec.number else f"Recommendation {rec.position + 1}"


def action_ref(action: Action) -> str:
    """'Recommendation 3, action 2': where the action stands now among its recommendation's actions."""
    before = Action.objects.filter(recommendation=action.recommendation_id).filter(
        models.Q(position__lt=action.position) | models.Q(position=action.position, id__lt=action.pk)).count()
    return f"{recommendation_ref(action.recommendation)}, action {before + 1}"


@transaction.atomic
def add_recommendation(plan: Plan, by_user: AbstractBaseUser | None, *, text: str, reason: str, number: str = "",
                       theme: str = "", response: str = "", owners: list[str] | None = None,
                       after: Recommendation | None = None) -> Recommendation:
    """Add a recommendation to a saved plan, after ``after`` (or at the end), and record who, when and why."""
    reason = _require_reason(reason)
    if not text.strip():
        raise ValueError("give the recommendation's wording")
    if after is not None and after.plan_id != plan.pk:
        raise ValueError("the recommendation to add after is in another plan")
    recs = Recommendation.objects.filter(plan=plan)
    if after is None:
        last = recs.aggregate(m=Max("position"))["m"]
        position = 0 if last is None else last + 1
    else:
        position = after.position + 1
        recs.filter(position__gte=position).update(position=models.F("position") + 1)
    rec = Recommendation.objects.create(plan=plan, position=position, number=number.strip()[:30], text=text.strip(),
                                        theme=theme.strip()[:300], response=response.strip(),
                                        owners=[o.strip() for o in owners or [] if o.strip()])
    PlanChange.objects.create(plan=plan, by_user=by_user, by_label=user_label(by_user),
                              kind=PlanChangeKind.RECOMMENDATION_ADDED, ref=recommendation_ref(rec), text=rec.text,
                              reason=reason, recommendation=rec)
    return rec


@transaction.atomic
def add_action(recommendation: Recommendation, by_user: AbstractBaseUser | None, *, text: str, reason: str,
               leads: str = "", due_date: datetime.date | None = None, due_text: str = "",
               priority: str = "", measure: str = "") -> Action:
    """Add an action at the end of a recommendation of a saved plan. Its target date is its original date;
    its history starts with who added it and why."""
    reason = _require_reason(reason)
    if not text.strip():
        raise ValueError("give the action's wording")
    last = Action.objects.filter(recommendation=recommendation).aggregate(m=Max("position"))["m"]
    due_text = due_text.strip() or (due_date.isoformat() if due_date else "")
    action = Action.objects.create(
        plan_id=recommendation.plan_id, recommendation=recommendation, position=0 if last is None else last + 1,
        text=text.strip(), leads="\n".join(line.strip() for line in leads.splitlines() if line.strip()),
        original_due_date=due_date, original_due_text=due_text, due_date=due_date, due_text=due_text,
        due_precision="day" if due_date and due_text == due_date.isoformat() else ("month" if due_date else ""),
        priority=priority.strip()[:20], measure=measure.strip())
    _sync_leads(action)
    label = user_label(by_user)
    _write_history(action, by_user, label, Via.WEB, f"Added to the plan by {label or 'someone'}: {reason}", [])
    PlanChange.objects.create(plan_id=recommendation.plan_id, by_user=by_user, by_label=label,
                              kind=PlanChangeKind.ACTION_ADDED, ref=action_ref(action), text=action.text,
                              reason=reason, recommendation=recommendation, action=action)
    return action


def _action_record(action: Action) -> dict[str, Any]:
    """Everything an action held, its history and extensions included, as JSON for a removal's record."""
    def day(value: datetime.date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": action.pk, "text": action.text, "leads": action.lead_names,
        "original_due": {"date": day(action.original_due_date), "text": action.original_due_text},
        "due": {"date": day(action.due_date), "text": action.due_text},
        "state": action.state, "rag": action.rag, "priority": action.priority, "timescale": action.timescale,
        "anticipated_completion": action.anticipated_completion, "commentary": action.commentary,
        "measure": action.measure, "extra": action.extra,
        "history": [{"at": u.at.isoformat(), "by": u.by_label, "via": u.via, "comment": u.comment,
                     "changes": [[c.field, c.old, c.new] for c in u.changes.all()]}
                    for u in action.updates.with_changes()],
        "extensions": [{"old": [day(e.old_date), e.old_text], "new": [day(e.new_date), e.new_text],
                        "reason": e.reason, "status": e.status, "decided_by": e.decided_by_label}
                       for e in action.extensions.all()],
    }


@transaction.atomic
def remove_action(action: Action, by_user: AbstractBaseUser | None, reason: str) -> PlanChange:
    """Remove an action from a saved plan. The action and its history are deleted; the plan's record of the
    removal keeps all of it, with who removed it, when and why."""
    reason = _require_reason(reason)
    action = Action.objects.select_for_update().select_related("recommendation").get(pk=action.pk)
    change = PlanChange.objects.create(plan_id=action.plan_id, by_user=by_user, by_label=user_label(by_user),
                                       kind=PlanChangeKind.ACTION_REMOVED, ref=action_ref(action),
                                       text=action.text, reason=reason, recommendation=action.recommendation,
                                       removed=_action_record(action))
    action.delete()
    return change


@transaction.atomic
def remove_recommendation(rec: Recommendation, by_user: AbstractBaseUser | None, reason: str) -> PlanChange:
    """Remove a recommendation and its actions from a saved plan, keeping a record of all of them."""
    reason = _require_reason(reason)
    rec = Recommendation.objects.select_for_update().get(pk=rec.pk)
    actions = list(Action.objects.filter(recommendation=rec).order_by("position", "id"))
    change = PlanChange.objects.create(
        plan_id=rec.plan_id, by_user=by_user, by_label=user_label(by_user),
        kind=PlanChangeKind.RECOMMENDATION_REMOVED, ref=recommendation_ref(rec), text=rec.text, reason=reason,
        removed={"number": rec.number, "text": rec.text, "theme": rec.theme, "response": rec.response,
                 "owners": rec.owners, "extra": rec.extra, "actions": [_action_record(a) for a in actions]})
    rec.delete()
    return change
