"""'My registrations': one's own registrations, cancelling from the list and the personal feed
address.
"""

import pytest
from django.urls import reverse

from sessions_app import registration as rules
from sessions_app.models import CalendarFeed

from .factories import make_event, make_member
from .helpers import CANCELLED, statuses, text

pytestmark = pytest.mark.django_db


FEED_RENEWED = "Je agenda-adres is vernieuwd; het oude werkt niet meer."


def test_a_member_cancels_from_my_registrations(client, member):
    event = make_event(capacity=1)
    registration = rules.register_member(event, member)
    client.force_login(member)

    response = client.post(reverse("agenda:cancel", args=[registration.token]))

    assert response.status_code == 302
    assert response["Location"] == reverse("agenda:mine")
    assert statuses(registration) == [CANCELLED]


def test_my_registrations_lists_mine_only_with_my_feed_address(client, member):
    mine = make_event("mijn-bijeenkomst", title="Mijn bijeenkomst", capacity=5)
    theirs = make_event("hun-bijeenkomst", title="Hun bijeenkomst", capacity=5)
    dropped = make_event("afgezegd", title="Afgezegd", capacity=5)
    rules.register_member(mine, member)
    rules.register_member(theirs, make_member("ander@example.org"))
    rules.cancel_registration(rules.register_member(dropped, member))
    client.force_login(member)

    response = client.get(reverse("agenda:mine"))

    assert response.status_code == 200
    assert [r.event.title for r in response.context["registrations"]] == ["Mijn bijeenkomst"]
    page = text(response)
    assert "Mijn bijeenkomst" in page
    assert "Hun bijeenkomst" not in page
    feed = CalendarFeed.objects.get(user=member)
    feed_url = response.context["feed_url"]
    assert feed_url.endswith(reverse("agenda:personal_feed", args=[feed.token]))
    assert feed_url in page


def test_my_registrations_needs_a_login(client):
    response = client.get(reverse("agenda:mine"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_renewing_the_feed_address_makes_the_old_one_stop_working(client, member):
    client.force_login(member)
    old_url = client.get(reverse("agenda:mine")).context["feed_url"]
    old_path = old_url.removeprefix("http://testserver")
    assert client.get(old_path).status_code == 200

    response = client.post(reverse("agenda:renew_feed"), follow=True)

    assert FEED_RENEWED in text(response)
    new_url = response.context["feed_url"]
    assert new_url != old_url
    assert client.get(old_path).status_code == 404
    assert client.get(new_url.removeprefix("http://testserver")).status_code == 200


def test_renewing_needs_a_post(client, member):
    client.force_login(member)
    assert client.get(reverse("agenda:renew_feed")).status_code == 405
