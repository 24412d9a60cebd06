"""The Word reader on the seed fixtures (tests/fixtures/seeds/NAME.docx, rendered by scripts/make_fixtures.py)
and on small documents made here for what the seeds do not show. Expected values are read off the documents
(open the .docx, or its source seed .txt)."""

from __future__ import annotations

import io

from _seeds import FIXTURES
from docx import Document
from docx.oxml import parse_xml

from planparse.blocks import Paragraph, Table
from planparse.readers.docx import read_docx

SEEDS = FIXTURES / "seeds"


def blocks_of(stem: str) -> list[Paragraph | Table]:
    return read_docx((SEEDS / f"{stem}.docx").read_bytes())


def tables(blocks):
    return [b for b in blocks if isinstance(b, Table)]


def test_seed_004_one_table_per_recommendation_with_its_headings_above():
    blocks = blocks_of("004_a45fdb9e1ebc7908")
    found = tables(blocks)
    assert len(found) == 7
    for table in found:
        first = table.rows[0]
        assert first.header
        assert first.texts == ["Action", "Timescale", "Priority Rating", "RAG Rating", "Anticipated completion",
                               "Commentary"]
        assert not any(row.header for row in table.rows[1:])
    # Recommendation 3's table: a header and fifteen actions.
    assert len(found[2].rows) == 16
    headings = [(b.heading, b.text) for b in blocks if isinstance(b, Paragraph) and b.heading]
    assert headings == [
        (1, "Corporate Peer Review Action Plan – Updated June 2023"),
        (2, "Organisational & Place Leadership"), (2, "Governance & Culture"),
        (2, "Local Priorities & Outcomes"), (2, "Financial Planning & Management"),
        (2, "Capacity for Improvement"), (2, "Funding Opportunities"),
    ]


def test_seed_004_text_outside_tables_in_body_order():
    blocks = blocks_of("004_a45fdb9e1ebc7908")
    texts = [b.text for b in blocks[:6] if isinstance(b, Paragraph)]
    assert texts[2:4] == ["SLT Lead – Chief Executive/Officer Lead – Strategic Director", "RECOMMENDATION 1"]
    assert isinstance(blocks[5], Table)
    # The footnotes after the last table: the timescale codes and the colours.
    tail = [b.text for b in blocks[-4:]]
    assert tail == ["*A: 1-3 months, B: 3-6 months, C: 6-12+ months",
                    "Green - Target fully achieved or is currently on track to achieve target",
                    "Amber - In danger of falling behind target",
                    "Red - Is off target or has been completed behind the deadline target"]


def test_seed_004_list_paragraphs_in_a_cell_are_bullets():
    table = tables(blocks_of("004_a45fdb9e1ebc7908"))[0]
    assert table.rows[5].cells[0].text == (
        "Undertake formal consultation on the draft Vision\n"
        "• Obtain a stakeholder list, ensuring all groups are represented\n"
        "• Ensure robust signposting is in place for all stakeholders to have possibility of consultation")
    # An empty paragraph between two in a cell is a blank line.
    assert table.rows[6].cells[4].text == "Complete\n\nComplete"


def test_seed_000_recommendation_cells_merged_down_over_their_actions():
    (table,) = tables(blocks_of("000_434456432017fdb1"))
    assert len(table.rows) == 1 + 23
    rec1 = table.rows[1:4]
    assert rec1[0].texts[:3] == [
        "1",
        "Develop clear outcomes for the strategic plan for the remainder of the plan's period. Identify "
        "resources and processes with programme management arrangements to produce a golden thread from the "
        "strategic intent to the delivery plans",
        "Re-establish delivery plan targets Apply programme management approach to delivery plan outcomes"]
    for row in rec1[1:]:
        assert [c.merged_above for c in row.cells] == [True, True, True, False, False, False, False]
        assert row.texts[:3] == ["", "", ""]
    assert [r.texts[3:] for r in rec1] == [
        ["• Review the delivery plan targets and refine by setting meaningful goals, milestones and timescales",
         "CT", "April 2022", "G"],
        ["• Establish all delivery plan projects in an effective corporate programme", "KS", "May 2022", "G"],
        ["• Link key data sets and outcomes", "KS", "May 2022", "G"],
    ]


def test_seed_000_typed_bullets_read_as_bullets():
    (table,) = tables(blocks_of("000_434456432017fdb1"))
    # Recommendations 7 to 9 have "•" typed in the cell rather than a Word list.
    assert table.rows[16].texts[3] == "• Launch new Community Power Strategy"


def test_seed_001_parallel_lists_in_one_row():
    (table,) = tables(blocks_of("001_5a140e39b889afe5"))
    assert table.rows[0].texts == ["Recommendation", "Action", "Timescale"]
    r4 = table.rows[4]
    assert r4.texts[0].startswith("R4: Use the Business Plan")
    assert r4.texts[1].split("\n") == [
        "• boards review business plan", "• implement new arrangements for performance reporting",
        "• business plan embedded in internal communications and board report templates",
        "• adopt new income generation strategy", "• quarterly review of resource alignment."]
    assert r4.texts[2].split("\n") == ["• Complete", "• July 2023", "• July 2023", "• September 2023",
                                       "• July 2023 and ongoing"]


def test_seed_003_section_row_spans_the_table():
    (table,) = tables(blocks_of("003_46970d322b9b8053"))
    section = [r for r in table.rows if len(r.cells) == 1]
    assert len(section) == 1
    assert section[0].cells[0].text == "Additional Recommendations:"
    assert section[0].cells[0].colspan == 6


def docx_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_line_breaks_nested_tables_and_text_boxes():
    doc = Document()
    doc.add_heading("Action plan", level=1)
    para = doc.add_paragraph("First line")
    para.add_run().add_break()
    para.add_run("second line")
    table = doc.add_table(rows=1, cols=2)
    outer = table.rows[0].cells[1]
    outer.paragraphs[0].add_run("Milestones:")
    inner = outer.add_table(rows=2, cols=1)
    inner.rows[0].cells[0].paragraphs[0].add_run("Draft by May")
    inner.rows[1].cells[0].paragraphs[0].add_run("Adopt by July")
    table.rows[0].cells[0].paragraphs[0].add_run("· typed middle dot")
    # A text box as Word writes it: the box twice, once for new readers (Choice), once for old (Fallback).
    box = ('<w:txbxContent xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:p><w:r><w:t>Boxed note</w:t></w:r></w:p></w:txbxContent>')
    run_xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f'<mc:AlternateContent><mc:Choice Requires="wps">{box}</mc:Choice><mc:Fallback>{box}</mc:Fallback>'
        '</mc:AlternateContent></w:r>')
    anchor = doc.add_paragraph("Anchor")
    anchor._p.append(parse_xml(run_xml))
    blocks = read_docx(docx_bytes(doc))
    assert [(type(b).__name__, getattr(b, "heading", None)) for b in blocks] == [
        ("Paragraph", 1), ("Paragraph", 0), ("Table", None), ("Paragraph", 0), ("Paragraph", 0)]
    assert blocks[1].text == "First line\nsecond line"
    assert blocks[2].rows[0].texts == ["• typed middle dot", "Milestones:\nDraft by May\nAdopt by July"]
    assert [blocks[3].text, blocks[4].text] == ["Anchor", "Boxed note"]


