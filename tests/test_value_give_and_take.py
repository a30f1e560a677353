"""Value stories and practice accounts in give and take and privacy (issue 16, item 8):
they count as contributions on the profile and in the admin's filter, they are in the
data download, and deleting an account removes them unless the person chose to keep them
without their name ("voormalig lid")."""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Uptake, Visibility
from members.models import Profile
from portal.contributions import without_contributions_since
from value.models import FollowUp, StoryAudience, ValueStory

from .factories import (
    PASSWORD,
    make_coordinator,
    make_event,
    make_item,
    make_member,
    make_story,
)
from .helpers import text

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timedelta(days=200)


def make_uptake(author, resource, **fields) -> Uptake:
    defaults = {
        "used_on": date(2026, 3, 4),
        "place": "Heerlen-Noord",
        "group": "bewoners van de Molenstraat",
        "what_happened": "Twintig bewoners kwamen; drie namen het gesprek over.",
    }
    return Uptake.objects.create(author=author, resource=resource, **{**defaults, **fields})


@pytest.fixture
def giver():
    """A member with a story for each audience and a practice account of a public tool."""
    giver = make_member("gever@example.org", display_name="Gerda Gever", approved_at=LONG_AGO)
    for audience in StoryAudience.values:
        make_story(giver, audience, title=f"Verhaal voor {audience}")
    make_uptake(giver, make_item("het-buurtgesprek", title="Het buurtgesprek"))
    return giver


def test_the_profile_lists_the_stories_the_viewer_may_read_and_the_accounts(client, giver):
    client.force_login(make_member("lezer@example.org"))
    page = text(client.get(reverse("members:detail", args=[giver.profile.pk])))

    assert "Verhaal voor public" in page and "Verhaal voor members" in page
    assert "Verhaal voor coordinator" not in page
    assert "Gebruikt in de praktijk" in page and "Het buurtgesprek" in page

    client.force_login(make_coordinator())
    page = text(client.get(reverse("members:detail", args=[giver.profile.pk])))
    assert "Verhaal voor coordinator" in page


def test_an_account_of_an_item_the_viewer_may_not_open_is_not_listed(client):
    giver = make_member("gever@example.org")
    draft = make_item("geheim", title="Geheim concept", status="draft")
    make_uptake(giver, draft)
    client.force_login(make_member("lezer@example.org"))

    page = text(client.get(reverse("members:detail", args=[giver.profile.pk])))

    assert "Geheim concept" not in page
    assert "Nog niets gedeeld." in page


@pytest.mark.parametrize("contribution", ["story", "account"])
def test_a_story_or_an_account_counts_as_a_contribution(contribution):
    since = timezone.now() - timedelta(days=90)
    member = make_member("gever@example.org", approved_at=LONG_AGO)
    idle = make_member("stil@example.org", approved_at=LONG_AGO)
    old = make_member("oud@example.org", approved_at=LONG_AGO)
    if contribution == "story":
        make_story(member)
        make_story(old, created_at=LONG_AGO)
    else:
        make_uptake(member, make_item())
        make_uptake(old, make_item("ander-stuk"), created_at=LONG_AGO)

    quiet = without_contributions_since(Profile.objects.all(), since)

    assert {profile.user for profile in quiet} == {idle, old}


def test_the_admins_filter_leaves_out_who_told_a_story(client):
    make_story(
        make_member("verteller@example.org", display_name="Vera Verteller", approved_at=LONG_AGO)
    )
    make_member("stil@example.org", display_name="Stil Lid", approved_at=LONG_AGO)
    client.force_login(make_coordinator())

    page = text(client.get("/admin/members/profile/?zonder_bijdrage=3"))

    assert "Stil Lid" in page and "Vera Verteller" not in page


def test_the_download_holds_the_stories_accounts_and_follow_ups(client, giver):
    meeting = make_event("signaleren", title="Signaleren", days_ahead=-30)
    ValueStory.objects.get(title="Verhaal voor public").events.add(meeting)
    FollowUp.objects.create(event=meeting, user=giver, sent_at=timezone.now())
    client.force_login(giver)

    data = json.loads(client.get(reverse("members:export")).content)

    assert [story["title"] for story in data["value_stories"]] == [
        "Verhaal voor coordinator",
        "Verhaal voor members",
        "Verhaal voor public",
    ]
    public = data["value_stories"][2]
    assert public["about"]["meetings"] == ["Signaleren"]
    assert public["cycles"]["applied"]["text"].startswith("Ik gebruik de werkvorm")
    assert public["cycles"]["applied"]["intended"] is False
    (account,) = data["practice_accounts"]
    assert account["item"] == "Het buurtgesprek" and account["place"] == "Heerlen-Noord"
    assert data["follow_up_emails"][0]["meeting"] == "Signaleren"


def delete_account(client, user, **choices):
    client.force_login(user)
    return client.post(reverse("members:delete_account"), {"password": PASSWORD, **choices})


def test_deleting_an_account_removes_its_stories_and_accounts(client, giver):
    others = make_story(make_member("ander@example.org"), title="Van een ander")

    response = delete_account(client, giver)

    assert response.status_code == 302
    assert list(ValueStory.objects.all()) == [others]
    assert not Uptake.objects.exists()


def test_kept_stories_and_accounts_say_former_member(client, giver):
    delete_account(client, giver, keep_stories="on")

    assert ValueStory.objects.count() == 3
    assert not ValueStory.objects.filter(author__isnull=False).exists()
    assert Uptake.objects.get().author is None
    story = ValueStory.objects.get(title="Verhaal voor public")
    client.logout()
    page = text(client.get(story.get_absolute_url()))
    assert "voormalig lid" in page and "Gerda Gever" not in page
    assert "Verhaal voor public" in text(client.get(reverse("value:list")))


def test_the_delete_form_offers_to_keep_them(client, giver):
    client.force_login(giver)
    page = text(client.get(reverse("members:delete_account")))
    assert "Bewaar mijn waardeverhalen en praktijkverslagen, zonder mijn naam" in page


def test_a_kept_story_is_no_longer_anyones_to_edit(client, giver):
    delete_account(client, giver, keep_stories="on")
    story = ValueStory.objects.get(title="Verhaal voor public")
    client.force_login(make_member("nieuw@example.org"))
    assert client.get(reverse("value:edit", args=[story.pk])).status_code == 404


def test_public_visibility_of_an_account_is_kept(client, giver):
    make_uptake(giver, make_item("ander", visibility=Visibility.PUBLIC), is_public=True)
    delete_account(client, giver, keep_stories="on")
    assert Uptake.objects.filter(is_public=True, author__isnull=True).count() == 1
