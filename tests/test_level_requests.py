"""Participation levels: moving up to the meetings level is a request the coordinator decides.

members/participation.py at the function level, then asking, waiting and withdrawing on the
membership page. The coordinator deciding in the admin: tests/test_level_request_decisions.py.
Dutch texts are from locale/nl/LC_MESSAGES/django.po.
"""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from atelier.models import SiteSettings
from members import access, participation
from members.models import (
    LevelRequest,
    LevelRequestStatus,
    MembershipStatus,
    Profile,
)
from sessions_app import registration as rules
from sessions_app.models import EventKind, Registration

from .factories import make_event, make_member
from .helpers import (
    CHOOSE_LEVEL,
    MEETINGS,
    ONLINE,
    PRINTABLE_ONLY,
    PUBLIC_EVENTS,
    approve_in_admin,
    level_of,
    text,
)

pytestmark = pytest.mark.django_db

COORDINATOR_ADDRESS = "coordinatie@example.org"

REQUEST_SENT = (
    "Je verzoek is naar de coördinator gestuurd. Tot het is goedgekeurd, doe je mee zoals "
    "je gewend bent; we mailen je het besluit."
)
REQUEST_WITHDRAWN = "Je verzoek is ingetrokken; je doet mee zoals je gewend bent."
LEVEL_CHANGED = "Je deelnameniveau is gewijzigd."
PENDING_TITLE = "Je verzoek wacht op de coördinator"
ALREADY_WAITING = "Je verzoek voor dit niveau wacht al op de coördinator."
ALREADY_AT_LEVEL = "Je doet al mee op dit niveau. Kies een ander niveau om het te wijzigen."
RESUME_FIRST = (
    "Hervat eerst je lidmaatschap; daarna kun je vragen om mee te doen aan bijeenkomsten."
)
NOTE_TOO_LONG = "Houd de toelichting korter dan 1000 tekens."
MEETINGS_ONLY = "Alleen leden die deelnemen aan bijeenkomsten kunnen zich aanmelden."
SUBJECT_REQUESTED = "Verzoek om een ander deelnameniveau: "


@pytest.fixture
def coordinator_address(db):
    site = SiteSettings.load()
    site.coordinator_email = COORDINATOR_ADDRESS
    site.save()
    return COORDINATOR_ADDRESS


def ask_for_meetings(client, user, captured, note=""):
    client.force_login(user)
    with captured(execute=True):
        return client.post(
            reverse("members:membership"), {"participation_level": MEETINGS, "note": note}
        )


def fresh(user):
    """The user as a new request would load them (access rules cache the profile)."""
    return type(user).objects.select_related("profile").get(pk=user.pk)


# --- Function level ----------------------------------------------------------------------


def test_only_moving_up_to_the_meetings_level_needs_approval(online_member):
    profile = online_member.profile
    assert participation.needs_approval(profile, MEETINGS)
    assert not participation.needs_approval(profile, PUBLIC_EVENTS)
    assert not participation.needs_approval(profile, ONLINE)
    meetings_member = make_member("bijeenkomsten@example.org", MEETINGS)
    assert not participation.needs_approval(meetings_member.profile, MEETINGS)


def test_asking_to_move_up_keeps_the_level_until_approved(online_member):
    outcome = participation.change_level(online_member.profile, MEETINGS, "Graag!")
    assert outcome == participation.LevelChange.REQUESTED
    assert level_of(online_member) == ONLINE
    level_request = LevelRequest.objects.get()
    assert (level_request.level, level_request.previous_level) == (MEETINGS, ONLINE)
    assert level_request.status == LevelRequestStatus.REQUESTED
    assert level_request.note == "Graag!"
    assert level_request.decided_by is None and level_request.decided_at is None


def test_the_database_allows_one_open_request_per_member(online_member):
    profile = online_member.profile
    LevelRequest.objects.create(profile=profile, level=MEETINGS, previous_level=ONLINE)
    with pytest.raises(IntegrityError), transaction.atomic():
        LevelRequest.objects.create(profile=profile, level=MEETINGS, previous_level=ONLINE)
    # Closed requests are history: any number of them.
    LevelRequest.objects.update(status=LevelRequestStatus.WITHDRAWN)
    LevelRequest.objects.create(profile=profile, level=MEETINGS, previous_level=ONLINE)


