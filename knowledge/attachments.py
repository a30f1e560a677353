"""Library attachments: checked by their content before anything is stored.

What a file is comes from its bytes, never from its name or the browser's word: a PDF
has ``%PDF-`` in its first kilobyte and the structure pypdf can read (a cross-reference
table, a catalog and at least one page), an older Office file is an OLE2 compound file,
a .docx/.xlsx/.pptx or .odt/.ods/.odp is a ZIP with the parts those formats require,
and an image is one that Pillow can decode. The name's extension must then agree with
what was found, so a file never reaches a reader under a type it does not have.

ZIPs are inspected without being unpacked: only the central directory (the list of
members) is read, plus the tiny ``mimetype`` member of an OpenDocument file, capped at a
few bytes, so a zip bomb has nothing to explode here; one is refused all the same (too
many members, too much unpacked in all, or a member packed too tightly), so that it does
not explode on a reader's computer either. Images are decoded (within a pixel
limit) and written anew, which drops their metadata (location, camera, comments) and
anything hidden in or appended to the original file. The stored name is random; the
upload's name survives only as a cleaned-up download name.
"""

import io
import logging
import re
import struct
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# A 24 megapixel camera's photo (6000 x 4000). A 40 megapixel one took a worker 1-2 s
# and about 300 MB to decode; the size is read from the header, before decoding.
MAX_PIXELS = 25_000_000
MAX_ZIP_MEMBERS = 10_000  # real office files have tens to a few thousand parts
# Office files are ZIPs: real ones unpack to a few times their size (their pictures are
# stored as they are); a zip bomb unpacks to thousands of times its size.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024  # small parts (a page of repeated XML) may pack tighter
MAX_MIMETYPE_BYTES = 100  # the longest OpenDocument mimetype is 46 bytes
PDF_HEADER = b"%PDF-"
PDF_HEADER_WINDOW = 1024  # readers accept a header starting anywhere in the first kilobyte
DOWNLOAD_NAME_MAX_CHARS = 100
FALLBACK_DOWNLOAD_STEM = "bijlage"

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}


@dataclass(frozen=True)
class _Kind:
    label: Promise  # completes "the file is a ...", with the extensions the name may have
    extensions: tuple[str, ...]  # what the upload's name may end in, lowercase
    stored_extension: str | None = None  # None: keep the upload's own extension
    pillow_formats: tuple[str, ...] = ()  # images only: what Pillow may decode it as


PDF = _Kind(_("PDF document (.pdf)"), (".pdf",))
LEGACY_OFFICE = _Kind(_("legacy Office file (.doc, .xls or .ppt)"), (".doc", ".xls", ".ppt"))
DOCX = _Kind(_("Word document (.docx)"), (".docx",))
XLSX = _Kind(_("spreadsheet (.xlsx)"), (".xlsx",))
PPTX = _Kind(_("presentation (.pptx)"), (".pptx",))
ODT = _Kind(_("text document (.odt)"), (".odt",))
ODS = _Kind(_("spreadsheet (.ods)"), (".ods",))
ODP = _Kind(_("presentation (.odp)"), (".odp",))
# MPO: a JPEG with extra pictures (depth or HDR maps), as many phone cameras save them.
JPEG = _Kind(_("JPEG image (.jpg)"), (".jpg", ".jpeg"), ".jpg", ("JPEG", "MPO"))
PNG = _Kind(_("PNG image (.png)"), (".png",), ".png", ("PNG",))
GIF = _Kind(_("GIF image (.gif)"), (".gif",), ".png", ("GIF",))
WEBP = _Kind(_("WebP image (.webp)"), (".webp",), ".png", ("WEBP",))

ACCEPTED_KINDS = (PDF, LEGACY_OFFICE, DOCX, XLSX, PPTX, ODT, ODS, ODP, JPEG, PNG, GIF, WEBP)
# For a file input's `accept` attribute; the content decides all the same.
ACCEPTED_EXTENSIONS = tuple(ext for kind in ACCEPTED_KINDS for ext in kind.extensions)

OOXML_PART_FOLDERS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
OPENDOCUMENT_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
    b"application/vnd.oasis.opendocument.presentation": ODP,
}


@dataclass(frozen=True)
class CheckedAttachment:
    content: ContentFile  # the bytes to store (images re-encoded), under a random name
    extension: str  # ".pdf", ".docx", ".odt", ".jpg", ...
    content_type: str  # the MIME type to serve it with
    download_name: str  # a safe file name for Content-Disposition, from the upload's name


def _too_large() -> ValidationError:
    return ValidationError(
        _("The file is larger than 20 MB. Choose a smaller file."), code="too_large"
    )


