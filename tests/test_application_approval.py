"""The coordinator decides on applications in the admin: approve, decline, pause, end, level, and
the
CSV export (`members/approval.py`).
"""

import csv
import io

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.models import MembershipStatus, ParticipationLevel, Profile

from .factories import make_applicant, make_member
from .helpers import PROFILE_CHANGELIST, admin_action, admin_decision, text

pytestmark = pytest.mark.django_db


def test_the_coordinator_is_staff_but_not_a_superuser(coordinator):
    # The admin tests below are only meaningful for the coordinator's real rights.
    assert coordinator.is_staff and not coordinator.is_superuser


@pytest.mark.parametrize(
    ("pending", "notice"),
    [(1, "1 aanvraag wacht op je besluit"), (3, "3 aanvragen wachten op je besluit")],
)
def test_pending_applications_are_counted_on_the_admin_index(client, coordinator, pending, notice):
    for number in range(pending):
        make_applicant(f"aanvrager{number}@example.org")
    make_member()
    client.force_login(coordinator)
    page = text(client.get(reverse("admin:index")))
    assert notice in page
    assert f'{reverse(PROFILE_CHANGELIST)}?status__exact=applied"' in page


def test_admin_index_shows_no_notice_without_pending_applications(client, coordinator):
    make_member()
    client.force_login(coordinator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "wacht op je besluit" not in text(response)
    assert "wachten op je besluit" not in text(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status__exact": "applied"}, {"Aanvrager Praktijk"}),
        ({"status__exact": "paused"}, {"Pauze Onderzoek"}),
        ({"participation_level__exact": "online"}, {"Online Onderwijs"}),
        ({"sector__exact": "education"}, {"Online Onderwijs"}),
        ({"sector__exact": "practice"}, {"Aanvrager Praktijk"}),
        ({}, {"Aanvrager Praktijk", "Online Onderwijs", "Pauze Onderzoek"}),
    ],
    ids=["applied", "paused", "level", "sector-education", "sector-practice", "all"],
)
def test_admin_filters_members_by_status_level_and_sector(client, coordinator, query, expected):
    make_applicant(display_name="Aanvrager Praktijk", sector="practice")
    make_member(
        "online@example.org",
        ParticipationLevel.ONLINE,
        display_name="Online Onderwijs",
        sector="education",
    )
    paused = make_member("pauze@example.org", display_name="Pauze Onderzoek", sector="research")
    Profile.objects.filter(user=paused).update(status=MembershipStatus.PAUSED)
    client.force_login(coordinator)
    response = client.get(reverse(PROFILE_CHANGELIST), query)
    assert response.status_code == 200
    shown = {profile.display_name for profile in response.context["cl"].result_list}
    assert shown == expected


def test_approval_makes_membership_active_and_records_who_and_when(client, coordinator):
    first = make_applicant("eerste@example.org", display_name="Eerste Aanvrager")
    second = make_applicant("tweede@example.org", display_name="Tweede Aanvrager")
    client.force_login(coordinator)
    before = timezone.now()
    response = admin_action(client, "approve", first.profile, second.profile)
    after = timezone.now()
    assert response.status_code == 302

    for applicant in (first, second):
        profile = Profile.objects.get(user=applicant)
        assert profile.status == MembershipStatus.ACTIVE
        assert profile.approved_by == coordinator
        assert before <= profile.approved_at <= after
        assert before <= profile.status_changed_at <= after
    assert "2 aanvragen goedgekeurd." in text(client.get(response.url))


def test_approval_mails_the_applicant_in_dutch(client, coordinator):
    applicant = make_applicant(display_name="Noor de Vries")
    client.force_login(coordinator)
    admin_action(client, "approve", applicant.profile)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [applicant.email]
    assert message.subject == "Welkom bij het Leeratelier Samenlevingsopbouw"
    assert "Beste Noor de Vries," in message.body
    assert "Goed nieuws: je aanvraag is goedgekeurd." in message.body
    assert f"{settings.SITE_URL}{reverse('account_login')}" in message.body


def test_approved_applicant_gets_member_access(client, coordinator):
    applicant = make_applicant()
    client.force_login(applicant)
    assert client.get(reverse("members:directory")).status_code == 403
    client.force_login(coordinator)
    admin_action(client, "approve", applicant.profile)
    client.force_login(applicant)
    assert client.get(reverse("members:directory")).status_code == 200


