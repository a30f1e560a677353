"""Membership statuses: one table of transitions (members.models.NEXT_STATUSES), first at the
function level, then through the member's own pages.

Applications are approved or declined (members/approval.py); memberships pause, resume
and end (members/participation.py); the admin's change form goes through
`approval.changed_in_form`. The admin's pages and actions are tested in
tests/test_application_approval.py and tests/test_member_admin.py.
"""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members import approval, participation
from members.models import NEXT_STATUSES, MembershipStatus, ParticipationLevel, Profile, User

from .factories import make_coordinator, make_profile, make_user
from .helpers import CHOOSE_LEVEL, assert_form_error_page, invalid_choice, snapshot, text

pytestmark = pytest.mark.django_db

APPLIED = MembershipStatus.APPLIED
ACTIVE = MembershipStatus.ACTIVE
PAUSED = MembershipStatus.PAUSED
ENDED = MembershipStatus.ENDED


def profile_with(status: str, email: str = "lid@example.org") -> Profile:
    return make_profile(make_user(email), status)


@pytest.mark.parametrize(
    ("status", "following"),
    [
        (APPLIED, {ACTIVE, ENDED}),
        (ACTIVE, {PAUSED, ENDED}),
        (PAUSED, {ACTIVE, ENDED}),
        (ENDED, {APPLIED}),
    ],
)
def test_each_status_may_become_only_what_the_table_says(status, following):
    assert NEXT_STATUSES[status] == following
    profile = Profile(status=status)
    for other in MembershipStatus.values:
        assert profile.may_become(other) == (other in following)


def test_queryset_may_become_selects_the_profiles_the_table_allows():
    for status in MembershipStatus.values:
        profile_with(status, f"{status}@example.org")
    resumable = Profile.objects.may_become(ACTIVE)
    assert {profile.status for profile in resumable} == {APPLIED, PAUSED}


@pytest.mark.parametrize(
    ("status", "has_membership"),
    [(APPLIED, False), (ACTIVE, True), (PAUSED, True), (ENDED, False)],
)
def test_only_an_active_or_paused_membership_is_one_to_change(status, has_membership):
    profile = Profile(status=status)
    assert profile.has_membership is has_membership
    assert profile.may_apply is not has_membership
    assert profile.is_applicant is (status == APPLIED)


@pytest.mark.parametrize(
    ("change", "start", "end", "changed"),
    [
        (participation.pause_membership, ACTIVE, PAUSED, True),
        (participation.pause_membership, PAUSED, PAUSED, False),
        (participation.pause_membership, ENDED, ENDED, False),
        (participation.resume_membership, PAUSED, ACTIVE, True),
        (participation.resume_membership, ENDED, ENDED, False),
        (participation.resume_membership, APPLIED, APPLIED, False),
        (participation.end_membership, ACTIVE, ENDED, True),
        (participation.end_membership, PAUSED, ENDED, True),
        (participation.end_membership, APPLIED, APPLIED, False),
    ],
)
def test_the_member_moves_only_along_the_table(change, start, end, changed):
    profile = profile_with(start)
    assert change(profile) is changed
    profile.refresh_from_db()
    assert profile.status == end


@pytest.mark.parametrize(
    ("status", "moved"),
    [(PAUSED, {ACTIVE}), (ENDED, {ACTIVE, PAUSED}), (ACTIVE, {PAUSED})],
)
def test_coordinator_changes_memberships_in_bulk_but_never_applications(status, moved):
    for start in MembershipStatus.values:
        profile_with(start, f"{start}@example.org")
    count = participation.set_membership_status(Profile.objects.all(), status)
    assert count == len(moved)
    assert Profile.objects.get(user__email="applied@example.org").status == APPLIED


def test_an_ended_membership_is_not_paused_and_so_never_resumed_without_applying():
    ended = profile_with(ENDED)
    assert participation.set_membership_status(Profile.objects.all(), PAUSED) == 0
    assert participation.set_membership_status(Profile.objects.all(), ACTIVE) == 0
    ended.refresh_from_db()
    assert ended.status == ENDED


def test_approving_records_who_and_when_and_tells_the_applicant(django_capture_on_commit_callbacks):
    coordinator = make_coordinator()
    applicant = profile_with(APPLIED)
    with django_capture_on_commit_callbacks(execute=True):
        assert approval.approve(Profile.objects.all(), coordinator) == 1
    applicant.refresh_from_db()
    assert applicant.status == ACTIVE
    assert applicant.approved_by == coordinator
    assert applicant.approved_at is not None
    assert [message.to for message in mail.outbox] == [["lid@example.org"]]


def test_declining_ends_the_application_and_tells_the_applicant():
    applicant = profile_with(APPLIED)
    assert approval.decline(Profile.objects.all()) == 1
    applicant.refresh_from_db()
    assert applicant.status == ENDED
    assert [message.to for message in mail.outbox] == [["lid@example.org"]]


def test_approve_and_decline_leave_memberships_alone():
    profile_with(PAUSED)
    assert approval.approve(Profile.objects.all(), make_coordinator()) == 0
    assert approval.decline(Profile.objects.all()) == 0
    assert Profile.objects.get().status == PAUSED


def test_a_status_set_in_the_change_form_is_dated_and_an_application_decided_there_is_told(
    django_capture_on_commit_callbacks,
):
    coordinator = make_coordinator()
    applicant = profile_with(APPLIED)
    before = applicant.status_changed_at
    applicant.status = ACTIVE
    applicant.save()
    with django_capture_on_commit_callbacks(execute=True):
        approval.changed_in_form(applicant, APPLIED, {"status"}, coordinator)
    applicant.refresh_from_db()
    assert applicant.status_changed_at > before
    assert applicant.approved_by == coordinator
    assert len(mail.outbox) == 1


# --- A member's own membership: pause, resume, end and change the participation level ----


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
