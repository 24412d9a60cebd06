"""Workflows of the import journey that read the document and write the pending import (docs/adr/0007).

    pending = start_review(council, user, "plan.docx", data)         # read it; held for review
    pending = read_again(pending, {"columns": {"Lead": "owner"}})    # read it again with hints; edits go

Both raise ``planparse.ParseError`` for a document that cannot be read, and ``read_again`` ValueError for a
hint the parser does not take; the pending import is then unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import planparse
from tracker.accounts.models import Council
from tracker.importers import reading, review, source
from tracker.importers.models import PendingImport


def _read(data: bytes, filename: str, hints: Mapping[str, Any]) -> tuple[dict[str, Any], list[list[Any]]]:
    """The parser's reading as the interchange format, and every reading it weighed (layout, confidence,
    recommendations, actions), best first."""
    parsed = planparse.parse(data, filename=filename, options=planparse.Options(hints=reading.as_hints(hints)))
    candidates = [list(c) for c in (parsed.reading.candidates if parsed.reading else [])]
    return parsed.to_dict(), candidates


def start_review(council: Council, user: Any, filename: str, data: bytes) -> PendingImport:
    """Read an upload and hold it for review, with the document's text as read for the screen beside it."""
    parsed, candidates = _read(data, filename, {})
    return PendingImport.objects.create(
        council=council, uploaded_by=user, filename=filename[:255], data=data, parsed_json=parsed,
        reviewed_json=review.prepare(parsed), candidates=candidates,
        document=source.document_as_read(data, filename))


def document(pending: PendingImport) -> dict[str, Any]:
    """The text as read of a pending import; read now (and kept) for one uploaded before it was stored."""
    if pending.document is None:
        pending.document = source.document_as_read(bytes(pending.data), pending.filename)
        PendingImport.objects.filter(pk=pending.pk).update(document=pending.document)
    return pending.document


def edits_since_reading(pending: PendingImport) -> int:
    """How many changes made on the review screen reading the document again would lose."""
    return reading.edits_since_reading(review.prepare(pending.parsed_json), pending.reviewed_json)


def read_again(pending: PendingImport, hints: Mapping[str, Any]) -> PendingImport:
    """Replace the reading (and every edit made to it) with the parser's reading under ``hints``, which are
    kept with the import so the reading on screen can be made again."""
    hints = {"layout": hints.get("layout") or None, "start": hints.get("start") or None,
             "columns": dict(hints.get("columns") or {})}
    parsed, candidates = _read(bytes(pending.data), pending.filename, hints)
    pending.parsed_json, pending.reviewed_json = parsed, review.prepare(parsed)
    pending.hints, pending.candidates = hints, candidates
    pending.save(update_fields=["parsed_json", "reviewed_json", "hints", "candidates"])
    return pending
