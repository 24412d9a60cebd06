"""The API's OpenAPI 3.1 description, written by hand (a handful of endpoints; no generator dependency).

tests/web/test_api.py validates it against the OpenAPI 3.1 schema, checks every path here is a URL of the
app and every API URL is described here, and validates real responses against the schemas below.
"""

from __future__ import annotations

from typing import Any

from tracker.plans.models import Rag, State

_DATE = {"type": ["string", "null"], "format": "date"}


def _error(description: str, example: dict[str, str]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Errors"}, "example": {"errors": example}}}}


_UNAUTHORISED = _error("No token, or a token that is unknown or revoked.",
                       {"token": "Give a valid API token: Authorization: Bearer <token>."})
_NOT_FOUND = _error("No such object in the token's council (another council's objects are not found either).",
                    {"detail": "Not found."})


def _json(schema_name: str, description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}}


def _id_parameter(name: str, about: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": about,
            "schema": {"type": "integer", "minimum": 1}}


def openapi_document(server_url: str = "/api/") -> dict[str, Any]:
    """The description, with ``server_url`` (the absolute /api/ URL of this site) as its server."""
    target = {"type": "object", "required": ["text", "date"], "additionalProperties": False,
              "properties": {"text": {"type": "string", "description": "As a person reads it"},
                             "date": {**_DATE, "description": "Last day of the period; null for none"}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Action plans API",
            "version": "1.0.0",
            "summary": "Read a council's improvement action plans and update its actions.",
            "description": (
                "Each token belongs to one council and sees only that council's plans. Create and revoke "
                "tokens on the council's 'API tokens' page (admins only). Changes are recorded in each "
                "action's history, signed 'API token <name>'. Errors are JSON: "
                '{"errors": {"<field>": "<what is wrong>"}}.'),
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [{"url": server_url}],
        "security": [{"token": []}],
        "paths": {
            "/plans/": {"get": {
                "operationId": "listPlans", "summary": "The council's plans, newest first",
                "responses": {"200": _json("PlanList", "The plans"), "401": _UNAUTHORISED},
            }},
            "/plans/{plan_id}/": {"get": {
                "operationId": "getPlan",
                "summary": "A plan in the interchange format (action plan schema, version 1)",
                "description": "Each action's due is its current target date, status its RAG rating and "
                               "completed whether the tracker has it complete.",
                "parameters": [_id_parameter("plan_id", "The plan's id")],
                "responses": {"200": _json("InterchangePlan", "The plan"), "401": _UNAUTHORISED,
                              "404": _NOT_FOUND},
            }},
            "/plans/{plan_id}/actions/": {"get": {
                "operationId": "listPlanActions", "summary": "A plan's actions with their ids, in order",
                "parameters": [_id_parameter("plan_id", "The plan's id")],
                "responses": {"200": _json("ActionList", "The actions"), "401": _UNAUTHORISED,
                              "404": _NOT_FOUND},
            }},
            "/actions/{action_id}/": {
                "parameters": [_id_parameter("action_id", "The action's id")],
                "get": {
                    "operationId": "getAction", "summary": "One action",
                    "responses": {"200": _json("Action", "The action"), "401": _UNAUTHORISED,
                                  "404": _NOT_FOUND},
                },
                "patch": {
                    "operationId": "updateAction",
                    "summary": "Change an action's state, RAG rating or commentary",
                    "description": "Only the fields given change. The change, and the comment, are written "
                                   "to the action's history as one update. Nothing changes (and update is "
                                   "null) when every value is already as given and there is no comment.",
                    "requestBody": {"required": True, "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/ActionChange"},
                        "example": {"state": "in_progress", "rag": "amber",
                                    "commentary": "Workshops held with all service areas.",
                                    "comment": "Monthly update from the performance team"}}}},
                    "responses": {
                        "200": _json("UpdatedAction", "The action as it now is, and the update recorded"),
                        "400": _error("The body is not a JSON object, or a field is unknown or has a bad "
                                      "value: each is named.", {"state": "Must be one of not_started, …"}),
                        "401": _UNAUTHORISED, "404": _NOT_FOUND,
                    },
                },
            },
        },
        "components": {
            "securitySchemes": {"token": {
                "type": "http", "scheme": "bearer",
                "description": "A council's API token: Authorization: Bearer apt_…"}},
            "schemas": {
                "Errors": {"type": "object", "required": ["errors"], "properties": {"errors": {
                    "type": "object", "additionalProperties": {"type": "string"},
                    "description": "Field (or 'body', 'token', 'method', 'detail') → what is wrong"}}},
                "PlanSummary": {"type": "object", "required": ["id", "title", "kind", "as_of", "published",
                                                               "progress", "url", "actions_url"],
                                "properties": {
                                    "id": {"type": "integer"}, "title": {"type": "string"},
                                    "kind": {"enum": ["cpc", "progress_review", "audit", "other"]},
                                    "as_of": _DATE, "published": {"type": "boolean"},
                                    "progress": {"type": "object", "required": ["actions", "complete", "overdue"],
                                                 "properties": {"actions": {"type": "integer"},
                                                                "complete": {"type": "integer"},
                                                                "overdue": {"type": "integer"}}},
                                    "url": {"type": "string", "format": "uri"},
                                    "actions_url": {"type": "string", "format": "uri"}}},
                "PlanList": {"type": "object", "required": ["plans"], "properties": {
                    "plans": {"type": "array", "items": {"$ref": "#/components/schemas/PlanSummary"}}}},
                "InterchangePlan": {
                    "type": "object", "required": ["schema_version", "title", "recommendations"],
                    "description": "The interchange format: planparse/actionplan.schema.json, version 1.",
                    "properties": {"schema_version": {"const": 1}, "title": {"type": "string"},
                                   "recommendations": {"type": "array", "items": {"type": "object"}}}},
                "Target": target,
                "Action": {
                    "type": "object",
                    "required": ["id", "plan_id", "recommendation", "position", "text", "leads", "state",
                                 "rag", "commentary", "target", "original_target", "overdue", "updated_at",
                                 "url"],
                    "properties": {
                        "id": {"type": "integer"}, "plan_id": {"type": "integer"},
                        "recommendation": {"type": "string", "description": "The recommendation's number"},
                        "position": {"type": "integer", "description": "Order under the recommendation"},
                        "text": {"type": "string"},
                        "leads": {"type": "array", "items": {"type": "string"}},
                        "state": {"enum": list(State.values)},
                        "rag": {"enum": [r for r in Rag.values if r] + [None]},
                        "commentary": {"type": "string"},
                        "target": {"$ref": "#/components/schemas/Target"},
                        "original_target": {"$ref": "#/components/schemas/Target"},
                        "overdue": {"type": "boolean"},
                        "updated_at": {"type": "string", "format": "date-time"},
                        "url": {"type": "string", "format": "uri"},
                    }},
                "ActionList": {"type": "object", "required": ["plan_id", "actions"], "properties": {
                    "plan_id": {"type": "integer"},
                    "actions": {"type": "array", "items": {"$ref": "#/components/schemas/Action"}}}},
                "ActionChange": {
                    "type": "object", "additionalProperties": False, "minProperties": 1,
                    "properties": {
                        "state": {"enum": list(State.values)},
                        "rag": {"enum": [r for r in Rag.values if r] + [None],
                                "description": "null for no rating"},
                        "commentary": {"type": "string", "maxLength": 20000,
                                       "description": "The progress note, replacing the current one"},
                        "comment": {"type": "string", "maxLength": 2000,
                                    "description": "Why: kept in the history, not shown publicly"},
                    }},
                "Update": {"type": ["object", "null"], "required": ["at", "by", "comment", "changes"],
                           "properties": {
                               "at": {"type": "string", "format": "date-time"},
                               "by": {"type": "string", "description": "'API token <name>'"},
                               "comment": {"type": "string"},
                               "changes": {"type": "array", "items": {
                                   "type": "object", "required": ["field", "old", "new"],
                                   "properties": {"field": {"type": "string"}, "old": {"type": "string"},
                                                  "new": {"type": "string"}}}}}},
                "UpdatedAction": {"allOf": [
                    {"$ref": "#/components/schemas/Action"},
                    {"type": "object", "required": ["update"],
                     "properties": {"update": {"$ref": "#/components/schemas/Update"}}}]},
            },
        },
    }
