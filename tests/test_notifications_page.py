"""/meldingen/: a member's notifications, newest first, unread ones marked in words, each
opened through a link that marks it read; "mark all as read"; only what the member may
see now (notifications/targets.py); and the header's unread count on every page."""

import pytest
from django.urls import reverse

from knowledge import publishing
from knowledge.models import Resource, ResourceStatus, Visibility
from members.models import MembershipStatus
from notifications.models import Kind, Notification
from notifications.targets import visible_notifications

from .factories import (
    make_item,
    make_member,
    make_question,
    make_story,
    make_uptake,
)
from .helpers import count_queries, text
from .notification_rows import notify

pytestmark = pytest.mark.django_db

LIST = "/meldingen/"


@pytest.fixture
def member(client):
    user = make_member("lezer@example.org")
    client.force_login(user)
    return user


@pytest.fixture
def writer():
    return make_member("schrijver@example.org")


def test_the_address_is_meldingen():
    assert reverse("notifications:list") == LIST


def test_notifications_newest_first_with_unread_ones_said_in_words(client, member, writer):
    old = make_item("oud-item", writer, title="Oud item")
    new = make_item("nieuw-item", writer, title="Nieuw item")
    question = make_question(writer, slug="vraag", title="Een vraag")
    notify(member, old, minutes_ago=60, read=True)
    notify(member, question, Kind.ANSWERS, count=3, minutes_ago=30)
    notify(member, new, Kind.COMMENTS, minutes_ago=1)

    response = client.get(LIST)

    page = text(response)
    first, second, third = (
        page.index("Een nieuwe reactie op “Nieuw item”"),
        page.index("3 nieuwe antwoorden op “Een vraag”"),
        page.index("Nieuw in de kennisbank: “Oud item”"),
    )
    assert first < second < third
    # Unread ones say so in words, not in colour alone.
    label = '<span class="tag notification__new" aria-hidden="true">Nieuw</span>'
    assert response.content.decode().count(label) == 2
    # A screen reader hears it once, in words that do not repeat the headline's "Nieuw".
    assert response.content.decode().count('<span class="visually-hidden">Ongelezen:</span>') == 2


def test_each_kind_has_its_line_and_its_link(client, member, writer):
    item = make_item("werkvorm", writer, title="De werkvorm")
    account = make_uptake(item, writer)
    story = make_story(writer, "members", title="Wat het bracht")
    question = make_question(writer, slug="vraag", title="Een vraag")
    lines = {
        notify(member, item).pk: ("Nieuw in de kennisbank: “De werkvorm”", item.get_absolute_url()),
        notify(member, question, Kind.QUESTIONS).pk: (
            "Nieuwe vraag: “Een vraag”",
            question.get_absolute_url(),
        ),
        notify(member, account, Kind.UPTAKE).pk: (
            "Een nieuwe ervaring met “De werkvorm”",
            account.get_absolute_url(),
        ),
        notify(member, story, Kind.STORIES).pk: (
            "Nieuw waardeverhaal: “Wat het bracht”",
            story.get_absolute_url(),
        ),
        notify(member, item, Kind.COMMENTS).pk: (
            "Een nieuwe reactie op “De werkvorm”",
            item.get_absolute_url() + "#reacties",
        ),
        notify(member, question, Kind.ANSWERS).pk: (
            "Een nieuw antwoord op “Een vraag”",
            question.get_absolute_url() + "#antwoorden",
        ),
    }
    page = client.get(LIST)
    for pk, (line, target) in lines.items():
        assert line in text(page)
        assert reverse("notifications:open", args=[pk]) in page.content.decode()
        response = client.get(reverse("notifications:open", args=[pk]))
        assert (response.status_code, response.url) == (302, target)


def test_opening_a_notification_marks_it_read(client, member, writer):
    notification = notify(member, make_item("item", writer))
    client.get(reverse("notifications:open", args=[notification.pk]))
    notification.refresh_from_db()
    assert not notification.is_unread
    first_read = notification.read_at
    client.get(reverse("notifications:open", args=[notification.pk]))
    notification.refresh_from_db()
    assert notification.read_at == first_read


def test_no_one_opens_anothers_notification(client, member, writer):
    others = notify(writer, make_item("item", writer))
    assert client.get(reverse("notifications:open", args=[others.pk])).status_code == 404
    others.refresh_from_db()
    assert others.is_unread


