"""The header's unread count counts only the notifications whose thing the member may
still see, as /meldingen/ shows them (notifications/unread.py); still "9+" at most, and
at most one query more than the page without unread news."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knowledge import publishing
from knowledge.models import ResourceStatus
from notifications.models import Notification
from notifications.unread import unread_count

from .factories import make_item, make_member
from .helpers import count_queries
from .notification_rows import notify
from .test_notifications_page import header_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = make_member("lezer@example.org")
    client.force_login(user)
    return user


@pytest.fixture
def writer():
    return make_member("schrijver@example.org")


def test_an_item_set_back_to_draft_leaves_the_count(client, member, writer):
    notify(member, make_item("blijft", writer))
    draft = make_item("terug-naar-concept", writer)
    notify(member, draft)
    publishing.unpublish(draft)
    draft.save()
    assert draft.status == ResourceStatus.DRAFT

    link = header_link(client.get("/meldingen/"))

    assert "(1 ongelezen melding)" in link
    assert 'aria-hidden="true">1</span>' in link


def test_nine_plus_counts_only_visible_ones(client, member, writer):
    for number in range(12):
        item = make_item(f"item-{number}", writer)
        notify(member, item)
        if number >= 3:
            publishing.unpublish(item)
            item.save()
    assert "(3 ongelezen meldingen)" in header_link(client.get("/"))


def test_no_query_more_without_unread_news_and_one_more_with_it(
    client, member, writer, page_cache_off
):
    for number in range(12):
        notify(member, make_item(f"item-{number}", writer), read=True)
    without = count_queries(client, "/over/")
    Notification.objects.update(read_at=None)
    assert count_queries(client, "/over/") == without + 1


def test_the_count_is_one_bounded_query(member, writer):
    for number in range(3):
        notify(member, make_item(f"item-{number}", writer))
    # Content types are read once per process and kept (Django's cache), not per count:
    # run alone, this test would otherwise see those reads too.
    ContentType.objects.get_for_models(*apps.get_models())
    with CaptureQueriesContext(connection) as queries:
        assert unread_count(member) == 3
    (query,) = queries
    assert "LIMIT 10" in query["sql"]


def counted(user) -> tuple[int, int]:
    """The member's unread count as the next request finds it, and how many queries it
    took besides loading the member."""
    user = type(user).objects.select_related("profile").get(pk=user.pk)
    with CaptureQueriesContext(connection) as queries:
        count = unread_count(user)
    return count, len(queries)


def test_the_count_is_kept_until_what_it_is_built_from_changes(client, member, writer):
    items = [make_item(f"item-{number}", writer) for number in range(3)]
    for item in items:
        notify(member, item)
    ContentType.objects.get_for_models(*apps.get_models())
    assert counted(member) == (3, 1)  # counted
    assert counted(member) == (3, 0)  # kept
    caches["pages"].clear()  # kept in the worker's memory, not in the shared cache
    assert counted(member) == (3, 1)

    publishing.unpublish(items[0])
    items[0].save()  # the library changed: the item is no longer seen
    assert counted(member) == (2, 1)
    assert counted(member) == (2, 0)

    notification = Notification.objects.get(user=member, target_id=items[1].pk)
    client.get(f"/meldingen/{notification.pk}/")  # read: the member's own area changed
    assert counted(member) == (1, 1)
