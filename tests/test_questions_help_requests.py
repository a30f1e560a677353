"""Asking a member directly for help (questions/help_requests.py, questions/help_views.py):
one click, one e-mail, at most three a week per member, the rest sent later by the
send_help_requests command, never twice and never about a question they may not see."""

import io
import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from atelier.addresses import absolute_url
from knowledge.models import Visibility
from members.models import MembershipStatus
from questions import help_requests
from questions.help_requests import HelpRequestRefused, ask_for_help, send_waiting_requests
from questions.models import HelpRequest, QuestionQuerySet, QuestionStatus

from .conftest import run_threads
from .factories import make_applicant, make_coordinator, make_member, make_question
from .helpers import SCRIPT, is_login_redirect, text

pytestmark = pytest.mark.django_db

MONDAY = datetime(2031, 3, 3, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def asker():
    return make_member("vrager@example.org", display_name="Vera Vrager")


@pytest.fixture
def helper():
    user = make_member("helper@example.org", display_name="Hanna Helper", open_to_questions=True)
    user.profile.expertise.add("armoede")
    return user


@pytest.fixture
def question(asker):
    return make_question(
        asker,
        title="Hoe houd ik de signaalfunctie overeind?",
        body="De gemeente financiert **alleen** individuele hulp.",
        tags=["armoede"],
    )


def questions(asker, count: int) -> list:
    return [
        make_question(asker, title=f"Vraag {number}", tags=["armoede"]) for number in range(count)
    ]


def ask_url(question, member) -> str:
    return reverse("questions:ask_for_help", args=[question.slug, member.profile.pk])


# --- The e-mail -------------------------------------------------------------------------------


def test_the_member_gets_one_email_with_the_question_and_a_link(asker, helper, question):
    request = ask_for_help(question, asker, helper, now=MONDAY)

    assert request.sent_at == MONDAY
    assert request.asked_by == asker
    (message,) = mail.outbox
    assert message.to == [helper.email]
    assert (
        message.subject == "Kun je helpen met een vraag? “Hoe houd ik de signaalfunctie overeind?”"
    )
    link = absolute_url(question.get_absolute_url())
    assert "Beste Hanna Helper," in message.body
    assert "Vera Vrager stelde een vraag uit de praktijk" in message.body
    assert "De gemeente financiert **alleen** individuele hulp." in message.body
    assert link in message.body
    # How to stop these e-mails: the choice on the profile edit page.
    assert "Ik word graag om hulp gevraagd bij vragen" in message.body
    assert absolute_url(reverse("members:my_profile")) in message.body
    ((html, kind),) = message.alternatives
    assert kind == "text/html"
    assert "<strong>alleen</strong>" in html
    assert f'href="{link}"' in html


def test_the_email_says_when_the_coordinator_asked(asker, helper, question):
    coordinator = make_coordinator()
    ask_for_help(question, coordinator, helper)

    body = mail.outbox[0].body
    assert "De coördinator van het Leeratelier denkt dat jij kunt helpen bij deze vraag" in body
    assert "uit de praktijk van Vera Vrager:" in body
    assert coordinator.email not in body


def test_hostile_text_in_the_question_is_escaped_in_the_html_email(asker, helper):
    question = make_question(asker, title=SCRIPT, body=SCRIPT, tags=["armoede"])
    ask_for_help(question, asker, helper)

    ((html, _kind),) = mail.outbox[0].alternatives
    assert "<script>" not in html


# --- Who may be asked -------------------------------------------------------------------------


def opted_out(helper, **_):
    helper.profile.open_to_questions = False
    helper.profile.save()


def paused(helper, **_):
    helper.profile.status = MembershipStatus.PAUSED
    helper.profile.save()


def switched_off(helper, **_):
    helper.is_active = False
    helper.save()


def already_asked(helper, question, asker):
    ask_for_help(question, asker, helper)
    mail.outbox.clear()


@pytest.mark.parametrize(
    ("make_it_so", "message"),
    [
        (opted_out, "Hanna Helper wil liever niet om hulp gevraagd worden."),
        (paused, "Hanna Helper is geen actief lid."),
        (switched_off, "Hanna Helper is geen actief lid."),
        (already_asked, "Hanna Helper is al om hulp gevraagd bij deze vraag."),
    ],
)
def test_asking_is_refused_with_a_clear_message(
    client, asker, helper, question, make_it_so, message
):
    make_it_so(helper, question=question, asker=asker)
    before = HelpRequest.objects.count()
    client.force_login(asker)

    response = client.post(ask_url(question, helper), follow=True)

    assert response.redirect_chain[0] == (question.get_absolute_url(), 302)
    assert message in text(response)
    assert HelpRequest.objects.count() == before
    assert mail.outbox == []


def test_the_asker_cannot_ask_themselves(asker, question):
    asker.profile.open_to_questions = True
    asker.profile.save()
    with pytest.raises(HelpRequestRefused, match="heeft deze vraag zelf gesteld"):
        ask_for_help(question, make_coordinator(), asker)


def test_no_more_than_ten_members_per_question(asker, question):
    for number in range(help_requests.MOST_PER_QUESTION):
        member = make_member(f"lid{number}@example.org", open_to_questions=True)
        ask_for_help(question, asker, member)
    one_more = make_member("nog-een@example.org", open_to_questions=True)

    with pytest.raises(HelpRequestRefused, match="Je hebt al 10 leden om hulp gevraagd"):
        ask_for_help(question, asker, one_more)


def only_public_for(monkeypatch, excluded):
    """A stricter rule in the one home of who sees which question: `excluded` sees only
    public questions (as if members-only ones were for some members only)."""
    visible_to = QuestionQuerySet.visible_to

    def stricter(queryset, user):
        if user is not None and user.pk == excluded.pk:
            return queryset.public()
        return visible_to(queryset, user)

    monkeypatch.setattr(QuestionQuerySet, "visible_to", stricter)


def test_a_members_only_question_is_never_offered_asked_or_sent_to_who_may_not_see_it(
    monkeypatch, asker, helper, question
):
    from questions.matching import who_can_help

    assert question.visibility == Visibility.MEMBERS
    waiting = HelpRequest.objects.create(question=question, member=helper, asked_by=asker)
    only_public_for(monkeypatch, helper)

    assert who_can_help(question, asker) == []
    other = make_question(asker, tags=["armoede"])
    with pytest.raises(HelpRequestRefused, match="Hanna Helper mag deze vraag niet zien."):
        ask_for_help(other, asker, helper)
    assert send_waiting_requests() == 0
    assert not HelpRequest.objects.filter(pk=waiting.pk).exists()  # dropped
    assert mail.outbox == []


# --- Who may ask, and bad input ---------------------------------------------------------------


def test_one_click_asks_and_says_so(client, asker, helper, question):
    client.force_login(asker)

    response = client.post(ask_url(question, helper), follow=True)

    assert "We hebben Hanna Helper de vraag gemaild." in text(response)
    assert HelpRequest.objects.get().member == helper
    assert len(mail.outbox) == 1


def test_the_coordinator_may_ask(client, helper, question):
    client.force_login(make_coordinator())
    client.post(ask_url(question, helper))
    assert HelpRequest.objects.filter(member=helper).exists()


@pytest.mark.parametrize("who", ["another_member", "applicant", "visitor"])
def test_only_the_asker_and_the_coordinator_ask(client, helper, question, who):
    if who == "another_member":
        client.force_login(make_member("ander@example.org"))
    elif who == "applicant":
        client.force_login(make_applicant())

    response = client.post(ask_url(question, helper))

    expected = {"another_member": 403, "applicant": 404}
    if who == "visitor":
        assert is_login_redirect(response)
    else:
        assert response.status_code == expected[who]
    assert not HelpRequest.objects.exists()


def test_a_draft_question_asks_nobody(client, asker, helper):
    draft = make_question(asker, tags=["armoede"], status=QuestionStatus.DRAFT)
    client.force_login(asker)
    assert client.post(ask_url(draft, helper)).status_code == 403
    assert not HelpRequest.objects.exists()


@pytest.mark.parametrize(
    "member_id",
    ["999999", "0", "-1", "99999999999999999999999", "1%27%20OR%201=1", "%3Cscript%3E", "1.5"],
)
def test_unknown_and_hostile_member_ids_are_not_found(client, asker, question, member_id):
    client.force_login(asker)
    response = client.post(f"/vragen/{question.slug}/vraag-hulp/{member_id}/")
    assert response.status_code == 404
    assert not HelpRequest.objects.exists()


def test_a_get_asks_nobody(client, asker, helper, question):
    client.force_login(asker)
    assert client.get(ask_url(question, helper)).status_code == 405
    assert not HelpRequest.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(asker, helper, question):
    client = Client(enforce_csrf_checks=True)
    client.force_login(asker)
    assert client.post(ask_url(question, helper)).status_code == 403
    assert not HelpRequest.objects.exists()


# --- The weekly limit and the command ---------------------------------------------------------


def test_three_emails_a_week_the_fourth_waits_for_the_command(client, asker, helper):
    first, second, third, fourth = questions(asker, 4)
    for day, question in enumerate((first, second, third)):
        assert ask_for_help(question, asker, helper, now=MONDAY + timedelta(days=day)).sent_at

    waiting = ask_for_help(fourth, asker, helper, now=MONDAY + timedelta(days=3))

    assert waiting.sent_at is None
    assert len(mail.outbox) == 3
    # Within the week nothing more goes out; once the first e-mail is a week old, it does.
    assert send_waiting_requests(now=MONDAY + timedelta(days=6, hours=23)) == 0
    assert send_waiting_requests(now=MONDAY + timedelta(days=7, minutes=1)) == 1
    assert mail.outbox[-1].subject.endswith("“Vraag 3”")
    assert send_waiting_requests(now=MONDAY + timedelta(days=8)) == 0
    assert len(mail.outbox) == 4


def test_the_asker_is_told_when_the_email_waits(client, asker, helper):
    *earlier, last = questions(asker, 4)
    for question in earlier:
        ask_for_help(question, asker, helper)
    client.force_login(asker)

    response = client.post(ask_url(last, helper), follow=True)

    assert "we mailen de vraag binnen een week" in text(response)


def test_the_command_sends_what_waits_and_reports(asker, helper):
    request = HelpRequest.objects.create(
        question=questions(asker, 1)[0], member=helper, asked_by=asker
    )
    out = io.StringIO()

    call_command("send_help_requests", stdout=out)

    assert out.getvalue().startswith("1 ")
    request.refresh_from_db()
    assert request.sent_at is not None
    again = io.StringIO()
    call_command("send_help_requests", stdout=again)
    assert again.getvalue().startswith("0 ")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("change", ["unpublished", "opted_out", "paused", "deleted"])
def test_a_waiting_request_no_longer_wanted_is_dropped(asker, helper, question, change):
    HelpRequest.objects.create(question=question, member=helper, asked_by=asker)
    if change == "unpublished":
        question.status = QuestionStatus.DRAFT
        question.save()
    elif change == "opted_out":
        opted_out(helper)
    elif change == "paused":
        paused(helper)
    else:
        question.delete()

    assert send_waiting_requests() == 0
    assert not HelpRequest.objects.exists()
    assert mail.outbox == []


@pytest.mark.serial
@pytest.mark.django_db(transaction=True)
def test_two_overlapping_runs_never_send_twice_nor_past_the_week():
    asker = make_member("vrager@example.org")
    helpers = [make_member(f"helper{n}@example.org", open_to_questions=True) for n in range(3)]
    asked = questions(asker, 5)
    for member in helpers:
        for question in asked:
            HelpRequest.objects.create(question=question, member=member, asked_by=asker)
    barrier = threading.Barrier(2)
    outcomes: list = []

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            outcomes.append(send_waiting_requests(now=MONDAY))
        except BaseException as error:  # noqa: BLE001 - reported below
            outcomes.append(error)
        finally:
            connection.close()

    run_threads([threading.Thread(target=run, name=f"run-{n}") for n in range(2)], timeout=60)

    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    # Three a week for each of the three members, each once, together across both runs.
    assert sum(outcomes) == 9 == len(mail.outbox)
    sent = [(message.to[0], message.subject) for message in mail.outbox]
    assert len(set(sent)) == 9
    assert HelpRequest.objects.filter(sent_at__isnull=True).count() == 6


@pytest.mark.serial
@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_never_pass_the_week_for_one_member():
    """Two requests to the same member, sent at the same moment when the week has room for
    one: the lock on the member lets one through (the count and the claim go together)."""
    asker = make_member("vrager@example.org")
    for round_number in range(5):
        member = make_member(f"helper{round_number}@example.org", open_to_questions=True)
        asked = questions(asker, help_requests.WEEKLY_LIMIT + 1)
        earlier, racing = asked[:-2], asked[-2:]
        for question in earlier:
            ask_for_help(question, asker, member, now=MONDAY - timedelta(days=1))
        waiting = [
            HelpRequest.objects.create(question=question, member=member, asked_by=asker)
            for question in racing
        ]
        barrier = threading.Barrier(len(waiting))
        outcomes: list = []

        def send(request, member=member, barrier=barrier, outcomes=outcomes) -> None:
            try:
                barrier.wait(timeout=30)
                outcomes.append(help_requests.send_if_due(request.pk, member.pk, now=MONDAY))
            except BaseException as error:  # noqa: BLE001 - reported below
                outcomes.append(error)
            finally:
                connection.close()

        run_threads([threading.Thread(target=send, args=(r,)) for r in waiting], timeout=60)

        assert sorted(outcomes) == [False, True], outcomes
        assert help_requests.sent_this_week(member.pk, MONDAY) == help_requests.WEEKLY_LIMIT
