"""The JSON API over Lichfield's 2022 plan (seed 000), with a token of Lichfield and one of another council.

Expected values come from the hand-checked reading tests/fixtures/gold/000_434456432017fdb1.json. The
OpenAPI description is checked against the OpenAPI 3.1 schema (tests/fixtures/openapi/, the OpenAPI
Initiative's published schema as shipped in openapi-spec-validator 0.9.0, Apache-2.0), and real responses are
checked against the schemas it declares.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import jsonschema
import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

import planparse.schema
from tracker.api.models import ApiToken
from tracker.plans import services
from tracker.plans.models import Action, ActionUpdate, Via

FIXTURES = Path(__file__).parent.parent / "fixtures"
GOLD = json.loads((FIXTURES / "gold" / "000_434456432017fdb1.json").read_text(encoding="utf-8"))
GOLD_ACTIONS = [a for r in GOLD["recommendations"] for a in r["actions"]]
OAS_31 = json.loads((FIXTURES / "openapi" / "oas-3.1-schema-2022-10-07.json").read_text(encoding="utf-8"))


@pytest.fixture
def secret(council, owner) -> str:
    _, secret = ApiToken.create(council, "Performance dashboard", created_by=owner)
    return secret


@pytest.fixture
def other_secret(other_council, outsider) -> str:
    _, secret = ApiToken.create(other_council, "Oadby reporting", created_by=outsider)
    return secret


def api(secret: str | None) -> Client:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return Client(headers=headers, enforce_csrf_checks=True)


def patch(client: Client, action: Action, body: object, content_type: str = "application/json"):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.patch(reverse("api:action", args=[action.pk]), data, content_type=content_type)


@pytest.fixture
def first_action(plan) -> Action:
    return plan.actions.order_by("recommendation__position", "position").first()


def openapi() -> dict:
    return json.loads(Client().get(reverse("api:openapi")).content)


def conforms(data: object, component: str) -> list[str]:
    """How ``data`` breaks the OpenAPI description's schema ``component`` (empty when it conforms)."""
    doc = openapi()
    schema = {"$ref": f"#/components/schemas/{component}", "components": doc["components"]}
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


# The description

def test_the_openapi_description_is_valid_openapi_3_1(db):
    response = Client().get(reverse("api:openapi"))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    doc = json.loads(response.content)
    assert doc["openapi"].startswith("3.1.")
    errors = list(jsonschema.Draft202012Validator(OAS_31).iter_errors(doc))
    assert not errors, [e.message for e in errors]
    for schema in doc["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)
    assert doc["servers"] == [{"url": "http://testserver/api/"}]


def test_the_validator_would_catch_a_broken_description(db):
    broken = openapi()
    broken["paths"]["/plans/"]["get"]["responses"] = {"200": {"content": {}}}  # a response needs a description
    assert list(jsonschema.Draft202012Validator(OAS_31).iter_errors(broken))


def test_every_api_url_is_described_and_every_description_is_a_url(db):
    api_resolver = next(p for p in get_resolver().url_patterns if getattr(p, "app_name", None) == "api")
    # The description's keys name the parameters without converters: compare in that form.
    routes = {"/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(p.pattern))
              for p in api_resolver.url_patterns if isinstance(p, URLPattern)}
    described = set(openapi()["paths"])
    pages = {"/openapi.json", "/c/{slug}/tokens/"}
    assert routes - pages == described


# Authentication

ENDPOINTS = [("GET", "api:plans", False), ("GET", "api:plan", True), ("GET", "api:plan_actions", True),
             ("GET", "api:action", "action"), ("PATCH", "api:action", "action")]


def _address(name: str, needs: object, plan, action) -> str:
    if needs is True:
        return reverse(name, args=[plan.pk])
    if needs == "action":
        return reverse(name, args=[action.pk])
    return reverse(name)


@pytest.mark.parametrize(("method", "name", "needs"), ENDPOINTS)
def test_a_missing_unknown_or_revoked_token_gets_401(method, name, needs, plan, first_action, secret):
    address = _address(name, needs, plan, first_action)
    revoked = ApiToken.objects.get(council=plan.council)
    revoked_secret = secret
    for client in (api(None), api("apt_not-a-real-token"), api(secret[:-1]),
                   Client(headers={"Authorization": f"Token {secret}"})):
        response = client.generic(method, address, json.dumps({"state": "complete"}),
                                  content_type="application/json")
        assert response.status_code == 401, (address, response.status_code)
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'
        assert "token" in json.loads(response.content)["errors"]
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at="2025-01-01T00:00Z")
    response = api(revoked_secret).generic(method, address, json.dumps({"state": "complete"}),
                                           content_type="application/json")
    assert response.status_code == 401
    first_action.refresh_from_db()
    assert first_action.state != "complete"


