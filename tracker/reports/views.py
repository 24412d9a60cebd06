"""Committee reports for a plan: the form (preview or issue) and the list of issued reports with downloads.

Editors preview and issue; every member of the council can download what was issued. Every object is
fetched through the council (tracker.accounts.access), so another council's ids are 404s.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from tracker import presenters
from tracker.accounts.access import can_edit, council_for
from tracker.accounts.models import Role
from tracker.plans.models import Plan
from tracker.reports.appendix import PdfUnavailable, docx_to_pdf, render_docx
from tracker.reports.forms import ReportForm
from tracker.reports.models import ReportIssue
from tracker.reports.services import issue_report
from tracker.reports.snapshot import build_snapshot

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PREVIEW_OPS = ("preview-docx", "preview-pdf")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Reports hold unpublished council business: no shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def plan_reports(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    """GET: the form and the issued reports. POST (editors): preview the Word or PDF document, or issue."""
    council = council_for(request, slug, role=Role.EDITOR if request.method == "POST" else Role.VIEWER)
    plan = get_object_or_404(Plan, pk=plan_id, council=council)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        op = request.POST.get("op", "")
        if op not in (*PREVIEW_OPS, "issue"):
            messages.error(request, "Choose whether to preview or issue the report.")
            status = 400
        elif form.is_valid():
            data = form.cleaned_data
            try:
                if op == "issue":
                    report = issue_report(plan, request.user, data["as_at"], committee=data["committee"],
                                          meeting_date=data["meeting_date"])
                    messages.success(request, f"Report for {report.committee} issued. It is kept exactly as "
                                              "issued and the next report will compare with it.")
                    return redirect("reports:plan_reports", slug=slug, plan_id=plan.pk)
                previous = ReportIssue.objects.previous_for(plan, data["as_at"])
                snapshot = build_snapshot(plan, data["as_at"], committee=data["committee"],
                                          meeting_date=data["meeting_date"], previous=previous)
                docx = render_docx(snapshot)
                name = f"preview-appendix-{data['as_at']:%Y-%m-%d}"
                if op == "preview-docx":
                    return _download(docx, DOCX_TYPE, f"{name}.docx")
                return _download(docx_to_pdf(docx), "application/pdf", f"{name}.pdf")
            except PdfUnavailable as error:
                messages.error(request, str(error))
                status = 503
        else:
            status = 400
    reports = [(r, presenters.format_datetime(r.issued_at))
               for r in ReportIssue.objects.filter(plan=plan).order_by("-as_at", "-issued_at", "-id")]
    return render(request, "reports/plan_reports.html", {
        "council": council, "plan": plan, "form": form, "reports": reports, "can_edit": can_edit(council),
    }, status=status)


def _issued(request: HttpRequest, slug: str, report_id: int) -> ReportIssue:
    council = council_for(request, slug)
    return get_object_or_404(ReportIssue.objects.select_related("plan"), pk=report_id, plan__council=council)


@login_required
@require_GET
def report_docx(request: HttpRequest, slug: str, report_id: int) -> HttpResponse:
    report = _issued(request, slug, report_id)
    return _download(bytes(report.docx), DOCX_TYPE, report.filename("docx"))


@login_required
@require_GET
def report_pdf(request: HttpRequest, slug: str, report_id: int) -> HttpResponse:
    report = _issued(request, slug, report_id)
    return _download(bytes(report.pdf), "application/pdf", report.filename("pdf"))
