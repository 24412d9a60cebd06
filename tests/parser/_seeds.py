"""Reading a seed plan and scoring it against its hand-checked gold reading (tests/support/score.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

from planparse import parse
from planparse.model import Plan
from planparse.schema import errors

FIXTURES = Path(__file__).parents[1] / "fixtures"
SCORER = Path(__file__).parents[1] / "support" / "score.py"


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_seed(stem: str) -> Plan:
    return parse(FIXTURES / "seeds" / f"{stem}.txt")


def gold(stem: str) -> dict[str, Any]:
    return json.loads((FIXTURES / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


def f1_against_gold(plan: Plan, stem: str) -> float:
    tally, _ = _scorer().score_plan(gold(stem), plan.to_dict())
    return tally.totals()[5]


def schema_errors(plan: Plan) -> list[str]:
    return errors(plan.to_dict())
