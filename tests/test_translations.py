"""Dutch first: every string of the site has a correct Dutch translation."""

import re
import subprocess
from pathlib import Path

PO_FILE = Path(__file__).resolve().parent.parent / "locale/nl/LC_MESSAGES/django.po"


def msgfmt_statistics(po_file: Path) -> str:
    # --check also verifies that placeholders like %(name)s match between the languages.
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        env={"LANG": "C", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_every_string_has_a_dutch_translation():
    statistics = msgfmt_statistics(PO_FILE)
    translated = int(re.search(r"(\d+) translated messages", statistics).group(1))
    assert translated > 50
    assert "fuzzy" not in statistics
    assert "untranslated" not in statistics


def test_the_check_notices_a_missing_translation(tmp_path):
    po_file = tmp_path / "django.po"
    po_file.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Hello"\nmsgstr ""\n\n#, fuzzy\nmsgid "Bye"\nmsgstr "Doei"\n',
        encoding="utf-8",
    )
    statistics = msgfmt_statistics(po_file)
    assert "1 fuzzy" in statistics
    assert "1 untranslated" in statistics
