"""The HTML reader, block by block: the web fixtures read back, and the markup councils' pages use."""

import json
from pathlib import Path

import pytest

from planparse.blocks import BULLET, Paragraph, Table
from planparse.readers.html import read_html

FIXTURES = Path(__file__).parents[1] / "fixtures"
WEB = FIXTURES / "web"
GOLD = FIXTURES / "gold"


def blocks_of(name):
    return read_html((WEB / f"{name}.html").read_text(encoding="utf-8"))


def gold(name):
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


def only_table(blocks):
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1
    return tables[0]


def column(table, heading):
    return [c.text for c in table.rows[0].cells].index(heading)


@pytest.mark.parametrize("name", ["000_434456432017fdb1", "001_5a140e39b889afe5", "002_92d1a37e39293310",
                                  "003_46970d322b9b8053", "004_a45fdb9e1ebc7908"])
def test_fixture_page_has_one_row_per_gold_action_and_a_header(name):
    plan = gold(name)
    table = only_table(blocks_of(name))
    themes = {r["theme"] for r in plan["recommendations"] if r["theme"]}
    actions = sum(len(r["actions"]) for r in plan["recommendations"])
    assert table.rows[0].header
    assert not any(row.header for row in table.rows[1:])
    assert len(table.rows) == 1 + len(themes) + actions
    title = [b for b in blocks_of(name) if isinstance(b, Paragraph) and b.heading == 1]
    assert [b.text for b in title] == [plan["title"]]


def test_seed_000_rowspan_marks_the_recommendation_cells_below_as_merged():
    table = only_table(blocks_of("000_434456432017fdb1"))
    header, first, second, third, next_rec = table.rows[:5]
    assert [c.text for c in header.cells] == ["No.", "Recommendation", "Response", "Action", "Lead", "Target date",
                                              "Progress (RAG)"]
    assert first.cells[0].text == "1"
    assert first.cells[1].text.startswith("Develop clear outcomes for the strategic plan")
    for row in (second, third):
        assert [c.merged_above for c in row.cells] == [True, True, True, False, False, False, False]
        assert [c.text for c in row.cells[:3]] == ["", "", ""]
    assert [c.text for c in second.cells[3:]] == [
        BULLET + "Establish all delivery plan projects in an effective corporate programme", "KS", "May 2022", "G"]
    assert next_rec.cells[0].text == "2" and not next_rec.cells[0].merged_above


def test_seed_000_list_in_a_cell_reads_as_bullet_lines_and_the_response_keeps_its_lead_in():
    table = only_table(blocks_of("000_434456432017fdb1"))
    action = column(table, "Action")
    assert all(row.cells[action].text.startswith(BULLET) for row in table.rows[1:])
    rec5 = next(row for row in table.rows if row.cells[0].text == "5")
    assert rec5.cells[column(table, "Response")].text == (
        "Develop members understanding of:\n" + BULLET +
        "Resident and Business centric Data Performance driven Commercially minded")


def test_seed_001_lead_in_and_its_bullets_stay_in_one_cell():
    table = only_table(blocks_of("001_5a140e39b889afe5"))
    r2 = next(row for row in table.rows if row.cells[0].text.startswith("R2:"))
    assert r2.cells[1].text.split("\n") == [
        "Develop detailed action and engagement plans to:",
        BULLET + "define the elements that currently could be part of a sector assurance framework",
        BULLET + "identify areas for improvement",
        BULLET + "consider drafting a sector support and improvement framework.",
    ]
    assert r2.cells[2].text == "June 2023"


def test_seed_002_last_updated_line_survives_as_a_paragraph_and_paragraphs_in_a_cell_are_lines():
    blocks = blocks_of("002_92d1a37e39293310")
    after = blocks[blocks.index(only_table(blocks)) + 1]
    assert after == Paragraph("Last updated on 31 October 2024", where=after.where)
    table = only_table(blocks)
    rec1 = table.rows[1].cells[column(table, "Recommendation")].text
    assert rec1.split("\n") == [
        "Governance/decision making – consider instigating a review to reduce the call on officer and member "
        "resource and increase the effectiveness of Cabinet, Scrutiny and Policy Committees.",
        "Through streamlining the decision-making process, the hope would be to improve the efficiency whilst "
        "maintaining the quality and robustness of decisions.",
    ]
    # Two owners on two lines (<br>) in the lead column, as the gold reads them.
    rec5 = next(row for row in table.rows if row.cells[0].text == "5")
    assert rec5.cells[column(table, "Lead Officer")].text == "Cabinet\nELB"


