"""Members: joining, approval, membership, profiles, the directory and one's own data.

Dutch texts asserted here are taken from locale/nl/LC_MESSAGES/django.po (and, for the
few generic field errors, from Django's own Dutch translation).
"""

import csv
import html
import io
import json
import os
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, load_backend
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from atelier.models import SiteSettings
from knowledge.models import Comment, Resource, ResourceKind, ResourceStatus, Visibility
from members.models import MembershipStatus, ParticipationLevel, Profile, User
from sessions_app.models import EventKind, Registration, RegistrationStatus

from .conftest import PASSWORD, make_coordinator, make_event, make_member, make_profile, make_user

pytestmark = pytest.mark.django_db

APPLY = "members:apply"
PROFILE_CHANGELIST = "admin:members_profile_changelist"

# Messages of this project (locale/nl/LC_MESSAGES/django.po).
ENTER_NAME = "Vul je naam in."
ENTER_ORGANISATION = "Vul je organisatie in."
CHOOSE_SECTOR = "Kies de sector waarin je werkt."
CHOOSE_LEVEL = "Kies hoe je wilt meedoen."
WRITE_MOTIVATION = "Schrijf wat je meebrengt en wilt delen."
MOTIVATION_TOO_SHORT = "Schrijf minstens een paar zinnen (20 tekens of meer) over wat je meebrengt."
AGREE_TO_PRIVACY = "Ga akkoord met de privacyverklaring om je aan te melden als lid."
PRINTABLE_ONLY = "Gebruik alleen letters, cijfers en leestekens."
TOO_MANY_TOPICS = "Kies hoogstens 15 onderwerpen."
TOPIC_TOO_LONG = "Houd elk onderwerp korter dan 50 tekens."
WRONG_PASSWORD = "Dat wachtwoord klopt niet."
ENTER_PASSWORD = "Vul je wachtwoord in om je account te verwijderen."
ERROR_SUMMARY = "Er is een probleem"
# Django's own Dutch translation of its generic field errors.
NULL_CHARACTERS = "Null-tekens zijn niet toegestaan."


def too_long(limit: int, length: int) -> str:
    return f"Zorg dat deze waarde niet meer dan {limit} tekens bevat (het zijn er nu {length})."


def invalid_choice(value: str) -> str:
    return f"Selecteer een geldige keuze. {value} is geen beschikbare keuze."


def text(response) -> str:
    """The page as a reader sees it: entities such as &#x27; turned back into characters."""
    return html.unescape(response.content.decode())


def assert_form_error_page(response, *messages):
    assert response.status_code == 200
    page = text(response)
    assert "<title>Fout:" in page
    assert ERROR_SUMMARY in page
    for message in messages:
        assert message in page, message


APPLICATION = {
    "display_name": "Noor de Vries",
    "organisation": "Buurtwerk Oost",
    "sector": "practice",
    "participation_level": "online",
    "motivation": "Ik breng tien jaar ervaring met bewonersinitiatieven mee.",
    "privacy_consent": "on",
}


CHECKBOXES = {"listed_in_directory", "show_email", "remove_avatar"}


def profile_form_data(profile: Profile, **changes) -> dict:
    data = {
        "display_name": profile.display_name,
        "organisation": profile.organisation,
        "sector": profile.sector,
        "job_title": profile.job_title,
        "bio": profile.bio,
        "expertise": ", ".join(tag.name for tag in profile.expertise.all()),
        "listed_in_directory": "on" if profile.listed_in_directory else "",
        "show_email": "on" if profile.show_email else "",
    }
    data.update(changes)
    # An unticked checkbox is not sent at all.
    return {key: value for key, value in data.items() if value != "" or key not in CHECKBOXES}


def snapshot(profile: Profile) -> dict:
    """Everything a form could change, as stored in the database."""
    fresh = Profile.objects.get(pk=profile.pk)
    return {
        "fields": {
            field.name: getattr(fresh, field.attname) for field in Profile._meta.concrete_fields
        },
        "tags": sorted(tag.name for tag in fresh.expertise.all()),
    }


def make_applicant(email: str = "aanvrager@example.org", **fields) -> User:
    user = make_user(email)
    make_profile(user, MembershipStatus.APPLIED, **fields)
    return user


def admin_action(client, action: str, *profiles):
    return client.post(
        reverse(PROFILE_CHANGELIST),
        {"action": action, "_selected_action": [str(p.pk) for p in profiles]},
    )


# --- Joining -------------------------------------------------------------------------


