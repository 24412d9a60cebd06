"""A plan as a spreadsheet people can edit: one row per action, the same columns in .xlsx and .csv.

``plan_workbook(plan)`` and ``plan_csv(plan)`` write the file; ``tracker.exchange.sheet_import`` reads an
edited copy back. The columns are defined once here (``COLUMNS``) so both directions agree.

The workbook's "Actions" sheet is protected without a password so that the identifying columns (action ID,
recommendation, original target date) are not changed by accident; only the editable columns are unlocked.
Protection is a guard against slips, not security: anyone can lift it in Excel, and the import checks every
row against the plan anyway (a changed read-only column is ignored, a changed ID is refused).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tracker import presenters
from tracker.plans.models import Action, Plan, Rag, State

SHEET = "Actions"
LISTS_SHEET = "Lists"
ABOUT_SHEET = "About this file"
# Excel refuses longer cells; the export would silently cut them and the import then see a change.
EXCEL_CELL_LIMIT = 32767
PRIORITIES = (("high", "High"), ("medium", "Medium"), ("low", "Low"))
# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    editable: bool
    width: int
    hint: str = ""


COLUMNS = (
    Column("id", "Action ID", False, 10, "The action's number in the tracker. Do not change it."),
    Column("recommendation", "Recommendation", False, 14, "The recommendation the action answers."),
    Column("recommendation_text", "Recommendation wording", False, 40, "The peer team's words."),
    Column("text", "Action", True, 50, "What will be done."),
    Column("leads", "Lead", True, 20, "One lead a line (Alt+Enter in Excel starts a new line)."),
    Column("original_due", "Original target date", False, 18, "As first agreed. It never changes."),
    Column("due", "Current target date", True, 18,
           "A date, or a month such as June 2025. A change is recorded as an extension."),
    Column("reason", "Reason for date change", True, 30,
           "Needed when you change the current target date."),
    Column("state", "State", True, 16, "Choose from the list."),
    Column("rag", "RAG rating", True, 16, "Choose from the list."),
    Column("priority", "Priority", True, 10, "High, Medium or Low, or leave empty."),
    Column("timescale", "Timescale", True, 14, ""),
    Column("anticipated_completion", "Anticipated completion", True, 22, ""),
    Column("commentary", "Commentary", True, 50, "Progress since the last update."),
    Column("measure", "How we measure it", True, 30, ""),
)
HEADINGS = [c.heading for c in COLUMNS]


def state_choices() -> list[tuple[str, str]]:
    """(code, words) for every delivery state, in the tracker's order."""
    return [(s.value, presenters.state_label(s.value)) for s in State]


def rag_choices(plan: Plan) -> list[tuple[str, str]]:
    """(code, words) for every RAG rating, in the plan's own words with the colour named ('Red: Off track')."""
    return [("", presenters.rag_label(""))] + [
        (r.value, presenters.rag_tag(r.value, plan.rag_labels).text) for r in Rag if r.value]


def priority_label(value: str) -> str:
    return dict(PRIORITIES).get(value, value)


def due_cell(action: Action) -> datetime.date | str:
    """The current target as the sheet shows it: a real date where the plan has a day or month (so Excel
    sorts and filters it), otherwise the words as a person says them ('April to June 2025', 'TBC')."""
    if action.due_date and not action.ongoing and action.due_precision in ("day", "month", ""):
        return action.due_date
    return presenters.due_label(action.due_date, action.due_text, action.due_precision, action.ongoing)


def original_due_label(action: Action) -> str:
    """The original target in words. Its precision is only known while it is still the current target."""
    if not action.date_extended:
        return presenters.due_label(action.due_date, action.due_text, action.due_precision, action.ongoing)
    return (action.original_due_text or presenters.format_date(action.original_due_date)
            or presenters.due_label(None))


def date_format(action: Action) -> str:
    return "mmmm yyyy" if action.due_precision == "month" else "d mmmm yyyy"


def sheet_text(value: str) -> str:
    """Text as a cell can hold it: without the control characters Excel refuses, within Excel's limit."""
    return ILLEGAL_CHARACTERS_RE.sub("", value or "")[:EXCEL_CELL_LIMIT]


def row_values(action: Action, plan: Plan) -> dict[str, object]:
    """One action's cells, by column key."""
    rec = action.recommendation
    return {
        "id": action.pk,
        "recommendation": rec.number or str(rec.position + 1),
        "recommendation_text": rec.text,
        "text": action.text,
        "leads": action.leads,
        "original_due": original_due_label(action),
        "due": due_cell(action),
        "reason": "",
        "state": presenters.state_label(action.state),
        "rag": dict(rag_choices(plan)).get(action.rag, action.rag),
        "priority": priority_label(action.priority),
        "timescale": action.timescale,
        "anticipated_completion": action.anticipated_completion,
        "commentary": action.commentary,
        "measure": action.measure,
    }


def plan_actions(plan: Plan) -> list[Action]:
    """The plan's actions in the plan's order, with their recommendations (two queries)."""
    return list(Action.objects.filter(plan=plan).select_related("recommendation")
                .order_by("recommendation__position", "recommendation_id", "position", "id"))


