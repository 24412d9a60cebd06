"""Property tests: whatever it is given, ``parse`` returns a Plan whose interchange form is valid against the
schema, or raises ParseError. Nothing else may escape: no library exception, no invalid plan.

The default run is small enough for every test run; ``make test-slow`` runs the same properties longer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planparse import ParseError, Plan, parse
from planparse.schema import errors

WEB = Path(__file__).parents[1] / "fixtures" / "web"
NAMES = [None, "plan.txt", "plan.html", "plan.csv", "plan.xlsx", "plan.json", "plan.docx", "plan.pdf", "plan"]

QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data: bytes | str, filename: str | None) -> None:
    try:
        plan = parse(data, filename=filename)
    except ParseError as err:
        assert str(err) and "\n" not in str(err)
        return
    assert isinstance(plan, Plan)
    assert errors(plan.to_dict()) == []


# -- what plans are made of, shuffled ---------------------------------------------------------------------------
WORDS = st.sampled_from([
    "Recommendation", "Action", "Lead", "Target date", "No.", "Response", "Progress (RAG)", "Owner", "R1:", "R8.1",
    "1.", "2", "a.", "b and c.", "Review the plan", "Complete", "Complete and ongoing", "ongoing", "TBC",
    "April 2022", "Dec 21", "October 202", "31/04/2024", "Q3 2024/25", "Autumn 2025", "G", "A", "R", "Blue", "H",
    "Chief Executive", "CT/ KS", "Cabinet and ELB", "Director (Finance)", "Theme:", "Last updated on 1 May 2024",
    "as at", "•", "·", "-", "*", "–", "&amp;", "&nbsp;", "&#x0;", "&bogus;", "<ul style=\"list-style-type: none\">",
    "<li>", "</li>", "<p>", "</p>", "<br>", "<table>", "<tr>", "<td rowspan=\"3\">", "<td colspan=0>", "</td>",
    "<th>", "</table>", "<h1>", "<script>", "<!--", "-->", "<![CDATA[", "\"", "\"\"", ",", ";", "\t", "\t\t",
    "\u00a0", "\u200b", "\ufeff", "\r", "\x0c", "é", "£1.2m", "0", "-1", "1e309", "NaN", "{", "}", "[", "]",
])
LINE = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=12).map(" ".join)
TEXT = st.lists(st.one_of(LINE, LINE.map(lambda s: s.replace(" ", "\t"))), max_size=40).map("\n".join)


@QUICK
@given(text=TEXT, filename=st.sampled_from(NAMES))
def test_plan_shaped_text_gives_a_valid_plan_or_a_parse_error(text, filename):
    check(text.encode(), filename)


@QUICK
@given(data=st.binary(max_size=4000), filename=st.sampled_from(NAMES))
def test_random_bytes_give_a_valid_plan_or_a_parse_error(data, filename):
    check(data, filename)


@QUICK
@given(text=st.text(max_size=3000), filename=st.sampled_from(NAMES))
def test_any_unicode_text_gives_a_valid_plan_or_a_parse_error(text, filename):
    check(text.encode(), filename)


# -- real files, damaged ---------------------------------------------------------------------------------------
FIXTURE_FILES = sorted(WEB.glob("00[03]_*.*"))


@QUICK
@given(path=st.sampled_from(FIXTURE_FILES), data=st.data())
def test_damaged_web_fixtures_give_a_valid_plan_or_a_parse_error(path, data):
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 8), label="flips")):
        at = data.draw(st.integers(0, len(raw) - 1), label="at")
        raw[at] = data.draw(st.integers(0, 255), label="byte")
    cut = data.draw(st.integers(1, len(raw)), label="cut")
    check(bytes(raw[:cut]), path.name)


@st.composite
def workbook_members(draw):
    """A fixture workbook with one of its XML parts rewritten: damaged in ways a zip's CRC does not catch."""
    source = draw(st.sampled_from(sorted(WEB.glob("*.xlsx"))))
    with zipfile.ZipFile(source) as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    name = draw(st.sampled_from(sorted(n for n in members if n.endswith(".xml"))))
    body = members[name]
    start = draw(st.integers(0, len(body)))
    end = draw(st.integers(start, min(len(body), start + 200)))
    insert = draw(st.sampled_from([b"", b"<", b">", b"&", b"\"", b"<c r=\"ZZZZ9999999\">", b"<mergeCell ref=\"A1\"/>",
                                   b"<v>1e400</v>", b"t=\"d\"", b"t=\"e\"", b"s=\"99999\""]))
    members[name] = body[:start] + insert + body[end:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, content in members.items():
            zf.writestr(member, content)
    return out.getvalue()


@QUICK
@given(data=workbook_members())
def test_workbooks_with_damaged_xml_give_a_valid_plan_or_a_parse_error(data):
    check(data, "plan.xlsx")


def test_workbook_whose_style_names_a_font_that_does_not_exist():
    # Found by the property above: openpyxl loads it, then raises IndexError when the cell's font is read.
    with zipfile.ZipFile(WEB / "000_434456432017fdb1.xlsx") as zf:
        members = {info.filename: zf.read(info) for info in zf.infolist()}
    assert b'fontId="1"' in members["xl/styles.xml"]  # the bold font of the title and header row
    members["xl/styles.xml"] = members["xl/styles.xml"].replace(b'fontId="1"', b'fontId="999"')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for member, content in members.items():
            zf.writestr(member, content)
    plan = parse(out.getvalue(), filename="plan.xlsx")
    assert len(plan.recommendations) == 9


@st.composite
def sheets(draw):
    """A workbook of arbitrary cells and merged ranges, built with openpyxl."""
    book = openpyxl.Workbook()
    sheet = book.active
    values = st.one_of(st.none(), TEXT.map(lambda s: s[:200]), st.integers(-10**12, 10**12),
                       st.floats(allow_nan=False), st.booleans(),
                       st.datetimes(min_value=dt.datetime(1900, 3, 1)))
    for _ in range(draw(st.integers(0, 30))):
        r, c = draw(st.integers(1, 12)), draw(st.integers(1, 8))
        value = draw(values)
        if isinstance(value, str):
            # What XML (and so Excel) refuses: control characters, lone surrogates, U+FFFE and U+FFFF.
            value = "".join(ch for ch in value if (ch >= " " or ch in "\t\n\r")
                            and not "\ud800" <= ch <= "\udfff" and ch not in "\ufffe\uffff")
        sheet.cell(row=r, column=c, value=value)
        if draw(st.booleans()):
            sheet.cell(row=r, column=c).number_format = draw(st.sampled_from(
                ["General", "mmm-yy", "dd/mm/yyyy", "yyyy", "0%", "0.00", "@", '"Due "mmm', "[Red]0", "hh:mm"]))
    for _ in range(draw(st.integers(0, 4))):
        r, c = draw(st.integers(1, 12)), draw(st.integers(1, 8))
        h, w = draw(st.integers(0, 4)), draw(st.integers(0, 3))
        with contextlib.suppress(ValueError):  # overlapping a range already merged
            sheet.merge_cells(start_row=r, start_column=c, end_row=r + h, end_column=c + w)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@QUICK
@given(data=sheets())
def test_arbitrary_workbooks_give_a_valid_plan_or_a_parse_error(data):
    check(data, "plan.xlsx")


# -- the same properties, longer (make test-slow) ------------------------------------------------------------
@pytest.mark.slow
@LONG
@given(text=TEXT, filename=st.sampled_from(NAMES))
def test_long_run_plan_shaped_text(text, filename):
    check(text.encode(), filename)


@pytest.mark.slow
@LONG
@given(data=st.binary(max_size=20000), filename=st.sampled_from(NAMES))
def test_long_run_random_bytes(data, filename):
    check(data, filename)


@pytest.mark.slow
@LONG
@given(data=sheets())
def test_long_run_arbitrary_workbooks(data):
    check(data, "plan.xlsx")
