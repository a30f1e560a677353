"""The agenda in the coordinator's admin: fill rate, the CSV export, cancelling, planning a series,
registrations and attendance; always through the registration rules.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sessions_app import registration as rules
from sessions_app.models import Event, EventStatus

from .factories import make_event, make_event_at, make_member, make_registration, members
from .helpers import (
    CANCELLED,
    CONFIRMED,
    FUTURE_YEAR,
    MEETING,
    ONLINE_LINK,
    PUBLIC,
    SUBJECT_CANCELLED_REGISTRATION,
    SUBJECT_EVENT_CANCELLED,
    SUBJECT_PROMOTED,
    WAITLISTED,
    content,
    local,
    soon,
    statuses,
)

pytestmark = pytest.mark.django_db


def admin_post_action(client, model: str, action: str, pks, **extra):
    url = reverse(f"admin:sessions_app_{model}_changelist")
    data = {"action": action, "_selected_action": [str(pk) for pk in pks], **extra}
    return client.post(url, data)


def test_changelist_shows_fill_rate_and_filters_by_kind_and_time(admin_client, agenda):
    event = agenda["public"]
    event.capacity = 4
    event.save()
    for person in members(3):
        rules.register_member(event, person)
    url = reverse("admin:sessions_app_event_changelist")

    response = admin_client.get(url)

    assert response.status_code == 200
    assert "3 / 4 (75%)" in content(response)
    assert response.context["cl"].date_hierarchy == "start"

    def listed(query):
        page = admin_client.get(url + query)
        assert page.status_code == 200
        return {event.title for event in page.context["cl"].result_list}

    assert listed("?kind__exact=public") == {"Open dag", "Concept", "Terugblik"}
    assert listed("?kind__exact=meeting") == {"Ledenbijeenkomst", "Oud overleg"}
    assert listed("?status__exact=draft") == {"Concept"}
    assert listed("?wanneer=komend") == {"Open dag", "Ledenbijeenkomst", "Concept"}
    assert listed("?wanneer=voorbij") == {"Terugblik", "Oud overleg"}
    assert listed("?wanneer=komend&kind__exact=public") == {"Open dag", "Concept"}


def test_change_form_shows_the_registrations_inline(admin_client):
    event = make_event(capacity=5)
    person = make_member()
    rules.register_member(event, person)

    response = admin_client.get(reverse("admin:sessions_app_event_change", args=[event.pk]))

    assert response.status_code == 200
    assert person.email in content(response)
    assert person.profile.display_name in content(response)


def read_csv(response) -> list[list[str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))


def test_export_registrations_as_csv_with_formulas_defused(admin_client):
    event = make_event("open-dag", kind=PUBLIC, capacity=5, title="Open dag")
    person = make_member()
    rules.register_member(event, person)
    rules.register_guest(event, '=HYPERLINK("http://evil.example","klik")', "eve@example.org")
    rules.register_guest(event, "+31 6 1234", "plus@example.org")
    make_event("andere", kind=PUBLIC)  # not selected

    response = admin_post_action(admin_client, "event", "export_registrations", [event.pk])

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    header, *rows = read_csv(response)
    assert header[0] == "activiteit"
    assert header[2:4] == ["naam", "e-mailadres"]
    assert len(rows) == 3
    assert all(row[0] == "Open dag" and len(row) == len(header) for row in rows)
    names = {row[2] for row in rows}
    assert '\'=HYPERLINK("http://evil.example","klik")' in names
    assert "'+31 6 1234" in names
    assert person.profile.display_name in names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_cancel_action_cancels_and_mails_everyone_registered(admin_client):
    event = make_event("open-dag", kind=PUBLIC, capacity=1, title="Open dag")
    people = members(2)
    for person in people:
        rules.register_member(event, person)
    mail.outbox.clear()

    response = admin_post_action(admin_client, "event", "cancel_events", [event.pk])

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all(m.subject == SUBJECT_EVENT_CANCELLED + "Open dag" for m in mail.outbox)

    mail.outbox.clear()
    admin_post_action(admin_client, "event", "cancel_events", [event.pk])
    assert mail.outbox == []  # a cancelled event is not cancelled (and announced) again


def test_plan_series_copies_an_event_to_new_dates_at_a_fixed_interval(admin_client):
    start = local(FUTURE_YEAR, 2, 11, 14, 0)
    original = make_event_at(
        "atelier", start, hours=3, title="Atelier", capacity=12,
        registration_deadline=start - timedelta(days=2), online_link=ONLINE_LINK,
    )  # fmt: skip
    rules.register_member(original, make_member())

    form_page = admin_post_action(admin_client, "event", "plan_series", [original.pk])

    assert form_page.status_code == 200
    assert 'name="first_start"' in content(form_page)
    assert Event.objects.count() == 1

    response = admin_post_action(
        admin_client, "event", "plan_series", [original.pk],
        apply="1", first_start=f"{FUTURE_YEAR}-03-11 14:00", count="3", interval_weeks="4",
    )  # fmt: skip

    assert response.status_code == 302
    copies = list(Event.objects.exclude(pk=original.pk).order_by("start"))
    assert len(copies) == 3
    first = local(FUTURE_YEAR, 3, 11, 14, 0)
    for number, copy in enumerate(copies):
        local_start = timezone.localtime(copy.start)
        # Four weeks apart on the calendar, always at 14:00 Amsterdam time (across summer time).
        assert local_start.date() == (first + timedelta(weeks=4 * number)).date()
        assert (local_start.hour, local_start.minute) == (14, 0)
        assert copy.end - copy.start == timedelta(hours=3)
        assert copy.start - copy.registration_deadline == timedelta(days=2)
        assert copy.status == EventStatus.DRAFT
        assert (copy.title, copy.kind, copy.capacity, copy.place, copy.online_link) == (
            "Atelier", MEETING, 12, original.place, ONLINE_LINK,
        )  # fmt: skip
        assert copy.slug != original.slug
        assert not copy.registrations.exists()
    assert len({copy.slug for copy in copies}) == 3


def test_plan_series_with_bad_input_shows_the_form_again(admin_client):
    original = make_event("atelier")
    response = admin_post_action(
        admin_client, "event", "plan_series", [original.pk],
        apply="1", first_start="geen datum", count="0", interval_weeks="4",
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"first_start", "count"}
    assert Event.objects.count() == 1


def admin_change_data(event: Event, **changes) -> dict:
    """What the admin's change form posts for an event, with its registrations inline."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    data = {
        "kind": event.kind, "title": event.title, "slug": event.slug,
        "summary": event.summary, "description": event.description, "status": event.status,
        "start_0": start.strftime("%Y-%m-%d"), "start_1": start.strftime("%H:%M:%S"),
        "end_0": end.strftime("%Y-%m-%d"), "end_1": end.strftime("%H:%M:%S"),
        "place": event.place, "online_link": event.online_link,
        "capacity": "" if event.capacity is None else str(event.capacity),
        "registration_deadline_0": "", "registration_deadline_1": "",
    }  # fmt: skip
    registrations = list(event.registrations.all())
    data.update({
        "registrations-TOTAL_FORMS": str(len(registrations)),
        "registrations-INITIAL_FORMS": str(len(registrations)),
        "registrations-MIN_NUM_FORMS": "0",
        "registrations-MAX_NUM_FORMS": "1000",
    })  # fmt: skip
    for number, registration in enumerate(registrations):
        data[f"registrations-{number}-id"] = str(registration.pk)
        data[f"registrations-{number}-event"] = str(event.pk)
        data[f"registrations-{number}-attended"] = "unknown"
    data.update(changes)
    return data


