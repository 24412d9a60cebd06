"""The PDF reader on the seed fixtures (tests/fixtures/seeds/NAME.pdf: the .docx as LibreOffice prints it,
landscape A4, tables running over page breaks with their header row repeated). Expected values are read off
the PDFs (pdftoppm renders them) and the seed .txt they come from; the Word reader must agree on the same
tables, since both come from one document."""

from __future__ import annotations

import pytest
from _seeds import FIXTURES

from planparse.blocks import Paragraph, Table
from planparse.readers.docx import read_docx
from planparse.readers.pdf import read_pdf

SEEDS = FIXTURES / "seeds"
STEMS = sorted(p.stem for p in SEEDS.glob("*.pdf"))


def blocks_of(stem: str) -> list[Paragraph | Table]:
    return read_pdf((SEEDS / f"{stem}.pdf").read_bytes())


def tables(blocks):
    return [b for b in blocks if isinstance(b, Table)]


def test_seed_000_table_over_two_pages_is_one_table_with_one_header():
    blocks = blocks_of("000_434456432017fdb1")
    assert (blocks[0].text, blocks[0].heading) == ("LGA Corporate Peer Challenge Action Plan - 2022", 1)
    (table,) = tables(blocks)
    assert table.rows[0].header
    assert [c.text for c in table.rows[0].cells][:6] == ["No.", "Recommendation", "Response", "Action", "Lead",
                                                          "Target date"]
    # The header printed again at the top of page 2 is not a row of the plan.
    assert len(table.rows) == 1 + 23
    assert sum(r.texts[0] == "No." for r in table.rows) == 1


def test_seed_000_merged_cell_carried_over_the_page_break_is_joined():
    (table,) = tables(blocks_of("000_434456432017fdb1"))
    first, second = table.rows[12], table.rows[13]  # recommendation 5's two actions, either side of the break
    assert first.texts[0] == "5"
    assert first.texts[1] == (
        "Members to consider how their frontline role might evolve to enable a full contribution to and "
        "effective oversight of the four outcomes of the Being A Better Council programme, and consider "
        "appropriate support/development e.g. data and evidence led policy making, community "
        "leadership/engagement, commercial focus")
    assert first.texts[2] == ("Develop members understanding of:\n"
                              "• Resident and Business centric Data Performance driven Commercially minded")
    assert [c.merged_above for c in second.cells[:3]] == [True, True, True]
    assert second.texts[3:] == ["• Deliver updated structured training offer based around BABC", "CT",
                                "Jul 2022", "G"]


def test_seed_000_merged_cells_within_a_page():
    (table,) = tables(blocks_of("000_434456432017fdb1"))
    for row in table.rows[2:4]:
        assert [c.merged_above for c in row.cells] == [True, True, True, False, False, False, False]
    assert table.rows[1].texts[3] == ("• Review the delivery plan targets and refine by setting meaningful goals, "
                                      "milestones and timescales")


def test_seed_001_row_cut_by_the_page_break_is_joined_back():
    (table,) = tables(blocks_of("001_5a140e39b889afe5"))
    assert len(table.rows) == 1 + 19
    r81 = next(r for r in table.rows if r.texts[0].startswith("R8.1"))
    assert r81.texts[0] == ("R8.1: Implement the planned training and induction programme for all staff about "
                            "working in a member-led environment at the LGA.")
    assert r81.texts[1].split("\n") == ["• Political Group input to staff induction",
                                        "• commence roll-out of training for staff",
                                        "• commence roll-out of training for senior officers."]
    assert r81.texts[2].split("\n") == ["• Complete and ongoing", "• June 2023", "• September 2023"]


def test_seed_002_paragraphs_in_cells():
    blocks = blocks_of("002_92d1a37e39293310")
    assert [b.text for b in blocks[:2]] == ["LGA PEER CHALLENGE – ACTION PLAN", "October 2024"]
    (table,) = tables(blocks)
    rec1 = table.rows[1]
    # Two paragraphs with an empty one between them in the source: a blank line.
    assert rec1.texts[1].count("\n\n") == 1
    assert rec1.texts[1].startswith("Governance/decision making – consider instigating a review")
    # Four actions, one paragraph each; wrapped lines inside each are joined.
    assert rec1.texts[2].split("\n") == [
        "Explore issues in the report preparation process with officer team and Cabinet. MO to offer briefing "
        "or training in response",
        "Explore issues with Group Leaders, Group Managers to seek views from Groups and review at Group Leader "
        "meeting.",
        "Ensure O&S Chairs have a joint planning meeting with MO to enable efficient prioritisation of resources "
        "and effectiveness of meetings",
        "Implement any agreed changes to decision making calendar or decision-making process for 25/26 and "
        "continue to dynamically review"]
    # A dash that a line happens to start with is not a bullet.
    assert "delivered – this is beyond an HR function." in table.rows[4].texts[1]


def test_seed_003_spanning_section_row():
    (table,) = tables(blocks_of("003_46970d322b9b8053"))
    section = [r for r in table.rows if len(r.cells) == 1]
    assert [(r.cells[0].text, r.cells[0].colspan) for r in section] == [("Additional Recommendations:", 6)]


def test_seed_004_headings_tables_and_footnotes():
    blocks = blocks_of("004_a45fdb9e1ebc7908")
    headings = [(b.heading, b.text) for b in blocks if isinstance(b, Paragraph) and b.heading]
    assert headings == [
        (1, "Corporate Peer Review Action Plan – Updated June 2023"),
        (2, "Organisational & Place Leadership"), (2, "Governance & Culture"),
        (2, "Local Priorities & Outcomes"), (2, "Financial Planning & Management"),
        (2, "Capacity for Improvement"), (2, "Funding Opportunities"),
    ]
    found = tables(blocks)
    assert [len(t.rows) for t in found] == [8, 7, 16, 10, 9, 13, 4]
    # "Complete", an empty paragraph, "Complete": the blank line is kept.
    assert found[0].rows[6].texts[4] == "Complete\n\nComplete"
    assert blocks[-3].text == "Green - Target fully achieved or is currently on track to achieve target"


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_tables_agree_with_the_word_document(stem):
    """The PDF is the Word document printed: the same tables, row for row and cell for cell (the Word reader
    is the reference, its cells read straight from the XML). One thing cannot be seen in a PDF: an empty
    paragraph that falls just where a page breaks, so blank lines are compared as line breaks."""
    word = tables(read_docx((SEEDS / f"{stem}.docx").read_bytes()))
    pdf = tables(blocks_of(stem))
    assert len(pdf) == len(word)

    def texts(table):
        return [[t.replace("\n\n", "\n") for t in r.texts] for r in table.rows]

    for wt, pt in zip(word, pdf, strict=True):
        assert texts(pt) == texts(wt)
        assert [[c.merged_above for c in r.cells] for r in pt.rows] == \
            [[c.merged_above for c in r.cells] for r in wt.rows]


