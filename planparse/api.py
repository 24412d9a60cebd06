"""The public entry point: ``parse(source) -> Plan``.

A file is sniffed by its content, not trusted by its name: a .pdf that is really a Word document is read as
Word, with a warning. Whatever goes wrong, the caller gets either a Plan or one ParseError, never a traceback
from a library underneath.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from io import BytesIO
from pathlib import Path

from .errors import ParseError
from .model import Plan, Source
from .model import Warning as PlanWarning
from .options import Options

EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".docx": "docx", ".pdf": "pdf",
    ".html": "html", ".htm": "html",
    ".xlsx": "xlsx", ".csv": "csv", ".json": "json",
}
LEADING_MARKUP = re.compile(rb"^(?:\s*(?:<\?xml[^>]*>|<!--.*?-->))*\s*", re.DOTALL)
NAMES = {"txt": "a text file", "docx": "a Word document", "pdf": "a PDF", "html": "a web page",
         "xlsx": "an Excel workbook", "csv": "a CSV file", "json": "a JSON file"}


def parse(source: str | bytes | os.PathLike[str], filename: str | None = None,
          options: Options | None = None) -> Plan:
    """Read an action plan from a path, the file's bytes, or pasted text.

    ``filename`` names the source when ``source`` is bytes or text (it sets the format hint and
    ``plan.source.filename``). Raises ParseError with a one-line message for input that cannot be read.
    """
    options = options or Options()
    original, filename = _load(source, filename, options)
    data = _from_utf16(original)
    if not data.removeprefix(b"\xef\xbb\xbf").strip():  # a byte order mark alone is still empty
        raise ParseError("the file is empty", filename or None)
    fmt, warning = sniff(data, filename)
    plan = _read(fmt, data, options)
    if warning:
        plan.warnings.insert(0, PlanWarning(warning))
    plan.source = Source(filename=os.path.basename(filename) if filename else "", format=fmt,
                         sha256=hashlib.sha256(original).hexdigest())
    if not plan.recommendations and not any("no recommendations" in w.message for w in plan.warnings):
        plan.warn("no recommendations were found in this document: is it an action plan?")
    return plan


def _load(source: str | bytes | os.PathLike[str], filename: str | None,
          options: Options) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str) and (filename is not None or "\n" in source or len(source) > 4096):
        data = source.encode("utf-8")  # pasted text
    else:
        path = Path(source)
        filename = filename or str(path)
        try:
            size = path.stat().st_size
            if size > options.max_bytes:
                raise ParseError(f"the file is {size // 1024 // 1024} MB; the largest accepted is "
                                 f"{options.max_bytes // 1024 // 1024} MB", filename)
            data = path.read_bytes()
        except IsADirectoryError:
            raise ParseError("this is a folder, not a file", filename) from None
        except FileNotFoundError:
            raise ParseError("no such file", filename) from None
        except PermissionError:
            raise ParseError("the file cannot be opened (permission denied)", filename) from None
        except OSError as exc:
            raise ParseError(f"the file cannot be read ({exc.strerror or exc})", filename) from None
    if len(data) > options.max_bytes:
        raise ParseError(f"the file is larger than {options.max_bytes // 1024 // 1024} MB", filename)
    return data, filename or ""


def _from_utf16(data: bytes) -> bytes:
    """UTF-16 text (Excel's "Unicode Text" export, Notepad's "Unicode") as UTF-8; other bytes as they are.

    Only a file that starts with a UTF-16 byte order mark is converted: without one, UTF-16 cannot be told
    from binary data, and the NUL bytes it is full of would have it refused as not a document.
    """
    if data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        return data
    try:
        return data.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError:
        return data


def sniff(data: bytes, filename: str | None) -> tuple[str, str | None]:
    """The format the bytes really are, and a warning where the file name says otherwise."""
    claimed = EXTENSIONS.get(Path(filename).suffix.lower()) if filename else None
    actual = _content_format(data, claimed)
    if actual is None:
        raise ParseError("this is not a document the importer can read (it is not text, Word, PDF, "
                         "HTML, Excel, CSV or JSON)", filename or None)
    warning = None
    if claimed and claimed != actual and not (claimed in ("txt", "csv") and actual in ("txt", "csv")):
        warning = (f"the file is named {Path(filename or '').name!r} but is {NAMES[actual]}; "
                   f"it was read as {NAMES[actual]}")
    return actual, warning


def _content_format(data: bytes, claimed: str | None) -> str | None:
    head = data[:2048].lstrip()
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):
            # A zip we cannot open: say what it was meant to be, so the reader gives the precise error.
            return claimed if claimed in ("docx", "xlsx") else "docx"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ParseError("this is an old-style Office file (.doc/.xls) or an encrypted Office document; "
                         "save it as .docx or .xlsx and try again")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if head[:1] in (b"{", b"[") or claimed == "json":
        try:
            json.loads(data)
            return "json"
        except (ValueError, UnicodeDecodeError):
            # Named .json and shaped like JSON: the JSON reader says where it breaks, rather than the
            # text reader finding no plan in it.
            if claimed == "json" and head[:1] in (b"{", b"["):
                return "json"
    if not _looks_like_text(data):
        return None
    # A page saved by a browser may open with an XML declaration or a "saved from url" comment.
    lowered = LEADING_MARKUP.sub(b"", head[:4096].lower())
    if lowered.startswith((b"<!doctype html", b"<html")) or claimed == "html" and (
            lowered.startswith(b"<") or b"<table" in data[:200000].lower()):
        return "html"
    if claimed == "csv":
        return "csv"
    return "txt"


def _looks_like_text(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls <= len(sample) // 100


def _read(fmt: str, data: bytes, options: Options) -> Plan:
    if fmt == "json":
        from .readers.jsonfile import read_json

        return read_json(data)
    from .layout import read

    if fmt == "txt":
        from .readers.txt import read_txt

        blocks = read_txt(decode(data, options))
    elif fmt == "html":
        from .readers.html import read_html

        blocks = read_html(decode(data, options))
    elif fmt == "docx":
        from .readers.docx import read_docx

        blocks = read_docx(data, options)
    elif fmt == "pdf":
        from .readers.pdf import read_pdf

        blocks = read_pdf(data, options)
    elif fmt == "xlsx":
        from .readers.sheet import read_xlsx

        blocks = read_xlsx(data, options)
    elif fmt == "csv":
        from .readers.sheet import read_csv

        blocks = read_csv(decode(data, options))
    else:  # pragma: no cover - sniff only returns the formats above
        raise ParseError(f"unknown format {fmt}")
    return read(blocks, options.hints)


def decode(data: bytes, options: Options) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(options.fallback_encoding, errors="replace")
