"""The spreadsheet round trip and the JSON export: download, upload, preview every change, apply or discard.

Every view fetches the plan through the council (``council_for``); uploads and changes need the editor role.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracker.accounts.access import can_edit, council_for
from tracker.accounts.models import Role
from tracker.exchange import sheet_import
from tracker.exchange.interchange import plan_interchange
from tracker.exchange.models import SheetUpload
from tracker.exchange.spreadsheet import export_filename, plan_csv, plan_workbook
from tracker.plans.models import Action, Plan

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Spreadsheets exported from one plan are small; a cap below the general upload limit refuses mistakes early.
MAX_SHEET_BYTES = min(settings.MAX_UPLOAD_BYTES, 5 * 1024 * 1024)
MAX_ERRORS_SHOWN = 100


def _plan(request: HttpRequest, slug: str, plan_id: int, role: str = Role.VIEWER) -> tuple:
    council = council_for(request, slug, role=role)
    return council, get_object_or_404(Plan.objects.select_related("council"), pk=plan_id, council=council)


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def export_xlsx(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    _, plan = _plan(request, slug, plan_id)
    return _download(plan_workbook(plan, timezone.localdate()), XLSX_TYPE, export_filename(plan, "xlsx"))


@login_required
@require_GET
def export_csv(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    _, plan = _plan(request, slug, plan_id)
    return _download(plan_csv(plan), "text/csv; charset=utf-8", export_filename(plan, "csv"))


@login_required
@require_GET
def export_json(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    _, plan = _plan(request, slug, plan_id)
    data = json.dumps(plan_interchange(plan), ensure_ascii=False, indent=2).encode("utf-8")
    return _download(data, "application/json", export_filename(plan, "json"))


def _reading_context(council: object, plan: Plan, upload: SheetUpload | None, reading: sheet_import.Reading,
                     filename: str) -> dict:
    return {"council": council, "plan": plan, "upload": upload, "reading": reading, "filename": filename,
            "errors": reading.errors[:MAX_ERRORS_SHOWN], "digest": reading.digest(),
            "more_errors": max(0, len(reading.errors) - MAX_ERRORS_SHOWN)}


@login_required
@require_http_methods(["GET", "POST"])
def spreadsheet(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    """Download links, and the upload form; a good upload goes on to the preview, nothing applied yet."""
    council, plan = _plan(request, slug, plan_id, role=Role.EDITOR if request.method == "POST" else Role.VIEWER)
    context = {"council": council, "plan": plan, "can_edit": can_edit(council),
               "max_size": sheet_import.presenters_size(MAX_SHEET_BYTES), "n_actions": plan.actions.count()}
    if request.method == "POST":
        upload = request.FILES.get("spreadsheet")
        problem = ("Choose a spreadsheet to upload" if upload is None else
                   sheet_import.upload_problem(upload.name or "", upload.size or 0, MAX_SHEET_BYTES))
        if problem is None and upload is not None:
            data = upload.read()
            try:
                reading = sheet_import.compare(plan, sheet_import.read_table(data, upload.name or ""))
            except sheet_import.FileProblem as exc:
                problem = f"{upload.name} cannot be used: {exc}"
            else:
                if reading.errors:
                    return render(request, "exchange/errors.html",
                                  _reading_context(council, plan, None, reading, upload.name or ""), status=400)
                if not reading.changes:
                    messages.success(request, f"{upload.name} matches the plan: there is nothing to change.")
                    return redirect("exchange:spreadsheet", slug=slug, plan_id=plan.pk)
                saved = SheetUpload.objects.create(plan=plan, uploaded_by=request.user,
                                                   filename=(upload.name or "")[:255], data=data,
                                                   digest=reading.digest())
                return redirect("exchange:preview", slug=slug, plan_id=plan.pk, sheet_upload_id=saved.pk)
        return render(request, "exchange/spreadsheet.html", {**context, "error": problem}, status=400)
    return render(request, "exchange/spreadsheet.html", context)


def _read_upload(plan: Plan, upload: SheetUpload) -> sheet_import.Reading:
    return sheet_import.compare(plan, sheet_import.read_table(bytes(upload.data), upload.filename))


@login_required
@require_GET
def preview(request: HttpRequest, slug: str, plan_id: int, sheet_upload_id: int) -> HttpResponse:
    council, plan = _plan(request, slug, plan_id, role=Role.EDITOR)
    upload = get_object_or_404(SheetUpload, pk=sheet_upload_id, plan=plan)
    reading = _read_upload(plan, upload)
    if reading.digest() != upload.digest:
        # The plan changed since the upload (someone else edited it): what is shown now is what will apply.
        SheetUpload.objects.filter(pk=upload.pk).update(digest=reading.digest())
    template = "exchange/errors.html" if reading.errors else "exchange/preview.html"
    return render(request, template, _reading_context(council, plan, upload, reading, upload.filename))


@login_required
@require_POST
def apply(request: HttpRequest, slug: str, plan_id: int, sheet_upload_id: int) -> HttpResponse:
    """Apply the previewed changes in one transaction, if they are still exactly what was previewed."""
    _, plan = _plan(request, slug, plan_id, role=Role.EDITOR)
    get_object_or_404(SheetUpload.objects.only("pk"), pk=sheet_upload_id, plan=plan)
    with transaction.atomic():
        # Locked and re-read: a double click or two people applying at once apply the file once.
        upload = get_object_or_404(SheetUpload.objects.select_for_update(), pk=sheet_upload_id, plan=plan)
        list(Action.objects.select_for_update().filter(plan=plan).values_list("pk", flat=True))
        reading = _read_upload(plan, upload)
        if reading.errors or reading.digest() != request.POST.get("digest", ""):
            messages.error(request, "The plan has changed since you checked this file. Check the changes "
                                    "again before applying them.")
            return redirect("exchange:preview", slug=slug, plan_id=plan.pk, sheet_upload_id=upload.pk)
        n = sheet_import.apply_changes(plan, reading, request.user, upload.filename)
        upload.delete()
    messages.success(request, f"{reading.n_changes} change{'s' if reading.n_changes != 1 else ''} to "
                              f"{n} action{'s' if n != 1 else ''} saved from {upload.filename}.")
    return redirect("plans:plan", slug=slug, plan_id=plan.pk)


@login_required
@require_POST
def discard(request: HttpRequest, slug: str, plan_id: int, sheet_upload_id: int) -> HttpResponse:
    _, plan = _plan(request, slug, plan_id, role=Role.EDITOR)
    upload = get_object_or_404(SheetUpload, pk=sheet_upload_id, plan=plan)
    upload.delete()
    messages.success(request, f"{upload.filename} discarded. Nothing was changed.")
    return redirect("exchange:spreadsheet", slug=slug, plan_id=plan.pk)
