"""The tracker's pages: a council's dashboard, a plan, an action (with its history and forms), the by-lead view.

Each view fetches through the council (``council_for``) and then reads models or calls a service; changes are
never written here, so every one leaves history (tracker.plans.services).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Min, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tracker import presenters
from tracker.accounts.access import can_edit, council_for
from tracker.accounts.models import Role
from tracker.plans import charts, services
from tracker.plans.forms import (
    ActionAddForm,
    ActionDetailsForm,
    ActionUpdateForm,
    ExtensionForm,
    FilterForm,
    ProgressOverrideForm,
    RecommendationAddForm,
    RemovalForm,
)
from tracker.plans.models import (
    CLOSED_STATES,
    Action,
    ActionLead,
    Extension,
    ExtensionStatus,
    Plan,
    Recommendation,
    lead_key,
)
from tracker.plans.progress import Progress

DUE_SOON_DAYS = 30
LIST_LIMIT = 50  # longer lists on the dashboard link to the filtered plan pages instead


def _action_prefix(slug: str) -> str:
    """'/c/<slug>/actions/': long tables add the id themselves instead of reversing a URL per row."""
    return reverse("plans:action", kwargs={"slug": slug, "action_id": 0})[:-len("0/")]


def _rows(actions: list[Action], today: datetime.date, rag_labels: dict[str, str] | None = None) -> list[Any]:
    """Pair each action with what its row shows (tags, dates), computed once."""
    return [(a, presenters.tag_context(a, rag_labels if rag_labels is not None else a.plan.rag_labels, today))
            for a in actions]


@login_required
@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    council = council_for(request, slug)
    today = timezone.localdate()
    plans = list(Plan.objects.for_council(council).with_progress(today).order_by("-as_of", "-id"))
    plan_rows = [(plan, presenters.progress_sentence(plan.progress(today), plan.rag_labels)) for plan in plans]
    actions = Action.objects.for_council(council).select_related("plan", "recommendation")
    overdue = list(actions.overdue(today).order_by("due_date", "id")[:LIST_LIMIT])
    due_soon = list(actions.due_within(DUE_SOON_DAYS, today).order_by("due_date", "id")[:LIST_LIMIT])
    # One council can hold plans with different RAG words; the charts use the defaults unless all agree.
    labels = [p.rag_labels for p in plans]
    shared_labels = labels[0] if labels and all(lab == labels[0] for lab in labels) else None
    return render(request, "plans/dashboard.html", {
        "council": council, "nav": "dashboard", "today": today, "plan_rows": plan_rows,
        "action_prefix": _action_prefix(slug),
        "overdue_rows": _rows(overdue, today), "overdue_count": sum(p.n_overdue for p in plans),
        "due_soon_rows": _rows(due_soon, today), "due_soon_days": DUE_SOON_DAYS, "list_limit": LIST_LIMIT,
        "rag_chart": charts.rag_by_theme(council, shared_labels),
        "state_chart": charts.state_by_theme(council),
        "completion": charts.completion_over_time(council, today),
        "can_edit": can_edit(council),
    })


def _filtered_actions(plan: Plan, form: FilterForm, today: datetime.date) -> tuple[Any, bool]:
    """The plan's actions narrowed by the valid filters, and whether any filter applies."""
    actions = Action.objects.filter(plan=plan)
    if not form.is_valid():
        return actions, False
    data = form.cleaned_data
    if data["q"].strip():
        words = data["q"].strip()
        actions = actions.filter(Q(text__icontains=words) | Q(commentary__icontains=words)
                                 | Q(leads__icontains=words) | Q(recommendation__text__icontains=words))
    if data["theme"]:
        actions = actions.for_theme(data["theme"])
    if data["lead"]:
        actions = actions.filter(lead_rows__key=lead_key(data["lead"]))
    if data["state"]:
        actions = actions.filter(state=data["state"])
    if data["rag"]:
        actions = actions.filter(rag="" if data["rag"] == "none" else data["rag"])
    if data["overdue"]:
        actions = actions.overdue(today)
    filtering = any(data[k] for k in ("q", "theme", "lead", "state", "rag", "overdue"))
    return actions, filtering


