"""Reading an edited spreadsheet back into its plan: file → table → changes (or cell errors) → applied.

    table = read_table(data, filename)            # FileProblem if it is not a sheet we can read
    reading = compare(plan, table)                # every change, and every bad cell with where it is
    if not reading.errors:
        apply_changes(plan, reading, user, filename)   # one transaction, history through the services

Nothing is applied while any cell is wrong, and comparing the same file again after applying finds no
change, so importing a file twice changes nothing. Rows are matched by action ID only: an ID that is not
an action of this plan (another plan's, another council's, or none) is an error with the same words, so the
message reveals nothing about other councils. Rows left out of the file leave their actions as they are.

A changed current target date is an extension, recorded as agreed by the person importing, with the reason
from 'Reason for date change'; without a reason the row is refused. The original date is never changed.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from openpyxl.utils import get_column_letter

from planparse.dates import read_due
from tracker import presenters
from tracker.exchange.spreadsheet import (
    _FORMULA_START,
    COLUMNS,
    PRIORITIES,
    SHEET,
    rag_choices,
    sheet_text,
    state_choices,
)
from tracker.plans import services
from tracker.plans.models import Action, Plan, Via

ALLOWED_SUFFIXES = (".xlsx", ".csv")
MAX_ROWS = 5000  # a plan has tens of actions; a bigger sheet is a mistake, not a plan
# A .xlsx is a zip: refuse one that would unpack to far more than any plan (a zip bomb) before reading it.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
TEXT_FIELDS = ("text", "leads", "timescale", "anticipated_completion", "commentary", "measure")
MAX_LENGTHS = {"timescale": 100}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HEADING_KEYS = {c.heading.casefold(): c.key for c in COLUMNS}


class FileProblem(ValueError):
    """The file as a whole cannot be read (wrong type, no Actions sheet, no Action ID column); for the user."""


@dataclass(frozen=True)
class CellError:
    where: str  # 'Actions!F12' in a workbook, 'F12' in a CSV file
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Table:
    """The cells of the sheet by column key, with each row's number and each column's letter."""

    sheet: str  # '' for CSV
    letters: dict[str, str]
    rows: list[tuple[int, dict[str, Any]]]

    def where(self, key: str, row: int) -> str:
        cell = f"{self.letters.get(key, 'A')}{row}"
        return f"{self.sheet}!{cell}" if self.sheet else cell


@dataclass(frozen=True)
class DateChange:
    new_date: datetime.date
    new_text: str
    reason: str
    old_label: str
    new_label: str


@dataclass
class RowChange:
    """What one row changes on its action: fields for ``update_action``, a date for an extension."""

    action: Action
    row: int
    updates: dict[str, Any] = field(default_factory=dict)
    shown: list[tuple[str, str, str]] = field(default_factory=list)  # (heading, old words, new words)
    date: DateChange | None = None


@dataclass
class Reading:
    changes: list[RowChange]
    errors: list[CellError]
    n_rows: int

    @property
    def n_changes(self) -> int:
        return sum(len(c.shown) for c in self.changes)

    def digest(self) -> str:
        """A fingerprint of exactly what would be applied, to notice the plan changing after the preview."""
        # Old values count too: applying over a change someone made after the preview would lose it.
        items = [[c.action.pk, f, str(v)] for c in self.changes for f, v in sorted(c.updates.items())]
        items += [[c.action.pk, *shown] for c in self.changes for shown in c.shown]
        items += [[c.action.pk, "due", c.date.new_date.isoformat(), c.date.new_text, c.date.reason]
                  for c in self.changes if c.date]
        return hashlib.sha256(json.dumps(items, sort_keys=True).encode()).hexdigest()


def upload_problem(name: str, size: int, max_bytes: int) -> str | None:
    """Why an uploaded file is refused before it is read, in words for the person (None if acceptable)."""
    if Path(name).suffix.lower() not in ALLOWED_SUFFIXES:
        return f"{name} is not a spreadsheet we can read. Upload the .xlsx or .csv file exported from this plan"
    if size == 0:
        return f"{name} is empty"
    if size > max_bytes:
        return f"{name} is {presenters_size(size)}. The largest file you can upload is {presenters_size(max_bytes)}"
    return None


def presenters_size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(1, n // 1024)} KB"
    return f"{n / 1024 / 1024:.1f}".removesuffix(".0") + " MB"


def read_table(data: bytes, filename: str) -> Table:
    """The sheet's rows by column heading. Raises FileProblem for a file that is not one of ours."""
    if Path(filename).suffix.lower() == ".csv":
        return _csv_table(data)
    return _xlsx_table(data)


