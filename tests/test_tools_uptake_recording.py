"""Recording an experience of using a tool or case ("Ik heb dit gebruikt"), and changing or
deleting it: active members (and the coordinator) record on published tools and cases
they may see; only the writer changes or deletes their experience on the site."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from knowledge import uptake
from knowledge.models import ResourceKind, ResourceStatus, Uptake, Visibility
from members.models import MembershipStatus, ParticipationLevel

from .factories import ROLES, make_item, make_member, make_profile, make_role, make_user
from .factories import make_uptake as make_experience
from .helpers import login

pytestmark = pytest.mark.django_db

MAY_RECORD = {"member_public_events", "member_online", "member_meetings", "coordinator"}


def experience_data(**overrides) -> dict:
    """A complete, valid UptakeForm submission."""
    data = {
        "used_on": "2026-03-14",
        "organisation": "Welzijn Heerlen",
        "place": "Heerlen-Noord",
        "group": "bewoners van de Schandelerstraat",
        "what_happened": "We liepen met acht bewoners de straat door.",
        "what_to_change": "Een kortere route.",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def record_url(item) -> str:
    return reverse("knowledge:record_uptake", args=[item.slug])


@pytest.fixture
def author():
    return make_member("auteur@example.org", display_name="Ans Auteur")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("visibility", [Visibility.PUBLIC, Visibility.MEMBERS])
def test_members_and_the_coordinator_may_record_on_published_tools(author, role, visibility):
    item = make_item("de-werkvorm", author, visibility=visibility)
    user = make_role(role) or AnonymousUser()
    assert uptake.may_record(user, item) is (role in MAY_RECORD)


@pytest.mark.parametrize(
    ("kind", "status", "recordable"),
    [
        (ResourceKind.TOOL, ResourceStatus.PUBLISHED, True),
        (ResourceKind.CASE, ResourceStatus.PUBLISHED, True),
        (ResourceKind.BACKGROUND, ResourceStatus.PUBLISHED, False),
        (ResourceKind.REPORT, ResourceStatus.PUBLISHED, False),
        (ResourceKind.TOOL, ResourceStatus.DRAFT, False),  # not even by its own author
    ],
)
def test_only_published_tools_and_cases_take_experiences(author, kind, status, recordable):
    item = make_item("het-stuk", author, kind=kind, status=status)
    assert uptake.may_record(author, item) is recordable
    assert uptake.may_record(make_role("coordinator"), item) is recordable


@pytest.mark.parametrize("status", [MembershipStatus.PAUSED, MembershipStatus.ENDED])
def test_a_paused_or_ended_member_records_nothing(author, status):
    former = make_user("oud-lid@example.org")
    make_profile(former, status, ParticipationLevel.MEETINGS)
    assert not uptake.may_record(former, make_item("de-werkvorm", author))


def test_a_member_records_an_experience_and_finds_it_on_the_page(client, author):
    item = make_item("de-werkvorm", author)
    member = make_member("gebruiker@example.org", display_name="Gijs Gebruiker")
    client.force_login(member)
    page = client.get(item.get_absolute_url())
    assert record_url(item) in page.content.decode()  # the button "Ik heb dit gebruikt"
    response = client.post(record_url(item), experience_data())
    assert response.status_code == 302
    assert response.url == f"{item.get_absolute_url()}#gebruikt"
    account = Uptake.objects.get()
    assert (account.resource, account.author, account.used_on) == (item, member, date(2026, 3, 14))
    assert account.place == "Heerlen-Noord" and account.is_public
    content = client.get(response.url).content.decode()
    assert "Gijs Gebruiker" in content and "We liepen met acht bewoners" in content


def test_the_form_starts_on_today_and_members_only(client, author):
    item = make_item("de-werkvorm", author)
    client.force_login(make_member("gebruiker@example.org"))
    form = client.get(record_url(item)).context["form"]
    assert form["is_public"].value() is False
    assert form["used_on"].value() is not None


def test_a_visitor_sees_no_button_but_the_way_to_log_in(client, author):
    item = make_item("de-werkvorm", author)
    content = client.get(item.get_absolute_url()).content.decode()
    assert record_url(item) not in content
    assert reverse("account_login") in content


@pytest.mark.parametrize(("role", "status"), [("visitor", 302), ("applicant", 403)])
def test_a_non_member_cannot_record_by_posting(client, author, role, status):
    item = make_item("de-werkvorm", author)
    login(client, make_role(role))
    response = client.post(record_url(item), experience_data())
    assert response.status_code == status  # the login page, or "members only"
    assert not Uptake.objects.exists()


def test_no_one_records_on_a_draft_by_posting(client, author):
    item = make_item("de-werkvorm", author, status=ResourceStatus.DRAFT)
    client.force_login(author)
    assert client.post(record_url(item), experience_data()).status_code == 404
    assert not Uptake.objects.exists()


def test_a_former_members_experience_shows_them_as_former_member(client, author):
    item = make_item("de-werkvorm", author)
    make_experience(item, None, is_public=True)
    assert "voormalig lid" in client.get(item.get_absolute_url()).content.decode()


def test_the_item_page_shows_the_newest_ten_and_links_to_all(client, author):
    item = make_item("de-werkvorm", author)
    for day in range(1, 13):
        make_experience(item, author, used_on=date(2026, 1, day), place=f"Plek {day:02d}")
    client.force_login(author)
    block = client.get(item.get_absolute_url()).context["uptake"]
    assert block.count == 12 and block.has_more
    assert [account.place for account in block.accounts] == [
        f"Plek {day:02d}" for day in range(12, 2, -1)
    ]
    all_url = reverse("knowledge:uptake_list", args=[item.slug])
    assert all_url in client.get(item.get_absolute_url()).content.decode()
    page = client.get(all_url).context["page"]
    assert [account.place for account in page.object_list][-1] == "Plek 01"


# --- Changing and deleting one's own ---------------------------------------------------------


@pytest.fixture
def own(author):
    writer = make_member("schrijver@example.org")
    return make_experience(make_item("de-werkvorm", author), writer, place="Zoals het was")


def edit_url(account) -> str:
    return reverse("knowledge:edit_uptake", args=[account.resource.slug, account.pk])


def delete_url(account) -> str:
    return reverse("knowledge:delete_uptake", args=[account.resource.slug, account.pk])


def test_the_writer_changes_their_experience(client, own):
    client.force_login(own.author)
    response = client.post(edit_url(own), experience_data(place="Kerkrade-West"))
    assert response.status_code == 302 and response.url == own.get_absolute_url()
    own.refresh_from_db()
    assert own.place == "Kerkrade-West"


def test_the_writer_deletes_their_experience_after_confirming(client, own):
    client.force_login(own.author)
    assert client.get(delete_url(own)).status_code == 200
    assert Uptake.objects.exists()  # asking is not deleting
    response = client.post(delete_url(own))
    assert response.status_code == 302
    assert not Uptake.objects.exists()


def test_the_writer_sees_edit_and_delete_on_the_page_and_others_do_not(client, own):
    client.force_login(own.author)
    content = client.get(own.resource.get_absolute_url()).content.decode()
    assert edit_url(own) in content and delete_url(own) in content
    client.force_login(make_member("ander@example.org"))
    content = client.get(own.resource.get_absolute_url()).content.decode()
    assert "Zoals het was" in content
    assert edit_url(own) not in content and delete_url(own) not in content


@pytest.mark.parametrize("who", ["another member", "the item's author", "the coordinator"])
def test_no_one_else_changes_or_deletes_an_experience_on_the_site(client, own, author, who):
    others = {
        "another member": lambda: make_member("ander@example.org"),
        "the item's author": lambda: author,
        "the coordinator": lambda: make_role("coordinator"),
    }
    client.force_login(others[who]())
    assert client.post(edit_url(own), experience_data(place="Anders")).status_code == 404
    assert client.post(delete_url(own)).status_code == 404
    own.refresh_from_db()
    assert own.place == "Zoals het was"


def test_an_experience_is_changed_only_under_its_own_item(client, own, author):
    other = make_item("andere-werkvorm", author)
    client.force_login(own.author)
    wrong = reverse("knowledge:edit_uptake", args=[other.slug, own.pk])
    assert client.post(wrong, experience_data(place="Anders")).status_code == 404
