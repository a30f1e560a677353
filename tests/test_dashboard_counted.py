"""The dashboard shows a period's figures as last counted (dashboard/counted_figures.py):
a count is kept for DASHBOARD_COUNT_SECONDS per period and language, the page says when it
was made, and the coordinator can count again at once."""

import pickle
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from dashboard.counted_figures import last_count
from dashboard.forms import period_query, year_so_far
from dashboard.periods import Period

from .factories import make_coordinator, make_member, make_user
from .helpers import content

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("dashboard:overview")


def table_rows(html: str, key: str) -> list[list[str]]:
    """The rows of figure `key`'s table as drawn: each row's name, then its values."""
    figure = html.split(f'id="figure-{key}"', 1)[1].split("</table>", 1)[0]
    body = figure.split("<tbody>", 1)[1]
    return [
        [cell.strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def members_now(response) -> int:
    """The number of members today, from the first figure's table (members per level)."""
    return sum(int(row[1]) for row in table_rows(content(response), "members-by-level"))


@pytest.fixture
def coordinator_client(client):
    client.force_login(make_coordinator())
    return client


def test_the_page_shows_the_count_it_kept_and_when_it_was_made(coordinator_client):
    make_member("eerste@example.org")
    first = coordinator_client.get(OVERVIEW)
    make_member("tweede@example.org")
    again = coordinator_client.get(OVERVIEW)

    assert members_now(first) == members_now(again) == 1
    moment = timezone.localtime(first.context["count"].counted_at)
    assert f"Geteld op {moment.day} " in content(again)
    assert again.context["count"].counted_at == moment


def test_counting_again_shows_what_changed_at_once(coordinator_client):
    coordinator_client.get(OVERVIEW)
    make_member("nieuw@example.org")
    period = year_so_far(timezone.localdate())

    response = coordinator_client.post(f"{OVERVIEW}?{period_query(period)}")

    assert response.status_code == 302
    assert response.url == f"{OVERVIEW}?{period_query(period)}"
    assert members_now(coordinator_client.get(response.url)) == 1


def test_each_period_has_its_own_count(coordinator_client):
    coordinator_client.get(OVERVIEW)
    make_member("nieuw@example.org")
    last_year = Period.of_year(timezone.localdate().year - 1)

    response = coordinator_client.get(f"{OVERVIEW}?{period_query(last_year)}")

    assert members_now(response) == 1


def test_without_keeping_every_visit_counts_afresh(coordinator_client, settings):
    settings.DASHBOARD_COUNT_SECONDS = 0
    coordinator_client.get(OVERVIEW)
    make_member("nieuw@example.org")

    assert members_now(coordinator_client.get(OVERVIEW)) == 1


def test_each_language_has_its_own_count():
    period = year_so_far(timezone.localdate())
    with translation.override("nl"):
        dutch = last_count(period)
    with translation.override("en"):
        english = last_count(period)

    def give_and_take_labels(count):
        return [row[0] for row in table_rows(count.html, "give-and-take")]

    assert give_and_take_labels(dutch) == ["Droeg bij", "Droeg niets bij"]
    assert give_and_take_labels(english) == ["Contributed", "Contributed nothing"]


def test_only_the_coordinator_may_count_again_and_only_with_the_forms_token(client):
    period_address = f"{OVERVIEW}?{period_query(year_so_far(timezone.localdate()))}"
    staff = make_user("staf@example.org", is_staff=True)
    client.force_login(staff)
    assert client.post(period_address).status_code == 403
    client.logout()
    assert client.post(period_address).url.startswith(reverse("admin:login"))

    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(make_coordinator())
    assert guarded.post(period_address).status_code == 403


def test_a_count_with_a_wrong_period_counts_nothing(coordinator_client):
    response = coordinator_client.post(f"{OVERVIEW}?van=2026-13-01&tot=morgen")

    assert response.status_code == 200
    assert response.context["count"] is None
    assert "Fout:" in content(response)


def test_the_kept_count_is_its_drawing_and_its_moment_only():
    # The figures behind the drawing, read back on every visit, cost 30 ms to unpickle
    # and now and then a garbage collection: one visit in twenty took over 120 ms.
    period = year_so_far(timezone.localdate())
    make_member("lid@example.org")
    last_count(period)
    kept = cache.get(f"dashboard-count:{period.value}:{translation.get_language()}")
    assert set(vars(kept)) == {"html", "counted_at"}
    assert "members-by-level" in kept.html
    assert len(pickle.dumps(kept)) < len(kept.html.encode()) + 1000
