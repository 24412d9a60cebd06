"""The import journey: upload a document → review what was read beside the document (correct, move, delete,
place what no field took, read it again with a hint) → save as a plan."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import planparse
from tracker.accounts.access import council_for
from tracker.accounts.models import Council, Role
from tracker.importers import reading, restructure, review
from tracker.importers import services as import_services
from tracker.importers.models import PendingImport
from tracker.plans import services
from tracker.plans.models import Kind, Plan, Rag, State
from tracker.reminders import services as reminder_services

ALLOWED_EXTENSIONS = (".docx", ".pdf", ".txt", ".html", ".htm", ".xlsx", ".csv", ".json")

# A plan with more actions than this opens on its summary, each recommendation folded away (issue 10: seed
# 004's 60 actions made a page of 521 fields); smaller plans show every field at once.
OPEN_ALL_UP_TO = 25
PRIORITY_CHOICES = (("", "Not given"), ("high", "High"), ("medium", "Medium"), ("low", "Low"))


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(1, n // 1024)} KB"
    return f"{n / 1024 / 1024:.1f}".removesuffix(".0") + " MB"


def _upload_error(upload: object | None) -> str | None:
    """Why an upload is refused, in words for the person who sent it (None when it is acceptable)."""
    if upload is None:
        return "Choose a file to upload"
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", 0) or 0
    if Path(name).suffix.lower() not in ALLOWED_EXTENSIONS:
        return (f"{name} is not a file type the importer reads. Upload a Word document (.docx), PDF, text, "
                f"web page (.html), Excel (.xlsx), CSV or JSON file")
    if size == 0:
        return f"{name} is empty"
    if size > settings.MAX_UPLOAD_BYTES:
        return f"{name} is {_size(size)}. The largest file you can upload is {_size(settings.MAX_UPLOAD_BYTES)}"
    return None


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    council = council_for(request, slug, role=Role.EDITOR)
    error = None
    if request.method == "POST":
        upload = request.FILES.get("document")
        error = _upload_error(upload)
        if error is None and upload is not None:
            try:
                pending = import_services.start_review(council, request.user, upload.name, upload.read())
            except planparse.ParseError as exc:
                error = f"{upload.name} could not be read: {exc}"
            else:
                return redirect("importers:review", slug=slug, pending_id=pending.pk)
    pending = PendingImport.objects.for_council(council).select_related("uploaded_by").defer("data", "document")
    return render(request, "importers/upload.html", {
        "council": council, "error": error, "pending_imports": pending,
        "max_size": _size(settings.MAX_UPLOAD_BYTES), "accept": ",".join(ALLOWED_EXTENSIONS),
    }, status=400 if error else 200)


def _day_month_year(iso: str | None) -> str:
    """An ISO date as the review form shows it (31/03/2025); the form accepts both."""
    if not iso:
        return ""
    try:
        return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def _action_row(i: int, j: int, action: dict, n_actions: int, by_field: dict[str, str],
                typed: dict[str, str], posted: Mapping[str, str], warnings: list) -> dict:
    prefix = f"a{i}-{j}-"
    due = action.get("due") or {}
    errors = {k[len(prefix):]: v for k, v in by_field.items() if k.startswith(prefix)}
    more = [key for key in ("priority", *review.ACTION_TEXT_FIELDS) if action.get(key)]
    return {"j": j, "prefix": prefix, "id": action.get("review_id"), "action": action, "due": due,
            "leads": "\n".join(action.get("owners") or []), "errors": errors, "warnings": warnings,
            "due_date": typed.get(f"{prefix}due_date", _day_month_year(due.get("date"))),
            "extras": list(enumerate((action.get("extra") or {}).items())),
            "n_more": len(more) + len(action.get("extra") or {}),
            "more_open": any(k in errors for k in ("priority", *review.ACTION_TEXT_FIELDS))
            or any(k.startswith("extra") for k in errors),
            "split_points": restructure.split_points(action.get("text") or ""),
            "split_error": by_field.get(f"split-{action.get('review_id')}"),
            "first": j == 0, "last": j == n_actions - 1, "n_after": n_actions - j - 1,
            "deleting": bool(posted.get(f"{prefix}delete")), "move_to": posted.get(f"{prefix}move", str(i))}


def _rows(plan: dict, errors: list[tuple[str, str]], posted: Mapping[str, str], at: str | None) -> list[dict]:
    """What the review screen shows for each recommendation and action, with the warnings numbered through
    the plan (so the summary can link to each) and errors beside their fields."""
    recs = plan.get("recommendations") or []
    by_field = dict(errors)
    # A date that could not be read is shown as typed, beside its error, for the user to correct.
    typed = {field: posted.get(field, "") for field in by_field if field.endswith("due_date")}
    open_all = sum(len(r.get("actions") or []) for r in recs) <= OPEN_ALL_UP_TO
    n_warning = 0

    def numbered(items: list) -> list:
        nonlocal n_warning
        start, n_warning = n_warning, n_warning + len(items)
        return list(enumerate(items, start=start + 1))

    rows = []
    for i, rec in enumerate(recs):
        prefix = f"r{i}-"
        rec_warnings = numbered(rec.get("review_warnings") or [])
        actions = [_action_row(i, j, action, len(rec.get("actions") or []), by_field, typed, posted,
                               numbered(action.get("review_warnings") or []))
                   for j, action in enumerate(rec.get("actions") or [])]
        all_warnings = rec_warnings + [w for a in actions for w in a["warnings"]]
        rec_errors = {k[len(prefix):]: v for k, v in by_field.items() if k.startswith(prefix)}
        ids = {rec.get("review_id")} | {a["id"] for a in actions}
        rows.append({
            "i": i, "prefix": prefix, "id": rec.get("review_id"), "rec": rec, "actions": actions,
            "number": rec.get("number") or f"({i + 1}, no number)", "owners": "\n".join(rec.get("owners") or []),
            "errors": rec_errors, "warnings": rec_warnings, "all_warnings": all_warnings,
            "extras": list(enumerate((rec.get("extra") or {}).items())),
            "split_points": restructure.split_points(rec.get("text") or ""),
            "split_error": by_field.get(f"split-{rec.get('review_id')}"),
            "deleting": bool(posted.get(f"{prefix}delete")), "first": i == 0, "last": i == len(recs) - 1,
            "open": open_all or at in ids or not rec.get("text") or bool(rec_errors)
            or f"split-{rec.get('review_id')}" in by_field or any(a["errors"] or a["split_error"] for a in actions),
        })
    return rows


def _review_context(council: Council, pending: PendingImport, plan: dict, errors: list[tuple[str, str]],
                    kind: str, posted: Mapping[str, str], at: str | None, hints_posted: bool = False) -> dict:
    rows = _rows(plan, errors, posted, at)
    by_field = dict(errors)
    # The same bytes saved before: say so, so a plan is not imported twice by mistake.
    sha = (pending.parsed_json.get("source") or {}).get("sha256") or ""
    earlier = list(Plan.objects.for_council(council).filter(source_sha256=sha).select_related("imported_by")
                   .order_by("imported_at")) if sha else []
    return {
        "council": council, "pending": pending, "earlier": earlier, "at": at,
        "as_of": posted.get("as_of", "") if "as_of" in by_field else _day_month_year(plan.get("as_of")),
        "peer_challenge_date": posted.get("peer_challenge_date", "") if "peer_challenge_date" in by_field
        else _day_month_year(plan.get("review_peer_challenge_date")),
        "error_fields": set(by_field), "plan": plan, "rows": rows, "errors": errors, "by_field": by_field,
        "n_actions": sum(len(r["actions"]) for r in rows),
        "n_warnings": len(plan.get("warnings") or []) + sum(len(r["all_warnings"]) for r in rows),
        "folded": any(not r["open"] for r in rows),
        "states": State.choices, "rags": Rag.choices, "kinds": Kind.choices, "kind": kind,
        "priorities": PRIORITY_CHOICES,
        "rec_choices": [(r["i"], r["number"]) for r in rows],
        "bulk": {k: posted.get(k, "") for k in ("bulk_leads", "bulk_due_text", "bulk_due_date")},
        "bulk_error": any(k in by_field for k in ("bulk", "bulk_leads", "bulk_due_date")),
        "columns": restructure.column_choices(plan),
        "move_column": {k: posted.get(k, "") for k in ("move_from", "move_to")},
        "move_error": any(k in by_field for k in ("move_from", "move_to")),
        "selected": set(posted.getlist("selected")) if hasattr(posted, "getlist") else set(),
        # Said before saving so the editor knows whose reminders will not go out until they add a contact.
        "unmapped_leads": reminder_services.unmapped_parsed_leads(council, plan),
        "column_other_error": by_field.get("column-other"), "hint_errors": hints_posted and bool(errors),
        **_document_context(pending, plan, rows, at, posted if hints_posted else None),
    }


def _document_context(pending: PendingImport, plan: dict, rows: list[dict], at: str | None,
                      hint_post: Mapping[str, str] | None) -> dict:
    """The document as read beside the reading: each passage with the rows read from it (each row gets the
    index of its passage, to link to), the passages no field took with the choices that place them, and the
    read-again form as stored (or as posted, beside its errors)."""
    document = import_services.document(pending)
    passages = [{"n": n, **p, "rows": [], "unplaced": False, "current": False}
                for n, p in enumerate(document.get("passages") or [])]
    first = {}
    for passage in reversed(passages):
        first[passage["where"]] = passage["n"]
    for row in rows:
        items = [(row, row["rec"], f"Recommendation {row['number']}")] + [
            (a, a["action"], f"Recommendation {row['number']}, action {a['j'] + 1}") for a in row["actions"]]
        for item, data, label in items:
            item["source"] = first.get(data.get("where") or "")
            if item["source"] is not None:
                passages[item["source"]]["rows"].append((item["id"], label))
                passages[item["source"]]["current"] |= item["id"] == at
    unplaced = []
    for k, u in enumerate((plan.get("reading") or {}).get("unplaced") or []):
        n = first.get(u.get("where") or "")
        if n is not None:
            passages[n]["unplaced"] = True
        unplaced.append({"k": k, "text": u.get("text") or "", "where": u.get("where") or "", "source": n})
    hints = pending.hints or {}
    headings = document.get("columns") or []
    if hint_post is not None:
        roles = {n: hint_post.get(f"column-{n}", "") for n in range(len(headings))}
        other = (hint_post.get("column-other", ""), hint_post.get("column-other-role", ""))
        start = hint_post.get("start", "")
        layout = hint_post.get("layout", "")
    else:
        set_roles = hints.get("columns") or {}
        roles = {n: set_roles.get(h, "") for n, h in enumerate(headings)}
        # A heading typed before, not among the tables' own: shown in the typed field again.
        other = next(((h, r) for h, r in set_roles.items() if h not in headings), ("", ""))
        start = str(next((p["n"] for p in passages if hints.get("start") and p["start"] == hints["start"]), ""))
        layout = hints.get("layout") or ""
    summary = reading.summary(pending.parsed_json, pending.candidates)
    if summary:
        # The layout asked for has its own choice on the form ("the reading shown now").
        summary["others"] = [o for o in summary["others"] if o["layout"] != hints.get("layout")]
    return {
        "passages": passages, "unplaced": unplaced,
        "rec_ids": [(r["id"], r["number"]) for r in rows],
        "action_ids": [(a["id"], f"Recommendation {r['number']}, action {a['j'] + 1}")
                       for r in rows for a in r["actions"]],
        "place_fields": reading.PLACE_FIELDS, "role_words": list(reading.ROLE_WORDS.items()),
        "reading": summary,
        "read_with": reading.describe_hints(hints), "hinted_layout": hints.get("layout") or "",
        "hint_columns": [(n, h, roles[n]) for n, h in enumerate(headings)], "hint_other": other,
        "hint_start": start, "hint_layout": layout,
    }


def _plan_url(plan: Plan) -> str:
    return reverse("plans:plan", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})


def _review_url(slug: str, pending: PendingImport, at: str | None) -> str:
    """The review screen again, with the row a change made or moved open and its text focused (autofocus, which
    also scrolls to it; a #fragment would stop browsers applying autofocus)."""
    url = reverse("importers:review", kwargs={"slug": slug, "pending_id": pending.pk})
    return f"{url}?at={at}" if at else url


@login_required
@require_http_methods(["GET", "POST"])
def review_import(request: HttpRequest, slug: str, pending_id: int) -> HttpResponse:
    """Show the parsed plan with its warnings beside their rows; apply corrections and the change the button
    pressed asks for (add, split, merge, promote …); save."""
    council = council_for(request, slug, role=Role.EDITOR)
    pending = get_object_or_404(PendingImport, pk=pending_id, council=council)
    plan = restructure.with_ids(pending.reviewed_json)
    errors: list[tuple[str, str]] = []
    kind = services.guess_kind(plan.get("title") or "")
    at = request.GET.get("at")
    if request.method == "POST":
        kind = request.POST.get("kind", kind) if request.POST.get("kind") in Kind.values else kind
        op = request.POST.get("op") or "keep"
        plan, errors = review.apply_edits(plan, request.POST, saving=op == "save")
        if not errors:
            try:
                plan, at = review.apply_op(plan, op, request.POST, request.POST.getlist("selected"))
            except restructure.EditError as exc:
                errors = [(exc.field, str(exc))]
            # Corrections are kept even when the user goes on reviewing rather than saving, or a change
            # asked for could not be made.
            if not PendingImport.objects.filter(pk=pending.pk).update(reviewed_json=plan):
                raise Http404("This import has been saved or discarded already")
        if not errors and op == "save":
            try:
                saved = _save(council, request.user, pending, plan, kind)
            except services.PlanDataError as exc:
                errors = [("plan", f"The plan could not be saved: {exc}")]
            else:
                messages.success(request, f"Plan saved: {saved.title}")
                return redirect(_plan_url(saved))
        elif not errors:
            if at is None:
                # After a change to a row the focus goes to that row's text instead, which a success banner
                # would take.
                messages.success(request, "Your changes have been kept. Save the plan when it is right.")
            return redirect(_review_url(slug, pending, at))
    return render(request, "importers/review.html",
                  _review_context(council, pending, plan, errors, kind, request.POST, at),
                  status=400 if errors else 200)


def _save(council: Council, user: Any, pending: PendingImport, plan: dict, kind: str) -> Plan:
    with transaction.atomic():
        # Locked and re-read, so a double click or two people saving at once make one plan.
        get_object_or_404(PendingImport.objects.select_for_update().only("pk"), pk=pending.pk)
        saved = services.save_import(
            council, user, review.clean(plan), bytes(pending.data), pending.filename,
            parsed_json=pending.parsed_json, kind=kind, peer_challenge_date=review.peer_challenge_date(plan))
        pending.delete()
    return saved


@login_required
@require_POST
def read_again(request: HttpRequest, slug: str, pending_id: int) -> HttpResponse:
    """Read the document again with the hints given (a column's role, where the plan starts, another reading):
    first a page that says how many edits would be lost, then, confirmed, the new reading replaces the old."""
    council = council_for(request, slug, role=Role.EDITOR)
    pending = get_object_or_404(PendingImport, pk=pending_id, council=council)
    hints, errors = reading.hints_from_form(request.POST, import_services.document(pending))
    if not errors and request.POST.get("confirm") == "yes":
        try:
            import_services.read_again(pending, hints)
        except (planparse.ParseError, ValueError) as exc:
            errors = [("read-again", f"The document could not be read again with those hints: {exc}")]
        else:
            messages.success(request, "The document has been read again"
                             + (f" with: {'; '.join(reading.describe_hints(hints))}" if any(hints.values()) else ""))
            return redirect("importers:review", slug=slug, pending_id=pending.pk)
    if errors:
        plan = restructure.with_ids(pending.reviewed_json)
        return render(request, "importers/review.html", _review_context(
            council, pending, plan, errors, services.guess_kind(plan.get("title") or ""), request.POST, None,
            hints_posted=True), status=400)
    return render(request, "importers/read_again.html", {
        "council": council, "pending": pending, "hints": reading.describe_hints(hints),
        "edits": import_services.edits_since_reading(pending),
        "fields": [(k, v) for k, v in request.POST.items() if k in ("start", "layout") or k.startswith("column-")],
    })


@login_required
@require_POST
def discard_import(request: HttpRequest, slug: str, pending_id: int) -> HttpResponse:
    council = council_for(request, slug, role=Role.EDITOR)
    pending = get_object_or_404(PendingImport, pk=pending_id, council=council)
    pending.delete()
    messages.success(request, f"{pending.filename} discarded. Nothing was saved.")
    return redirect("importers:upload", slug=slug)


@login_required
@require_GET
def plan_source(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    """The document a plan was imported from, exactly as uploaded."""
    council = council_for(request, slug)
    plan = get_object_or_404(Plan.objects.defer(None), pk=plan_id, council=council)
    if not plan.source_file:
        return HttpResponse("This plan has no source document.", status=404, content_type="text/plain")
    response = HttpResponse(bytes(plan.source_file), content_type="application/octet-stream")
    name = plan.source_filename.replace('"', "") or f"plan-{plan.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
