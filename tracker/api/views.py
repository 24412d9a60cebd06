"""The JSON API (described at /api/openapi.json) and the page where a council's admins manage its tokens.

Every API request carries ``Authorization: Bearer <token>``; the token belongs to one council and every query
goes through that council, so another council's plan or action is a 404, as if it did not exist. The API
never reads the session cookie, so a browser cannot be tricked into calling it (which is why it may be
exempt from CSRF checks, and only it).

Changes go through ``tracker.plans.services.update_action`` so they leave history like the action page's,
signed "API token <name>".
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from tracker import presenters
from tracker.accounts.access import council_for
from tracker.accounts.models import Role
from tracker.api.models import ApiToken
from tracker.api.openapi import openapi_document
from tracker.exchange.interchange import plan_interchange
from tracker.plans import services
from tracker.plans.models import Action, ActionUpdate, Plan, Rag, State, Via

MAX_BODY_BYTES = 64 * 1024
MAX_COMMENTARY = 20_000
MAX_COMMENT = 2_000
WRITABLE = ("state", "rag", "commentary", "comment")
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)  # how stale "last used" may be, to save a write per call

ApiView = Callable[..., JsonResponse]


class BadInput(Exception):
    """The request cannot be done as asked; ``errors`` maps each field named in the request to why."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def _errors(status: int, errors: dict[str, str], **headers: str) -> JsonResponse:
    response = JsonResponse({"errors": errors}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _bearer(request: HttpRequest) -> ApiToken | None:
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    token = ApiToken.objects.authenticate(secret.strip())
    if token is not None:
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def token_api(*methods: str) -> Callable[[ApiView], Callable[..., HttpResponse]]:
    """Wrap an API view: allowed methods, the token (as the view's second argument), JSON errors."""

    def decorate(view: ApiView) -> Callable[..., HttpResponse]:
        @csrf_exempt
        @functools.wraps(view)
        def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            if request.method not in methods:
                return _errors(405, {"method": f"Use {' or '.join(methods)}."}, Allow=", ".join(methods))
            token = _bearer(request)
            if token is None:
                return _errors(401, {"token": "Give a valid API token: Authorization: Bearer <token>."},
                               WWW_Authenticate='Bearer realm="api"')
            try:
                return view(request, token, **kwargs)
            except (Http404, ObjectDoesNotExist):
                return _errors(404, {"detail": "Not found."})
            except BadInput as bad:
                return _errors(400, bad.errors)

        return wrapped

    return decorate


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def action_json(request: HttpRequest, action: Action) -> dict[str, Any]:
    """One action with its id and the tracker's own fields (which the interchange format lacks)."""
    return {
        "id": action.pk,
        "plan_id": action.plan_id,
        "recommendation": action.recommendation.number or str(action.recommendation.position + 1),
        "position": action.position,
        "text": action.text,
        "leads": action.lead_names,
        "state": action.state,
        "rag": action.rag or None,
        "commentary": action.commentary,
        "target": {"text": presenters.due_label(action.due_date, action.due_text, action.due_precision,
                                                action.ongoing),
                   "date": _date(action.due_date)},
        "original_target": {"text": presenters.due_label(action.original_due_date, action.original_due_text,
                                                         action.due_precision, action.ongoing),
                            "date": _date(action.original_due_date)},
        "overdue": action.is_overdue(),
        "updated_at": action.updated_at.isoformat(),
        "url": request.build_absolute_uri(reverse("api:action", args=[action.pk])),
    }


def _update_json(update: ActionUpdate | None) -> dict[str, Any] | None:
    if update is None:
        return None
    return {"at": update.at.isoformat(), "by": update.by_label, "comment": update.comment,
            "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in update.changes.all()]}


@token_api("GET")
def plans(request: HttpRequest, token: ApiToken) -> JsonResponse:
    today = timezone.localdate()
    found = Plan.objects.for_council(token.council).with_progress(today).order_by("-as_of", "-id")
    return JsonResponse({"plans": [{
        "id": plan.pk, "title": plan.title, "kind": plan.kind, "as_of": _date(plan.as_of),
        "published": plan.published,
        "progress": {"actions": plan.n_actions, "complete": plan.progress(today).complete,
                     "overdue": plan.n_overdue},
        "url": request.build_absolute_uri(reverse("api:plan", args=[plan.pk])),
        "actions_url": request.build_absolute_uri(reverse("api:plan_actions", args=[plan.pk])),
    } for plan in found]})


@token_api("GET")
def plan(request: HttpRequest, token: ApiToken, plan_id: int) -> JsonResponse:
    found = get_object_or_404(Plan, pk=plan_id, council=token.council)
    return JsonResponse(plan_interchange(found))


@token_api("GET")
def plan_actions(request: HttpRequest, token: ApiToken, plan_id: int) -> JsonResponse:
    found = get_object_or_404(Plan, pk=plan_id, council=token.council)
    actions = (Action.objects.filter(plan=found).select_related("recommendation")
               .order_by("recommendation__position", "recommendation_id", "position", "id"))
    return JsonResponse({"plan_id": found.pk, "actions": [action_json(request, a) for a in actions]})


def _changes(request: HttpRequest) -> tuple[dict[str, Any], str]:
    """The fields to change and the comment, from a JSON body; BadInput names every field that is wrong."""
    if len(request.body) > MAX_BODY_BYTES:
        raise BadInput({"body": f"The request body is larger than {MAX_BODY_BYTES // 1024} KB."})
    if request.content_type != "application/json":
        raise BadInput({"body": "Send a JSON object with Content-Type: application/json."})
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        raise BadInput({"body": "The request body is not valid JSON."}) from None
    if not isinstance(data, dict) or not data:
        raise BadInput({"body": f"Send a JSON object with at least one of {', '.join(WRITABLE)}."})
    errors = {str(k): f"Unknown field. You can change {', '.join(WRITABLE)}." for k in data if k not in WRITABLE}
    if "state" in data and data["state"] not in State.values:
        errors["state"] = f"Must be one of {', '.join(State.values)}."
    if "rag" in data and data["rag"] is not None and data["rag"] not in Rag.values:
        errors["rag"] = "Must be one of red, amber, green, blue, or null for no rating."
    for name, limit in (("commentary", MAX_COMMENTARY), ("comment", MAX_COMMENT)):
        if name in data and not isinstance(data[name], str):
            errors[name] = "Must be a string."
        elif name in data and len(data[name]) > limit:
            errors[name] = f"Must be at most {limit:,} characters."
    if errors:
        raise BadInput(errors)
    changes = {k: data[k] for k in ("state", "rag", "commentary") if k in data}
    if "rag" in changes and changes["rag"] is None:
        changes["rag"] = ""
    return changes, data.get("comment", "")


@token_api("GET", "PATCH")
def action(request: HttpRequest, token: ApiToken, action_id: int) -> JsonResponse:
    found = get_object_or_404(Action.objects.select_related("recommendation"), pk=action_id,
                              plan__council=token.council)
    if request.method == "GET":
        return JsonResponse(action_json(request, found))
    changes, comment = _changes(request)
    update = services.update_action(found, None, changes, comment=comment, via=Via.API,
                                    by_label=token.history_label)
    return JsonResponse({**action_json(request, found), "update": _update_json(update)})


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    """The API's description (OpenAPI 3.1): public, so client generators can read it without a token."""
    root = reverse("api:openapi").removesuffix("openapi.json")
    response = JsonResponse(openapi_document(request.build_absolute_uri(root)))
    response["Access-Control-Allow-Origin"] = "*"
    return response


class TokenForm(forms.Form):
    name = forms.CharField(label="What will use the token?", max_length=100,
                           help_text="For example, 'Performance dashboard'. Changes made with the token are "
                                     "signed with this name in each action's history.",
                           error_messages={"required": "Enter what will use the token"})


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest, slug: str) -> HttpResponse:
    """Admins create and revoke the council's API tokens. A new token is shown once, on this response only."""
    council = council_for(request, slug, role=Role.ADMIN)
    form = TokenForm()
    secret = ""
    status = 200
    if request.method == "POST":
        if request.POST.get("op") == "revoke":
            token_id = request.POST.get("token", "")
            token = get_object_or_404(ApiToken, pk=int(token_id) if token_id.isdigit() else 0, council=council)
            if token.revoked_at is None:
                ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now(), revoked_by=request.user)
                messages.success(request, f"Token ‘{token.name}’ revoked. It no longer works.")
            return redirect("api:tokens", slug=slug)
        form = TokenForm(request.POST)
        if form.is_valid():
            token, secret = ApiToken.create(council, form.cleaned_data["name"], created_by=request.user)
            form = TokenForm()
        else:
            status = 400
    response = render(request, "api/tokens.html", {
        "council": council, "nav": "tokens", "form": form, "secret": secret,
        "tokens": ApiToken.objects.for_council(council).select_related("created_by", "revoked_by"),
        "openapi_url": request.build_absolute_uri(reverse("api:openapi")),
        "api_root": request.build_absolute_uri(reverse("api:plans")),
    }, status=status)
    # The page may hold a new token: keep it out of every cache and the browser's history.
    response["Cache-Control"] = "no-store"
    return response
