"""The import journey: upload a document → review what was read (correct, move, delete) → save as a plan."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path

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
from tracker.importers import review
from tracker.importers.models import PendingImport
from tracker.plans import services
from tracker.plans.models import Kind, Plan, Rag, State
from tracker.reminders import services as reminder_services

ALLOWED_EXTENSIONS = (".docx", ".pdf", ".txt", ".html", ".htm", ".xlsx", ".csv", ".json")

# Parsed fields shown read-only on the review screen (corrected after saving, with history).
ALSO_READ = (("priority", "Priority"), ("timescale", "Timescale"), ("anticipated_completion", "Anticipated completion"),
             ("commentary", "Commentary"), ("measure", "Measure"))


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
            data = upload.read()
            try:
                parsed = planparse.parse(data, filename=upload.name)
            except planparse.ParseError as exc:
                error = f"{upload.name} could not be read: {exc}"
            else:
                plan_dict = parsed.to_dict()
                pending = PendingImport.objects.create(
                    council=council, uploaded_by=request.user, filename=upload.name[:255], data=data,
                    parsed_json=plan_dict, reviewed_json=review.prepare(plan_dict))
                return redirect("importers:review", slug=slug, pending_id=pending.pk)
    pending = PendingImport.objects.for_council(council).select_related("uploaded_by").defer("data")
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


def _review_context(council: Council, pending: PendingImport, plan: dict, errors: list[tuple[str, str]],
                    kind: str, posted: Mapping[str, str] | None = None) -> dict:
    recs = plan.get("recommendations") or []
    n_actions = sum(len(r.get("actions") or []) for r in recs)
    n_warnings = len(plan.get("warnings") or []) + sum(
        len(r.get("review_warnings") or []) + sum(len(a.get("review_warnings") or []) for a in r.get("actions") or [])
        for r in recs)
    by_field = dict(errors)
    # A date that could not be read is shown as typed, beside its error, for the user to correct.
    typed = {field: (posted or {}).get(field, "") for field in by_field if field.endswith("due_date")
             or field in ("as_of", "peer_challenge_date")}
    rows = []
    for i, rec in enumerate(recs):
        actions = []
        for j, action in enumerate(rec.get("actions") or []):
            prefix = f"a{i}-{j}-"
            due = action.get("due") or {}
            actions.append({"j": j, "prefix": prefix, "action": action, "due": due,
                            "leads": "\n".join(action.get("owners") or []),
                            "due_date": typed.get(f"{prefix}due_date", _day_month_year(due.get("date"))),
                            "errors": {k[len(prefix):]: v for k, v in by_field.items() if k.startswith(prefix)},
                            "also": [(label, action.get(key)) for key, label in ALSO_READ if action.get(key)]
                            + sorted((action.get("extra") or {}).items())})
        prefix = f"r{i}-"
        rows.append({"i": i, "prefix": prefix, "rec": rec, "actions": actions,
                     "owners": "\n".join(rec.get("owners") or []),
                     "errors": {k[len(prefix):]: v for k, v in by_field.items() if k.startswith(prefix)}})
    # The same bytes saved before: say so, so a plan is not imported twice by mistake.
    sha = (pending.parsed_json.get("source") or {}).get("sha256") or ""
    earlier = list(Plan.objects.for_council(council).filter(source_sha256=sha).select_related("imported_by")
                   .order_by("imported_at")) if sha else []
    return {
        "council": council, "pending": pending, "earlier": earlier,
        "as_of": typed.get("as_of", _day_month_year(plan.get("as_of"))),
        "peer_challenge_date": typed.get("peer_challenge_date",
                                         _day_month_year(plan.get("review_peer_challenge_date"))),
        "error_fields": set(by_field), "plan": plan, "rows": rows, "errors": errors,
        "n_actions": n_actions, "n_warnings": n_warnings,
        "states": State.choices, "rags": Rag.choices, "kinds": Kind.choices, "kind": kind,
        "rec_choices": [(i, r.get("number") or str(i + 1)) for i, r in enumerate(recs)],
        # Said before saving so the editor knows whose reminders will not go out until they add a contact.
        "unmapped_leads": reminder_services.unmapped_parsed_leads(council, plan),
    }


def _plan_url(plan: Plan) -> str:
    return reverse("plans:plan", kwargs={"slug": plan.council.slug, "plan_id": plan.pk})


@login_required
@require_http_methods(["GET", "POST"])
def review_import(request: HttpRequest, slug: str, pending_id: int) -> HttpResponse:
    """Show the parsed plan with its warnings beside their rows; apply corrections; save."""
    council = council_for(request, slug, role=Role.EDITOR)
    pending = get_object_or_404(PendingImport, pk=pending_id, council=council)
    plan, errors = pending.reviewed_json, []
    kind = services.guess_kind(plan.get("title") or "")
    if request.method == "POST":
        kind = request.POST.get("kind", kind) if request.POST.get("kind") in Kind.values else kind
        plan, errors = review.apply_edits(pending.reviewed_json, request.POST)
        if not errors:
            # Corrections are kept even when the user goes on reviewing rather than saving.
            if not PendingImport.objects.filter(pk=pending.pk).update(reviewed_json=plan):
                raise Http404("This import has been saved or discarded already")
            if request.POST.get("op") == "save":
                try:
                    with transaction.atomic():
                        # Locked and re-read, so a double click or two people saving at once make one plan.
                        get_object_or_404(PendingImport.objects.select_for_update().only("pk"), pk=pending.pk)
                        saved = services.save_import(
                            council, request.user, review.clean(plan), bytes(pending.data), pending.filename,
                            parsed_json=pending.parsed_json, kind=kind,
                            peer_challenge_date=review.peer_challenge_date(plan))
                        pending.delete()
                except services.PlanDataError as exc:
                    errors = [("plan", f"The plan could not be saved: {exc}")]
                else:
                    messages.success(request, f"Plan saved: {saved.title}")
                    return redirect(_plan_url(saved))
            else:
                messages.success(request, "Your changes have been kept. Save the plan when it is right.")
                return redirect("importers:review", slug=slug, pending_id=pending.pk)
    return render(request, "importers/review.html", _review_context(council, pending, plan, errors, kind, request.POST),
                  status=400 if errors else 200)


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