def test_seed_003_theme_row_spans_the_table_and_a_new_owner_run_starts_mid_recommendation():
    table = only_table(blocks_of("003_46970d322b9b8053"))
    theme = next(row for row in table.rows if row.cells[0].text == "Additional Recommendations:")
    assert len(theme.cells) == 1 and theme.cells[0].colspan == 6
    assert not theme.header  # a section heading, not the column headings
    clt = column(table, "CLT Owner")
    row = next(r for r in table.rows if r.cells[3].text.startswith("Corporate approach to resource allocation"))
    assert [c.merged_above for c in row.cells] == [True, True, False, False, False, False]
    assert row.cells[clt].text == "Director of Policy, Performance and Governance"
    after = table.rows[table.rows.index(row) + 1]
    assert [c.merged_above for c in after.cells] == [True, True, True, False, False, False]


def test_scripts_styles_and_navigation_are_dropped_and_entities_decoded():
    blocks = read_html("""<html><head><title>Plan | Site</title><style>p{color:red}</style></head><body>
        <nav><ul><li>Home</li></ul></nav><script>document.write("<p>bad</p>")</script>
        <h2>Tom &amp; Jerry&#8217;s plan&nbsp;&ndash; 2024</h2><p>Body</p></body></html>""")
    assert blocks == [Paragraph("Tom & Jerry’s plan – 2024", heading=2, where="line 3"),
                      Paragraph("Body", where="line 3")]


def test_site_menus_and_footers_named_by_id_or_class_are_dropped_but_a_page_header_class_is_kept():
    blocks = read_html("""<body><div id="mgHeader">Council home</div><div class="page-header"><h1>Plan</h1></div>
        <table role="presentation"><tr><td class="mgSideBar"><ul><li>Meetings</li></ul></td><td><p>Body</p></td></tr></table>
        <div class="site-footer">Copyright</div><article><div class="nav">Kept in an article</div></article>
        </body>""")
    assert [b.text for b in blocks] == ["Plan", "Body", "Kept in an article"]


def test_lists_paragraphs_and_line_breaks_outside_tables():
    blocks = read_html("<p>One<br>two</p><ol><li>First</li><li><p>Second</p></li></ol><div>Last</div>")
    assert [b.text for b in blocks] == ["One\ntwo", BULLET + "First", BULLET + "Second", "Last"]


def test_header_rows_from_th_cells_without_a_thead():
    table = read_html("<table><tr><th>No.</th><th>Action</th></tr><tr><th>1</th><td>Do it</td></tr></table>")[0]
    assert [row.header for row in table.rows] == [True, False]


def test_colspan_and_rowspan_together_cover_the_right_columns():
    table = read_html("""<table>
        <tr><td rowspan="2" colspan="2">A</td><td>B</td></tr>
        <tr><td>C</td></tr>
        <tr><td>D</td><td>E</td><td rowspan="2">F</td></tr>
        <tr><td>G</td><td>H</td></tr></table>""")[0]
    assert [[(c.text, c.merged_above, c.colspan) for c in row.cells] for row in table.rows] == [
        [("A", False, 2), ("B", False, 1)],
        [("", True, 2), ("C", False, 1)],
        [("D", False, 1), ("E", False, 1), ("F", False, 1)],
        [("G", False, 1), ("H", False, 1), ("", True, 1)],
    ]


def test_blank_lines_in_a_cell_are_kept_once_and_empty_rows_dropped():
    table = read_html("<table><tr><td>a<br><br><br>b</td></tr><tr><td> </td><td>&nbsp;</td></tr></table>")[0]
    assert [row.texts for row in table.rows] == [["a\n\nb"]]


def test_broken_markup_still_reads():
    blocks = read_html("<table><tr><td>1<td>Unclosed <b>bold<tr><td>2</table><p>after<td>stray")
    table = blocks[0]
    assert [row.texts for row in table.rows] == [["1", "Unclosed bold"], ["2"]]
    assert [b.text for b in blocks[1:]] == ["after", "stray"]


