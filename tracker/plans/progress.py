"""Progress of a plan or recommendation: counts by state and RAG, and the sentence a person reads.

Pure Python (no database), so it is the same for pages, reports and tests. Build one from database counts
(``Plan.progress()``) or from a list of actions (``Recommendation.progress()``). A manual override is never
a silent replacement: ``sentence`` says it was set by hand and keeps the calculated figures beside it.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

STATES = ("not_started", "in_progress", "complete", "ongoing", "not_accepted", "on_hold")
RAGS = ("red", "amber", "green", "blue")
CLOSED = ("complete", "not_accepted", "ongoing")


def _n(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural or singular + 's')}"


@dataclass(frozen=True)
class Progress:
    total: int
    by_state: dict[str, int] = field(default_factory=dict)
    by_rag: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    override: str = ""
    override_note: str = ""

    @classmethod
    def from_counts(cls, by_state: Mapping[str, int], by_rag: Mapping[str, int], overdue: int = 0,
                    override: str = "", override_note: str = "") -> Progress:
        states = {s: int(by_state.get(s, 0)) for s in STATES}
        return cls(total=sum(states.values()), by_state=states,
                   by_rag={r: int(by_rag.get(r, 0)) for r in RAGS}, overdue=overdue,
                   override=override or "", override_note=override_note or "")

    @classmethod
    def from_actions(cls, actions: Iterable[Any], today: datetime.date, override: str = "",
                     override_note: str = "") -> Progress:
        """From objects with ``state``, ``rag`` and ``due_date`` (Actions, or anything shaped like one)."""
        actions = list(actions)
        overdue = sum(1 for a in actions
                      if a.due_date is not None and a.due_date < today and a.state not in CLOSED)
        return cls.from_counts(Counter(a.state for a in actions), Counter(a.rag for a in actions if a.rag),
                               overdue, override, override_note)

    @property
    def complete(self) -> int:
        return self.by_state.get("complete", 0)

    @property
    def overridden(self) -> bool:
        return bool(self.override)

    @property
    def percent_complete(self) -> int | None:
        """Whole-number percentage of actions complete; None when there are no actions."""
        return round(100 * self.complete / self.total) if self.total else None

    @property
    def calculated_sentence(self) -> str:
        """'4 of 6 actions complete, 1 red, 2 overdue' — the figures, whatever any override says."""
        if not self.total:
            return "No actions"
        parts = [f"{self.complete} of {_n(self.total, 'action')} complete"]
        for rag in ("red", "amber"):
            if self.by_rag.get(rag):
                parts.append(f"{self.by_rag[rag]} {rag}")
        if self.overdue:
            parts.append(f"{self.overdue} overdue")
        if self.by_state.get("not_accepted"):
            parts.append(f"{self.by_state['not_accepted']} not accepted")
        return ", ".join(parts)

    @property
    def sentence(self) -> str:
        """What to show: the calculated sentence, or the override flagged as set by hand."""
        if not self.overridden:
            return self.calculated_sentence
        return f"Set by hand: {self.override} (calculated: {self.calculated_sentence.lower()})"
