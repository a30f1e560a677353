"""Profile pages: for members only, e-mail address only when chosen, bio Markdown made safe."""

import re

import pytest
from django.urls import reverse

from members.models import MembershipStatus

from .factories import make_applicant, make_member, make_profile, make_user
from .helpers import text

pytestmark = pytest.mark.django_db


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
