"""The e-mail sent at once names what the member follows that the news is about
(notifications/reasons.py): the thing itself, one of its tags or its maker; nothing they
can no longer see."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from taggit.models import Tag

from knowledge.models import ResourceStatus
from notifications.mail_news import NewsLine
from notifications.models import Kind
from notifications.reasons import followed_in_words

from .factories import make_item, make_member, make_question, make_uptake
from .notification_rows import follow, notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return make_member("lezer@example.org")


@pytest.fixture
def writer():
    return make_member("kim@example.org", display_name="Kim Kijker")


def test_a_followed_tag_is_named(reader, writer):
    item = make_item("buurtkaart", writer)
    item.tags.add("armoede")
    follow(reader, Tag.objects.get(name="armoede"))
    notification = notify(reader, item, Kind.ITEMS)
    with translation.override("nl"):
        assert followed_in_words(reader, notification.pk) == "de tag “armoede”"


def test_the_thing_itself_comes_before_its_maker(reader, writer):
    question = make_question(writer, slug="vraag", title="Hoe begin je?")
    follow(reader, writer)
    follow(reader, question)
    notification = notify(reader, question, Kind.ANSWERS)
    assert followed_in_words(reader, notification.pk) == "“Hoe begin je?”"


def test_a_followed_member_is_named(reader, writer):
    item = make_item("buurtkaart", writer)
    follow(reader, writer)
    account = make_uptake(item, writer)
    assert followed_in_words(reader, notify(reader, account, Kind.UPTAKE).pk) == "Kim Kijker"


def test_nothing_is_named_that_is_not_followed_or_not_seen(reader, writer):
    item = make_item("buurtkaart", writer)
    assert followed_in_words(reader, notify(reader, item, Kind.COMMENTS).pk) is None
    follow(reader, item)
    item.status = ResourceStatus.DRAFT
    item.save()
    assert followed_in_words(reader, notify(reader, item, Kind.ITEMS).pk) is None


def test_nobody_learns_of_anothers_notification(reader, writer):
    item = make_item("buurtkaart", writer)
    follow(writer, item)
    assert followed_in_words(reader, notify(writer, item, Kind.COMMENTS).pk) is None


def test_the_email_names_it(reader):
    line = NewsLine(1, Kind.ITEMS, "Nieuw in de kennisbank: “Buurtkaart”", "https://x/")
    context = {"name": "Lies", "line": line, "followed": "de tag “armoede”"}
    with translation.override("nl"):
        for ext in ("txt", "html"):
            mail = render_to_string(f"notifications/email/at_once.{ext}", context)
            assert "omdat je de tag “armoede” volgt" in mail
