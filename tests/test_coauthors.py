"""Co-authors by consent (issue 21, 4): asked first, shown only once they agree; no one
removes another author; each author can leave by themselves."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse

from knowledge.models import Authorship, AuthorshipStatus, Resource

from .factories import make_member, make_resource
from .helpers import resource_data

pytestmark = pytest.mark.django_db

REQUESTS = "knowledge:coauthor_requests"


@pytest.fixture
def writer(db):
    return make_member("noor@example.org", display_name="Noor Bakker")


@pytest.fixture
def ans(db):
    return make_member("ans@example.org", display_name="Ans de Vries")


def name_ans(client, writer) -> Resource:
    client.force_login(writer)
    response = client.post(
        reverse("knowledge:create"), resource_data(coauthors="Ans de Vries", publish="1")
    )
    assert response.status_code == 302
    client.logout()
    return Resource.objects.get()


def pages_that_name_authors(client, resource, viewer, author) -> dict[str, str]:
    client.force_login(viewer)
    pages = {
        "item": client.get(resource.get_absolute_url()),
        "library": client.get(reverse("knowledge:library")),
        "search": client.get(reverse("knowledge:library"), {"q": "buurtgesprek"}),
        "profile": client.get(reverse("members:detail", args=[author.profile.pk])),
        "feed": client.get(reverse("knowledge:feed")),
    }
    client.logout()
    for name, response in pages.items():
        assert response.status_code == 200, name
    return {name: response.content.decode() for name, response in pages.items()}


def test_naming_a_coauthor_asks_them_and_shows_them_nowhere_yet(client, writer, ans):
    resource = name_ans(client, writer)
    authorship = Authorship.objects.get(resource=resource, user=ans)
    assert authorship.status == AuthorshipStatus.PENDING
    assert authorship.invited_by == writer
    assert resource.ordered_authors() == [writer]
    assert resource not in Resource.objects.editable_by(ans)
    # The e-mail to the one asked, with where to answer.
    (message,) = mail.outbox
    assert message.to == ["ans@example.org"]
    assert "Noor Bakker" in message.body
    assert reverse(REQUESTS) in message.body
    for name, page in pages_that_name_authors(client, resource, writer, ans).items():
        if name == "profile":
            assert "Het buurtgesprek" not in page, name  # not among Ans's items
        else:
            assert "Ans de Vries" not in page, name


def test_an_accepted_coauthor_is_shown_everywhere_and_may_edit(client, writer, ans):
    resource = name_ans(client, writer)
    client.force_login(ans)
    page = client.get(reverse(REQUESTS))
    assert page["Cache-Control"] == "private, no-store"
    assert "Het buurtgesprek" in page.content.decode()
    request = Authorship.objects.get(user=ans)
    response = client.post(reverse(REQUESTS), {"request": request.pk, "answer": "accept"})
    assert response.status_code == 302
    assert resource.ordered_authors() == [writer, ans]
    assert resource in Resource.objects.editable_by(ans)
    for name, page in pages_that_name_authors(client, resource, writer, ans).items():
        assert "Het buurtgesprek" in page and ("Ans de Vries" in page or name == "profile")


def test_a_declined_request_shows_nothing_and_is_not_asked_again(client, writer, ans):
    resource = name_ans(client, writer)
    client.force_login(ans)
    request = Authorship.objects.get(user=ans)
    client.post(reverse(REQUESTS), {"request": request.pk, "answer": "decline"})
    assert resource.ordered_authors() == [writer]
    assert not client.get(reverse(REQUESTS)).context["requests"]
    # Named again: no new request, no new e-mail.
    mail.outbox.clear()
    client.force_login(writer)
    client.post(
        reverse("knowledge:edit", args=[resource.slug]),
        resource_data(coauthors="Ans de Vries", publish="1"),
    )
    assert not mail.outbox
    assert Authorship.objects.get(user=ans).status == AuthorshipStatus.DECLINED


def test_no_one_answers_anothers_request(client, writer, ans):
    name_ans(client, writer)
    request = Authorship.objects.get(user=ans)
    other = make_member("piet@example.org", display_name="Piet Jansen")
    client.force_login(other)
    response = client.post(reverse(REQUESTS), {"request": request.pk, "answer": "accept"})
    assert response.status_code == 404
    # The writer (asked by no one) cannot accept in Ans's name either.
    client.force_login(writer)
    assert (
        client.post(reverse(REQUESTS), {"request": request.pk, "answer": "accept"}).status_code
        == 404
    )
    for hostile in ("", "x", "-1", "1 OR 1=1", "9" * 30):
        response = client.post(reverse(REQUESTS), {"request": hostile, "answer": "accept"})
        assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == AuthorshipStatus.PENDING


def test_a_coauthor_cannot_remove_the_creator_or_others(client, writer, ans):
    piet = make_member("piet@example.org", display_name="Piet Jansen")
    resource = make_resource("Het stuk", writer, coauthors=[ans, piet])
    client.force_login(ans)
    response = client.post(
        reverse("knowledge:edit", args=[resource.slug]),
        resource_data(title="Het stuk", coauthors="", publish="1"),
    )
    assert response.status_code == 302
    assert resource.ordered_authors() == [writer, ans, piet]


def test_a_coauthor_leaves_by_themselves(client, writer, ans):
    resource = make_resource("Het stuk", writer, coauthors=[ans])
    client.force_login(ans)
    edit_page = client.get(reverse("knowledge:edit", args=[resource.slug])).content.decode()
    assert reverse("knowledge:leave", args=[resource.slug]) in edit_page
    response = client.post(reverse("knowledge:leave", args=[resource.slug]))
    assert response.status_code == 302
    assert resource.ordered_authors() == [writer]
    assert resource not in Resource.objects.editable_by(ans)


def test_the_creator_stays_unless_they_leave_and_the_last_author_cannot(client, writer, ans):
    resource = make_resource("Het stuk", writer, coauthors=[ans])
    client.force_login(writer)
    client.post(reverse("knowledge:leave", args=[resource.slug]))
    assert resource.ordered_authors() == [ans]
    client.force_login(ans)
    response = client.post(reverse("knowledge:leave", args=[resource.slug]), follow=True)
    assert "enige auteur" in response.content.decode()
    assert resource.ordered_authors() == [ans]


def test_someone_not_an_author_cannot_leave_for_another(client, writer, ans):
    resource = make_resource("Het stuk", writer, coauthors=[ans])
    other = make_member("piet@example.org", display_name="Piet Jansen")
    client.force_login(other)
    assert client.post(reverse("knowledge:leave", args=[resource.slug])).status_code == 404
    assert resource.ordered_authors() == [writer, ans]


def test_the_profile_links_to_ones_requests(client, writer):
    client.force_login(writer)
    page = client.get(reverse("members:detail", args=[writer.profile.pk])).content.decode()
    assert reverse(REQUESTS) in page


def save_in_the_admin(client, resource, rows: list[tuple]) -> None:
    """The coordinator saves the item's admin page with these author rows."""
    from .factories import make_coordinator

    client.force_login(make_coordinator())
    url = reverse("admin:knowledge_resource_change", args=[resource.pk])
    existing = list(resource.authorships.order_by("position"))
    data = {
        "kind": resource.kind,
        "title": resource.title,
        "slug": resource.slug,
        "summary": resource.summary,
        "body": resource.body,
        "tags": "",
        "status": resource.status,
        "visibility": resource.visibility,
        "published_at_0": "",
        "published_at_1": "",
        "event": "",
        "authorships-TOTAL_FORMS": str(len(rows)),
        "authorships-INITIAL_FORMS": str(len(existing)),
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "recognitions-TOTAL_FORMS": "0",
        "recognitions-INITIAL_FORMS": "0",
        **{f"section_{key}": text for key, text in resource.sections.items()},
    }
    for number, (user, position) in enumerate(rows):
        prefix = f"authorships-{number}-"
        if number < len(existing):
            data[prefix + "id"] = str(existing[number].pk)
        data[prefix + "resource"] = str(resource.pk)
        data[prefix + "user"] = str(user.pk)
        data[prefix + "position"] = str(position)
        data[prefix + "status"] = "accepted"  # read-only: ignored
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_the_coordinator_naming_a_coauthor_in_the_admin_asks_too(client, writer, ans):
    resource = make_resource("Het stuk", writer)
    save_in_the_admin(client, resource, [(writer, 0), (ans, 1)])
    assert Authorship.objects.get(user=ans).status == AuthorshipStatus.PENDING
    assert resource.ordered_authors() == [writer]
    assert [message.to for message in mail.outbox] == [["ans@example.org"]]


