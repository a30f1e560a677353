"""Demo follows and notifications for `make run`.

Who follows what is in demo/follows.toml. Their notifications come from the news itself
(notifications/news.py): the items and questions of the last RECENT_DAYS are told to
their followers as if just published, then dated when they were published; what is
older than READ_AFTER_DAYS is marked read, so /meldingen/ shows both kinds. The
comments, answers and stories the demo adds on its first run are news as well, once
`load_demo`'s transaction is committed.

With the first follows, each demo member's weekly digest of that news is queued: the
first e-mails the mail worker that `make run` starts sends into var/mail/.

A person who follows anything already is left as they are: a second run adds nothing.
"""

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone
from taggit.models import Tag

from atelier.content_files import DEMO_FOLDER, read_toml
from knowledge.models import Resource
from members.demo import demo_profiles
from questions.models import Question

from . import following, news
from .digests import send_digests
from .models import DigestPeriod, Follow, Kind, Notification

FILE = DEMO_FOLDER / "follows.toml"
RECENT_DAYS = 60
READ_AFTER_DAYS = 14


def load_follows(now: datetime | None = None) -> int:
    """Add the demo follows of people who follow nothing yet, their notifications and
    their weekly digest; returns how many follows were added."""
    now = now or timezone.now()
    users = {key: profile.user for key, profile in demo_profiles().items()}
    added = 0
    for key, wanted in read_toml(FILE).items():
        user = users.get(key)
        if user is None or Follow.objects.filter(user=user).exists():
            continue
        things = [
            *Tag.objects.filter(name__in=wanted.get("tags", [])),
            *Resource.objects.filter(slug__in=wanted.get("items", [])),
            *Question.objects.filter(slug__in=wanted.get("questions", [])),
            *(users[member] for member in wanted.get("members", []) if member in users),
        ]
        for thing in things:
            following.follow(user, type(thing), thing.pk)
        added += len(things)
    if added:
        _tell_recent_news(now)
        send_digests(DigestPeriod.WEEKLY, now)
    return added


def _tell_recent_news(now: datetime) -> None:
    since = now - timedelta(days=RECENT_DAYS)
    recent = [
        (Kind.ITEMS, news.item_published, Resource.objects.published()),
        (Kind.QUESTIONS, news.question_published, Question.objects.published()),
    ]
    for kind, tell, things in recent:
        for thing in things.filter(published_at__gte=since).order_by("published_at"):
            tell(thing.pk)
            _date(kind, thing, thing.published_at, now)


def _date(kind: str, thing: Model, published_at: datetime, now: datetime) -> None:
    """Date the notifications about `thing` when it was published; older ones read."""
    is_read = published_at < now - timedelta(days=READ_AFTER_DAYS)
    Notification.objects.filter(
        kind=kind, target_type=ContentType.objects.get_for_model(thing), target_id=thing.pk
    ).update(
        created_at=published_at,
        updated_at=published_at,
        read_at=published_at + timedelta(days=1) if is_read else None,
    )
