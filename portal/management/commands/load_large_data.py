"""A large, realistic data set on demand: `manage.py load_large_data`.

At --scale 1: 5,000 members, 2,000 events over eight years back and one ahead, 50,000
registrations, 10,000 library items with 30,000 tag uses and 50,000 comments, 20,000
questions from practice with 60,000 answers, loaded in well under two minutes. For trying
the site, its lists, search and admin with years of use behind them; never for production
(the command refuses when PRODUCTION is on).

Everything goes in with bulk inserts inside one transaction, so a failed run leaves
nothing behind. The data is pseudo-random but the same for the same --seed, Dutch-looking
and within the site's rules: never more confirmed registrations than places, one active
registration per person per event, sanitized HTML beside every Markdown text.

Speed comes from doing the slow things once: one password hash for every account (the
password of the demo logins), and Markdown rendered once per distinct text: texts come
from small pools, so a few hundred renders serve some 60,000 rows.
"""

import bisect
import math
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from atelier import page_cache
from atelier.bulk_rows import insert_objects, insert_rows
from atelier.content_files import DEMO_FOLDER, read_toml
from atelier.coordinator import COORDINATOR_GROUP
from atelier.markdown import render_markdown
from knowledge.large_uptake import add_experiences
from knowledge.large_versions import add_versions
from knowledge.models import (
    Comment,
    FeaturedTag,
    Resource,
    ResourceKind,
    ResourceStatus,
    TaggedResource,
    Visibility,
)
from knowledge.search_index import INDEX as LIBRARY_INDEX
from knowledge.search_index import vocabulary_counted_afterwards
from knowledge.section_split import split_into_sections
from members.demo import DEMO_PASSWORD
from members.models import (
    MembershipStatus,
    ParticipationLevel,
    Profile,
    Sector,
    TaggedProfile,
    User,
)
from members.search_index import INDEX as DIRECTORY_INDEX
from members.search_index import PG_INDEX as DIRECTORY_PG_INDEX
from notifications.large_data import add_follows_and_notifications
from questions.models import Answer, Question, QuestionStatus, TaggedQuestion
from questions.search_index import INDEX as QUESTIONS_INDEX
from questions.search_index import PG_INDEX as QUESTIONS_PG_INDEX
from sessions_app.models import Event, EventKind, EventStatus, Registration, RegistrationStatus
from sessions_app.search_index import INDEX as AGENDA_INDEX
from value import large_data as value_stories
from value.search_index import INDEX as STORIES_INDEX

DOMAIN = "large.example.org"  # every account of the data set; how a second run is caught
GUEST_DOMAIN = "gast.example.net"
YEARS_BACK = 8
MAX_TAGS_PER_ITEM = 6
MAX_TAGS_PER_QUESTION = 4
HELPED_SHARE = 0.6  # of the questions with an answer, those whose asker marked one
LEVEL_SHARES = [
    (ParticipationLevel.MEETINGS, 40),
    (ParticipationLevel.ONLINE, 35),
    (ParticipationLevel.PUBLIC_EVENTS, 25),
]
SECTOR_SHARES = [
    (Sector.PRACTICE, 40),
    (Sector.EDUCATION, 25),
    (Sector.RESEARCH, 15),
    (Sector.OTHER, 20),
]

ACTIVE, APPLIED = MembershipStatus.ACTIVE, MembershipStatus.APPLIED
PAUSED, ENDED = MembershipStatus.PAUSED, MembershipStatus.ENDED
MEETINGS = ParticipationLevel.MEETINGS
CONFIRMED, WAITLISTED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED
PENDING, CANCELLED = RegistrationStatus.PENDING, RegistrationStatus.CANCELLED

# --- Word lists -------------------------------------------------------------------------

# The texts are data a writer edits without Python: demo/large/*.toml (demo/README.md).
# Each file is read once, when the command is loaded.
TEXTS_FOLDER = DEMO_FOLDER / "large"
PEOPLE = read_toml(TEXTS_FOLDER / "people.toml")
PLACE_NAMES = read_toml(TEXTS_FOLDER / "places.toml")
TOPICS = read_toml(TEXTS_FOLDER / "topics.toml")
TAGS = read_toml(TEXTS_FOLDER / "tags.toml")
LIBRARY = read_toml(TEXTS_FOLDER / "library.toml")
COMMENTS = read_toml(TEXTS_FOLDER / "comments.toml")
EVENTS = read_toml(TEXTS_FOLDER / "events.toml")
QUESTIONS = read_toml(TEXTS_FOLDER / "questions.toml")

FIRST_NAMES = PEOPLE["first_names"]
LAST_NAMES = PEOPLE["last_names"]
ORGANISATIONS = {Sector(sector): names for sector, names in PEOPLE["organisations"].items()}
JOB_TITLES = {Sector(sector): titles for sector, titles in PEOPLE["job_titles"].items()}
BIO_SENTENCES = PEOPLE["bios"]
MOTIVATIONS = PEOPLE["motivations"]
NEIGHBOURHOODS = PLACE_NAMES["neighbourhoods"]
PLACES = PLACE_NAMES["venues"]
THEMES = TOPICS["themes"]
METHODS = TOPICS["methods"]
BACKGROUND_ANGLES = TOPICS["background_angles"]
ACTORS = TOPICS["actors"]
MONTHS = TOPICS["months"]
THEME_TAGS = TAGS["themes"]
GROUP_TAGS = TAGS["groups"]
PLACE_TAGS = TAGS["places"]