def _letters(headings: list[Any]) -> dict[str, str]:
    letters: dict[str, str] = {}
    for i, heading in enumerate(headings, start=1):
        key = _HEADING_KEYS.get(str(heading or "").strip().casefold())
        if key and key not in letters:
            letters[key] = get_column_letter(i)
    if "id" not in letters:
        raise FileProblem("the first row has no 'Action ID' heading. Upload a file exported from this plan, "
                          "with its headings as they were")
    return letters


def _row_dict(values: tuple[Any, ...] | list[Any], headings: list[Any]) -> dict[str, Any]:
    row = {}
    for i, heading in enumerate(headings):
        key = _HEADING_KEYS.get(str(heading or "").strip().casefold())
        if key and key not in row:
            row[key] = values[i] if i < len(values) else None
    return row


def _xlsx_table(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise FileProblem("the workbook is far larger inside than any plan; it cannot be read")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except FileProblem:
        raise
    except Exception:  # openpyxl raises many kinds of error for a damaged or mislabelled file
        raise FileProblem("the file is not an Excel workbook (.xlsx) that can be read. Save it from Excel "
                          "as an Excel Workbook and upload it again") from None
    try:
        if SHEET not in workbook.sheetnames:
            raise FileProblem(f"the workbook has no sheet called '{SHEET}'. Upload the file exported from "
                              "this plan, with its sheets as they were")
        rows = workbook[SHEET].iter_rows()
        headings = [_cell_value(c) for c in next(rows, ())]
        letters = _letters(headings)
        table = []
        for number, cells in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                raise FileProblem(f"the sheet has more than {MAX_ROWS} rows; a plan's sheet is far shorter")
            table.append((number, _row_dict([_cell_value(c) for c in cells], headings)))
        return Table(SHEET, letters, table)
    finally:
        workbook.close()


def _cell_value(cell: Any) -> Any:
    """A cell's value; a date shown as a month ('mmmm yyyy', as the export writes a month's target and as
    Excel stores 'June 2025' typed into such a cell: 1 June) is the month, as the person sees it."""
    value = getattr(cell, "value", None)
    if isinstance(value, datetime.datetime | datetime.date):
        shown = (getattr(cell, "number_format", "") or "").lower()
        if "y" in shown and "m" in shown and "d" not in shown:
            return f"{value:%B %Y}"
    return value


def _csv_table(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV" save on Windows writes this code page, not UTF-8.
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise FileProblem("the file is not a CSV text file")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        headings: list[Any] = next(reader, [])
        letters = _letters(headings)
        table = []
        for number, values in enumerate(reader, start=2):
            if number > MAX_ROWS + 1:
                raise FileProblem(f"the file has more than {MAX_ROWS} rows; a plan's sheet is far shorter")
            row = _row_dict(values, headings)
            for key, value in row.items():
                # The export guards text that a spreadsheet would run as a formula with an apostrophe.
                if isinstance(value, str) and value.startswith("'") and value[1:2] and value[1] in "".join(
                        _FORMULA_START):
                    row[key] = value[1:]
            table.append((number, row))
    except csv.Error as exc:
        raise FileProblem(f"the CSV file cannot be read: {exc}") from None
    return Table("", letters, table)


def _text(value: Any) -> str:
    """A cell as text, the way the tracker stores it (lines trimmed, Windows line ends made plain)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "\n".join(line.rstrip() for line in sheet_text(str(value)).strip().splitlines())


def _blank(row: dict[str, Any]) -> bool:
    return all(_text(v) == "" for v in row.values())


def _choice(raw: str, choices: list[tuple[str, str]], extra: dict[str, str] | None = None) -> str | None:
    """The code whose words (or code) the cell holds, ignoring case; None if it names none."""
    wanted = raw.strip().casefold()
    for code, label in choices:
        if wanted in (label.casefold(), code.casefold()):
            return code
    return (extra or {}).get(wanted)


def _one_of(labels: list[str]) -> str:
    return ", ".join(labels[:-1]) + " or " + labels[-1] if len(labels) > 1 else labels[0]


def _read_due(value: Any) -> tuple[datetime.date | None, str, str]:
    """(date, text as typed, precision) for a target-date cell; date None where no date can be read."""
    if isinstance(value, datetime.datetime):
        return value.date(), "", "day"
    if isinstance(value, datetime.date):
        return value, "", "day"
    text = _text(value)
    if _ISO_DATE.match(text):
        try:
            return datetime.date.fromisoformat(text), "", "day"
        except ValueError:
            return None, text, ""
    due = read_due(text).due
    if due.date is None:
        return None, text, ""
    precision = due.precision or "day"
    return datetime.date.fromisoformat(due.date), "" if precision == "day" else text, precision


def compare(plan: Plan, table: Table) -> Reading:
    """Every change the table makes to the plan's actions, or the cells that stop it being applied."""
    actions = {a.pk: a for a in Action.objects.filter(plan=plan).select_related("recommendation")}
    states = state_choices()
    rags = rag_choices(plan)
    # The plan's bare words and the colour names are accepted as well as the list's 'Red: Off track'.
    rag_words = {plan.rag_label(code).casefold(): code for code, _ in rags if code}
    rag_words.update({"": "", "none": ""})
    changes: list[RowChange] = []
    errors: list[CellError] = []
    seen: dict[int, int] = {}
    n_rows = 0
    for number, row in table.rows:
        if _blank(row):
            continue
        n_rows += 1
        raw_id = _text(row.get("id"))
        if not raw_id:
            errors.append(CellError(table.where("id", number), "this row has no action ID. Rows cannot add "
                                    "actions; leave the IDs as they were exported"))
            continue
        if not raw_id.isdigit() or int(raw_id) not in actions:
            errors.append(CellError(table.where("id", number), f"'{raw_id}' is not the ID of an action in "
                                    f"this plan. Leave the IDs as they were exported from it"))
            continue
        action = actions[int(raw_id)]
        if action.pk in seen:
            errors.append(CellError(table.where("id", number), f"action {action.pk} is also on row "
                                    f"{seen[action.pk]}; each action may appear once"))
            continue
        seen[action.pk] = number
        change = RowChange(action=action, row=number)
        for key in TEXT_FIELDS:
            if key not in row:
                continue
            new, old = _text(row[key]), _text(getattr(action, key))
            if new == old:
                continue
            heading = next(c.heading for c in COLUMNS if c.key == key)
            if key == "text" and not new:
                errors.append(CellError(table.where(key, number), "the action's wording is empty; every action "
                                        "needs one"))
            elif len(new) > MAX_LENGTHS.get(key, 10**9):
                errors.append(CellError(table.where(key, number), f"{heading} can be at most "
                                        f"{MAX_LENGTHS[key]} characters long"))
            else:
                change.updates[key] = new
                change.shown.append((heading, old or "(blank)", new or "(blank)"))
        if "state" in row:
            raw = _text(row["state"])
            state = _choice(raw, states)
            if state is None:
                shown = f"'{raw}' is not a delivery state" if raw else "the state is empty"
                errors.append(CellError(table.where("state", number),
                                        f"{shown}; use one of {_one_of([label for _, label in states])}"))
            elif state != action.state:
                change.updates["state"] = state
                change.shown.append(("State", presenters.state_label(action.state), presenters.state_label(state)))
        if "rag" in row:
            raw = _text(row["rag"])
            rag = _choice(raw, rags, rag_words)
            if rag is None:
                errors.append(CellError(table.where("rag", number), f"'{raw}' is not a RAG rating; use one of "
                                        f"{_one_of([label for _, label in rags])}"))
            elif rag != action.rag:
                change.updates["rag"] = rag
                change.shown.append(("RAG rating", dict(rags).get(action.rag, action.rag), dict(rags)[rag]))
        if "priority" in row:
            raw = _text(row["priority"])
            priority = "" if not raw else _choice(raw, list(PRIORITIES), {"h": "high", "m": "medium", "l": "low"})
            if priority is None and raw == action.priority:
                priority = action.priority  # a priority kept as the source document wrote it
            if priority is None:
                errors.append(CellError(table.where("priority", number), f"'{raw}' is not a priority; use "
                                        "High, Medium or Low, or leave it empty"))
            elif priority != action.priority:
                change.updates["priority"] = priority
                change.shown.append(("Priority", dict(PRIORITIES).get(action.priority, action.priority) or
                                     "(blank)", dict(PRIORITIES).get(priority, "(blank)")))
        if "due" in row:
            problem = _due_change(action, row, table, number, change)
            if problem:
                errors.append(problem)
        if change.shown:
            changes.append(change)
    return Reading(changes, errors, n_rows)


def _due_change(action: Action, row: dict[str, Any], table: Table, number: int,
                change: RowChange) -> CellError | None:
    """Sets ``change.date`` for a changed current target date; returns the cell error when it cannot."""
    where = table.where("due", number)
    current = presenters.due_label(action.due_date, action.due_text, action.due_precision, action.ongoing)
    value = row["due"]
    text = _text(value) if not isinstance(value, datetime.date) else ""
    if not isinstance(value, datetime.date) and not text:
        if action.due_date is None and not action.due_text:
            return None
        return CellError(where, f"the current target date is empty. It was {current}; a target date cannot be "
                                "removed in a spreadsheet, so put it back")
    if text and text.casefold() in (current.casefold(), _text(action.due_text).casefold()):
        return None
    new_date, new_text, precision = _read_due(value)
    if new_date is None:
        return CellError(where, f"'{text}' is not a date we can read; write a date such as 30/06/2025 or a month "
                                "such as June 2025")
    if new_date == action.due_date:
        return None
    new_label = presenters.due_label(new_date, new_text, precision)
    reason = _text(row.get("reason"))
    if not reason:
        place = table.where("reason", number) if "reason" in table.letters else where
        return CellError(place, f"the current target date changed from {current} to {new_label}; say why in "
                                "'Reason for date change', or put the date back")
    change.date = DateChange(new_date, new_text, reason, current, new_label)
    change.shown.append(("Current target date", current, f"{new_label} (extension: {reason})"))
    return None


@transaction.atomic
def apply_changes(plan: Plan, reading: Reading, user: AbstractBaseUser | None, filename: str) -> int:
    """Apply a reading with no errors: one transaction, each row's history written through the services
    ("Updated by spreadsheet import, file X, by Y"). Returns the number of actions changed."""
    if reading.errors:
        raise ValueError("a reading with errors cannot be applied")
    who = services.user_label(user) or "someone"
    comment = f"Updated by spreadsheet import, file {filename}, by {who}"
    for change in reading.changes:
        if change.updates:
            services.update_action(change.action, user, change.updates, comment=comment, via=Via.SPREADSHEET)
        if change.date:
            services.record_extension(change.action, user, change.date.new_date, change.date.new_text,
                                      change.date.reason, decided_by_label=f"{who} (spreadsheet import)",
                                      note=f"From the spreadsheet {filename}", via=Via.SPREADSHEET)
    return len(reading.changes)
