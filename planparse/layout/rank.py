"""How plausible a whole reading is, judged without any gold: the ranker between the proposers.

Three terms, weighted in ``LayoutSettings``:
- coverage: the share of the document's words (page chrome left out) that a reading placed in a field of the
  plan; words kept only in ``extra`` or in the notes count for less;
- fit: whether each value is of the right kind for its field (dates in ``due``, owners in ``owners``, wording
  in the texts), from ``kinds.fit``;
- structure: recommendations have wording and actions; a reading with none scores nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import columns as col
from ..blocks import Block, Paragraph, Table
from ..model import Plan
from .kinds import fit, kinds
from .settings import DEFAULT, LayoutSettings

WORD = re.compile(r"[a-z0-9£%]+")


@dataclass(frozen=True)
class Plausibility:
    score: float
    coverage: float
    fit: float
    structure: float


def _words(text: str | None) -> list[str]:
    return WORD.findall((text or "").lower())


def document_words(blocks: list[Block]) -> set[str]:
    """The distinct words of the document a reading should account for: everything but page chrome."""
    total: set[str] = set()
    for b in blocks:
        if isinstance(b, Paragraph):
            if not kinds(b.text).chrome:
                total.update(_words(b.text))
        else:
            for row in b.rows:
                for cell in row.cells:
                    total.update(_words(cell.text))
    return total


def placed_words(plan: Plan) -> tuple[set[str], set[str], set[str]]:
    """(words in fields, words in extra, words in notes) of a reading."""
    fields: set[str] = set(_words(plan.title))
    extra: set[str] = set()
    for rec in plan.recommendations:
        for value in (rec.number, rec.text, rec.theme, rec.response, *rec.owners):
            fields.update(_words(value))
        for value in rec.extra.values():
            extra.update(_words(value))
        for a in rec.actions:
            for value in (a.text, *a.owners, a.due.text if a.due else None, a.commentary, a.measure, a.timescale,
                          a.anticipated_completion, a.status, a.priority):
                fields.update(_words(value))
            for value in a.extra.values():
                extra.update(_words(value))
    for legend in plan.legend.values():
        for k, v in legend.items():
            fields.update(_words(f"{k} {v}"))
    return fields, extra, set(_words(plan.notes))


def plausibility(plan: Plan, doc: set[str], settings: LayoutSettings = DEFAULT,
                 headings: set[str] | None = None) -> Plausibility:
    """How plausible the reading is; ``headings`` are the words it read as column headings (placed)."""
    recs = plan.recommendations
    if not recs:
        return Plausibility(0.0, 0.0, 0.0, 0.0)
    # Distinct words, not occurrences: a recommendation's cell repeated on each of its action rows is placed
    # once, rightly, and must not count as text left out.
    words = doc
    total = len(words) or 1
    in_fields, in_extra, in_notes = placed_words(plan)
    in_fields |= headings or set()
    got = words & in_fields
    got_extra = (words - got) & in_extra
    got_notes = (words - got - got_extra) & in_notes
    coverage = (len(got) + settings.extra_credit * len(got_extra) + settings.notes_credit * len(got_notes)) / total
    fits: list[float] = []
    for rec in recs:
        fits.append(fit(rec.text, col.RECOMMENDATION) if rec.text else 0.0)
        for a in rec.actions:
            fits.append(fit(a.text, col.ACTION))
            if a.due:
                fits.append(fit(a.due.text, col.DUE))
            fits.extend(fit(o, col.OWNER) for o in a.owners[:3])
    fit_score = sum(fits) / len(fits) if fits else 0.0
    empty_text = sum(1 for r in recs if not r.text.strip()) / len(recs)
    no_actions = sum(1 for r in recs if not r.actions) / len(recs)
    n_actions = sum(len(r.actions) for r in recs)
    # Dozens of actions under each recommendation: a reading that made every line an action.
    crowded = min(1.0, max(0.0, n_actions / len(recs) - settings.most_actions) / settings.most_actions)
    # Each recommendation is listed once: the same number again (not next to itself) is one read twice.
    numbers = [r.number.strip().lower() for r in recs if r.number.strip()]
    repeated = (len(numbers) - len(set(numbers))) / len(recs)
    structure = max(0.0, 1.0 - 0.6 * empty_text - no_actions - repeated)
    score = (settings.coverage_weight * min(1.0, coverage) + settings.fit_weight * fit_score
             + settings.structure_weight * structure) * (1.0 - settings.crowded_penalty * crowded)
    return Plausibility(round(score, 4), round(coverage, 4), round(fit_score, 4), round(structure, 4))


def unplaced(blocks: list[Block], plan: Plan, limit: int = 200) -> list[tuple[str, str]]:
    """Paragraphs (and table cells) of the document that no field of the reading took, with where they are:
    the review screen lists them as "not placed", each one step from a recommendation, an action or a field.
    In a reading with no recommendations the notes hold the whole document, so nothing there counts as placed."""
    in_fields, in_extra, in_notes = placed_words(plan)
    placed = in_fields | in_extra | (in_notes if plan.recommendations else set())
    out: list[tuple[str, str]] = []
    for b in blocks:
        texts: list[tuple[str, str]] = []
        if isinstance(b, Paragraph):
            if not kinds(b.text).chrome:
                texts.append((b.text, b.where))
        elif isinstance(b, Table):
            texts.extend((c.text, r.where) for r in b.rows for c in r.cells if c.text.strip())
        for text, where in texts:
            words = _words(text)
            if not words:
                continue
            missing = sum(1 for w in words if w not in placed)
            if missing >= max(3, 0.6 * len(words)):
                out.append((text, where))
                if len(out) >= limit:
                    return out
    return out
    return out
