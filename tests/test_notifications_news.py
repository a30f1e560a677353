"""News for followers (notifications/news.py): new items, questions, answers, comments,
experiences and value stories in what members follow become notifications, once the
change is committed; never for who did it, only for who may see it, nobody who chose
"never"; a flood adds to one notification; and the cost does not grow with the number
of followers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from knowledge import publishing, sharing
from knowledge.models import ResourceStatus, Visibility
from members.models import MembershipStatus, ParticipationLevel
from notifications import news
from notifications.models import Frequency, Kind, Notification, NotificationSetting
from questions import answering
from questions.models import QuestionStatus

from .factories import (
    make_comment,
    make_coordinator,
    make_item,
    make_member,
    make_question,
    make_story,
    make_uptake,
)
from .notification_rows import follow

pytestmark = pytest.mark.django_db


def told(kind=None, **filters) -> dict[str, int]:
    """E-mail address -> count of the notifications made (of `kind`)."""
    rows = Notification.objects.filter(**filters).select_related("user")
    if kind:
        rows = rows.filter(kind=kind)
    return {row.user.email: row.count for row in rows}


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what waits for the commit, as a request's end does."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def reader():
    return make_member("lezer@example.org")


@pytest.fixture
def writer():
    return make_member("schrijver@example.org")


def test_a_published_item_is_news_for_who_follows_its_tag_or_author(commit, reader, writer):
    follow(reader, Tag.objects.create(name="buurt"))
    author_fan = make_member("fan@example.org")
    follow(author_fan, writer)
    with commit():
        item = make_item("nieuw-item", writer)
        item.tags.add("buurt")
    assert told(Kind.ITEMS) == {"lezer@example.org": 1, "fan@example.org": 1}
    notification = Notification.objects.get(user=reader)
    assert notification.target == item
    assert notification.is_unread


def test_the_author_is_not_told_of_their_own_item(commit, writer):
    follow(writer, Tag.objects.create(name="buurt"))
    with commit():
        make_item("eigen-item", writer).tags.add("buurt")
    assert told() == {}


def test_a_draft_is_news_when_published_and_only_the_first_time(commit, reader, writer):
    follow(reader, writer)
    with commit():
        draft = make_item("concept", writer, status=ResourceStatus.DRAFT)
    assert told() == {}
    with commit():
        publishing.publish(draft)
        draft.save()
    assert told(Kind.ITEMS) == {"lezer@example.org": 1}
    Notification.objects.update(read_at=draft.published_at)
    with commit():
        publishing.unpublish(draft)
        publishing.publish(draft)
        draft.save()
    assert Notification.objects.count() == 1


def test_nothing_is_news_before_the_commit(django_capture_on_commit_callbacks, reader, writer):
    follow(reader, writer)
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        make_item("nog-niet", writer)
    assert told() == {}
    for callback in waiting:  # the commit
        callback()
    assert told() == {"lezer@example.org": 1}


def test_a_question_is_news_for_who_follows_its_tag_or_asker(commit, reader, writer):
    follow(reader, Tag.objects.create(name="armoede"))
    with commit():
        question = make_question(writer, slug="vraag", tags=["armoede"])
    assert told(Kind.QUESTIONS) == {"lezer@example.org": 1}
    assert Notification.objects.get().target == question


def test_answers_to_a_followed_question_add_up(commit, reader, writer):
    question = make_question(writer, slug="vraag")
    follow(reader, question)
    for number in range(3):
        with commit():
            answering.add_answer(question, make_member(f"helper{number}@example.org"), "Zo.")
    assert told(Kind.ANSWERS) == {"lezer@example.org": 3}
    assert Notification.objects.get().target == question


def test_comments_on_a_followed_item_and_by_a_followed_member(commit, reader, writer):
    item = make_item("item", writer)
    fan = make_member("fan@example.org")
    follow(reader, item)
    follow(fan, writer)
    with commit():
        sharing.add_comment(item, writer, "Aanvulling.")
    assert told(Kind.COMMENTS) == {"lezer@example.org": 1, "fan@example.org": 1}


def test_a_hidden_comment_is_no_news(commit, reader, writer):
    item = make_item("item", writer)
    follow(reader, item)
    with commit():
        make_comment(item, writer, hidden=True)
    assert told() == {}


def test_an_experience_of_using_a_followed_item(commit, reader, writer):
    item = make_item("werkvorm", writer)
    follow(reader, item)
    with commit():
        account = make_uptake(item, make_member("gebruiker@example.org"))
    assert told(Kind.UPTAKE) == {"lezer@example.org": 1}
    assert Notification.objects.get().target == account


def test_a_story_is_news_only_for_its_audience(commit, writer):
    member_fan = make_member("fan@example.org")
    coordinator = make_coordinator()
    follow(member_fan, writer)
    follow(coordinator, writer)
    with commit():
        make_story(writer, "coordinator")
    assert told(Kind.STORIES) == {"coordinator@example.org": 1}
    with commit():
        make_story(writer, "members")
    assert told(Kind.STORIES) == {"coordinator@example.org": 1, "fan@example.org": 1}


def test_a_story_about_a_followed_item(commit, reader, writer):
    item = make_item("werkvorm", writer)
    follow(reader, item)
    with commit():
        make_story(make_member("verteller@example.org"), "public", (item,))
    assert told(Kind.STORIES) == {"lezer@example.org": 1}


def test_only_who_may_see_it_now_is_told(commit, writer):
    follow(make_member("actief@example.org"), writer)
    paused = make_member("gepauzeerd@example.org")
    paused.profile.status = MembershipStatus.PAUSED
    paused.profile.save()
    follow(paused, writer)
    switched_off = make_member("uit@example.org")
    switched_off.is_active = False
    switched_off.save()
    follow(switched_off, writer)
    with commit():
        make_item("ledenitem", writer, visibility=Visibility.MEMBERS)
    assert told() == {"actief@example.org": 1}


def test_who_chose_never_gets_no_row(commit, writer):
    never = make_member("nooit@example.org")
    NotificationSetting.objects.create(user=never, kind=Kind.ITEMS, frequency=Frequency.NEVER)
    # The public-events level hears of no questions unless it says so (preferences.py).
    events_only = make_member("publiek@example.org", ParticipationLevel.PUBLIC_EVENTS)
    for user in (never, events_only):
        follow(user, writer)
    with commit():
        make_item("item", writer)
        make_question(writer, slug="vraag")
    assert told(Kind.ITEMS) == {"publiek@example.org": 1}
    assert told(Kind.QUESTIONS) == {"nooit@example.org": 1}


def test_read_news_starts_a_new_notification(commit, reader, writer):
    item = make_item("item", writer)
    follow(reader, item)
    with commit():
        make_comment(item, writer)
    Notification.objects.update(read_at=item.published_at)
    with commit():
        make_comment(item, writer)
    rows = Notification.objects.all()
    assert sorted((row.count, row.is_unread) for row in rows) == [(1, False), (1, True)]


def test_a_flood_of_comments_is_one_notification_per_follower(commit, writer):
    item = make_item("populair", writer)
    followers = [make_member(f"volger{number}@example.org") for number in range(3)]
    for user in followers:
        follow(user, item)
    commenter = make_member("druk@example.org")
    with commit():
        for _ in range(500):
            make_comment(item, commenter)
    assert Notification.objects.count() == 3
    assert set(Notification.objects.values_list("count", flat=True)) == {500}


def queries_for_a_comment(item, commenter, commit) -> int:
    # The capture ends after the commit's callbacks, where the news is made.
    with CaptureQueriesContext(connection) as queries, commit():
        make_comment(item, commenter)
    return len(queries)


def test_the_cost_of_news_does_not_grow_with_its_followers(commit, writer):
    item = make_item("populair", writer)
    commenter = make_member("druk@example.org")
    for number in range(2):
        follow(make_member(f"eerste{number}@example.org"), item)
    queries_for_a_comment(item, commenter, commit)  # content types are looked up once
    unfollowed = queries_for_a_comment(make_item("ander", writer), commenter, commit)
    # Each time some followers have a notification to add to, and some get a new one.
    follow(make_member("tweede@example.org"), item)
    few = queries_for_a_comment(item, commenter, commit)
    for number in range(40):
        follow(make_member(f"later{number}@example.org"), item)

    many = queries_for_a_comment(item, commenter, commit)

    assert many == few
    assert unfollowed < few
    assert sorted(Notification.objects.values_list("count", flat=True)) == [1] * 40 + [2, 3, 3]


def test_news_functions_tell_only_about_shown_things(writer, reader):
    draft_question = make_question(writer, slug="concept", status=QuestionStatus.DRAFT)
    follow(reader, writer)
    assert news.question_published(draft_question.pk) == []
    assert news.item_published(123_456) == []
    assert told() == {}