def test_a_decision_without_a_date_is_refused_by_the_database(online_member):
    with pytest.raises(IntegrityError), transaction.atomic():
        LevelRequest.objects.create(
            profile=online_member.profile,
            level=MEETINGS,
            previous_level=ONLINE,
            status=LevelRequestStatus.APPROVED,
        )


def test_asking_twice_at_once_keeps_the_first_request_and_mails_once(
    online_member, coordinator_address
):
    first = participation.request_level(online_member.profile, MEETINGS)
    second = participation.request_level(online_member.profile, MEETINGS)
    assert first == second
    assert LevelRequest.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_pending_request_gives_no_right_to_register_for_meetings(online_member):
    meeting = make_event("bijeenkomst", kind=EventKind.MEETING)
    participation.change_level(online_member.profile, MEETINGS)
    member = fresh(online_member)
    assert not access.can_register_for_meetings(member)
    with pytest.raises(rules.RegistrationError) as refused:
        rules.register_member(meeting, member)
    assert str(refused.value.message) == MEETINGS_ONLY
    assert not Registration.objects.exists()


def test_approval_moves_the_member_up_and_records_who_and_when(
    online_member, coordinator, django_capture_on_commit_callbacks
):
    meeting = make_event("bijeenkomst", kind=EventKind.MEETING)
    participation.change_level(online_member.profile, MEETINGS)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        count = participation.approve_requests(LevelRequest.objects.all(), coordinator)
    assert count == 1
    level_request = LevelRequest.objects.get()
    assert level_request.status == LevelRequestStatus.APPROVED
    assert level_request.decided_by == coordinator
    assert level_request.decided_at >= before
    assert level_of(online_member) == MEETINGS
    assert rules.register_member(meeting, fresh(online_member)).is_active


def test_decline_leaves_the_member_at_their_level(
    online_member, coordinator, django_capture_on_commit_callbacks
):
    meeting = make_event("bijeenkomst", kind=EventKind.MEETING)
    participation.change_level(online_member.profile, MEETINGS)
    with django_capture_on_commit_callbacks(execute=True):
        count = participation.decline_requests(LevelRequest.objects.all(), coordinator)
    assert count == 1
    level_request = LevelRequest.objects.get()
    assert level_request.status == LevelRequestStatus.DECLINED
    assert level_request.decided_by == coordinator
    assert level_of(online_member) == ONLINE
    with pytest.raises(rules.RegistrationError):
        rules.register_member(meeting, fresh(online_member))


def test_decisions_touch_only_open_requests(online_member, coordinator):
    participation.change_level(online_member.profile, MEETINGS)
    participation.withdraw_request(online_member.profile)
    assert participation.approve_requests(LevelRequest.objects.all(), coordinator) == 0
    assert participation.decline_requests(LevelRequest.objects.all(), coordinator) == 0
    assert LevelRequest.objects.get().status == LevelRequestStatus.WITHDRAWN
    assert level_of(online_member) == ONLINE
    assert mail.outbox == []


def test_moving_down_takes_effect_at_once_and_withdraws_an_open_request(online_member):
    participation.change_level(online_member.profile, MEETINGS)
    outcome = participation.change_level(online_member.profile, PUBLIC_EVENTS)
    assert outcome == participation.LevelChange.CHANGED
    assert level_of(online_member) == PUBLIC_EVENTS
    level_request = LevelRequest.objects.get()
    assert level_request.status == LevelRequestStatus.WITHDRAWN
    assert level_request.withdrawn_at is not None


def test_ending_a_membership_withdraws_an_open_request(online_member):
    participation.change_level(online_member.profile, MEETINGS)
    assert participation.end_membership(online_member.profile)
    assert LevelRequest.objects.get().status == LevelRequestStatus.WITHDRAWN


def test_pausing_keeps_an_open_request(online_member):
    participation.change_level(online_member.profile, MEETINGS)
    assert participation.pause_membership(online_member.profile)
    assert LevelRequest.objects.get().is_open


# --- The member's membership page --------------------------------------------------------


