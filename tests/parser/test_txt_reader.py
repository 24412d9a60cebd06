"""The .txt reader: extracted or pasted text rebuilt into paragraphs and tables (planparse.blocks contract)."""

from pathlib import Path

import pytest
from _seeds import f1_against_gold, schema_errors

from planparse import parse
from planparse.blocks import BULLET, Paragraph, Table
from planparse.readers.txt import read_txt

VARIANTS = Path(__file__).parents[1] / "fixtures" / "txt_variants"


def tables(blocks):
    return [b for b in blocks if isinstance(b, Table)]


def test_tab_separated_rows_with_a_repeated_header():
    text = ("Action plan\n\nNo.\tRecommendation\tAction\tLead\tTarget date\n"
            "1\tDo the thing\tFirst step\tCT\tApril 2022\n"
            "\t\tSecond step\tKS\tMay 2022\n\n"
            "No.\tRecommendation\tAction\tLead\tTarget date\n"
            "2\tDo the next thing\tThird step\tSF\tJune 2022\n")
    blocks = read_txt(text)
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "Action plan"
    (table,) = tables(blocks)
    assert [r.header for r in table.rows] == [True, False, False, True, False]
    assert table.rows[2].texts == ["", "", "Second step", "KS", "May 2022"]
    assert table.rows[1].where == "line 4"


def test_a_row_broken_by_a_line_break_inside_a_cell_is_joined():
    text = ("No.\tRecommendation\tAction\tLead\n"
            "1\tFirst line of the recommendation\nsecond line\tAn action\tCT\n")
    (table,) = tables(read_txt(text))
    assert table.rows[1].texts == ["1", "First line of the recommendation\nsecond line", "An action", "CT"]


def test_a_heading_between_two_numbered_rows_is_a_row_across_the_table():
    text = ("No.\tRecommendation\tAction\tRAG\n"
            "1\tImprove repairs\tHire a team\tGreen\n"
            "Tenant voice\n"
            "2\tHear tenants\tSet up a panel\tAmber\n")
    (table,) = tables(read_txt(text))
    assert table.rows[1].texts == ["1", "Improve repairs", "Hire a team", "Green"]
    assert table.rows[2].texts == ["Tenant voice"] and table.rows[2].cells[0].colspan == 4
    assert table.rows[3].texts == ["2", "Hear tenants", "Set up a panel", "Amber"]


def test_a_sentence_between_two_numbered_rows_is_more_of_the_last_cell():
    # Not a heading (it ends a sentence): the last cell of the row above broken over two lines.
    text = ("No.\tRecommendation\tAction\tUpdate\n"
            "1\tImprove repairs\tHire a team\tTeam in place.\n"
            "Two posts still vacant.\n"
            "2\tHear tenants\tSet up a panel\tStarted\n")
    (table,) = tables(read_txt(text))
    assert table.rows[1].texts[3] == "Team in place.\nTwo posts still vacant."
    assert len(table.rows) == 3


def test_html_fragments_become_lines_and_bullets():
    text = ("No.\tRecommendation\tAction\tLead\n"
            "1\t<p>First para</p> <p>Second &amp; last</p>\t<ul><li>One</li><li><i>Two</i></li></ul>\tCT\n")
    row = tables(read_txt(text))[0].rows[1]
    assert row.texts[1] == "First para\nSecond & last"
    assert row.texts[2] == f"{BULLET}One\n{BULLET}Two"


def test_a_dash_list_on_one_line_becomes_items():
    text = "No.\tRecommendation\tAction\tSuccess measure\n1\tRec\tAct\t- Strategy approved - Plan agreed\n"
    assert tables(read_txt(text))[0].rows[1].texts[3] == f"{BULLET}Strategy approved\n{BULLET}Plan agreed"


def test_one_cell_per_tab_indented_line():
    text = ("\tRECOMMENDATION 1\nImprove things\n\n"
            "\tAction\n\tTimescale\n\tRAG \nRating\n\n"
            "\tFirst action\n\tB\n\tG\n\n"
            "\tSecond action\n· with a sub-step\n\tA\n\tComplete\n\n\nComplete\n\n"
            "\tThird action⇥\n\t\n\tA\n\n\n\n\nNext theme\n")
    text = text.replace("⇥", "\t\t")
    blocks = read_txt(text)
    assert blocks[0].text == "RECOMMENDATION 1\nImprove things"
    table = blocks[1]
    assert table.rows[0].header and table.rows[0].texts == ["Action", "Timescale", "RAG Rating"]
    assert table.rows[1].texts == ["First action", "B", "G"]
    assert table.rows[2].texts == [f"Second action\n{BULLET}with a sub-step", "A", "Complete\n\nComplete"]
    assert table.rows[3].texts == ["Third action", "", "A"]
    assert isinstance(blocks[2], Paragraph) and blocks[2].text == "Next theme"


def test_header_with_spaces_only_and_parallel_date_lists():
    text = ("Recommendation Action Timescale\n"
            "R1: Build relationships.\n  • talk to partners\n  • write a plan\n  • Ongoing\n\n    \u00a0\n  • December 2023\n"
            "R2:Reset the committee. Agree new terms. March 2023 onwards\n")
    (table,) = tables(read_txt(text))
    assert table.rows[0].texts == ["Recommendation", "Action", "Timescale"]
    assert table.rows[1].texts == ["R1: Build relationships.", f"{BULLET}talk to partners\n{BULLET}write a plan",
                                   f"{BULLET}Ongoing\n{BULLET}December 2023"]
    assert table.rows[2].texts == ["R2:Reset the committee.", "Agree new terms.", "March 2023 onwards"]
    assert table.rows[2].notes  # the split is a guess, so the row says so


