"""Joining: logging in, the application form, its Dutch messages and what hostile input becomes.

Dutch texts asserted here are taken from locale/nl/LC_MESSAGES/django.po (and, for the
few generic field errors, from Django's own Dutch translation).
"""

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, load_backend
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from atelier.models import SiteSettings
from members.models import MembershipStatus, ParticipationLevel, Profile, User

from .factories import PASSWORD, make_applicant, make_coordinator
from .helpers import (
    APPLY,
    CHOOSE_LEVEL,
    CHOOSE_SECTOR,
    ENTER_NAME,
    ENTER_ORGANISATION,
    NULL_CHARACTERS,
    PRINTABLE_ONLY,
    assert_form_error_page,
    invalid_choice,
    snapshot,
    text,
    too_long,
)

pytestmark = pytest.mark.django_db


WRITE_MOTIVATION = "Schrijf wat je meebrengt en wilt delen."
MOTIVATION_TOO_SHORT = "Schrijf minstens een paar zinnen (20 tekens of meer) over wat je meebrengt."
AGREE_TO_PRIVACY = "Ga akkoord met de privacyverklaring om je aan te melden als lid."
APPLICATION = {
    "display_name": "Noor de Vries",
    "organisation": "Buurtwerk Oost",
    "sector": "practice",
    "participation_level": "online",
    "motivation": "Ik breng tien jaar ervaring met bewonersinitiatieven mee.",
    "privacy_consent": "on",
}


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
