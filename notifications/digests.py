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
day, or the week's day, at DIGEST_HOUR); a DigestSent row per member and period is
written first, in the same transaction as the e-mail, so two runs at once send each
digest once (the database keeps one row), and a failed send leaves it for the next run.
The notifications it names are marked e-mailed, so none is in two digests.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from atelier.addresses import absolute_url
from atelier.mail import send_templated_mail
from knowledge.models import Resource, ResourceKind, Uptake
from members import access, unsubscribe
from members.models import MembershipStatus, Profile, TaggedProfile, User
from questions.models import Question, TaggedQuestion
from sessions_app.models import Event, EventKind, Registration
from value.links import story_form_address
from value.models import ValueStory

from .mail_news import NewsLine, news_lines
from .models import DigestPeriod, DigestSent, Kind, Notification, NotificationSetting
from .preferences import default_frequency
from .unsubscribe import digest_mail

NEWS_READ = 200  # waiting notifications read per digest; older ones wait for the next
NEWS_SHOWN = 20
EVENTS_AHEAD = timedelta(weeks=4)
EVENTS_SHOWN = 5
QUESTIONS_SHOWN = 3
QUESTIONS_WITHIN = timedelta(weeks=4)  # an open question older than this is not news
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
    questions: list[Line] = field(default_factory=list)
    prompt: Line | None = None

    def __bool__(self) -> bool:
        return bool(self.news or self.events or self.questions)


def period_start(period: str, now: datetime) -> date:
    """The day the current digest of `period` belongs to: today (daily) or the last
    DIGEST_WEEKDAY (weekly), counted from DIGEST_HOUR, in the site's time zone."""
    local = timezone.localtime(now)
    moment = local.replace(hour=settings.DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if period == DigestPeriod.WEEKLY:
        moment -= timedelta(days=(local.weekday() - settings.DIGEST_WEEKDAY) % 7)
        step = timedelta(weeks=1)
    else:
        step = timedelta(days=1)
    return (moment - step if moment > local else moment).date()


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


class DigestRun:
    """One run of one period's digests: what all members share is read once."""

    def __init__(self, period: str, now: datetime) -> None:
        self.period, self.now = period, now
        self.start = period_start(period, now)
        self._events: dict[bool, list[Event]] = {}
        self._open_questions: list[Question] | None = None

    def build(self, user: User, frequencies: dict[str, str]) -> Digest:
        """`user`'s digest, only with what they may see now."""
        kinds = [kind for kind, frequency in frequencies.items() if frequency == self.period]
        digest = Digest()
        news_kinds = [kind for kind in kinds if kind != Kind.EVENTS]
        if news_kinds:
            waiting = Notification.objects.filter(
                user=user, kind__in=news_kinds, emailed_at__isnull=True, read_at__isnull=True
            ).order_by("-updated_at", "-pk")[:NEWS_READ]
            lines = news_lines(user, waiting)
            digest.news, digest.more_news = lines[:NEWS_SHOWN], max(0, len(lines) - NEWS_SHOWN)
            digest.news_ids = [line.notification_id for line in lines]
        if Kind.EVENTS in kinds:
            digest.events = [
                EventLine(event.title, event.start, absolute_url(event.get_absolute_url()))
                for event in self.upcoming_events(user)
            ]
        open_questions = self.open_questions(user) if Kind.QUESTIONS in kinds else []
        digest.questions = [
            Line(question.title, absolute_url(question.get_absolute_url()))
            for question in open_questions
        ]
        if digest:
            digest.prompt = self.prompt(user, open_questions)
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
            self._events[meetings] = list(events.only("title", "slug", "start")[:EVENTS_SHOWN])
        return self._events[meetings]

    def open_questions(self, user: User) -> list[Question]:
        """Open questions of the last weeks on a tag of the member's expertise, not their
        own, newest first. The open questions of the run are read once (every active
        member may see every published question); per member only their expertise."""
        if self._open_questions is None:
            recent = (
                Question.objects.published()
                .unanswered()
                .filter(published_at__gte=self.now - QUESTIONS_WITHIN)
                .only("title", "slug", "asker_id")
                .order_by("-published_at", "-pk")[:OPEN_QUESTIONS_READ]
            )
            self._open_questions = list(recent)
            tags = TaggedQuestion.objects.filter(content_object__in=[q.pk for q in recent])
            self._question_tags: dict[int, set[int]] = {}
            for question_id, tag_id in tags.values_list("content_object_id", "tag_id"):
                self._question_tags.setdefault(question_id, set()).add(tag_id)
        expertise = set(
            TaggedProfile.objects.filter(content_object__user=user).values_list("tag_id", flat=True)
        )
        return [
            question
            for question in self._open_questions
            if question.asker_id != user.pk
            and self._question_tags.get(question.pk, set()) & expertise
        ][:QUESTIONS_SHOWN]

    def prompt(self, user: User, open_questions: list[Question]) -> Line | None:
        """One suggestion to share: a value story about a meeting they attended lately,
        else an account of a tool or case their own story is about, else an answer."""
        told = ValueStory.events.through.objects.filter(
            event_id=OuterRef("event_id"), valuestory__author=user
        )
        attended = (
            Registration.objects.filter(
                user=user,
                attended=True,
                event__kind=EventKind.MEETING,
                event__end__lte=self.now,
                event__end__gte=self.now - ATTENDED_WITHIN,
            )
            .exclude(Exists(told))
            .select_related("event")
            .order_by("-event__end")
            .first()
        )
        if attended is not None:
            return Line(
                _("You were at “%(title)s”. What did it bring you? Tell it in a value story.")
                % {"title": attended.event.title},
                absolute_url(story_form_address(attended.event)),
            )
        recorded = Uptake.objects.filter(resource=OuterRef("pk"), author=user)
        in_own_stories = ValueStory.resources.through.objects.filter(
            valuestory__author=user
        ).values("resource_id")
        used = (
            Resource.objects.visible_to(user)
            .published()
            .filter(kind__in=[ResourceKind.TOOL, ResourceKind.CASE], pk__in=in_own_stories)
            .exclude(Exists(recorded))
            .only("title", "slug")
            .order_by("pk")
            .first()
        )
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

    def send(self, user: User, frequencies: dict[str, str]) -> bool:
        """Send `user` this period's digest unless another run has or it would be empty."""
        with transaction.atomic():
            try:
                with transaction.atomic():
                    DigestSent.objects.create(
                        user=user, period=self.period, period_start=self.start, sent_at=self.now
                    )
            except IntegrityError:  # sent already, or another run is sending it
                return False
            with translation.override(user.profile.language):
                digest = self.build(user, frequencies)
            if not digest:
                transaction.set_rollback(True)  # nothing sent: no row either
                return False
            Notification.objects.filter(pk__in=digest.news_ids, emailed_at__isnull=True).update(
                emailed_at=self.now
            )
            self._mail(user, digest)
        return True

    def _mail(self, user: User, digest: Digest) -> None:
        way_out = unsubscribe.way_out(user.pk, digest_mail(self.period))
        send_templated_mail(
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
            key=f"digest:{self.period}:{user.pk}:{self.start.isoformat()}",
        )


@dataclass(frozen=True)
class Outcome:
    considered: int
    sent: int


def send_digests(period: str, now: datetime | None = None) -> Outcome:
    """Send this period's digest to every active member who is due one (see the module)."""
    run = DigestRun(period, now or timezone.now())
    considered = sent = 0
    for user, frequencies in recipients(period):
        considered += 1
        sent += run.send(user, frequencies)
    return Outcome(considered, sent)
