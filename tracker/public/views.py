"""Published plans for everyone (no sign-in), their open data, and the council's publishing page.

A plan that is not published does not exist here: every public URL is a 404 for it, as for a plan that was
never there, so withdrawing a plan takes it and its downloads down at once.
"""

from __future__ import annotations

import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from tracker.accounts.access import can_edit, council_for
from tracker.accounts.models import Council, Role
from tracker.plans.models import Plan
from tracker.public import opendata
from tracker.public.models import PublicationEvent
from tracker.public.services import set_published


def _published_plan(council: str, plan_id: int) -> Plan:
    return get_object_or_404(Plan.objects.select_related("council"), pk=plan_id, council__slug=council,
                             published=True)


def _urls(request: HttpRequest, plan: Plan) -> dict[str, str]:
    kwargs = {"council": plan.council.slug, "plan_id": plan.pk}
    return {name: request.build_absolute_uri(reverse(f"public:{name}", kwargs=kwargs))
            for name in ("plan", "plan_csv", "plan_csv_metadata", "plan_json")}


def _open_data(response: HttpResponse, urls: dict[str, str], describedby: str = "") -> HttpResponse:
    """Headers every download carries: its licence, where it is described, and that any site may read it."""
    links = [f'<{opendata.OGL_URL}>; rel="license"']
    if describedby:
        links.append(f'<{describedby}>; rel="describedby"; type="application/csvm+json"')
    response["Link"] = ", ".join(links)
    # Open data: other sites' scripts may fetch it. No cookies are read here, so this exposes nothing else.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _published_at(plan: Plan) -> datetime.datetime | None:
    event = PublicationEvent.objects.latest_for(plan)
    return event.at if event and event.published else None


@require_safe
def council_plans(request: HttpRequest, council: str) -> HttpResponse:
    """A council's published plans; 404 when it has none (an unknown council looks the same)."""
    found = get_object_or_404(Council, slug=council)
    plans = list(Plan.objects.filter(council=found, published=True).order_by("-as_of", "-id"))
    if not plans:
        raise Http404("No published plans")
    return render(request, "public/council.html", {"public_council": found, "plans": plans})


@require_safe
def plan_page(request: HttpRequest, council: str, plan_id: int) -> HttpResponse:
    plan = _published_plan(council, plan_id)
    public = opendata.public_plan(plan, timezone.localdate())
    return render(request, "public/plan.html", {
        "public_council": plan.council, "plan": plan, "public": public, "urls": _urls(request, plan),
        "published_at": _published_at(plan), "ogl_url": opendata.OGL_URL, "ogl_name": opendata.OGL_NAME,
        "csv_columns": opendata.CSV_COLUMNS,
    })


@require_safe
def plan_csv(request: HttpRequest, council: str, plan_id: int) -> HttpResponse:
    plan = _published_plan(council, plan_id)
    public = opendata.public_plan(plan, timezone.localdate())
    urls = _urls(request, plan)
    response = HttpResponse(opendata.actions_csv(public), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{council}-plan-{plan.pk}-actions.csv"'
    return _open_data(response, urls, describedby=urls["plan_csv_metadata"])


@require_safe
def plan_csv_metadata(request: HttpRequest, council: str, plan_id: int) -> HttpResponse:
    plan = _published_plan(council, plan_id)
    public = opendata.public_plan(plan, timezone.localdate())
    urls = _urls(request, plan)
    body = json.dumps(opendata.csv_metadata(public, urls["plan_csv"], urls["plan"]), indent=2,
                      ensure_ascii=False)
    return _open_data(HttpResponse(body, content_type="application/csvm+json; charset=utf-8"), urls)


@require_safe
def plan_json(request: HttpRequest, council: str, plan_id: int) -> HttpResponse:
    plan = _published_plan(council, plan_id)
    public = opendata.public_plan(plan, timezone.localdate())
    urls = _urls(request, plan)
    data = opendata.plan_json(public, urls["plan"], _published_at(plan), timezone.now())
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{council}-plan-{plan.pk}.json"'
    return _open_data(response, urls)


@login_required
@require_http_methods(["GET", "POST"])
def publishing(request: HttpRequest, slug: str, plan_id: int) -> HttpResponse:
    """Whether the plan is public, what that shows, and (for editors and admins) the button to change it."""
    council = council_for(request, slug, role=Role.EDITOR if request.method == "POST" else Role.VIEWER)
    plan = get_object_or_404(Plan, pk=plan_id, council=council)
    if request.method == "POST":
        choice = request.POST.get("publish")
        if choice not in ("yes", "no"):
            messages.error(request, "Choose whether to publish the plan or withdraw it.")
        elif set_published(plan, choice == "yes", request.user) is None:
            messages.info(request, "Nothing changed.")
        elif plan.published:
            messages.success(request, "Plan published. Anyone with the link can now see it.")
        else:
            messages.success(request, "Plan withdrawn. Its public page and downloads are gone.")
        return redirect("public:publishing", slug=slug, plan_id=plan.pk)
    return render(request, "public/publishing.html", {
        "council": council, "plan": plan, "can_edit": can_edit(council),
        "events": PublicationEvent.objects.filter(plan=plan).select_related("by_user")[:20],
        "urls": _urls(request, plan) if plan.published else None,
    })