def test_login_sends_an_account_without_profile_to_the_application(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse(APPLY)


def test_login_sends_a_member_to_the_usual_page_not_the_application(client, member):
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")


@pytest.mark.parametrize("backend_path", settings.AUTHENTICATION_BACKENDS)
def test_a_logged_in_user_comes_with_their_profile_in_one_query(backend_path, member):
    backend = load_backend(backend_path)
    with CaptureQueriesContext(connection) as queries:
        user = backend.get_user(member.pk)
        assert user.profile.participation_level == ParticipationLevel.MEETINGS
    assert len(queries) == 1


@pytest.mark.parametrize("backend_path", settings.AUTHENTICATION_BACKENDS)
def test_the_login_backends_load_an_account_without_profile_and_refuse_unknown_or_inactive(
    backend_path, member
):
    backend = load_backend(backend_path)
    coordinator = make_coordinator()  # no profile: the user alone
    assert backend.get_user(coordinator.pk) == coordinator
    assert backend.get_user(0) is None
    User.objects.filter(pk=member.pk).update(is_active=False)
    assert backend.get_user(member.pk) is None


def test_a_member_logged_in_by_e_mail_stays_logged_in(client, member):
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert client.session[BACKEND_SESSION_KEY] in settings.AUTHENTICATION_BACKENDS
    assert client.get(reverse("members:my_profile")).status_code == 200


def test_application_requires_login(client):
    response = client.get(reverse(APPLY))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_application_form_explains_levels_and_asks_consent(client, user):
    client.force_login(user)
    response = client.get(reverse(APPLY))
    assert response.status_code == 200
    page = text(response)
    for label in ("Deelnemer bijeenkomsten", "Online platform", "Alleen public events"):
        assert label in page
    # The explanation under each level (LEVEL_HINTS).
    assert "Je doet mee aan de bijeenkomsten van het atelier" in page
    assert "Je komt naar de public events en volgt wat het atelier oplevert." in page
    assert f'href="{reverse("privacy")}"' in page
    assert 'name="privacy_consent"' in page
    assert "Aanvraag versturen" in page


def test_application_is_saved_as_applied_and_the_applicant_sees_where_it_stands(client, user):
    client.force_login(user)
    before = timezone.now()
    response = client.post(reverse(APPLY), APPLICATION)
    assert response.status_code == 302
    assert response.url == reverse("members:my_profile")

    profile = Profile.objects.get(user=user)
    assert profile.status == MembershipStatus.APPLIED
    assert profile.display_name == "Noor de Vries"
    assert profile.organisation == "Buurtwerk Oost"
    assert profile.sector == "practice"
    assert profile.participation_level == ParticipationLevel.ONLINE
    assert profile.motivation == APPLICATION["motivation"]
    assert profile.applied_at >= before
    assert profile.privacy_consent_at >= before
    assert profile.approved_at is None and profile.approved_by is None

    page = text(client.get(response.url))
    assert "Dank je wel! Je aanvraag is verstuurd." in page
    assert "Wacht op goedkeuring" in page
    assert "Noor de Vries" in page and "Online platform" in page


def test_application_tells_the_coordinator_by_mail(client, user):
    site = SiteSettings.load()
    site.coordinator_email = "coordinator@leeratelier.example"
    site.save()
    client.force_login(user)
    client.post(reverse(APPLY), APPLICATION)

    profile = Profile.objects.get(user=user)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["coordinator@leeratelier.example"]
    assert message.subject == "Nieuwe aanvraag: Noor de Vries"
    assert APPLICATION["motivation"] in message.body
    admin_url = reverse("admin:members_profile_change", args=[profile.pk])
    assert f"{settings.SITE_URL}{admin_url}" in message.body


def test_application_without_a_coordinator_address_sends_no_mail(client, user):
    client.force_login(user)
    client.post(reverse(APPLY), APPLICATION)
    assert Profile.objects.filter(user=user).exists()
    assert mail.outbox == []


def test_applicant_can_correct_the_application_without_a_second_mail(client):
    site = SiteSettings.load()
    site.coordinator_email = "coordinator@leeratelier.example"
    site.save()
    applicant = make_applicant()
    client.force_login(applicant)
    response = client.get(reverse(APPLY))
    assert "Aanvraag bijwerken" in text(response)

    response = client.post(reverse(APPLY), {**APPLICATION, "organisation": "Wijkteam Noord"})
    assert response.status_code == 302
    profile = Profile.objects.get(user=applicant)
    assert profile.organisation == "Wijkteam Noord"
    assert profile.status == MembershipStatus.APPLIED
    assert "Je aanvraag is bijgewerkt." in text(client.get(response.url))
    assert mail.outbox == []


def test_active_member_is_sent_from_the_application_to_the_profile(client, member):
    client.force_login(member)
    response = client.post(reverse(APPLY), APPLICATION)
    assert response.status_code == 302
    assert response.url == reverse("members:my_profile")
    assert Profile.objects.get(user=member).status == MembershipStatus.ACTIVE


def test_ended_member_can_apply_again(client, member):
    profile = member.profile
    profile.set_status(MembershipStatus.ENDED)
    profile.save()
    client.force_login(member)
    page = text(client.get(reverse("members:my_profile")))
    assert "Je lidmaatschap is beëindigd" in page and "Opnieuw aanmelden" in page

    client.post(reverse(APPLY), APPLICATION)
    profile.refresh_from_db()
    assert profile.status == MembershipStatus.APPLIED
    assert profile.approved_at is None and profile.approved_by is None


def test_empty_application_gets_a_dutch_message_for_every_field(client, user):
    client.force_login(user)
    # What a browser sends for an untouched form: the text fields, empty.
    response = client.post(
        reverse(APPLY), {"display_name": "", "organisation": "", "motivation": ""}
    )
    assert_form_error_page(
        response,
        ENTER_NAME,
        ENTER_ORGANISATION,
        CHOOSE_SECTOR,
        CHOOSE_LEVEL,
        WRITE_MOTIVATION,
        AGREE_TO_PRIVACY,
    )
    assert not Profile.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sector": "bogus"}, invalid_choice("bogus")),
        ({"participation_level": "coordinator"}, invalid_choice("coordinator")),
        ({"motivation": "Ik deel."}, MOTIVATION_TOO_SHORT),
        ({"motivation": " " * 30 + "kort" + " " * 30}, MOTIVATION_TOO_SHORT),
        ({"privacy_consent": ""}, AGREE_TO_PRIVACY),
        ({"display_name": "   "}, ENTER_NAME),
    ],
    ids=["sector", "level", "short-motivation", "padded-motivation", "no-consent", "blank"],
)
def test_wrong_application_gets_a_dutch_message_and_saves_nothing(client, user, changes, message):
    client.force_login(user)
    data = {key: value for key, value in {**APPLICATION, **changes}.items() if value != ""}
    response = client.post(reverse(APPLY), data)
    assert_form_error_page(response, message)
    assert not Profile.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"display_name": "N" * 10_000}, too_long(100, 10_000)),
        ({"organisation": "O" * 151}, too_long(150, 151)),
        ({"motivation": "m" * 1_048_576}, too_long(3000, 1_048_576)),
    ],
    ids=["name", "organisation", "motivation-1mb"],
)
def test_huge_application_gets_a_dutch_message_and_saves_nothing(client, user, changes, message):
    client.force_login(user)
    response = client.post(reverse(APPLY), {**APPLICATION, **changes})
    assert_form_error_page(response, message)
    assert not Profile.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"display_name": "Noor\x00"}, NULL_CHARACTERS),
        ({"organisation": "\x00"}, NULL_CHARACTERS),
        ({"motivation": "Ik breng veel ervaring mee\x00 en deel die graag."}, NULL_CHARACTERS),
        ({"display_name": "\x07\x1b\u202e\u200b"}, PRINTABLE_ONLY),
        ({"organisation": "\x08\x7f"}, PRINTABLE_ONLY),
    ],
    ids=["null-name", "null-organisation", "null-motivation", "control-name", "control-org"],
)
def test_hostile_application_gets_a_dutch_message_and_saves_nothing(client, user, changes, message):
    client.force_login(user)
    response = client.post(reverse(APPLY), {**APPLICATION, **changes})
    assert_form_error_page(response, message)
    assert not Profile.objects.exists()


