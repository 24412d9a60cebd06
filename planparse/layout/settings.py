"""Every number the layout stage decides by, in one validated dataclass (as pdfplumber's TableSettings)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class LayoutSettings:
    # --- ranking (plausibility, 0..1 before the structure penalties) ---
    # Weight of the share of the document's words that landed in a plan field.
    coverage_weight: float = 0.55
    # Weight of how well the values suit their fields (dates in due, owners in owners).
    fit_weight: float = 0.25
    # Weight of the structure prior: recommendations with wording and with actions.
    structure_weight: float = 0.20
    # A word kept only in the plan's notes counts this much as placed (a preamble belongs there; a table
    # read into notes does not).
    notes_credit: float = 0.6
    # A word kept under a column's own heading in ``extra`` counts this much.
    extra_credit: float = 0.75
    # The reading of the document's own structure (its tables, its labels) is preferred by this much over a
    # reconstruction: a tie goes to what the document says.
    as_read_prior: float = 0.04
    # More actions than this a recommendation, on average, starts to read as lines mistaken for actions.
    most_actions: float = 15.0
    # Share of the score lost by a reading at twice that many (and more).
    crowded_penalty: float = 0.4
    # A reading as the document came at least this plausible is taken without trying the other proposers.
    settled: float = 0.97
    # Below this confidence the plan carries a warning that the layout was hard to read.
    low_confidence: float = 0.55
    # A runner-up within this distance of the winner is named in a warning.
    close_runner_up: float = 0.03
    # --- flattened tables (a cell sequence decoded against its header) ---
    # Fewest headings in a header run of one heading a line.
    min_header_cells: int = 3
    # Cost of each column a row leaves empty when the decoder skips it.
    skip_penalty: float = 1.2
    # Reward for a unit continuing the cell above when the boundary is a plain line break.
    continue_line: float = 0.4
    # A gap unlike the header's own between-cell gap reads as inside a cell by this much.
    gap_unlike_cells: float = 0.6

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise ValueError(f"LayoutSettings.{f.name} must be a number of at least 0, not {value!r}")


DEFAULT = LayoutSettings()
