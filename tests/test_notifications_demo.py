"""The demo's follows and notifications (demo/follows.toml, notifications/demo.py): the
demo logins follow tags, items, questions and members and have notifications, read and
unread, each about something they may see; loading twice adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from members.models import User
from notifications.demo import load_follows
from notifications.models import Follow, Notification
from notifications.targets import visible_notifications

from .helpers import text

pytestmark = pytest.mark.django_db

LOGINS = ["bijeenkomsten@example.org", "online@example.org", "events@example.org"]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_the_demo_logins_follow_things_and_have_notifications(demo):
    for email in LOGINS:
        user = User.objects.get(email=email)
        assert Follow.objects.filter(user=user).exists(), email
        notifications = Notification.objects.filter(user=user)
        assert notifications.exists(), email
        assert len(visible_notifications(user, notifications)) == notifications.count(), email
    sanne = User.objects.get(email=LOGINS[0])
    kinds = set(Follow.objects.filter(user=sanne).values_list("content_type__model", flat=True))
    assert kinds == {"tag", "resource", "question", "user"}
    mine = Notification.objects.filter(user=sanne)
    assert (
        mine.filter(read_at__isnull=True).exists() and mine.filter(read_at__isnull=False).exists()
    )


def test_a_demo_login_reads_them_on_meldingen(demo, client):
    client.force_login(User.objects.get(email=LOGINS[1]))
    page = client.get(reverse("notifications:list"))
    assert "Nieuw in de kennisbank" in text(page) or "Nieuwe vraag" in text(page)
    assert "ongelezen" in text(page)


def test_loading_again_adds_nothing(demo):
    follows, notifications = Follow.objects.count(), Notification.objects.count()
    assert load_follows() == 0
    assert (Follow.objects.count(), Notification.objects.count()) == (follows, notifications)