def test_script_in_an_application_is_shown_as_text_never_run(client, user):
    client.force_login(user)
    hostile = {**APPLICATION, "display_name": "<script>alert(1)</script>", "privacy_consent": ""}
    response = client.post(reverse(APPLY), hostile)
    assert_form_error_page(response, AGREE_TO_PRIVACY)
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()
    assert not Profile.objects.exists()


def test_control_characters_and_direction_overrides_are_removed_from_names(client, user):
    client.force_login(user)
    response = client.post(
        reverse(APPLY),
        {
            **APPLICATION,
            "display_name": "  Noor\u202e de\x07   Vries\t",
            "organisation": "Buurt\u200bwerk\x1b Oost",
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.display_name == "Noor de Vries"
    assert profile.organisation == "Buurtwerk Oost"


def test_a_bad_correction_leaves_the_saved_application_intact(client):
    applicant = make_applicant(display_name="Eerste Naam", organisation="Eerste Organisatie")
    client.force_login(applicant)
    before = snapshot(applicant.profile)
    response = client.post(
        reverse(APPLY),
        {**APPLICATION, "display_name": "", "organisation": "Nieuwe Organisatie"},
    )
    assert_form_error_page(response, ENTER_NAME)
    assert snapshot(applicant.profile) == before


# --- Approval in the admin -----------------------------------------------------------


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
        {
            "display_name": profile.display_name,
            "organisation": profile.organisation,
            "sector": profile.sector,
            "status": "active",
            "participation_level": profile.participation_level,
            "motivation": profile.motivation,
            "listed_in_directory": "on",
        },
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

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
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


# --- Membership: pause, resume, end, level ---------------------------------------------


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


# --- Editing one's own profile ---------------------------------------------------------


def test_member_edits_profile_with_expertise_tags(client, member):
    client.force_login(member)
    profile = member.profile
    response = client.get(reverse("members:my_profile"))
    assert response.status_code == 200
    assert profile.display_name in text(response)

    response = client.post(
        reverse("members:my_profile"),
        profile_form_data(
            profile,
            display_name="Noor de Vries",
            organisation="Hogeschool Zuyd",
            sector="education",
            job_title="Docent",
            bio="Ik werk aan **buurtgericht** leren.",
            expertise="buurtwerk, participatie",
            listed_in_directory="",
            show_email="on",
        ),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.display_name == "Noor de Vries"
    assert profile.organisation == "Hogeschool Zuyd"
    assert profile.sector == "education"
    assert profile.job_title == "Docent"
    assert profile.bio_html == "<p>Ik werk aan <strong>buurtgericht</strong> leren.</p>"
    assert sorted(tag.name for tag in profile.expertise.all()) == ["buurtwerk", "participatie"]
    assert profile.listed_in_directory is False
    assert profile.show_email is True
    assert "Je profiel is opgeslagen." in text(client.get(response.url))


def test_expertise_tags_can_be_replaced_and_cleared(client, member):
    profile = member.profile
    profile.expertise.add("buurtwerk", "participatie")
    client.force_login(member)
    client.post(reverse("members:my_profile"), profile_form_data(profile, expertise="armoede"))
    assert [tag.name for tag in profile.expertise.all()] == ["armoede"]
    client.post(reverse("members:my_profile"), profile_form_data(profile, expertise=""))
    assert not profile.expertise.exists()


def test_applicant_sees_the_application_status_instead_of_the_profile_form(client):
    applicant = make_applicant(display_name="Noor de Vries")
    client.force_login(applicant)
    before = snapshot(applicant.profile)
    response = client.post(reverse("members:my_profile"), {"display_name": "Ander"})
    assert response.status_code == 200
    assert "Wacht op goedkeuring" in text(response)
    assert snapshot(applicant.profile) == before


def test_account_without_profile_is_sent_to_the_application(client, user):
    client.force_login(user)
    response = client.get(reverse("members:my_profile"))
    assert response.status_code == 302
    assert response.url == reverse(APPLY)


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"display_name": "", "organisation": "", "sector": ""},
            [ENTER_NAME, ENTER_ORGANISATION, CHOOSE_SECTOR],
        ),
        ({"sector": "bogus"}, [invalid_choice("bogus")]),
        ({"display_name": "N" * 10_000}, [too_long(100, 10_000)]),
        ({"job_title": "J" * 151}, [too_long(150, 151)]),
        ({"bio": "b" * 1_048_576}, [too_long(5000, 1_048_576)]),
        ({"expertise": ", ".join(f"onderwerp {n}" for n in range(16))}, [TOO_MANY_TOPICS]),
        ({"expertise": "buurtwerk, " + "x" * 51}, [TOPIC_TOO_LONG]),
        ({"expertise": "t" * 10_000}, [TOPIC_TOO_LONG]),
        ({"display_name": "\x00"}, [NULL_CHARACTERS]),
        ({"bio": "Over mij\x00"}, [NULL_CHARACTERS]),
        ({"expertise": "buurt\x00werk"}, [NULL_CHARACTERS]),
        ({"job_title": "\u202e\x07\x1b"}, [PRINTABLE_ONLY]),
        ({"display_name": "\u202e\u200f"}, [PRINTABLE_ONLY]),
    ],
    ids=[
        "empty",
        "wrong-sector",
        "huge-name",
        "huge-job",
        "huge-bio",
        "many-tags",
        "long-tag",
        "huge-tag",
        "null-name",
        "null-bio",
        "null-tag",
        "control-job",
        "rtl-name",
    ],
)
def test_bad_profile_input_gets_a_dutch_message_and_saves_nothing(
    client, member, changes, messages
):
    profile = member.profile
    profile.job_title = "Onderzoeker"
    profile.bio = "Mijn oude tekst."
    profile.save()
    profile.expertise.add("buurtwerk")
    before = snapshot(profile)
    client.force_login(member)
    # Every field that is not the bad one carries a new, valid value: none may be saved.
    valid_changes = {"organisation": "Nieuwe Organisatie", "show_email": "on"}
    data = profile_form_data(profile, **{**valid_changes, **changes})
    response = client.post(reverse("members:my_profile"), data)
    assert_form_error_page(response, *messages)
    assert snapshot(profile) == before


