"""A member's own membership: pause, resume, end and change the participation level."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import MembershipStatus, ParticipationLevel, Profile, User

from .factories import make_profile, make_user
from .helpers import CHOOSE_LEVEL, assert_form_error_page, invalid_choice, snapshot, text

pytestmark = pytest.mark.django_db


def test_member_pauses_membership_and_loses_member_access(client, member):
    client.force_login(member)
    response = client.post(reverse("members:pause"))
    assert response.status_code == 302
    assert Profile.objects.get(user=member).status == MembershipStatus.PAUSED
    assert "Je lidmaatschap is gepauzeerd." in text(client.get(response.url))
    response = client.get(reverse("members:directory"))
    assert response.status_code == 403
    assert "Je lidmaatschap is gepauzeerd. Hervat het om deze pagina weer te zien." in text(
        response
    )


def test_paused_member_resumes_membership(client, member):
    Profile.objects.filter(user=member).update(status=MembershipStatus.PAUSED)
    client.force_login(member)
    page = text(client.get(reverse("members:membership")))
    assert "Lidmaatschap hervatten" in page
    response = client.post(reverse("members:membership"), {"action": "resume"})
    assert Profile.objects.get(user=member).status == MembershipStatus.ACTIVE
    assert "Welkom terug! Je lidmaatschap is weer actief." in text(client.get(response.url))
    assert client.get(reverse("members:directory")).status_code == 200


@pytest.mark.parametrize("start", [MembershipStatus.ACTIVE, MembershipStatus.PAUSED])
def test_member_ends_membership(client, member, start):
    Profile.objects.filter(user=member).update(status=start)
    client.force_login(member)
    before = timezone.now()
    response = client.post(reverse("members:end"))
    profile = Profile.objects.get(user=member)
    assert profile.status == MembershipStatus.ENDED
    assert profile.status_changed_at >= before
    page = text(client.get(response.url))
    assert "Je lidmaatschap is beëindigd. Bedankt voor je deelname." in page
    assert "Opnieuw aanmelden" in page
    # The account stays; only the membership ended.
    assert User.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize(
    ("start", "url", "data"),
    [
        (MembershipStatus.ACTIVE, "members:membership", {"action": "resume"}),
        (MembershipStatus.PAUSED, "members:pause", {}),
    ],
    ids=["resume-active", "pause-paused"],
)
def test_a_transition_that_does_not_fit_changes_nothing(client, member, start, url, data):
    Profile.objects.filter(user=member).update(status=start)
    client.force_login(member)
    response = client.post(reverse(url), data)
    assert response.status_code == 302
    assert Profile.objects.get(user=member).status == start


def test_member_changes_participation_level(client, member):
    client.force_login(member)
    response = client.post(reverse("members:membership"), {"participation_level": "online"})
    assert response.status_code == 302
    assert Profile.objects.get(user=member).participation_level == ParticipationLevel.ONLINE
    assert "Je deelnameniveau is gewijzigd." in text(client.get(response.url))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, CHOOSE_LEVEL),
        ({"participation_level": "coordinator"}, invalid_choice("coordinator")),
        ({"participation_level": "x" * 10_000}, "Selecteer een geldige keuze."),
        ({"participation_level": "online\x00"}, "Selecteer een geldige keuze."),
        ({"action": "delete<script>"}, CHOOSE_LEVEL),
    ],
    ids=["empty", "wrong", "huge", "null-byte", "hostile-action"],
)
def test_bad_participation_level_gets_a_dutch_message(client, member, data, message):
    client.force_login(member)
    before = snapshot(member.profile)
    response = client.post(reverse("members:membership"), {"participation_level": "", **data})
    assert_form_error_page(response, message)
    assert snapshot(member.profile) == before


@pytest.mark.parametrize("status", [MembershipStatus.APPLIED, MembershipStatus.ENDED])
def test_membership_page_is_for_members_only(client, status):
    user = make_user()
    make_profile(user, status)
    client.force_login(user)
    response = client.post(reverse("members:membership"), {"action": "resume"})
    assert response.status_code == 302
    assert response.url == reverse("members:my_profile")
    assert Profile.objects.get(user=user).status == status
