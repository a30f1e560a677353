"""Library attachments: the content decides what a file is, the name must agree, images
are written anew without metadata, and nothing hostile gets through under a harmless name.

Every sample is built here, in code. Messages are checked in English (their msgids), so
these tests keep passing once the Dutch translations exist.
"""

import io
import re
import struct
import time
import tracemalloc
import unicodedata
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

from knowledge import attachments
from knowledge.attachments import MAX_ATTACHMENT_BYTES, CheckedAttachment, check_attachment

SECRET = "Geheime Locatie Utrecht"
SCRIPT = b"<script>alert(document.cookie)</script>"
EXIF_ORIENTATION = 0x0112
EXIF_ARTIST = 0x013B
EXIF_GPS_IFD = 0x8825

UNSUPPORTED = (
    "This type of file is not accepted. Upload a PDF, an office or OpenDocument file "
    "(Word, Excel, PowerPoint, .odt, .ods, .odp) or an image (JPEG, PNG, GIF, WebP)."
)
TOO_LARGE = "The file is larger than 20 MB. Choose a smaller file."
EMPTY = "The file is empty."
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


def wrong_extension(extension: str, kind: str) -> str:
    return (
        f"The file name ends in {extension}, but the file is a {kind}. "
        "Rename it or choose another file."
    )


# --- Uploading and refusing ------------------------------------------------------------


def check(name: str, data: bytes) -> CheckedAttachment:
    return check_attachment(SimpleUploadedFile(name, data))


def refusal(name_or_upload, data: bytes = b"") -> tuple[str, str]:
    """(code, English message) of the refusal; fails the test if the file is accepted."""
    upload = (
        SimpleUploadedFile(name_or_upload, data)
        if isinstance(name_or_upload, str)
        else name_or_upload
    )
    with pytest.raises(ValidationError) as caught:
        check_attachment(upload)
    with translation.override("en"):
        (message,) = caught.value.messages
    return caught.value.code, message


def stored(result: CheckedAttachment) -> bytes:
    result.content.seek(0)
    return result.content.read()


def assert_random_name(result: CheckedAttachment) -> None:
    assert re.fullmatch(r"[0-9a-f]{32}" + re.escape(result.extension), result.content.name)


# --- Documents -------------------------------------------------------------------------


def pdf() -> bytes:
    """A small but complete PDF: one empty page, with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def zip_of(members: list[tuple[str, bytes]], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


CONTENT_TYPES_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/></Types>'
)
OOXML_MAIN_PART = {
    "word": "word/document.xml",
    "xl": "xl/workbook.xml",
    "ppt": "ppt/presentation.xml",
}


def ooxml(folder: str, extra: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    return zip_of(
        [
            ("[Content_Types].xml", CONTENT_TYPES_XML),
            ("_rels/.rels", b'<?xml version="1.0"?><Relationships/>'),
            (OOXML_MAIN_PART[folder], b'<?xml version="1.0"?><root/>'),
            (f"{folder}/_rels/x.xml.rels", b'<?xml version="1.0"?><Relationships/>'),
            *extra,
        ]
    )


def opendocument(mimetype: bytes) -> bytes:
    """As the OpenDocument standard has it: `mimetype` first and stored uncompressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "content.xml", b"<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED
        )
        archive.writestr(
            "META-INF/manifest.xml", b"<manifest:manifest/>", compress_type=zipfile.ZIP_DEFLATED
        )
    return buffer.getvalue()


def ole2() -> bytes:
    """The header of an OLE2 compound file, as .doc, .xls and .ppt files begin."""
    header = bytearray(512)
    header[0:8] = attachments.OLE2_MAGIC
    header[24:34] = struct.pack("<HHHHH", 0x3E, 0x03, 0xFFFE, 0x09, 0x06)
    return bytes(header) + bytes(1024)