def test_hostile_text_in_a_profile_is_cleaned_or_escaped(client, member):
    client.force_login(member)
    response = client.post(
        reverse("members:my_profile"),
        profile_form_data(
            member.profile,
            display_name="<script>alert(1)</script>",
            job_title="Docent\u202e\x07",
            expertise="buurtwerk\u202e, <b>vet</b>",
        ),
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.job_title == "Docent"
    other = make_member("ander@example.org")
    client.force_login(other)
    body = client.get(profile.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<b>vet</b>" not in body
    assert "\u202e" not in body


def test_expertise_tags_lose_control_characters_and_direction_overrides(client, member):
    client.force_login(member)
    client.post(
        reverse("members:my_profile"),
        profile_form_data(member.profile, expertise="buurt\u202ewerk, \x07participatie\x1b"),
    )
    tags = sorted(tag.name for tag in Profile.objects.get(user=member).expertise.all())
    assert tags == ["buurtwerk", "participatie"]


# --- Profile pages -------------------------------------------------------------------


@pytest.mark.parametrize("show_email", [True, False])
def test_email_is_shown_on_a_profile_only_when_chosen(client, show_email):
    shown = make_member("zichtbaar@example.org", show_email=show_email)
    viewer = make_member("kijker@example.org")
    client.force_login(viewer)
    page = text(client.get(shown.profile.get_absolute_url()))
    assert ("zichtbaar@example.org" in page) is show_email
    assert ("mailto:zichtbaar@example.org" in page) is show_email


def test_email_is_not_shown_on_directory_cards(client):
    make_member("zichtbaar@example.org", show_email=True)
    client.force_login(make_member("kijker@example.org"))
    assert "zichtbaar@example.org" not in text(client.get(reverse("members:directory")))


def test_bio_markdown_is_rendered_and_script_does_not_survive(client):
    author = make_member(
        "auteur@example.org",
        bio=(
            "## Over mij\n\nIk werk **graag** samen.\n\n"
            "<script>alert('bio')</script>\n\n"
            "[klik](javascript:alert('link'))\n\n"
            '<img src="x" onerror="alert(\'img\')">\n\n'
            '<a href="https://example.org" onclick="alert(\'a\')">site</a>'
        ),
    )
    client.force_login(make_member("lezer@example.org"))
    body = client.get(author.profile.get_absolute_url()).content.decode()
    assert "<strong>graag</strong>" in body
    assert "<h2>Over mij</h2>" in body
    bio = body.split('id="about-heading"')[1].split("</section>")[0]
    assert "<script" not in bio
    assert 'href="javascript' not in bio
    assert "<img" not in bio
    # Event handlers may appear as harmless text, never as attributes of a tag.
    assert not re.search(r"<[^>]*\son\w+=", bio)
    assert "&lt;script&gt;alert" in bio


def test_members_see_active_profiles_with_expertise(client):
    shown = make_member("zichtbaar@example.org", display_name="Noor de Vries", job_title="Docent")
    shown.profile.expertise.add("buurtwerk")
    client.force_login(make_member("kijker@example.org"))
    response = client.get(shown.profile.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    assert "<h1>Noor de Vries</h1>" in page
    assert "Docent" in page and "buurtwerk" in page and "Onderzoek" in page


@pytest.mark.parametrize(
    "status", [MembershipStatus.PAUSED, MembershipStatus.ENDED, MembershipStatus.APPLIED]
)
def test_profile_of_an_inactive_member_is_404_to_members_but_not_the_coordinator(
    client, coordinator, status
):
    other = make_user("inactief@example.org")
    profile = make_profile(other, status)
    client.force_login(make_member("kijker@example.org"))
    assert client.get(profile.get_absolute_url()).status_code == 404
    client.force_login(coordinator)
    assert client.get(profile.get_absolute_url()).status_code == 200


def test_profiles_are_for_members_only(client, member):
    url = member.profile.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    client.force_login(make_applicant())
    response = client.get(url)
    # Invisible to whoever may not see it: an explanation (403) or "not found" (404).
    assert response.status_code in {403, 404}
    assert member.profile.display_name not in text(response)


# --- The member directory ----------------------------------------------------------


def directory(client, **params):
    return client.get(reverse("members:directory"), params)


def names_in(response) -> list[str]:
    return [profile.display_name for profile in response.context["page"].object_list]


def test_directory_sends_visitors_to_the_login_page(client):
    response = directory(client)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={reverse('members:directory')}"


def test_directory_tells_an_applicant_it_is_for_members(client):
    client.force_login(make_applicant())
    response = directory(client)
    assert response.status_code == 403
    page = text(response)
    assert "Alleen voor leden" in page
    assert "Dit deel van de website gaat open zodra de coördinator je aanvraag heeft" in page


def test_directory_lists_only_active_members_who_chose_to_be_listed(client, coordinator):
    viewer = make_member("kijker@example.org", display_name="Kijker")
    make_member("zichtbaar@example.org", display_name="Zichtbaar Lid")
    make_member("verborgen@example.org", display_name="Verborgen Lid", listed_in_directory=False)
    for status, name in [
        (MembershipStatus.PAUSED, "Gepauzeerd Lid"),
        (MembershipStatus.ENDED, "Oud Lid"),
        (MembershipStatus.APPLIED, "Aanvrager"),
    ]:
        make_profile(make_user(f"{status}@example.org"), status, display_name=name)
    client.force_login(viewer)
    response = directory(client)
    assert response.status_code == 200
    assert names_in(response) == ["Kijker", "Zichtbaar Lid"]
    assert "2 leden" in text(response)
    for hidden in ("Verborgen Lid", "Gepauzeerd Lid", "Oud Lid", "Aanvrager"):
        assert hidden not in text(response)
    # The coordinator, who sees every profile, sees the same directory.
    client.force_login(coordinator)
    assert names_in(directory(client)) == ["Kijker", "Zichtbaar Lid"]


def test_common_expertise_counts_only_listed_members(client):
    viewer = make_member("kijker@example.org")
    viewer.profile.expertise.add("buurtwerk")
    make_member("tweede@example.org").profile.expertise.add("buurtwerk")
    hidden = make_member("verborgen@example.org", listed_in_directory=False)
    hidden.profile.expertise.add("buurtwerk", "verborgen onderwerp")
    paused = make_member("pauze@example.org")
    paused.profile.expertise.add("gepauzeerd onderwerp")
    Profile.objects.filter(user=paused).update(status=MembershipStatus.PAUSED)
    client.force_login(viewer)
    response = directory(client)
    common = {tag.name: tag.uses for tag in response.context["popular_expertise"]}
    assert common == {"buurtwerk": 2}
    assert "verborgen onderwerp" not in text(response)
    assert "gepauzeerd onderwerp" not in text(response)


@pytest.fixture
def three_members(db):
    viewer = make_member(
        "kijker@example.org",
        display_name="Kijker",
        organisation="Gemeente Heerlen",
        sector="other",
        listed_in_directory=False,
    )
    noor = make_member(
        "noor@example.org",
        ParticipationLevel.ONLINE,
        display_name="Noor de Vries",
        organisation="Buurtwerk Oost",
        sector="practice",
    )
    noor.profile.expertise.add("Buurtwerk", "participatie")
    sam = make_member(
        "sam@example.org",
        ParticipationLevel.MEETINGS,
        display_name="Sam Jansen",
        organisation="Hogeschool Zuyd",
        sector="education",
    )
    sam.profile.expertise.add("participatie")
    lina = make_member(
        "lina@example.org",
        ParticipationLevel.PUBLIC_EVENTS,
        display_name="Lina Bakker",
        organisation="Onderzoeksbureau Noord",
        sector="research",
    )
    lina.profile.expertise.add("armoede")
    return viewer


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "vries"}, ["Noor de Vries"]),
        ({"q": "noord"}, ["Lina Bakker"]),
        ({"q": "JANSEN"}, ["Sam Jansen"]),
        ({"q": "hogeschool"}, ["Sam Jansen"]),
        ({"q": "  oost "}, ["Noor de Vries"]),
        ({"q": "heerlen"}, []),
        ({"sector": "education"}, ["Sam Jansen"]),
        ({"sector": "practice"}, ["Noor de Vries"]),
        ({"level": "public_events"}, ["Lina Bakker"]),
        ({"level": "online"}, ["Noor de Vries"]),
        ({"expertise": "participatie"}, ["Noor de Vries", "Sam Jansen"]),
        ({"expertise": "buurtwerk"}, ["Noor de Vries"]),
        ({"expertise": "participatie", "sector": "education"}, ["Sam Jansen"]),
        ({"q": "o", "level": "meetings"}, ["Sam Jansen"]),
        ({}, ["Lina Bakker", "Noor de Vries", "Sam Jansen"]),
    ],
)
def test_directory_search_and_filters(client, three_members, params, expected):
    client.force_login(three_members)
    response = directory(client, **params)
    assert response.status_code == 200
    assert names_in(response) == expected