def _unsupported() -> ValidationError:
    return ValidationError(
        _(
            "This type of file is not accepted. Upload a PDF, an office or OpenDocument "
            "file (Word, Excel, PowerPoint, .odt, .ods, .odp) or an image (JPEG, PNG, GIF, "
            "WebP)."
        ),
        code="unsupported_type",
    )


def _empty() -> ValidationError:
    return ValidationError(_("The file is empty."), code="empty")


def _damaged() -> ValidationError:
    return ValidationError(_("This file is damaged or cannot be read."), code="damaged")


def _damaged_image() -> ValidationError:
    return ValidationError(_("This image is damaged or cannot be read."), code="damaged")


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("This image has too many pixels. Choose an image of at most 25 megapixels."),
        code="too_many_pixels",
    )


def _zip_bomb() -> ValidationError:
    return ValidationError(
        _(
            "This file unpacks to far more than an office file does (it may be a zip bomb). "
            "Save it again in your office program, or choose another file."
        ),
        code="zip_bomb",
    )


def _not_a_pdf() -> ValidationError:
    return ValidationError(
        _(
            "This file says it is a PDF, but it is not a readable PDF document. Save or "
            "export it as PDF again, or choose another file."
        ),
        code="not_a_pdf",
    )


# --- What the content is ---------------------------------------------------------------


def _detect(data: bytes) -> _Kind:
    """The kind of file `data` is, by its bytes alone; ValidationError if none we accept."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(OLE2_MAGIC):
        return LEGACY_OFFICE
    if data.startswith(ZIP_MAGIC):
        return _detect_zip(data)
    if PDF_HEADER in data[: PDF_HEADER_WINDOW - 1 + len(PDF_HEADER)]:
        _check_pdf_structure(data)
        return PDF
    raise _unsupported()


def _check_pdf_structure(data: bytes) -> None:
    """A header is not a PDF: an HTML page with ``%PDF-`` in a comment has one too.

    pypdf must find the cross-reference table, the catalog and at least one page.
    """
    pypdf_log = logging.getLogger("pypdf")
    was_disabled, pypdf_log.disabled = pypdf_log.disabled, True  # a refusal, not a fault
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                _(
                    "This file is protected with a password. Remove the password and "
                    "upload it again."
                ),
                code="encrypted",
            )
        if len(reader.pages) < 1:
            raise _not_a_pdf()
    except ValidationError:
        raise
    except (
        PyPdfError,
        OSError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        struct.error,
        zlib.error,
        NotImplementedError,
    ):
        raise _not_a_pdf() from None
    finally:
        pypdf_log.disabled = was_disabled


def _detect_zip(data: bytes) -> _Kind:
    """An OpenDocument or Office Open XML file, told apart by its list of members.

    Nothing is unpacked except the `mimetype` member, and of that at most a few bytes.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if any(member.flag_bits & 0x1 for member in members):
                raise ValidationError(
                    _(
                        "This file is protected with a password. Remove the password and "
                        "upload it again."
                    ),
                    code="encrypted",
                )
            _refuse_zip_bombs(members)
            by_name = {member.filename: member for member in members}
            mimetype = by_name.get("mimetype")
            if mimetype is not None and mimetype.file_size <= MAX_MIMETYPE_BYTES:
                with archive.open(mimetype) as stream:
                    value = stream.read(MAX_MIMETYPE_BYTES + 1)
                if value in OPENDOCUMENT_MIMETYPES:
                    return OPENDOCUMENT_MIMETYPES[value]
    except ValidationError:
        raise
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
        RuntimeError,
        struct.error,
        zlib.error,
    ):
        raise _damaged() from None

    names = {name.lower() for name in by_name}
    if "[content_types].xml" in names:
        # A macro project makes it a .docm/.xlsm/.pptm, whatever the name says.
        if any(name.endswith("vbaproject.bin") for name in names):
            raise _unsupported()
        for folder, kind in OOXML_PART_FOLDERS.items():
            if any(name.startswith(folder) for name in names):
                return kind
    raise _unsupported()


def _refuse_zip_bombs(members: list[zipfile.ZipInfo]) -> None:
    """By the sizes the archive's directory records: nothing is unpacked to find out."""
    if len(members) > MAX_ZIP_MEMBERS:
        raise _zip_bomb()
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise _zip_bomb()
    for member in members:
        if (
            member.file_size >= RATIO_CHECKED_FROM_BYTES
            and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        ):
            raise _zip_bomb()


# --- Images ----------------------------------------------------------------------------


