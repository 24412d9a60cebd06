"""The spreadsheet readers, block by block: the .xlsx and .csv web fixtures read back, and workbooks made here."""

import datetime as dt
import io
import json
import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from planparse.blocks import BULLET, Paragraph, Table
from planparse.errors import ParseError
from planparse.options import Options
from planparse.readers.sheet import display_value, read_csv, read_xlsx, sniff_delimiter

FIXTURES = Path(__file__).parents[1] / "fixtures"
WEB = FIXTURES / "web"
GOLD = FIXTURES / "gold"
NAMES = ["000_434456432017fdb1", "001_5a140e39b889afe5", "002_92d1a37e39293310", "003_46970d322b9b8053",
         "004_a45fdb9e1ebc7908"]


def gold(name):
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


def xlsx_blocks(name):
    return read_xlsx((WEB / f"{name}.xlsx").read_bytes())


def csv_blocks(name):
    return read_csv((WEB / f"{name}.csv").read_bytes().decode("utf-8"))


def only_table(blocks):
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1
    return tables[0]


def same_month(typed, shown):
    """The CSV has the date as typed ("Sept 2022", "Dec 21"); Excel stored a date it shows as "September 2022"."""
    month, year = typed.split()
    return shown == f"{dt.datetime.strptime(month[:3], '%b'):%B} {int(year) % 100 + 2000}"


def workbook_bytes(fill):
    book = openpyxl.Workbook()
    fill(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name", NAMES)
def test_xlsx_fixture_reads_as_title_lines_then_one_table_with_a_row_per_action(name):
    plan = gold(name)
    blocks = xlsx_blocks(name)
    assert blocks[0] == Paragraph("Action plan", heading=1, where="sheet 'Action plan'")
    assert blocks[1].text == plan["title"]
    table = only_table(blocks)
    themes = {r["theme"] for r in plan["recommendations"] if r["theme"]}
    assert len(table.rows) == 1 + len(themes) + sum(len(r["actions"]) for r in plan["recommendations"])
    assert [row.header for row in table.rows[:2]] == [True, False]  # bold, and the sheet's print titles
    after = blocks[blocks.index(table) + 1:]  # footnotes (004's legend) read as paragraphs below the table
    assert all(isinstance(b, Paragraph) for b in after)
    if name.startswith("004"):
        assert [b.text for b in after][0] == "*A: 1-3 months, B: 3-6 months, C: 6-12+ months"


@pytest.mark.parametrize("name", NAMES)
def test_csv_fixture_reads_the_same_grid_as_the_xlsx_with_blanks_for_merged_cells(name):
    from_xlsx, from_csv = only_table(xlsx_blocks(name)), only_table(csv_blocks(name))
    assert len(from_csv.rows) == len(from_xlsx.rows)
    for a, b in zip(from_xlsx.rows, from_csv.rows, strict=True):
        # A merged cell in Excel is a blank one in its CSV; a row merged across is its text then blanks.
        spread = [c.text if i == 0 else "" for c in a.cells for i in range(c.colspan)]
        assert len(b.texts) == len(spread)
        for typed, shown in zip(b.texts, spread, strict=True):
            assert typed == shown or same_month(typed, shown)
    first_texts = [p.text for p in csv_blocks(name) if isinstance(p, Paragraph)]
    assert first_texts[0] == gold(name)["title"]


def test_seed_000_xlsx_merged_recommendation_cells_and_real_dates_read_as_printed():
    table = only_table(xlsx_blocks("000_434456432017fdb1"))
    header, first, second = table.rows[:3]
    assert [c.text for c in header.cells] == ["No.", "Recommendation", "Response", "Action", "Lead", "Target date",
                                              "Progress (RAG)"]
    assert [c.merged_above for c in second.cells] == [True, True, True, False, False, False, False]
    assert first.texts[3:] == ["Review the delivery plan targets and refine by setting meaningful goals, "
                               "milestones and timescales", "CT", "April 2022", "G"]
    # The fixture stores "Dec 21" as the date 1 December 2021 shown as mmm-yy; read as a person reads it.
    raw = openpyxl.load_workbook(WEB / "000_434456432017fdb1.xlsx")["Action plan"]
    stored = [c for row in raw.iter_rows() for c in row if isinstance(c.value, dt.datetime)]
    assert stored and all(c.number_format == "mmm-yy" for c in stored)
    dec = next(row for row in table.rows if row.texts[3].startswith("Identified resources"))
    assert dec.texts[5] == "December 2021"


def test_seed_003_xlsx_theme_row_is_merged_across_and_owner_run_restarts():
    table = only_table(xlsx_blocks("003_46970d322b9b8053"))
    theme = next(row for row in table.rows if row.texts[0] == "Additional Recommendations:")
    assert len(theme.cells) == 1 and theme.cells[0].colspan == 6
    row = next(r for r in table.rows if r.texts[3].startswith("Corporate approach to resource allocation"))
    assert [c.merged_above for c in row.cells] == [True, True, False, False, False, False]
    assert row.texts[2] == "Director of Policy, Performance and Governance"
    measures = next(r for r in table.rows if r.texts[3].startswith("A new digital strategy")).texts[5]
    assert measures == "Digital Strategy Approved by Cabinet (May 2024)\nDelivery Plan agreed"


def test_seed_001_csv_is_semicolon_separated_and_keeps_the_lead_in_with_its_bullets():
    text = (WEB / "001_5a140e39b889afe5.csv").read_text(encoding="utf-8")
    assert sniff_delimiter(text) == ";"
    table = only_table(read_csv(text))
    r2 = next(row for row in table.rows if row.texts[0].startswith("R2:"))
    assert r2.texts[1].split("\n") == [
        "Develop detailed action and engagement plans to:",
        BULLET + "define the elements that currently could be part of a sector assurance framework",
        BULLET + "identify areas for improvement",
        BULLET + "consider drafting a sector support and improvement framework.",
    ]
    continuation = table.rows[table.rows.index(r2) - 1]
    assert continuation.texts == ["", "develop detailed action plan, informed by discussions.", "December 2023"]


def test_seed_000_csv_starts_with_a_byte_order_mark_that_is_dropped():
    raw = (WEB / "000_434456432017fdb1.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    blocks = read_csv(raw.decode("utf-8"))
    assert blocks[0].text == "LGA Corporate Peer Challenge Action Plan - 2022"


@pytest.mark.parametrize("reader", [xlsx_blocks, csv_blocks])
def test_seed_002_last_updated_line_is_a_paragraph(reader):
    texts = [b.text for b in reader("002_92d1a37e39293310") if isinstance(b, Paragraph)]
    assert "Last updated on 31 October 2024" in texts


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (dt.datetime(2025, 3, 1), "mmm-yy", "March 2025"),
    (dt.datetime(2025, 3, 31), "dd/mm/yyyy", "31 March 2025"),
    (dt.datetime(2025, 3, 31), "d mmmm yyyy", "31 March 2025"),
    (dt.datetime(2025, 3, 31), "General", "31 March 2025"),
    (dt.datetime(2024, 1, 1), "yyyy", "2024"),
    (dt.datetime(2024, 1, 1), '"Due "mmm yyyy', "January 2024"),
    (dt.datetime(2024, 5, 7, 14, 30), "dd/mm/yyyy hh:mm", "7 May 2024 14:30"),
    (dt.datetime(1900, 1, 1, 9, 5), "hh:mm", "09:05"),
    (dt.time(9, 5), "h:mm", "09:05"),
    (0.25, "0%", "25%"),
    (3.0, "General", "3"),
    (2.5, "0.0", "2.5"),
    (True, "General", "TRUE"),
    (None, "General", ""),
    ("  - first\r\n-   second  \n\n\n third ", "General", BULLET + "first\n" + BULLET + "second\n\nthird"),
    ("-5 days", "General", "-5 days"),
])
def test_display_value_reads_a_cell_as_a_person_does(value, number_format, shown):
    assert display_value(value, number_format) == shown


