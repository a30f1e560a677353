"""The daily and weekly digests: what is in them (only what the reader may see, nothing
twice), who gets one and when, in their language, and that an empty one is not sent."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from knowledge.models import ResourceKind, Visibility
from members.models import MembershipStatus, ParticipationLevel, Profile
from notifications import digests
from notifications.models import DigestSent, Frequency, Kind, Notification
from notifications.preferences import frequencies_of, set_frequencies
from sessions_app.models import EventKind, EventStatus

from .factories import (
    make_event,
    make_item,
    make_member,
    make_profile,
    make_question,
    make_registration,
    make_story,
    make_uptake,
    make_user,
)
from .helpers import mails_to
from .test_questions_emails import html_part

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = timezone.now().replace(microsecond=0)


def notify(user, thing, kind: str, count: int = 1, minutes_ago: int = 60) -> Notification:
    """A notification as n-follow's code makes them: about `thing`, waiting."""
    moment = NOW - timedelta(minutes=minutes_ago)
    return Notification.objects.create(
        user=user,
        kind=kind,
        target_type=ContentType.objects.get_for_model(thing),
        target_id=thing.pk,
        count=count,
        created_at=moment,
        updated_at=moment,
    )


def weekly(now=NOW) -> int:
    return digests.send_digests("weekly", now).sent


@pytest.fixture
def reader():
    return make_member("lezer@example.org", ParticipationLevel.ONLINE, display_name="Lies Lezer")


def test_news_newest_first_one_line_per_thing_with_its_count(reader):
    item = make_item("de-buurtkaart", title="De buurtkaart")
    question = make_question(title="Hoe bereik ik jongeren?")
    notify(reader, item, Kind.COMMENTS, count=3, minutes_ago=30)
    notify(reader, question, Kind.QUESTIONS, minutes_ago=10)

    assert weekly() == 1
    (message,) = mail.outbox
    assert message.to == ["lezer@example.org"]
    assert message.subject == "Je wekelijkse overzicht van het Leeratelier"
    body = message.body
    assert body.index("Nieuwe vraag: “Hoe bereik ik jongeren?”") < body.index(
        "3 nieuwe reacties op “De buurtkaart”"
    )
    assert "https://" in body or "http://" in body
    assert f"{item.get_absolute_url()}" in html_part(message)


def test_the_included_notifications_are_marked_and_never_sent_twice(reader):
    item = make_item("de-buurtkaart")
    notification = notify(reader, item, Kind.ITEMS)
    assert weekly() == 1
    notification.refresh_from_db()
    assert notification.emailed_at == NOW
    mail.outbox.clear()
    assert weekly(NOW + timedelta(days=7)) == 0  # a new week, nothing new: no digest
    assert mail.outbox == []


def test_only_what_the_reader_may_see_at_sending_time():
    reader = make_member("publiek@example.org", ParticipationLevel.PUBLIC_EVENTS)
    hidden = make_item("ledenstuk", title="Alleen voor leden", visibility=Visibility.MEMBERS)
    shown = make_item("open-stuk", title="Voor iedereen")
    notify(reader, hidden, Kind.ITEMS)
    notify(reader, shown, Kind.ITEMS)
    # Visibility changes after the notification was made: it is checked when sending.
    shown.visibility = Visibility.MEMBERS
    shown.save()
    reader.profile.status = MembershipStatus.PAUSED
    reader.profile.save()
    assert weekly() == 0  # paused: no digest at all

    reader.profile.status = MembershipStatus.ACTIVE
    reader.profile.save()
    shown.visibility = Visibility.PUBLIC
    shown.save()
    hidden.status = "draft"
    hidden.save()
    assert weekly() == 1
    (message,) = mail.outbox
    assert "Voor iedereen" in message.body and "Alleen voor leden" not in message.body
    assert Notification.objects.get(target_id=hidden.pk).emailed_at is None


def test_kinds_set_to_another_period_or_never_stay_out(reader):
    set_frequencies(
        reader,
        {**frequencies_of(reader), Kind.COMMENTS: Frequency.DAILY, Kind.ANSWERS: Frequency.NEVER},
    )
    item, question = make_item("de-buurtkaart"), make_question(title="Wat werkt?")
    comments = notify(reader, item, Kind.COMMENTS)
    notify(reader, question, Kind.ANSWERS)
    notify(reader, question, Kind.QUESTIONS)

    assert weekly() == 1
    assert "Wat werkt?" in mail.outbox[0].body and "reactie" not in mail.outbox[0].body
    mail.outbox.clear()
    assert digests.send_digests("daily", NOW).sent == 1
    assert "Een nieuwe reactie op “De buurtkaart”" in mail.outbox[0].body
    comments.refresh_from_db()
    assert comments.emailed_at is not None