def encrypted(data: bytes) -> bytes:
    """The ZIP with every member marked as encrypted, as any encrypting zip tool marks it."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        central_directory = archive.start_dir
        local_headers = [member.header_offset for member in archive.infolist()]
    for offset in local_headers:
        out[offset + 6] |= 0x1
    position = out.find(b"PK\x01\x02", central_directory)
    while position != -1:
        out[position + 8] |= 0x1
        position = out.find(b"PK\x01\x02", position + 4)
    with zipfile.ZipFile(io.BytesIO(bytes(out))) as archive:
        assert all(member.flag_bits & 0x1 for member in archive.infolist())
    return bytes(out)


OOXML_CASES = [
    ("word", "verslag.docx", ".docx", "wordprocessingml.document"),
    ("xl", "begroting.xlsx", ".xlsx", "spreadsheetml.sheet"),
    ("ppt", "presentatie.pptx", ".pptx", "presentationml.presentation"),
]
OPENDOCUMENT_CASES = [
    (b"application/vnd.oasis.opendocument.text", "notulen.odt", ".odt"),
    (b"application/vnd.oasis.opendocument.spreadsheet", "lijst.ods", ".ods"),
    (b"application/vnd.oasis.opendocument.presentation", "dia.odp", ".odp"),
]


def test_a_pdf_is_stored_as_it_came_under_a_random_name():
    data = pdf()
    result = check("Verslag bijeenkomst.pdf", data)
    assert result.extension == ".pdf"
    assert result.content_type == "application/pdf"
    assert result.download_name == "Verslag bijeenkomst.pdf"
    assert stored(result) == data
    assert_random_name(result)
    assert check("Verslag bijeenkomst.pdf", data).content.name != result.content.name


def test_a_pdf_header_counts_within_the_first_kilobyte_only():
    assert check("oud.pdf", b"\0" * 1023 + pdf()).extension == ".pdf"
    assert refusal("te-laat.pdf", b"\0" * 1024 + pdf()) == ("unsupported_type", UNSUPPORTED)


def test_an_upper_case_extension_is_accepted_and_written_in_lower_case():
    result = check("VERSLAG.PDF", pdf())
    assert result.extension == ".pdf"
    assert result.download_name == "VERSLAG.pdf"


@pytest.mark.parametrize(("folder", "name", "extension", "subtype"), OOXML_CASES)
def test_office_open_xml_files_are_recognised_by_their_parts(folder, name, extension, subtype):
    data = ooxml(folder)
    result = check(name, data)
    assert result.extension == extension
    assert result.content_type == f"application/vnd.openxmlformats-officedocument.{subtype}"
    assert result.download_name == name
    assert stored(result) == data
    assert_random_name(result)


@pytest.mark.parametrize(("mimetype", "name", "extension"), OPENDOCUMENT_CASES)
def test_opendocument_files_are_recognised_by_their_mimetype(mimetype, name, extension):
    data = opendocument(mimetype)
    result = check(name, data)
    assert result.extension == extension
    assert result.content_type == mimetype.decode()
    assert result.download_name == name
    assert stored(result) == data


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("oud.doc", "application/msword"),
        ("oud.xls", "application/vnd.ms-excel"),
        ("oud.ppt", "application/vnd.ms-powerpoint"),
    ],
)
def test_legacy_office_files_take_their_type_from_the_extension(name, content_type):
    result = check(name, ole2())
    assert result.extension == name[-4:]
    assert result.content_type == content_type
    assert stored(result) == ole2()


def test_a_legacy_office_file_is_not_a_docx():
    assert refusal("nieuw.docx", ole2()) == (
        "wrong_extension",
        wrong_extension(".docx", "legacy Office file (.doc, .xls or .ppt)"),
    )


def test_an_opendocument_file_must_carry_the_extension_of_its_own_kind():
    data = opendocument(b"application/vnd.oasis.opendocument.text")
    assert refusal("lijst.ods", data) == (
        "wrong_extension",
        wrong_extension(".ods", "text document (.odt)"),
    )


def test_a_word_file_named_as_a_spreadsheet_is_refused():
    assert refusal("begroting.xlsx", ooxml("word")) == (
        "wrong_extension",
        wrong_extension(".xlsx", "Word document (.docx)"),
    )


def test_a_name_without_extension_is_refused_with_what_the_file_is():
    assert refusal("verslag", pdf()) == (
        "wrong_extension",
        "The file name has no extension, but the file is a PDF document (.pdf). "
        "Rename it or choose another file.",
    )


# --- Images ----------------------------------------------------------------------------


def encode(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def picture(size=(640, 480)) -> Image.Image:
    image = Image.new("RGB", size, "steelblue")
    ImageDraw.Draw(image).ellipse((100, 100, 300, 300), fill="orange")
    return image


def colour_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[EXIF_ARTIST] = SECRET
    if orientation:
        exif[EXIF_ORIENTATION] = orientation
    gps = exif.get_ifd(EXIF_GPS_IFD)
    gps.update({1: "N", 2: (52.0, 5.0, 26.0), 3: "E", 4: (5.0, 7.0, 8.0)})
    return exif


def jpeg_with_metadata(orientation: int | None = None) -> bytes:
    data = encode(
        picture(),
        "JPEG",
        exif=camera_exif(orientation).tobytes(),
        comment=b"geheim commentaar",
        xmp=b"<x:xmpmeta>" + SECRET.encode() + b"</x:xmpmeta>",
        icc_profile=colour_profile(),
    )
    # The input really carries what must disappear.
    with Image.open(io.BytesIO(data)) as check_image:
        assert check_image.getexif().get_ifd(EXIF_GPS_IFD)[1] == "N"
        assert check_image.info["comment"] == b"geheim commentaar"
    assert b"Exif" in data and SECRET.encode() in data
    return data


def jpeg_markers(data: bytes) -> set[int]:
    """The markers of a JPEG's header segments, up to the start of the image data."""
    assert data[:2] == b"\xff\xd8"
    markers, position = set(), 2
    while True:
        assert data[position] == 0xFF
        marker = data[position + 1]
        markers.add(marker)
        if marker == 0xDA:  # start of scan: the compressed pixels follow
            return markers
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunks.append(data[position + 4 : position + 8])
        position += 12 + length
    return chunks