def test_hidden_sheets_are_skipped_and_default_sheet_names_are_not_headings():
    def fill(book):
        book.active["A1"] = "Plan on the first sheet"
        lists = book.create_sheet("Lists")
        lists["A1"], lists["A2"] = "Red", "Green"
        lists.sheet_state = "hidden"
        named = book.create_sheet("Governance")
        named["A1"], named["B1"] = "1", "Review the constitution"
        book.create_sheet("Empty")

    blocks = read_xlsx(workbook_bytes(fill))
    assert blocks[0] == Paragraph("Plan on the first sheet", where="sheet 'Sheet', row 1")
    assert blocks[1] == Paragraph("Governance", heading=1, where="sheet 'Governance'")
    assert isinstance(blocks[2], Table) and blocks[2].rows[0].texts == ["1", "Review the constitution"]
    assert len(blocks) == 3


def test_a_plan_placed_away_from_a1_with_a_spacer_column_reads_from_its_first_column():
    def fill(book):
        sheet = book.active
        sheet["C3"], sheet["E3"] = "No.", "Action"
        sheet["C4"], sheet["E4"] = "1", "Do it"

    table = only_table(read_xlsx(workbook_bytes(fill)))
    assert [row.texts for row in table.rows] == [["No.", "Action"], ["1", "Do it"]]


