"""What a member gave shows on their profile: items, comments and meetings attended, each only to
those who may see it; and the admin's "without contributions since" count.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from knowledge.models import Comment, Resource, ResourceKind, ResourceStatus, Visibility
from members.models import Profile
from portal.contributions import without_contributions_since
from sessions_app.models import RegistrationStatus

from .factories import (
    make_applicant,
    make_comment,
    make_coordinator,
    make_event,
    make_item,
    make_member,
    make_registration,
    make_resource,
)
from .helpers import is_login_redirect, text

pytestmark = pytest.mark.django_db


def test_a_members_profile_lists_the_items_the_viewer_may_see(client, writer):
    make_resource("Openbaar stuk", writer)
    make_resource("Ledenstuk", writer, visibility=Visibility.MEMBERS)
    make_resource("Geheim concept", writer, status=ResourceStatus.DRAFT)
    make_resource("Van een ander", make_member("ander@example.org"))
    profile_url = Profile.objects.get(user=writer).get_absolute_url()
    client.force_login(make_member("lezer@example.org"))
    response = client.get(profile_url)
    assert response.status_code == 200
    assert {r.title for r in response.context["items"]} == {"Openbaar stuk", "Ledenstuk"}
    assert "Geheim concept" not in response.content.decode()
    client.force_login(writer)
    own = {r.title for r in client.get(profile_url).context["items"]}
    assert own == {"Openbaar stuk", "Ledenstuk", "Geheim concept"}


def test_each_item_on_a_profile_is_a_line_with_its_kind_and_state(client, writer):
    # A line as for the member's other contributions, not a library card: its title, kind,
    # whether it is for members only or a draft, and when it was published.
    make_resource("Ledenstuk", writer, visibility=Visibility.MEMBERS, kind=ResourceKind.CASE)
    make_resource("Mijn concept", writer, status=ResourceStatus.DRAFT, kind=ResourceKind.TOOL)
    client.force_login(writer)
    page = text(client.get(Profile.objects.get(user=writer).get_absolute_url()))
    lines = [" ".join(line.split()) for line in re.findall(r"<li>(.*?)</li>", page, re.S)]
    assert any(
        re.fullmatch(
            r'<a href="[^"]+" lang="nl">Ledenstuk</a> · Praktijkcasus · Alleen leden · '
            r'<time datetime="[^"]+">\d+ \w+ \d{4}</time>',
            line,
        )
        for line in lines
    ), lines
    assert any(
        re.fullmatch(
            r'<a href="[^"]+" lang="nl">Mijn concept</a> · Tool / werkvorm · '
            r"<strong>Concept</strong>",
            line,
        )
        for line in lines
    ), lines


def test_a_visitor_cannot_open_a_members_profile(client, writer):
    make_resource("Openbaar stuk", writer)
    assert is_login_redirect(client.get(Profile.objects.get(user=writer).get_absolute_url()))


def test_without_contributions_since_counts_items_and_comments():
    long_ago = timezone.now() - timedelta(days=120)
    since = timezone.now() - timedelta(days=30)
    wrote = make_member("schreef@example.org", approved_at=long_ago)
    commented = make_member("reageerde@example.org", approved_at=long_ago)
    drafted = make_member("concept@example.org", approved_at=long_ago)
    idle = make_member("niets@example.org", approved_at=long_ago)
    old_writer = make_member("oud@example.org", approved_at=long_ago)
    make_resource("Recent stuk", wrote)
    make_resource("Een concept", drafted, status=ResourceStatus.DRAFT)
    old_item = make_resource("Oud stuk", old_writer, created_at=long_ago)
    make_comment(resource=old_item, author=commented, body="Recent")
    make_comment(resource=old_item, author=old_writer, body="Oud", created_at=long_ago)
    quiet = without_contributions_since(Profile.objects.all(), since)
    assert {profile.user for profile in quiet} == {idle, old_writer}


@pytest.fixture
def commenter(db):
    """A member who commented on a public item, a members-only item and someone's draft."""
    commenter = make_member("reageerder@example.org", display_name="Rik Reageerder")
    author = make_member("auteur@example.org")
    public = make_item("openbaar-stuk", author)
    members_only = make_item("ledenstuk", author, visibility=Visibility.MEMBERS)
    draft = make_item("geheim-concept", author, status=ResourceStatus.DRAFT)
    for item, body in [
        (public, "Mijn reactie op het openbare stuk"),
        (members_only, "Mijn reactie op het ledenstuk"),
        (draft, "Mijn reactie op het concept"),
    ]:
        make_comment(resource=item, author=commenter, body=body)
    make_comment(resource=public, author=commenter, body="Een verborgen reactie", hidden=True)
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
        make_comment(
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
    make_registration(
        event=attended, user=attendee, status=RegistrationStatus.CONFIRMED, attended=True
    )
    make_registration(
        event=missed, user=attendee, status=RegistrationStatus.CONFIRMED, attended=False
    )
    make_registration(event=upcoming, user=attendee, status=RegistrationStatus.CONFIRMED)
    client.force_login(make_member("lezer@example.org"))
    page = text(client.get(attendee.profile.get_absolute_url()))
    assert "Bijgewoonde bijeenkomsten" in page
    assert f'<a href="{attended.get_absolute_url()}">Gesprek over wijken</a>' in page
    assert "Gemiste bijeenkomst" not in page
    assert "Komende bijeenkomst" not in page