def _tag_vocabulary(size: int = 200) -> list[str]:
    """The names of the data set's tags, the most used first."""
    names = THEME_TAGS + GROUP_TAGS + PLACE_TAGS
    for topic in THEME_TAGS:
        for group in GROUP_TAGS:
            if len(names) >= size:
                return names
            names.append(f"{group} en {topic}")
    return names


TAG_NAMES = _tag_vocabulary()

SENTENCES = LIBRARY["sentences"]
HEADINGS = LIBRARY["headings"]
TIPS = LIBRARY["tips"]
COMMENT_SENTENCES = COMMENTS["sentences"]
SPECIAL_COMMENTS = COMMENTS["special"]
EVENT_PARAGRAPHS = EVENTS["paragraphs"]
EVENT_PROGRAMMES = EVENTS["programmes"]
EVENT_SUMMARIES = {EventKind(kind): texts for kind, texts in EVENTS["summaries"].items()}
QUESTION_TITLES = QUESTIONS["titles"]
SITUATION_SENTENCES = QUESTIONS["situations"]
ANSWER_SENTENCES = QUESTIONS["answers"]


@dataclass(frozen=True)
class Format:
    title: str
    start: clock
    end: clock
    online: bool = False

    @classmethod
    def read(cls, title: str, time: str, online: bool = False) -> "Format":
        """A format from its file: `time` is "13:30-16:30"."""
        start, end = (clock.fromisoformat(moment) for moment in time.split("-"))
        return cls(title, start, end, online)


EVENT_FORMATS = {
    EventKind(kind): [Format.read(**form) for form in forms]
    for kind, forms in EVENTS["formats"].items()
}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- Sizes and helpers ------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    members: int
    events: int
    registrations: int
    resources: int
    tag_uses: int
    comments: int
    questions: int
    answers: int
    tags: int

    @classmethod
    def at(cls, scale: float) -> "Sizes":
        def n(full: int) -> int:
            return max(1, round(full * scale))

        resources = n(10_000)
        return cls(
            members=n(5_000),
            events=n(2_000),
            registrations=n(50_000),
            resources=resources,
            tag_uses=min(max(n(30_000), resources), resources * MAX_TAGS_PER_ITEM),
            comments=n(50_000),
            questions=n(20_000),
            answers=n(60_000),
            tags=min(len(TAG_NAMES), max(12, round(200 * scale))),
        )

    def describe(self) -> str:
        return (
            f"{self.members:,} members, {self.events:,} events, "
            f"{self.registrations:,} registrations, {self.resources:,} library items with "
            f"{self.tag_uses:,} tag uses, {self.comments:,} comments, "
            f"{self.questions:,} questions with {self.answers:,} answers"
        )


class MarkdownCache(dict):
    """`render_markdown` once per distinct text: `cache[text]` is its sanitized HTML."""

    def __missing__(self, text: str) -> str:
        html = self[text] = str(render_markdown(text))
        return html


@dataclass(frozen=True)
class Member:
    user_id: int
    status: str
    level: str
    since: datetime  # approved (applicants: applied)


class Pool:
    """Members to choose from, in the order they were approved."""

    def __init__(self, members: list[Member]):
        members = sorted(members, key=lambda member: member.since)
        self.members = members
        self.since = [member.since for member in members]

    def __len__(self) -> int:
        return len(self.members)

    def sample(self, rng: random.Random, k: int, before=None) -> list[Member]:
        """k different members, approved before `before` when there are enough of those."""
        n = len(self.members) if before is None else bisect.bisect_left(self.since, before)
        if n < k:
            n = len(self.members)
        return [self.members[i] for i in rng.sample(range(n), min(k, n))]


def _first_of(*pools: Pool) -> Pool:
    """The first pool with anyone in it (small scales can leave a pool empty)."""
    return next((pool for pool in pools if len(pool)), pools[-1])


def _allocate(total: int, weights: list[float], caps: list[int | None]) -> list[int]:
    """Split `total` in proportion to `weights`, none above its cap (None: no cap)."""
    counts = [0] * len(weights)
    open_slots = [i for i, cap in enumerate(caps) if cap is None or cap > 0]
    left = total
    while left > 0 and open_slots:
        weight = sum(weights[i] for i in open_slots)
        given = 0
        for i in open_slots:
            room = left if caps[i] is None else caps[i] - counts[i]
            add = min(int(left * weights[i] / weight), room)
            counts[i] += add
            given += add
        if not given:  # every share is below one: one each for the heaviest
            for i in sorted(open_slots, key=lambda i: -weights[i])[:left]:
                counts[i] += 1
                given += 1
        left -= given
        open_slots = [i for i in open_slots if caps[i] is None or counts[i] < caps[i]]
    if left:
        raise CommandError("Not enough people for the registrations; use a larger --scale.")
    return counts


# --- The loader -------------------------------------------------------------------------