def test_more_places_in_the_change_form_move_people_up_from_the_waiting_list(admin_client):
    event = make_event("open-dag", kind=PUBLIC, capacity=1)
    registrations = [rules.register_member(event, person) for person in members(4)]
    mail.outbox.clear()
    url = reverse("admin:sessions_app_event_change", args=[event.pk])

    response = admin_client.post(url, admin_change_data(event, capacity="3"))

    assert response.status_code == 302, response.context["errors"]
    event.refresh_from_db()
    assert event.capacity == 3
    assert statuses(*registrations) == [CONFIRMED, CONFIRMED, CONFIRMED, WAITLISTED]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.user.email for r in registrations[1:3])
    assert all(m.subject.startswith(SUBJECT_PROMOTED) for m in mail.outbox)


def test_choosing_cancelled_in_the_change_form_tells_everyone_registered(admin_client):
    event = make_event("open-dag", kind=PUBLIC, capacity=1, title="Open dag")
    holder, queued = members(2)
    rules.register_member(event, holder)
    rules.register_member(event, queued)
    rules.register_guest(event, "Ans", "ans@example.org")  # not confirmed yet: told too
    mail.outbox.clear()
    url = reverse("admin:sessions_app_event_change", args=[event.pk])

    response = admin_client.post(url, admin_change_data(event, status=EventStatus.CANCELLED))

    assert response.status_code == 302, response.context["errors"]
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [holder.email, queued.email, "ans@example.org"]
    )
    assert all(m.subject == SUBJECT_EVENT_CANCELLED + "Open dag" for m in mail.outbox)

    mail.outbox.clear()
    event.refresh_from_db()
    admin_client.post(url, admin_change_data(event, summary="Gaat niet door."))
    assert mail.outbox == []  # saving a cancelled event again announces nothing


