"""The message after following or stopping names what is followed: "Je volgt nu de tag
“armoede”.", "Je volgt Kim Kijker niet meer." (notifications/following.py, `in_words`)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from taggit.models import Tag

from knowledge.models import Resource, ResourceStatus

from .factories import make_item, make_member, make_question
from .helpers import SCRIPT

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = make_member("volger@example.org")
    client.force_login(user)
    return user


def said(client, action, word, pk) -> str:
    response = client.post(reverse(f"notifications:{action}", args=[word, pk]))
    *_earlier, message = get_messages(response.wsgi_request)
    return str(message)


def test_each_message_names_what_is_followed(client, member):
    writer = make_member("kim@example.org", display_name="Kim Kijker")
    item = make_item("buurtgesprek", writer)
    item.tags.add("armoede")
    tag = Tag.objects.get(name="armoede")
    question = make_question(writer, slug="vraag", title="Hoe begin je?")

    assert said(client, "follow", "tag", tag.pk).startswith("Je volgt nu de tag “armoede”.")
    assert said(client, "follow", "lid", writer.pk).startswith("Je volgt nu Kim Kijker.")
    assert said(client, "follow", "item", item.pk).startswith("Je volgt nu “Buurtgesprek”.")
    assert said(client, "follow", "vraag", question.pk).startswith("Je volgt nu “Hoe begin je?”.")
    assert said(client, "unfollow", "lid", writer.pk) == "Je volgt Kim Kijker niet meer."
    assert said(client, "unfollow", "tag", tag.pk) == "Je volgt de tag “armoede” niet meer."


def test_stopping_what_one_can_no_longer_see_says_it_plainly(client, member):
    item = make_item("weg", make_member("kim@example.org"))
    client.post(reverse("notifications:follow", args=["item", item.pk]))
    Resource.objects.filter(pk=item.pk).update(status=ResourceStatus.DRAFT)
    assert said(client, "unfollow", "item", item.pk) == "Je volgt het niet meer."


def test_a_hostile_name_is_escaped_in_the_message(client, member):
    writer = make_member("kim@example.org", display_name=SCRIPT)
    client.post(reverse("notifications:follow", args=["lid", writer.pk]))
    page = client.get(reverse("notifications:follows")).content.decode()
    assert SCRIPT not in page