def test_a_signed_in_session_is_not_a_token(client_for, owner, plan):
    # The API ignores the session cookie: that is what makes it safe to exempt from CSRF checks.
    assert client_for(owner).get(reverse("api:plans")).status_code == 401


def test_a_token_is_stored_only_as_its_digest(secret):
    token = ApiToken.objects.get()
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.values_list().get()]
    assert secret not in stored and secret.startswith("apt_") and len(secret) > 40


def test_using_a_token_records_when_it_was_last_used(secret, plan):
    assert ApiToken.objects.get().last_used_at is None
    assert api(secret).get(reverse("api:plans")).status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


# Reading

def test_the_plan_list_has_the_councils_plans_only(secret, plan, other_plan):
    response = api(secret).get(reverse("api:plans"))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert not conforms(data, "PlanList")
    assert [p["id"] for p in data["plans"]] == [plan.pk]
    summary = data["plans"][0]
    assert summary["title"] == GOLD["title"]
    assert summary["progress"]["actions"] == len(GOLD_ACTIONS) == 23
    assert summary["published"] is False


def test_a_plan_is_an_interchange_document_that_matches_the_gold_reading(secret, plan):
    response = api(secret).get(reverse("api:plan", args=[plan.pk]))
    assert response.status_code == 200
    doc = json.loads(response.content)
    assert planparse.schema.errors(doc) == []
    assert doc["schema_version"] == 1 and doc["title"] == GOLD["title"]
    assert doc["organisation"] == GOLD["organisation"]
    assert [r["number"] for r in doc["recommendations"]] == [r["number"] for r in GOLD["recommendations"]]
    assert [r["text"] for r in doc["recommendations"]] == [r["text"] for r in GOLD["recommendations"]]
    actions = [a for r in doc["recommendations"] for a in r["actions"]]
    assert len(actions) == len(GOLD_ACTIONS)
    for got, want in zip(actions, GOLD_ACTIONS, strict=True):
        assert got["text"] == want["text"]
        assert got["owners"] == want["owners"]
        assert got["due"] == want["due"]
        assert got["status"] == want["status"]
    assert doc["source"]["sha256"] == plan.source_sha256


def test_the_interchange_document_reads_back_into_the_same_plan(secret, plan, council, owner):
    doc = json.loads(api(secret).get(reverse("api:plan", args=[plan.pk])).content)
    again = services.save_import(council, owner, planparse.Plan.from_dict(doc).to_dict(),
                                 json.dumps(doc).encode(), "plan.json")
    second = json.loads(api(secret).get(reverse("api:plan", args=[again.pk])).content)
    assert second["recommendations"] == doc["recommendations"]


def test_an_action_that_moved_date_and_is_complete_says_so_in_the_document(secret, plan, colleague,
                                                                             first_action):
    services.record_extension(first_action, colleague, None, "Autumn 2022", "Waiting for the restructure")
    services.update_action(first_action, colleague, {"state": "complete"})
    doc = json.loads(api(secret).get(reverse("api:plan", args=[plan.pk])).content)
    assert planparse.schema.errors(doc) == []
    got = doc["recommendations"][0]["actions"][0]
    assert got["due"] == {"text": "Autumn 2022", "date": None, "precision": "month", "ongoing": False}
    assert got["completed"] is True
    assert "Waiting for the restructure" not in json.dumps(doc)


def test_a_plans_actions_come_with_their_ids_in_order(secret, plan):
    response = api(secret).get(reverse("api:plan_actions", args=[plan.pk]))
    data = json.loads(response.content)
    assert not conforms(data, "ActionList")
    ids = list(plan.actions.order_by("recommendation__position", "position").values_list("id", flat=True))
    assert [a["id"] for a in data["actions"]] == ids
    assert [a["text"] for a in data["actions"]] == [a["text"] for a in GOLD_ACTIONS]
    first = data["actions"][0]
    assert first["recommendation"] == "1" and first["leads"] == ["CT"]
    assert first["original_target"] == {"text": "April 2022", "date": "2022-04-30"}
    assert first["rag"] == "green"