def test_decline_ends_the_application_and_mails_the_applicant_in_dutch(client, coordinator):
    applicant = make_applicant(display_name="Noor de Vries")
    client.force_login(coordinator)
    response = admin_action(client, "decline", applicant.profile)
    assert response.status_code == 302
    profile = Profile.objects.get(user=applicant)
    assert profile.status == MembershipStatus.ENDED
    assert profile.approved_at is None and profile.approved_by is None
    assert "1 aanvraag afgewezen." in text(client.get(response.url))

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [applicant.email]
    assert message.subject == "Je aanvraag bij het Leeratelier Samenlevingsopbouw"
    assert "Beste Noor de Vries," in message.body
    assert "Helaas kunnen we je aanvraag op dit moment niet goedkeuren." in message.body


@pytest.mark.parametrize("action", ["approve", "decline"])
def test_approve_and_decline_leave_existing_members_alone(client, coordinator, action):
    member = make_member()
    approved_at = member.profile.approved_at
    client.force_login(coordinator)
    admin_action(client, action, member.profile)
    profile = Profile.objects.get(user=member)
    assert profile.status == MembershipStatus.ACTIVE
    assert profile.approved_at == approved_at
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("action", "status"),
    [("pause", MembershipStatus.PAUSED), ("end", MembershipStatus.ENDED)],
)
def test_coordinator_pauses_and_ends_memberships_but_not_applications(
    client, coordinator, action, status
):
    member = make_member()
    applicant = make_applicant()
    client.force_login(coordinator)
    response = admin_action(client, action, member.profile, applicant.profile)
    assert response.status_code == 302
    assert Profile.objects.get(user=member).status == status
    assert Profile.objects.get(user=applicant).status == MembershipStatus.APPLIED
    assert "1 lidmaatschap gewijzigd." in text(client.get(response.url))


def test_coordinator_makes_a_paused_membership_active_again(client, coordinator):
    member = make_member()
    Profile.objects.filter(user=member).update(status=MembershipStatus.PAUSED)
    client.force_login(coordinator)
    admin_action(client, "resume", member.profile)
    assert Profile.objects.get(user=member).status == MembershipStatus.ACTIVE


def test_coordinator_changes_a_members_level_in_the_admin(client, coordinator):
    member = make_member(level=ParticipationLevel.MEETINGS)
    profile = member.profile
    client.force_login(coordinator)
    url = reverse("admin:members_profile_change", args=[profile.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "display_name": profile.display_name,
            "organisation": profile.organisation,
            "sector": profile.sector,
            "job_title": "",
            "status": "active",
            "participation_level": "public_events",
            "motivation": profile.motivation,
            "bio": "",
            "expertise": "",
            "listed_in_directory": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    profile.refresh_from_db()
    assert profile.participation_level == ParticipationLevel.PUBLIC_EVENTS


def test_approval_in_the_change_form_also_records_who_and_when(client, coordinator):
    applicant = make_applicant()
    profile = applicant.profile
    client.force_login(coordinator)
    before = timezone.now()
    response = client.post(
        reverse("admin:members_profile_change", args=[profile.pk]),
        admin_decision(profile),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == MembershipStatus.ACTIVE
    assert profile.approved_by == coordinator
    assert profile.approved_at >= before


def test_members_cannot_use_the_admin_actions(client):
    member = make_member()
    applicant = make_applicant()
    client.force_login(member)
    response = admin_action(client, "approve", applicant.profile)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert Profile.objects.get(user=applicant).status == MembershipStatus.APPLIED
    assert mail.outbox == []


def test_csv_export_has_a_dutch_header_and_defuses_formulas(client, coordinator):
    member = make_member(
        "formule@example.org",
        display_name="=cmd|' /C calc'!A0",
        organisation="@SUM(1+1)",
        job_title="-2+3",
        sector="practice",
    )
    member.profile.expertise.add("buurtwerk", "+participatie")
    plain = make_member("gewoon@example.org", display_name="Gewone Naam")
    client.force_login(coordinator)
    response = admin_action(client, "export_csv", member.profile, plain.profile)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="leden-')

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "naam",
        "e-mailadres",
        "organisatie",
        "sector",
        "functie",
        "deelnameniveau",
        "status lidmaatschap",
        "aangevraagd",
        "goedgekeurd",
        "expertise",
    ]
    assert len(rows) == 3
    by_email = {row[1]: row for row in rows[1:]}
    row = by_email["formule@example.org"]
    assert row[0] == "'=cmd|' /C calc'!A0"
    assert row[2] == "'@SUM(1+1)"
    assert row[3] == "Praktijk"
    assert row[4] == "'-2+3"
    assert row[5] == "Deelnemer bijeenkomsten"
    assert row[6] == "Actief"
    assert row[9] == "'+participatie, buurtwerk"
    assert by_email["gewoon@example.org"][0] == "Gewone Naam"
    # No cell of the export starts like a formula.
    assert not [cell for row in rows[1:] for cell in row if cell[:1] in {"=", "+", "-", "@"}]