def test_giving_an_accepted_row_another_person_in_the_admin_asks_them(client, writer, ans):
    piet = make_member("piet@example.org", display_name="Piet Jansen")
    resource = make_resource("Het stuk", writer, coauthors=[piet])
    save_in_the_admin(client, resource, [(writer, 0), (ans, 1)])
    assert Authorship.objects.get(user=ans).status == AuthorshipStatus.PENDING
    assert resource.ordered_authors() == [writer]
    assert [message.to for message in mail.outbox] == [["ans@example.org"]]


def test_co_authors_named_before_consent_count_as_accepted(writer, ans):
    resource = make_resource("Het stuk", writer, coauthors=[ans])
    Authorship.objects.update(status=AuthorshipStatus.PENDING)  # as after adding the column
    migration = importlib.import_module("knowledge.migrations.0004_authorship_consent")
    migration.existing_authors_accepted(apps, None)
    assert resource.ordered_authors() == [writer, ans]


def test_only_accepted_coauthors_hear_of_comments(client, writer, ans):
    piet = make_member("piet@example.org", display_name="Piet Jansen")
    resource = make_resource("Het stuk", writer, coauthors=[piet])
    other = make_resource("Ander stuk", writer, coauthors=[ans])  # Ans accepted elsewhere
    Authorship.objects.create(resource=resource, user=ans, position=5, invited_by=writer)
    assert other.ordered_authors() == [writer, ans]
    mail.outbox.clear()
    client.force_login(writer)
    client.post(reverse("knowledge:comment", args=[resource.slug]), {"body": "Mooi!"})
    assert sorted(message.to[0] for message in mail.outbox) == ["piet@example.org"]
