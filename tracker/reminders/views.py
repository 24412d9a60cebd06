"""Reminder pages. Council pages (contacts, a plan's reminder log) are for editors: they hold people's email
addresses and send email. The update page is public: its token is the only key (docs/adr/0010-update-links.md),
and it shows nothing but the link's contact's open actions in the link's plan."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from tracker import presenters
from tracker.accounts.access import council_for
from tracker.accounts.models import Role
from tracker.plans.models import Extension, ExtensionStatus, Plan
from tracker.reminders import emails, services, tokens
from tracker.reminders.forms import LeadContactForm, LinkActionForm, ReportingDateForm
from tracker.reminders.models import (
    EmailKind,
    LeadContact,
    LinkExtension,
    ReminderEmail,
    ReminderLink,
    ReportingDate,
)

logger = logging.getLogger(__name__)


@login_required
@require_http_methods(["GET", "POST"])
def contacts(request: HttpRequest, slug: str) -> HttpResponse:
    """Every lead in the council's plans and who they are; POST maps a lead to a contact."""
    council = council_for(request, slug, role=Role.EDITOR)
    leads = services.council_leads(council)
    choices = [(lead.key, lead.name) for lead in leads]
    if request.method == "POST":
        form = LeadContactForm(request.POST, leads=choices)
        if form.is_valid():
            data = form.cleaned_data
            lead_name = dict(choices)[data["lead"]]
            mapping = services.map_lead(council, lead_name, data["name"], data["email"])
            messages.success(request, f"{lead_name} is now {mapping.contact.name}. Reminders for every plan "
                                      "will go to them.")
            return redirect("reminders:contacts", slug=slug)
    else:
        form = LeadContactForm(leads=choices, initial={"lead": request.GET.get("lead", "")})
    return render(request, "reminders/contacts.html", {
        "council": council, "form": form, "leads": leads,
        "unmapped": [lead for lead in leads if lead.contact is None],
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def contact_unmap(request: HttpRequest, slug: str, mapping_id: int) -> HttpResponse:
    council = council_for(request, slug, role=Role.EDITOR)
    mapping = get_object_or_404(LeadContact, pk=mapping_id, council=council)
    mapping.delete()
    messages.success(request, f"{mapping.name} no longer has a contact. No reminders will go to them.")
    return redirect("reminders:contacts", slug=slug)


def _plan(council: Any, plan_id: int) -> Plan:
    return get_object_or_404(Plan, pk=plan_id, council=council)


def _log(plan: Plan) -> list[dict[str, Any]]:
    """For each reporting date: every contact with open actions or a link, what they were sent and when, and
    whether they have answered."""
    today = timezone.localdate()
    sections = []
    for rd in plan.reporting_dates.all():
        links = {link.contact_id: link for link in
                 ReminderLink.objects.filter(reporting_date=rd).select_related("contact")
                 .prefetch_related("emails")}
        contacts = {c.pk: c for c in services.plan_contacts(rd)} if rd.date >= today else {}
        contacts.update({cid: link.contact for cid, link in links.items()})
        rows = []
        for contact in sorted(contacts.values(), key=lambda c: (c.name.casefold(), c.pk)):
            link = links.get(contact.pk)
            rows.append({"contact": contact, "link": link,
                         "emails": [(e, presenters.format_datetime(e.sent_at)) for e in link.emails.all()]
                         if link else [],
                         "open_actions": contact.open_actions(plan).count()})
        sent = [r for r in rows if r["link"] and r["link"].sent_at]
        sections.append({
            "rd": rd, "date": presenters.format_date(rd.date), "send_on": presenters.format_date(rd.send_on),
            "rows": rows, "sent": len(sent), "responded": sum(1 for r in sent if r["link"].responded_at),
            "past": rd.date < today,
        })
    return sections


@login_required
@require_http_methods(["GET", "POST"])
def plan_reminders(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    """The plan's reporting dates and reminder log; POST adds a reporting date."""
    council = council_for(request, slug, role=Role.EDITOR)
    plan = _plan(council, plan_id)
    if request.method == "POST":
        form = ReportingDateForm(request.POST)
        if form.is_valid() and form.cleaned_data["date"]:
            data = form.cleaned_data
            try:
                ReportingDate.objects.create(plan=plan, date=data["date"], meeting=data["meeting"].strip(),
                                             days_before=data["days_before"])
            except IntegrityError:
                form.add_error("meeting", "This meeting is already a reporting date")
            else:
                messages.success(request, f"Reporting date added: {data['meeting'].strip()} on "
                                          f"{presenters.format_date(data['date'])}.")
                return redirect("reminders:plan", slug=slug, plan_id=plan.pk)
    else:
        form = ReportingDateForm()
    unmapped = [lead for lead in services.plan_leads(plan) if lead.contact is None]
    pending = (LinkExtension.objects.filter(link__reporting_date__plan=plan,
                                            extension__status=ExtensionStatus.PENDING)
               .select_related("extension__action__recommendation", "link__contact"))
    return render(request, "reminders/plan.html", {
        "council": council, "plan": plan, "form": form, "sections": _log(plan), "unmapped": unmapped,
        "leaderless": services.leaderless_open_actions(plan),
        "pending": [(p, presenters.due_label(p.extension.old_date, p.extension.old_text,
                                             p.extension.action.due_precision)) for p in pending],
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def reporting_date_remove(request: HttpRequest, slug: str, plan_id: int, reporting_date_id: int) -> HttpResponse:
    """GET asks to confirm, saying what goes with the date (its reminder log and links); POST removes it."""
    council = council_for(request, slug, role=Role.EDITOR)
    plan = _plan(council, plan_id)
    rd = get_object_or_404(ReportingDate, pk=reporting_date_id, plan=plan)
    if request.method == "GET":
        return render(request, "reminders/reporting_date_remove.html", {
            "council": council, "plan": plan, "rd": rd, "date": presenters.format_date(rd.date),
            "n_emails": ReminderEmail.objects.filter(link__reporting_date=rd).count(),
            "n_links": rd.links.count(),
        })
    rd.delete()
    messages.success(request, f"Reporting date removed: {rd.meeting} on {presenters.format_date(rd.date)}. "
                              "Its links no longer work.")
    return redirect("reminders:plan", slug=slug, plan_id=plan.pk)


def _link(council: Any, plan_id: int, link_id: int) -> ReminderLink:
    return get_object_or_404(ReminderLink.objects.select_related("contact", "reporting_date"), pk=link_id,
                             reporting_date__plan_id=plan_id, reporting_date__plan__council=council)


@login_required
@require_POST
def link_chase(request: HttpRequest, slug: str, plan_id: int, link_id: int) -> HttpResponse:
    """Send the contact a new link now (it replaces the old one, and works again if it was revoked)."""
    council = council_for(request, slug, role=Role.EDITOR)
    link = _link(council, plan_id, link_id)
    if link.is_expired():
        messages.error(request, f"{link.contact.name}'s link has expired: the meeting has passed.")
    else:
        try:
            services.send_link_email(link, EmailKind.CHASE, by_user=request.user)
        except Exception:
            # The email service refused it (SMTP down, Notify error): nothing was recorded and the old link
            # still works, so the editor can simply try again.
            logger.exception("chase to %s not sent", link.contact.email)
            messages.error(request, f"The email to {link.contact.name} could not be sent. Their link has not "
                                    "changed. Try again later.")
        else:
            messages.success(request, f"Reminder sent to {link.contact.name} with a new link.")
    return redirect("reminders:plan", slug=slug, plan_id=plan_id)


@login_required
@require_POST
def link_revoke(request: HttpRequest, slug: str, plan_id: int, link_id: int) -> HttpResponse:
    council = council_for(request, slug, role=Role.EDITOR)
    link = _link(council, plan_id, link_id)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    messages.success(request, f"{link.contact.name}'s link no longer works.")
    return redirect("reminders:plan", slug=slug, plan_id=plan_id)


@login_required
@require_POST
def extension_decide(request: HttpRequest, slug: str, plan_id: int, extension_id: int) -> HttpResponse:
    """Approve or refuse a date change asked for through a link; the contact is told by email."""
    council = council_for(request, slug, role=Role.EDITOR)
    plan = _plan(council, plan_id)
    extension = get_object_or_404(Extension, pk=extension_id, action__plan=plan)
    decision = request.POST.get("decision")
    note = request.POST.get("note", "").strip()
    if decision not in ("approve", "refuse"):
        messages.error(request, "Choose whether to approve or refuse the change.")
    elif decision == "refuse" and not note:
        messages.error(request, "Give a reason for refusing: it is sent to the lead.")
    elif extension.status != ExtensionStatus.PENDING:
        messages.error(request, "This change has already been decided.")
    else:
        approve = decision == "approve"
        try:
            services.decide_link_extension(extension, request.user, approve=approve, note=note)
        except services.DecisionNotSent:
            # The decision is saved; only the email failed, and send_reminders tells the lead on its next run.
            logger.exception("decision on extension %s not emailed", extension.pk)
            messages.success(request, ("Change approved: the target date has moved." if approve else
                                       "Change refused.") + " The email to the lead could not be sent now; "
                                                            "it will be sent with the next reminders run.")
        else:
            messages.success(request, "Change approved: the target date has moved. The lead has been told."
                             if approve else "Change refused. The lead has been told why.")
    return redirect("reminders:plan", slug=slug, plan_id=plan.pk)


_PROBLEMS = {
    "invalid": ("This link does not work", "Check you copied the whole link from the email."),
    "replaced": ("This link has been replaced", "We sent you a newer link. Use the link in the most recent "
                                                "email."),
    "revoked": ("This link has been cancelled", "Contact the council if you still need to update your "
                                                "actions."),
    "expired": ("This link has expired", "The meeting it was for has passed. You will get a new link before "
                                         "the next one."),
}


def _private(response: HttpResponse) -> HttpResponse:
    # The page is reached by a secret in its address: keep it out of caches and search engines.
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_http_methods(["GET", "POST"])
def update(request: HttpRequest, token: str) -> HttpResponse:
    """The contact's page: all their open actions in the plan, updated at once. No sign-in; CSRF applies."""
    try:
        link = tokens.open_link(token)
    except tokens.LinkError as error:
        title, advice = _PROBLEMS[error.problem]
        return _private(render(request, "reminders/link_problem.html", {"title": title, "advice": advice},
                               status=404 if error.problem == "invalid" else 410))
    plan = link.reporting_date.plan
    actions = list(link.contact.open_actions(plan).select_related("plan", "recommendation"))
    labels = plan.rag_labels

    def form_for(action: Any, data: Any = None) -> LinkActionForm:
        return LinkActionForm(data, prefix=f"action-{action.pk}", action=action, rag_labels=labels)

    # Only the link's own actions get a form: fields posted for any other action are never read.
    forms = [form_for(a, request.POST if request.method == "POST" else None) for a in actions]
    if request.method == "POST" and all(f.is_valid() for f in forms):
        items = [services.LinkChange(action=f.action, changes=f.changes(), new_date=f.cleaned_data["new_date"],
                                     new_text=f.cleaned_data["new_text"],
                                     reason=(f.cleaned_data.get("reason") or "").strip()) for f in forms]
        updated, requested = services.save_link_update(link, items)
        parts = [f"{updated} action{'s' if updated != 1 else ''} updated"]
        if requested:
            parts.append(f"{requested} target date change{'s' if requested != 1 else ''} sent for approval")
        messages.success(request, "Thank you. " + ", ".join(parts) + ".")
        return redirect("reminder_links:update", token=token)
    pending: dict[int, list[Extension]] = {}
    for request_row in (LinkExtension.objects.filter(extension__action__in=actions,
                                                     extension__status=ExtensionStatus.PENDING)
                        .select_related("extension")):
        pending.setdefault(request_row.extension.action_id, []).append(request_row.extension)
    rows = [(form, row, pending.get(row.action.pk, []))
            for form, row in zip(forms, emails.action_rows(actions), strict=True)]
    return _private(render(request, "reminders/update.html", {
        "link": link, "contact": link.contact, "link_council": link.contact.council, "plan": plan,
        "meeting": link.reporting_date.meeting, "meeting_date": presenters.format_date(link.reporting_date.date),
        "last_day": presenters.format_date(link.last_day()),
        "rows": rows, "has_errors": any(f.errors for f in forms),
    }, status=400 if any(f.errors for f in forms) else 200))
