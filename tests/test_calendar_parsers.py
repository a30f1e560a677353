"""Every calendar the site serves, read by two parsers nobody on the project wrote.

`icalendar` (Python) and ical.js (JavaScript, the parser Thunderbird uses, run by Node)
must read the same instants from each calendar: the event's own .ics, the public feed,
a member's personal feed and the .ics attached to a registration e-mail. ical.js uses
the calendar's own VTIMEZONE block, so a wrong block shows up as a wrong instant; that
is how summer events once came out an hour late.

ical.js comes from package.json (`make test` runs `npm ci`).
"""

import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from sessions_app import registration as rules
from sessions_app.models import CalendarFeed, EventKind

from .factories import make_event, make_member

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ICAL_JS_SCRIPT = Path(__file__).parent / "tools" / "ical_instants.mjs"
NEXT_YEAR = datetime.now(UTC).year + 1


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# Local start in Amsterdam -> the instant every calendar program must show.
SUMMER = (datetime(NEXT_YEAR, 9, 9, 19, 30, tzinfo=AMSTERDAM), utc(NEXT_YEAR, 9, 9, 17, 30))
WINTER = (datetime(NEXT_YEAR, 1, 13, 19, 30, tzinfo=AMSTERDAM), utc(NEXT_YEAR, 1, 13, 18, 30))
# The first hour of summer time: the last Sunday of March, after 02:00 became 03:00.
last_sunday_of_march = max(
    datetime(NEXT_YEAR, 3, day)
    for day in range(25, 32)
    if datetime(NEXT_YEAR, 3, day).weekday() == 6
)
SPRING_FORWARD = (
    last_sunday_of_march.replace(hour=3, minute=30, tzinfo=AMSTERDAM),
    last_sunday_of_march.replace(hour=1, minute=30, tzinfo=UTC),
)


def ical_js_instants(calendars: dict[str, bytes], tmp_path) -> dict[str, dict]:
    """{name: {uid: (start, end)}} as ical.js reads each calendar (one Node run for all)."""
    if not (settings.BASE_DIR / "node_modules" / "ical.js").exists() or not shutil.which("node"):
        pytest.skip("ical.js is missing: `make test` installs Node and runs `npm ci`")
    paths = {}
    for name, content in calendars.items():
        paths[name] = tmp_path / f"{name}.ics"
        paths[name].write_bytes(content)
    result = subprocess.run(
        ["node", str(ICAL_JS_SCRIPT), *map(str, paths.values())],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    read = json.loads(result.stdout)
    return {
        name: {
            event["uid"]: (
                datetime.fromisoformat(event["start"]),
                datetime.fromisoformat(event["end"]),
            )
            for event in read[str(path)]
        }
        for name, path in paths.items()
    }


def icalendar_instants(content: bytes) -> dict:
    calendar = icalendar.Calendar.from_ical(content)
    return {
        str(vevent["UID"]): (vevent.decoded("DTSTART"), vevent.decoded("DTEND"))
        for vevent in calendar.walk("VEVENT")
    }


def event_at(slug: str, moment: tuple, kind=EventKind.PUBLIC):
    start, _instant = moment
    return make_event(slug, kind=kind, start=start, end=start + timedelta(hours=2))


def served_calendars(client) -> tuple[dict[str, bytes], dict[str, datetime]]:
    """Each calendar the site serves, with the instant each event in it must start at."""
    summer = event_at("zomeravond", SUMMER)
    winter = event_at("winteravond", WINTER)
    spring = event_at("eerste-zomertijd", SPRING_FORWARD)
    meeting = event_at("ledenbijeenkomst", SUMMER, kind=EventKind.MEETING)
    member = make_member()
    mail.outbox.clear()
    rules.register_member(meeting, member)
    rules.register_member(winter, member)
    (attachment,) = [
        content for _name, content, mimetype in mail.outbox[0].attachments if "calendar" in mimetype
    ]
    feed = CalendarFeed.objects.create(user=member)
    calendars = {
        "event-summer": client.get(reverse("agenda:ics", args=[summer.slug])).content,
        "event-winter": client.get(reverse("agenda:ics", args=[winter.slug])).content,
        "public-feed": client.get(reverse("agenda:feed")).content,
        "personal-feed": client.get(reverse("agenda:personal_feed", args=[feed.token])).content,
        "registration-mail": attachment.encode() if isinstance(attachment, str) else attachment,
    }
    expected = {
        event.calendar_uid: moment[1]
        for event, moment in [
            (summer, SUMMER),
            (winter, WINTER),
            (spring, SPRING_FORWARD),
            (meeting, SUMMER),
        ]
    }
    return calendars, expected


def test_icalendar_and_ical_js_read_the_same_instants_from_every_calendar(client, tmp_path):
    calendars, expected = served_calendars(client)

    by_ical_js = ical_js_instants(calendars, tmp_path)

    for name, content in calendars.items():
        by_icalendar = icalendar_instants(content)
        assert by_icalendar, f"{name} holds no event"
        assert set(by_ical_js[name]) == set(by_icalendar), name
        for uid, (start, end) in by_icalendar.items():
            assert by_ical_js[name][uid] == (start, end), f"{name}: {uid}"
            assert start == expected[uid], f"{name}: {uid} starts at {start}"
            assert end - start == timedelta(hours=2)
    assert {uid for content in calendars.values() for uid in icalendar_instants(content)} == set(
        expected
    )


def test_the_summer_event_is_at_17_30_utc_for_ical_js(client, tmp_path):
    """The instance from the issue: 2026-09-09 19:30 in Amsterdam, an event now past."""
    event = make_event(
        "zomer-2026",
        kind=EventKind.PUBLIC,
        start=datetime(2026, 9, 9, 19, 30, tzinfo=AMSTERDAM),
        end=datetime(2026, 9, 9, 21, 30, tzinfo=AMSTERDAM),
    )
    content = client.get(reverse("agenda:ics", args=[event.slug])).content

    read = ical_js_instants({"event": content}, tmp_path)["event"]

    assert read[event.calendar_uid][0] == utc(2026, 9, 9, 17, 30)


def test_the_time_zone_block_is_two_yearly_rules_valid_for_every_year(client):
    event = event_at("zomeravond", SUMMER)
    content = client.get(reverse("agenda:ics", args=[event.slug])).content
    calendar = icalendar.Calendar.from_ical(content)

    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Amsterdam"
    assert b"RDATE" not in content
    (daylight,) = zone.walk("DAYLIGHT")
    (standard,) = zone.walk("STANDARD")
    for rule, month, hour, offset_from, offset_to in [
        (daylight, 3, 2, 1, 2),
        (standard, 10, 3, 2, 1),
    ]:
        assert dict(rule["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [month], "BYDAY": ["-1SU"]}
        assert rule.decoded("DTSTART").hour == hour
        assert rule.decoded("DTSTART").month == month
        assert rule["TZOFFSETFROM"].td == timedelta(hours=offset_from)
        assert rule["TZOFFSETTO"].td == timedelta(hours=offset_to)
    # icalendar's reading of the block agrees with the time-zone database, also long after
    # 2037, where the old block of dates stopped.
    as_read = zone.to_tz()
    for year in (2026, 2037, 2038, 2050, 2099):
        for month, day, hour in [(1, 15, 12), (3, 31, 12), (7, 1, 12), (10, 31, 12), (12, 1, 0)]:
            moment = datetime(year, month, day, hour)
            assert as_read.utcoffset(moment) == moment.replace(tzinfo=AMSTERDAM).utcoffset(), moment