def test_directory_says_so_when_nothing_matches(client, three_members):
    client.force_login(three_members)
    response = directory(client, q="niemand")
    assert "Geen leden gevonden met deze filters." in text(response)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"q": "q" * 10_000},
        {"q": "<script>alert(1)</script>"},
        {"q": "\u202e\x07"},
        {"sector": "bogus"},
        {"level": "x" * 10_000},
        {"expertise": "\x00<script>"},
        {"pagina": "-1"},
        {"pagina": "abc"},
        {"pagina": "9" * 50},
    ],
)
def test_directory_survives_bad_query_parameters(client, three_members, params):
    client.force_login(three_members)
    response = directory(client, **params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_directory_keeps_valid_filters_when_another_is_invalid(client, three_members):
    client.force_login(three_members)
    response = directory(client, q="vries", sector="bogus")
    assert response.status_code == 200
    assert names_in(response) == ["Noor de Vries"]


def test_directory_is_paginated_by_24(client):
    viewer = make_member("kijker@example.org", display_name="Aaa Kijker")
    for number in range(29):
        make_member(f"lid{number:02d}@example.org", display_name=f"Lid {number:02d}")
    client.force_login(viewer)

    first = directory(client)
    assert len(first.context["page"].object_list) == 24
    assert names_in(first)[:2] == ["Aaa Kijker", "Lid 00"]
    assert "Pagina 1 van 2" in text(first)
    assert "pagina=2" in text(first)

    second = directory(client, pagina="2")
    assert names_in(second) == [f"Lid {number:02d}" for number in range(23, 29)]
    assert "Pagina 2 van 2" in text(second)
    assert not set(names_in(first)) & set(names_in(second))

    # Out of range or nonsense: the nearest sensible page, never an error.
    assert names_in(directory(client, pagina="99")) == names_in(second)
    assert names_in(directory(client, pagina="abc")) == names_in(first)


def test_directory_pagination_keeps_the_filters(client):
    viewer = make_member("kijker@example.org", sector="other")
    for number in range(30):
        make_member(
            f"lid{number:02d}@example.org", display_name=f"Lid {number:02d}", sector="practice"
        )
    client.force_login(viewer)
    first = text(directory(client, sector="practice"))
    assert "sector=practice&pagina=2" in first
    second = directory(client, sector="practice", pagina="2")
    assert names_in(second) == [f"Lid {number:02d}" for number in range(24, 30)]


# Session, user with profile, site settings, count, page, its tags, the common tags.
DIRECTORY_QUERIES = 7


def _fill_directory(count: int) -> User:
    viewer = make_member("kijker@example.org")
    for number in range(count - 1):
        user = make_member(f"lid{number:02d}@example.org", display_name=f"Lid {number:02d}")
        user.profile.expertise.add("buurtwerk", f"onderwerp {number % 7}")
    return viewer


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("listed", [5, 60])
def test_directory_query_count_does_not_grow_with_members(
    client, django_assert_num_queries, listed
):
    viewer = _fill_directory(listed)
    client.force_login(viewer)
    directory(client)  # warm up: the site settings row is created on first use
    with CaptureQueriesContext(connection) as measured:
        assert directory(client).status_code == 200
    assert len(measured) == DIRECTORY_QUERIES, [q["sql"] for q in measured.captured_queries]
    with django_assert_num_queries(DIRECTORY_QUERIES):
        response = directory(client, expertise="buurtwerk")
    assert len(response.context["page"].object_list) == min(listed - 1, 24)


@pytest.mark.usefixtures("page_cache_off")
def test_directory_query_count_is_the_same_for_5_and_60_members(client):
    counts = []
    for listed in (5, 60):
        Profile.objects.all().delete()
        User.objects.all().delete()
        viewer = _fill_directory(listed)
        client.force_login(viewer)
        directory(client)
        with CaptureQueriesContext(connection) as measured:
            response = directory(client)
        assert response.context["page"].paginator.count == listed
        counts.append(len(measured))
    assert counts[0] == counts[1] == DIRECTORY_QUERIES


# --- One's own data: export and delete -------------------------------------------------


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


# --- Deleting an account frees its places ----------------------------------------------


def test_deleting_an_account_gives_its_place_to_the_first_on_the_waiting_list(client):
    event = make_event("vol-atelier", capacity=1, title="Vol atelier")
    past = make_event("terugblik", days_ahead=-10)
    leaving = make_member("weg@example.org")
    first = make_member("eerste@example.org", display_name="Eerste Wachtende")
    second = make_member("tweede@example.org")
    now = timezone.now()
    Registration.objects.create(event=event, user=leaving, status=RegistrationStatus.CONFIRMED)
    Registration.objects.create(
        event=past, user=leaving, status=RegistrationStatus.CONFIRMED, attended=True
    )
    for person, waited in ((first, 2), (second, 1)):
        Registration.objects.create(
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
    attended = Registration.objects.create(
        event=past,
        user=member,
        status=RegistrationStatus.CONFIRMED,
        attended=True,
        created_at=timezone.now() - timedelta(days=20),
    )
    upcoming = Registration.objects.create(
        event=meeting, user=member, status=RegistrationStatus.WAITLISTED
    )
    other = make_member("ander@example.org")
    Registration.objects.create(event=meeting, user=other, status=RegistrationStatus.CONFIRMED)
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


# --- Contributions on a profile --------------------------------------------------------


def make_item(title: str, author: User, **fields) -> Resource:
    item = Resource.objects.create(
        kind=ResourceKind.TOOL,
        title=title,
        slug=re.sub(r"\W+", "-", title.lower()),
        summary="Kort.",
        body="Tekst.",
        created_by=author,
        **{"status": ResourceStatus.PUBLISHED, "visibility": Visibility.PUBLIC, **fields},
    )
    item.set_authors([author])
    return item


@pytest.fixture
def commenter(db):
    """A member who commented on a public item, a members-only item and someone's draft."""
    commenter = make_member("reageerder@example.org", display_name="Rik Reageerder")
    author = make_member("auteur@example.org")
    public = make_item("Openbaar stuk", author)
    members_only = make_item("Ledenstuk", author, visibility=Visibility.MEMBERS)
    draft = make_item("Geheim concept", author, status=ResourceStatus.DRAFT)
    for item, body in [
        (public, "Mijn reactie op het openbare stuk"),
        (members_only, "Mijn reactie op het ledenstuk"),
        (draft, "Mijn reactie op het concept"),
    ]:
        Comment.objects.create(resource=item, author=commenter, body=body)
    Comment.objects.create(
        resource=public, author=commenter, body="Een verborgen reactie", hidden=True
    )
    return commenter


def test_a_profile_shows_the_members_comments_linked_to_their_items(client, commenter):
    client.force_login(make_member("lezer@example.org"))
    response = client.get(commenter.profile.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    for title, body in [
        ("Openbaar stuk", "Mijn reactie op het openbare stuk"),
        ("Ledenstuk", "Mijn reactie op het ledenstuk"),
    ]:
        comment = Comment.objects.get(body=body)
        link = f"{comment.resource.get_absolute_url()}#reactie-{comment.pk}"
        assert f'<a href="{link}">{title}</a>' in page
        assert body in page
    # Another's draft is not this reader's to see, nor is a hidden comment anyone's.
    assert "Geheim concept" not in page and "Mijn reactie op het concept" not in page
    assert "Een verborgen reactie" not in page


def test_the_coordinator_sees_comments_on_drafts_but_never_hidden_ones(client, commenter):
    client.force_login(make_coordinator())
    page = text(client.get(commenter.profile.get_absolute_url()))
    assert "Geheim concept" in page and "Mijn reactie op het concept" in page
    assert "Een verborgen reactie" not in page


@pytest.mark.parametrize("role", ["visitor", "applicant"])
def test_a_comment_on_a_members_only_item_does_not_leak(client, commenter, role):
    if role == "applicant":
        client.force_login(make_applicant())
    response = client.get(commenter.profile.get_absolute_url(), follow=True)
    page = text(response)
    assert "Ledenstuk" not in page
    assert "Mijn reactie op het ledenstuk" not in page
    assert "Rik Reageerder" not in page


def test_a_profile_lists_the_comments_newest_first_and_bounded(client, commenter):
    from portal.contributions import CONTRIBUTIONS_SHOWN

    item = Resource.objects.get(title="Openbaar stuk")
    now = timezone.now()
    for number in range(CONTRIBUTIONS_SHOWN + 5):
        Comment.objects.create(
            resource=item,
            author=commenter,
            body=f"Reactie nummer {number}",
            created_at=now + timedelta(minutes=number),
        )
    client.force_login(make_member("lezer@example.org"))
    response = client.get(commenter.profile.get_absolute_url())
    shown = [comment.body for comment in response.context["comments"]]
    newest = CONTRIBUTIONS_SHOWN + 4
    assert shown == [f"Reactie nummer {n}" for n in range(newest, newest - CONTRIBUTIONS_SHOWN, -1)]


def test_a_profile_shows_the_meetings_the_member_attended(client):
    attendee = make_member("deelnemer@example.org")
    attended = make_event("gesprek-over-wijken", days_ahead=-14, title="Gesprek over wijken")
    missed = make_event("gemist", days_ahead=-7, title="Gemiste bijeenkomst")
    upcoming = make_event("straks", days_ahead=7, title="Komende bijeenkomst")
    Registration.objects.create(
        event=attended, user=attendee, status=RegistrationStatus.CONFIRMED, attended=True
    )
    Registration.objects.create(
        event=missed, user=attendee, status=RegistrationStatus.CONFIRMED, attended=False
    )
    Registration.objects.create(event=upcoming, user=attendee, status=RegistrationStatus.CONFIRMED)
    client.force_login(make_member("lezer@example.org"))
    page = text(client.get(attendee.profile.get_absolute_url()))
    assert "Bijgewoonde bijeenkomsten" in page
    assert f'<a href="{attended.get_absolute_url()}">Gesprek over wijken</a>' in page
    assert "Gemiste bijeenkomst" not in page
    assert "Komende bijeenkomst" not in page


# --- Decisions and photos in the admin's change form -----------------------------------


def change_form_data(profile: Profile, **changes) -> dict:
    """The admin's change form: the member's own fields and the coordinator's."""
    coordinators = ("status", "participation_level", "motivation")
    return profile_form_data(
        profile, **{**{field: getattr(profile, field) for field in coordinators}, **changes}
    )


def test_declining_in_the_change_form_mails_like_the_bulk_action(
    client, coordinator, django_capture_on_commit_callbacks
):
    applicant = make_applicant(display_name="Noor de Vries")
    profile = applicant.profile
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:members_profile_change", args=[profile.pk]),
            change_form_data(profile, status="ended"),
        )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == MembershipStatus.ENDED
    assert profile.approved_at is None
    (message,) = mail.outbox
    assert message.to == [applicant.email]
    assert message.subject == "Je aanvraag bij het Leeratelier Samenlevingsopbouw"
    assert "Beste Noor de Vries," in message.body
    assert "Helaas kunnen we je aanvraag op dit moment niet goedkeuren." in message.body


def test_approving_in_the_change_form_mails_once_saved(
    client, coordinator, django_capture_on_commit_callbacks
):
    applicant = make_applicant(display_name="Noor de Vries")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:members_profile_change", args=[applicant.profile.pk]),
            change_form_data(applicant.profile, status="active"),
        )
    (message,) = mail.outbox
    assert message.subject == "Welkom bij het Leeratelier Samenlevingsopbouw"


@pytest.mark.parametrize("status", ["ended", "paused"])
def test_ending_or_pausing_a_membership_in_the_change_form_sends_no_mail(
    client, coordinator, django_capture_on_commit_callbacks, status
):
    member = make_member()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:members_profile_change", args=[member.profile.pk]),
            change_form_data(member.profile, status=status),
        )
    assert response.status_code == 302
    assert Profile.objects.get(user=member).status == status
    assert mail.outbox == []