def test_mark_all_as_read(client, member, writer):
    for number in range(3):
        notify(member, make_item(f"item-{number}", writer))
    others = notify(writer, make_item("van-een-ander", writer))
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405

    response = client.post(reverse("notifications:mark_all_read"), follow=True)

    assert "Al je meldingen zijn gelezen." in text(response)
    assert not Notification.objects.filter(user=member, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.is_unread


@pytest.mark.parametrize("change", ["draft", "deleted", "hidden story", "members only"])
def test_a_notification_whose_thing_is_no_longer_visible_is_never_shown(
    client, member, writer, change
):
    item = make_item("item", writer, title="Het item")
    story = make_story(writer, "members", title="Het verhaal")
    target = story if change == "hidden story" else item
    notification = notify(member, target, Kind.STORIES if target is story else Kind.ITEMS)
    if change == "draft":
        publishing.unpublish(item)
    elif change == "deleted":
        Resource.objects.filter(pk=item.pk).delete()
    elif change == "hidden story":
        story.audience = "coordinator"
        story.save()
    else:
        # The member's own rights change: paused, they see only public things.
        Resource.objects.filter(pk=item.pk).update(visibility=Visibility.MEMBERS)
        member.profile.status = MembershipStatus.PAUSED
        member.profile.save()
        assert visible_notifications(member, [notification]) == []
        return

    page = client.get(LIST)

    assert "Het item" not in text(page) and "Het verhaal" not in text(page)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404


def test_visible_notifications_loads_targets_in_one_query_per_kind(
    member, writer, django_assert_num_queries
):
    rows = []
    for number in range(10):
        item = make_item(f"item-{number}", writer)
        rows.append(notify(member, item))
        rows.append(notify(member, make_question(writer, slug=f"vraag-{number}"), Kind.QUESTIONS))
    hidden = make_item("concept", writer, status=ResourceStatus.DRAFT)
    rows.append(notify(member, hidden))
    fresh = list(Notification.objects.filter(pk__in=[row.pk for row in rows]))
    with django_assert_num_queries(2):
        shown = visible_notifications(member, fresh)
        titles = [notification.headline for notification in shown]
    assert len(shown) == 20
    assert not any("Concept" in title for title in titles)


def test_the_list_is_paged_and_costs_the_same_for_few_and_many(
    client, member, writer, page_cache_off
):
    def add(start, count):
        for number in range(start, start + count):
            notify(member, make_item(f"item-{number}", writer), minutes_ago=number)
            question = make_question(writer, slug=f"vraag-{number}")
            notify(member, question, Kind.ANSWERS, 2, minutes_ago=number)

    add(0, 3)
    client.get(LIST)
    few = count_queries(client, LIST)
    add(3, 30)
    client.get(LIST)  # the header's unread count is counted again once, then kept
    assert count_queries(client, LIST) == few
    page = client.get(LIST)
    assert page.content.decode().count('<li class="notification') == 20
    assert 'rel="next"' in page.content.decode()
    assert client.get(LIST + "?pagina=4").status_code == 200
    assert client.get(LIST + "?pagina=x").status_code == 200


def test_an_empty_list_says_how_to_follow(client, member):
    assert "Nog geen meldingen" in text(client.get(LIST))


# --- The header ----------------------------------------------------------------------------


def header_link(response) -> str:
    html = response.content.decode()
    start = html.index('href="/meldingen/"')
    return html[start : html.index("</a>", start)]


def test_the_header_shows_the_unread_count_in_words_and_as_a_number(client, member, writer):
    assert "ongelezen" not in header_link(client.get("/"))
    for number in range(3):
        notify(member, make_item(f"item-{number}", writer))
    notify(member, make_item("gelezen", writer), read=True)

    link = header_link(client.get("/"))

    assert '<span class="unread-count" aria-hidden="true">3</span>' in link
    assert "(3 ongelezen meldingen)" in link


def test_the_count_stops_at_nine(client, member, writer):
    for number in range(12):
        notify(member, make_item(f"item-{number}", writer))
    link = header_link(client.get("/"))
    assert 'aria-hidden="true">9+</span>' in link
    assert "meer dan 9 ongelezen meldingen" in link


def test_only_members_have_the_link(client):
    assert 'href="/meldingen/"' not in client.get("/").content.decode()


def test_a_stored_page_never_shows_a_stale_count(client, member, writer):
    item = make_item("item", writer)
    assert "ongelezen" not in header_link(client.get(item.get_absolute_url()))
    notification = notify(member, make_item("nieuw", writer))
    assert "(1 ongelezen melding)" in header_link(client.get(item.get_absolute_url()))
    client.get(reverse("notifications:open", args=[notification.pk]))
    assert "ongelezen" not in header_link(client.get(item.get_absolute_url()))
    notify(member, make_item("nog-een", writer))
    client.post(reverse("notifications:mark_all_read"))
    assert "ongelezen" not in header_link(client.get(item.get_absolute_url()))