@pytest.mark.parametrize(("method", "name", "needs"), ENDPOINTS[1:])
def test_a_token_of_another_council_gets_404(method, name, needs, plan, first_action, other_secret):
    address = _address(name, needs, plan, first_action)
    response = api(other_secret).generic(method, address, json.dumps({"state": "complete"}),
                                         content_type="application/json")
    assert response.status_code == 404
    assert json.loads(response.content) == {"errors": {"detail": "Not found."}}
    first_action.refresh_from_db()
    assert first_action.state != "complete"
    assert not first_action.updates.filter(via=Via.API).exists()


def test_an_unknown_id_is_404_as_json(secret, plan):
    response = api(secret).get(reverse("api:action", args=[10**9]))
    assert response.status_code == 404 and response["Content-Type"] == "application/json"


def test_a_method_the_endpoint_does_not_take_is_405(secret, plan):
    response = api(secret).delete(reverse("api:plan", args=[plan.pk]))
    assert response.status_code == 405 and response["Allow"] == "GET"
    assert "method" in json.loads(response.content)["errors"]


# Changing

def test_a_patch_changes_the_action_and_writes_history_as_the_page_does(secret, plan, first_action,
                                                                      client_for, viewer):
    response = patch(api(secret), first_action, {
        "state": "in_progress", "rag": "amber", "commentary": "Workshops held with all service areas.",
        "comment": "Monthly update from the performance team"})
    assert response.status_code == 200, response.content
    data = json.loads(response.content)
    assert not conforms(data, "UpdatedAction")
    assert (data["state"], data["rag"], data["commentary"]) == (
        "in_progress", "amber", "Workshops held with all service areas.")
    first_action.refresh_from_db()
    assert (first_action.state, first_action.rag) == ("in_progress", "amber")
    assert first_action.commentary == "Workshops held with all service areas."
    update = first_action.updates.get(via=Via.API)
    assert update.by_user is None and update.by_label == "API token Performance dashboard"
    assert update.comment == "Monthly update from the performance team"
    assert sorted(update.changes.values_list("field", "old", "new")) == [
        ("commentary", "", "Workshops held with all service areas."), ("rag", "green", "amber"),
        ("state", "not_started", "in_progress")]
    assert data["update"]["by"] == "API token Performance dashboard"
    page = client_for(viewer).get(reverse("plans:action", args=[plan.council.slug, first_action.pk]))
    assert "API token Performance dashboard" in page.content.decode()


def test_a_patch_that_changes_nothing_records_nothing(secret, first_action):
    before = ActionUpdate.objects.count()
    response = patch(api(secret), first_action, {"state": first_action.state, "rag": first_action.rag})
    assert response.status_code == 200 and json.loads(response.content)["update"] is None
    assert ActionUpdate.objects.count() == before


def test_rag_null_clears_the_rating(secret, first_action):
    assert patch(api(secret), first_action, {"rag": None}).status_code == 200
    first_action.refresh_from_db()
    assert first_action.rag == ""


@pytest.mark.parametrize(("body", "content_type", "field"), [
    ({"state": "finished"}, "application/json", "state"),
    ({"state": None}, "application/json", "state"),
    ({"rag": "purple"}, "application/json", "rag"),
    ({"commentary": 5}, "application/json", "commentary"),
    ({"commentary": "x" * 20_001}, "application/json", "commentary"),
    ({"comment": ["why"]}, "application/json", "comment"),
    ({"due_date": "2030-01-01"}, "application/json", "due_date"),
    ({"text": "A new wording"}, "application/json", "text"),
    ({}, "application/json", "body"),
    ([{"state": "complete"}], "application/json", "body"),
    ("{not json", "application/json", "body"),
    (b"\xff\xfe", "application/json", "body"),
    ("state=complete", "application/x-www-form-urlencoded", "body"),
])
def test_bad_input_is_400_naming_the_field_and_changes_nothing(secret, first_action, body, content_type,
                                                               field):
    before = (first_action.state, first_action.rag, first_action.commentary, first_action.text)
    response = patch(api(secret), first_action, body, content_type)
    assert response.status_code == 400
    errors = json.loads(response.content)["errors"]
    assert field in errors and errors[field]
    first_action.refresh_from_db()
    assert (first_action.state, first_action.rag, first_action.commentary, first_action.text) == before
    assert not first_action.updates.filter(via=Via.API).exists()