# Only what it takes to draw the picture: no text, EXIF, XMP, colour profile or time.
JPEG_PICTURE_MARKERS = {0xE0, 0xEE, 0xDB, 0xC0, 0xC1, 0xC2, 0xC4, 0xDA, 0xDD}
PNG_PICTURE_CHUNKS = {b"IHDR", b"PLTE", b"IDAT", b"IEND"}


def assert_clean_png(data: bytes) -> None:
    assert set(png_chunks(data)) <= PNG_PICTURE_CHUNKS
    assert SECRET.encode() not in data


def test_a_jpeg_is_written_anew_without_exif_gps_xmp_or_comment():
    upload = jpeg_with_metadata()
    result = check("foto.jpg", upload)
    assert (result.extension, result.content_type) == (".jpg", "image/jpeg")
    assert result.download_name == "foto.jpg"
    assert_random_name(result)
    data = stored(result)
    assert data != upload
    assert jpeg_markers(data) <= JPEG_PICTURE_MARKERS
    for hidden in (b"Exif", b"geheim commentaar", SECRET.encode(), b"xmpmeta", b"ICC_PROFILE"):
        assert hidden not in data
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("JPEG", (640, 480))
        assert not image.getexif()
        assert "comment" not in image.info
        assert image.getpixel((200, 200))[0] > 200  # still the orange circle


def test_a_jpeg_turned_by_its_exif_is_stored_upright():
    result = check("staand.jpeg", jpeg_with_metadata(orientation=6))
    assert result.extension == ".jpg"
    assert result.download_name == "staand.jpg"
    with Image.open(io.BytesIO(stored(result))) as image:
        assert image.size == (480, 640)
        assert not image.getexif()


