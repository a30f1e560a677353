"""Why an event's page offers no registration: the agenda's own reason, not the template's."""

from datetime import timedelta

import pytest
from django.utils import timezone

from knowledge.models import Resource
from sessions_app.models import EventKind, EventStatus

from .factories import make_event
from .helpers import REGISTRATION_CLOSED

pytestmark = pytest.mark.django_db

EVENT_CANCELLED = "Deze activiteit is geannuleerd."


def test_an_event_past_its_deadline_says_registration_has_closed(client):
    event = make_event(
        "deadline-voorbij",
        kind=EventKind.PUBLIC,
        registration_deadline=timezone.now() - timedelta(hours=1),
    )
    page = client.get(event.get_absolute_url())
    assert page.context["closed_reason"] == REGISTRATION_CLOSED
    assert REGISTRATION_CLOSED in page.content.decode()


def test_a_cancelled_event_says_it_is_cancelled_where_one_registers(client):
    event = make_event("afgelast", kind=EventKind.PUBLIC, status=EventStatus.CANCELLED)
    page = client.get(event.get_absolute_url())
    assert page.context["closed_reason"] == EVENT_CANCELLED
    assert REGISTRATION_CLOSED not in page.content.decode()


def test_an_open_event_has_no_reason_to_be_closed(client):
    event = make_event("open", kind=EventKind.PUBLIC)
    page = client.get(event.get_absolute_url())
    assert page.context["closed_reason"] is None


@pytest.mark.parametrize(
    "title, says_report",
    [("Verslag: de buurtavond", True), ("verslag van de buurtavond", True), ("Buurtavond", False)],
)
def test_a_report_whose_title_says_so_needs_no_label(title, says_report):
    assert Resource(title=title).title_says_report is says_report
