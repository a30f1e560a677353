"""Smaller hardening of issue 21, 5: personal data is kept by no cache; the upload forms
say the pixel limit (the checks themselves: tests/test_attachment_*.py, test_avatars.py)."""

import pytest
from django.urls import reverse

from sessions_app.models import CalendarFeed

from .factories import make_member

pytestmark = pytest.mark.django_db

PERSONAL_PAGES = [
    ("members:my_profile", ()),
    ("members:membership", ()),
    ("members:export", ()),
    ("members:delete_account", ()),
    ("members:directory", ()),
    ("members:detail", ("own",)),
    ("members:detail", ("other",)),
    ("agenda:mine", ()),
    ("my_atelier", ()),
    ("knowledge:coauthor_requests", ()),
]


@pytest.mark.parametrize(("name", "args"), PERSONAL_PAGES)
def test_personal_pages_are_kept_by_no_cache(client, member, name, args):
    other = make_member("ander@example.org")
    ids = {"own": member.profile.pk, "other": other.profile.pk}
    client.force_login(member)
    url = reverse(name, args=[ids[arg] for arg in args])
    for attempt in ("built", "kept"):  # also when the page cache answers
        response = client.get(url)
        assert response.status_code == 200, (url, attempt)
        assert response["Cache-Control"] == "private, no-store", (url, attempt)


def test_the_personal_calendar_feed_is_kept_only_by_its_own_program(client, member):
    feed = CalendarFeed.objects.create(user=member)
    url = reverse("agenda:personal_feed", args=[feed.token])
    for _attempt in ("built", "kept"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "max-age=3600, private"


def test_the_profile_form_says_the_photos_pixel_limit(client, member):
    client.force_login(member)
    page = client.get(reverse("members:my_profile")).content.decode()
    assert "hoogstens 5 MB en 25 megapixel" in page


def test_the_library_form_says_the_images_pixel_limit(client, member):
    client.force_login(member)
    page = client.get(reverse("knowledge:create") + "?soort=tool").content.decode()
    assert "een afbeelding hoogstens 25 megapixel" in page
