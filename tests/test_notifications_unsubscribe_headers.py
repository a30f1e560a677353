"""Every e-mail that is not a direct answer to what its reader just did carries the RFC 8058
headers, its footer links to the same one-click page and to the e-mail settings, and the
address in the header, POSTed as a mail client does, switches that e-mail off."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from knowledge import sharing, uptake
from knowledge.models import Uptake
from members.models import Profile
from questions import answering
from value.follow_ups import send_due_follow_ups

from .factories import make_event, make_item, make_member, make_question, make_registration
from .test_questions_emails import html_part

pytestmark = pytest.mark.django_db


def one_click_address(message) -> str:
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<https://") or header.startswith("<http://")
    return header.strip("<>")


def assert_way_out(message, settings) -> str:
    """The header's address is in both parts' footers, beside the settings page; returns
    the address's path."""
    address = one_click_address(message)
    settings_url = settings.SITE_URL + reverse("members:email_settings")
    assert address in message.body and settings_url in message.body
    assert f'href="{address}"' in html_part(message)
    assert f'href="{settings_url}"' in html_part(message)
    return address.removeprefix(settings.SITE_URL)


def post_one_click(path: str) -> None:
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200


@pytest.fixture
def author():
    return make_member("auteur@example.org", display_name="Ans Auteur")


@pytest.fixture
def other():
    return make_member("ander@example.org", display_name="Bas Ander")


def test_the_comment_email(author, other, settings):
    item = make_item("de-buurtkaart", author, title="De buurtkaart")
    item.set_authors([author, other])
    sharing.add_comment(item, make_member("lezer@example.org"), "Mooi!")
    message = next(m for m in mail.outbox if m.to == ["auteur@example.org"])
    address = one_click_address(message)
    assert address in message.body  # this e-mail has a text part only
    post_one_click(address.removeprefix(settings.SITE_URL))
    assert Profile.objects.get(user=author).notify_on_comments is False
    assert Profile.objects.get(user=other).notify_on_comments is True


def test_the_uptake_email(author, settings, django_capture_on_commit_callbacks):
    item = make_item("de-buurtkaart", author, title="De buurtkaart")
    account = Uptake(used_on="2026-03-14", place="Heerlen", group="bewoners", what_happened="Goed.")
    with django_capture_on_commit_callbacks(execute=True):
        uptake.record(account, item, make_member("lezer@example.org"))
    (message,) = mail.outbox
    post_one_click(assert_way_out(message, settings))
    assert Profile.objects.get(user=author).notify_on_comments is False


def test_the_answer_emails(author, other, settings, django_capture_on_commit_callbacks):
    question = make_question(author)
    with django_capture_on_commit_callbacks(execute=True):
        answer = answering.add_answer(question, other, "Probeer **dit**.")
    with django_capture_on_commit_callbacks(execute=True):
        answering.mark_helped(question, answer, author)
    to_asker, to_answerer = mail.outbox
    assert to_asker.to == ["auteur@example.org"] and to_answerer.to == ["ander@example.org"]
    post_one_click(assert_way_out(to_answerer, settings))
    assert Profile.objects.get(user=other).notify_on_answers is False
    assert Profile.objects.get(user=author).notify_on_answers is True
    post_one_click(assert_way_out(to_asker, settings))
    assert Profile.objects.get(user=author).notify_on_answers is False


def test_the_follow_up_email(author, settings):
    start = timezone.now() - timedelta(days=settings.FOLLOW_UP_AFTER_DAYS + 1)
    meeting = make_event("signaleren", start=start, end=start + timedelta(hours=2))
    make_registration(meeting, author, attended=True)
    assert send_due_follow_ups() == 1
    (message,) = mail.outbox
    post_one_click(assert_way_out(message, settings))
    assert Profile.objects.get(user=author).follow_up_emails is False