@login_required
@require_GET
def plan_detail(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    council = council_for(request, slug)
    plan = get_object_or_404(Plan.objects.with_progress(), pk=plan_id, council=council)
    today = timezone.localdate()
    themes = sorted({t for t in plan.recommendations.order_by().values_list("theme", flat=True) if t},
                    key=str.casefold)
    leads = sorted(set(ActionLead.objects.filter(action__plan=plan).order_by().values_list("name", flat=True)),
                   key=str.casefold)
    form = FilterForm(request.GET or None, themes=themes, leads=leads, rag_labels=plan.rag_labels)
    actions, filtering = _filtered_actions(plan, form, today)
    matching_ids = actions.values("id")
    recommendations = (
        Recommendation.objects.filter(plan=plan).order_by("position", "id")
        .select_related("progress_override_by")
        .prefetch_related(Prefetch(
            "actions", to_attr="shown_actions",
            queryset=Action.objects.filter(id__in=matching_ids).order_by("position", "id")
            .prefetch_related("lead_rows"))))
    sections = []
    shown = 0
    for rec in recommendations:
        if filtering and not rec.shown_actions:
            continue
        shown += len(rec.shown_actions)
        # A recommendation's progress is over all its actions, so it is left out while filtering.
        progress = None if filtering else presenters.progress_sentence(
            Progress.from_actions(rec.shown_actions, today, rec.progress_override, rec.progress_override_note),
            plan.rag_labels)
        sections.append((rec, progress, _rows(rec.shown_actions, today, plan.rag_labels)))
    plan_progress = plan.progress(today)
    return render(request, "plans/plan.html", {
        "council": council, "plan": plan, "sections": sections, "form": form, "filtering": filtering,
        "action_prefix": _action_prefix(slug),
        "shown": shown, "total": plan_progress.total,
        "progress": presenters.progress_sentence(plan_progress, plan.rag_labels),
        "can_edit": can_edit(council),
        "plan_changes": [(c, presenters.format_datetime(c.at)) for c in plan.plan_changes.all()],
    })


@login_required
@require_http_methods(["GET", "POST"])
def progress_override(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    """Set or clear the progress statement shown instead of the calculated one, for the plan or (with
    ?recommendation=<id>) one of its recommendations. Editors only; the figures are always shown beside it."""
    council = council_for(request, slug, role=Role.EDITOR)
    plan = get_object_or_404(Plan, pk=plan_id, council=council)
    target: Plan | Recommendation = plan
    rec_id = request.GET.get("recommendation", "")
    if rec_id:
        if not rec_id.isdigit():
            raise Http404("No such recommendation")
        target = get_object_or_404(Recommendation, pk=int(rec_id), plan=plan)
    today = timezone.localdate()
    calculated = target.progress(today)
    if request.method == "POST":
        form = ProgressOverrideForm(request.POST)
        if form.is_valid():
            services.set_progress_override(target, form.cleaned_data["text"], form.cleaned_data["note"],
                                            by_user=request.user)
            messages.success(request, "Progress set by hand." if target.progress_override
                             else "Progress is shown as calculated again.")
            url = reverse("plans:plan", kwargs={"slug": slug, "plan_id": plan.pk})
            return redirect(url if target is plan else f"{url}#rec-{target.pk}")
    else:
        form = ProgressOverrideForm(initial={"text": target.progress_override,
                                             "note": target.progress_override_note})
    return render(request, "plans/progress_override.html", {
        "council": council, "plan": plan, "target": target, "is_plan": target is plan, "form": form,
        "calculated": presenters.progress_sentence(Progress.from_counts(
            calculated.by_state, calculated.by_rag, calculated.overdue), plan.rag_labels),
    }, status=400 if form.errors else 200)


def _action_context(council: Any, action: Action, today: datetime.date, **forms: Any) -> dict[str, Any]:
    labels = action.plan.rag_labels
    history = [(update, presenters.format_datetime(update.at),
                [presenters.change_sentence(c.field, c.old, c.new, labels) for c in update.changes.all()])
               for update in action.updates.with_changes()]
    extensions = list(action.extensions.select_related("requested_by", "decided_by"))
    return {
        "council": council, "action": action, "plan": action.plan, "history": history,
        "tags": presenters.tag_context(action, labels, today),
        "original_due": presenters.due_label(action.original_due_date, action.original_due_text,
                                             action.due_precision),
        "extensions": extensions,
        "pending": [e for e in extensions if e.status == ExtensionStatus.PENDING],
        "can_edit": can_edit(council), **forms,
    }


def _get_action(council: Any, action_id: int) -> Action:
    return get_object_or_404(Action.objects.select_related("plan", "recommendation"),
                             pk=action_id, plan__council=council)


@login_required
@require_http_methods(["GET", "POST"])
def action_detail(request: HttpRequest, slug: str, action_id: int) -> HttpResponse:
    """The action, its history and (for editors) the update and extension forms. POST saves an update."""
    council = council_for(request, slug, role=Role.EDITOR if request.method == "POST" else Role.VIEWER)
    action = _get_action(council, action_id)
    today = timezone.localdate()
    labels = action.plan.rag_labels
    if request.method == "POST":
        form = ActionUpdateForm(request.POST, action=action, rag_labels=labels)
        if form.is_valid():
            update = services.update_action(action, request.user, form.changes(), form.cleaned_data["comment"])
            if update is None:
                messages.info(request, "Nothing changed, so nothing was saved.")
            else:
                messages.success(request, "Action updated.")
            return redirect("plans:action", slug=slug, action_id=action.pk)
    else:
        form = ActionUpdateForm(action=action, rag_labels=labels)
    return render(request, "plans/action.html",
                  _action_context(council, action, today, form=form, extension_form=ExtensionForm()),
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, slug: str, action_id: int) -> HttpResponse:
    """Correct an action's wording, leads, priority, timescale or measure, or move it to another
    recommendation of its plan; the change and its reason go into the history."""
    council = council_for(request, slug, role=Role.EDITOR)
    action = _get_action(council, action_id)
    recommendations = list(Recommendation.objects.filter(plan=action.plan_id).order_by("position", "id"))
    if request.method == "POST":
        form = ActionDetailsForm(request.POST, action=action, recommendations=recommendations)
        if form.is_valid():
            update = services.update_action(action, request.user, form.changes(), form.cleaned_data["comment"])
            messages.success(request, "Action details updated." if update and update.changes.exists()
                             else "Nothing changed; your comment was added to the history.")
            return redirect("plans:action", slug=slug, action_id=action.pk)
    else:
        form = ActionDetailsForm(action=action, recommendations=recommendations)
    return render(request, "plans/action_edit.html", {"council": council, "plan": action.plan, "action": action,
                                                      "form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def extension_create(request: HttpRequest, slug: str, action_id: int) -> HttpResponse:
    """Ask for a new target date, or record one already agreed (when 'agreed by' is given)."""
    council = council_for(request, slug, role=Role.EDITOR)
    action = _get_action(council, action_id)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        today = timezone.localdate()
        return render(request, "plans/action.html",
                      _action_context(council, action, today, form=ActionUpdateForm(action=action,
                                      rag_labels=action.plan.rag_labels), extension_form=form), status=400)
    data = form.cleaned_data
    new_label = presenters.due_label(data["new_date"], data["new_text"], "day" if data["day"] else "month")
    if data["agreed_by"].strip():
        services.record_extension(action, request.user, data["new_date"], data["new_text"], data["reason"],
                                  decided_by_label=data["agreed_by"].strip())
        messages.success(request, f"Target date moved to {new_label}. The original date is kept.")
    else:
        services.request_extension(action, data["new_date"], data["new_text"], data["reason"],
                                   requested_by=request.user)
        messages.success(request, f"Extension to {new_label} requested. It changes the target date once "
                                  "approved.")
    return redirect("plans:action", slug=slug, action_id=action.pk)


@login_required
@require_POST
def extension_decide(request: HttpRequest, slug: str, action_id: int, extension_id: int) -> HttpResponse:
    council = council_for(request, slug, role=Role.EDITOR)
    action = _get_action(council, action_id)
    extension = get_object_or_404(Extension, pk=extension_id, action=action)
    approve = request.POST.get("decision") == "approve"
    if request.POST.get("decision") not in ("approve", "refuse"):
        messages.error(request, "Choose whether to approve or refuse the extension.")
    elif extension.status != ExtensionStatus.PENDING:
        messages.error(request, "This extension has already been decided.")
    else:
        services.decide_extension(extension, request.user, approve=approve,
                                  note=request.POST.get("note", ""))
        messages.success(request, "Extension approved: the target date has moved." if approve
                         else "Extension refused: the target date is unchanged.")
    return redirect("plans:action", slug=slug, action_id=action.pk)


def _plan_url(plan_or_id: Plan | int, slug: str, anchor: str = "") -> str:
    plan_id = plan_or_id if isinstance(plan_or_id, int) else plan_or_id.pk
    return reverse("plans:plan", kwargs={"slug": slug, "plan_id": plan_id}) + (f"#{anchor}" if anchor else "")


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_add(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    """Add a recommendation to a saved plan; the plan's record of changes says who, when and why."""
    council = council_for(request, slug, role=Role.EDITOR)
    plan = get_object_or_404(Plan, pk=plan_id, council=council)
    form = RecommendationAddForm(request.POST or None, recommendations=list(
        Recommendation.objects.filter(plan=plan).order_by("position", "id")))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        rec = services.add_recommendation(
            plan, request.user, number=data["number"], text=data["text"], theme=data["theme"],
            response=data["response"], owners=data["owners"].splitlines(), reason=data["reason"],
            after=form.recommendations.get(data["after"]) if data["after"] else None)
        messages.success(request, f"{rec} added. Add its actions below it.")
        return redirect(_plan_url(plan, slug, f"rec-{rec.pk}"))
    return render(request, "plans/recommendation_add.html", {"council": council, "plan": plan, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, slug: str, recommendation_id: int) -> HttpResponse:
    """Add an action to a recommendation of a saved plan; its history starts with who added it and why."""
    council = council_for(request, slug, role=Role.EDITOR)
    rec = get_object_or_404(Recommendation.objects.select_related("plan"), pk=recommendation_id,
                            plan__council=council)
    form = ActionAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = services.add_action(rec, request.user, text=data["text"], leads=data["leads"],
                                     due_date=data["due_date"], due_text=data["due_text"],
                                     priority=data["priority"], measure=data["measure"], reason=data["reason"])
        messages.success(request, f"Action added to {rec}.")
        return redirect("plans:action", slug=slug, action_id=action.pk)
    return render(request, "plans/action_add.html", {"council": council, "plan": rec.plan, "rec": rec,
                                                     "form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def action_remove(request: HttpRequest, slug: str, action_id: int) -> HttpResponse:
    """Ask why, then remove an action from its plan (its record is kept in the plan's changes)."""
    council = council_for(request, slug, role=Role.EDITOR)
    action = _get_action(council, action_id)
    form = RemovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change = services.remove_action(action, request.user, form.cleaned_data["reason"])
        messages.success(request, f"{change.ref} removed. The plan's record of changes keeps what it said.")
        return redirect(_plan_url(action.plan_id, slug, "plan-changes"))
    return render(request, "plans/remove.html", {
        "council": council, "plan": action.plan, "form": form, "what": "action",
        "ref": services.action_ref(action), "text": action.text, "n_actions": 0,
        "cancel_url": reverse("plans:action", kwargs={"slug": slug, "action_id": action.pk}),
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_remove(request: HttpRequest, slug: str, recommendation_id: int) -> HttpResponse:
    """Ask why, then remove a recommendation and its actions (their record is kept in the plan's changes)."""
    council = council_for(request, slug, role=Role.EDITOR)
    rec = get_object_or_404(Recommendation.objects.select_related("plan"), pk=recommendation_id,
                            plan__council=council)
    form = RemovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change = services.remove_recommendation(rec, request.user, form.cleaned_data["reason"])
        messages.success(request, f"{change.ref} removed. The plan's record of changes keeps what it said.")
        return redirect(_plan_url(rec.plan_id, slug, "plan-changes"))
    return render(request, "plans/remove.html", {
        "council": council, "plan": rec.plan, "form": form, "what": "recommendation",
        "ref": services.recommendation_ref(rec), "text": rec.text, "n_actions": rec.actions.count(),
        "cancel_url": _plan_url(rec.plan_id, slug, f"rec-{rec.pk}"),
    }, status=400 if form.errors else 200)


@login_required
@require_GET
def leads(request: HttpRequest, slug: str) -> HttpResponse:
    """Every lead in the council's plans with their counts; with ?name=, that lead's actions."""
    council = council_for(request, slug)
    today = timezone.localdate()
    name = request.GET.get("name", "").strip()
    context: dict[str, Any] = {"council": council, "nav": "leads", "name": name,
                               "action_prefix": _action_prefix(slug)}
    if name:
        actions = list(Action.objects.for_council(council).for_lead(name)
                       .select_related("plan", "recommendation").order_by("plan_id", "position", "id"))
        context["rows"] = _rows(actions, today)
        context["open_count"] = sum(1 for a in actions if a.state not in CLOSED_STATES)
    else:
        overdue = Action.overdue_q(today, prefix="action__")
        context["leads"] = (ActionLead.objects.filter(action__plan__council=council)
                            .values("key").annotate(n=Count("action", distinct=True),
                                                    overdue=Count("action", filter=overdue, distinct=True),
                                                    # Spellings sharing a key ("CT", "ct"): show one.
                                                    name=Min("name"))
                            .order_by("key"))
    return render(request, "plans/leads.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement public sector sites must publish (no login: it must be readable by all)."""
    return render(request, "plans/accessibility.html", {})
