"""The interchange format's JSON Schema, shipped with the package, and a validator giving readable errors."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from .errors import ParseError


@cache
def schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("actionplan.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def errors(data: Any) -> list[str]:
    """Every way ``data`` breaks the schema, each as 'where: what' (empty when valid)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    found = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        found.append(f"{path}: {err.message}")
    return found


def validate(data: Any) -> None:
    """Raise ParseError naming the first problem if ``data`` is not a valid plan."""
    found = errors(data)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise ParseError(f"not a valid action plan (schema v1): {found[0]}{more}")
