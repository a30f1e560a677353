"""A change of level or membership releases what the person may no longer have.

Lowering one's level, pausing or ending a membership (by the member, or by the
coordinator in the admin) cancels the upcoming registrations the new state does not
allow, through the normal cancel rule: the waiting list moves up and is told, and the
person gets one e-mail listing what was cancelled. Deleting an account frees places too,
without mailing the person who is leaving. "Mijn aanmeldingen" links only to events the
person may still open. Pausing and ending are confirmed first.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from members import participation
from members.models import MembershipStatus, ParticipationLevel, Profile
from members.signals import membership_changed
from sessions_app import registration as rules
from sessions_app.models import EventKind

from .factories import PASSWORD, make_coordinator, make_event, make_member, make_registration
from .helpers import (
    CANCELLED,
    CONFIRMED,
    SUBJECT_CANCELLED_REGISTRATION,
    SUBJECT_PROMOTED,
    WAITLISTED,
    admin_decision,
    mails_to,
    statuses,
    text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_meeting_with_a_queue(db):
    """The leaving member holds the one place at a meeting; two others wait in line."""
    meeting = make_event("vol-atelier", kind=EventKind.MEETING, capacity=1, title="Vol atelier")
    leaving = make_member("weg@example.org", display_name="Sam Vertrek")
    first = make_member("eerste@example.org", display_name="Eerste Wachtende")
    second = make_member("tweede@example.org")
    held = rules.register_member(meeting, leaving)
    queued = [rules.register_member(meeting, person) for person in (first, second)]
    mail.outbox.clear()
    return meeting, leaving, held, queued


# --- Function level ----------------------------------------------------------------------


def test_a_lower_level_releases_meeting_places_to_the_waiting_list(
    full_meeting_with_a_queue, django_capture_on_commit_callbacks
):
    meeting, leaving, held, (first, second) = full_meeting_with_a_queue
    other_meeting = make_event("tweede-atelier", kind=EventKind.MEETING, days_ahead=14)
    public = make_event("open-dag", kind=EventKind.PUBLIC, days_ahead=10, title="Open dag")
    waiting_elsewhere = rules.register_member(other_meeting, leaving)
    public_registration = rules.register_member(public, leaving)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        participation.change_level(leaving.profile, ParticipationLevel.ONLINE)

    assert statuses(held, waiting_elsewhere) == [CANCELLED, CANCELLED]
    assert statuses(first, second) == [CONFIRMED, WAITLISTED]
    # A public event is still allowed at the new level: that registration stays.
    assert statuses(public_registration) == [CONFIRMED]
    (promoted,) = mails_to(first.user.email)
    assert promoted.subject == SUBJECT_PROMOTED + "Vol atelier"
    assert not mails_to(second.user.email)
    # One e-mail for the person, listing both meetings; no mail per registration.
    (released,) = mails_to(leaving.email)
    assert released.subject == "Je 2 aanmeldingen zijn geannuleerd"
    assert "Beste Sam Vertrek," in released.body
    assert "Je doet nu mee als: Online platform." in released.body
    assert "- Vol atelier, " in released.body
    assert "- Tweede atelier, " in released.body
    assert "Open dag" not in released.body
    # No link to meetings the person can no longer open.
    assert meeting.get_absolute_url() not in released.body
    assert reverse("agenda:mine") in released.body


def test_nothing_to_release_sends_no_mail(django_capture_on_commit_callbacks):
    member = make_member()
    public = make_event("open-dag", kind=EventKind.PUBLIC)
    registration = rules.register_member(public, member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        participation.pause_membership(member.profile)
    assert statuses(registration) == [CONFIRMED]
    assert mail.outbox == []


def test_registrations_of_events_that_have_started_stay(django_capture_on_commit_callbacks):
    start = timezone.now() - timedelta(minutes=30)
    running = make_event(start=start, end=start + timedelta(hours=2))
    member = make_member()
    registration = make_registration(event=running, user=member, status=CONFIRMED)
    with django_capture_on_commit_callbacks(execute=True):
        participation.end_membership(member.profile)
    assert statuses(registration) == [CONFIRMED]
    assert mail.outbox == []


def test_moving_up_releases_nothing(django_capture_on_commit_callbacks):
    coordinator = make_coordinator()
    member = make_member(level=ParticipationLevel.ONLINE)
    public = make_event("open-dag", kind=EventKind.PUBLIC)
    registration = rules.register_member(public, member)
    participation.request_level(member.profile, ParticipationLevel.MEETINGS)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        participation.approve_requests(member.profile.level_requests.all(), coordinator)
    assert statuses(registration) == [CONFIRMED]
    assert [m.subject for m in mail.outbox] == [
        "Je verzoek is goedgekeurd: Deelnemer bijeenkomsten"
    ]


def test_the_signal_is_sent_only_once_the_change_has_committed(
    django_capture_on_commit_callbacks,
):
    member = make_member()
    received = []

    def receiver(sender, profile, **kwargs):
        received.append(profile.status)

    membership_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            participation.pause_membership(member.profile)
        assert received == []
        for callback in callbacks:
            callback()
    finally:
        membership_changed.disconnect(receiver)
    assert received == [MembershipStatus.PAUSED]


# --- Through the member's pages ----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "status", "reason"),
    [
        ("members:pause", MembershipStatus.PAUSED, "Je lidmaatschap is gepauzeerd."),
        ("members:end", MembershipStatus.ENDED, "Je lidmaatschap is beëindigd."),
    ],
    ids=["pause", "end"],
)
def test_pausing_or_ending_releases_the_place_after_confirmation(
    client, full_meeting_with_a_queue, django_capture_on_commit_callbacks, url, status, reason
):
    meeting, leaving, held, (first, second) = full_meeting_with_a_queue
    client.force_login(leaving)

    page = client.get(reverse(url))
    assert page.status_code == 200
    assert "geannuleerd" in text(page)
    assert Profile.objects.get(user=leaving).status == MembershipStatus.ACTIVE
    assert statuses(held) == [CONFIRMED]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(url))
    assert response.status_code == 302
    assert Profile.objects.get(user=leaving).status == status
    assert statuses(held, first, second) == [CANCELLED, CONFIRMED, WAITLISTED]
    assert [m.subject for m in mails_to(first.user.email)] == [SUBJECT_PROMOTED + "Vol atelier"]
    (released,) = mails_to(leaving.email)
    assert released.subject == "Je aanmelding is geannuleerd"
    assert reason in released.body
    assert not [
        m for m in mails_to(leaving.email) if m.subject.startswith(SUBJECT_CANCELLED_REGISTRATION)
    ]


def test_lowering_the_level_on_the_membership_page_releases_the_place(
    client, full_meeting_with_a_queue, django_capture_on_commit_callbacks
):
    meeting, leaving, held, (first, second) = full_meeting_with_a_queue
    client.force_login(leaving)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:membership"), {"participation_level": "public_events"})
    assert statuses(held, first) == [CANCELLED, CONFIRMED]
    assert len(mails_to(leaving.email)) == 1


@pytest.mark.parametrize("action", ["pause", "end"])
def test_the_old_one_click_form_asks_for_confirmation_first(client, member, action):
    client.force_login(member)
    response = client.post(reverse("members:membership"), {"action": action})
    assert response.status_code == 302
    assert response.url == reverse(f"members:{action}")
    assert Profile.objects.get(user=member).status == MembershipStatus.ACTIVE


@pytest.mark.parametrize(
    ("url", "heading", "button"),
    [
        ("members:pause", "Je lidmaatschap pauzeren?", "Ja, pauzeer mijn lidmaatschap"),
        ("members:end", "Je lidmaatschap beëindigen?", "Ja, beëindig mijn lidmaatschap"),
    ],
)
def test_the_confirmation_page_explains_and_offers_a_way_back(client, member, url, heading, button):
    client.force_login(member)
    page = text(client.get(reverse(url)))
    assert f"<h1>{heading}</h1>" in page
    assert button in page
    assert "Nee, ga terug" in page
    # The membership page links to it; nothing changes by following the link.
    membership = text(client.get(reverse("members:membership")))
    assert f'href="{reverse(url)}"' in membership
    assert Profile.objects.get(user=member).status == MembershipStatus.ACTIVE


def test_a_paused_member_cannot_pause_again_but_can_end(client, member):
    Profile.objects.filter(user=member).update(status=MembershipStatus.PAUSED)
    client.force_login(member)
    response = client.get(reverse("members:pause"))
    assert response.url == reverse("members:membership")
    assert client.get(reverse("members:end")).status_code == 200


def test_the_end_confirmation_says_an_open_request_is_withdrawn(client):
    member = make_member(level=ParticipationLevel.ONLINE)
    participation.request_level(member.profile, ParticipationLevel.MEETINGS)
    client.force_login(member)
    page = text(client.get(reverse("members:end")))
    assert "Je verzoek om een ander deelnameniveau wordt ingetrokken." in page


# --- Through the coordinator's admin -----------------------------------------------------


@pytest.mark.parametrize("action", ["pause", "end"])
def test_the_coordinators_bulk_action_releases_places(
    client, full_meeting_with_a_queue, django_capture_on_commit_callbacks, action
):
    meeting, leaving, held, (first, second) = full_meeting_with_a_queue
    client.force_login(make_coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:members_profile_changelist"),
            {"action": action, "_selected_action": [str(leaving.profile.pk)]},
        )
    assert statuses(held, first) == [CANCELLED, CONFIRMED]
    assert len(mails_to(leaving.email)) == 1


def test_a_lower_level_set_in_the_change_form_releases_places(
    client, full_meeting_with_a_queue, django_capture_on_commit_callbacks
):
    meeting, leaving, held, (first, second) = full_meeting_with_a_queue
    profile = leaving.profile
    client.force_login(make_coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:members_profile_change", args=[profile.pk]),
            admin_decision(profile, level="online"),
        )
    assert response.status_code == 302
    assert statuses(held, first) == [CANCELLED, CONFIRMED]
    (released,) = mails_to(leaving.email)
    assert "Je doet nu mee als: Online platform." in released.body


# --- Deleting an account -----------------------------------------------------------------


def test_a_deleted_account_gets_no_cancellation_mail_but_the_waiting_list_is_told(
    client, full_meeting_with_a_queue
):
    meeting, leaving, held, (first, second) = full_meeting_with_a_queue
    address = leaving.email
    client.force_login(leaving)
    response = client.post(reverse("members:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert statuses(first, second) == [CONFIRMED, WAITLISTED]
    assert [m.subject for m in mails_to(first.user.email)] == [SUBJECT_PROMOTED + "Vol atelier"]
    assert not [m for m in mail.outbox if address in m.to]


# --- "Mijn aanmeldingen" -----------------------------------------------------------------


def test_my_registrations_link_only_to_events_the_person_may_still_open(
    client, django_capture_on_commit_callbacks
):
    member = make_member()
    past_meeting = make_event("terugblik", kind=EventKind.MEETING, days_ahead=-20)
    past_public = make_event("open-avond", kind=EventKind.PUBLIC, days_ahead=-10)
    meeting = make_event("bijeenkomst", kind=EventKind.MEETING, capacity=1)
    public = make_event("open-dag", kind=EventKind.PUBLIC)
    for event in (past_meeting, past_public):
        make_registration(event=event, user=member, status=CONFIRMED, attended=True)
    rules.register_member(meeting, member)
    rules.register_member(public, member)
    client.force_login(member)
    page = text(client.get(reverse("agenda:mine")))
    for event in (past_meeting, past_public, meeting, public):
        assert f'href="{event.get_absolute_url()}"' in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:end"))
    page = text(client.get(reverse("agenda:mine")))
    # The released meeting is gone; the past one is named but not linked.
    assert meeting.title not in page
    assert past_meeting.title in page
    assert f'href="{past_meeting.get_absolute_url()}"' not in page
    assert client.get(past_meeting.get_absolute_url()).status_code == 404
    for event in (past_public, public):
        assert f'href="{event.get_absolute_url()}"' in page


def test_my_registrations_cost_the_same_queries_with_visibility(client, django_assert_num_queries):
    member = make_member()
    for number in range(5):
        event = make_event(f"bijeenkomst-{number}", days_ahead=number + 1)
        make_registration(event=event, user=member, status=CONFIRMED)
        past = make_event(f"terugblik-{number}", days_ahead=-number - 1)
        make_registration(event=past, user=member, status=CONFIRMED)
    client.force_login(member)
    client.get(reverse("agenda:mine"))  # the calendar feed row is made on the first visit
    caches["pages"].clear()
    with django_assert_num_queries(6):
        assert client.get(reverse("agenda:mine")).status_code == 200


def test_a_registration_page_from_an_e_mail_links_only_to_an_event_one_may_open(
    client, full_meeting_with_a_queue, django_capture_on_commit_callbacks
):
    meeting, leaving, held, queued = full_meeting_with_a_queue
    public = make_event("open-dag", kind=EventKind.PUBLIC)
    guest = rules.register_guest(public, "Ans", "ans@example.org")
    client.force_login(leaving)
    cancel_url = reverse("agenda:cancel", args=[held.token])
    assert f'href="{meeting.get_absolute_url()}"' in text(client.get(cancel_url))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:end"))
    page = text(client.get(cancel_url))
    assert meeting.title in page
    assert f'href="{meeting.get_absolute_url()}"' not in page
    # A guest's link still leads to the public event, before and after confirming.
    client.logout()
    confirm_url = reverse("agenda:confirm", args=[guest.token])
    assert f'href="{public.get_absolute_url()}"' in text(client.get(confirm_url))
    assert f'href="{public.get_absolute_url()}"' in text(client.post(confirm_url))
