"""The dashboard's period (dashboard/forms.py): this year unless the address names another,
two dates the coordinator types, and a clear Dutch message for whatever else comes in."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from dashboard.forms import PeriodForm, period_query, quick_periods, year_so_far
from dashboard.periods import Period

from .factories import make_coordinator
from .helpers import assert_form_error_page, text
from .test_hostile_input import SPECIALS

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("dashboard:overview")
ENTER_A_DATE = "Vul een datum in als dag-maand-jaar, bijv. 1-1-2026."


@pytest.fixture
def coordinator_client(client):
    client.force_login(make_coordinator())
    return client


def chosen(query: dict) -> Period | None:
    return PeriodForm.for_query(query).chosen_period()


def test_without_a_period_the_dashboard_shows_this_year_so_far(coordinator_client):
    today = timezone.localdate()
    assert chosen({}) == Period(date(today.year, 1, 1), today)
    response = coordinator_client.get(OVERVIEW)
    assert response.context["period"] == year_so_far(today)
    page = text(response)
    assert f'value="01-01-{today.year}"' in page and f'value="{today:%d-%m-%Y}"' in page
    assert f"Cijfers van 1 januari {today.year} tot en met {date_format(today)}" in page


def test_a_period_that_ends_in_the_future_is_refused(coordinator_client):
    tomorrow = timezone.localdate() + timedelta(days=1)
    query = {"van": "1-1-2030", "tot": "31-12-2030"}
    assert chosen(query) is None
    assert chosen({"van": "1-1-2026", "tot": f"{tomorrow:%d-%m-%Y}"}) is None
    response = coordinator_client.get(OVERVIEW, query)
    assert response.context["count"] is None
    assert "Kies vandaag of een eerdere dag als laatste dag" in text(response)


@pytest.mark.parametrize(
    ("first", "last"),
    [("1-3-2026", "31-3-2026"), ("01-03-2026", "31-03-2026"), ("2026-03-01", "2026-03-31")],
)
def test_a_period_is_two_days_as_typed_or_in_iso(first, last):
    assert chosen({"van": first, "tot": last}) == Period(date(2026, 3, 1), date(2026, 3, 31))


def test_one_day_and_ten_years_are_periods_too():
    assert chosen({"van": "5-5-2026", "tot": "5-5-2026"}) == Period(
        date(2026, 5, 5), date(2026, 5, 5)
    )
    assert chosen({"van": "1-1-2016", "tot": "31-12-2025"}).days == 3653


def test_the_quick_periods_are_this_year_last_year_and_twelve_months():
    (_, this_year), (_, last_year), (_, twelve_months) = quick_periods(date(2026, 3, 15))
    assert this_year == Period(date(2026, 1, 1), date(2026, 3, 15))
    assert last_year == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert twelve_months == Period(date(2025, 4, 1), date(2026, 3, 15))
    assert len(twelve_months.months()) == 12
    (_, _), (_, _), (_, january) = quick_periods(date(2026, 1, 31))
    assert january == Period(date(2025, 2, 1), date(2026, 1, 31))


def test_a_quick_period_is_a_link_the_form_reads_back(coordinator_client):
    last_year = Period.of_year(2025)
    assert period_query(last_year) == "van=01-01-2025&tot=31-12-2025"
    response = coordinator_client.get(f"{OVERVIEW}?{period_query(last_year)}")
    assert response.context["period"] == last_year
    assert 'aria-current="page">' in text(response)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"van": "", "tot": "31-12-2026"}, "van", "Vul de eerste dag in."),
        ({"van": "1-1-2026"}, "tot", "Vul de laatste dag in."),
        ({"van": "31-02-2026", "tot": "31-12-2026"}, "van", ENTER_A_DATE),
        ({"van": "1-1-2026", "tot": "morgen"}, "tot", ENTER_A_DATE),
        (
            {"van": "1-1-2026", "tot": "1-1-2025"},
            "tot",
            "De laatste dag kan niet vóór de eerste liggen.",
        ),
        (
            {"van": "1-1-2000", "tot": "1-1-2026"},
            "tot",
            "Kies een periode van hoogstens tien jaar.",
        ),
        ({"van": "1-1-1999", "tot": "1-1-2000"}, "van", "Kies een datum tussen 2000 en 2099."),
        ({"van": "1-1-2026", "tot": "31-12-9999"}, "tot", "Kies een datum tussen 2000 en 2099."),
    ],
)
def test_a_wrong_period_is_refused_with_a_message_at_its_field(
    coordinator_client, query, field, message
):
    assert PeriodForm.for_query(query).errors[field] == [message]
    response = coordinator_client.get(OVERVIEW, query)
    assert_form_error_page(response, message)
    assert response.context["count"] is None
    assert "Kies hierboven een periode om de cijfers te zien." in text(response)


@pytest.mark.parametrize("hostile", [*SPECIALS, "1-1-2026" + "x" * 100_000])
def test_hostile_input_never_breaks_the_page_or_its_csv(coordinator_client, hostile):
    for query in ({"van": hostile, "tot": "31-12-2026"}, {"van": "1-1-2026", "tot": hostile}):
        response = coordinator_client.get(OVERVIEW, query)
        assert_form_error_page(response)
        assert "<script>alert(1)</script>" not in response.content.decode()
        download = coordinator_client.get(reverse("dashboard:figure_csv", args=["tiers"]), query)
        assert download.status_code == 400
