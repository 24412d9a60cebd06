"""Write seed plans as a tab-separated dump whose cells keep their raw line breaks.

    .venv/bin/python scripts/make_txt_variant_fixtures.py

Some tools (a copy from Word into a plain-text box, a naive table-to-text export) write each table row as its
cells joined by tabs but leave a cell's own line breaks in place, untabbed. A cell of several lines in the middle
of a row then pushes the row's later cells onto a later line:

    1<TAB>Develop clear outcomes<TAB>Review the targets
    Establish the projects<TAB>CT<TAB>April 2022

For each seed below this reads the seed's Word document (tests/fixtures/seeds/NAME.docx) straight from its XML,
not through planparse, and writes tests/fixtures/txt_variants/NAME.tsv-breaks.txt: paragraphs one a line,
each table row as its cells joined by tabs with every paragraph of a cell on a line of its own. A cell merged
with the one above (Word's vertical merge) is written empty, and a cell spanning columns is followed by empty
cells, as a table-to-text export writes them. The fixtures are scored against the seeds' gold readings.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
OUT = ROOT / "tests" / "fixtures" / "txt_variants"
STEMS = ["003_46970d322b9b8053", "004_a45fdb9e1ebc7908"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _para(p: etree._Element) -> str:
    parts: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if el.tag == f"{W}t":
            parts.append(el.text or "")
        elif el.tag == f"{W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts).strip()


def _cell(tc: etree._Element) -> str:
    props = tc.find(f"{W}tcPr")
    merge = props.find(f"{W}vMerge") if props is not None else None
    if merge is not None and merge.get(f"{W}val", "continue") == "continue":
        return ""
    lines = [_para(p) for p in tc.iter(f"{W}p")]
    return "\n".join(line for line in lines if line)


def _span(tc: etree._Element) -> int:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    return int(span.get(f"{W}val")) if span is not None else 1


def render(docx: Path) -> str:
    with zipfile.ZipFile(docx) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    body = root.find(f"{W}body")
    out: list[str] = []
    for el in body:
        if el.tag == f"{W}p":
            text = _para(el)
            if text:
                out.append(text)
        elif el.tag == f"{W}tbl":
            out.append("")
            for tr in el.iter(f"{W}tr"):
                cells: list[str] = []
                for tc in tr.findall(f"{W}tc"):
                    cells.append(_cell(tc))
                    cells.extend([""] * (_span(tc) - 1))
                out.append("\t".join(cells))
            out.append("")
    return "\n".join(out) + "\n"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for stem in STEMS:
        (OUT / f"{stem}.tsv-breaks.txt").write_text(render(SEEDS / f"{stem}.docx"), encoding="utf-8")


if __name__ == "__main__":
    main()