def with_sheet_xml(data, edit):
    """The workbook's bytes with its first sheet's XML edited (for what openpyxl itself would choke on)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = edit(body.decode("utf-8")).encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue()


def test_one_value_in_the_last_cell_of_a_sheet_does_not_make_a_huge_grid():
    def fill(book):
        sheet = book.active
        sheet["A1"], sheet["B1"] = "No.", "Action"
        sheet["XFD1048576"] = "stray"

    start = time.perf_counter()
    blocks = read_xlsx(workbook_bytes(fill))
    assert time.perf_counter() - start < 5
    # Empty columns between are dropped; a value right of the first column continues the table.
    assert [row.texts for row in only_table(blocks).rows] == [["No.", "Action", ""], ["", "", "stray"]]


def test_a_merged_range_over_a_whole_sheet_is_refused_not_expanded():
    # openpyxl makes an object for every cell of a merged range: this one would be 17 billion of them.
    def fill(book):
        book.active["A1"] = "Plan"

    data = with_sheet_xml(workbook_bytes(fill), lambda xml: xml.replace(
        "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'))
    start = time.perf_counter()
    with pytest.raises(ParseError, match="merged"):
        read_xlsx(data)
    assert time.perf_counter() - start < 5


def test_zip_bomb_is_refused_before_it_is_unpacked():
    def fill(book):
        book.active["A1"] = "x"

    data = workbook_bytes(fill)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/media/padding.bin", b"\0" * (3 * 1024 * 1024))  # compresses to a few KB
    assert len(out.getvalue()) < 64 * 1024
    with pytest.raises(ParseError, match="would unpack to 3 MB, more than the 2 MB allowed"):
        read_xlsx(out.getvalue(), Options(max_unzipped_bytes=2 * 1024 * 1024))


def test_damaged_workbook_is_a_parse_error():
    data = (WEB / "000_434456432017fdb1.xlsx").read_bytes()
    with pytest.raises(ParseError, match="Excel workbook"):
        read_xlsx(data[: len(data) // 2])


@pytest.mark.parametrize(("text", "delimiter"), [
    ("No.,Action,Lead\n1,\"Review, then act\",CT\n", ","),
    ("No.;Action;Lead\n1;Review, then act, and report;CT\n", ";"),
    ("No.\tAction\tLead\n1\tReview; then act, and report\tCT\n", "\t"),
])
def test_csv_delimiter_is_worked_out_even_with_commas_in_prose(text, delimiter):
    assert sniff_delimiter(text) == delimiter
    assert len(only_table(read_csv(text)).rows[1].cells) == 3


def test_csv_blank_rows_are_skipped_and_a_footnote_below_the_table_is_a_paragraph():
    blocks = read_csv("Plan\n\n\nNo.,Action\n1,Do it\n,,\n,Then this\nNote: RAG is as at March\n")
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"]
    assert [row.texts for row in blocks[1].rows] == [["No.", "Action"], ["1", "Do it"], ["", "Then this"]]
    assert blocks[2].text == "Note: RAG is as at March"


def test_header_row_of_an_excel_table_is_a_header_without_bold():
    from openpyxl.worksheet.table import Table as ExcelTable

    def fill(book):
        sheet = book.active
        sheet.append(["Plan title"])
        sheet.append(["No.", "Action", "Lead"])
        sheet.append(["1", "Do it", "CT"])
        sheet.add_table(ExcelTable(displayName="Plan", ref="A2:C3"))

    table = only_table(read_xlsx(workbook_bytes(fill)))
    assert [row.header for row in table.rows] == [True, False]


def test_csv_saved_by_excel_for_windows_in_cp1252_and_with_mac_line_ends():
    from planparse import parse

    text = (WEB / "002_92d1a37e39293310.csv").read_text(encoding="utf-8")
    assert "–" in text  # an en dash, which cp1252 writes as one byte 0x96
    expected = parse(WEB / "002_92d1a37e39293310.csv").to_dict()["recommendations"]
    for data in (text.encode("cp1252"), text.replace("\r\n", "\r").encode("utf-8")):
        assert parse(data, filename="plan.csv").to_dict()["recommendations"] == expected


def test_a_workbook_of_a_million_tiny_cells_is_refused_before_openpyxl_loads_it():
    # A few megabytes of zipped XML that openpyxl would turn into gigabytes of cell objects.
    row = "".join(f'<c r="{col}{{r}}"><v>1</v></c>' for col in "ABCDEFGHIJ")
    rows = "".join(f'<row r="{r}">{row.format(r=r)}</row>' for r in range(1, 100_002))

    def fill(book):
        book.active["A1"] = "x"

    data = with_sheet_xml(workbook_bytes(fill), lambda xml: re.sub("<sheetData>.*</sheetData>",
                                                                   f"<sheetData>{rows}</sheetData>", xml))
    start = time.perf_counter()
    with pytest.raises(ParseError, match="has 1,000,010 cells, more than the 100,000 a plan could need"):
        read_xlsx(data)
    assert time.perf_counter() - start < 5


def test_cells_are_counted_across_the_chunks_the_xml_is_read_in():
    # 30,000 cells of about 40 bytes: the sheet's XML is read in more than one chunk, each cell counted once.
    from planparse.readers import sheet as sheet_module

    def fill(book):
        for r in range(1, 3001):
            book.active.append([f"v{r}-{c}" for c in range(10)])

    data = workbook_bytes(fill)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
        assert info.file_size > 1 << 20
        assert sheet_module._count_cells(archive, info) == (0, 30_000)
