"""One's own data (portal/privacy.py) and this app: the download holds what one follows and
the notification settings one chose; deleting one's account deletes one's follows and
notifications, and others' follows of the account; a deleted thing takes its follows
and notifications along."""

import json

import pytest
from django.urls import reverse
from taggit.models import Tag

from notifications.models import Follow, Frequency, Kind, Notification, NotificationSetting

from .factories import PASSWORD, make_item, make_member, make_question
from .notification_rows import follow, notify

pytestmark = pytest.mark.django_db


def test_the_download_holds_follows_and_chosen_settings(client):
    member = make_member("lid@example.org")
    other = make_member("ander@example.org", display_name="Ans Ander")
    item = make_item("het-buurtgesprek", other, title="Het buurtgesprek")
    item.tags.add("buurt")
    tag = Tag.objects.get(name="buurt")
    for thing in (tag, item, other):
        follow(member, thing)
    NotificationSetting.objects.create(user=member, kind=Kind.ITEMS, frequency=Frequency.DAILY)
    NotificationSetting.objects.create(user=other, kind=Kind.ITEMS, frequency=Frequency.NEVER)
    client.force_login(member)

    data = json.loads(client.get(reverse("members:export")).content)

    assert sorted((line["kind"], line["name"]) for line in data["follows"]) == [
        ("Item in de kennisbank", "Het buurtgesprek"),
        ("Lid", "Ans Ander"),
        ("Tag", "buurt"),
    ]
    assert all(line["address"].startswith("http") and line["since"] for line in data["follows"])
    assert data["notification_settings"] == [{"kind": "items", "frequency": "daily"}]


def test_deleting_an_account_deletes_its_follows_and_notifications(
    client, django_capture_on_commit_callbacks
):
    leaving = make_member("weg@example.org")
    staying = make_member("blijf@example.org")
    item = make_item("item", staying)
    question = make_question(staying, slug="vraag")
    follow(leaving, item)
    follow(leaving, staying)
    notify(leaving, item)
    NotificationSetting.objects.create(user=leaving, kind=Kind.ITEMS, frequency=Frequency.DAILY)
    kept_follow = follow(staying, question)
    kept_notification = notify(staying, question, Kind.QUESTIONS)
    follow(staying, leaving)  # following the one who leaves: goes with them
    client.force_login(leaving)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:delete_account"), {"password": PASSWORD})

    assert response.status_code == 302
    assert list(Follow.objects.all()) == [kept_follow]
    assert list(Notification.objects.all()) == [kept_notification]
    assert not NotificationSetting.objects.exists()


def test_a_deleted_thing_takes_its_follows_and_notifications_along():
    member = make_member("lid@example.org")
    item = make_item("item", make_member("schrijver@example.org"))
    other = make_item("ander-item", make_member("ander@example.org"))
    follow(member, item)
    notify(member, item, Kind.COMMENTS)
    kept = (follow(member, other), notify(member, other))

    item.delete()

    assert list(Follow.objects.all()) == [kept[0]]
    assert list(Notification.objects.all()) == [kept[1]]
