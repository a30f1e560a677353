"""One's own data (`portal/privacy.py`): the JSON export and deleting one's account, which frees
one's places for the waiting list and leaves others' data alone.
"""

import io
import json
import os
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.models import MembershipStatus, Profile, User
from sessions_app.models import EventKind, Registration, RegistrationStatus

from .factories import PASSWORD, make_applicant, make_event, make_member, make_registration
from .helpers import NULL_CHARACTERS, admin_action, assert_form_error_page, snapshot, text

pytestmark = pytest.mark.django_db


WRONG_PASSWORD = "Dat wachtwoord klopt niet."
ENTER_PASSWORD = "Vul je wachtwoord in om je account te verwijderen."


def test_privacy_export_is_a_json_download_of_own_data(client, member):
    profile = member.profile
    profile.bio = "Over mij."
    profile.save()
    profile.expertise.add("buurtwerk", "participatie")
    other = make_member("ander@example.org", display_name="Ander Lid")
    client.force_login(member)
    response = client.get(reverse("members:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="leeratelier-mijn-gegevens-')
    assert disposition.endswith('.json"')

    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["account"]["email_addresses"] == [
        {"email": member.email, "verified": True, "primary": True}
    ]
    assert data["profile"]["display_name"] == profile.display_name
    assert data["profile"]["organisation"] == profile.organisation
    assert data["profile"]["bio"] == "Over mij."
    assert data["profile"]["motivation"] == profile.motivation
    assert data["profile"]["expertise"] == ["buurtwerk", "participatie"]
    assert data["profile"]["participation_level"] == "meetings"
    assert data["profile"]["status"] == "active"
    assert other.email not in response.content.decode()
    assert "Ander Lid" not in response.content.decode()
    assert "password" not in response.content.decode()


def test_privacy_export_works_for_an_account_without_profile(client, user):
    client.force_login(user)
    data = json.loads(client.get(reverse("members:export")).content)
    assert data["account"]["email"] == user.email
    assert data["profile"] is None


def test_privacy_export_needs_login_and_a_get(client, member):
    response = client.get(reverse("members:export"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    client.force_login(member)
    assert client.post(reverse("members:export")).status_code == 405


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("niet-het-wachtwoord", WRONG_PASSWORD),
        ("", ENTER_PASSWORD),
        ("x" * 10_000, WRONG_PASSWORD),
        ("\x00<script>\u202e", NULL_CHARACTERS),
        ("<script>\u202e\x07", WRONG_PASSWORD),
    ],
    ids=["wrong", "empty", "huge", "null-byte", "hostile"],
)
def test_delete_account_with_a_bad_password_deletes_nothing(client, member, password, message):
    client.force_login(member)
    response = client.post(reverse("members:delete_account"), {"password": password})
    assert_form_error_page(response, message)
    assert User.objects.filter(pk=member.pk).exists()
    assert Profile.objects.filter(user=member).exists()
    assert int(client.session["_auth_user_id"]) == member.pk


def test_delete_account_removes_the_person_and_nothing_of_others(
    client, settings, django_capture_on_commit_callbacks
):
    leaving = make_member("weg@example.org", display_name="Vertrekkend Lid")
    staying = make_member("blijf@example.org", display_name="Blijvend Lid")
    for user in (leaving, staying):
        profile = user.profile
        profile.expertise.add("buurtwerk")
        name = profile.user.email.split("@")[0]
        profile.avatar.save(f"{name}.jpg", io.BytesIO(b"large"), save=False)
        profile.avatar_small.save(f"{name}.jpg", io.BytesIO(b"small"), save=False)
        profile.save()
    leaving_files = [leaving.profile.avatar.path, leaving.profile.avatar_small.path]
    staying_files = [staying.profile.avatar.path, staying.profile.avatar_small.path]
    staying_before = snapshot(staying.profile)
    media = str(settings.MEDIA_ROOT)
    assert all(path.startswith(media) for path in leaving_files + staying_files)
    assert all(os.path.exists(path) for path in leaving_files + staying_files)

    client.force_login(leaving)
    response = client.get(reverse("members:delete_account"))
    assert "Je account verwijderen" in text(response)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")

    assert not User.objects.filter(email="weg@example.org").exists()
    assert not Profile.objects.filter(display_name="Vertrekkend Lid").exists()
    assert "_auth_user_id" not in client.session
    assert "Je account en je persoonsgegevens zijn verwijderd." in text(client.get(response.url))
    for path in leaving_files:
        assert not os.path.exists(path), path
    # Nothing of the other member is lost: profile, tags and photo files.
    assert snapshot(staying.profile) == staying_before
    for path in staying_files:
        assert os.path.exists(path), path


def test_deleting_the_approving_coordinator_keeps_the_members_they_approved(client, coordinator):
    applicant = make_applicant()
    client.force_login(coordinator)
    admin_action(client, "approve", applicant.profile)
    client.post(reverse("members:delete_account"), {"password": PASSWORD})
    assert not User.objects.filter(pk=coordinator.pk).exists()
    profile = Profile.objects.get(user=applicant)
    assert profile.status == MembershipStatus.ACTIVE
    assert profile.approved_by is None
    assert profile.approved_at is not None


def test_delete_account_needs_login(client):
    response = client.post(reverse("members:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_status_change_dates_are_recorded(client, member):
    Profile.objects.filter(user=member).update(
        status_changed_at=timezone.now() - timedelta(days=30)
    )
    client.force_login(member)
    before = timezone.now()
    client.post(reverse("members:pause"))
    assert Profile.objects.get(user=member).status_changed_at >= before


def test_deleting_an_account_gives_its_place_to_the_first_on_the_waiting_list(client):
    event = make_event("vol-atelier", capacity=1, title="Vol atelier")
    past = make_event("terugblik", days_ahead=-10)
    leaving = make_member("weg@example.org")
    first = make_member("eerste@example.org", display_name="Eerste Wachtende")
    second = make_member("tweede@example.org")
    now = timezone.now()
    make_registration(event=event, user=leaving, status=RegistrationStatus.CONFIRMED)
    make_registration(event=past, user=leaving, status=RegistrationStatus.CONFIRMED, attended=True)
    for person, waited in ((first, 2), (second, 1)):
        make_registration(
            event=event,
            user=person,
            status=RegistrationStatus.WAITLISTED,
            waitlisted_at=now - timedelta(hours=waited),
        )

    client.force_login(leaving)
    response = client.post(reverse("members:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(email="weg@example.org").exists()

    assert Registration.objects.get(event=event, user=first).status == (
        RegistrationStatus.CONFIRMED
    )
    assert Registration.objects.get(event=event, user=second).status == (
        RegistrationStatus.WAITLISTED
    )
    assert event.registrations.confirmed().count() == 1
    # The attendance history went with the account.
    assert not past.registrations.exists()
    (promoted,) = [message for message in mail.outbox if message.to == [first.email]]
    assert promoted.subject == "Er is een plaats voor je vrijgekomen: Vol atelier"
    assert "Beste Eerste Wachtende," in promoted.body
    assert not [message for message in mail.outbox if message.to == [second.email]]


def test_privacy_export_lists_own_registrations(client, member):
    meeting = make_event("bijeenkomst", title="Bijeenkomst over buurtwerk")
    past = make_event("terugblik", kind=EventKind.PUBLIC, days_ahead=-10, title="Terugblik")
    attended = make_registration(
        event=past,
        user=member,
        status=RegistrationStatus.CONFIRMED,
        attended=True,
        created_at=timezone.now() - timedelta(days=20),
    )
    upcoming = make_registration(event=meeting, user=member, status=RegistrationStatus.WAITLISTED)
    other = make_member("ander@example.org")
    make_registration(event=meeting, user=other, status=RegistrationStatus.CONFIRMED)
    client.force_login(member)
    data = json.loads(client.get(reverse("members:export")).content)
    assert data["registrations"] == [
        {
            "event": "Terugblik",
            "event_start": past.start.isoformat(),
            "status": "confirmed",
            "registered_at": attended.created_at.isoformat(),
            "attended": True,
        },
        {
            "event": "Bijeenkomst over buurtwerk",
            "event_start": meeting.start.isoformat(),
            "status": "waitlisted",
            "registered_at": upcoming.created_at.isoformat(),
            "attended": None,
        },
    ]


def test_deleting_an_account_while_registered_for_an_event_in_progress(client):
    now = timezone.now()
    running = make_event("loopt-nu", start=now - timedelta(hours=1), end=now + timedelta(hours=1))
    coming = make_event("straks", capacity=1)
    leaving = make_member("weg@example.org")
    waiting = make_member("wacht@example.org")
    Registration.objects.create(event=running, user=leaving, status=RegistrationStatus.CONFIRMED)
    Registration.objects.create(event=coming, user=leaving, status=RegistrationStatus.CONFIRMED)
    Registration.objects.create(
        event=coming, user=waiting, status=RegistrationStatus.WAITLISTED, waitlisted_at=now
    )

    client.force_login(leaving)
    response = client.post(reverse("members:delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert not User.objects.filter(email="weg@example.org").exists()
    # The event under way is a record of who came, like past ones: it goes with the account.
    assert not running.registrations.exists()
    # The place for what is still to come is given up as usual.
    assert Registration.objects.get(event=coming, user=waiting).status == (
        RegistrationStatus.CONFIRMED
    )