class LargeData:
    """Builds the data set step by step; each step returns a line for the report."""

    def __init__(self, rng: random.Random, sizes: Sizes, now: datetime):
        self.rng = rng
        self.sizes = sizes
        self.now = now
        self.tz = timezone.get_default_timezone()
        self.html = MarkdownCache()

    # Helpers

    def shuffled(self, n: int, shares: list[tuple]) -> list:
        """n values in exactly these proportions (largest remainder), in random order."""
        total = sum(weight for _value, weight in shares)
        exact = [n * weight / total for _value, weight in shares]
        counts = [math.floor(x) for x in exact]
        by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - exact[i])
        for i in by_remainder[: n - sum(counts)]:
            counts[i] += 1
        values = [
            value for (value, _w), count in zip(shares, counts, strict=True) for _ in range(count)
        ]
        self.rng.shuffle(values)
        return values

    def spread(self, total: int, n: int, low: int, high: int) -> list[int]:
        """n random whole numbers from low to high that add up to total."""
        counts = [low] * n
        open_slots = list(range(n))
        for _ in range(total - low * n):
            at = self.rng.randrange(len(open_slots))
            slot = open_slots[at]
            counts[slot] += 1
            if counts[slot] == high:
                open_slots[at] = open_slots[-1]
                open_slots.pop()
        return counts

    def days_ago(self, days: float) -> datetime:
        return self.now - timedelta(days=days)

    def between(self, start: datetime, end: datetime, skew: float = 1.0) -> datetime:
        """A moment from start to end; skew > 1 favours the start."""
        return start + (end - start) * self.rng.random() ** skew

    def person_name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def pick_tags(self, k: int, tags: list[Tag], cum_weights: list[float]) -> list[Tag]:
        """k different tags, the popular ones more often."""
        chosen: dict[int, Tag] = {}
        while len(chosen) < k:
            for tag in self.rng.choices(tags, cum_weights=cum_weights, k=k):
                chosen.setdefault(tag.pk, tag)
        return list(chosen.values())[:k]

    def text_pool(self, size: int, make) -> list[str]:
        """`size` distinct texts from `make()` (fewer if it cannot come up with more)."""
        texts: dict[str, None] = {}
        for _ in range(size * 5):
            texts[make()] = None
            if len(texts) >= size:
                break
        return list(texts)

    def paragraph(self) -> str:
        return " ".join(self.rng.sample(SENTENCES, self.rng.randint(2, 4)))

    def body(self) -> str:
        parts = []
        for number in range(self.rng.randint(1, 4)):
            if number and self.rng.random() < 0.3:
                parts.append(f"## {self.rng.choice(HEADINGS)}")
            parts.append(self.paragraph())
        if self.rng.random() < 0.2:
            parts.append("\n".join(f"- {tip}" for tip in self.rng.sample(TIPS, 3)))
        return "\n\n".join(parts)

    def comment(self) -> str:
        return " ".join(self.rng.sample(COMMENT_SENTENCES, self.rng.randint(1, 3)))

    def situation(self) -> str:
        return " ".join(self.rng.sample(SITUATION_SENTENCES, self.rng.randint(2, 4)))

    def answer(self) -> str:
        return " ".join(self.rng.sample(ANSWER_SENTENCES, self.rng.randint(1, 3)))

    # Steps

    def tags(self) -> str:
        names = TAG_NAMES[: self.sizes.tags]
        existing = {tag.name.lower(): tag for tag in Tag.objects.all()}
        slugs = set(Tag.objects.values_list("slug", flat=True))
        new = []
        for name in names:
            if name in existing:
                continue  # the demo's tags (or a coordinator's) are used as they are
            slug = base = Tag().slugify(name)
            number = 1
            while slug in slugs:
                number += 1
                slug = f"{base}-{number}"
            slugs.add(slug)
            new.append(Tag(name=name, slug=slug))
        insert_objects(Tag, new)
        by_name = existing | {tag.name: tag for tag in new}
        self.tag_list = [by_name[name] for name in names]
        # Zipf-like popularity: the first tags of the vocabulary are used most.
        self.tag_weights = list(
            _running_sum([1 / (rank + 3) for rank in range(len(self.tag_list))])
        )
        self.tag_uses = dict.fromkeys((tag.pk for tag in self.tag_list), 0)
        return f"{len(new):,} new tags ({len(names):,} in use)"

    def members(self) -> str:
        rng, n = self.rng, self.sizes.members
        password = make_password(DEMO_PASSWORD)  # slow on purpose, so: once
        coordinator = User.objects.filter(groups__name=COORDINATOR_GROUP).order_by("pk").first()
        statuses = self.shuffled(n, [(ACTIVE, 85), (APPLIED, 4), (PAUSED, 6), (ENDED, 5)])
        levels = self.shuffled(n, LEVEL_SHARES)
        sectors = self.shuffled(n, SECTOR_SHARES)
        bios = self.text_pool(
            min(n, 200), lambda: " ".join(rng.sample(BIO_SENTENCES, rng.randint(1, 3)))
        )
        users, profiles = [], []
        for i in range(n):
            status, sector = statuses[i], sectors[i]
            if status == APPLIED:
                applied_at = self.days_ago(rng.uniform(0.5, 30))
                approved_at, changed_at = None, applied_at
            else:
                # More members joined lately than in the first years.
                applied_at = self.days_ago(20 + YEARS_BACK * 365 * rng.random() ** 1.3)
                approved_at = applied_at + timedelta(days=rng.uniform(2, 14))
                changed_at = approved_at
                if status in (PAUSED, ENDED):
                    changed_at = self.between(approved_at, self.now)
            first, last = self.person_name()
            bio = rng.choice(bios) if rng.random() < 0.7 else ""
            users.append(
                User(email=f"lid{i + 1:05d}@{DOMAIN}", password=password, date_joined=applied_at)
            )
            profiles.append(
                Profile(
                    display_name=f"{first} {last}",
                    organisation=rng.choice(ORGANISATIONS[sector]),
                    sector=sector,
                    job_title=rng.choice(JOB_TITLES[sector]),
                    bio=bio,
                    bio_html=self.html[bio],
                    participation_level=levels[i],
                    motivation=rng.choice(MOTIVATIONS),
                    status=status,
                    applied_at=applied_at,
                    approved_at=approved_at,
                    approved_by=coordinator if approved_at else None,
                    status_changed_at=changed_at,
                    privacy_consent_at=applied_at,
                    listed_in_directory=rng.random() < 0.9,
                    show_email=rng.random() < 0.2,
                )
            )
        insert_objects(User, users)
        for user, profile in zip(users, profiles, strict=True):
            profile.user = user
        insert_objects(Profile, profiles)
        insert_rows(
            EmailAddress,
            [{"user_id": u.pk, "email": u.email, "verified": True, "primary": True} for u in users],
        )
        expertise_tags = self.tag_list[:40]
        expertise_weights = self.tag_weights[: len(expertise_tags)]
        expertise = [
            {"content_object_id": profile.pk, "tag_id": tag.pk}
            for profile in profiles
            for tag in self.pick_tags(rng.randint(1, 3), expertise_tags, expertise_weights)
        ]
        insert_rows(TaggedProfile, expertise)
        self.all_members = [
            Member(user.pk, profile.status, profile.participation_level, profile.approved_at)
            for user, profile in zip(users, profiles, strict=True)
            if profile.approved_at
        ]
        active = [member for member in self.all_members if member.status == ACTIVE]
        self.active = Pool(active)
        self.active_meetings = _first_of(
            Pool([member for member in active if member.level == MEETINGS]), self.active
        )
        return f"{n:,} accounts with profiles, {len(expertise):,} expertise tags"

    def events(self) -> str:
        rng, n = self.rng, self.sizes.events
        today = timezone.localdate(self.now, self.tz)
        descriptions = [
            "\n\n".join(
                part
                for part in (
                    EVENT_PARAGRAPHS[i % len(EVENT_PARAGRAPHS)],
                    EVENT_PARAGRAPHS[(i * 5 + 3) % len(EVENT_PARAGRAPHS)],
                    EVENT_PROGRAMMES[i % len(EVENT_PROGRAMMES)],
                )
                if part
            )
            for i in range(36)
        ]
        plans = []
        for i in range(n):
            # Two in five are public events; the very first one always is.
            kind = EventKind.PUBLIC if i % 5 in (0, 3) else EventKind.MEETING
            day = today + timedelta(days=rng.randint(-YEARS_BACK * 365, 365))
            if day.weekday() >= 5:  # weekends move to the Friday before
                day -= timedelta(days=day.weekday() - 4)
            form = rng.choice(EVENT_FORMATS[kind])
            plans.append((day, form, kind))
        plans.sort(key=lambda plan: (plan[0], plan[1].start))
        events = []
        # Announced six weeks ahead; those further ahead than three weeks, three weeks ago.
        soon, early = self.now + timedelta(weeks=3), self.now - timedelta(weeks=3)
        for number, (day, form, kind) in enumerate(plans, start=1):
            theme = rng.choice(THEMES)
            title = form.title.format(theme=theme, place=rng.choice(NEIGHBOURHOODS))
            start = datetime.combine(day, form.start, tzinfo=self.tz)
            announced = start - timedelta(weeks=6) if start <= soon else early
            description = rng.choice(descriptions)
            hybrid = kind == EventKind.MEETING and rng.random() < 0.1
            events.append(
                Event(
                    kind=kind,
                    title=title,
                    slug=f"{slugify(title)[:100].strip('-')}-{number}",
                    summary=rng.choice(EVENT_SUMMARIES[kind]).format(theme=theme),
                    description=description,
                    description_html=self.html[description],
                    start=start,
                    end=datetime.combine(day, form.end, tzinfo=self.tz),
                    place="" if form.online else rng.choice(PLACES),
                    online_link=(
                        f"https://meet.example.org/leeratelier-{number}"
                        if form.online or hybrid
                        else ""
                    ),
                    capacity=None if rng.random() < 0.2 else rng.randint(20, 60),
                    registration_deadline=(
                        start - timedelta(days=2) if rng.random() < 0.3 else None
                    ),
                    status=EventStatus.PUBLISHED,
                    created_at=announced,
                    updated_at=announced,
                )
            )
        taken = set(Event.objects.values_list("slug", flat=True))  # the demo's, say
        for event in events:
            if event.slug in taken:
                event.slug = f"{event.slug[:110]}-groot"
        self.event_list = insert_objects(Event, events)
        past = sum(event.end < self.now for event in events)
        return f"{n:,} events ({past:,} past, {n - past:,} ahead)"

    def registrations(self) -> str:
        rng = self.rng
        everyone = Pool(self.all_members)
        meetings = _first_of(
            Pool([member for member in self.all_members if member.level == MEETINGS]), everyone
        )
        pools = {
            # (is a meeting, lies ahead): who could register
            (True, False): meetings,
            (False, False): everyone,
            (True, True): _first_of(self.active_meetings, meetings),
            (False, True): _first_of(self.active, everyone),
        }
        weights, caps = [], []
        for event in self.event_list:
            days_ahead = (event.start - self.now) / timedelta(days=1)
            weight = (event.capacity or 40) * rng.uniform(0.3, 1.4)
            if days_ahead > 0:  # far-off events have few registrations yet
                weight *= max(0.05, 1 - days_ahead / 120)
            weights.append(weight)
            pool = pools[event.is_meeting, event.start >= self.now]
            caps.append(len(pool) if event.is_meeting else None)  # guests fill public events
        counts = _allocate(self.sizes.registrations, weights, caps)
        registrations = []
        guest_number = 0
        for event, count in zip(self.event_list, counts, strict=True):
            if not count:
                continue
            ahead = event.end >= self.now
            pool = pools[event.is_meeting, event.start >= self.now]
            guests = 0 if event.is_meeting else round(count * rng.uniform(0, 0.2))
            people = pool.sample(rng, count - guests, before=event.start)
            guests = count - len(people)
            persons: list = [member.user_id for member in people]
            for _ in range(guests):
                guest_number += 1
                first, last = self.person_name()
                local = f"{slugify(first)}.{slugify(last).replace('-', '')}.{guest_number}"
                persons.append((f"{first} {last}", f"{local}@{GUEST_DOMAIN}"))
            rng.shuffle(persons)
            opened = min(event.start - timedelta(weeks=6), self.now - timedelta(weeks=3))
            closed = min(event.registration_deadline or event.start, self.now)
            closed -= timedelta(hours=1)
            if closed <= opened:
                opened = closed - timedelta(days=1)
            moments = sorted(self.between(opened, closed) for _ in persons)
            confirmed = 0
            attend_rate = 0.85 if event.is_meeting else 0.75
            for person, at in zip(persons, moments, strict=True):
                is_guest = isinstance(person, tuple)
                fields = {"event_id": event.pk, "created_at": at}
                if is_guest:
                    fields |= {"guest_name": person[0], "guest_email": person[1].lower()}
                else:
                    fields["user_id"] = person
                # Guests confirm with the e-mail link; `at` is an hour before closing or more.
                confirmed_at = at + timedelta(minutes=rng.randint(5, 55)) if is_guest else at
                if rng.random() < 0.06:
                    fields |= {
                        "status": CANCELLED,
                        "confirmed_at": confirmed_at,
                        "cancelled_at": self.between(confirmed_at, closed),
                    }
                elif is_guest and ahead and rng.random() < 0.15:
                    fields["status"] = PENDING  # has not clicked the e-mail link yet
                elif event.capacity is None or confirmed < event.capacity:
                    confirmed += 1
                    fields |= {"status": CONFIRMED, "confirmed_at": confirmed_at}
                    if not ahead:
                        fields["attended"] = rng.random() < attend_rate
                    reminder = event.start - timedelta(hours=23)
                    if reminder < self.now:
                        fields["reminder_sent_at"] = max(reminder, confirmed_at)
                else:
                    fields |= {"status": WAITLISTED, "waitlisted_at": confirmed_at}
                registrations.append(fields)  # each gets a token of its own (the default)
        insert_rows(Registration, registrations)
        guest_rows = sum("user_id" not in registration for registration in registrations)
        return f"{len(registrations):,} registrations ({guest_rows:,} by guests)"

    def resources(self) -> str:
        rng, n = self.rng, self.sizes.resources
        past_meetings = [
            event for event in self.event_list if event.is_meeting and event.end < self.now
        ]
        # Most past meetings left a report (not all: some notes never made it).
        reports = rng.sample(past_meetings, min(round(n * 0.2), round(len(past_meetings) * 0.8)))
        kinds = [ResourceKind.REPORT] * len(reports) + self.shuffled(
            n - len(reports),
            [(ResourceKind.CASE, 35), (ResourceKind.TOOL, 35), (ResourceKind.BACKGROUND, 30)],
        )
        visibilities = self.shuffled(n, [(Visibility.PUBLIC, 2), (Visibility.MEMBERS, 1)])
        statuses = self.shuffled(n, [(ResourceStatus.PUBLISHED, 95), (ResourceStatus.DRAFT, 5)])
        bodies = self.text_pool(min(n, 1000), self.body)
        resources, author_rows = [], []
        for i, kind in enumerate(kinds):
            event = reports[i] if i < len(reports) else None
            theme = rng.choice(THEMES)
            if event is not None:
                title = f"Verslag: {event.title}"
                day = timezone.localdate(event.start, self.tz)
                summary = (
                    f"Wat we bespraken en leerden op de bijeenkomst van {day.day} "
                    f"{MONTHS[day.month - 1]} {day.year}, met de vragen die bleven liggen."
                )
            elif kind == ResourceKind.CASE:
                place = rng.choice(NEIGHBOURHOODS)
                title = f"{_capitalised(theme)} in {place}"
                summary = (
                    f"Uit {place}: {rng.choice(ACTORS)} aan de slag met {theme}. Wat werkte, "
                    "wat schuurde en wat anderen ervan kunnen leren."
                )
            elif kind == ResourceKind.TOOL:
                method = rng.choice(METHODS)
                title = f"{_capitalised(method)}: {theme}"
                summary = (
                    f"Een werkvorm ({method}) om met bewoners, collega's of studenten te werken "
                    f"aan {theme}."
                )
            else:
                title = f"{_capitalised(theme)}: {rng.choice(BACKGROUND_ANGLES)}"
                summary = f"Achtergrond bij {theme}: begrippen, onderzoek en literatuur op een rij."
            if statuses[i] == ResourceStatus.PUBLISHED:
                if event is not None:
                    published_at = min(
                        event.end + timedelta(days=rng.uniform(3, 20)),
                        self.now - timedelta(hours=1),
                    )
                    created_at = self.between(event.end, published_at)
                else:
                    published_at = self.days_ago(rng.uniform(1, YEARS_BACK * 365))
                    created_at = published_at - timedelta(days=rng.uniform(0, 14))
            else:
                published_at = None
                start = event.end if event is not None else self.days_ago(365)
                created_at = self.between(start, self.now)
            body = rng.choice(bodies)
            # A tool's or case's sections, as Resource.save would find them at its headings.
            sections = split_into_sections(kind, body)
            pool = self.active_meetings if event is not None else self.active
            authors = pool.sample(rng, 1 if rng.random() < 0.7 else 2, before=created_at)
            resources.append(
                Resource(
                    kind=kind,
                    title=title,
                    slug=f"{slugify(title)[:100].strip('-')}-{i + 1}",
                    summary=summary,
                    body=body,
                    body_html=self.html[body],
                    sections=sections,
                    sections_html={key: self.html[text] for key, text in sections.items()},
                    created_by_id=authors[0].user_id,
                    visibility=visibilities[i],
                    status=statuses[i],
                    event=event,
                    published_at=published_at,
                    created_at=created_at,
                    updated_at=published_at or created_at,
                )
            )
            author_rows.append(authors)
        counts = self.spread(self.sizes.tag_uses, n, 1, MAX_TAGS_PER_ITEM)
        item_tags = [self.pick_tags(count, self.tag_list, self.tag_weights) for count in counts]
        taken = set(Resource.objects.values_list("slug", flat=True))
        for resource, tags in zip(resources, item_tags, strict=True):
            if resource.slug in taken:
                resource.slug = f"{resource.slug[:110]}-groot"
            # Bulk inserts send no signals: the names for search are set here.
            resource.tags_text = " ".join(tag.name for tag in tags)
        self.resource_list = insert_objects(Resource, resources)
        insert_rows(
            Resource.authors.through,
            [
                {"resource_id": resource.pk, "user_id": author.user_id, "status": "accepted"}
                for resource, authors in zip(resources, author_rows, strict=True)
                for author in authors
            ],
        )
        tagged = []
        for resource, tags in zip(resources, item_tags, strict=True):
            for tag in tags:
                self.tag_uses[tag.pk] += 1
                tagged.append({"content_object_id": resource.pk, "tag_id": tag.pk})
        insert_rows(TaggedResource, tagged)
        return (
            f"{n:,} items ({len(reports):,} meeting reports), {len(tagged):,} tag uses, "
            f"{len(bodies):,} distinct bodies"
        )

    def comments(self) -> str:
        rng = self.rng
        published = [r for r in self.resource_list if r.status == ResourceStatus.PUBLISHED]
        # A few items draw most of the discussion.
        popularity = [rng.random() ** 3 + 0.02 for _ in published]
        texts = self.text_pool(min(self.sizes.comments, 300), self.comment)
        texts[: len(SPECIAL_COMMENTS)] = SPECIAL_COMMENTS[: len(texts)]
        comments = []
        targets = rng.choices(published, weights=popularity, k=self.sizes.comments)
        authors = rng.choices(self.active.members, k=self.sizes.comments)
        for resource, author in zip(targets, authors, strict=True):
            since = max(resource.published_at, author.since)
            body = rng.choice(texts)
            written = self.between(since, self.now, skew=3)
            comments.append(
                {
                    "resource_id": resource.pk,
                    "author_id": author.user_id,
                    "body": body,
                    "body_html": self.html[body],
                    "hidden": rng.random() < 0.02,
                    "created_at": written,
                    "updated_at": written,
                }
            )
        insert_rows(Comment, comments)
        hidden = sum(comment["hidden"] for comment in comments)
        return f"{len(comments):,} comments ({hidden:,} hidden) on {len(published):,} items"

    def questions(self) -> str:
        """Questions with their answers, their bookkeeping (`answer_count`,
        `last_activity_at`, the answer that helped) computed here, as the questions app
        keeps it, since bulk inserts run none of its code."""
        rng, n = self.rng, self.sizes.questions
        visibilities = self.shuffled(n, [(Visibility.PUBLIC, 1), (Visibility.MEMBERS, 2)])
        statuses = self.shuffled(n, [(QuestionStatus.PUBLISHED, 97), (QuestionStatus.DRAFT, 3)])
        situations = self.text_pool(min(n, 500), self.situation)
        questions, askers = [], []
        for i in range(n):
            title = rng.choice(QUESTION_TITLES).format(
                theme=rng.choice(THEMES), place=rng.choice(NEIGHBOURHOODS)
            )
            asked = self.days_ago(rng.uniform(1, YEARS_BACK * 365))
            asker = self.active.sample(rng, 1, before=asked)[0]
            body = rng.choice(situations)
            published = statuses[i] == QuestionStatus.PUBLISHED
            questions.append(
                Question(
                    title=title,
                    slug=f"{slugify(title)[:100].strip('-')}-{i + 1}",
                    body=body,
                    body_html=self.html[body],
                    asker_id=asker.user_id,
                    visibility=visibilities[i],
                    status=statuses[i],
                    published_at=asked if published else None,
                    last_activity_at=asked,
                    created_at=asked,
                )
            )
            askers.append(asker.user_id)
        answers = self._answers(questions, askers)
        taken = set(Question.objects.values_list("slug", flat=True))
        for question in questions:
            if question.slug in taken:
                question.slug = f"{question.slug[:110]}-groot"
            question.updated_at = question.last_activity_at
        self.question_list = insert_objects(Question, questions)
        for answer in answers:
            answer["question_id"] = answer.pop("question").pk
        self.answer_keys = insert_rows(Answer, answers, keys=True)
        for answer, key in zip(answers, self.answer_keys, strict=True):
            answer["id"] = key
        helped = self._mark_helped(questions, askers, answers)
        counts = [rng.randint(1, MAX_TAGS_PER_QUESTION) for _ in questions]
        tagged = [
            {"content_object_id": question.pk, "tag_id": tag.pk}
            for question, count in zip(questions, counts, strict=True)
            for tag in self.pick_tags(count, self.tag_list, self.tag_weights)
        ]
        insert_rows(TaggedQuestion, tagged)
        return (
            f"{n:,} questions ({helped:,} with the answer that helped), {len(answers):,} "
            f"answers, {len(tagged):,} tag uses"
        )

    def _answers(self, questions: list[Question], askers: list[int]) -> list[dict]:
        """The answers (rows, with their question), to published questions only, by others
        than the asker; each question's count of shown answers and last activity follow."""
        rng = self.rng
        published = [q for q in questions if q.status == QuestionStatus.PUBLISHED]
        asker_of = {id(q): asker for q, asker in zip(questions, askers, strict=True)}
        # A few questions draw most answers.
        popularity = [rng.random() ** 3 + 0.02 for _ in published]
        texts = self.text_pool(min(self.sizes.answers, 300), self.answer)
        targets = rng.choices(published, weights=popularity, k=self.sizes.answers)
        authors = rng.choices(self.active.members, k=self.sizes.answers)
        answers = []
        for question, author in zip(targets, authors, strict=True):
            for _attempt in range(5):  # no one answers their own question
                if author.user_id != asker_of[id(question)]:
                    break
                author = rng.choice(self.active.members)
            else:
                continue
            body = rng.choice(texts)
            hidden = rng.random() < 0.02
            written = self.between(max(question.published_at, author.since), self.now, skew=3)
            answers.append(
                {
                    "question": question,
                    "author_id": author.user_id,
                    "body": body,
                    "body_html": self.html[body],
                    "hidden": hidden,
                    "created_at": written,
                    "updated_at": written,
                }
            )
            if not hidden:
                question.answer_count += 1
                question.last_activity_at = max(question.last_activity_at, written)
        return answers

    def _mark_helped(
        self, questions: list[Question], askers: list[int], answers: list[dict]
    ) -> int:
        """The asker of about HELPED_SHARE of the answered questions marked one shown
        answer as the one that helped."""
        shown: dict[int, list[int]] = {}
        for answer in answers:
            if not answer["hidden"]:
                shown.setdefault(answer["question_id"], []).append(answer["id"])
        marked = []
        for question in questions:
            if question.pk in shown and self.rng.random() < HELPED_SHARE:
                question.helped_answer_id = self.rng.choice(shown[question.pk])
                marked.append((question.helped_answer_id, question.pk))
        quote, meta = connection.ops.quote_name, Question._meta
        table, key = quote(meta.db_table), quote(meta.pk.column)
        helped = quote(meta.get_field("helped_answer").column)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # One statement: an UPDATE per question took a minute at --scale 10.
                answer_ids = [answer for answer, _question in marked]
                question_ids = [question for _answer, question in marked]
                cursor.execute(
                    f"UPDATE {table} SET {helped} = marked.answer FROM unnest(%s::bigint[], "
                    f"%s::bigint[]) AS marked (answer, question) WHERE {key} = marked.question",
                    [answer_ids, question_ids],
                )
            else:
                cursor.executemany(f"UPDATE {table} SET {helped} = %s WHERE {key} = %s", marked)
        return len(marked)

    def themes(self) -> str:
        featured = set(FeaturedTag.objects.values_list("tag_id", flat=True))
        position = max(FeaturedTag.objects.values_list("position", flat=True), default=0)
        popular = sorted(self.tag_list, key=lambda tag: -self.tag_uses[tag.pk])
        new = []
        for tag in [tag for tag in popular if tag.pk not in featured][:6]:
            position += 1
            new.append(
                FeaturedTag(
                    tag=tag,
                    description=f"Casussen, werkvormen en achtergrond over {tag.name}.",
                    position=position,
                )
            )
        insert_objects(FeaturedTag, new)
        return f"{len(new)} featured tags"


