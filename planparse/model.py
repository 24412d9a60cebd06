"""The plan as structured data: what every reader produces and the interchange format carries.

Plain dataclasses mirroring ../shared/schema/actionplan.schema.json (version 1). ``to_dict`` writes the
interchange format; ``from_dict`` reads it back. Both are lossless for every field the schema defines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1
STATUSES = ("red", "amber", "green", "blue")
PRIORITIES = ("high", "medium", "low")
PRECISIONS = ("day", "month", "quarter", "year")
FORMATS = ("txt", "docx", "pdf", "xlsx", "csv", "html", "json")


@dataclass
class Warning:
    """Something the reader could not settle, with where in the source it happened."""

    message: str
    where: str | None = None

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "where": self.where}


@dataclass
class Due:
    """A target date as printed, with the date it resolves to (last day of the period named)."""

    text: str
    date: str | None = None  # ISO yyyy-mm-dd
    precision: str | None = None
    ongoing: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "date": self.date, "precision": self.precision, "ongoing": self.ongoing}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Due:
        return cls(text=d["text"], date=d.get("date"), precision=d.get("precision"),
                   ongoing=bool(d.get("ongoing", False)))


@dataclass
class Action:
    text: str
    owners: list[str] = field(default_factory=list)
    due: Due | None = None
    status: str | None = None
    completed: bool | None = None
    priority: str | None = None
    timescale: str | None = None
    anticipated_completion: str | None = None
    commentary: str | None = None
    measure: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    where: str | None = None  # where in the source it was read from ("table 1, row 4", "line 12")

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "owners": list(self.owners),
            "due": self.due.to_dict() if self.due else None,
            "status": self.status,
            "completed": self.completed,
        }
        for key in ("priority", "timescale", "anticipated_completion", "commentary", "measure"):
            value = getattr(self, key)
            if value is not None:
                d[key] = value
        if self.extra:
            d["extra"] = dict(self.extra)
        if self.where:
            d["where"] = self.where
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Action:
        due = d.get("due")
        return cls(
            text=d["text"],
            owners=list(d.get("owners") or []),
            due=Due.from_dict(due) if due else None,
            status=d.get("status"),
            completed=d.get("completed"),
            priority=d.get("priority"),
            timescale=d.get("timescale"),
            anticipated_completion=d.get("anticipated_completion"),
            commentary=d.get("commentary"),
            measure=d.get("measure"),
            extra=dict(d.get("extra") or {}),
            where=d.get("where"),
        )


@dataclass
class Recommendation:
    number: str
    text: str
    theme: str | None = None
    response: str | None = None
    owners: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)
    where: str | None = None  # where in the source its row or heading is

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "number": self.number,
            "text": self.text,
            "theme": self.theme,
            "response": self.response,
            "owners": list(self.owners),
            "actions": [a.to_dict() for a in self.actions],
        }
        if self.extra:
            d["extra"] = dict(self.extra)
        if self.where:
            d["where"] = self.where
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Recommendation:
        return cls(
            number=d["number"],
            text=d["text"],
            theme=d.get("theme"),
            response=d.get("response"),
            owners=list(d.get("owners") or []),
            actions=[Action.from_dict(a) for a in d.get("actions") or []],
            extra=dict(d.get("extra") or {}),
            where=d.get("where"),
        )


@dataclass
class Source:
    filename: str
    format: str
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {"filename": self.filename, "format": self.format, "sha256": self.sha256}


@dataclass
class Reading:
    """Which layout the importer read the document as, how sure it is, and what no field took.

    ``confidence`` is the winning reading's plausibility (0..1, ``planparse.layout.rank``); ``runner_up`` the
    best other reading's layout and plausibility, so a person can ask for it on the review screen.
    """

    layout: str
    confidence: float
    runner_up: tuple[str, float] | None = None
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (text, where) no field took
    # Every reading considered: (layout, plausibility, recommendations, actions), best first. Not part of the
    # interchange format: for the CLI's --readings and for tuning.
    candidates: list[tuple[str, float, int, int]] = field(default_factory=list, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "layout": self.layout,
            "confidence": self.confidence,
            "runner_up": ({"layout": self.runner_up[0], "confidence": self.runner_up[1]}
                          if self.runner_up else None),
            "unplaced": [{"text": t, "where": w} for t, w in self.unplaced],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reading:
        runner = d.get("runner_up")
        return cls(layout=d["layout"], confidence=float(d["confidence"]),
                   runner_up=(runner["layout"], float(runner["confidence"])) if runner else None,
                   unplaced=[(u["text"], u.get("where") or "") for u in d.get("unplaced") or []])


@dataclass
class Plan:
    title: str = ""
    organisation: str | None = None
    as_of: str | None = None  # ISO date
    notes: str | None = None
    source: Source | None = None
    legend: dict[str, dict[str, str]] = field(default_factory=dict)
    recommendations: list[Recommendation] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    reading: Reading | None = None  # set by the importer; None for a plan built by hand or from JSON v1

    @property
    def actions(self) -> list[Action]:
        return [a for r in self.recommendations for a in r.actions]

    def warn(self, message: str, where: str | None = None) -> None:
        self.warnings.append(Warning(message, where))

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "organisation": self.organisation,
            "as_of": self.as_of,
            "notes": self.notes,
            "source": self.source.to_dict() if self.source else None,
            "legend": {k: dict(v) for k, v in self.legend.items()},
            "recommendations": [r.to_dict() for r in self.recommendations],
            "warnings": [w.to_dict() for w in self.warnings],
        } | ({"reading": self.reading.to_dict()} if self.reading else {})

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Plan:
        """Build a plan from the interchange format. Validate first (``planparse.schema.validate``)."""
        src = d.get("source")
        return cls(
            title=d.get("title", ""),
            organisation=d.get("organisation"),
            as_of=d.get("as_of"),
            notes=d.get("notes"),
            source=Source(src["filename"], src["format"], src["sha256"]) if src else None,
            legend={k: dict(v) for k, v in (d.get("legend") or {}).items()},
            recommendations=[Recommendation.from_dict(r) for r in d.get("recommendations") or []],
            warnings=[Warning(w["message"], w.get("where")) for w in d.get("warnings") or []],
            reading=Reading.from_dict(d["reading"]) if d.get("reading") else None,
        )