def camera_photo(size=(1200, 900)) -> bytes:
    """A JPEG carrying the photographer's name and a GPS position in its EXIF."""
    exif = Image.Exif()
    exif[0x013B] = "Fotograaf Geheim"
    exif.get_ifd(0x8825).update({1: "N", 2: (50.0, 53.0, 17.0)})
    buffer = io.BytesIO()
    Image.new("RGB", size, "steelblue").save(buffer, "JPEG", exif=exif.tobytes())
    assert b"Fotograaf Geheim" in buffer.getvalue()
    return buffer.getvalue()


def give_photo(profile: Profile) -> list[str]:
    """Store stand-in photo files on `profile`; their paths."""
    profile.avatar.save("foto.jpg", io.BytesIO(b"large"), save=False)
    profile.avatar_small.save("foto.jpg", io.BytesIO(b"small"), save=False)
    profile.save()
    return [profile.avatar.path, profile.avatar_small.path]


def test_a_photo_uploaded_in_the_admin_is_re_encoded_and_resized(
    client, coordinator, django_capture_on_commit_callbacks
):
    profile = make_member().profile
    old_files = give_photo(profile)
    client.force_login(coordinator)
    upload = SimpleUploadedFile("camera.jpg", camera_photo(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:members_profile_change", args=[profile.pk]),
            change_form_data(profile, avatar_upload=upload),
        )
    assert response.status_code == 302, response.context["adminform"].form.errors
    profile.refresh_from_db()
    for field, side in ((profile.avatar, 512), (profile.avatar_small, 128)):
        assert re.fullmatch(r"avatars/[0-9a-f]{32}\.jpg", field.name)
        data = field.read()
        assert b"Fotograaf Geheim" not in data
        with Image.open(io.BytesIO(data)) as stored:
            assert stored.format == "JPEG"
            assert stored.size == (side, side)
            assert not stored.getexif()
    for path in old_files:
        assert not os.path.exists(path), path


def test_the_admin_rejects_a_file_that_is_not_a_photo(client, coordinator):
    member = make_member()
    before = snapshot(member.profile)
    client.force_login(coordinator)
    upload = SimpleUploadedFile("foto.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = client.post(
        reverse("admin:members_profile_change", args=[member.profile.pk]),
        change_form_data(member.profile, organisation="Nieuw", avatar_upload=upload),
    )
    assert response.status_code == 200
    assert "Dit bestand is geen foto die we kunnen lezen." in text(response)
    assert snapshot(member.profile) == before


def test_the_coordinator_removes_a_photo_in_the_admin(
    client, coordinator, django_capture_on_commit_callbacks
):
    profile = make_member().profile
    files = give_photo(profile)
    client.force_login(coordinator)
    url = reverse("admin:members_profile_change", args=[profile.pk])
    page = client.get(url).content.decode()
    assert f'src="{reverse("members:avatar_small", args=[profile.pk])}"' in page
    assert 'name="avatar"' not in page  # no way around the processing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, change_form_data(profile, remove_avatar="on"))
    profile.refresh_from_db()
    assert not profile.avatar and not profile.avatar_small
    for path in files:
        assert not os.path.exists(path), path


# --- Finding members in the admin ------------------------------------------------------


@pytest.mark.parametrize("query", ["noor", "Buurtwerk Oost", "noor.devries@example.org", "VRIES"])
def test_admin_search_finds_a_member_by_name_organisation_and_email(client, coordinator, query):
    make_member(
        "noor.devries@example.org", display_name="Noor de Vries", organisation="Buurtwerk Oost"
    )
    make_member("sam@example.org", display_name="Sam Jansen", organisation="Hogeschool Zuyd")
    client.force_login(coordinator)
    response = client.get(reverse(PROFILE_CHANGELIST), {"q": query})
    assert response.status_code == 200
    assert [p.display_name for p in response.context["cl"].result_list] == ["Noor de Vries"]


def test_admin_filter_lists_members_without_contributions(client, coordinator):
    long_ago = timezone.now() - timedelta(days=200)
    make_member("stil@example.org", display_name="Stil Lid", approved_at=long_ago)
    present = make_member("aanwezig@example.org", display_name="Aanwezig Lid", approved_at=long_ago)
    meeting = make_event("bijeenkomst", days_ahead=-10)
    Registration.objects.create(
        event=meeting, user=present, status=RegistrationStatus.CONFIRMED, attended=True
    )
    make_member("nieuw@example.org", display_name="Nieuw Lid")
    client.force_login(coordinator)
    response = client.get(reverse(PROFILE_CHANGELIST), {"zonder_bijdrage": "3"})
    assert response.status_code == 200
    assert [p.display_name for p in response.context["cl"].result_list] == ["Stil Lid"]
    everyone = client.get(reverse(PROFILE_CHANGELIST))
    assert {p.display_name for p in everyone.context["cl"].result_list} == {
        "Stil Lid",
        "Aanwezig Lid",
        "Nieuw Lid",
    }
