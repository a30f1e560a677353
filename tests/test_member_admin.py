"""Members in the coordinator's admin: decisions and photos in the change form, search and
filters.
"""

import io
import os
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from members.models import MembershipStatus, Profile
from sessions_app.models import RegistrationStatus

from .factories import (
    make_applicant,
    make_event,
    make_member,
    make_profile,
    make_registration,
    make_user,
)
from .helpers import PROFILE_CHANGELIST, give_photo, profile_form_data, snapshot, text

pytestmark = pytest.mark.django_db


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


def test_the_change_form_moves_a_membership_only_as_next_statuses_allows(client, coordinator):
    # An ended membership comes back only through a new application, not by hand.
    former = make_user("oud-lid@example.org")
    make_profile(former, status=MembershipStatus.ENDED)
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:members_profile_change", args=[former.profile.pk]),
        change_form_data(former.profile, status="active"),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"] == [
        "Dit lidmaatschap kan niet van “Beëindigd” naar “Actief”."
    ]
    assert Profile.objects.get(user=former).status == MembershipStatus.ENDED


def test_the_change_form_cleans_names_as_the_members_own_form_does(client, coordinator):
    member = make_member()
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:members_profile_change", args=[member.profile.pk]),
        change_form_data(
            member.profile,
            display_name="Noor\u202e de\tVries",
            organisation=" Hogeschool\nUtrecht ",
            job_title="Docent\u200b  onderzoeker",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    profile = Profile.objects.get(user=member)
    assert (profile.display_name, profile.organisation, profile.job_title) == (
        "Noor de Vries",
        "Hogeschool Utrecht",
        "Docent onderzoeker",
    )


def camera_photo(size=(1200, 900)) -> bytes:
    """A JPEG carrying the photographer's name and a GPS position in its EXIF."""
    exif = Image.Exif()
    exif[0x013B] = "Fotograaf Geheim"
    exif.get_ifd(0x8825).update({1: "N", 2: (50.0, 53.0, 17.0)})
    buffer = io.BytesIO()
    Image.new("RGB", size, "steelblue").save(buffer, "JPEG", exif=exif.tobytes())
    assert b"Fotograaf Geheim" in buffer.getvalue()
    return buffer.getvalue()


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
    make_registration(
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
