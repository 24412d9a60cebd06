"""Render seed plans from their gold readings as a council would publish them on the web.

    .venv/bin/python scripts/make_web_fixtures.py

For each seed below it writes tests/fixtures/web/NAME.html (a council web page: a real <table>, a
recommendation's cells spanning its action rows with rowspan, lists in cells as <ul>, a "Last updated on" line
where the plan has an as-of date), NAME.xlsx (a title, a bold header row repeated on each printed page, one
row per action with the recommendation's cells merged down, month-year target dates as real Excel dates) and
NAME.csv (the same grid as Excel saves it: merged cells left blank below their first row).

The columns are each seed's own, as printed in tests/fixtures/seeds/NAME.txt. The content comes from the
gold JSON, so the fixtures can be scored against the same gold reading. Layout is per seed here on purpose;
the readers know nothing about any seed.

It also saves every seed's Word fixture (tests/fixtures/seeds/NAME.docx) as a web page with LibreOffice, into
tests/fixtures/web/libreoffice/NAME.html: HTML written by a real word processor rather than by this script,
as a council publishing its Word plan on its site would get. That step needs ``soffice`` and is skipped, with
a message, where it is not installed.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
OUT = ROOT / "tests" / "fixtures" / "web"

STATUS_CODES = {"green": "G", "amber": "A", "red": "R", "blue": "B"}
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{2}|\d{4})$")


@dataclass(frozen=True)
class Layout:
    columns: list[tuple[str, str]]  # (heading as printed in the seed, what goes in it)
    delimiter: str = ","
    bom: bool = False
    bullet_actions: bool = False  # every action cell a one-item list, as seed 000's converter left it
    sub_bullets: bool = False  # an action's first line is the action, the lines under it its bullets (004)
    theme_suffix: str = ":"  # seed 003 prints "Additional Recommendations:", seed 004 its themes bare
    footnotes: tuple[str, ...] = ()  # lines under the table, as printed in the seed (004's legend)


# What goes in a column: rec.number, rec.text, rec.label ("R1: text"), rec.response, rec.owner (a run of
# the same recommendation-owner, which may change part-way down, as in seed 003), action.text,
# action.owners, action.due, action.status, action.measure.
LAYOUTS = {
    "000_434456432017fdb1": Layout(
        [("No.", "rec.number"), ("Recommendation", "rec.text"), ("Response", "rec.response"),
         ("Action", "action.text"), ("Lead", "action.owners"), ("Target date", "action.due"),
         ("Progress (RAG)", "action.status")], bom=True, bullet_actions=True),
    "001_5a140e39b889afe5": Layout(
        [("Recommendation", "rec.label"), ("Action", "action.text"), ("Timescale", "action.due")],
        delimiter=";"),
    "002_92d1a37e39293310": Layout(
        [("No.", "rec.number"), ("Recommendation", "rec.text"), ("Actions", "action.text"),
         ("Lead Officer", "action.owners"), ("Target Date", "action.due")]),
    "003_46970d322b9b8053": Layout(
        [("Rec. No.", "rec.number"), ("Key Recommendation", "rec.text"), ("CLT Owner", "rec.owner"),
         ("Actions", "action.text"), ("Action Owner", "action.owners"),
         ("How do we measure improvement for November 2024", "action.measure")]),
    "004_a45fdb9e1ebc7908": Layout(
        [("No.", "rec.number"), ("Recommendation", "rec.text"), ("SLT Lead", "rec.owners"),
         ("Action", "action.text"), ("Timescale*", "action.timescale"), ("Priority Rating", "action.priority"),
         ("RAG Rating", "action.status"), ("Anticipated completion", "action.anticipated_completion"),
         ("Commentary", "action.commentary")],
        sub_bullets=True, theme_suffix="",
        footnotes=("*A: 1-3 months, B: 3-6 months, C: 6-12+ months",
                   "Green - Target fully achieved or is currently on track to achieve target",
                   "Amber - In danger of falling behind target",
                   "Red - Is off target or has been completed behind the deadline target")),
}
PRIORITY_CODES = {"high": "H", "medium": "M", "low": "L"}


# -- the plan as rows of values ----------------------------------------------------------------------------
def value(what: str, rec: dict[str, Any], action: dict[str, Any]) -> str:
    if what == "rec.number":
        return str(rec["number"])
    if what == "rec.text":
        return str(rec["text"])
    if what == "rec.label":
        return f"{rec['number']}: {rec['text']}"
    if what == "rec.response":
        return rec.get("response") or ""
    if what == "rec.owner":
        # Owners added part-way down (carried in the later actions' extra) start their own run of rows.
        later = {(a.get("extra") or {}).get("CLT Owner") for a in rec["actions"]}
        first = "\n".join(o for o in rec["owners"] if o not in later)
        return str((action.get("extra") or {}).get("CLT Owner") or first)
    if what == "action.text":
        return str(action["text"])
    if what == "action.owners":
        return "\n".join(action["owners"])
    if what == "action.due":
        return action["due"]["text"] if action.get("due") else ""
    if what == "action.status":
        return STATUS_CODES.get(action.get("status") or "", "")
    if what == "rec.owners":
        return "\n".join(rec["owners"])
    if what == "action.priority":
        # A rating that is not H/M/L (seed 004's "B") is kept by the gold reading in extra, as printed.
        return PRIORITY_CODES.get(action.get("priority") or "", "") or \
            str((action.get("extra") or {}).get("Priority Rating") or "")
    if what in ("action.measure", "action.timescale", "action.anticipated_completion", "action.commentary"):
        return str(action.get(what.split(".", 1)[1]) or "")
    raise ValueError(what)


@dataclass
class Grid:
    """One row per action; ``spans[r][c]`` is how many rows the value at (r, c) covers (0: covered above)."""

    themes: list[str | None]  # a theme heading to print before row r, if it starts a new theme
    values: list[list[str]]
    spans: list[list[int]]


def grid(plan: dict[str, Any], layout: Layout) -> Grid:
    themes: list[str | None] = []
    values: list[list[str]] = []
    spans: list[list[int]] = []
    theme = None
    for rec in plan["recommendations"]:
        actions = rec["actions"] or [{"text": "", "owners": []}]
        start = len(values)
        for i, action in enumerate(actions):
            new_theme = rec.get("theme") if i == 0 and rec.get("theme") != theme else None
            if i == 0:
                theme = rec.get("theme")
            themes.append(new_theme)
            values.append([value(what, rec, action) for _, what in layout.columns])
            spans.append([1] * len(layout.columns))
        # Recommendation columns span the recommendation's rows; a run of one owner spans its own rows.
        for c, (_, what) in enumerate(layout.columns):
            if not what.startswith("rec."):
                continue
            r = start
            while r < len(values):
                end = r + 1
                while end < len(values) and (what != "rec.owner" or values[end][c] == values[r][c]):
                    end += 1
                spans[r][c] = end - r
                for k in range(r + 1, end):
                    spans[k][c] = 0
                    values[k][c] = ""
                r = end
    return Grid(themes, values, spans)


def lines_of(text: str, sub_bullets: bool = False) -> tuple[str | None, list[str]]:
    """A cell's text as (a lead-in, the lines under it) or (None, its lines)."""
    lines = text.split("\n")
    if len(lines) > 1 and (sub_bullets or lines[0].rstrip().endswith(":")):
        return lines[0], lines[1:]
    return None, lines