def export_filename(plan: Plan, suffix: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", plan.title).strip("-").lower()[:60] or "plan"
    return f"{stem}-{plan.pk}.{suffix}"


def plan_workbook(plan: Plan, today: datetime.date) -> bytes:
    """The plan as an .xlsx workbook: 'Actions' (one row per action, editable columns unlocked, drop-down
    lists for state, RAG and priority), 'About this file' (how to use it) and a hidden 'Lists' sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    header_font = Font(bold=True)
    editable_fill = PatternFill("solid", fgColor="FFF2CC")  # pale yellow: the cells you may change
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, column in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col, value=column.heading)
        cell.font = header_font
        cell.alignment = wrap
        if column.editable:
            cell.fill = editable_fill
        ws.column_dimensions[get_column_letter(col)].width = column.width
    actions = plan_actions(plan)
    for row, action in enumerate(actions, start=2):
        values = row_values(action, plan)
        for col, column in enumerate(COLUMNS, start=1):
            value = values[column.key]
            cell = ws.cell(row=row, column=col)
            if isinstance(value, str):
                cell.value = sheet_text(value)
                # openpyxl writes a string starting with '=' as a formula; imported text is only ever text.
                cell.data_type = "s"
            else:
                cell.value = value
            if column.key == "due" and isinstance(value, datetime.date):
                cell.number_format = date_format(action)
            cell.alignment = wrap
            if column.editable:
                cell.protection = Protection(locked=False)
    last = max(len(actions) + 1, 2)
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    _add_lists(wb, ws, plan, last)
    # No password: protection stops slips in the ID columns; people may still sort, filter and resize.
    ws.protection.sheet = True
    ws.protection.autoFilter = False
    ws.protection.sort = False
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    _add_about(wb, plan, today, len(actions))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _add_lists(wb: Workbook, ws: object, plan: Plan, last: int) -> None:
    """Drop-down lists read from a hidden sheet (an inline list cannot hold commas and is capped at 255
    characters; a plan's own RAG words may need either)."""
    lists = wb.create_sheet(LISTS_SHEET)
    choices = {
        "state": [label for _, label in state_choices()],
        "rag": [label for _, label in rag_choices(plan)],
        "priority": [label for _, label in PRIORITIES],
    }
    for col, (key, labels) in enumerate(choices.items(), start=1):
        letter = get_column_letter(col)
        lists.cell(row=1, column=col, value=key)
        for i, label in enumerate(labels, start=2):
            lists.cell(row=i, column=col, value=label).data_type = "s"
        column = next(i for i, c in enumerate(COLUMNS, start=1) if c.key == key)
        target = get_column_letter(column)
        validation = DataValidation(
            type="list", formula1=f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(labels) + 1}",
            allow_blank=key != "state", showErrorMessage=True, errorTitle=f"{COLUMNS[column - 1].heading}",
            error=f"Choose a {COLUMNS[column - 1].heading.lower()} from the list.")
        validation.add(f"{target}2:{target}{last}")
        ws.add_data_validation(validation)  # type: ignore[attr-defined]
    lists.sheet_state = "hidden"
    lists.protection.sheet = True


def _add_about(wb: Workbook, plan: Plan, today: datetime.date, n_actions: int) -> None:
    about = wb.create_sheet(ABOUT_SHEET)
    lines = [
        (plan.title, True),
        (f"{plan.council.name}. Plan ID {plan.pk}. Exported on {presenters.format_date(today)} with "
         f"{n_actions} action{'s' if n_actions != 1 else ''}.", False),
        ("", False),
        ("How to use this file", True),
        ("Change the yellow columns on the Actions sheet, save the file as .xlsx and upload it on the plan's "
         "spreadsheet page. You will see every change before anything is saved.", False),
        ("Do not change the Action ID. Rows you delete are left as they are in the tracker; new rows cannot "
         "add actions.", False),
        ("To move a target date, change Current target date and say why in Reason for date change. The "
         "original target date is kept.", False),
        ("The sheet is protected against accidental changes without a password. You can lift the protection "
         "in Excel (Review, Unprotect Sheet); the grey columns are ignored on upload.", False),
        ("", False),
        ("Columns", True),
    ] + [(f"{c.heading}{'' if c.editable else ' (read only)'}: {c.hint}".rstrip(": "), False) for c in COLUMNS]
    for row, (text, bold) in enumerate(lines, start=1):
        cell = about.cell(row=row, column=1, value=sheet_text(text))
        cell.data_type = "s"
        if bold:
            cell.font = Font(bold=True)
    about.column_dimensions["A"].width = 120


def csv_text(value: object) -> str:
    """A CSV cell: dates as '31/03/2025' (how Excel in the UK writes them back), text guarded against being
    run as a formula by a leading apostrophe, which the import removes again."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def plan_csv(plan: Plan) -> bytes:
    """The plan as CSV with the workbook's columns, UTF-8 with a byte-order mark so Excel reads accents."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for action in plan_actions(plan):
        values = row_values(action, plan)
        writer.writerow([csv_text(values[c.key]) for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig")
