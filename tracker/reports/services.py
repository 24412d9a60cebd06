"""Issuing a committee report: freeze the snapshot and the documents together, in one transaction.

    report = issue_report(plan, user, as_at, committee="Cabinet", meeting_date=meeting)

The PDF is made before anything is saved, so a report is never issued without both documents.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from tracker.plans.models import Plan
from tracker.plans.services import user_label
from tracker.reports.appendix import docx_to_pdf, render_docx
from tracker.reports.models import ReportIssue
from tracker.reports.snapshot import build_snapshot


def issue_report(plan: Plan, by_user: AbstractBaseUser | None, as_at: datetime.date, *, committee: str,
                 meeting_date: datetime.date) -> ReportIssue:
    """Build, render and store the report; raises PdfUnavailable (nothing saved) if the PDF cannot be made."""
    previous = ReportIssue.objects.previous_for(plan, as_at)
    snapshot = build_snapshot(plan, as_at, committee=committee, meeting_date=meeting_date, previous=previous)
    docx = render_docx(snapshot)
    pdf = docx_to_pdf(docx)
    with transaction.atomic():
        return ReportIssue.objects.create(
            plan=plan, as_at=as_at, committee=committee, meeting_date=meeting_date, issued_by=by_user,
            issued_by_label=user_label(by_user), issued_at=timezone.now(), snapshot=snapshot, docx=docx,
            pdf=pdf)
