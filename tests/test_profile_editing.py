"""Editing one's own profile: expertise tags, Dutch messages, hostile text cleaned or escaped."""

import pytest
from django.urls import reverse

from members.models import Profile

from .factories import make_applicant, make_member
from .helpers import (
    APPLY,
    CHOOSE_SECTOR,
    ENTER_NAME,
    ENTER_ORGANISATION,
    NULL_CHARACTERS,
    PRINTABLE_ONLY,
    assert_form_error_page,
    invalid_choice,
    profile_form_data,
    snapshot,
    text,
    too_long,
)

pytestmark = pytest.mark.django_db


TOO_MANY_TOPICS = "Kies hoogstens 15 onderwerpen."
TOPIC_TOO_LONG = "Houd elk onderwerp korter dan 50 tekens."


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
