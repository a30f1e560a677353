"""E-mails about answers: the asker hears of each new answer, an answerer of their answer
being the one that helped; only when they want them and may see the question, in Dutch,
as HTML and text, with the way to switch them off."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from members.models import MembershipStatus, Profile
from questions import answering
from questions.models import Answer

from .factories import make_coordinator, make_member, make_question
from .helpers import SCRIPT, mails_to

pytestmark = pytest.mark.django_db

SETTINGS_URL = settings.SITE_URL + reverse("members:email_settings")


@pytest.fixture
def asker(db):
    return make_member("vrager@example.org")


@pytest.fixture
def answerer(db):
    return make_member("antwoorder@example.org", display_name="Joost Peeters")


def answer(question, author, body, captured):
    with captured(execute=True):
        return answering.add_answer(question, author, body)


def html_part(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def test_the_asker_gets_the_answer_with_a_link(asker, answerer, django_capture_on_commit_callbacks):
    question = make_question(asker, title="Hoe betrek ik jongeren?")
    saved = answer(
        question, answerer, "Ga naar **de sportclub**.", django_capture_on_commit_callbacks
    )
    [message] = mails_to("vrager@example.org")
    link = f"{settings.SITE_URL}{question.get_absolute_url()}#antwoord-{saved.pk}"
    assert message.subject == "Nieuw antwoord op “Hoe betrek ik jongeren?”"
    assert "Joost Peeters beantwoordde je vraag" in message.body
    assert "Ga naar **de sportclub**." in message.body and link in message.body
    assert "Stop deze e-mails met één klik" in message.body and SETTINGS_URL in message.body
    html = html_part(message)
    assert "<strong>de sportclub</strong>" in html
    assert f'href="{link}"' in html and f'href="{SETTINGS_URL}"' in html


def test_the_html_part_carries_no_script(asker, answerer, django_capture_on_commit_callbacks):
    question = make_question(asker, title=f"Vraag {SCRIPT}")
    answer(question, answerer, f"Antwoord {SCRIPT}", django_capture_on_commit_callbacks)
    [message] = mails_to("vrager@example.org")
    assert "<script" not in html_part(message)


def test_the_email_is_in_dutch_whatever_language_the_answerer_uses(
    asker, answerer, django_capture_on_commit_callbacks
):
    question = make_question(asker, title="Vraag")
    with translation.override("en"):
        answer(question, answerer, "Antwoord.", django_capture_on_commit_callbacks)
    [message] = mails_to("vrager@example.org")
    assert message.subject.startswith("Nieuw antwoord op")


def test_no_email_for_an_asker_who_switched_them_off(
    asker, answerer, django_capture_on_commit_callbacks
):
    Profile.objects.filter(user=asker).update(notify_on_answers=False)
    question = make_question(asker)
    answer(question, answerer, "Antwoord.", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_no_email_about_ones_own_answer(asker, django_capture_on_commit_callbacks):
    question = make_question(asker)
    answer(question, asker, "Ik heb het zelf gevonden.", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_no_email_about_a_members_question_to_an_asker_who_is_no_longer_a_member(
    asker, answerer, django_capture_on_commit_callbacks
):
    question = make_question(asker)
    Profile.objects.filter(user=asker).update(status=MembershipStatus.PAUSED)
    answer(question, answerer, "Antwoord.", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_answerer_hears_that_their_answer_helped(
    client, asker, answerer, django_capture_on_commit_callbacks
):
    question = make_question(asker, title="Hoe betrek ik jongeren?")
    saved = answer(question, answerer, "Antwoord.", django_capture_on_commit_callbacks)
    mail.outbox.clear()
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questions:mark_helped", args=[question.slug]), {"answer": saved.pk})
    [message] = mails_to("antwoorder@example.org")
    assert message.subject == "Je antwoord hielp: “Hoe betrek ik jongeren?”"
    assert f"{question.get_absolute_url()}#antwoord-{saved.pk}" in message.body
    assert SETTINGS_URL in message.body and SETTINGS_URL in html_part(message)
    # Marking the same answer again tells no one again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("questions:mark_helped", args=[question.slug]), {"answer": saved.pk})
    assert len(mails_to("antwoorder@example.org")) == 1


def test_no_helped_email_for_an_answerer_who_switched_them_off(
    asker, answerer, django_capture_on_commit_callbacks
):
    question = make_question(asker)
    saved = answer(question, answerer, "Antwoord.", django_capture_on_commit_callbacks)
    mail.outbox.clear()
    Profile.objects.filter(user=answerer).update(notify_on_answers=False)
    with django_capture_on_commit_callbacks(execute=True):
        answering.mark_helped(question, Answer.objects.get(pk=saved.pk), make_coordinator())
    assert mail.outbox == []


def test_no_helped_email_to_an_answerer_who_may_no_longer_see_the_question(
    asker, answerer, django_capture_on_commit_callbacks
):
    question = make_question(asker)
    saved = answer(question, answerer, "Antwoord.", django_capture_on_commit_callbacks)
    mail.outbox.clear()
    Profile.objects.filter(user=answerer).update(status=MembershipStatus.ENDED)
    with django_capture_on_commit_callbacks(execute=True):
        answering.mark_helped(question, Answer.objects.get(pk=saved.pk), asker)
    assert mail.outbox == []
