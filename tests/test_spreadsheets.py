"""The coordinator's CSV downloads (atelier/spreadsheets.py): cells never run as formulas,
and the file opens as UTF-8."""

import pytest
from django.utils import timezone, translation

from atelier.spreadsheets import csv_number, csv_response, csv_safe


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("Petra Jansen", "Petra Jansen"),
        ("a=b", "a=b"),
        (None, ""),
        (42, "42"),
    ],
)
def test_csv_safe_defuses_what_a_spreadsheet_would_run(value, cell):
    assert csv_safe(value) == cell


def test_csv_response_is_a_dated_utf8_download_with_a_writer():
    response, writer = csv_response("leden")
    writer.writerow(["naam", "café"])
    stamp = timezone.localdate().isoformat()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="leden-{stamp}.csv"'
    # The byte-order mark first, so spreadsheet programs read the file as UTF-8; values
    # separated by semicolons, as a Dutch Excel expects.
    assert response.content.decode("utf-8") == "\ufeffnaam;café\r\n"


def test_in_english_values_are_separated_by_commas_and_decimals_by_a_point():
    with translation.override("en"):
        response, writer = csv_response("members")
        writer.writerow(["name", csv_number(7.4)])
    assert response.content.decode("utf-8") == "\ufeffname,7.4\r\n"


def test_in_dutch_a_fraction_has_a_decimal_comma_and_no_thousands_separator():
    with translation.override("nl"):
        assert csv_number(7.4) == "7,4"
        assert csv_number(12345.5) == "12345,5"
