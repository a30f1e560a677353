"""Nothing hostile gets through under a harmless name: polyglots, macros, archives, zip and
decompression bombs, damaged files (`knowledge/attachments.py`).
"""

import io
import time
import tracemalloc
import zipfile

import pytest
from PIL import Image

from knowledge import attachments

from .samples import (
    CONTENT_TYPES_XML,
    UNSUPPORTED,
    assert_clean_png,
    check,
    encode,
    encrypted,
    ooxml,
    opendocument,
    pdf,
    picture,
    refusal,
    stored,
    wrong_extension,
    zip_of,
)

SCRIPT = b"<script>alert(document.cookie)</script>"
TOO_MANY_PIXELS = "This image has too many pixels. Choose an image of at most 25 megapixels."
NOT_A_PDF = (
    "This file says it is a PDF, but it is not a readable PDF document. Save or export it "
    "as PDF again, or choose another file."
)


ZIP_BOMB = (
    "This file unpacks to far more than an office file does (it may be a zip bomb). Save it "
    "again in your office program, or choose another file."
)


DAMAGED_IMAGE = "This image is damaged or cannot be read."
DAMAGED = "This file is damaged or cannot be read."
ENCRYPTED = "This file is protected with a password. Remove the password and upload it again."


def test_html_with_script_named_pdf_is_refused():
    html = b"<!DOCTYPE html><html><body>" + SCRIPT + b"</body></html>"
    assert refusal("factuur.pdf", html) == ("unsupported_type", UNSUPPORTED)


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><!-- %PDF-1.7 --><html><body>" + SCRIPT + b"</body></html>",
        b"%PDF-1.4\n<html><body>" + SCRIPT + b"</body></html>\n%%EOF\n",
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n",
        pdf()[: len(pdf()) // 2],  # cut off: no cross-reference table
        pdf().replace(b"/Count 1", b"/Count 0").replace(b"/Kids [3 0 R]", b"/Kids []"),
    ],
    ids=["html-comment", "html-after-header", "no-pages", "truncated", "zero-pages"],
)
def test_a_file_with_a_pdf_header_but_no_pdf_structure_is_refused(data):
    assert refusal("factuur.pdf", data) == ("not_a_pdf", NOT_A_PDF)


def test_a_program_named_docx_is_refused():
    exe = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(56) + b"This program cannot be run in DOS mode"
    assert refusal("verslag.docx", exe) == ("unsupported_type", UNSUPPORTED)


def test_a_self_extracting_archive_is_no_docx_although_it_holds_one():
    program = b"MZ\x90\x00" + bytes(2000)
    data = program + ooxml("word")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # Python still reads it as a ZIP
        assert "[Content_Types].xml" in archive.namelist()
    assert refusal("verslag.docx", data) == ("unsupported_type", UNSUPPORTED)


def test_a_jpeg_named_pdf_is_refused_with_what_it_really_is():
    assert refusal("scan.pdf", encode(picture(), "JPEG")) == (
        "wrong_extension",
        wrong_extension(".pdf", "JPEG image (.jpg)"),
    )


@pytest.mark.parametrize("name", ["logo.svg", "logo.png", "logo.pdf"])
def test_svg_is_refused_whatever_its_name(name):
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" '
        b'height="10" onload="alert(1)"><rect width="10" height="10"/>' + SCRIPT + b"</svg>"
    )
    assert refusal(name, svg) == ("unsupported_type", UNSUPPORTED)


def test_a_png_zip_polyglot_is_a_png_and_only_its_picture_is_kept():
    polyglot = encode(picture((50, 50)), "PNG") + ooxml("word")
    with zipfile.ZipFile(io.BytesIO(polyglot)) as archive:  # it really is both
        assert "word/document.xml" in archive.namelist()

    assert refusal("verslag.docx", polyglot) == (
        "wrong_extension",
        wrong_extension(".docx", "PNG image (.png)"),
    )
    data = stored(check("plaatje.png", polyglot))
    assert_clean_png(data)
    assert b"PK\x03\x04" not in data
    assert b"[Content_Types]" not in data
    assert not zipfile.is_zipfile(io.BytesIO(data))