def test_every_bad_field_is_named_at_once(secret, first_action):
    response = patch(api(secret), first_action, {"state": "done", "rag": "pink", "owner": "CT"})
    assert set(json.loads(response.content)["errors"]) == {"state", "rag", "owner"}


def test_a_body_that_is_too_large_is_refused(secret, first_action):
    response = patch(api(secret), first_action, {"commentary": "x" * 70_000})
    assert response.status_code == 400 and "body" in json.loads(response.content)["errors"]


# The token page

def test_an_admin_creates_a_token_that_is_shown_once_and_works(client_for, owner, council, plan):
    client = client_for(owner)
    page = reverse("api:tokens", args=[council.slug])
    response = client.post(page, {"op": "create", "name": "Performance dashboard"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    html = response.content.decode()
    token = ApiToken.objects.get(council=council)
    secret = html.split('id="new-token" type="text" value="')[1].split('"')[0]
    assert hashlib.sha256(secret.encode()).hexdigest() == token.token_hash
    assert token.name == "Performance dashboard" and token.created_by == owner
    assert api(secret).get(reverse("api:plans")).status_code == 200
    again = client.get(page).content.decode()
    assert secret not in again and "Performance dashboard" in again and token.hint in again


def test_a_token_needs_a_name(client_for, owner, council):
    response = client_for(owner).post(reverse("api:tokens", args=[council.slug]), {"op": "create", "name": ""})
    assert response.status_code == 400 and "Enter what will use the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_admin_revokes_a_token_and_it_stops_working(client_for, owner, council, plan, secret):
    token = ApiToken.objects.get()
    response = client_for(owner).post(reverse("api:tokens", args=[council.slug]),
                                      {"op": "revoke", "token": token.pk})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == owner
    assert api(secret).get(reverse("api:plans")).status_code == 401


def test_an_admin_cannot_revoke_another_councils_token(client_for, owner, council, other_secret):
    other = ApiToken.objects.get()
    for value in (other.pk, "abc", ""):
        response = client_for(owner).post(reverse("api:tokens", args=[council.slug]),
                                          {"op": "revoke", "token": value})
        assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_only_admins_manage_tokens(client_for, colleague, viewer, council):
    page = reverse("api:tokens", args=[council.slug])
    for user in (colleague, viewer):
        assert client_for(user).get(page).status_code == 403
        assert client_for(user).post(page, {"op": "create", "name": "Mine"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_the_token_form_needs_a_csrf_token(owner, council):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(reverse("api:tokens", args=[council.slug]), {"op": "create", "name": "X"})
    assert response.status_code == 403 and not ApiToken.objects.exists()


def test_the_plan_page_links_admins_to_the_token_page(client_for, owner, colleague, council, plan):
    page = reverse("plans:plan", args=[council.slug, plan.pk])
    tokens = reverse("api:tokens", args=[council.slug])
    assert tokens in client_for(owner).get(page).content.decode()
    assert tokens not in client_for(colleague).get(page).content.decode()


@pytest.mark.parametrize("stem", sorted(p.stem for p in (FIXTURES / "gold").glob("*.json")))
def test_every_seeds_plan_comes_back_as_its_gold_reading(stem, council, owner, secret):
    from tests.web.conftest import import_gold

    gold = json.loads((FIXTURES / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    plan = import_gold(council, owner, stem)
    doc = json.loads(api(secret).get(reverse("api:plan", args=[plan.pk])).content)
    assert planparse.schema.errors(doc) == []
    assert doc["legend"] == (gold.get("legend") or {})
    assert len(doc["recommendations"]) == len(gold["recommendations"])
    for got, want in zip(doc["recommendations"], gold["recommendations"], strict=True):
        assert (got["number"], got["text"], got["theme"]) == (want["number"], want["text"], want.get("theme"))
        assert got["owners"] == want.get("owners", [])
        assert got.get("extra", {}) == want.get("extra", {})
        assert len(got["actions"]) == len(want["actions"])
        for a, b in zip(got["actions"], want["actions"], strict=True):
            assert (a["text"], a["owners"], a["due"], a["status"]) == (
                b["text"], b.get("owners", []), b.get("due"), b.get("status"))
            for field in ("timescale", "commentary", "measure", "anticipated_completion", "priority"):
                assert a.get(field) == b.get(field), field
            assert a.get("extra", {}) == b.get("extra", {})