def _running_sum(values):
    total = 0.0
    for value in values:
        total += value
        yield total


@contextmanager
def _quick_writes():
    """SQLite, for this connection and only during the load: no wait for the disk at each
    commit point and a large page cache (the whole load is one transaction, so a crash
    loses it either way); the connection's own settings come back afterwards. Inside a
    transaction already begun (a test) SQLite cannot change them, and they stay."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        saved = {}
        for pragma, value in LOAD_PRAGMAS.items():
            saved[pragma] = cursor.execute(f"PRAGMA {pragma}").fetchone()[0]
            cursor.execute(f"PRAGMA {pragma} = {value}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for pragma, value in saved.items():
                cursor.execute(f"PRAGMA {pragma} = {value}")


LOAD_PRAGMAS = {"synchronous": "OFF", "cache_size": -512 * 1024, "temp_store": "MEMORY"}
SEARCH_INDEXES = [LIBRARY_INDEX, DIRECTORY_INDEX, QUESTIONS_INDEX, AGENDA_INDEX, STORIES_INDEX]


@contextmanager
def _search_indexes_filled_afterwards():
    """SQLite: the full-text indexes filled once, after the load, from every row, instead
    of by their triggers row by row (a trigger per inserted row, some with a subquery of
    the row's tags); the triggers are dropped during the load and then made again.
    PostgreSQL: the library's vocabulary counted and the questions and the directory
    indexed once, after the load."""
    if connection.vendor != "sqlite":
        with (
            vocabulary_counted_afterwards(connection),
            QUESTIONS_PG_INDEX.filled_afterwards(connection),
            DIRECTORY_PG_INDEX.filled_afterwards(connection),
        ):
            yield
        return
    with connection.cursor() as cursor:
        for index in SEARCH_INDEXES:
            for name in index.triggers:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    yield
    for index in SEARCH_INDEXES:
        index.restore_triggers(connection)


# --- The command ------------------------------------------------------------------------


class Command(BaseCommand):
    help = (
        "Fill the database with a large, realistic data set (at --scale 1: 5,000 members, "
        "2,000 events, 50,000 registrations, 10,000 library items, 50,000 comments, "
        "20,000 questions, 60,000 answers)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Fraction of the full size (default 1)."
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="Seed for the pseudo-random data (default 42)."
        )
        parser.add_argument("--yes", action="store_true", help="Do not ask before loading.")

    def handle(self, *args, scale, seed, yes, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError(
                "PRODUCTION is on: load_large_data fills a database with made-up people and "
                "never runs in production."
            )
        if not scale > 0:
            raise CommandError("--scale must be more than 0.")
        if User.objects.filter(email__iendswith=f"@{DOMAIN}").exists():
            raise CommandError(
                f"The large data set is already loaded (there are accounts @{DOMAIN}). "
                "To load it again, start from an empty database (SQLite: delete the file, "
                "then `manage.py migrate`)."
            )
        sizes = Sizes.at(scale)
        database = connection.settings_dict["NAME"]
        self.stdout.write(f"Large data set for {connection.vendor} database {database}:")
        self.stdout.write(f"  {sizes.describe()}.")
        if not yes and not self.confirm():
            self.stdout.write("Nothing loaded.")
            return

        loader = LargeData(random.Random(seed), sizes, timezone.now())
        steps = [
            ("tags", loader.tags),
            ("members", loader.members),
            ("events", loader.events),
            ("registrations", loader.registrations),
            ("library", loader.resources),
            ("comments", loader.comments),
            ("questions", loader.questions),
            (
                "value stories",
                lambda: value_stories.add_stories(
                    loader.rng,
                    scale,
                    [member.user_id for member in loader.active.members],
                    loader.event_list,
                    loader.resource_list,
                    loader.question_list,
                    THEMES,
                    NEIGHBOURHOODS,
                    loader.now,
                ),
            ),
            ("themes", loader.themes),
            # Last: the random numbers of the steps before stay as they were.
            (
                "experiences",
                lambda: add_experiences(
                    loader.rng, loader.resource_list, loader.active.members, loader.now
                ),
            ),
            ("versions", lambda: add_versions(loader.resource_list, loader.rng, loader.html)),
            (
                "follows",
                lambda: add_follows_and_notifications(
                    loader.rng,
                    [member.user_id for member in loader.active.members],
                    loader.tag_list,
                    loader.resource_list,
                    loader.question_list,
                    loader.now,
                ),
            ),
        ]
        started = time.perf_counter()
        with _quick_writes(), transaction.atomic():
            with _search_indexes_filled_afterwards():
                for label, step in steps:
                    begun = time.perf_counter()
                    detail = step()
                    self.stdout.write(
                        f"  {label:<14} {time.perf_counter() - begun:6.1f} s  {detail}"
                    )
                begun = time.perf_counter()
            self.stdout.write(f"  {'search indexes':<14} {time.perf_counter() - begun:6.1f} s")
        page_cache.mark_everything_stale()  # bulk inserts send no signals
        begun = time.perf_counter()
        self.analyze()
        self.stdout.write(f"  {'statistics':<14} {time.perf_counter() - begun:6.1f} s  ANALYZE")
        total = time.perf_counter() - started
        self.stdout.write(f"  Markdown rendered {len(loader.html):,} times (once per text).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded in {total:.1f} s. Log in as lid00001@{DOMAIN} (and so on) with the demo "
                f"password {DEMO_PASSWORD!r}."
            )
        )

    def analyze(self) -> None:
        """Give the query planner statistics about the new rows.

        Without them SQLite guesses, and picks e.g. the (status, visibility) index for an
        event's reports instead of the event's own index: pages then scan thousands of
        rows (benchmarked: the event page at 60 ms instead of 5). PostgreSQL would
        analyze the tables itself, but only some time after a bulk load.
        """
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def confirm(self) -> bool:
        try:
            answer = input("Add all of this to the database? [y/N] ")
        except EOFError:
            answer = ""
        return answer.strip().lower() in {"y", "yes", "j", "ja"}