def test_a_gif_with_a_script_appended_is_stored_without_it():
    upload = encode(picture((40, 40)).convert("P"), "GIF") + SCRIPT
    assert b"<script" in upload
    result = check("plaatje.gif", upload)
    data = stored(result)
    assert b"<script" not in data.lower()
    assert data.startswith(b"\x89PNG")


def test_a_zip_without_office_parts_named_docx_is_refused():
    data = zip_of([("readme.txt", b"hallo"), ("word.txt", b"geen map")])
    assert refusal("verslag.docx", data) == ("unsupported_type", UNSUPPORTED)


def test_content_types_without_a_part_folder_is_no_office_file():
    data = zip_of([("[Content_Types].xml", CONTENT_TYPES_XML), ("other/x.xml", b"<x/>")])
    assert refusal("verslag.docx", data) == ("unsupported_type", UNSUPPORTED)


def test_a_macro_document_named_docx_is_refused():
    data = ooxml("word", extra=(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro"),))
    assert refusal("verslag.docx", data) == ("unsupported_type", UNSUPPORTED)


@pytest.mark.parametrize(
    "mimetype",
    [
        b"text/html",
        b"application/vnd.oasis.opendocument.text\n",
        b"application/vnd.oasis.opendocument.text-template",
        b"application/vnd.oasis.opendocument.text" + b" " * 200,
    ],
)
def test_an_opendocument_mimetype_must_be_exact(mimetype):
    assert refusal("notulen.odt", opendocument(mimetype)) == ("unsupported_type", UNSUPPORTED)


def test_an_encrypted_zip_is_refused():
    data = encrypted(ooxml("word"))
    assert refusal("geheim.docx", data) == ("encrypted", ENCRYPTED)
    data = encrypted(opendocument(b"application/vnd.oasis.opendocument.text"))
    assert refusal("geheim.odt", data) == ("encrypted", ENCRYPTED)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 100,
        ooxml("word")[:-30],  # the end of the central directory is missing
    ],
)
def test_an_unreadable_zip_is_refused(data):
    assert refusal("kapot.docx", data) == ("damaged", DAMAGED)


