"""Who reads an experience of using a tool (docs/design.md: uptake accounts are for members;
a writer may make theirs public): every combination of a public or members-only
experience on a public or members-only item, for the six roles, in the queryset, on the
item's page, on the page of all experiences and on the experience's own page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from knowledge.models import ResourceStatus, Uptake, Visibility

from .factories import ROLES, make_item, make_member, make_role, make_uptake
from .helpers import login

pytestmark = pytest.mark.django_db

SEE_EVERY_EXPERIENCE = {"member_public_events", "member_online", "member_meetings", "coordinator"}
ITEMS = [Visibility.PUBLIC, Visibility.MEMBERS]
EXPERIENCES = {"public": True, "members": False}


def may_read(role: str, item_visibility: str, is_public: bool) -> bool:
    """The expectation, from the access table: members read all; others only public
    experiences, and only on items they may see."""
    if role in SEE_EVERY_EXPERIENCE:
        return True
    return item_visibility == Visibility.PUBLIC and is_public


CASES = [
    pytest.param(role, item, name, id=f"{role}-item:{item}-experience:{name}")
    for role in ROLES
    for item in ITEMS
    for name in EXPERIENCES
]


@pytest.fixture
def world_for(db):
    """One item of the given visibility, with a public and a members-only experience."""

    def build(item_visibility):
        writer = make_member("schrijver@example.org")
        item = make_item("de-werkvorm", writer, visibility=item_visibility)
        return {
            "item": item,
            "public": make_uptake(item, writer, place="Openbare-plek", is_public=True),
            "members": make_uptake(item, writer, place="Ledenplek"),
        }

    return build


def _setup(client, world_for, role, item_visibility, name):
    world = world_for(item_visibility)
    user = make_role(role)
    login(client, user)
    return world, world[name], user or AnonymousUser()


@pytest.mark.parametrize(("role", "item_visibility", "name"), CASES)
def test_the_queryset_shows_exactly_what_the_reader_may_read(
    client, world_for, role, item_visibility, name
):
    _world, account, reader = _setup(client, world_for, role, item_visibility, name)
    visible = Uptake.objects.visible_to(reader)
    assert visible.contains(account) is may_read(role, item_visibility, EXPERIENCES[name])


@pytest.mark.parametrize("page", ["the item's page", "all experiences"])
@pytest.mark.parametrize(("role", "item_visibility", "name"), CASES)
def test_the_pages_show_exactly_what_the_reader_may_read(
    client, world_for, role, item_visibility, name, page
):
    world, account, _user = _setup(client, world_for, role, item_visibility, name)
    item = world["item"]
    address = {
        "the item's page": item.get_absolute_url(),
        "all experiences": reverse("knowledge:uptake_list", args=[item.slug]),
    }[page]
    response = client.get(address)
    if not may_read(role, item_visibility, True):
        assert response.status_code == 404  # the item itself is out of sight
        return
    shown = account.place in response.content.decode()
    assert shown is may_read(role, item_visibility, EXPERIENCES[name])


@pytest.mark.parametrize(("role", "item_visibility", "name"), CASES)
def test_an_experience_page_opens_only_for_who_may_read_it(
    client, world_for, role, item_visibility, name
):
    _world, account, _user = _setup(client, world_for, role, item_visibility, name)
    response = client.get(account.get_absolute_url())
    expected = 200 if may_read(role, item_visibility, EXPERIENCES[name]) else 404
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_count_counts_only_what_the_reader_may_read(client, world_for, role):
    world = world_for(Visibility.PUBLIC)
    user = make_role(role)
    login(client, user)
    block = client.get(world["item"].get_absolute_url()).context["uptake"]
    assert block.count == (2 if role in SEE_EVERY_EXPERIENCE else 1)
    visible = Uptake.objects.visible_to(user or AnonymousUser())
    assert {account.pk for account in block.accounts} == set(visible.values_list("pk", flat=True))


def test_a_hidden_experience_is_read_only_by_its_writer_and_the_coordinator(client):
    writer = make_member("schrijver@example.org")
    item = make_item("de-werkvorm", writer)
    hidden = make_uptake(item, writer, place="Verborgen-plek", is_public=True, hidden=True)
    readers = {
        "writer": (writer, True),
        "another member": (make_member("ander@example.org"), False),
        "coordinator": (make_role("coordinator"), True),
        "visitor": (None, False),
    }
    for who, (user, reads) in readers.items():
        client.logout()
        login(client, user)
        assert (client.get(hidden.get_absolute_url()).status_code == 200) is reads, who
        assert ("Verborgen-plek" in client.get(item.get_absolute_url()).content.decode()) is reads


def test_experiences_on_a_draft_are_read_by_its_authors_and_the_coordinator_only(client):
    writer = make_member("schrijver@example.org")
    author = make_member("auteur@example.org")
    item = make_item("de-werkvorm", author, status=ResourceStatus.DRAFT)
    account = make_uptake(item, writer, is_public=True)
    assert Uptake.objects.visible_to(author).contains(account)
    assert Uptake.objects.visible_to(make_role("coordinator")).contains(account)
    assert not Uptake.objects.visible_to(writer).contains(account)


def test_other_kinds_show_no_block_and_have_no_page_of_experiences(client):
    item = make_item("achtergrond", make_member(), kind="background")
    assert client.get(item.get_absolute_url()).context["uptake"] is None
    assert client.get(reverse("knowledge:uptake_list", args=[item.slug])).status_code == 404
