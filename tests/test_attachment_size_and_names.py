"""Attachment size limits and safe download names (`knowledge/attachments.py`)."""

import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge.attachments import MAX_ATTACHMENT_BYTES

from .samples import (
    assert_random_name,
    check,
    encode,
    ooxml,
    pdf,
    picture,
    refusal,
    wrong_extension,
)

TOO_LARGE = "The file is larger than 20 MB. Choose a smaller file."
EMPTY = "The file is empty."


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
