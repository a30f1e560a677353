"""Building the digests costs a fixed number of queries per member, whatever their amount of
news, the number of events and questions, or the size of the site (docs/benchmarks.md has
the time for the large data set's 5,000 members)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from atelier.models import OutgoingMail
from knowledge.models import Resource
from notifications import digests
from notifications.models import DigestSent, Kind, Notification
from sessions_app.models import EventKind

from .factories import make_applicant, make_event, make_item, make_member, make_question
from .test_notifications_digests import NOW, notify

pytestmark = pytest.mark.django_db

# Per member: the transaction and the claim (a savepoint around the insert), the waiting
# news, one query per kind of thing it is about (here two), the open questions, the
# suggestion (two), marking the news, and queuing the e-mail (a savepoint around its row,
# then its task: atelier/mail_queue.py; the tests run the task at once, which reads the
# row and marks it sent).
PER_MEMBER = 18


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


def test_each_member_costs_the_same_few_queries_however_much_there_is():
    site = Site()
    site.add_things(3)
    site.add_members(2)
    small = site.queries_of_a_run()
    site.add_members(2)
    more_members = site.queries_of_a_run()
    site.add_things(9)
    more_of_everything = site.queries_of_a_run()

    assert more_members - small == 2 * PER_MEMBER
    assert more_of_everything == more_members
