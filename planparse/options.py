"""Parser options, in one validated dataclass."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


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

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_unzipped_bytes", "max_pages"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"Options.{name} must be a positive whole number, not {value!r}")
        if not isinstance(self.fallback_encoding, str) or not self.fallback_encoding:
            raise ValueError("Options.fallback_encoding must name a character set")