# -- HTML ------------------------------------------------------------------------------------------------------
def html_cell(text: str, what: str, layout: Layout) -> str:
    e = html.escape
    if what == "action.text" and layout.bullet_actions and text:
        return f"<ul>{''.join(f'<li>{e(line)}</li>' for line in text.split(chr(10)))}</ul>"
    if what in ("action.owners", "rec.owner", "rec.owners", "action.anticipated_completion",
                "action.commentary") or "\n" not in text:
        return "<br>".join(e(line) for line in text.split("\n"))
    if "\n\n" in text:
        return "".join(f"<p>{e(part)}</p>" for part in text.split("\n\n"))
    lead, lines = lines_of(text, layout.sub_bullets and what == "action.text")
    items = "".join(f"<li>{e(line)}</li>" for line in lines)
    return (f"<p>{e(lead)}</p>" if lead else "") + f"<ul>{items}</ul>"


def render_html(plan: dict[str, Any], layout: Layout) -> str:
    e = html.escape
    g = grid(plan, layout)
    head = "".join(f'<th scope="col">{e(h)}</th>' for h, _ in layout.columns)
    body = []
    for r, row in enumerate(g.values):
        if g.themes[r]:
            body.append(f'      <tr class="theme"><th colspan="{len(layout.columns)}" scope="rowgroup">'
                        f"{e(g.themes[r] or '')}{layout.theme_suffix}</th></tr>")
        tds = []
        for c, (_, what) in enumerate(layout.columns):
            span = g.spans[r][c]
            if span == 0:
                continue
            attr = f' rowspan="{span}"' if span > 1 else ""
            tds.append(f"<td{attr}>{html_cell(row[c], what, layout)}</td>")
        body.append("      <tr>" + "".join(tds) + "</tr>")
    notes = f"    <p class=\"lead\">{e(plan['notes'])}</p>\n" if plan.get("notes") else ""
    updated = ""
    if plan.get("as_of"):
        day = dt.date.fromisoformat(plan["as_of"])
        updated = f'    <p class="last-updated">Last updated on {day.day} {day:%B %Y}</p>\n'
    footnotes = "".join(f'    <p class="footnote">{e(line)}</p>\n' for line in layout.footnotes)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{e(plan['title'])} | Council website</title>
  <style>table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #0b0c0c; vertical-align: top; }}</style>
  <script>window.dataLayer = window.dataLayer || []; document.documentElement.className += " js";</script>