def test_a_long_list_is_cut_with_a_count_of_the_rest(reader):
    for n in range(digests.NEWS_SHOWN + 4):
        notify(reader, make_item(f"stuk-{n}"), Kind.ITEMS, minutes_ago=n + 1)
    assert weekly() == 1
    body = mail.outbox[0].body
    assert body.count("Nieuw in de kennisbank") == digests.NEWS_SHOWN
    assert "… en nog 4." in body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_upcoming_events_for_the_level():
    meetings = make_member("bijeenkomsten@example.org", ParticipationLevel.MEETINGS)
    online = make_member("online@example.org", ParticipationLevel.ONLINE)
    make_event("ledenbijeenkomst", title="Ledenbijeenkomst", kind=EventKind.MEETING, days_ahead=5)
    make_event("open-middag", title="Open middag", kind=EventKind.PUBLIC, days_ahead=6)
    make_event("concept", title="Concept", kind=EventKind.PUBLIC, status=EventStatus.DRAFT)
    make_event("ver-weg", title="Ver weg", kind=EventKind.PUBLIC, days_ahead=60)
    make_event("voorbij", title="Voorbij", kind=EventKind.PUBLIC, days_ahead=-3)

    assert weekly() == 2
    (to_meetings,) = mails_to(meetings.email)
    (to_online,) = mails_to(online.email)
    assert "Ledenbijeenkomst" in to_meetings.body and "Open middag" in to_meetings.body
    assert "Ledenbijeenkomst" not in to_online.body and "Open middag" in to_online.body
    for message in (to_meetings, to_online):
        assert "Concept" not in message.body and "Ver weg" not in message.body
        assert "Voorbij" not in message.body


def test_open_questions_in_the_members_expertise(reader):
    reader.profile.expertise.add("armoede")
    asker = make_member("vrager@example.org")
    make_question(asker, title="Armoede in de wijk", tags=["armoede"])
    make_question(asker, title="Iets anders", tags=["sport"])
    make_question(reader, title="Mijn eigen vraag", tags=["armoede"])
    old = make_question(asker, title="Oude vraag", tags=["armoede"])
    type(old).objects.filter(pk=old.pk).update(published_at=NOW - timedelta(weeks=10))

    assert weekly() == 1
    body = mail.outbox[0].body
    assert "Open vragen in jouw expertise" in body and "Armoede in de wijk" in body
    assert "Iets anders" not in body and "Mijn eigen vraag" not in body
    assert "Oude vraag" not in body


def test_an_empty_digest_is_not_sent(reader):
    make_question(title="Niet in mijn expertise", tags=["sport"])
    assert weekly() == 0
    assert mail.outbox == [] and not DigestSent.objects.exists()


def local_moment(days: int, hour: int) -> datetime:
    """`hour` o'clock in Amsterdam, `days` days from today."""
    day = timezone.localdate(NOW) + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


def daily(now) -> int:
    return digests.send_digests("daily", now).sent


def test_an_open_question_or_a_new_event_is_in_one_daily_digest_only(reader):
    set_frequencies(reader, {Kind.EVENTS: Frequency.DAILY, Kind.QUESTIONS: Frequency.DAILY})
    reader.profile.expertise.add("armoede")
    asker = make_member("vrager@example.org")
    event = make_event("open-middag", title="Open middag", kind=EventKind.PUBLIC, days_ahead=6)
    question = make_question(asker, title="Armoede", tags=["armoede"])
    type(event).objects.filter(pk=event.pk).update(updated_at=local_moment(-1, 12))
    type(question).objects.filter(pk=question.pk).update(published_at=local_moment(-1, 12))

    assert daily(local_moment(0, 9)) == 1
    today = mails_to(reader.email)[0].body
    assert "Open middag" in today and "Armoede" in today

    # Asked after today's digest was read: in tomorrow's, without what today's held.
    later = make_question(asker, title="Later", tags=["armoede"])
    type(later).objects.filter(pk=later.pk).update(published_at=local_moment(0, 10))
    assert daily(local_moment(1, 9)) == 1
    tomorrow = mails_to(reader.email)[1].body
    assert "Later" in tomorrow and "“Armoede”" not in tomorrow

    # Nothing new the day after: the coming event alone, shown before, sends nothing.
    assert daily(local_moment(2, 9)) == 0
    assert len(mails_to(reader.email)) == 2