def test_a_png_keeps_its_transparency_and_loses_its_text_and_exif():
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((100, 50, 200, 150), fill=(200, 0, 0, 255))
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", SECRET)
    text.add_itxt("Comment", SECRET)
    upload = encode(
        image, "PNG", pnginfo=text, exif=camera_exif().tobytes(), icc_profile=colour_profile()
    )
    assert SECRET.encode() in upload and b"eXIf" in upload and b"iCCP" in upload

    result = check("schema.png", upload)
    assert (result.extension, result.content_type) == (".png", "image/png")
    data = stored(result)
    assert_clean_png(data)
    with Image.open(io.BytesIO(data)) as stored_image:
        assert stored_image.getpixel((10, 10))[3] == 0
        assert stored_image.getpixel((150, 100)) == (200, 0, 0, 255)


def test_a_gif_is_stored_as_a_png_of_its_first_frame_with_its_transparency():
    first = Image.new("P", (120, 80), 0)
    first.putpalette([255, 255, 255, 0, 128, 0, 255, 0, 0] + [0] * 759)
    ImageDraw.Draw(first).rectangle((40, 20, 80, 60), fill=1)
    second = Image.new("P", (120, 80), 2)
    second.putpalette([255, 255, 255, 0, 128, 0, 255, 0, 0] + [0] * 759)
    upload = encode(
        first, "GIF", save_all=True, append_images=[second], transparency=0, comment=SECRET
    )
    with Image.open(io.BytesIO(upload)) as animation:
        assert animation.n_frames == 2

    result = check("animatie.gif", upload)
    assert (result.extension, result.content_type) == (".png", "image/png")
    assert result.download_name == "animatie.png"
    data = stored(result)
    assert_clean_png(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert getattr(image, "n_frames", 1) == 1
        rgba = image.convert("RGBA")
        assert rgba.getpixel((60, 40)) == (0, 128, 0, 255)
        assert rgba.getpixel((5, 5))[3] == 0


def test_a_webp_is_stored_as_a_png_of_its_first_frame_without_exif():
    frames = [Image.new("RGB", (100, 100), colour) for colour in ("orange", "navy")]
    upload = encode(
        frames[0],
        "WEBP",
        save_all=True,
        append_images=frames[1:],
        lossless=True,
        exif=camera_exif().tobytes(),
    )
    assert b"EXIF" in upload

    result = check("beeld.webp", upload)
    assert (result.extension, result.content_type) == (".png", "image/png")
    assert result.download_name == "beeld.png"
    data = stored(result)
    assert_clean_png(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.convert("RGB").getpixel((50, 50)) == (255, 165, 0)


@pytest.mark.parametrize("name", ["foto.jpg", "foto.JPEG", "foto.jpeg"])
def test_a_jpeg_may_be_named_jpg_or_jpeg(name):
    assert check(name, encode(picture(), "JPEG")).extension == ".jpg"


# --- Hostile files ---------------------------------------------------------------------


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


# --- Size ------------------------------------------------------------------------------


class OversizedUpload(SimpleUploadedFile):
    """Says it is 20 MB and a byte; reading it fails the test."""

    def __init__(self):
        super().__init__("groot.pdf", pdf())
        self.size = MAX_ATTACHMENT_BYTES + 1

    def read(self, *args, **kwargs):
        raise AssertionError("the content of an oversized file was read")

    def seek(self, *args, **kwargs):
        raise AssertionError("the content of an oversized file was touched")

    def chunks(self, *args, **kwargs):
        raise AssertionError("the content of an oversized file was read")


def test_a_file_over_20_mb_is_refused_before_it_is_read():
    assert refusal(OversizedUpload()) == ("too_large", TOO_LARGE)


def test_a_file_of_exactly_20_mb_is_accepted():
    data = pdf()
    data += b"\n" * (MAX_ATTACHMENT_BYTES - len(data))
    result = check("dik.pdf", data)
    assert result.content.size == MAX_ATTACHMENT_BYTES


def test_a_file_larger_than_it_says_is_refused():
    upload = SimpleUploadedFile("dik.pdf", pdf() + b"\n" * MAX_ATTACHMENT_BYTES)
    upload.size = 1000
    assert refusal(upload) == ("too_large", TOO_LARGE)


def test_an_empty_file_is_refused():
    assert refusal("leeg.pdf", b"") == ("empty", EMPTY)


# --- Download names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "download_name"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\x.pdf", "x.pdf"),
        ("C:\\x\\y.pdf", "y.pdf"),
        ("/var/www/../verslag.pdf", "verslag.pdf"),
        ("ver\x00sl\x07ag\x1b[31m.pdf", "verslag31m.pdf"),
        ("regel een\nregel twee\r\n.pdf", "regel een regel twee.pdf"),
        ("rapport\u202e\u200b.pdf", "rapport.pdf"),
        ("\u202egnp.pdf", "gnp.pdf"),
        ("a<b>c\"d'e&f;g|h*i?j:k%l.pdf", "abcdefghijkl.pdf"),
        ("Verslag   3    &    4  (concept).pdf", "Verslag 3 4 (concept).pdf"),
        ("\ufb01le \uff52\uff45\uff50\uff4f\uff52\uff54.pdf", "file report.pdf"),
        ("Caf\u00e9 re\u0301union \u00fc\u00df \u0645\u0644\u0641.pdf", None),
        ("verslag.PDF.", "verslag.pdf"),
        ("  .verborgen.pdf", "verborgen.pdf"),
        ("--help.pdf", "help.pdf"),
        ("<<>>.pdf", "bijlage.pdf"),
        (".pdf", "bijlage.pdf"),
        ("....pdf", "bijlage.pdf"),
        ("\u202e.pdf", "bijlage.pdf"),
    ],
)
def test_download_names_are_safe(name, download_name):
    result = check(name, pdf())
    if download_name is None:  # letters of every script stay, in their composed form
        download_name = unicodedata.normalize("NFKC", name)
    assert result.download_name == download_name
    assert_random_name(result)