</head>
<body>
  <a href="#main" class="skip-link">Skip to main content</a>
  <nav aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/council">Your council</a></li>
    <li><a href="/council/performance">Performance and plans</a></li></ol></nav>
  <main id="main">
    <h1>{e(plan['title'])}</h1>
{notes}    <table class="action-plan">
      <thead><tr>{head}</tr></thead>
      <tbody>
{chr(10).join(body)}
      </tbody>
    </table>
{footnotes}{updated}  </main>
  <footer><p>&copy; Council website. All content is available under the Open Government Licence v3.0.</p>
  </footer>
  <script src="/js/site.js"></script>
</body>
</html>
"""


# -- xlsx and csv ------------------------------------------------------------------------------------------------
def sheet_text(text: str, what: str, layout: Layout) -> str:
    lead, lines = lines_of(text, layout.sub_bullets and what == "action.text")
    if lead is not None:
        return "\n".join([lead, *(f"- {line}" for line in lines)])
    return text


def as_date(text: str) -> dt.datetime | None:
    """A target date typed as a month and year is stored by Excel as the first of that month."""
    m = MONTH_YEAR.match(text.strip())
    if not m or m.group(1)[:3].lower() not in MONTHS:
        return None
    year = int(m.group(2))
    return dt.datetime(year + 2000 if year < 100 else year, MONTHS[m.group(1)[:3].lower()], 1)


def title_rows(plan: dict[str, Any]) -> list[str]:
    rows = [plan["title"]]
    if plan.get("notes"):
        rows.append(plan["notes"])
    if plan.get("as_of"):
        day = dt.date.fromisoformat(plan["as_of"])
        rows.append(f"Last updated on {day.day} {day:%B %Y}")
    return rows


def render_xlsx(plan: dict[str, Any], layout: Layout) -> bytes:
    g = grid(plan, layout)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    width = len(layout.columns)
    for i, line in enumerate(title_rows(plan), start=1):
        sheet.cell(row=i, column=1, value=line).font = Font(bold=i == 1, size=14 if i == 1 else 11)
    header_row = len(title_rows(plan)) + 2  # a blank row between the titles and the table
    for c, (heading, _) in enumerate(layout.columns, start=1):
        cell = sheet.cell(row=header_row, column=c, value=heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.print_title_rows = f"{header_row}:{header_row}"
    r = header_row + 1
    for i, row in enumerate(g.values):
        if g.themes[i]:
            sheet.cell(row=r, column=1, value=f"{g.themes[i]}{layout.theme_suffix}").font = Font(bold=True)
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
        for c, (_, what) in enumerate(layout.columns, start=1):
            span = g.spans[i][c - 1]
            if span == 0:
                continue
            text = row[c - 1]
            date = as_date(text) if what == "action.due" else None
            cell = sheet.cell(row=r, column=c, value=date or sheet_text(text, what, layout) or None)
            if date:
                cell.number_format = "mmm-yy"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if span > 1:
                # The rows below may be pushed down by a theme row inside the span; plans don't do that.
                sheet.merge_cells(start_row=r, start_column=c, end_row=r + span - 1, end_column=c)
        r += 1
    for line in layout.footnotes:
        r += 1  # a blank row, then the footnotes
        sheet.cell(row=r, column=1, value=line)
    for c in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(c)].width = 40 if c > 1 else 12
    # Fixed properties, so the bytes change only when the content does.
    book.properties.creator = "make_web_fixtures.py"
    book.properties.created = book.properties.modified = dt.datetime(2026, 1, 1)
    out = io.BytesIO()
    book.save(out)
    return fixed_zip_times(out.getvalue())


def fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every member dated 1 January 2026, so re-running the script changes no bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving here
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", body)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0)), body,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def render_csv(plan: dict[str, Any], layout: Layout) -> str:
    g = grid(plan, layout)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=layout.delimiter, lineterminator="\r\n")
    width = len(layout.columns)
    for line in title_rows(plan):
        writer.writerow([line] + [""] * (width - 1))
    writer.writerow([""] * width)
    writer.writerow([h for h, _ in layout.columns])
    for i, row in enumerate(g.values):
        if g.themes[i]:
            writer.writerow([f"{g.themes[i]}{layout.theme_suffix}"] + [""] * (width - 1))
        writer.writerow([sheet_text(text, what, layout) for text, (_, what) in zip(row, layout.columns, strict=True)])
    for line in layout.footnotes:
        writer.writerow([line] + [""] * (width - 1))
    return ("\ufeff" if layout.bom else "") + out.getvalue()


def libreoffice_html() -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: tests/fixtures/web/libreoffice/ left as it is")
        return
    out = OUT / "libreoffice"
    out.mkdir(exist_ok=True)
    seeds = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.docx"))
    # A profile of its own, so a LibreOffice the user has open does not swallow the conversion.
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "html",
                        "--outdir", str(out), *map(str, seeds)], check=True, capture_output=True, timeout=300)
    for seed in seeds:
        print(f"wrote libreoffice/{seed.stem}.html")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, layout in LAYOUTS.items():
        plan = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
        (OUT / f"{name}.html").write_text(render_html(plan, layout), encoding="utf-8")
        (OUT / f"{name}.xlsx").write_bytes(render_xlsx(plan, layout))
        # newline="" keeps the csv module's CRLF line ends, as Excel writes them.
        with open(OUT / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
            f.write(render_csv(plan, layout))
        print(f"wrote {name}.html, .xlsx, .csv")
    libreoffice_html()
    return 0


if __name__ == "__main__":
    sys.exit(main())