def test_cancel_registrations_action_cancels_and_moves_the_first_in_line_up(admin_client):
    event = make_event("open-dag", kind=PUBLIC, capacity=1, title="Open dag")
    holder, first, second = members(3)
    registrations = [rules.register_member(event, person) for person in (holder, first, second)]
    mail.outbox.clear()

    response = admin_post_action(
        admin_client, "registration", "cancel_registrations", [registrations[0].pk]
    )

    assert response.status_code == 302
    assert statuses(*registrations) == [CANCELLED, CONFIRMED, WAITLISTED]
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        holder.email: SUBJECT_CANCELLED_REGISTRATION + "Open dag",
        first.email: SUBJECT_PROMOTED + "Open dag",
    }


def test_cancel_registrations_action_keeps_registrations_of_started_events(admin_client):
    start = soon(-1)
    event = make_event(capacity=5, start=start, end=start + timedelta(hours=3))
    registration = make_registration(event=event, user=make_member(), status=CONFIRMED)

    response = admin_post_action(
        admin_client, "registration", "cancel_registrations", [registration.pk]
    )

    assert response.status_code == 302
    assert statuses(registration) == [CONFIRMED]
    assert mail.outbox == []


def test_mark_attended_action_marks_confirmed_registrations(admin_client):
    event = make_event(capacity=1, days_ahead=-1)
    came, queued = members(2)
    came_registration = make_registration(event=event, user=came, status=CONFIRMED)
    queued_registration = make_registration(event=event, user=queued, status=WAITLISTED)

    response = admin_post_action(
        admin_client,
        "registration",
        "mark_attended",
        [came_registration.pk, queued_registration.pk],
    )

    assert response.status_code == 302
    came_registration.refresh_from_db()
    queued_registration.refresh_from_db()
    assert came_registration.attended is True
    assert queued_registration.attended is None

    admin_post_action(admin_client, "registration", "mark_absent", [came_registration.pk])
    came_registration.refresh_from_db()
    assert came_registration.attended is False


def test_the_coordinator_cannot_add_registrations_around_the_rules(admin_client):
    response = admin_client.get(reverse("admin:sessions_app_registration_add"))
    assert response.status_code == 403
