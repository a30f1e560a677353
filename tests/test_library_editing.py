"""Editing a library item: who may, what stays (address, authors' order) and publishing on edit."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from knowledge.citation import apa_citation
from knowledge.models import Resource, ResourceStatus
from members.models import MembershipStatus, Profile

from .factories import make_coordinator, make_member, make_resource, make_role
from .helpers import is_login_redirect, resource_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "who, expected",
    [
        ("author", 200),
        ("coauthor", 200),
        ("other member", 404),
        ("applicant", 404),
        ("coordinator", 200),
    ],
)
def test_only_authors_and_the_coordinator_may_edit(client, writer, who, expected):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    resource = make_resource("Het stuk", writer, coauthors=[coauthor])
    users = {
        "author": writer,
        "coauthor": coauthor,
        "other member": make_member("ander@example.org"),
        "applicant": make_role("applicant"),
        "coordinator": make_coordinator(),
    }
    client.force_login(users[who])
    edit_url = reverse("knowledge:edit", args=[resource.slug])
    assert client.get(edit_url).status_code == expected
    response = client.post(edit_url, resource_data(title="Overgenomen", publish="1"))
    assert response.status_code == (302 if expected == 200 else 404)
    resource.refresh_from_db()
    assert (resource.title == "Overgenomen") == (expected == 200)


def test_a_visitor_who_wants_to_edit_is_sent_to_log_in(client, writer):
    resource = make_resource("Het stuk", writer)
    assert is_login_redirect(client.get(reverse("knowledge:edit", args=[resource.slug])))


def test_the_edit_button_shows_only_to_those_who_may_edit(client, writer):
    resource = make_resource("Het stuk", writer)
    edit_url = reverse("knowledge:edit", args=[resource.slug])
    client.force_login(make_member("ander@example.org"))
    assert edit_url not in client.get(resource.get_absolute_url()).content.decode()
    client.force_login(writer)
    assert edit_url in client.get(resource.get_absolute_url()).content.decode()


def test_an_author_edits_and_the_address_stays(client, writer):
    resource = make_resource("Het stuk", writer, tags=["oud"])
    client.force_login(writer)
    response = client.post(
        reverse("knowledge:edit", args=[resource.slug]),
        resource_data(title="Een nieuwe titel", tags="nieuw, buurt", publish="1"),
    )
    resource.refresh_from_db()
    assert response["Location"] == resource.get_absolute_url()
    assert resource.title == "Een nieuwe titel"
    assert resource.slug == "het-stuk"
    assert sorted(tag.name for tag in resource.tags.all()) == ["buurt", "nieuw"]
    assert list(resource.authors.all()) == [writer]


def test_unpublish_makes_the_item_a_draft_again(client, writer):
    resource = make_resource("Het stuk", writer)
    client.force_login(writer)
    response = client.post(reverse("knowledge:edit", args=[resource.slug]), {"unpublish": "1"})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.DRAFT
    assert resource not in Resource.objects.visible_to(AnonymousUser())
    assert resource not in Resource.objects.visible_to(make_member("ander@example.org"))


def test_saving_as_draft_on_edit_keeps_a_published_item_published(client, writer):
    # "Save as draft" on a published item only saves; taking it offline is "unpublish".
    resource = make_resource("Het stuk", writer)
    client.force_login(writer)
    client.post(reverse("knowledge:edit", args=[resource.slug]), resource_data(draft="1"))
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.PUBLISHED


def test_publishing_a_draft_on_edit_sets_the_publication_date(client, writer):
    resource = make_resource("Het stuk", writer, status=ResourceStatus.DRAFT)
    client.force_login(writer)
    client.post(reverse("knowledge:edit", args=[resource.slug]), resource_data(publish="1"))
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.PUBLISHED
    assert resource.published_at is not None


def test_the_coordinator_edits_without_becoming_an_author(client, writer):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    resource = make_resource("Het stuk", writer, coauthors=[coauthor])
    coordinator = make_coordinator()
    client.force_login(coordinator)
    edit_url = reverse("knowledge:edit", args=[resource.slug])
    shown = client.get(edit_url).context["form"].initial["coauthors"]
    assert shown == "Noor Bakker, Ans de Vries"
    client.post(edit_url, resource_data(title="Bijgewerkt", coauthors=shown, publish="1"))
    resource.refresh_from_db()
    assert resource.title == "Bijgewerkt"
    assert resource.ordered_authors() == [writer, coauthor]
    assert resource.created_by == writer


def test_a_coauthor_who_saves_without_changes_keeps_the_writer_first(client, writer):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    resource = make_resource("Het stuk", writer, coauthors=[coauthor])
    client.force_login(coauthor)
    edit_url = reverse("knowledge:edit", args=[resource.slug])
    shown = client.get(edit_url).context["form"].initial["coauthors"]
    assert shown == "Noor Bakker"
    response = client.post(edit_url, resource_data(title="Het stuk", coauthors=shown, draft="1"))
    assert response.status_code == 302
    assert resource.ordered_authors() == [writer, coauthor]
    # The citation follows the authors' order.
    assert apa_citation(resource, "http://x/").startswith("Bakker, N., &amp; de Vries, A. (")


def test_an_edit_keeps_the_authors_order_and_adds_new_coauthors_at_the_end(client, writer):
    ans = make_member("ans@example.org", display_name="Ans de Vries")
    piet = make_member("piet@example.org", display_name="Piet Jansen")
    karin = make_member("karin@example.org", display_name="Karin Smit")
    resource = make_resource("Het stuk", writer, coauthors=[ans, piet])
    client.force_login(piet)
    edit_url = reverse("knowledge:edit", args=[resource.slug])
    # Named in another order, with one new: the old order stays, the new one comes last
    # once they accept.
    client.post(edit_url, resource_data(coauthors="Karin Smit, Ans de Vries, Noor Bakker"))
    resource.authorships.filter(user=karin).update(status="accepted")
    assert resource.ordered_authors() == [writer, ans, piet, karin]
    # One left out: a co-author removes no one (tests/test_coauthors.py), the order stays.
    client.post(edit_url, resource_data(coauthors="Karin Smit, Noor Bakker"))
    assert resource.ordered_authors() == [writer, ans, piet, karin]


def test_an_author_can_edit_an_item_written_with_a_member_who_has_paused(client, writer):
    coauthor = make_member("ans@example.org", display_name="Ans de Vries")
    resource = make_resource("Het stuk", writer, coauthors=[coauthor])
    Profile.objects.filter(user=coauthor).update(status=MembershipStatus.PAUSED)
    client.force_login(writer)
    edit_url = reverse("knowledge:edit", args=[resource.slug])
    shown = client.get(edit_url).context["form"].initial["coauthors"]
    response = client.post(edit_url, resource_data(title="Bijgewerkt", coauthors=shown, draft="1"))
    assert response.status_code == 302, response.context["form"].errors
    resource.refresh_from_db()
    assert resource.title == "Bijgewerkt"
    assert resource.ordered_authors() == [writer, coauthor]
