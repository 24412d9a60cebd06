"""The figures behind the dashboard's charts, each in a fixed, small number of queries.

Charts are drawn on the server as CSS bars with their numbers written on them, and every chart has a table
with the same figures, so nothing depends on colour, JavaScript or a canvas.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from tracker.accounts.models import Council
from tracker.plans.models import Action, ActionChange
from tracker.presenters import STATE_LABELS, rag_label

RAG_ORDER = ("red", "amber", "green", "blue", "")
STATE_ORDER = ("not_started", "in_progress", "on_hold", "ongoing", "complete", "not_accepted")
NO_THEME = "No theme"


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int
    percent: float  # of the bar's total, for the CSS width


@dataclass
class Bar:
    label: str
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def segments(self, order: tuple[str, ...], labels: Mapping[str, str]) -> list[Segment]:
        return [Segment(key or "none", labels[key], self.counts[key],
                        round(100 * self.counts[key] / self.total, 2) if self.total else 0.0)
                for key in order if self.counts.get(key)]


@dataclass
class Chart:
    """Bars (one per theme) split into segments (one per RAG colour or state)."""

    title: str
    keys: tuple[str, ...]
    labels: dict[str, str]
    bars: list[Bar]

    @property
    def legend(self) -> list[tuple[str, str]]:
        return [(key or "none", self.labels[key]) for key in self.keys]

    @property
    def rows(self) -> list[tuple[Bar, list[Segment], list[int]]]:
        """Each bar with its drawn segments and its counts in legend order (for the table)."""
        return [(bar, bar.segments(self.keys, self.labels), [bar.counts.get(k, 0) for k in self.keys])
                for bar in self.bars]


def _by_theme(council: Council, column: str) -> dict[str, Bar]:
    rows = (Action.objects.for_council(council)
            .values_list("recommendation__theme", column).annotate(n=Count("id")).order_by())
    bars: dict[str, Bar] = {}
    for theme, key, n in rows:
        bar = bars.setdefault(theme or NO_THEME, Bar(theme or NO_THEME))
        bar.counts[key] = bar.counts.get(key, 0) + n
        bar.total += n
    return dict(sorted(bars.items(), key=lambda item: (item[0] == NO_THEME, item[0].lower())))


def rag_by_theme(council: Council, rag_labels: Mapping[str, str] | None = None) -> Chart:
    """RAG counts for each theme across the council's plans (one query)."""
    labels = {key: rag_label(key, rag_labels) for key in RAG_ORDER}
    return Chart("RAG rating by theme", RAG_ORDER, labels, list(_by_theme(council, "rag").values()))


def state_by_theme(council: Council) -> Chart:
    """Delivery state counts for each theme across the council's plans (one query)."""
    labels = {key: STATE_LABELS[key] for key in STATE_ORDER}
    return Chart("Delivery state by theme", STATE_ORDER, labels, list(_by_theme(council, "state").values()))


@dataclass(frozen=True)
class MonthPoint:
    month: datetime.date
    complete: int
    percent: float  # of all actions, for the bar

    @property
    def label(self) -> str:
        return f"{self.month:%B %Y}"


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _previous_month(month: datetime.date) -> datetime.date:
    return (month - datetime.timedelta(days=1)).replace(day=1)


def completion_over_time(council: Council, today: datetime.date, months: int = 12) -> list[MonthPoint]:
    """How many of the council's actions were complete at the end of each of the last ``months`` months,
    oldest first, worked back from today's count through the history of state changes (two queries).

    The history records every change to 'complete' and away from it, so the count at the end of an
    earlier month is today's count minus the completions recorded after that month, plus the reopenings."""
    actions = Action.objects.for_council(council)
    totals = actions.aggregate(total=Count("id"), complete=Count("id", filter=Q(state="complete")))
    total, complete_now = totals["total"], totals["complete"]
    first_month = _month_start(today)
    for _ in range(months - 1):
        first_month = _previous_month(first_month)
    # Only changes inside the window move the points shown; older history is not read.
    since = timezone.make_aware(datetime.datetime.combine(first_month, datetime.time()))
    moves = (ActionChange.objects
             .filter(field="state", update__action__plan__council=council, update__at__gte=since)
             .filter(Q(new="complete") | Q(old="complete"))
             .annotate(month=TruncMonth("update__at"))
             .values("month")
             .annotate(done=Count("id", filter=Q(new="complete")), undone=Count("id", filter=Q(old="complete")))
             .order_by())
    net_by_month: dict[datetime.date, int] = {}
    for row in moves:
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        net_by_month[month] = net_by_month.get(month, 0) + row["done"] - row["undone"]
    points: list[MonthPoint] = []
    month = _month_start(today)
    count = complete_now
    for _ in range(months):
        points.append(MonthPoint(month, count, round(100 * count / total, 2) if total else 0.0))
        # Step back: undo this month's net completions to get the count at the end of the month before.
        count -= net_by_month.get(month, 0)
        month = _previous_month(month)
    return list(reversed(points))