def test_a_legend_laid_out_beside_a_footnote_is_separate_paragraphs():
    text = "Update June 2023          Green -  On track\n*A: 1-3 months, B: 3-6 months          Amber - Behind\n"
    assert [b.text for b in read_txt(text)] == ["Update June 2023", "Green - On track",
                                                 "*A: 1-3 months, B: 3-6 months", "Amber - Behind"]


def test_converter_artefacts_and_windows_line_ends():
    blocks = read_txt("Title\r\n[bookmark: _Hlk100775224]\r\n\ufeffBody text\u00a0here\r\n")
    assert [b.text for b in blocks] == ["Title", "Body text here"]


def test_a_table_pasted_as_markdown():
    text = ("Action Plan\n\n| No | Recommendation | Action | Lead |\n|---|---|---|---|\n"
            "| 1 | Do a thing | Step one | CT |\n|  |  | Step two | KS |\n")
    (table,) = tables(read_txt(text))
    assert table.rows[0].header
    assert [r.texts for r in table.rows[1:]] == [["1", "Do a thing", "Step one", "CT"], ["", "", "Step two", "KS"]]


def test_a_row_merged_across_a_one_cell_per_line_table():
    text = ("\tNo.\n\tRecommendation\n\tAction\n\tLead\n\n"
            "\tGovernance and culture\n\n"
            "\t1\n\tImprove scrutiny\n\tReview terms\n\tMO\n\n"
            "\t2\n\tRefresh the vision\n\tConsult residents\n\tCEX\n")
    (table,) = tables(read_txt(text))
    assert table.rows[1].texts == ["Governance and culture"] and table.rows[1].cells[0].colspan == 4
    assert [r.texts for r in table.rows[2:]] == [["1", "Improve scrutiny", "Review terms", "MO"],
                                                 ["2", "Refresh the vision", "Consult residents", "CEX"]]


def test_spaced_header_with_a_number_column():
    text = ("No. Recommendation Action Target date\n1 Develop a vision for the borough.\n"
            "• Hold workshops\n• Draft the vision\n• March 2024\n• June 2024\n"
            "2. Strengthen scrutiny.\nReview the terms of reference\nAutumn 2024\n")
    (table,) = tables(read_txt(text))
    assert [r.texts for r in table.rows[1:]] == [
        ["1", "Develop a vision for the borough.", f"{BULLET}Hold workshops\n{BULLET}Draft the vision",
         f"{BULLET}March 2024\n{BULLET}June 2024"],
        ["2.", "Strengthen scrutiny.", "Review the terms of reference", "Autumn 2024"]]


def test_a_recommendation_title_with_its_text_ends_a_table_of_actions():
    text = ("\tRECOMMENDATION 1: Improve scrutiny\n\n\tAction\n\tLead\n\tRAG\n\n\tReview terms\n\tMO\n\tG\n\n"
            "\tRECOMMENDATION 2: Refresh the vision\n\n\tAction\n\tLead\n\tRAG\n\n\tConsult residents\n\tCEX\n\tA\n")
    blocks = read_txt(text)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph", "Table"]
    assert blocks[2].text == "RECOMMENDATION 2: Refresh the vision"


def test_a_recommendation_label_is_data_under_a_recommendation_column():
    text = ("\tRecommendation\n\tAction\n\tLead\n\n\tRecommendation 1: Improve scrutiny\n\tReview terms\n\tMO\n\n"
            "\tRecommendation 2: Refresh the vision\n\tConsult residents\n\tCEX\n")
    (table,) = tables(read_txt(text))
    assert [r.texts for r in table.rows[1:]] == [["Recommendation 1: Improve scrutiny", "Review terms", "MO"],
                                                 ["Recommendation 2: Refresh the vision", "Consult residents", "CEX"]]


def test_spaced_header_with_leads_listed_between_actions_and_dates():
    text = ("Recommendation Action Lead Timescale\nR1: Build relationships.\n  • talk to partners\n  • write a plan\n"
            "  • Head of Policy\n  • CX\n  • Ongoing\n  • December 2023\n")
    (table,) = tables(read_txt(text))
    assert table.rows[1].texts == ["R1: Build relationships.", f"{BULLET}talk to partners\n{BULLET}write a plan",
                                   f"{BULLET}Head of Policy\n{BULLET}CX", f"{BULLET}Ongoing\n{BULLET}December 2023"]


def test_a_first_cell_broken_over_lines_straight_under_the_header_starts_the_first_row():
    text = ("Action\tTimescale\tRAG\tCommentary\n"
            "Develop a new financial strategy, including:\n"
            "a plan for closing budget gaps\tB\tG\tComplete\n"
            "Review the annual cycle\tB\tG\tOn track\n")
    (table,) = tables(read_txt(text))
    assert [r.texts for r in table.rows[1:]] == [
        ["Develop a new financial strategy, including:\na plan for closing budget gaps", "B", "G", "Complete"],
        ["Review the annual cycle", "B", "G", "On track"],
    ]


# Seeds written as a tab-separated dump keeping each cell's own line breaks (scripts/make_txt_variant_fixtures.py),
# scored against the seeds' gold. Before the reader took a broken first cell under the header, 004 scored 0.896.
TSV_BREAKS_FLOORS = {"003_46970d322b9b8053": 0.99, "004_a45fdb9e1ebc7908": 0.96}


@pytest.mark.parametrize("stem", sorted(TSV_BREAKS_FLOORS))
def test_a_tab_separated_dump_with_line_breaks_in_cells_scores_against_the_gold(stem):
    plan = parse(VARIANTS / f"{stem}.tsv-breaks.txt")
    assert schema_errors(plan) == []
    assert f1_against_gold(plan, stem) >= TSV_BREAKS_FLOORS[stem]
