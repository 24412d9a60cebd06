"""Seeds published on the web (tests/fixtures/web/NAME.html/.xlsx/.csv, made by scripts/make_web_fixtures.py
from the gold reading, and tests/fixtures/web/libreoffice/NAME.html, each seed's Word fixture saved as a web
page by LibreOffice) parsed through the public API and scored against the same gold."""

from __future__ import annotations

import csv
import io

import pytest
from _seeds import FIXTURES, _scorer, gold, schema_errors

from planparse import parse
from planparse.model import Plan

WEB = FIXTURES / "web"
STEMS = sorted({p.stem for p in WEB.glob("*.html")})
FORMATS = ("html", "xlsx", "csv")
_plans: dict[tuple[str, str], Plan] = {}


def plan_of(stem: str, fmt: str) -> Plan:
    if (stem, fmt) not in _plans:
        _plans[(stem, fmt)] = parse(WEB / f"{stem}.{fmt}")
    return _plans[(stem, fmt)]


def test_the_fixtures_cover_the_seeds_the_brief_names():
    assert STEMS == ["000_434456432017fdb1", "001_5a140e39b889afe5", "002_92d1a37e39293310",
                     "003_46970d322b9b8053", "004_a45fdb9e1ebc7908"]
    assert all((WEB / f"{stem}.{fmt}").exists() for stem in STEMS for fmt in FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_each_web_fixture_scores_against_gold(stem, fmt):
    plan = plan_of(stem, fmt)
    assert plan.source is not None and plan.source.format == fmt
    assert schema_errors(plan) == []
    tally, stats = _scorer().score_plan(gold(stem), plan.to_dict())
    assert (stats["recs_paired"], stats["actions_paired"]) == (stats["recs_gold"], stats["actions_gold"])
    assert tally.totals()[5] >= 0.97


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_plan_level_fields_match_gold(stem, fmt):
    # The scorer leaves these out; a council still sees them on the review page.
    plan, expected = plan_of(stem, fmt), gold(stem)
    assert plan.title == expected["title"]
    assert plan.as_of == expected["as_of"]
    assert plan.notes == expected.get("notes")
    assert plan.organisation == expected["organisation"]
    assert plan.legend == expected["legend"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_002_last_updated_on_gives_the_as_of_date(fmt):
    assert plan_of("002_92d1a37e39293310", fmt).as_of == "2024-10-31"


def test_seed_000_xlsx_real_dates_resolve_to_the_end_of_their_month():
    # The workbook stores "Dec 21" as the date 2021-12-01 (shown Dec-21); the plan means December 2021.
    rec4 = plan_of("000_434456432017fdb1", "xlsx").recommendations[3]
    due = rec4.actions[2].due
    assert due is not None and (due.date, due.precision) == ("2021-12-31", "month")


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_003_owner_added_part_way_down_a_recommendation(fmt):
    rec5 = plan_of("003_46970d322b9b8053", fmt).recommendations[4]
    assert rec5.owners == ["Director of People and Digital Services", "Director of Policy, Performance and Governance"]
    assert [a.extra.get("CLT Owner") for a in rec5.actions] == [
        None, None, None, "Director of Policy, Performance and Governance",
        "Director of Policy, Performance and Governance"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_003_theme_row_groups_the_additional_recommendations(fmt):
    assert [r.theme for r in plan_of("003_46970d322b9b8053", fmt).recommendations] == [None] * 6 + [
        "Additional Recommendations"] * 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_004_recommendation_owners_from_a_lead_column_merged_down(fmt):
    rec2 = plan_of("004_a45fdb9e1ebc7908", fmt).recommendations[1]
    assert rec2.owners == ["Strategic Director", "Head of CS&T", "HR Lead", "Comms Manager"]
    assert all(a.owners == [] for a in rec2.actions)


@pytest.mark.parametrize("fmt", FORMATS)
def test_all_web_fixtures_together_score_against_gold(fmt):
    scorer = _scorer()
    total = scorer.Tally()
    for stem in STEMS:
        tally, _ = scorer.score_plan(gold(stem), plan_of(stem, fmt).to_dict())
        total.merge(tally)
    assert total.totals()[5] >= 0.98


LIBREOFFICE = sorted((WEB / "libreoffice").glob("*.html"))


def test_every_seed_has_a_libreoffice_web_page():
    assert [p.stem for p in LIBREOFFICE] == sorted(p.stem for p in (FIXTURES / "seeds").glob("*.txt"))
    assert all('content="LibreOffice' in p.read_text(encoding="utf-8") for p in LIBREOFFICE)


@pytest.mark.parametrize("path", LIBREOFFICE, ids=lambda p: p.stem)
def test_word_plan_saved_as_a_web_page_by_libreoffice_scores_against_gold(path):
    plan = parse(path)
    assert plan.source is not None and plan.source.format == "html"
    assert schema_errors(plan) == []
    tally, stats = _scorer().score_plan(gold(path.stem), plan.to_dict())
    assert (stats["recs_paired"], stats["actions_paired"]) == (stats["recs_gold"], stats["actions_gold"])
    assert tally.totals()[5] >= 0.97


# The recommendation's columns in each seed's web fixtures (scripts/make_web_fixtures.py LAYOUTS).
RECOMMENDATION_COLUMNS = {"No.", "Recommendation", "Response", "Rec. No.", "Key Recommendation", "CLT Owner",
                          "SLT Lead"}


def with_recommendation_repeated(stem: str) -> tuple[bytes, int]:
    """The fixture CSV as a database export writes it: the recommendation's cells repeated on every row."""
    raw = (WEB / f"{stem}.csv").read_text(encoding="utf-8-sig")
    delimiter = ";" if stem.startswith("001") else ","
    rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter))
    header = next(i for i, row in enumerate(rows) if RECOMMENDATION_COLUMNS & set(row))
    columns = [i for i, name in enumerate(rows[header]) if name in RECOMMENDATION_COLUMNS]
    above, filled = None, 0
    for row in rows[header + 1:]:
        if not any(row[1:]):
            continue  # a theme row or a footnote: text in the first column only
        if above is not None and not row[columns[0]]:  # no number: the recommendation above continues
            for i in columns:
                row[i] = row[i] or above[i]
            filled += 1
        above = row
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(), filled


@pytest.mark.parametrize("stem", STEMS)
def test_csv_export_repeating_the_recommendation_on_every_row_scores_against_gold(stem):
    data, filled = with_recommendation_repeated(stem)
    assert filled == sum(len(r["actions"]) - 1 for r in gold(stem)["recommendations"])
    plan = parse(data, filename=f"{stem}.csv")
    tally, stats = _scorer().score_plan(gold(stem), plan.to_dict())
    assert (stats["recs_pred"], stats["actions_pred"]) == (stats["recs_gold"], stats["actions_gold"])
    assert tally.totals()[5] >= 0.97