def test_a_right_to_left_override_cannot_hide_the_real_extension():
    # Shown as "factuurexe.pdf", but it ends in .exe.
    assert refusal("factuur\u202efdp.exe", pdf()) == (
        "wrong_extension",
        wrong_extension(".exe", "PDF document (.pdf)"),
    )


def test_a_long_would_be_extension_is_shortened_in_the_message():
    assert refusal("verslag.2024 definitieve versie", pdf()) == (
        "wrong_extension",
        wrong_extension(".2024 defin…", "PDF document (.pdf)"),
    )


def test_a_long_name_is_cut_to_100_characters_keeping_the_extension():
    result = check("a" * 300 + ".docx", ooxml("word"))
    assert result.download_name == "a" * 95 + ".docx"
    assert len(result.download_name) == 100


def test_a_cut_name_ends_in_neither_space_nor_dot():
    result = check("a" * 95 + " .b" + "c" * 200 + ".pdf", pdf())
    assert result.download_name == "a" * 95 + ".pdf"


def test_the_download_name_takes_the_stored_extension():
    gif = encode(picture((20, 20)).convert("P"), "GIF")
    assert check("Foto van de dag.gif", gif).download_name == "Foto van de dag.png"
    assert check("kiekje.JPEG", encode(picture(), "JPEG")).download_name == "kiekje.jpg"


HOSTILE_NAMES = [
    "../" * 50 + "x.pdf",
    "\x00\x01\x02.pdf",
    "\u202e\u2066\u2069\u200f.pdf",
    "a\u0000b\\c/d\r\ne.pdf",
    "\U0001f600" * 200 + ".pdf",
    "\u0301" * 10 + "x.pdf",
    "x" * 10_000 + ".pdf",
    "con.pdf",
    " \"; filename*=UTF-8''evil.html; x=\".pdf",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_every_download_name_holds_only_harmless_characters(name):
    download_name = check(name, pdf()).download_name
    assert len(download_name) <= 100
    assert download_name.endswith(".pdf")
    assert all(
        char in " ._-()" or unicodedata.category(char)[0] in "LM" or char.isdecimal()
        for char in download_name
    )
    assert not download_name.startswith((".", " ", "-"))
    assert all(unicodedata.category(char)[0] != "C" for char in download_name)
