"""Attendance is recorded only for events that have started: in the model and in the admin."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sessions_app.models import Registration, RegistrationStatus

from .factories import make_event, make_member, make_registration
from .helpers import text

pytestmark = pytest.mark.django_db

NOT_STARTED = "Aanwezigheid kun je pas vastleggen als de activiteit is begonnen."


def registration_for(event, email="lid@example.org") -> Registration:
    return make_registration(
        event=event, user=make_member(email), status=RegistrationStatus.CONFIRMED
    )


@pytest.mark.parametrize("attended", [True, False])
def test_the_model_refuses_attendance_before_the_start(attended):
    registration = registration_for(make_event(days_ahead=2))
    registration.attended = attended
    with pytest.raises(ValidationError) as refused:
        registration.full_clean()
    assert refused.value.message_dict == {"attended": [NOT_STARTED]}


def test_the_model_accepts_attendance_once_started_and_unknown_before():
    start = timezone.now() - timedelta(minutes=5)
    started = registration_for(make_event(start=start, end=start + timedelta(hours=2)))
    started.attended = True
    started.full_clean()
    upcoming = registration_for(make_event("later", days_ahead=2), "ander@example.org")
    upcoming.attended = None
    upcoming.full_clean()


def inline_data(event, attended: str) -> dict:
    """The event's change form as the admin posts it, with one registration inline."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    (registration,) = event.registrations.all()
    return {
        "kind": event.kind, "title": event.title, "slug": event.slug,
        "summary": event.summary, "description": event.description, "status": event.status,
        "start_0": start.strftime("%Y-%m-%d"), "start_1": start.strftime("%H:%M:%S"),
        "end_0": end.strftime("%Y-%m-%d"), "end_1": end.strftime("%H:%M:%S"),
        "place": event.place, "online_link": "", "capacity": "",
        "registration_deadline_0": "", "registration_deadline_1": "",
        "registrations-TOTAL_FORMS": "1", "registrations-INITIAL_FORMS": "1",
        "registrations-MIN_NUM_FORMS": "0", "registrations-MAX_NUM_FORMS": "1000",
        "registrations-0-id": str(registration.pk), "registrations-0-event": str(event.pk),
        "registrations-0-attended": attended,
    }  # fmt: skip


def test_the_event_page_in_the_admin_refuses_attendance_before_the_start(client, coordinator):
    event = make_event(days_ahead=3)
    registration = registration_for(event)
    client.force_login(coordinator)
    url = reverse("admin:sessions_app_event_change", args=[event.pk])
    response = client.post(url, inline_data(event, "true"))
    assert response.status_code == 200
    assert NOT_STARTED in text(response)
    registration.refresh_from_db()
    assert registration.attended is None


def test_the_event_page_in_the_admin_records_attendance_once_started(client, coordinator):
    event = make_event(days_ahead=-1)
    registration = registration_for(event)
    client.force_login(coordinator)
    url = reverse("admin:sessions_app_event_change", args=[event.pk])
    response = client.post(url, inline_data(event, "true"))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attended is True


def test_the_registration_page_in_the_admin_refuses_attendance_before_the_start(
    client, coordinator
):
    registration = registration_for(make_event(days_ahead=3))
    client.force_login(coordinator)
    url = reverse("admin:sessions_app_registration_change", args=[registration.pk])
    response = client.post(url, {"attended": "true"})
    assert response.status_code == 200
    assert NOT_STARTED in text(response)
    registration.refresh_from_db()
    assert registration.attended is None


@pytest.mark.parametrize(("action", "value"), [("mark_attended", True), ("mark_absent", False)])
def test_the_actions_skip_events_that_have_not_started_and_say_so(
    client, coordinator, action, value
):
    past = registration_for(make_event("terugblik", days_ahead=-1), "geweest@example.org")
    upcoming = registration_for(make_event("straks", days_ahead=1), "straks@example.org")
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:sessions_app_registration_changelist"),
        {"action": action, "_selected_action": [str(past.pk), str(upcoming.pk)]},
    )
    assert response.status_code == 302
    past.refresh_from_db()
    upcoming.refresh_from_db()
    assert past.attended is value
    assert upcoming.attended is None
    page = text(client.get(response.url))
    assert (
        "1 aanmelding niet gewijzigd: aanwezigheid kun je pas vastleggen als de activiteit "
        "is begonnen."
    ) in page