def big_member(name: str, megabytes: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        with archive.open(name, "w") as member:
            for _ in range(megabytes):
                member.write(bytes(1024 * 1024))
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_without_unpacking_it():
    bomb = big_member("content.xml", 200)
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    try:
        started = time.perf_counter()
        outcome = refusal("notulen.odt", bomb)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert outcome == ("zip_bomb", ZIP_BOMB)
    assert peak < 10 * 1024 * 1024
    assert elapsed < 1


def test_a_docx_that_unpacks_to_gigabytes_is_refused():
    # The directory records 4 GiB (Zip64) for a member; nothing is unpacked to see it.
    data = bytearray(ooxml("word"))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        sizes = {info.filename: info.file_size for info in archive.infolist()}
    assert refusal_for_recorded_size("verslag.docx", "word/document.xml", 4 * 1024**3) == (
        "zip_bomb",
        ZIP_BOMB,
    )
    assert sum(sizes.values()) < attachments.MAX_UNPACKED_BYTES


def refusal_for_recorded_size(name: str, member: str, size: int) -> tuple[str, str]:
    """An office file whose directory says `member` unpacks to `size` bytes."""
    real = ooxml("word")

    class Recorded(zipfile.ZipFile):
        def _RealGetContents(self):  # noqa: N802 (zipfile's own name)
            super()._RealGetContents()
            info = self.NameToInfo[member]
            info.file_size = size

    original = attachments.zipfile.ZipFile
    attachments.zipfile.ZipFile = Recorded
    try:
        return refusal(name, real)
    finally:
        attachments.zipfile.ZipFile = original


def test_the_unpacked_size_limit_is_inclusive(monkeypatch):
    data = ooxml("word")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        total = sum(info.file_size for info in archive.infolist())
    monkeypatch.setattr(attachments, "MAX_UNPACKED_BYTES", total)
    assert check("verslag.docx", data).extension == ".docx"
    monkeypatch.setattr(attachments, "MAX_UNPACKED_BYTES", total - 1)
    assert refusal("verslag.docx", data) == ("zip_bomb", ZIP_BOMB)


def test_a_member_packed_a_hundred_times_tighter_is_accepted_and_more_is_refused():
    text = bytes(2 * 1024 * 1024)  # zeros pack about a thousand times
    tight = ooxml("word", extra=(("word/media/leeg.bin", text),))
    assert refusal("verslag.docx", tight) == ("zip_bomb", ZIP_BOMB)
    # Stored without compression, the same part is as large as it is: accepted.
    stored_member = zip_of(
        [
            ("[Content_Types].xml", CONTENT_TYPES_XML),
            ("word/document.xml", b'<?xml version="1.0"?><root/>'),
            ("word/media/leeg.bin", text),
        ],
        compression=zipfile.ZIP_STORED,
    )
    assert check("verslag.docx", stored_member).extension == ".docx"
    # A small part may pack tighter (a page of repeated XML): not counted.
    small = ooxml("word", extra=(("word/styles.xml", bytes(512 * 1024)),))
    assert check("verslag.docx", small).extension == ".docx"


def test_too_many_members_are_refused_at_the_exact_count(monkeypatch):
    data = ooxml("word")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        count = len(archive.infolist())
    monkeypatch.setattr(attachments, "MAX_ZIP_MEMBERS", count)
    assert check("verslag.docx", data).extension == ".docx"
    monkeypatch.setattr(attachments, "MAX_ZIP_MEMBERS", count - 1)
    assert refusal("verslag.docx", data) == ("zip_bomb", ZIP_BOMB)


def test_a_huge_mimetype_member_is_not_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w") as member:
            member.write(b"application/vnd.oasis.opendocument.text")
            for _ in range(200):
                member.write(bytes(1024 * 1024))
        archive.writestr("content.xml", b"<x/>")
    bomb = buffer.getvalue()
    tracemalloc.start()
    try:
        assert refusal("notulen.odt", bomb) == ("zip_bomb", ZIP_BOMB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * 1024 * 1024


def bilevel_png(size: tuple[int, int]) -> bytes:
    """A black-and-white picture of `size` pixels: tiny as PNG, huge once decoded."""
    return encode(Image.new("1", size), "PNG")


def test_a_decompression_bomb_png_is_refused():
    bomb = bilevel_png((20000, 20000))  # 400 megapixels
    assert len(bomb) < 100_000
    assert refusal("bom.png", bomb) == ("too_many_pixels", TOO_MANY_PIXELS)


def test_an_image_above_the_pixel_limit_but_below_pillows_own_is_refused():
    data = bilevel_png((8000, 6000))  # 48 megapixels: Pillow itself would not object
    assert Image.MAX_IMAGE_PIXELS > 8000 * 6000
    assert refusal("groot.png", data) == ("too_many_pixels", TOO_MANY_PIXELS)


def test_the_pixel_limit_is_inclusive(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_PIXELS", 100 * 100)
    assert check("precies.png", bilevel_png((100, 100))).extension == ".png"
    assert refusal("te-groot.png", bilevel_png((101, 100))) == (
        "too_many_pixels",
        TOO_MANY_PIXELS,
    )


def test_pillows_decompression_bomb_warning_counts_as_too_many_pixels(monkeypatch):
    # Pillow warns above its own limit and refuses above twice that; a warning refuses too.
    monkeypatch.setattr(attachments, "MAX_PIXELS", 10**12)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100 * 100)
    assert refusal("groot.png", bilevel_png((150, 100))) == ("too_many_pixels", TOO_MANY_PIXELS)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("kapot.png", encode(picture(), "PNG")[:400]),
        ("kapot.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200),
        ("kapot.gif", b"GIF89a\x0a\x00\x0a\x00" + b"\xff" * 20),
        ("kapot.webp", b"RIFF\x20\x00\x00\x00WEBPVP8 " + b"\x00" * 20),
    ],
)
def test_a_damaged_image_is_refused(name, data):
    assert refusal(name, data) == ("damaged", DAMAGED_IMAGE)
