"""E-mail and the site are separate: "only in the site" makes the notification without an
e-mail, "never" makes none; unsubscribing stops the e-mail and keeps the news in the
site; the public-events level hears of public items only (notifications/news.py)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from taggit.models import Tag

from knowledge.models import Visibility
from members import unsubscribe
from members.models import ParticipationLevel
from notifications import sending
from notifications.models import Frequency, Kind, Notification
from notifications.preferences import frequencies_allowed, frequencies_of, set_frequencies
from notifications.unsubscribe import at_once_mail

from .factories import make_item, make_member
from .helpers import text
from .notification_rows import follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def writer():
    return make_member("schrijver@example.org")


def follows_writer(email, frequency, level=ParticipationLevel.MEETINGS):
    user = make_member(email, level)
    set_frequencies(user, {**frequencies_of(user), Kind.ITEMS: frequency})
    return user


def told() -> set[str]:
    return set(Notification.objects.values_list("user__email", flat=True))


def test_only_in_the_site_makes_a_notification_and_no_email(commit, writer):
    for email, frequency in [
        ("site@example.org", Frequency.IN_SITE),
        ("nooit@example.org", Frequency.NEVER),
        ("meteen@example.org", Frequency.IMMEDIATELY),
    ]:
        follow(follows_writer(email, frequency), writer)
    with commit():
        make_item("nieuw", writer)
    assert told() == {"site@example.org", "meteen@example.org"}
    assert sending.send_waiting_at_once() == 0
    assert [message.to for message in mail.outbox] == [["meteen@example.org"]]


def test_after_unsubscribing_the_news_still_appears_in_the_site(commit, writer):
    reader = follows_writer("lezer@example.org", Frequency.IMMEDIATELY)
    follow(reader, writer)
    token = unsubscribe.token_for(reader.pk, at_once_mail(Kind.ITEMS))
    Client().post(reverse("unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"})
    mail.outbox.clear()

    with commit():
        make_item("nieuw", writer)

    assert mail.outbox == []
    client = Client()
    client.force_login(reader)
    assert "Nieuw in de kennisbank: “Nieuw”" in text(client.get("/meldingen/"))
    assert "(1 ongelezen melding)" in client.get("/").content.decode()


def test_the_unsubscribe_page_says_the_news_stays_in_the_site():
    reader = make_member("lezer@example.org")
    url = reverse("unsubscribe", args=[unsubscribe.token_for(reader.pk, at_once_mail("items"))])
    assert "bij je meldingen op de site" in text(Client().get(url))


def test_what_is_coming_up_has_no_notification_to_show_in_the_site():
    assert Frequency.IN_SITE in frequencies_allowed(Kind.ITEMS)
    assert Frequency.IN_SITE not in frequencies_allowed(Kind.EVENTS)


def test_the_settings_page_says_what_each_choice_means(client):
    client.force_login(make_member("lezer@example.org"))
    page = text(client.get(reverse("members:email_settings")))
    assert "Alleen op de site, geen e-mail" in page
    assert "Nooit, ook niet op de site" in page
    assert "nooit: geen e-mail en geen melding op de site." in page


def test_the_public_events_level_hears_of_public_items_only(commit, writer):
    public_level = make_member("publiek@example.org", ParticipationLevel.PUBLIC_EVENTS)
    online = make_member("online@example.org", ParticipationLevel.ONLINE)
    tag = Tag.objects.create(name="armoede")
    for user in (public_level, online):
        follow(user, tag)
    with commit():
        make_item("voor-leden", writer, visibility=Visibility.MEMBERS).tags.add("armoede")
    assert told() == {"online@example.org"}
    with commit():
        make_item("voor-iedereen", writer, visibility=Visibility.PUBLIC).tags.add("armoede")
    assert Notification.objects.filter(user=public_level).get().target.slug == "voor-iedereen"
