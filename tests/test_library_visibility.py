"""Who sees which library item: `visible_to`, the lists and the item pages follow the access table.

Expectations come from docs/design.md (access table, "Rules that must hold").
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from knowledge.models import AuthorshipStatus, Resource, ResourceKind, ResourceStatus, Visibility

from .factories import ROLES, make_member, make_resource, make_role
from .helpers import MEMBER_ROLES, NON_MEMBER_ROLES, login, page_titles

pytestmark = pytest.mark.django_db


def as_user(user):
    return user if user is not None else AnonymousUser()


def _visibility_world(role):
    viewer = make_role(role)
    other = make_member("schrijver@example.org", display_name="Schrijver Anders")
    make_resource("Openbaar stuk", other)
    make_resource("Ledenstuk", other, visibility=Visibility.MEMBERS)
    make_resource("Andermans concept", other, status=ResourceStatus.DRAFT)
    make_resource(
        "Andermans openbare concept",
        other,
        status=ResourceStatus.DRAFT,
        visibility=Visibility.PUBLIC,
    )
    if role in MEMBER_ROLES:
        make_resource("Eigen concept", viewer, status=ResourceStatus.DRAFT)
    return viewer


VISIBLE_PER_ROLE = {
    "visitor": {"Openbaar stuk"},
    "applicant": {"Openbaar stuk"},
    "member_public_events": {"Openbaar stuk", "Ledenstuk", "Eigen concept"},
    "member_online": {"Openbaar stuk", "Ledenstuk", "Eigen concept"},
    "member_meetings": {"Openbaar stuk", "Ledenstuk", "Eigen concept"},
    "coordinator": {
        "Openbaar stuk",
        "Ledenstuk",
        "Andermans concept",
        "Andermans openbare concept",
    },
}


@pytest.mark.parametrize("role", ROLES)
def test_visible_to_follows_the_access_table(role):
    viewer = _visibility_world(role)
    visible = Resource.objects.visible_to(as_user(viewer))
    assert {resource.title for resource in visible} == VISIBLE_PER_ROLE[role]


@pytest.mark.parametrize("role", ROLES)
def test_library_list_shows_exactly_what_visible_to_allows(client, role):
    viewer = _visibility_world(role)
    login(client, viewer)
    response = client.get(reverse("knowledge:library"))
    assert response.status_code == 200
    assert set(page_titles(response)) == VISIBLE_PER_ROLE[role]


def _wijkgesprek_items(members_only_title: str):
    """Another member's public item, members-only item and draft, all tagged "buurt"; returns
    the public one."""
    author = make_member("schrijver@example.org", display_name="Schrijver Anders")
    shared = {"tags": ["buurt"], "kind": ResourceKind.TOOL}
    public = make_resource("Wijkgesprek openbaar", author, **shared)
    make_resource(members_only_title, author, visibility=Visibility.MEMBERS, **shared)
    make_resource("Wijkgesprek geheim concept", author, status=ResourceStatus.DRAFT, **shared)
    return public


@pytest.mark.parametrize("role", NON_MEMBER_ROLES)
def test_visitor_and_applicant_never_see_members_only_items_or_drafts_anywhere(client, role):
    viewer = make_role(role)
    public = _wijkgesprek_items("Wijkgesprek geheim ledenstuk")
    login(client, viewer)
    library = reverse("knowledge:library")
    addresses = [
        library,
        f"{library}?q=wijkgesprek",
        f"{library}?q=geheim",
        f"{library}?tag=buurt",
        f"{library}?soort=tool",
        f"{library}?soort=tool&tag=buurt&q=wijkgesprek",
        reverse("knowledge:feed"),
        public.get_absolute_url(),  # its related items
        reverse("home"),
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        content = response.content.decode()
        assert "Wijkgesprek geheim" not in content, address
    assert "Wijkgesprek openbaar" in client.get(f"{library}?q=wijkgesprek").content.decode()
    assert page_titles(client.get(f"{library}?q=geheim")) == []


@pytest.mark.parametrize("role", MEMBER_ROLES)
def test_members_find_members_only_items_but_never_others_drafts(client, role):
    viewer = make_role(role)
    public = _wijkgesprek_items("Wijkgesprek ledenstuk")
    login(client, viewer)
    library = reverse("knowledge:library")
    for address in [
        f"{library}?q=wijkgesprek",
        f"{library}?tag=buurt",
        f"{library}?soort=tool",
        public.get_absolute_url(),
    ]:
        content = client.get(address).content.decode()
        assert "Wijkgesprek ledenstuk" in content, address
        assert "Wijkgesprek geheim" not in content, address
    feed = client.get(reverse("knowledge:feed")).content.decode()
    assert "ledenstuk" not in feed


def test_a_members_own_drafts_are_those_they_wrote_or_agreed_to_co_author(client):
    writer = make_member("schrijver@example.org")
    reader = make_member("lezer@example.org")
    make_resource("Eigen concept", reader, status=ResourceStatus.DRAFT, tags=["buurt"])
    for status in AuthorshipStatus:
        draft = make_resource(f"Concept {status}", writer, status=ResourceStatus.DRAFT)
        draft.tags.add("buurt")
        draft.authorships.create(user=reader, status=status, position=1)
    # Another member's agreement makes a draft theirs, not the reader's.
    make_resource("Andermans concept", writer, status=ResourceStatus.DRAFT, tags=["buurt"])
    expected = {"Eigen concept", "Concept accepted"}
    drafts = Resource.objects.visible_to(reader).filter(status=ResourceStatus.DRAFT)
    assert {item.title for item in drafts} == expected
    login(client, reader)
    library = reverse("knowledge:library")
    for address in [library, f"{library}?tag=buurt", f"{library}?q=concept"]:
        assert set(page_titles(client.get(address))) == expected, address


@pytest.mark.parametrize("role", ["visitor", "applicant", "member_online"])
def test_a_draft_or_members_only_item_page_is_not_found_for_those_who_may_not_read_it(client, role):
    viewer = make_role(role)
    author = make_member("schrijver@example.org")
    draft = make_resource("Concept", author, status=ResourceStatus.DRAFT)
    members_only = make_resource("Ledenstuk", author, visibility=Visibility.MEMBERS)
    login(client, viewer)
    assert client.get(draft.get_absolute_url()).status_code == 404
    expected = 200 if role in MEMBER_ROLES else 404
    assert client.get(members_only.get_absolute_url()).status_code == expected