def test_huge_spans_are_capped():
    table = read_html('<table><tr><td rowspan="99999999" colspan="5000">x</td></tr><tr><td>y</td></tr></table>')[0]
    assert table.rows[0].cells[0].colspan == 1000
    assert table.rows[1].cells[0].merged_above


def test_site_header_and_footer_are_dropped_but_an_articles_own_footer_is_kept():
    blocks = read_html("""<body><header><p>Borough Council</p></header><main><article><h1>Action plan</h1>
        <footer><p>Last updated on 3 March 2025</p></footer></article></main>
        <footer><p>&copy; Borough Council</p></footer></body>""")
    assert [b.text for b in blocks] == ["Action plan", "Last updated on 3 March 2025"]


def test_a_layout_table_holding_the_page_reads_as_paragraphs_and_the_plan_table_inside_keeps_its_shape():
    page = (WEB / "002_92d1a37e39293310.html").read_text(encoding="utf-8")
    main = page[page.index("<main"):page.index("</main>") + 7]
    old_site = f"""<html><body><table width="100%"><tr><td colspan="2">Borough Council</td></tr>
        <tr><td>Home<br>Council<br>Performance</td><td>{main}</td></tr></table></body></html>"""
    blocks = read_html(old_site)
    table = only_table(blocks)
    at = blocks.index(table)
    assert [(b.text, b.heading) for b in blocks[:at]] == [
        ("Borough Council", 0), ("Home\nCouncil\nPerformance", 0), ("LGA PEER CHALLENGE – ACTION PLAN", 1)]
    assert [b.text for b in blocks[at + 1:]] == ["Last updated on 31 October 2024"]
    assert table.rows == only_table(blocks_of("002_92d1a37e39293310")).rows


def test_a_table_marked_presentation_is_layout():
    blocks = read_html('<table role="presentation"><tr><td><h2>Plan</h2></td><td>Intro</td></tr></table>')
    assert blocks == [Paragraph("Plan", heading=2, where="line 1"), Paragraph("Intro", where="line 1")]


def test_a_small_table_nested_in_a_plan_cell_is_flattened_into_that_cell():
    rows = "".join(f"<tr><td>{n}</td><td>Action {n}</td></tr>" for n in range(1, 5))
    blocks = read_html(f"<table><tr><td>0</td><td>Steps:<table><tr><td>a</td></tr><tr><td>b</td></tr></table>"
                       f"</td></tr>{rows}</table>")
    table = only_table(blocks)
    assert table.rows[0].texts == ["0", "Steps:\na\nb"]
    assert len(table.rows) == 5


def test_an_empty_paragraph_in_a_cell_is_the_blank_line_it_shows():
    table = read_html("<table><tr><td><p>First</p><p>&nbsp;</p><p>Second</p><p>Third</p><p></p></td></tr>"
                      "</table>")[0]
    assert table.rows[0].texts == ["First\n\nSecond\nThird"]


def test_elements_the_page_hides_are_not_read():
    blocks = read_html('<p>Shown</p><p hidden>Hidden</p><div style="color: red; DISPLAY : none"><p>Gone</p></div>'
                       '<table><tr><td>A<span style="display:none">old value</span></td></tr></table>')
    assert blocks[0] == Paragraph("Shown", where="line 1")
    assert blocks[1].rows[0].texts == ["A"]
    assert len(blocks) == 2


def test_word_saved_as_web_page_bullets_read_as_bullet_lines():
    # How Microsoft Word writes a bulleted paragraph in a table cell when a plan is saved as a web page.
    word = """<table class=MsoTableGrid><tr><td width=300 valign=top style='width:225.0pt'>
      <p class=MsoNormal>Actions:<o:p></o:p></p>
      <p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
      style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
      </span></span><![endif]>Review the delivery plan<o:p></o:p></p>
      <p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>•&nbsp;Link key data sets<o:p></o:p></p>
      <p class=MsoNormal>- Restructure the team<o:p>&nbsp;</o:p></p>
      <p class=MsoNormal>-5 days is not a bullet<o:p></o:p></p></td></tr></table>"""
    table = read_html(word)[0]
    assert table.rows[0].texts == ["Actions:\n" + BULLET + "Review the delivery plan\n" + BULLET +
                                   "Link key data sets\n" + BULLET + "Restructure the team\n-5 days is not a bullet"]
