"""The interchange format both ways: Plan.from_dict reads what the gold files hold, to_dict writes it back."""

import json
from pathlib import Path

import pytest

from planparse import Options, Plan, parse
from planparse.schema import errors

GOLD = Path(__file__).parents[1] / "fixtures" / "gold"
STEMS = sorted(p.stem for p in GOLD.glob("*.json"))


def contains(whole, part, path="plan"):
    """Every value set in ``part`` is in ``whole`` (to_dict also writes keys the gold leaves out as null)."""
    if isinstance(part, dict):
        for key, value in part.items():
            if value in (None, [], {}) and whole.get(key) in (None, [], {}):
                continue
            assert key in whole, f"{path}.{key} missing"
            contains(whole[key], value, f"{path}.{key}")
    elif isinstance(part, list):
        assert len(whole) == len(part), f"{path}: {len(whole)} items, expected {len(part)}"
        for i, (w, p) in enumerate(zip(whole, part, strict=True)):
            contains(w, p, f"{path}[{i}]")
    else:
        assert whole == part, f"{path}: {whole!r} != {part!r}"


@pytest.mark.parametrize("stem", STEMS)
def test_gold_reads_into_a_plan_and_writes_back_unchanged(stem):
    gold = json.loads((GOLD / f"{stem}.json").read_text())
    out = Plan.from_dict(gold).to_dict()
    assert errors(out) == []
    contains(out, gold)
    assert Plan.from_dict(out).to_dict() == out


@pytest.mark.parametrize("stem", STEMS)
def test_a_json_file_in_the_interchange_format_parses_to_the_same_plan(stem):
    path = GOLD / f"{stem}.json"
    gold = json.loads(path.read_text())
    plan = parse(path)
    assert plan.source.format == "json" and plan.source.filename == path.name
    out = plan.to_dict()
    out.pop("source"), gold.pop("source")
    contains(out, gold)


def test_plan_counts_its_actions_across_recommendations():
    gold = json.loads((GOLD / "004_a45fdb9e1ebc7908.json").read_text())
    plan = Plan.from_dict(gold)
    assert len(plan.actions) == sum(len(r["actions"]) for r in gold["recommendations"]) == 60


@pytest.mark.parametrize("field,value", [("max_bytes", 0), ("max_pages", -1), ("max_unzipped_bytes", "big"),
                                         ("max_pages", True), ("fallback_encoding", "")])
def test_options_refuse_bad_values_naming_the_option(field, value):
    with pytest.raises(ValueError, match=field):
        Options(**{field: value})