def _reencode_image(data: bytes, kind: _Kind) -> bytes:
    """Decode the image (its first frame) and write it anew without any metadata."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=kind.pillow_formats) as probe:
                if probe.format not in kind.pillow_formats:
                    raise _damaged_image()
                if probe.width * probe.height > MAX_PIXELS:
                    raise _too_many_pixels()
                probe.verify()  # checks the file's structure; the image must be reopened
            with Image.open(io.BytesIO(data), formats=kind.pillow_formats) as image:
                image.load()  # the first frame of an animation
                if kind is JPEG:
                    return _as_jpeg(image)
                return _as_png(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        TypeError,
        IndexError,
        KeyError,
        struct.error,
    ):
        raise _damaged_image() from None


def _as_jpeg(image: Image.Image) -> bytes:
    # Dropping the EXIF drops its orientation too: turn the pixels upright first.
    upright = ImageOps.exif_transpose(image)
    if upright.mode not in ("L", "RGB", "CMYK"):
        upright = upright.convert("RGB")
    # Pillow writes a comment it finds in `info` into the new file: the upload's info goes.
    upright.info.clear()
    buffer = io.BytesIO()
    upright.save(buffer, format="JPEG", quality=90, optimize=True)
    return buffer.getvalue()


PNG_MODES = ("1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA")


def _as_png(image: Image.Image) -> bytes:
    # Transparency of a palette or greyscale image lives in `info`, which is cleared
    # below: keep it in an alpha channel instead.
    if "transparency" in image.info or image.mode not in PNG_MODES:
        image = image.convert("RGBA")
    else:
        image = image.copy()
    image.info.clear()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# --- Names -----------------------------------------------------------------------------


NAME_PUNCTUATION = "._-()"


def _is_letter_or_digit(char: str) -> bool:
    # Letters with their combining marks (some scripts need them), and decimal digits.
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def _clean_name(name: str) -> str:
    """The upload's base name, stripped of paths, control and unusual characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFKC", name)
    kept = []
    for char in name:
        if char.isspace():
            kept.append(" ")
        elif char in NAME_PUNCTUATION or _is_letter_or_digit(char):
            kept.append(char)
    # A trailing dot or space is dropped by Windows, so "x.pdf." is "x.pdf" to its user.
    return re.sub(r" {2,}", " ", "".join(kept)).strip().rstrip(" .")


def _split_extension(cleaned: str) -> tuple[str, str]:
    """("report", ".pdf") for "report.pdf"; unlike os.path.splitext, ".pdf" is ("", ".pdf")."""
    stem, dot, extension = cleaned.rpartition(".")
    if not dot:
        return cleaned, ""
    return stem, f".{extension}"


def _download_name(cleaned: str, extension: str) -> str:
    stem = _split_extension(cleaned)[0]
    stem = stem[: DOWNLOAD_NAME_MAX_CHARS - len(extension)]
    stem = stem.strip(" .").lstrip("-").strip(" .")
    return f"{stem or FALLBACK_DOWNLOAD_STEM}{extension}"


def _shortened(extension: str) -> str:
    # "report.2024 final version" has an "extension" too long to repeat in a message.
    return extension if len(extension) <= 12 else f"{extension[:11]}…"


# --- The check -------------------------------------------------------------------------


def check_attachment(uploaded: File) -> CheckedAttachment:
    """Check an uploaded attachment and return what to store and how to serve it.

    Raises ValidationError (a Dutch message, a code) for anything not accepted.
    """
    if uploaded.size > MAX_ATTACHMENT_BYTES:
        raise _too_large()
    if uploaded.size == 0:
        raise _empty()
    uploaded.seek(0)
    data = uploaded.read(MAX_ATTACHMENT_BYTES + 1)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise _too_large()
    if not data:
        raise _empty()

    kind = _detect(data)

    cleaned = _clean_name(uploaded.name or "")
    name_extension = _split_extension(cleaned)[1].lower()
    if not name_extension:
        raise ValidationError(
            _(
                "The file name has no extension, but the file is a %(kind)s. Rename it "
                "or choose another file."
            ),
            code="wrong_extension",
            params={"kind": kind.label},
        )
    if name_extension not in kind.extensions:
        raise ValidationError(
            _(
                "The file name ends in %(extension)s, but the file is a %(kind)s. Rename "
                "it or choose another file."
            ),
            code="wrong_extension",
            params={"extension": _shortened(name_extension), "kind": kind.label},
        )

    extension = kind.stored_extension or name_extension
    if kind.pillow_formats:
        data = _reencode_image(data, kind)
    return CheckedAttachment(
        content=ContentFile(data, name=f"{uuid4().hex}{extension}"),
        extension=extension,
        content_type=CONTENT_TYPES[extension],
        download_name=_download_name(cleaned, extension),
    )
