"""Library attachments: the content decides what a document is, and the name must agree
(`knowledge/attachments.py`).

Every sample is built in code (tests/helpers.py). Messages are checked in English (their
msgids), so these tests keep passing once the Dutch translations exist.
"""

import struct

import pytest

from knowledge import attachments

from .samples import (
    UNSUPPORTED,
    assert_random_name,
    check,
    ooxml,
    opendocument,
    pdf,
    refusal,
    stored,
    wrong_extension,
)


def ole2() -> bytes:
    """The header of an OLE2 compound file, as .doc, .xls and .ppt files begin."""
    header = bytearray(512)
    header[0:8] = attachments.OLE2_MAGIC
    header[24:34] = struct.pack("<HHHHH", 0x3E, 0x03, 0xFFFE, 0x09, 0x06)
    return bytes(header) + bytes(1024)


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
