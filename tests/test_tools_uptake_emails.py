"""The e-mail about a new experience: one to each author of the item who agreed to be
author, never to the writer; only to members who want e-mail about their items and may
read the experience; in Dutch, HTML and text, with a link to the experience."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from knowledge import coauthors, uptake
from knowledge.models import Uptake, Visibility
from members.models import MembershipStatus, Profile

from .factories import make_item, make_member
from .helpers import SCRIPT, mails_to
from .test_questions_emails import html_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_author():
    return make_member("eerste@example.org", display_name="Ans Eerste")


@pytest.fixture
def second_author():
    return make_member("tweede@example.org", display_name="Bas Tweede")


@pytest.fixture
def writer():
    return make_member("gebruiker@example.org", display_name="Gijs Gebruiker")


@pytest.fixture
def tool(first_author, second_author):
    item = make_item("de-buurtkaart", first_author, title="De buurtkaart")
    item.set_authors([first_author, second_author])
    return item


def record(item, writer, captured, **fields) -> Uptake:
    account = Uptake(
        used_on="2026-03-14",
        place=fields.pop("place", "Heerlen-Noord"),
        group="bewoners",
        what_happened=fields.pop("what_happened", "Acht bewoners tekenden hun buurt."),
        **fields,
    )
    with captured(execute=True):
        return uptake.record(account, item, writer)


def test_each_author_gets_one_email_with_a_link_to_the_experience(
    tool, first_author, second_author, writer, django_capture_on_commit_callbacks
):
    account = record(tool, writer, django_capture_on_commit_callbacks)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "eerste@example.org",
        "tweede@example.org",
    ]
    message = mails_to("eerste@example.org")[0]
    assert message.subject == "Gijs Gebruiker gebruikte “De buurtkaart” in de praktijk"
    link = settings.SITE_URL + account.get_absolute_url()
    assert link in message.body and "Acht bewoners tekenden hun buurt." in message.body
    assert f'href="{link}"' in html_part(message)
    assert settings.SITE_URL + reverse("members:email_settings") in message.body


def test_the_link_opens_the_experience_for_the_author(
    client, tool, first_author, writer, django_capture_on_commit_callbacks
):
    account = record(tool, writer, django_capture_on_commit_callbacks)
    client.force_login(first_author)
    response = client.get(account.get_absolute_url())
    assert response.status_code == 200
    assert "Acht bewoners tekenden hun buurt." in response.content.decode()


def test_an_author_who_writes_an_experience_gets_no_email_about_it(
    tool, first_author, django_capture_on_commit_callbacks
):
    record(tool, first_author, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [["tweede@example.org"]]


def test_someone_asked_to_be_co_author_hears_nothing_until_they_accept(
    first_author, writer, django_capture_on_commit_callbacks
):
    item = make_item("de-buurtkaart", first_author)
    asked = make_member("gevraagd@example.org", display_name="Gerda Gevraagd")
    coauthors.name_coauthors(item, first_author, [asked])
    mail.outbox.clear()  # the request to be co-author
    record(item, writer, django_capture_on_commit_callbacks)
    assert mails_to("gevraagd@example.org") == []
    assert len(mails_to("eerste@example.org")) == 1


def test_no_email_for_an_author_who_switched_library_emails_off(
    tool, second_author, writer, django_capture_on_commit_callbacks
):
    Profile.objects.filter(user=second_author).update(notify_on_comments=False)
    record(tool, writer, django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [["eerste@example.org"]]


@pytest.mark.parametrize("status", [MembershipStatus.PAUSED, MembershipStatus.ENDED])
def test_no_email_for_an_author_who_is_no_longer_a_member(
    tool, second_author, writer, status, django_capture_on_commit_callbacks
):
    Profile.objects.filter(user=second_author).update(status=status)
    record(tool, writer, django_capture_on_commit_callbacks, is_public=True)
    assert [message.to for message in mail.outbox] == [["eerste@example.org"]]


def test_a_members_only_items_email_goes_only_to_who_may_read_it(
    first_author, second_author, writer, django_capture_on_commit_callbacks
):
    item = make_item("de-buurtkaart", first_author, visibility=Visibility.MEMBERS)
    item.set_authors([first_author, second_author])
    # The second author's membership is paused: the item is out of their sight.
    Profile.objects.filter(user=second_author).update(notify_on_comments=True, status="paused")
    record(item, writer, django_capture_on_commit_callbacks, is_public=True)
    assert [message.to for message in mail.outbox] == [["eerste@example.org"]]
    assert uptake.authors_to_tell(Uptake.objects.get()) == [first_author]


def test_the_email_carries_no_script(tool, writer, django_capture_on_commit_callbacks):
    record(
        tool,
        writer,
        django_capture_on_commit_callbacks,
        place=SCRIPT,
        what_happened=f"Het ging goed {SCRIPT}",
        what_to_change=SCRIPT,
    )
    for message in mail.outbox:
        assert "<script" not in html_part(message)
        assert "&lt;script&gt;" in html_part(message)


def test_recording_through_the_form_sends_the_emails(
    client, tool, writer, django_capture_on_commit_callbacks
):
    client.force_login(writer)
    data = {
        "used_on": "2026-03-14",
        "place": "Heerlen-Noord",
        "group": "bewoners",
        "what_happened": "Acht bewoners tekenden hun buurt.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("knowledge:record_uptake", args=[tool.slug]), data)
    assert response.status_code == 302
    assert len(mail.outbox) == 2


def test_a_refused_form_sends_nothing(client, tool, writer, django_capture_on_commit_callbacks):
    client.force_login(writer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("knowledge:record_uptake", args=[tool.slug]), {})
    assert response.status_code == 200
    assert mail.outbox == []
