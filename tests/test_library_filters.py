"""The library's tag and kind filters, the tag counts and the themes on the landing page."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from knowledge.models import FeaturedTag, Resource, ResourceKind, ResourceStatus, Visibility

from .factories import make_member, make_resource, make_role
from .helpers import login, page_titles

pytestmark = pytest.mark.django_db


def test_two_tags_combine_with_and(client):
    make_resource("Beide", tags=["buurt", "jongeren"])
    make_resource("Alleen buurt", tags=["buurt"])
    make_resource("Alleen jongeren", tags=["jongeren"])
    response = client.get(reverse("knowledge:library"), {"tag": ["buurt", "jongeren"]})
    assert page_titles(response) == ["Beide"]


def test_a_tag_filter_ignores_case(client):
    make_resource("Getagd", tags=["Buurt"])
    assert page_titles(client.get(reverse("knowledge:library"), {"tag": "buurt"})) == ["Getagd"]


def test_the_kind_filter_shows_one_kind(client):
    make_resource("Een tool", kind=ResourceKind.TOOL)
    make_resource("Een casus", kind=ResourceKind.CASE)
    response = client.get(reverse("knowledge:library"), {"soort": "case"})
    assert page_titles(response) == ["Een casus"]


@pytest.mark.parametrize(
    "role, expected",
    # A member's own draft is left out: the cloud is the same for every member.
    [("visitor", 1), ("applicant", 1), ("member_online", 2), ("coordinator", 3)],
)
def test_tag_counts_count_only_visible_items(client, role, expected):
    viewer = make_role(role)
    author = make_member("schrijver@example.org")
    make_resource("Openbaar", author, tags=["buurt"])
    make_resource("Ledenstuk", author, tags=["buurt"], visibility=Visibility.MEMBERS)
    make_resource("Concept", author, tags=["buurt", "geheimtag"], status=ResourceStatus.DRAFT)
    if viewer is not None and role != "coordinator":
        make_resource("Eigen concept", viewer, tags=["buurt"], status=ResourceStatus.DRAFT)
    login(client, viewer)
    response = client.get(reverse("knowledge:library"))
    counts = {tag.name: tag.uses for tag in response.context["tag_counts"]}
    assert counts["buurt"] == expected
    assert ("geheimtag" in counts) == (role == "coordinator")
    assert ("geheimtag" in response.content.decode()) == (role == "coordinator")


def test_a_tag_in_the_cloud_narrows_the_current_search_and_filters(client):
    make_resource("Buurt & co in de wijk", kind=ResourceKind.CASE, tags=["buurt", "wonen"])
    make_resource("Buurt & co zonder wonen", kind=ResourceKind.CASE, tags=["buurt"])
    make_resource("Buurt & co als tool", kind=ResourceKind.TOOL, tags=["buurt", "wonen"])
    params = {"q": "buurt & co", "soort": "case", "tag": "buurt"}
    response = client.get(reverse("knowledge:library"), params)
    links = {tag.name: tag.url for tag in response.context["tag_counts"]}
    assert links["wonen"] == "?q=buurt+%26+co&soort=case&tag=buurt&tag=wonen"
    assert f'href="{escape(links["wonen"])}"' in response.content.decode()
    narrowed = client.get(reverse("knowledge:library") + links["wonen"])
    assert page_titles(narrowed) == ["Buurt & co in de wijk"]


def test_the_landing_page_shows_the_themes_and_a_filtered_page_does_not(client):
    make_resource("Getagd", tags=["professionaliteit"])
    tag = Resource.objects.get().tags.get()
    FeaturedTag.objects.create(tag=tag, description="Wat maakt ons vak een vak?")
    response = client.get(reverse("knowledge:library"))
    assert "Wat maakt ons vak een vak?" in response.content.decode()
    assert "?tag=professionaliteit" in response.content.decode()
    filtered = client.get(reverse("knowledge:library"), {"q": "getagd"})
    assert "Wat maakt ons vak een vak?" not in filtered.content.decode()
