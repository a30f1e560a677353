"""The home page: the next events and the newest public library items, for each role."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import ResourceStatus, Visibility
from sessions_app.models import EventStatus

from .factories import make_event, make_member, make_resource, make_role
from .helpers import MEETING, PUBLIC, login, text

pytestmark = pytest.mark.django_db


NEXT_MEETINGS = "Volgende bijeenkomsten"


@pytest.mark.parametrize(
    ("role", "sees_meeting"),
    [("visitor", False), ("applicant", False), ("member_online", True), ("coordinator", True)],
)
def test_home_shows_next_public_events_and_next_meetings_to_members(client, role, sees_meeting):
    make_event("open-dag", kind=PUBLIC, title="Open dag", days_ahead=5)
    make_event("ledenbijeenkomst", kind=MEETING, title="Ledenbijeenkomst", days_ahead=6)
    make_event("terugblik", kind=PUBLIC, title="Terugblik", days_ahead=-5)
    make_event("concept", kind=PUBLIC, title="Concept", status=EventStatus.DRAFT)
    person = make_role(role)
    if person:
        client.force_login(person)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    public_titles = [e.title for e in response.context["public_events"]]
    assert public_titles[0] == "Open dag"
    assert [e.title for e in response.context["meetings"]] == (
        ["Ledenbijeenkomst"] if sees_meeting else []
    )
    page = text(response)
    assert "Open dag" in page
    assert "Terugblik" not in page
    if role != "coordinator":  # the coordinator sees drafts, as in the agenda
        assert public_titles == ["Open dag"]
        assert "Concept" not in page
    assert ("Ledenbijeenkomst" in page) is sees_meeting
    assert (NEXT_MEETINGS in page) is sees_meeting


def test_home_shows_the_soonest_public_events_first(client):
    for days in (20, 2, 9, 30):
        make_event(f"dag-{days}", kind=PUBLIC, title=f"Dag {days}", days_ahead=days)
    response = client.get(reverse("home"))
    assert [e.title for e in response.context["public_events"]] == ["Dag 2", "Dag 9", "Dag 20"]


def test_the_home_page_lists_the_newest_public_items_only(client, writer):
    now = timezone.now()
    for number in range(6):
        make_resource(f"Openbaar {number}", writer, published_at=now - timedelta(days=number + 1))
    make_resource("Nieuwer ledenstuk", writer, visibility=Visibility.MEMBERS, published_at=now)
    make_resource("Nieuwer concept", writer, status=ResourceStatus.DRAFT)
    for user in [None, make_member("lezer@example.org")]:
        login(client, user)
        response = client.get(reverse("home"))
        assert [r.title for r in response.context["latest_items"]] == [
            f"Openbaar {number}" for number in range(4)
        ]
        content = response.content.decode()
        assert "Nieuwer ledenstuk" not in content and "Nieuwer concept" not in content
