"""Input the importer cannot read, through the public API and the CLI: a Plan with a warning where there is
something to read, otherwise one ParseError whose message is one plain line, never a library's traceback.
(Damaged Word and PDF files are in test_docx_pdf_bad_input.py.)"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from planparse import Options, ParseError, parse

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEEDS = FIXTURES / "seeds"
WEB = FIXTURES / "web"
GOLD = FIXTURES / "gold"
MB = 1024 * 1024


def parse_error(source, filename=None, options=None) -> str:
    with pytest.raises(ParseError) as err:
        parse(source, filename=filename, options=options)
    message = str(err.value)
    assert message and "\n" not in message and "Traceback" not in message
    return message


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planparse", *args], capture_output=True, text=True, timeout=120)


def assert_one_clear_line(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("planparse: ") and expected in lines[0]
    assert "Traceback" not in result.stderr


# -- nothing to read --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\ufeff\n\n".encode()], ids=["empty", "whitespace",
                                                                                       "bom-only"])
@pytest.mark.parametrize("name", ["plan.txt", "plan.html", "plan.csv", "plan.json", "plan.docx"])
def test_empty_or_blank_file(tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    assert "empty" in parse_error(path)
    if name == "plan.txt":  # the CLI is the same code after parse(); once a kind of content is enough
        assert_one_clear_line(cli(str(path)), "empty")


def test_missing_file_and_folder(tmp_path):
    assert "no such file" in parse_error(tmp_path / "nope.xlsx")
    assert "folder" in parse_error(tmp_path)
    assert_one_clear_line(cli(str(tmp_path)), "this is a folder, not a file")


def test_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:
        f.truncate(21 * MB)  # sparse: the limit is checked from the file's size, so nothing is read
    start = time.perf_counter()
    assert "the largest accepted is 20 MB" in parse_error(path)
    assert time.perf_counter() - start < 1
    assert_one_clear_line(cli(str(path)), "the file is 21 MB; the largest accepted is 20 MB")


def test_bytes_over_the_size_limit_set_in_options():
    data = (WEB / "000_434456432017fdb1.html").read_bytes()
    assert "larger than" in parse_error(data, "plan.html", Options(max_bytes=1024))


# -- random bytes, whatever they are called ------------------------------------------------------------------
@pytest.mark.parametrize("name", ["plan.txt", "plan.html", "plan.csv", "plan.xlsx", "plan.json", "plan"])
def test_random_bytes_named_as_any_format(tmp_path, name):
    data = random.Random(name).randbytes(30000)
    assert "not a document the importer can read" in parse_error(data, name)
    path = tmp_path / name
    path.write_bytes(data)
    assert_one_clear_line(cli(str(path)), "not a document the importer can read")


def test_random_bytes_behind_a_zip_signature_named_xlsx():
    data = b"PK\x03\x04" + random.Random(3).randbytes(20000)
    assert "the Excel workbook is damaged" in parse_error(data, "plan.xlsx")


def test_truncated_workbook():
    data = (WEB / "003_46970d322b9b8053.xlsx").read_bytes()
    for cut in (len(data) // 2, len(data) - 50, 100):
        assert "Excel workbook" in parse_error(data[:cut], "plan.xlsx")


def test_a_zip_that_is_neither_word_nor_excel():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert "not a document the importer can read" in parse_error(out.getvalue(), "plan.xlsx")


# -- the wrong name -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("source", "named", "fmt"), [
    (SEEDS / "000_434456432017fdb1.pdf", "plan.docx", "pdf"),
    (SEEDS / "000_434456432017fdb1.docx", "plan.pdf", "docx"),
    (WEB / "000_434456432017fdb1.xlsx", "plan.csv", "xlsx"),
    (WEB / "000_434456432017fdb1.html", "plan.txt", "html"),
    (GOLD / "000_434456432017fdb1.json", "plan.txt", "json"),
])
def test_file_with_the_wrong_extension_is_read_by_its_content_with_a_warning(source, named, fmt):
    plan = parse(source.read_bytes(), filename=named)
    assert plan.source is not None and plan.source.format == fmt
    assert len(plan.recommendations) == 9
    assert f"the file is named '{named}' but is" in plan.warnings[0].message


def test_wrong_extension_through_the_cli(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes((SEEDS / "000_434456432017fdb1.pdf").read_bytes())
    result = cli(str(path), "--warnings")
    assert result.returncode == 0
    assert json.loads(result.stdout)["source"]["format"] == "pdf"
    assert "warning: the file is named 'plan.docx' but is a PDF; it was read as a PDF" in result.stderr


# -- zip bomb -------------------------------------------------------------------------------------------------
def xlsx_bomb(size: int) -> bytes:
    """A real workbook with one more member that inflates to ``size`` bytes of zeros."""
    book = openpyxl.Workbook()
    book.active["A1"] = "Plan"
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("xl/media/image1.png", "w", force_zip64=True) as member:
            chunk = b"\0" * MB
            for _ in range(size // MB):
                member.write(chunk)
    return out.getvalue()


def test_xlsx_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    data = xlsx_bomb(150 * MB)  # 150 MB of zeros packs to about 150 KB
    assert len(data) < MB
    start = time.perf_counter()
    assert "may be a zip bomb" in parse_error(data, "plan.xlsx")
    assert time.perf_counter() - start < 1
    path = tmp_path / "plan.xlsx"
    path.write_bytes(data)
    assert_one_clear_line(cli(str(path)), "the Excel workbook would unpack to 150 MB")


# -- JSON -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "where"), [
    ('{"schema_version": 1, "title": "Plan",', "line 1"),
    ('{\n  "schema_version": 1,\n  "title": "Plan"\n  "recommendations": []\n}', "line 4"),
    ("[1, 2,", "line 1"),
])
def test_malformed_json_names_where(tmp_path, text, where):
    message = parse_error(text.encode(), "plan.json")
    assert "the JSON is malformed" in message and where in message
    path = tmp_path / "plan.json"
    path.write_text(text)
    assert_one_clear_line(cli(str(path)), "the JSON is malformed")


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: d["recommendations"][0].pop("number"), "recommendations/0: 'number' is a required property"),
    (lambda d: d["recommendations"][1]["actions"][0].update(status="purple"), "recommendations/1/actions/0/status"),
    (lambda d: d.update(schema_version=2), "schema_version"),
    (lambda d: d["recommendations"][0]["actions"][0]["due"].update(date="31/04/2022"), "recommendations/0/actions/0/due"),
])
def test_json_that_is_not_the_schema_names_the_field(tmp_path, change, field):
    plan = json.loads((GOLD / "000_434456432017fdb1.json").read_text(encoding="utf-8"))
    change(plan)
    data = json.dumps(plan).encode()
    message = parse_error(data, "plan.json")
    assert "not a valid action plan" in message and field in message
    path = tmp_path / "plan.json"
    path.write_bytes(data)
    assert_one_clear_line(cli(str(path)), field)


def test_json_array_or_scalar_is_not_a_plan():
    assert "not a valid action plan" in parse_error(b"[]", "plan.json")
    assert "not a valid action plan" in parse_error(b'"a plan"', "plan.json")


# -- readable, but not a plan ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("data", "name"), [
    (b"<html><body><h1>Bin collection days</h1><p>Your bins are collected on Tuesdays.</p></body></html>",
     "bins.html"),
    (b"Date,Amount\n2024-01-01,100\n2024-02-01,120\n", "spend.csv"),
    (b"Dear resident,\n\nThank you for your letter about the library.\n", "letter.txt"),
    (b"No.,Recommendation,Action,Lead\n", "header-only.csv"),
])
def test_a_document_with_no_recommendations_is_a_plan_with_a_warning(data, name):
    plan = parse(data, filename=name)
    assert plan.recommendations == []
    assert any("no recommendations were found" in w.message for w in plan.warnings)


def test_workbook_with_no_recommendations(tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"], book.active["B1"] = "Ward", "Councillor"
    path = tmp_path / "wards.xlsx"
    book.save(path)
    plan = parse(path)
    assert plan.recommendations == [] and "no recommendations were found" in plan.warnings[-1].message
    result = cli(str(path), "--warnings")
    assert result.returncode == 0 and "no recommendations were found" in result.stderr


def test_old_excel_file_is_refused_with_what_to_do():
    # An .xls (and an encrypted .xlsx) is an OLE2 compound file: its signature is enough to know.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000
    assert "save it as .docx or .xlsx" in parse_error(data, "plan.xls")


def test_html_that_is_only_markup_and_entities():
    plan = parse(b"<!DOCTYPE html><html><body><table><tr><td>&nbsp;</td></tr></table></body></html>",
                 filename="page.html")
    assert plan.recommendations == []


def test_csv_with_a_field_larger_than_the_csv_modules_default_limit():
    big = "x" * 200_000
    plan = parse(f'No.,Recommendation,Action\n1,"{big}",Do it\n'.encode(), filename="plan.csv")
    assert plan.source is not None and plan.source.format == "csv"


def test_csv_with_an_unclosed_quote_is_read_to_the_end():
    plan = parse(b'No.,Recommendation,Action\n1,"Do the thing,Act\n', filename="plan.csv")
    assert plan.source is not None and plan.source.format == "csv"


# -- web pages however they were saved -------------------------------------------------------------------------
PAGE = (WEB / "002_92d1a37e39293310.html").read_text(encoding="utf-8")
BODY = PAGE[PAGE.index("<main"):PAGE.index("</main>") + 7]


@pytest.mark.parametrize(("data", "name"), [
    (BODY, "fragment.html"),  # pasted from the page: no <html>, no doctype
    ("<!-- saved from url=(0052)https://www.example.gov.uk/council/action-plan -->\n" + PAGE, "plan.htm"),
    ('<?xml version="1.0" encoding="utf-8"?>\n' + PAGE.replace("<!DOCTYPE html>", '<!DOCTYPE html PUBLIC '
     '"-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'), "plan.xhtml"),
    ("Action plan, as published\n" + BODY, "plan.html"),
])
def test_web_page_is_read_as_html_however_it_starts(data, name):
    plan = parse(data.encode("utf-8"), filename=name)
    assert plan.source is not None and plan.source.format == "html"
    assert len(plan.recommendations) == 9 and plan.as_of == "2024-10-31"


def test_text_with_html_fragments_named_txt_stays_text():
    # Seed 000 as extracted carries <ul style=...> fragments in its cells; it is still a text file.
    plan = parse(SEEDS / "000_434456432017fdb1.txt")
    assert plan.source is not None and plan.source.format == "txt" and plan.warnings == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_as_excel_saves_unicode_text_is_read(tmp_path, encoding):
    # Excel's "Unicode Text (*.txt)" is tab-separated UTF-16 with a byte order mark.
    text = (SEEDS / "000_434456432017fdb1.txt").read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    plan, plain = parse(path), parse(SEEDS / "000_434456432017fdb1.txt")
    assert plan.to_dict()["recommendations"] == plain.to_dict()["recommendations"]
    assert plan.source is not None and plain.source is not None and plan.source.sha256 != plain.source.sha256


def test_binary_data_that_happens_to_start_like_utf16_is_still_refused():
    data = b"\xff\xfe" + random.Random(5).randbytes(5001)  # an odd length: not UTF-16
    assert "not a document the importer can read" in parse_error(data, "plan.txt")


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"1," * 6_000_000, "plan.csv", "the CSV file has more than 100,000 cells"),  # one line
    (b"a,b\n" * 150_000, "plan.csv", "the CSV file has more than 100,000 cells"),  # counted as it is read
    (b"<td>" * 3_000_000, "plan.html", "the web page has more than 200,000 table cells and paragraphs"),
])
def test_a_file_within_the_size_limit_made_of_millions_of_tiny_cells_is_refused(data, name, message):
    assert len(data) <= 20 * MB
    start = time.perf_counter()
    assert message in parse_error(data, name)
    assert time.perf_counter() - start < 10
