"""Parser options, in one validated dataclass."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import columns as col

MB = 1024 * 1024
ROLES = (col.NUMBER, col.RECOMMENDATION, col.RESPONSE, col.REC_OWNER, col.ACTION, col.OWNER, col.DUE, col.TIMESCALE,
         col.ANTICIPATED, col.STATUS, col.PRIORITY, col.COMMENTARY, col.MEASURE, col.THEME, "ignore")
LAYOUTS = ("as read", "heading_list", "labelled", "records", "flattened", "delimited", "table", "run_on", "one_paragraph", "headerless")


@dataclass(frozen=True)
class Hints:
    """What a person told the importer about a document, to read it again better.

    - ``layout``: read it as this layout family only (one of LAYOUTS, or a full name such as
      "labelled:word" from ``Plan.reading``);
    - ``start``: the plan starts at the first paragraph or cell whose text begins with this;
    - ``columns``: column heading → role (see ROLES; "ignore" keeps its cells in ``extra`` only).
    """

    layout: str | None = None
    start: str | None = None
    columns: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.layout is not None and self.layout.split(":")[0] not in LAYOUTS:
            raise ValueError(f"Hints.layout must be one of {', '.join(LAYOUTS)}, not {self.layout!r}")
        for heading, role in self.columns.items():
            if role not in ROLES:
                raise ValueError(f"Hints.columns[{heading!r}] must be one of {', '.join(ROLES)}, not {role!r}")


@dataclass(frozen=True)
class Options:
    # Largest input accepted, in bytes. Council plans are well under 5 MB.
    max_bytes: int = 20 * MB
    # Largest total uncompressed size of a .docx/.xlsx zip: the guard against zip bombs.
    max_unzipped_bytes: int = 100 * MB
    # Pages read from a PDF; a longer one is refused with a clear message rather than read for minutes.
    max_pages: int = 600
    # Character set tried for text files that are not UTF-8.
    fallback_encoding: str = "cp1252"
    # What a person said about the document, to read it again (the review screen's "read again with a hint").
    hints: Hints = field(default_factory=Hints)

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_unzipped_bytes", "max_pages"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"Options.{name} must be a positive whole number, not {value!r}")
        if not isinstance(self.fallback_encoding, str) or not self.fallback_encoding:
            raise ValueError("Options.fallback_encoding must name a character set")
