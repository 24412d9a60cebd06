"""The interchange format itself: validated, then loaded as it stands."""

from __future__ import annotations

import json

from ..errors import ParseError
from ..model import Plan
from ..schema import validate


def read_json(data: bytes) -> Plan:
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ParseError("the JSON file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ParseError(f"the JSON is malformed: {exc.msg}", f"line {exc.lineno}, column {exc.colno}") from None
    validate(obj)
    return Plan.from_dict(obj)
