"""Word and PDF files the importer cannot read: each gives one ParseError with a clear message, never a
traceback from a library underneath. The bad files are made here, from the real fixtures where possible."""

from __future__ import annotations

import hashlib
import io
import random
import tracemalloc
import zipfile

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from _seeds import FIXTURES

from planparse import parse
from planparse.errors import ParseError
from planparse.options import Options
from planparse.readers.pdf import read_pdf

SEEDS = FIXTURES / "seeds"
WORD = SEEDS / "000_434456432017fdb1.docx"
LONG_PDF = SEEDS / "004_a45fdb9e1ebc7908.pdf"  # ten pages


def parse_error(data: bytes, filename: str, options: Options | None = None) -> str:
    with pytest.raises(ParseError) as err:
        parse(data, filename=filename, options=options)
    message = str(err.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# -- Word -------------------------------------------------------------------------------------------------------
def test_truncated_word_document():
    data = WORD.read_bytes()
    for cut in (len(data) // 2, len(data) - 100, 200):
        assert "the Word document is damaged or incomplete" in parse_error(data[:cut], "plan.docx")


def test_word_document_with_broken_xml():
    out = io.BytesIO()
    with zipfile.ZipFile(WORD) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "word/document.xml":
                body = body[: len(body) // 2]  # the XML stops mid-element
            dst.writestr(info.filename, body)
    assert "damaged or incomplete" in parse_error(out.getvalue(), "plan.docx")


def zip_bomb(size: int) -> bytes:
    """A .docx-shaped zip whose document.xml inflates to ``size`` bytes of blank space."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">')
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return out.getvalue()


def test_word_zip_bomb_is_refused_before_it_is_inflated():
    data = zip_bomb(120 * 1024 * 1024)  # 120 MB of spaces packs to about 120 KB
    assert len(data) < 1024 * 1024
    tracemalloc.start()
    try:
        message = parse_error(data, "plan.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "zip bomb" in message
    assert peak < 20 * 1024 * 1024  # refused from the sizes in the zip directory, not after inflating 120 MB


def test_word_zip_bomb_limit_follows_options():
    data = zip_bomb(3 * 1024 * 1024)
    assert "zip bomb" in parse_error(data, "plan.docx", Options(max_unzipped_bytes=2 * 1024 * 1024))


@pytest.mark.parametrize("filename", ["plan.docx", "plan.pdf", "plan"])
def test_random_bytes(filename):
    data = random.Random(7).randbytes(20000)
    message = parse_error(data, filename)
    assert "not a document the importer can read" in message


def test_random_bytes_behind_a_zip_signature():
    data = b"PK\x03\x04" + random.Random(8).randbytes(20000)
    assert "the Word document is damaged or incomplete" in parse_error(data, "plan.docx")


# -- PDF ---------------------------------------------------------------------------------------------------------
def test_random_bytes_behind_a_pdf_signature():
    data = b"%PDF-1.7\n" + random.Random(9).randbytes(20000)
    assert "the PDF is damaged or incomplete" in parse_error(data, "plan.pdf")


def test_truncated_pdf():
    data = LONG_PDF.read_bytes()
    for cut in (len(data) // 3, 2000):
        try:
            blocks = read_pdf(data[:cut])
        except ParseError as err:
            assert "PDF" in str(err)
        else:
            # pdfium can rebuild some truncated files: whatever it reads must still be blocks.
            assert isinstance(blocks, list)


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_pdf(user_password: bytes, owner_password: bytes) -> bytes:
    """A one-page PDF protected by the standard security handler (40-bit RC4, revision 2), built by hand:
    the algorithms of the PDF reference (3.2 for /O, 3.1 for the key, 3.4 for /U)."""
    doc_id = hashlib.md5(b"planparse test").digest()
    permissions = -4
    owner_key = hashlib.md5((owner_password + PAD)[:32]).digest()[:5]
    o_entry = rc4(owner_key, (user_password + PAD)[:32])
    key = hashlib.md5((user_password + PAD)[:32] + o_entry + permissions.to_bytes(4, "little", signed=True)
                      + doc_id).digest()[:5]
    u_entry = rc4(key, PAD)
    content = b"BT /F1 24 Tf 72 700 Td (Action plan) Tj ET"
    object_key = hashlib.md5(key + (4).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
    stream = rc4(object_key, content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o_entry.hex().encode() + b"> /U <" + u_entry.hex().encode()
        + b"> /P %d >>" % permissions,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    hex_id = doc_id.hex().encode()
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, hex_id, hex_id, xref))
    return bytes(out)


def test_password_protected_pdf():
    data = encrypted_pdf(b"secret", b"owner")
    # The file is a real encrypted PDF: with its password, pdfium reads the text.
    pdf = pdfium.PdfDocument(data, password="secret")
    assert "Action plan" in pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert "the PDF is password-protected" in parse_error(data, "plan.pdf")


def test_pdf_protected_only_against_editing_is_read():
    # An empty user password (an owner password only) opens without asking: councils publish such files.
    data = encrypted_pdf(b"", b"owner")
    blocks = read_pdf(data)
    assert [b.text for b in blocks] == ["Action plan"]


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages that hold only a picture, as a scanner makes them: no text layer at all."""
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        page = pdf.new_page(842, 595)
        bitmap = pdfium.PdfBitmap.new_native(200, 140, pdfium_c.FPDFBitmap_BGR)
        bitmap.fill_rect((250, 250, 250, 255), 0, 0, 200, 140)
        bitmap.fill_rect((20, 20, 20, 255), 20, 20, 160, 4)  # a "line of text", as pixels
        image = pdfium.PdfImage.new(pdf)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(800, 560).translate(20, 20))
        page.insert_obj(image)
        page.gen_content()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_scanned_pdf_without_text():
    message = parse_error(scanned_pdf(), "plan.pdf")
    assert "the PDF has no text layer (it is probably scanned)" in message


def test_pdf_longer_than_the_limit():
    message = parse_error(LONG_PDF.read_bytes(), "plan.pdf", Options(max_pages=5))
    assert message.endswith("the PDF has 10 pages; the most the importer reads is 5")


def long_pdf(pages: int) -> bytes:
    """A long committee pack: the ten pages of seed 004's PDF repeated."""
    source = pdfium.PdfDocument(LONG_PDF)
    pdf = pdfium.PdfDocument.new()
    while len(pdf) < pages:
        pdf.import_pages(source, list(range(min(len(source), pages - len(pdf)))))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_500_page_pdf_over_the_limit_is_refused_quickly():
    data = long_pdf(500)
    message = parse_error(data, "pack.pdf", Options(max_pages=400))
    assert "the PDF has 500 pages" in message


@pytest.mark.slow
def test_500_page_pdf_is_read_whole():
    # Its speed is shown by bench/parse.py, not asserted here.
    blocks = read_pdf(long_pdf(500))
    # The same ten pages fifty times: fifty title headings, each followed by its seven plan tables.
    assert sum(1 for b in blocks if getattr(b, "heading", 0) == 1) == 50


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_damaged_copies_of_a_real_file_never_give_a_traceback(suffix):
    # Bytes overwritten here and there, as a bad download or disk leaves them: a plan or one ParseError.
    original = (SEEDS / f"000_434456432017fdb1.{suffix}").read_bytes()
    rng = random.Random(11)
    for _ in range(40):
        data = bytearray(original)
        for _ in range(rng.randint(1, 20)):
            at = rng.randrange(len(data))
            data[at:at + 8] = rng.randbytes(8)
        try:
            parse(bytes(data), filename=f"plan.{suffix}")
        except ParseError as err:
            assert "\n" not in str(err)


def test_word_document_with_a_zip_feature_python_lacks():
    # Found by the test above: zipfile refuses an entry that needs a newer zip version with
    # NotImplementedError, not BadZipFile.
    data = bytearray(WORD.read_bytes())
    entry = data.find(b"PK\x01\x02")  # the first central directory entry
    data[entry + 6] = 99  # "version 9.9 needed to extract"
    assert "the Word document is damaged or incomplete" in parse_error(bytes(data), "plan.docx")
