"""Files built in code for the attachment tests (PDFs, office and OpenDocument files, images)
and the helpers that run them through `knowledge.attachments.check_attachment`.

Messages are read in English (their msgids), so the tests keep passing once the Dutch
translations exist.
"""

import io
import re
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageDraw

from knowledge.attachments import CheckedAttachment, check_attachment

SECRET = "Geheime Locatie Utrecht"
UNSUPPORTED = (
    "This type of file is not accepted. Upload a PDF, an office or OpenDocument file "
    "(Word, Excel, PowerPoint, .odt, .ods, .odp) or an image (JPEG, PNG, GIF, WebP)."
)


def wrong_extension(extension: str, kind: str) -> str:
    return (
        f"The file name ends in {extension}, but the file is a {kind}. "
        "Rename it or choose another file."
    )


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


def pdf_of(objects: list[bytes], header: bytes = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n") -> bytes:
    """A PDF of these objects (the first is the catalogue), with a correct cross-reference
    table: the structure a PDF reader, and the attachment check, look for."""
    out = bytearray(header)
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


def pdf() -> bytes:
    """A small but complete PDF: one empty page, with a correct cross-reference table."""
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )


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


def encode(image: Image.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def picture(size=(640, 480)) -> Image.Image:
    image = Image.new("RGB", size, "steelblue")
    ImageDraw.Draw(image).ellipse((100, 100, 300, 300), fill="orange")
    return image


def jpeg(size=(96, 96), colour="teal") -> bytes:
    """A plain JPEG photo of one colour."""
    return encode(Image.new("RGB", size, colour), "JPEG")


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunks.append(data[position + 4 : position + 8])
        position += 12 + length
    return chunks


PNG_PICTURE_CHUNKS = {b"IHDR", b"PLTE", b"IDAT", b"IEND"}


def assert_clean_png(data: bytes) -> None:
    assert set(png_chunks(data)) <= PNG_PICTURE_CHUNKS
    assert SECRET.encode() not in data
