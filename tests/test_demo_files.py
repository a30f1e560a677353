"""The demo's files (demo/): what they refer to exists, and `load_demo` loads all of it."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.text import slugify

from atelier.content_files import DEMO_FOLDER
from atelier.models import Page
from knowledge.demo import FOLDER as LIBRARY_FOLDER
from knowledge.demo import demo_library
from knowledge.models import Attachment, Comment, FeaturedTag, Recognition, Resource
from members.demo import demo_members
from members.models import Profile
from questions.demo import FOLDER as QUESTIONS_FOLDER
from questions.demo import demo_questions
from questions.models import Answer, Question
from sessions_app.demo import WEEKDAYS, demo_events, demo_guests
from sessions_app.models import Event, EventKind

# The demo as it was moved out of Python into files (issue 14): how many of each, and the
# length of their texts, as `load_demo` loads them. Changing the demo on purpose changes
# these numbers; a loader that skips a file or a field changes them by accident.
FINGERPRINT = {
    "people (bios, motivations)": (29, 4832, 2882),
    "events (descriptions, summaries)": (19, 8545, 3437),
    "library items (bodies, summaries)": (35, 50869, 5430),
    "tools and cases (sections, their texts)": (23, 107, 33785),
    "recognitions": [("Het buurtgesprek", "movisie", "Goed beschreven")],
    "comments": (30, 4025),
    "questions (situations)": (13, 4651),
    "answers": (24, 6657),
    "themes": (6, 415),
    "pages (Dutch, English)": (3, 9029, 9171),
    "attachments": [("Reflectiekaart werkblad.png", 43457), ("Signalenkaart werkblad.pdf", 1733)],
}


def measure_sections(queryset) -> tuple[int, ...]:
    sections = [resource.sections for resource in queryset.filter(kind__in=["tool", "case"])]
    return (
        len(sections),
        sum(len(texts) for texts in sections),
        sum(len(text) for texts in sections for text in texts.values()),
    )


def measure(queryset, *text_fields) -> tuple[int, ...]:
    rows = list(queryset.values_list(*text_fields))
    return (len(rows), *(sum(len(row[index]) for row in rows) for index in range(len(text_fields))))


@pytest.mark.django_db
def test_load_demo_loads_every_file_and_field():
    call_command("load_demo", stdout=StringIO())

    assert {
        "people (bios, motivations)": measure(Profile.objects.all(), "bio", "motivation"),
        "events (descriptions, summaries)": measure(Event.objects.all(), "description", "summary"),
        "library items (bodies, summaries)": measure(Resource.objects.all(), "body", "summary"),
        "tools and cases (sections, their texts)": measure_sections(Resource.objects.all()),
        "recognitions": list(
            Recognition.objects.values_list("resource__title", "databank", "level")
        ),
        "comments": measure(Comment.objects.all(), "body"),
        "questions (situations)": measure(Question.objects.all(), "body"),
        "answers": measure(Answer.objects.all(), "body"),
        "themes": measure(FeaturedTag.objects.all(), "description"),
        "pages (Dutch, English)": measure(Page.objects.all(), "body", "body_en"),
        "attachments": sorted(Attachment.objects.values_list("download_name", "size")),
    } == FINGERPRINT


def test_every_person_guest_and_meeting_the_demo_files_name_exists():
    people = {member.key for member in demo_members()}
    guests = demo_guests().keys()
    events = demo_events()
    meetings = {event.slug for event in events if event.kind == EventKind.MEETING}
    for event in events:
        lists = (event.attended, event.absent, event.confirmed, event.cancelled, event.waitlisted)
        assert {key for keys in lists for key in keys} <= people, event.slug
        assert {*event.guests, *event.pending} <= guests, event.slug
        assert event.weekday in WEEKDAYS, event.slug
    for item in demo_library():
        assert set(item.authors) <= people, item.slug
        assert {comment.by for comment in item.comments} <= people, item.slug
        assert not item.meeting or item.meeting in meetings, item.slug
        assert not item.attachment or (LIBRARY_FOLDER / "files" / item.attachment).is_file()
    items = {item.slug: item.kind for item in demo_library()}
    for question in demo_questions():
        assert {question.asker, *(answer.by for answer in question.answers)} <= people
        assert set(question.meetings) <= meetings, question.slug
        assert {items[slug] for slug in question.reports} <= {"report"}, question.slug
        assert not question.library_item or question.library_item in items, question.slug
        assert 0 <= question.helped <= len(question.answers), question.slug


def test_demo_files_are_named_after_their_slug():
    items = {item.slug for item in demo_library()}
    for item in demo_library():
        assert item.slug == slugify(item.title), item.slug
    for event in demo_events():
        assert event.slug == slugify(event.slug)
    for member in demo_members():
        assert member.key == slugify(member.key)
    comments = {path.stem for path in (LIBRARY_FOLDER / "comments").glob("*")}
    assert comments <= items  # no comments on an item that is not there
    questions = {question.slug for question in demo_questions()}
    for slug in questions:
        assert slug == slugify(slug)
    answers = {path.stem for path in (QUESTIONS_FOLDER / "answers").glob("*")}
    assert answers <= questions  # no answers to a question that is not there


def test_the_demo_has_one_coordinator_and_each_address_once():
    members = demo_members()
    assert sum(member.coordinator for member in members) == 1
    emails = [member.email for member in members] + [g.email for g in demo_guests().values()]
    assert len(emails) == len(set(emails))
    assert (DEMO_FOLDER / "README.md").is_file()


def test_no_two_demo_events_fall_on_the_same_day_whatever_day_it_is_loaded():
    """The agenda's events count from today and last year's from fixed days: on no day of
    a year (a leap year and the next) do two of them fall on the same day."""
    events = demo_events()
    for offset in range(366 + 365):
        today = date(2028, 1, 1) + timedelta(days=offset)
        days = [event.start_and_end(today)[0].date() for event in events]
        assert len(days) == len(set(days)), today
