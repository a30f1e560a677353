"""Building the digests costs a fixed number of queries per batch of members (digests.BATCH),
however many members a batch holds, however much news they have, however many events and
questions, or the size of the site (docs/benchmarks.md has the time for the large data
set's 5,000 members)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from atelier.models import OutgoingMail
from knowledge.models import Resource
from notifications import digests
from notifications.models import DigestSent, Kind, Notification
from sessions_app.models import EventKind

from .factories import make_applicant, make_event, make_item, make_member, make_question
from .test_notifications_digests import NOW, notify

pytestmark = pytest.mark.django_db

# Per batch: the waiting news; for each kind of thing (two here) the readers' visible ones
# (a UNION of their parts) and the things; the expertise; the meetings and the stories for
# the suggestion; when each last had a digest of this period (what is new to them);
# then one transaction (a savepoint and its release) with the claims (a
# look, and a savepoint with its release around the insert), marking the news, and
# queuing the e-mails (a look, a savepoint with its release around the rows, one task).
# The worker sends them: not counted here.
PER_BATCH = 21
BATCH = 10


class Site:
    def __init__(self) -> None:
        self.members: list = []
        self.things: list = []
        self.asker = make_applicant("vrager@example.org")  # gets no digest itself

    def add_members(self, count: int) -> None:
        for _ in range(count):
            member = make_member(f"lid{len(self.members)}@example.org")
            member.profile.expertise.add("armoede")
            self.members.append(member)
            for thing in self.things:
                self._notify(member, thing)

    def add_things(self, count: int) -> None:
        for _ in range(count):
            n = len(self.things)
            item = make_item(f"stuk-{n}")
            question = make_question(self.asker, slug=f"vraag-{n}", tags=["armoede"])
            make_event(f"open-{n}", kind=EventKind.PUBLIC, days_ahead=2 + n % 20)
            make_event(f"leden-{n}", kind=EventKind.MEETING, days_ahead=3 + n % 20)
            self.things += [item, question]
            for member in self.members:
                self._notify(member, item)
                self._notify(member, question)

    def _notify(self, member, thing) -> None:
        kind = Kind.COMMENTS if isinstance(thing, Resource) else Kind.ANSWERS
        notify(member, thing, kind, count=3)

    def queries_of_a_run(self) -> int:
        # Each run as the first of its period: no digest sent, none queued under its key.
        DigestSent.objects.all().delete()
        OutgoingMail.objects.all().delete()
        Notification.objects.update(emailed_at=None)
        with CaptureQueriesContext(connection) as queries:
            sent = digests.send_digests("weekly", NOW).sent
        assert sent == len(self.members)
        return len(queries)


@pytest.fixture
def small_batches(monkeypatch, settings):
    monkeypatch.setattr(digests, "BATCH", BATCH)
    # The database queue, as in production: the e-mails are queued, not sent at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.usefixtures("small_batches")
def test_each_batch_costs_the_same_few_queries_however_many_members_it_holds():
    site = Site()
    site.add_things(3)
    site.add_members(BATCH // 2)
    half_a_batch = site.queries_of_a_run()
    site.add_members(BATCH // 2)
    one_batch = site.queries_of_a_run()
    site.add_members(2 * BATCH)
    three_batches = site.queries_of_a_run()
    site.add_things(9)
    more_of_everything = site.queries_of_a_run()

    assert half_a_batch == one_batch
    assert three_batches - one_batch == 2 * PER_BATCH
    assert more_of_everything == three_batches


@pytest.mark.usefixtures("small_batches")
def test_a_batch_queues_one_task_for_all_its_emails():
    site = Site()
    site.add_things(1)
    site.add_members(BATCH + 2)

    site.queries_of_a_run()

    assert OutgoingMail.objects.count() == BATCH + 2
    assert sorted(len(task.args_kwargs["args"][0]) for task in DBTaskResult.objects.all()) == [
        2,
        BATCH,
    ]
