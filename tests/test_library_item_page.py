"""The page of a library item: citation, authors, body, tags, attachments, its event and related
items.
"""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from atelier.addresses import absolute_url
from knowledge.models import Resource, ResourceKind, ResourceStatus, Visibility
from members.models import Profile
from sessions_app.models import EventKind

from .factories import ROLES, make_attachment, make_event, make_member, make_resource, make_role
from .helpers import AMSTERDAM, MEMBER_ROLES, NON_MEMBER_ROLES, SCRIPT, login, resource_data

pytestmark = pytest.mark.django_db


def _cited_item(event=None, **fields):
    # E-mail addresses in the opposite order of the authors: the order is the writer's.
    creator = make_member("z.bakker@example.org", display_name="Noor Bakker")
    coauthor = make_member("a.devries@example.org", display_name="Ans de Vries")
    published = datetime(2026, 3, 3, 10, 0, tzinfo=AMSTERDAM)
    resource = make_resource(
        "Het buurtgesprek",
        creator,
        coauthors=[coauthor],
        published_at=published,
        event=event,
        **fields,
    )
    resource.history.update(history_date=published)  # the citation names its version's date
    return resource


def test_the_item_page_cites_in_apa_style(client):
    resource = _cited_item()
    response = client.get(resource.get_absolute_url())
    expected = (
        "Bakker, N., &amp; de Vries, A. (2026, 3 maart). <i>Het buurtgesprek</i>. "
        f"Leeratelier Samenlevingsopbouw. {absolute_url(resource.get_absolute_url())}"
    )
    assert expected in response.content.decode()
    assert "Zo verwijs je hiernaar" in response.content.decode()


def test_authors_are_shown_in_the_writers_order(client):
    resource = _cited_item()
    assert resource.author_names() == ["Noor Bakker", "Ans de Vries"]
    content = client.get(resource.get_absolute_url()).content.decode()
    assert content.index("Noor Bakker") < content.index("Ans de Vries")


@pytest.mark.parametrize("role", ROLES)
def test_authors_link_to_their_profiles_for_members_only(client, role):
    resource = _cited_item()
    noor = Profile.objects.get(display_name="Noor Bakker")
    login(client, make_role(role))
    content = client.get(resource.get_absolute_url()).content.decode()
    link = f'<a href="{noor.get_absolute_url()}">Noor Bakker</a>'
    assert (link in content) == (role in MEMBER_ROLES + ["coordinator"])
    assert "Noor Bakker" in content


def test_an_item_without_authors_shows_former_member(client):
    resource = make_resource("Zonder auteurs")
    content = client.get(resource.get_absolute_url()).content.decode()
    assert "voormalig lid" in content
    library = client.get(reverse("knowledge:library")).content.decode()
    assert "voormalig lid" in library


def test_the_item_page_shows_body_tags_and_attachments(client, writer):
    resource = make_resource(
        "Het stuk", writer, tags=["buurt", "jongeren"], body=f"Met *nadruk*.\n\n{SCRIPT}"
    )
    make_attachment(resource, "handleiding.pdf")
    content = client.get(resource.get_absolute_url()).content.decode()
    assert "<em>nadruk</em>" in content
    assert SCRIPT not in content
    assert "?tag=buurt" in content and "?tag=jongeren" in content
    assert "handleiding.pdf" in content


def test_the_item_page_links_the_event_it_reports_on(client, writer):
    event = make_event("wijkavond", kind=EventKind.PUBLIC, days_ahead=-3, title="De wijkavond")
    resource = make_resource("Verslag", writer, kind=ResourceKind.REPORT, event=event)
    content = client.get(resource.get_absolute_url()).content.decode()
    assert "Verslag van" in content
    assert f'href="{event.get_absolute_url()}"' in content
    assert "De wijkavond" in content


@pytest.mark.parametrize("role", NON_MEMBER_ROLES)
def test_a_public_report_does_not_reveal_a_members_meeting(client, writer, role):
    meeting = make_event("geheime-bijeenkomst", days_ahead=-3, title="Besloten intervisie")
    resource = make_resource("Openbaar verslag", writer, kind=ResourceKind.REPORT, event=meeting)
    login(client, make_role(role))
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Besloten intervisie" not in content
    assert meeting.get_absolute_url() not in content
    client.force_login(make_member("lezer@example.org"))
    assert "Besloten intervisie" in client.get(resource.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_a_report_shows_on_its_events_page_for_those_who_may_see_it(client, writer, role):
    event = make_event("wijkavond", kind=EventKind.PUBLIC, days_ahead=-3)
    make_resource("Openbaar verslag", writer, kind=ResourceKind.REPORT, event=event)
    make_resource(
        "Verslag voor leden",
        writer,
        kind=ResourceKind.REPORT,
        event=event,
        visibility=Visibility.MEMBERS,
    )
    make_resource("Concept verslag", writer, kind=ResourceKind.REPORT, event=event, status="draft")
    login(client, make_role(role))
    content = client.get(event.get_absolute_url()).content.decode()
    assert "Openbaar verslag" in content
    assert ("Verslag voor leden" in content) == (role in MEMBER_ROLES + ["coordinator"])
    assert ("Concept verslag" in content) == (role == "coordinator")


def test_related_items_share_tags_most_shared_first(client, writer):
    now = timezone.now()
    item = make_resource("Het stuk", writer, tags=["buurt", "signalering", "jongeren"])
    make_resource("Een tag", tags=["buurt"], published_at=now)
    make_resource("Twee tags", tags=["buurt", "signalering"], published_at=now - timedelta(1))
    make_resource("Geen gedeelde tag", tags=["ouderen"], published_at=now)
    make_resource("Concept", tags=["buurt"], status=ResourceStatus.DRAFT)
    for number in range(4):
        make_resource(f"Nog een {number}", tags=["jongeren"], published_at=now - timedelta(9))
    related = [r.title for r in client.get(item.get_absolute_url()).context["related"]]
    assert related[:2] == ["Twee tags", "Een tag"]
    assert len(related) == 4
    assert "Geen gedeelde tag" not in related and "Het stuk" not in related
    assert "Concept" not in related


def test_an_item_without_tags_has_no_related_items(client, writer):
    item = make_resource("Het stuk", writer)
    make_resource("Ander stuk", tags=["buurt"])
    assert list(client.get(item.get_absolute_url()).context["related"]) == []


def test_a_title_with_script_is_escaped_everywhere(client, writer):
    client.force_login(writer)
    title = f"{SCRIPT} Buurt"
    client.post(reverse("knowledge:create"), resource_data(title=title, publish="1"))
    resource = Resource.objects.get()
    assert resource.title == title
    for address in [
        resource.get_absolute_url(),
        reverse("knowledge:library"),
        reverse("knowledge:edit", args=[resource.slug]),
        reverse("home"),
    ]:
        content = client.get(address).content.decode()
        assert SCRIPT not in content, address
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content, address
    feed = client.get(reverse("knowledge:feed")).content.decode()
    assert SCRIPT not in feed
