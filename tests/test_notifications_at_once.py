"""E-mails at once: one per notification whose kind its recipient chose to hear of at once,
only about what they may see when it is sent, each once, a flood held back, and none
lost (the digest command picks up what waits)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from knowledge.models import Visibility
from members.models import MembershipStatus, ParticipationLevel, Profile
from notifications import sending
from notifications.models import Follow, Frequency, Kind, Notification
from notifications.preferences import frequencies_of, set_frequencies

from .factories import make_comment, make_item, make_member
from .test_notifications_digests import NOW, notify
from .test_questions_emails import html_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    user = make_member("lezer@example.org", ParticipationLevel.ONLINE, display_name="Lies Lezer")
    set_frequencies(user, {**frequencies_of(user), Kind.COMMENTS: Frequency.IMMEDIATELY})
    return user


@pytest.fixture
def item():
    return make_item("de-buurtkaart", title="De buurtkaart")


def test_one_email_about_the_notification(reader, item):
    notification = notify(reader, item, Kind.COMMENTS, count=2)
    assert sending.send_at_once([notification.pk], NOW) == 1
    (message,) = mail.outbox
    assert message.to == ["lezer@example.org"]
    assert message.subject == "2 nieuwe reacties op “De buurtkaart”"
    assert item.get_absolute_url() in message.body
    assert 'href="http' in html_part(message)
    notification.refresh_from_db()
    assert notification.emailed_at == NOW


def test_never_twice(reader, item):
    notification = notify(reader, item, Kind.COMMENTS)
    assert sending.send_at_once([notification.pk], NOW) == 1
    assert sending.send_at_once([notification.pk], NOW) == 0
    assert sending.send_waiting_at_once(NOW) == 0
    assert len(mail.outbox) == 1


def test_only_kinds_chosen_at_once(reader, item):
    weekly = notify(reader, item, Kind.ITEMS)
    assert sending.send_at_once([weekly.pk], NOW) == 0
    assert mail.outbox == []
    weekly.refresh_from_db()
    assert weekly.emailed_at is None  # it waits for the weekly digest


def test_not_about_what_the_reader_may_no_longer_see(reader, item):
    notification = notify(reader, item, Kind.COMMENTS)
    item.status = "draft"
    item.save()
    assert sending.send_at_once([notification.pk], NOW) == 0
    assert mail.outbox == []


def test_not_to_a_member_no_longer_active(reader, item):
    Profile.objects.filter(user=reader).update(status=MembershipStatus.PAUSED)
    notification = notify(reader, item, Kind.COMMENTS)
    assert sending.send_at_once([notification.pk], NOW) == 0


def test_not_when_already_read_on_the_site(reader, item):
    notification = notify(reader, item, Kind.COMMENTS)
    Notification.objects.filter(pk=notification.pk).update(read_at=NOW)
    assert sending.send_at_once([notification.pk], NOW) == 0


def test_a_flood_is_held_back_then_picked_up(reader, item):
    first = notify(reader, item, Kind.COMMENTS)
    assert sending.send_at_once([first.pk], NOW) == 1
    # More comments on the same item: a new notification, whose count grows.
    second = notify(reader, item, Kind.COMMENTS, count=499)
    assert sending.send_at_once([second.pk], NOW + timedelta(minutes=1)) == 0
    assert sending.send_waiting_at_once(NOW + timedelta(minutes=5)) == 0
    assert sending.send_waiting_at_once(NOW + sending.AT_ONCE_PAUSE + timedelta(seconds=1)) == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "499 nieuwe reacties op “De buurtkaart”"


def test_a_failed_send_leaves_it_waiting_for_the_pickup(reader, item, monkeypatch):
    notification = notify(reader, item, Kind.COMMENTS)

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(sending, "send_templated_mail", broken)
    with pytest.raises(ConnectionRefusedError):
        sending.send_at_once([notification.pk], NOW)
    notification.refresh_from_db()
    assert notification.emailed_at is None
    monkeypatch.undo()
    call_command("send_digests", "--period", "daily")
    assert len(mail.outbox) == 1


def test_in_the_members_language_with_a_way_out_of_this_kind(reader, item, settings):
    Profile.objects.filter(user=reader).update(language="en")
    notification = notify(reader, item, Kind.COMMENTS)
    sending.send_at_once([notification.pk], NOW)
    (message,) = mail.outbox
    assert message.subject == "A new comment on “De buurtkaart”"
    address = message.extra_headers["List-Unsubscribe"].strip("<>")
    response = Client(enforce_csrf_checks=True).post(
        address.removeprefix(settings.SITE_URL), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert (
        frequencies_of(reader)[Kind.COMMENTS] == Frequency.IN_SITE
    )  # the e-mail stops, the site keeps it


def test_a_members_only_item_reaches_no_one_who_may_not_see_it(item):
    reader = make_member("publiek@example.org", ParticipationLevel.PUBLIC_EVENTS)
    set_frequencies(reader, {**frequencies_of(reader), Kind.ITEMS: Frequency.IMMEDIATELY})
    members_only = make_item("ledenstuk", visibility=Visibility.MEMBERS)
    notification = notify(reader, members_only, Kind.ITEMS)
    # Members at every level may read members-only items; a draft no one but its authors.
    members_only.status = "draft"
    members_only.save()
    assert sending.send_at_once([notification.pk], NOW) == 0


def test_a_comment_on_a_followed_item_is_e_mailed_at_once(
    reader, item, django_capture_on_commit_callbacks
):
    """From the news to the e-mail: notifications/news.py sends what is due at once."""
    Follow.objects.create(user=reader, target=item)
    writer = make_member("schrijver@example.org", display_name="Sam Schrijver")

    with django_capture_on_commit_callbacks(execute=True):
        make_comment(item, writer, body="Werkt ook in Kerkrade.")

    (message,) = mail.outbox
    assert message.to == ["lezer@example.org"]
    assert "De buurtkaart" in message.subject
    assert Notification.objects.get(user=reader).emailed_at is not None
    # It says which follow brought it (notifications/reasons.py).
    assert "omdat je “De buurtkaart” volgt" in " ".join(message.body.split())
