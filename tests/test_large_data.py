"""`manage.py load_large_data`: the large data set, here at a small scale (0.002)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Q
from django.utils import timezone
from taggit.models import Tag

from knowledge.models import Comment, FeaturedTag, Resource, ResourceStatus, TaggedResource
from members.demo import DEMO_PASSWORD
from members.models import MembershipStatus, Profile, TaggedProfile, User
from questions.models import Answer, Question
from sessions_app.models import Event, Registration, RegistrationStatus

SCALE = 0.002  # 10 members, 4 events, 100 registrations, 20 items, 60 tag uses, 100 comments


def load(**options) -> str:
    out = StringIO()
    call_command("load_large_data", scale=SCALE, yes=True, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def loaded(db) -> str:
    return load()


def test_counts_are_the_full_size_times_the_scale(loaded):
    assert User.objects.filter(email__endswith="@large.example.org").count() == 10
    assert Profile.objects.count() == 10
    assert Event.objects.count() == 4
    assert Registration.objects.count() == 100
    assert Resource.objects.count() == 20
    assert TaggedResource.objects.count() == 60
    assert Comment.objects.count() == 100
    assert TaggedProfile.objects.exists()
    assert FeaturedTag.objects.exists()
    assert "Loaded in" in loaded


def test_registrations_keep_the_rules(loaded):
    confirmed = Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
    overbooked = Event.objects.annotate(confirmed=confirmed).filter(confirmed__gt=F("capacity"))
    assert not overbooked.exists()
    active = Registration.objects.active()
    twice = Count("pk")
    members = active.filter(user__isnull=False).values("event", "user").annotate(n=twice)
    guests = active.filter(user__isnull=True).values("event", "guest_email").annotate(n=twice)
    assert not members.filter(n__gt=1).exists()
    assert not guests.filter(n__gt=1).exists()
    assert Registration.objects.values("token").distinct().count() == 100
    waitlisted = Registration.objects.filter(status=RegistrationStatus.WAITLISTED)
    assert not waitlisted.filter(waitlisted_at__isnull=True).exists()
    assert not Registration.objects.filter(created_at__gt=F("event__start")).exists()
    now = timezone.now()
    ahead = Registration.objects.filter(event__end__gte=now)
    assert not ahead.filter(attended__isnull=False).exists()
    past = Registration.objects.filter(event__end__lt=now, status=RegistrationStatus.CONFIRMED)
    assert not past.filter(attended__isnull=True).exists()
    for guest in Registration.objects.filter(user__isnull=True):
        assert guest.guest_name and guest.guest_email == guest.guest_email.lower()


def test_events_end_after_they_start_and_pass_validation(loaded):
    assert not Event.objects.filter(end__lte=F("start")).exists()
    for event in Event.objects.all():
        event.full_clean()
    for registration in Registration.objects.all():
        registration.full_clean()
    for resource in Resource.objects.all():
        resource.full_clean()


def test_markdown_is_rendered_and_sanitized(loaded):
    html = [
        *Resource.objects.values_list("body_html", flat=True),
        *Comment.objects.values_list("body_html", flat=True),
        *Event.objects.values_list("description_html", flat=True),
    ]
    assert all(text.startswith("<") for text in html)
    unsafe = re.compile(r"<(script|span|img)|<[^>]* (style|on\w+)=")
    assert not any(unsafe.search(text) for text in html)
    # What a member pasted as HTML is shown as text, not run.
    pasted = Comment.objects.filter(body__contains="<span").first()
    if pasted is not None:
        assert "&lt;span" in pasted.body_html


def test_members_have_profiles_and_can_log_in(loaded):
    user = User.objects.get(email="lid00001@large.example.org")
    assert user.check_password(DEMO_PASSWORD)
    assert Profile.objects.filter(status=MembershipStatus.ACTIVE).exists()
    approved = Profile.objects.exclude(status=MembershipStatus.APPLIED)
    assert not approved.filter(approved_at__isnull=True).exists()
    published = Resource.objects.filter(status=ResourceStatus.PUBLISHED)
    assert not published.filter(published_at__isnull=True).exists()
    assert not Resource.objects.filter(authors=None).exists()
    # Each password is the same hash: hashing thousands would take minutes.
    assert User.objects.values("password").distinct().count() == 1


def test_refuses_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="PRODUCTION"):
        load()
    assert not User.objects.exists()


def test_refuses_a_second_run(loaded):
    with pytest.raises(CommandError, match="already loaded"):
        load()
    assert User.objects.count() == 10
    assert Registration.objects.count() == 100


def test_asks_first_without_yes(db, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    out = StringIO()
    call_command("load_large_data", scale=SCALE, stdout=out)
    assert "Nothing loaded" in out.getvalue()
    assert not User.objects.exists()


def test_reuses_existing_tags(db):
    Tag.objects.create(name="bewonersparticipatie", slug="bewonersparticipatie")
    load()
    assert Tag.objects.filter(name="bewonersparticipatie").count() == 1


def test_dates_of_change_are_those_of_the_rows_not_of_the_load(loaded):
    # Set as the rows are written, not left at the moment of the load.
    events = Event.objects.all()
    assert not events.filter(created_at__gte=F("start")).exists()
    assert not events.exclude(updated_at=F("created_at")).exists()
    items = Resource.objects.all()
    assert (
        not items.filter(published_at__isnull=False).exclude(updated_at=F("published_at")).exists()
    )
    assert not items.filter(published_at__isnull=True).exclude(updated_at=F("created_at")).exists()
    assert not Question.objects.exclude(updated_at=F("last_activity_at")).exists()
    assert not Answer.objects.exclude(updated_at=F("created_at")).exists()
    assert Question.objects.filter(helped_answer__isnull=False).exists()
    helped = Question.objects.filter(helped_answer__isnull=False)
    assert not helped.exclude(helped_answer__question=F("pk")).exists()
