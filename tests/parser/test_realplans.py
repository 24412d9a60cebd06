"""The eleven published plans in tests/fixtures/realplans (a development set: read them, fix general rules,
test against them), each as its crawler text, Word document, PDF and web page, scored against the one gold
reading (the same words in every form). The floors are what the parser reaches now, rounded down to three
decimals, so a change that loses ground on a real plan fails here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _seeds import _scorer

from planparse import parse

REALPLANS = Path(__file__).parents[1] / "fixtures" / "realplans"
FORM_FOLDERS = {"txt": "src", "docx": "docx", "pdf": "pdf", "html": "html"}

FLOORS = {
    "braintree-cpc-2024.docx": 1.000,
    "braintree-cpc-2024.html": 1.000,
    "braintree-cpc-2024.pdf": 1.000,
    "braintree-cpc-2024.txt": 1.000,
    "lga-cpc-progress-2024.docx": 1.000,
    "lga-cpc-progress-2024.html": 1.000,
    "lga-cpc-progress-2024.pdf": 1.000,
    "lga-cpc-progress-2024.txt": 1.000,
    "maidstone-ags-2014-15.docx": 1.000,
    "maidstone-ags-2014-15.html": 1.000,
    "maidstone-ags-2014-15.pdf": 0.969,
    "maidstone-ags-2014-15.txt": 0.969,
    "ncuh-keogh-2014.docx": 1.000,
    "ncuh-keogh-2014.html": 1.000,
    "ncuh-keogh-2014.pdf": 1.000,
    "ncuh-keogh-2014.txt": 0.800,
    "nsft-multiagency-2016.docx": 1.000,
    "nsft-multiagency-2016.html": 1.000,
    "nsft-multiagency-2016.pdf": 0.533,
    "nsft-multiagency-2016.txt": 0.894,
    "rdash-cqc-2016.docx": 0.785,
    "rdash-cqc-2016.html": 0.785,
    "rdash-cqc-2016.pdf": 0.785,
    "rdash-cqc-2016.txt": 0.076,
    "spa-hmics-2025.docx": 0.900,
    "spa-hmics-2025.html": 0.900,
    "spa-hmics-2025.pdf": 0.900,
    "spa-hmics-2025.txt": 0.900,
    "velindre-ia-log-2017.docx": 0.749,
    "velindre-ia-log-2017.html": 0.749,
    "velindre-ia-log-2017.pdf": 0.749,
    "velindre-ia-log-2017.txt": 0.000,
    "walsall-planning-2025.docx": 0.991,
    "walsall-planning-2025.html": 0.991,
    "walsall-planning-2025.pdf": 0.967,
    "walsall-planning-2025.txt": 0.807,
    "warwick-housing-2025.docx": 1.000,
    "warwick-housing-2025.html": 1.000,
    "warwick-housing-2025.pdf": 1.000,
    "warwick-housing-2025.txt": 0.909,
    "york-pir-2021.docx": 1.000,
    "york-pir-2021.html": 1.000,
    "york-pir-2021.pdf": 1.000,
    "york-pir-2021.txt": 0.823,
}


def _path(name: str) -> Path:
    form = name.rsplit(".", 1)[1]
    return REALPLANS / FORM_FOLDERS[form] / name


def _gold(name: str) -> dict:
    stem = name.rsplit(".", 1)[0]
    return json.loads((REALPLANS / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_real_plan_scores_at_least_its_floor(name):
    tally, _ = _scorer().score_plan(_gold(name), parse(_path(name)).to_dict())
    assert tally.totals()[5] >= FLOORS[name]


def test_every_real_plan_in_every_form_has_a_floor():
    stems = {p.stem for p in (REALPLANS / "gold").glob("*.json")}
    assert len(stems) == 11
    documents = {p.name for folder in FORM_FOLDERS.values() for p in (REALPLANS / folder).iterdir()}
    assert documents == {f"{stem}.{form}" for stem in stems for form in FORM_FOLDERS}
    assert set(FLOORS) == documents
