"""The daily and the weekly digest: one short e-mail per member and period.

What it holds, each part only when the member hears of its kind in this digest
(notifications/preferences.py):
- what is new in what they follow: their waiting notifications, newest first, one line
  per thing with how much is new on it (kinds: all but events);
- the coming meetings and events for their level: meetings participants the meetings
  and the public events, other members the public events (kind: events);
- open questions in their expertise (kind: questions);
- and, when there is anything of the above, one suggestion for their own contribution.
A digest with nothing new, nothing coming and no open question is not sent.

Sent by `send_digests --period daily|weekly` from cron. Each period has one start (the
day, or the week's day, at DIGEST_HOUR). The members are taken in batches of BATCH: what
their digests need is read for the whole batch in a fixed number of queries (what all
members share, once per run), the e-mails are rendered, and then one short transaction
writes a DigestSent row per member and period, marks the notifications named e-mailed
(so none is in two digests) and queues the e-mails, each under its own key. The database
keeps one row per member and period, so two runs at once send each digest once; a
failed batch leaves its members for the next run.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import reduce
from itertools import islice
from operator import or_

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from atelier.addresses import absolute_url
from atelier.mail import templated_message
from atelier.mail_queue import queue_messages
from knowledge.models import Resource, ResourceKind, Uptake
from members import access, unsubscribe
from members.models import MembershipStatus, Profile, TaggedProfile, User
from questions.models import Question, TaggedQuestion
from sessions_app.models import Event, EventKind, Registration
from value.links import story_form_address
from value.models import ValueStory

from .mail_news import NewsLine, lines_of
from .models import DigestPeriod, DigestSent, Kind, Notification, NotificationSetting
from .preferences import default_frequency
from .targets import visible_notifications_of_many, visible_to_each
from .unsubscribe import digest_mail

BATCH = 200  # members whose digests are read, rendered and queued together

NEWS_READ = 200  # waiting notifications read per digest; older ones wait for the next
NEWS_SHOWN = 20
EVENTS_AHEAD = timedelta(weeks=4)
EVENTS_SHOWN = 5
QUESTIONS_SHOWN = 3
# The longest a digest looks back, for a member whose last digest is long ago.
QUESTIONS_WITHIN = timedelta(weeks=4)
OPEN_QUESTIONS_READ = 500  # the newest open questions, read once per run
ATTENDED_WITHIN = timedelta(weeks=8)  # a meeting to write a value story about


@dataclass(frozen=True)
class Line:
    """One line of the e-mail: a text and where it leads."""

    text: str
    url: str


@dataclass(frozen=True)
class EventLine:
    title: str
    start: datetime
    url: str


@dataclass
class Digest:
    news: list[NewsLine] = field(default_factory=list)
    more_news: int = 0
    news_ids: list[int] = field(default_factory=list)  # every line's, shown or counted
    events: list[EventLine] = field(default_factory=list)
    # Whether an event is new since the digest before: coming events alone, all shown
    # before, are no reason to send one (a daily digest would repeat itself for weeks).
    new_events: bool = False
    questions: list[Line] = field(default_factory=list)
    prompt: Line | None = None

    def __bool__(self) -> bool:
        return bool(self.news or self.new_events or self.questions)


def period_start(period: str, now: datetime) -> date:
    """The day the current digest of `period` belongs to: today (daily) or the last
    DIGEST_WEEKDAY (weekly), counted from DIGEST_HOUR, in the site's time zone."""
    local = timezone.localtime(now)
    moment = local.replace(hour=settings.DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if period == DigestPeriod.WEEKLY:
        moment -= timedelta(days=(local.weekday() - settings.DIGEST_WEEKDAY) % 7)
    step = _length(period)
    return (moment - step if moment > local else moment).date()


def _length(period: str) -> timedelta:
    return timedelta(weeks=1) if period == DigestPeriod.WEEKLY else timedelta(days=1)


def recipients(period: str) -> Iterator[tuple[User, dict[str, str]]]:
    """Active members who get news of some kind in this digest, each with every kind's
    frequency; three queries for all of them."""
    profiles = Profile.objects.filter(
        status=MembershipStatus.ACTIVE, user__is_active=True
    ).select_related("user")
    chosen: dict[int, dict[str, str]] = {}
    settings_rows = NotificationSetting.objects.filter(user__profile__in=profiles)
    for user_id, kind, frequency in settings_rows.values_list("user_id", "kind", "frequency"):
        chosen.setdefault(user_id, {})[kind] = frequency
    for profile in profiles.order_by("user_id"):
        own = chosen.get(profile.user_id, {})
        level = profile.participation_level
        frequencies = {kind: own.get(kind, default_frequency(level, kind)) for kind in Kind.values}
        if period in frequencies.values():
            yield profile.user, frequencies


class Batch:
    """What the digests of a batch of members need of each member, read for all of them
    at once: their waiting news they may see, their expertise, and what the suggestion
    to share is drawn from."""

    def __init__(self, run: "DigestRun", due: list[tuple[User, dict[str, str]]]) -> None:
        readers = [user for user, _ in due]
        access.know_coordinators(readers)
        ids = [user.pk for user in readers]
        self.news = visible_notifications_of_many(readers, run.waiting_news(due))
        self.expertise: dict[int, set[int]] = defaultdict(set)
        expertise = TaggedProfile.objects.filter(content_object__user__in=ids)
        for user_id, tag_id in expertise.values_list("content_object__user_id", "tag_id"):
            self.expertise[user_id].add(tag_id)
        self.attended: dict[int | None, Registration] = {}
        for registration in run.meetings_without_story(ids):
            self.attended.setdefault(registration.user_id, registration)
        self.used = run.used_without_account(readers)
        # What is new for each: what came after their last digest of this period was read
        # (its `sent_at` is that run's `now`), so nothing is in two of their digests.
        last = DigestSent.objects.filter(user__in=ids, period=run.period).values("user_id")
        self.since: dict[int, datetime] = defaultdict(lambda: run.first_since)
        for user_id, sent_at in last.annotate(last=Max("sent_at")).values_list("user_id", "last"):
            self.since[user_id] = max(sent_at, run.first_since - QUESTIONS_WITHIN)


class DigestRun:
    """One run of one period's digests: what all members share is read once."""

    def __init__(self, period: str, now: datetime) -> None:
        self.period, self.now = period, now
        self.start = period_start(period, now)
        # Without a digest of this period before, what came within one period is new.
        self.first_since = now - _length(period)
        self._events: dict[bool, list[Event]] = {}
        self._open_questions: list[Question] | None = None
        self._question_tags: dict[int, set[int]] = {}

    def kinds(self, frequencies: dict[str, str]) -> list[str]:
        return [kind for kind, frequency in frequencies.items() if frequency == self.period]

    def send_batch(self, due: list[tuple[User, dict[str, str]]]) -> int:
        """Send the members of `due` this period's digest, except where another run has or
        it would be empty (see the module); returns how many this run sent."""
        batch = Batch(self, due)
        digests = {}
        for user, frequencies in due:
            with translation.override(user.profile.language):
                digest = self.build(user, frequencies, batch)
            if digest:
                digests[user] = digest
        messages = {
            self._key(user): self._message(user, digest) for user, digest in digests.items()
        }
        with transaction.atomic():
            claimed = self.claim([user.pk for user in digests])
            sent = [(user, digest) for user, digest in digests.items() if user.pk in claimed]
            news_ids = [pk for _, digest in sent for pk in digest.news_ids]
            Notification.objects.filter(pk__in=news_ids, emailed_at__isnull=True).update(
                emailed_at=self.now
            )
            queue_messages({self._key(user): messages[self._key(user)] for user, _ in sent})
        return len(sent)

    def claim(self, user_ids: list[int]) -> set[int]:
        """Write the DigestSent rows of these members for this period, except where
        another run has; returns the members whose rows this run wrote."""
        rows = DigestSent.objects.filter(period=self.period, period_start=self.start)
        taken = set(rows.filter(user_id__in=user_ids).values_list("user_id", flat=True))
        free = [user_id for user_id in user_ids if user_id not in taken]
        try:
            with transaction.atomic():
                DigestSent.objects.bulk_create([self._sent(user_id) for user_id in free])
        except IntegrityError:  # another run claimed some of them meanwhile: one at a time
            return {user_id for user_id in free if self._claim_one(user_id)}
        return set(free)

    def _sent(self, user_id: int) -> DigestSent:
        return DigestSent(
            user_id=user_id, period=self.period, period_start=self.start, sent_at=self.now
        )

    def _claim_one(self, user_id: int) -> bool:
        try:
            with transaction.atomic():
                self._sent(user_id).save(force_insert=True)
        except IntegrityError:  # sent already, or another run is sending it
            return False
        return True

    def waiting_news(self, due: list[tuple[User, dict[str, str]]]) -> list[Notification]:
        """The notifications of `due` not yet read nor e-mailed, of the kinds each hears of
        in this digest (all but events), the newest NEWS_READ of each: one query."""
        readers_of: dict[frozenset[str], list[int]] = defaultdict(list)
        for user, frequencies in due:
            kinds = frozenset(self.kinds(frequencies)) - {Kind.EVENTS}
            if kinds:
                readers_of[kinds].append(user.pk)
        if not readers_of:
            return []
        wanted = reduce(or_, (Q(user__in=ids, kind__in=kinds) for kinds, ids in readers_of.items()))
        newest_first = (F("updated_at").desc(), F("pk").desc())
        return list(
            Notification.objects.filter(wanted, emailed_at__isnull=True, read_at__isnull=True)
            .annotate(rank=Window(RowNumber(), partition_by=F("user_id"), order_by=newest_first))
            .filter(rank__lte=NEWS_READ)
            .order_by("user_id", *newest_first)
        )

    def build(self, user: User, frequencies: dict[str, str], batch: Batch) -> Digest:
        """`user`'s digest, only with what they may see now."""
        kinds = self.kinds(frequencies)
        digest = Digest()
        if any(kind != Kind.EVENTS for kind in kinds):
            lines = lines_of(batch.news.get(user.pk, []))
            digest.news, digest.more_news = lines[:NEWS_SHOWN], max(0, len(lines) - NEWS_SHOWN)
            digest.news_ids = [line.notification_id for line in lines]
        if Kind.EVENTS in kinds:
            events = self.upcoming_events(user)
            digest.events = [
                EventLine(event.title, event.start, absolute_url(event.get_absolute_url()))
                for event in events
            ]
            digest.new_events = any(self.is_new(event, batch.since[user.pk]) for event in events)
        open_questions = (
            self.open_questions(user, batch.expertise[user.pk], batch.since[user.pk])
            if Kind.QUESTIONS in kinds
            else []
        )
        digest.questions = [
            Line(question.title, absolute_url(question.get_absolute_url()))
            for question in open_questions
        ]
        if digest:
            digest.prompt = self.prompt(user, open_questions, batch)
        return digest

    def upcoming_events(self, user: User) -> list[Event]:
        """The next published events within EVENTS_AHEAD: meetings and public events for
        meetings participants, public events for the others (all of which every active
        member may see), read once per run for each of the two."""
        meetings = access.can_register_for_meetings(user)
        if meetings not in self._events:
            events = (
                Event.objects.published()
                .upcoming(self.now)
                .filter(start__lte=self.now + EVENTS_AHEAD)
            )
            if not meetings:
                events = events.filter(kind=EventKind.PUBLIC)
            self._events[meetings] = list(
                events.only("title", "slug", "start", "updated_at")[:EVENTS_SHOWN]
            )
        return self._events[meetings]

    def is_new(self, event: Event, since: datetime) -> bool:
        """Whether the event is news to a member whose last digest was read at `since`:
        announced or changed after it, or come within EVENTS_AHEAD after it."""
        return any(since <= moment for moment in (event.updated_at, event.start - EVENTS_AHEAD))

    def open_questions(self, user: User, expertise: set[int], since: datetime) -> list[Question]:
        """Open questions on a tag of the member's `expertise` (tag ids), not their own,
        asked after their last digest was read (`since`), newest first: each is in one of
        their digests only. The open questions of the run are read once (every active
        member may see every published question)."""
        if self._open_questions is None:
            recent = (
                Question.objects.published()
                .unanswered()
                .filter(published_at__gte=self.first_since - QUESTIONS_WITHIN)
                .only("title", "slug", "asker_id", "published_at")
                .order_by("-published_at", "-pk")[:OPEN_QUESTIONS_READ]
            )
            self._open_questions = list(recent)
            tags = TaggedQuestion.objects.filter(content_object__in=[q.pk for q in recent])
            for question_id, tag_id in tags.values_list("content_object_id", "tag_id"):
                self._question_tags.setdefault(question_id, set()).add(tag_id)
        return [
            question
            for question in self._open_questions
            if (question.published_at or since) >= since
            and question.asker_id != user.pk
            and self._question_tags.get(question.pk, set()) & expertise
        ][:QUESTIONS_SHOWN]

    def meetings_without_story(self, user_ids: list[int]) -> Iterable[Registration]:
        """The members' attended meetings of the last ATTENDED_WITHIN that they wrote no
        value story about, per member the latest first: one query."""
        told = ValueStory.events.through.objects.filter(
            event_id=OuterRef("event_id"), valuestory__author=OuterRef("user_id")
        )
        return (
            Registration.objects.filter(
                user__in=user_ids,
                attended=True,
                event__kind=EventKind.MEETING,
                event__end__lte=self.now,
                event__end__gte=self.now - ATTENDED_WITHIN,
            )
            .exclude(Exists(told))
            .select_related("event")
            .order_by("user_id", "-event__end", "-pk")
        )

    def used_without_account(self, readers: list[User]) -> dict[int, Resource]:
        """Per member, the first tool or case (by id) that one of their value stories is
        about, that they may see and have not recorded using: a fixed number of queries."""
        readers_by_id = {user.pk: user for user in readers}
        recorded = Uptake.objects.filter(
            resource=OuterRef("resource_id"), author=OuterRef("valuestory__author")
        )
        told_of = (
            ValueStory.resources.through.objects.filter(
                valuestory__author__in=readers_by_id,
                resource__kind__in=[ResourceKind.TOOL, ResourceKind.CASE],
            )
            .exclude(Exists(recorded))
            .values_list("valuestory__author", "resource_id")
        )
        wanted: dict[int, set[int]] = defaultdict(set)
        for user_id, resource_id in told_of:
            wanted[user_id].add(resource_id)
        seen = visible_to_each(Resource.objects.published(), readers_by_id, wanted)
        first: dict[int, int] = {}
        for user_id, resource_id in sorted(seen):
            first.setdefault(user_id, resource_id)
        resources = Resource.objects.only("title", "slug").in_bulk(set(first.values()))
        return {user_id: resources[resource_id] for user_id, resource_id in first.items()}

    def prompt(self, user: User, open_questions: list[Question], batch: Batch) -> Line | None:
        """One suggestion to share: a value story about a meeting they attended lately,
        else an account of a tool or case their own story is about, else an answer."""
        attended = batch.attended.get(user.pk)
        if attended is not None:
            return Line(
                _("You were at “%(title)s”. What did it bring you? Tell it in a value story.")
                % {"title": attended.event.title},
                absolute_url(story_form_address(attended.event)),
            )
        used = batch.used.get(user.pk)
        if used is not None:
            return Line(
                _("Your value story is about “%(title)s”. Share how using it went.")
                % {"title": used.title},
                absolute_url(reverse("knowledge:record_uptake", args=[used.slug])),
            )
        if open_questions:
            question = open_questions[0]
            return Line(
                _("Can you help with “%(title)s”? It is in your expertise.")
                % {"title": question.title},
                absolute_url(question.get_absolute_url()),
            )
        return None

    def _key(self, user: User) -> str:
        return f"digest:{self.period}:{user.pk}:{self.start.isoformat()}"

    def _message(self, user: User, digest: Digest) -> EmailMessage:
        way_out = unsubscribe.way_out(user.pk, digest_mail(self.period))
        return templated_message(
            "notifications/email/digest",
            {
                "name": user.display_name,
                "daily": self.period == DigestPeriod.DAILY,
                "digest": digest,
                "way_out": way_out,
            },
            [user.email],
            language=user.profile.language,
            headers=way_out.headers,
        )


@dataclass(frozen=True)
class Outcome:
    considered: int
    sent: int


def send_digests(period: str, now: datetime | None = None) -> Outcome:
    """Send this period's digest to every active member who is due one (see the module),
    BATCH members at a time."""
    run = DigestRun(period, now or timezone.now())
    due = iter(recipients(period))
    considered = sent = 0
    while batch := list(islice(due, BATCH)):
        considered += len(batch)
        sent += run.send_batch(batch)
    return Outcome(considered, sent)