def test_the_prompt_asks_for_a_value_story_about_a_meeting_attended(reader):
    start = NOW - timedelta(weeks=3)
    meeting = make_event(
        "signaleren", title="Signaleren", start=start, end=start + timedelta(hours=2)
    )
    make_registration(meeting, reader, attended=True)
    notify(reader, make_item("de-buurtkaart"), Kind.ITEMS)

    assert weekly() == 1
    body = mail.outbox[0].body
    assert "Je was bij “Signaleren”." in body
    assert "/opbrengst/nieuw/?bijeenkomst=signaleren" in body


def test_the_prompt_asks_for_an_account_of_a_tool_in_ones_story_when_no_meeting_is_waiting(
    reader,
):
    start = NOW - timedelta(weeks=3)
    meeting = make_event("signaleren", start=start, end=start + timedelta(hours=2))
    make_registration(meeting, reader, attended=True)
    tool = make_item("de-buurtkaart", title="De buurtkaart", kind=ResourceKind.TOOL)
    make_story(reader, "members", (meeting, tool))  # the meeting has its story now
    notify(reader, make_item("iets-nieuws"), Kind.ITEMS)

    assert weekly() == 1
    assert "/kennisbank/de-buurtkaart/gebruikt/nieuw/" in mail.outbox[0].body

    make_uptake(tool, reader)
    mail.outbox.clear()
    notify(reader, make_item("nog-iets"), Kind.ITEMS)
    assert weekly(NOW + timedelta(days=7)) == 1
    assert "gebruikt/nieuw" not in mail.outbox[0].body


def test_the_prompt_otherwise_points_to_an_open_question(reader):
    reader.profile.expertise.add("armoede")
    question = make_question(make_member("vrager@example.org"), title="Armoede", tags=["armoede"])
    assert weekly() == 1
    assert "Kun je helpen met “Armoede”?" in mail.outbox[0].body
    assert question.get_absolute_url() in mail.outbox[0].body


def test_in_the_members_language(reader):
    Profile.objects.filter(user=reader).update(language="en")
    notify(reader, make_item("de-buurtkaart", title="De buurtkaart"), Kind.COMMENTS, count=2)
    assert weekly() == 1
    (message,) = mail.outbox
    assert message.subject == "Your weekly digest from the Leeratelier"
    assert "2 new comments on “De buurtkaart”" in message.body
    assert 'lang="en"' in html_part(message)


def test_only_active_members(reader):
    make_event("open-middag", kind=EventKind.PUBLIC, days_ahead=3)
    make_profile(make_user("gepauzeerd@example.org"), MembershipStatus.PAUSED)
    switched_off = make_member("uit@example.org")
    switched_off.is_active = False
    switched_off.save()
    assert weekly() == 1
    assert [message.to for message in mail.outbox] == [["lezer@example.org"]]


def test_once_per_period(reader):
    make_event("open-middag", kind=EventKind.PUBLIC, days_ahead=10)
    assert weekly() == 1
    assert weekly() == 0
    assert DigestSent.objects.get().period_start == digests.period_start("weekly", NOW)


@pytest.mark.parametrize(
    ("local", "period", "start"),
    [
        ("2026-12-07 07:00", "daily", "2026-12-07"),  # Monday at DIGEST_HOUR
        ("2026-12-07 06:59", "daily", "2026-12-06"),
        ("2026-12-07 07:00", "weekly", "2026-12-07"),
        ("2026-12-07 06:59", "weekly", "2026-11-30"),
        ("2026-12-13 23:00", "weekly", "2026-12-07"),
    ],
)
def test_the_period_starts_at_the_set_hour_and_day(settings, local, period, start):
    settings.DIGEST_HOUR, settings.DIGEST_WEEKDAY = 7, 0
    moment = datetime.fromisoformat(local).replace(tzinfo=AMSTERDAM)
    assert digests.period_start(period, moment).isoformat() == start


def test_the_command_for_cron(reader, capsys):
    make_event("open-middag", kind=EventKind.PUBLIC, days_ahead=3)
    call_command("send_digests", "--period", "weekly")
    output = capsys.readouterr().out
    assert output.startswith("1 weekly digest(s) sent to 1 member(s) due one in ")
    assert len(mail.outbox) == 1
