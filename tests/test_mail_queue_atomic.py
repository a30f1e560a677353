"""Every e-mail is queued in the transaction of what caused it (atelier/mail_queue.py).

django-tasks-db writes the task as a row of the database in the caller's transaction
(django-tasks has no "enqueue on commit" since 0.10), and the site queues each e-mail
inside the transaction that makes its cause, never from `transaction.on_commit`: the
e-mail and its task are committed with the cause or rolled back with it. No process that
dies between a commit and its e-mail loses the e-mail, and nothing undone is mailed.
"""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from atelier.mail import send_templated_mail
from atelier.models import OutgoingMail
from knowledge import sharing, uptake
from knowledge.models import Uptake
from members import approval, participation
from members.models import ParticipationLevel, Profile
from questions import answering
from sessions_app import registration
from sessions_app.models import EventKind

from .factories import (
    make_applicant,
    make_coordinator,
    make_event,
    make_item,
    make_member,
    make_question,
)

# Real commits and rollbacks, with the database queue of production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Undone(Exception):
    """Whatever makes a transaction roll back after the e-mail was queued in it."""


def queued() -> tuple[int, int]:
    """(e-mails queued, tasks to send them)."""
    return OutgoingMail.objects.count(), DBTaskResult.objects.count()


def approval_mail():
    send_templated_mail(
        "members/email/approved",
        {"profile": None, "site": None, "login_url": "https://e.org/"},
        ["lid@example.org"],
        key="approved:1",
    )


def an_answer():
    asker = make_member("vrager@example.org")
    question = make_question(asker)
    author = make_member("antwoorder@example.org")
    return lambda: answering.add_answer(question, author, "Vraag het de buurt.")


def an_experience():
    tool = make_item("de-buurtkaart", make_member("auteur@example.org"))
    writer = make_member("gebruiker@example.org")
    account = Uptake(used_on="2026-03-14", place="Heerlen", group="bewoners", what_happened="Ja.")
    return lambda: uptake.record(account, tool, writer)


def a_comment():
    item = make_item("de-buurtkaart", make_member("auteur@example.org"))
    writer = make_member("lezer@example.org")
    return lambda: sharing.add_comment(item, writer, "Mooi!")


def a_registration():
    event = make_event("open-middag", kind=EventKind.PUBLIC, days_ahead=5)
    member = make_member("lid@example.org")
    return lambda: registration.register_member(event, member)


def an_approval():
    applicant = make_applicant()
    coordinator = make_coordinator()
    applied = Profile.objects.filter(user=applicant)
    return lambda: approval.approve(applied, coordinator)


def a_level_decision():
    member = make_member("lid@example.org", ParticipationLevel.ONLINE)
    participation.request_level(member.profile, ParticipationLevel.MEETINGS)
    OutgoingMail.objects.all().delete()  # the coordinator's e-mail about the request
    DBTaskResult.objects.all().delete()
    coordinator = make_coordinator()
    return lambda: participation.approve_requests(member.profile.level_requests.all(), coordinator)


# Each makes its world and returns the cause of exactly one e-mail.
CAUSES = {
    "an e-mail": lambda: approval_mail,
    "an answer": an_answer,
    "an experience": an_experience,
    "a comment": a_comment,
    "a registration": a_registration,
    "an approval": an_approval,
    "a level decision": a_level_decision,
}


@pytest.mark.parametrize("cause", CAUSES)
def test_a_transaction_that_rolls_back_queues_nothing(cause):
    act = CAUSES[cause]()

    with pytest.raises(Undone), transaction.atomic():
        act()
        assert queued() == (1, 1)  # queued in the transaction, seen by no worker yet
        raise Undone

    assert queued() == (0, 0)


@pytest.mark.parametrize("cause", CAUSES)
def test_a_transaction_that_commits_queues_exactly_one(cause):
    act = CAUSES[cause]()

    with transaction.atomic():
        act()

    assert queued() == (1, 1)
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.QUEUED
