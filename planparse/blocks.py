"""The document as every reader sees it: a flat sequence of paragraphs and tables.

Readers turn a file (txt, docx, pdf, html, xlsx/csv) into ``list[Block]``; ``interpret`` turns blocks into a
``Plan``. Keeping this middle layer small and format-free is what lets one interpreter serve every format.

Contract for text held in blocks:
- plain text, markup removed, no HTML entities;
- a line break inside a cell or paragraph is "\\n"; a paragraph break inside a cell (``<p>``, a Word
  paragraph) is also "\\n" unless the source shows a blank line, which is kept as "\\n\\n";
- an item of a bulleted or numbered list is one line starting with BULLET ("• "); the source's own marker
  (•, ·, -, <li>, a Word list style) is replaced by it;
- leading/trailing whitespace of each line stripped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BULLET = "• "


@dataclass
class Paragraph:
    text: str
    heading: int = 0  # 0 for body text, 1.. for a heading level the source marks (docx/html/pdf font size)
    where: str = ""  # "line 12", "page 3"
    # Blank lines above it in the source (text formats): a layout decision's evidence of a boundary. A cell
    # flattened one paragraph a line is told from a paragraph inside the cell by these gaps.
    gap: int = 0
    # What a layout proposer decided this paragraph is ("theme": a heading over the recommendations after it);
    # readers leave it empty.
    role: str = ""

    @property
    def is_bullet(self) -> bool:
        return self.text.startswith(BULLET)


@dataclass
class Cell:
    text: str
    # True where the source merged this cell with the one above (docx vMerge continuation, a rowspan):
    # its text is "" and it belongs to the cell above.
    merged_above: bool = False
    colspan: int = 1


@dataclass
class Row:
    cells: list[Cell]
    where: str = ""  # "page 2, table 1, row 4" / "line 30"
    header: bool = False  # marked as a (repeated) header row by the source, where it says so
    # What the reader had to guess to build this row (e.g. where it split two columns run together on one
    # line); the interpreter reports each as a warning at the row's place.
    notes: list[str] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    where: str = ""


Block = Paragraph | Table
