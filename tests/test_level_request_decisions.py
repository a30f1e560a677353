"""Participation levels: the coordinator decides the requests to move up to the meetings level
in the admin (the list, the actions, the member list, the change form, the request's own page).

Asking for the level: tests/test_level_requests.py.
"""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from atelier.coordinator import COORDINATOR_GROUP
from members import participation
from members.models import LevelRequest, LevelRequestStatus

from .factories import make_member
from .helpers import (
    LEVEL_REQUEST_CHANGELIST,
    MEETINGS,
    ONLINE,
    PUBLIC_EVENTS,
    admin_decision,
    approve_in_admin,
    level_of,
    text,
)

pytestmark = pytest.mark.django_db

SUBJECT_APPROVED = "Je verzoek is goedgekeurd: Deelnemer bijeenkomsten"
SUBJECT_DECLINED = "Je verzoek om een ander deelnameniveau"


def test_the_coordinator_group_may_view_and_decide_requests_but_not_add_or_delete(coordinator):
    codenames = set(
        Group.objects.get(name=COORDINATOR_GROUP)
        .permissions.filter(content_type__model="levelrequest")
        .values_list("codename", flat=True)
    )
    assert codenames == {"view_levelrequest", "change_levelrequest"}


def test_nobody_adds_or_deletes_a_request_in_the_admin(client, online_member, coordinator):
    level_request = participation.request_level(online_member.profile, MEETINGS)
    client.force_login(coordinator)
    assert client.get(reverse("admin:members_levelrequest_add")).status_code == 403
    delete = reverse("admin:members_levelrequest_delete", args=[level_request.pk])
    assert client.get(delete).status_code == 403


@pytest.mark.parametrize(
    ("pending", "notice"),
    [
        (1, "1 verzoek om een ander deelnameniveau wacht op je besluit"),
        (3, "3 verzoeken om een ander deelnameniveau wachten op je besluit"),
    ],
)
def test_pending_requests_are_counted_on_the_admin_index(client, coordinator, pending, notice):
    for number in range(pending):
        member = make_member(f"lid{number}@example.org", ONLINE)
        participation.request_level(member.profile, MEETINGS)
    decided = make_member("besloten@example.org", ONLINE)
    participation.request_level(decided.profile, MEETINGS)
    participation.decline_requests(decided.profile.level_requests.all(), coordinator)
    client.force_login(coordinator)
    page = text(client.get(reverse("admin:index")))
    assert notice in page
    assert f'{reverse(LEVEL_REQUEST_CHANGELIST)}?status__exact=requested"' in page


def test_the_admin_index_has_no_notice_without_pending_requests(client, coordinator):
    client.force_login(coordinator)
    assert "deelnameniveau wacht" not in text(client.get(reverse("admin:index")))


def test_the_admin_filters_requests_by_status(client, online_member, coordinator):
    waiting = participation.request_level(online_member.profile, MEETINGS)
    other = make_member("ander@example.org", PUBLIC_EVENTS)
    participation.request_level(other.profile, MEETINGS)
    participation.decline_requests(other.profile.level_requests.all(), coordinator)
    client.force_login(coordinator)
    response = client.get(reverse(LEVEL_REQUEST_CHANGELIST), {"status__exact": "requested"})
    assert list(response.context["cl"].result_list) == [waiting]
    response = client.get(reverse(LEVEL_REQUEST_CHANGELIST), {"status__exact": "declined"})
    assert [r.profile.user for r in response.context["cl"].result_list] == [other]


def test_the_member_list_finds_members_who_asked_to_move_up(client, online_member, coordinator):
    participation.request_level(online_member.profile, MEETINGS)
    make_member("ander@example.org", ONLINE)
    client.force_login(coordinator)
    response = client.get(reverse("admin:members_profile_changelist"), {"niveauverzoek": "open"})
    assert list(response.context["cl"].result_list) == [online_member.profile]
    change = client.get(reverse("admin:members_profile_change", args=[online_member.profile.pk]))
    assert "Deelnemer bijeenkomsten, gevraagd op" in text(change)