def test_member_asks_for_the_meetings_level_and_the_coordinator_is_told(
    client, online_member, coordinator_address, django_capture_on_commit_callbacks
):
    response = ask_for_meetings(
        client, online_member, django_capture_on_commit_callbacks, "Ik wil graag meepraten."
    )
    assert response.status_code == 302
    assert response.url == reverse("members:membership")
    assert level_of(online_member) == ONLINE
    level_request = LevelRequest.objects.get()
    page = text(client.get(response.url))
    assert REQUEST_SENT in page
    assert PENDING_TITLE in page
    assert "Online platform" in page and "Deelnemer bijeenkomsten" in page
    assert "Verzoek intrekken" in page

    (message,) = mail.outbox
    assert message.to == [coordinator_address]
    assert message.subject == SUBJECT_REQUESTED + "Noor de Vries"
    assert "Noor de Vries (Zuyd Hogeschool) vraagt om deel te nemen als: Deelnemer" in message.body
    assert "Nu: Online platform" in message.body
    assert "Ik wil graag meepraten." in message.body
    admin_url = reverse("admin:members_levelrequest_change", args=[level_request.pk])
    assert admin_url in message.body


def test_a_paused_member_cannot_ask_for_the_meetings_level(
    client, online_member, coordinator_address, django_capture_on_commit_callbacks
):
    participation.pause_membership(online_member.profile)

    response = ask_for_meetings(client, online_member, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert RESUME_FIRST in text(response)
    assert not LevelRequest.objects.exists()
    assert mail.outbox == []
    assert level_of(online_member) == ONLINE


def test_a_paused_or_ended_membership_may_not_ask_at_the_function_level(online_member):
    profile = online_member.profile
    assert participation.may_ask_for(profile, MEETINGS)
    participation.pause_membership(profile)
    assert not participation.may_ask_for(profile, MEETINGS)
    assert participation.may_ask_for(profile, PUBLIC_EVENTS)  # moving down needs no one
    participation.end_membership(profile)
    assert not participation.may_ask_for(profile, MEETINGS)


def test_without_a_coordinator_address_a_request_sends_no_mail(
    client, online_member, django_capture_on_commit_callbacks
):
    ask_for_meetings(client, online_member, django_capture_on_commit_callbacks)
    assert LevelRequest.objects.open().count() == 1
    assert mail.outbox == []


def test_the_profile_page_shows_the_pending_request(
    client, online_member, django_capture_on_commit_callbacks
):
    ask_for_meetings(client, online_member, django_capture_on_commit_callbacks)
    page = text(client.get(reverse("members:my_profile")))
    assert PENDING_TITLE in page
    assert "Bekijk of trek je verzoek in" in page


def test_a_meeting_page_says_the_request_is_waiting(
    client, online_member, django_capture_on_commit_callbacks
):
    meeting = make_event("bijeenkomst", kind=EventKind.MEETING)
    ask_for_meetings(client, online_member, django_capture_on_commit_callbacks)
    page = text(client.get(meeting.get_absolute_url()))
    assert "Je verzoek om je deelnameniveau te wijzigen wacht op de coördinator." in page
    assert "Aanmelden</button>" not in page


def test_a_member_whose_request_is_pending_cannot_register_for_a_meeting(
    client, online_member, django_capture_on_commit_callbacks
):
    meeting = make_event("bijeenkomst", kind=EventKind.MEETING)
    ask_for_meetings(client, online_member, django_capture_on_commit_callbacks)
    response = client.post(reverse("agenda:register", args=[meeting.slug]))
    assert response.status_code == 302
    assert MEETINGS_ONLY in text(client.get(response.url))
    assert not Registration.objects.exists()


def test_after_approval_the_member_registers_for_a_meeting(
    client, online_member, coordinator, django_capture_on_commit_callbacks
):
    meeting = make_event("bijeenkomst", kind=EventKind.MEETING)
    ask_for_meetings(client, online_member, django_capture_on_commit_callbacks)
    approve_in_admin(
        client, coordinator, django_capture_on_commit_callbacks, LevelRequest.objects.get()
    )
    client.force_login(online_member)
    response = client.post(reverse("agenda:register", args=[meeting.slug]))
    assert response.status_code == 302
    assert Registration.objects.get(event=meeting, user=online_member).is_active


def test_after_a_decline_the_member_still_cannot_register(
    client, online_member, coordinator, django_capture_on_commit_callbacks
):
    meeting = make_event("bijeenkomst", kind=EventKind.MEETING)
    ask_for_meetings(client, online_member, django_capture_on_commit_callbacks)
    approve_in_admin(
        client,
        coordinator,
        django_capture_on_commit_callbacks,
        LevelRequest.objects.get(),
        action="decline",
    )
    client.force_login(online_member)
    client.post(reverse("agenda:register", args=[meeting.slug]))
    assert not Registration.objects.exists()
    assert level_of(online_member) == ONLINE
    page = text(client.get(reverse("members:membership")))
    assert PENDING_TITLE not in page


def test_member_withdraws_the_request(client, online_member, django_capture_on_commit_callbacks):
    ask_for_meetings(client, online_member, django_capture_on_commit_callbacks)
    response = client.post(reverse("members:withdraw_level_request"))
    assert response.status_code == 302
    page = text(client.get(response.url))
    assert REQUEST_WITHDRAWN in page
    assert PENDING_TITLE not in page
    level_request = LevelRequest.objects.get()
    assert level_request.status == LevelRequestStatus.WITHDRAWN
    assert level_request.decided_by is None
    assert level_of(online_member) == ONLINE


def test_withdrawing_without_a_request_says_so(client, online_member):
    client.force_login(online_member)
    response = client.post(reverse("members:withdraw_level_request"))
    assert "Er is geen verzoek om in te trekken." in text(client.get(response.url))


def test_withdrawing_is_a_post_for_members_only(client, online_member):
    client.force_login(online_member)
    assert client.get(reverse("members:withdraw_level_request")).status_code == 405
    Profile.objects.filter(user=online_member).update(status=MembershipStatus.ENDED)
    response = client.post(reverse("members:withdraw_level_request"))
    assert response.url == reverse("members:my_profile")


def test_choosing_the_current_level_while_waiting_withdraws_the_request(
    client, online_member, django_capture_on_commit_callbacks
):
    ask_for_meetings(client, online_member, django_capture_on_commit_callbacks)
    response = client.post(reverse("members:membership"), {"participation_level": ONLINE})
    assert REQUEST_WITHDRAWN in text(client.get(response.url))
    assert not LevelRequest.objects.open().exists()


def test_moving_down_is_at_once(client, django_capture_on_commit_callbacks):
    member = make_member(level=MEETINGS)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:membership"), {"participation_level": ONLINE})
    assert LEVEL_CHANGED in text(client.get(response.url))
    assert level_of(member) == ONLINE
    assert not LevelRequest.objects.exists()


def test_the_form_says_that_the_coordinator_approves_moving_up(client, online_member):
    client.force_login(online_member)
    page = text(client.get(reverse("members:membership")))
    assert "De coördinator keurt deze wijziging eerst goed." in page
    client.force_login(make_member("bijeenkomsten@example.org", MEETINGS))
    assert "De coördinator keurt" not in text(client.get(reverse("members:membership")))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"participation_level": ONLINE}, ALREADY_AT_LEVEL),
        ({"participation_level": MEETINGS}, ALREADY_WAITING),
        ({"participation_level": ""}, CHOOSE_LEVEL),
        ({"participation_level": "coordinator"}, "Selecteer een geldige keuze."),
        ({"participation_level": MEETINGS * 2000}, "Selecteer een geldige keuze."),
        ({"participation_level": MEETINGS, "note": "x" * 1001}, NOTE_TOO_LONG),
        ({"participation_level": MEETINGS, "note": "hallo\x00"}, "Null-tekens"),
        ({"participation_level": MEETINGS, "note": "\u202e\u200b"}, PRINTABLE_ONLY),
    ],
    ids=[
        "current-level",
        "already-waiting",
        "empty",
        "wrong",
        "huge-level",
        "huge-note",
        "null-byte",
        "invisible-only",
    ],
)
def test_bad_input_gets_a_dutch_message_and_changes_nothing(
    client, online_member, data, message, django_capture_on_commit_callbacks
):
    if message == ALREADY_WAITING:
        participation.change_level(online_member.profile, MEETINGS)
    requests_before = list(LevelRequest.objects.values())
    client.force_login(online_member)
    response = client.post(reverse("members:membership"), data)
    assert response.status_code == 200
    page = text(response)
    assert "<title>Fout:" in page
    assert message in page
    assert level_of(online_member) == ONLINE
    assert list(LevelRequest.objects.values()) == requests_before


def test_a_hostile_note_is_stored_as_text_and_shown_escaped_to_the_coordinator(
    client, online_member, coordinator, django_capture_on_commit_callbacks
):
    note = "<script>alert(1)</script> Ik\u202e wil\tmee\r\ndoen"
    ask_for_meetings(client, online_member, django_capture_on_commit_callbacks, note)
    level_request = LevelRequest.objects.get()
    assert level_request.note == "<script>alert(1)</script> Ik wil mee\ndoen"
    client.force_login(coordinator)
    page = client.get(
        reverse("admin:members_levelrequest_change", args=[level_request.pk])
    ).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