def test_approving_in_the_admin_records_and_mails_the_member(
    client, online_member, coordinator, django_capture_on_commit_callbacks
):
    level_request = participation.request_level(online_member.profile, MEETINGS)
    response = approve_in_admin(
        client, coordinator, django_capture_on_commit_callbacks, level_request
    )
    assert response.status_code == 302
    assert "1 verzoek om een ander niveau goedgekeurd." in text(client.get(response.url))
    level_request.refresh_from_db()
    assert level_request.status == LevelRequestStatus.APPROVED
    assert level_request.decided_by == coordinator
    assert level_of(online_member) == MEETINGS
    (message,) = mail.outbox
    assert message.to == [online_member.email]
    assert message.subject == SUBJECT_APPROVED
    assert "Beste Noor de Vries," in message.body
    assert "je doet nu mee als: Deelnemer bijeenkomsten." in message.body
    assert reverse("agenda:upcoming") in message.body
    change = text(client.get(reverse("admin:members_levelrequest_change", args=[level_request.pk])))
    assert "Goedgekeurd" in change
    assert coordinator.email in change


def test_declining_in_the_admin_records_and_mails_the_member(
    client, online_member, coordinator, django_capture_on_commit_callbacks
):
    level_request = participation.request_level(online_member.profile, MEETINGS)
    response = approve_in_admin(
        client, coordinator, django_capture_on_commit_callbacks, level_request, action="decline"
    )
    assert "1 verzoek om een ander niveau afgewezen." in text(client.get(response.url))
    level_request.refresh_from_db()
    assert level_request.status == LevelRequestStatus.DECLINED
    assert level_request.decided_by == coordinator
    assert level_request.decided_at is not None
    assert level_of(online_member) == ONLINE
    (message,) = mail.outbox
    assert message.to == [online_member.email]
    assert message.subject == SUBJECT_DECLINED
    assert "Je blijft meedoen als: Online platform." in message.body
    assert "Deelnemer bijeenkomsten" in message.body


def test_members_cannot_decide_requests(client, online_member, django_capture_on_commit_callbacks):
    level_request = participation.request_level(online_member.profile, MEETINGS)
    other = make_member("ander@example.org", MEETINGS)
    response = approve_in_admin(client, other, django_capture_on_commit_callbacks, level_request)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert LevelRequest.objects.get().is_open
    assert level_of(online_member) == ONLINE


def test_setting_the_asked_level_in_the_change_form_approves_the_request(
    client, online_member, coordinator, django_capture_on_commit_callbacks
):
    profile = online_member.profile
    participation.request_level(profile, MEETINGS)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:members_profile_change", args=[profile.pk]),
            admin_decision(profile, level=MEETINGS),
        )
    assert response.status_code == 302
    level_request = LevelRequest.objects.get()
    assert level_request.status == LevelRequestStatus.APPROVED
    assert level_request.decided_by == coordinator
    assert [m.subject for m in mail.outbox] == [SUBJECT_APPROVED]


@pytest.mark.parametrize(
    ("status", "level", "subject"),
    [("approved", MEETINGS, SUBJECT_APPROVED), ("declined", ONLINE, SUBJECT_DECLINED)],
)
def test_the_coordinator_decides_on_the_requests_own_page(
    client, online_member, coordinator, django_capture_on_commit_callbacks, status, level, subject
):
    # The coordinator's e-mail links to this page.
    level_request = participation.request_level(online_member.profile, MEETINGS)
    url = reverse("admin:members_levelrequest_change", args=[level_request.pk])
    client.force_login(coordinator)
    page = text(client.get(url))
    assert 'name="status"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": status})
    assert response.status_code == 302
    level_request.refresh_from_db()
    assert level_request.status == status
    assert level_request.decided_by == coordinator
    assert level_request.decided_at is not None
    assert level_of(online_member) == level
    assert [m.subject for m in mail.outbox] == [subject]


def test_the_requests_own_page_refuses_a_withdrawal_by_the_coordinator(
    client, online_member, coordinator
):
    level_request = participation.request_level(online_member.profile, MEETINGS)
    url = reverse("admin:members_levelrequest_change", args=[level_request.pk])
    client.force_login(coordinator)
    response = client.post(url, {"status": "withdrawn"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze." in text(response)
    assert LevelRequest.objects.get().is_open


def test_a_decided_request_is_a_record_that_cannot_be_changed(client, online_member, coordinator):
    level_request = participation.request_level(online_member.profile, MEETINGS)
    participation.decline_requests(LevelRequest.objects.all(), coordinator)
    url = reverse("admin:members_levelrequest_change", args=[level_request.pk])
    client.force_login(coordinator)
    assert 'name="status"' not in text(client.get(url))
    client.post(url, {"status": "approved"})
    assert LevelRequest.objects.get().status == LevelRequestStatus.DECLINED
    assert level_of(online_member) == ONLINE
