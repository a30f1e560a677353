"""Demo data: `make run` loads it the first time and leaves the database alone after."""

from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from taggit.models import Tag

from atelier.models import Page
from atelier.site_texts import PAGE_TEXTS
from members.models import (
    MembershipStatus,
    ParticipationLevel,
    Profile,
    Sector,
    TaggedProfile,
    User,
)
from sessions_app.models import Event, EventKind, EventStatus, Registration, RegistrationStatus
from sessions_app.registration import register_member

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    from io import StringIO

    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_fills_the_pages_and_prints_the_logins():
    output = load_demo()
    assert "coordinator@example.org" in output
    assert "leeratelier-demo" in output
    about = Page.objects.get(key="about")
    assert about.body == PAGE_TEXTS["about"]["body"]
    assert about.body_html.startswith("<")
    coordinator = User.objects.get(email="coordinator@example.org")
    assert coordinator.is_staff and not coordinator.is_superuser
    assert coordinator.groups.filter(name="Coördinator").exists()
    assert coordinator.check_password("leeratelier-demo")


def test_demo_is_idempotent_and_keeps_the_coordinators_edits():
    load_demo()
    about = Page.objects.get(key="about")
    about.body = "Eigen tekst van de coördinator."
    about.save()
    counts = (User.objects.count(), Page.objects.count())
    load_demo()
    assert (User.objects.count(), Page.objects.count()) == counts
    assert Page.objects.get(key="about").body == "Eigen tekst van de coördinator."


def test_demo_texts_have_no_first_level_headings():
    # The page title is the h1; texts start their sections at h2.
    for texts in PAGE_TEXTS.values():
        for field in ("body", "body_en"):
            assert not any(line.startswith("# ") for line in texts[field].splitlines())


DEMO_LOGINS = {
    "coordinator@example.org": ParticipationLevel.MEETINGS,
    "bijeenkomsten@example.org": ParticipationLevel.MEETINGS,
    "online@example.org": ParticipationLevel.ONLINE,
    "events@example.org": ParticipationLevel.PUBLIC_EVENTS,
}


def test_demo_members_cover_every_level_status_and_sector():
    load_demo()
    profiles = Profile.objects.all()
    assert profiles.count() >= 25
    for field, choices in (
        ("participation_level", ParticipationLevel),
        ("status", MembershipStatus),
        ("sector", Sector),
    ):
        assert set(profiles.values_list(field, flat=True)) == set(choices.values)
    assert profiles.active().filter(listed_in_directory=False).exists()
    assert Profile.objects.listed().count() >= 20
    assert profiles.filter(show_email=True).exists()
    # The expertise filter finds groups of people, not one person per tag.
    assert TaggedProfile.objects.values("tag").distinct().count() >= 8
    assert TaggedProfile.objects.count() >= 2 * profiles.count()
    coordinator = User.objects.get(email="coordinator@example.org")
    approved = profiles.exclude(status=MembershipStatus.APPLIED).exclude(user=coordinator)
    assert not approved.filter(approved_at=None).exists()
    assert not approved.exclude(approved_by=coordinator).exists()


def test_demo_logins_print_and_log_in_at_their_level(client):
    output = load_demo()
    for email, level in DEMO_LOGINS.items():
        assert email in output
        client.logout()
        response = client.post(
            reverse("account_login"), {"login": email, "password": "leeratelier-demo"}
        )
        assert response.status_code == 302, email
        user = User.objects.get(email=email)
        assert client.session["_auth_user_id"] == str(user.pk)
        assert user.profile.status == MembershipStatus.ACTIVE
        assert user.profile.participation_level == level
    assert client.get(reverse("members:directory")).status_code == 200


def test_demo_applicant_waits_for_approval():
    output = load_demo()
    assert "aanvrager@example.org" in output
    applicant = Profile.objects.get(user__email="aanvrager@example.org")
    assert applicant.status == MembershipStatus.APPLIED
    assert applicant.motivation
    assert applicant.approved_at is None and applicant.approved_by is None
    assert applicant in Profile.objects.applied()
    assert applicant.user.check_password("leeratelier-demo")


def test_demo_avatars_are_jpeg_files_in_media_root(settings):
    load_demo()
    with_avatar = Profile.objects.exclude(avatar="")
    assert with_avatar.count() >= Profile.objects.count() // 2
    assert Profile.objects.filter(avatar="").exists()  # some show their initials instead
    media_root = Path(settings.MEDIA_ROOT).resolve()
    for profile in with_avatar:
        for image_field, size in ((profile.avatar, 512), (profile.avatar_small, 128)):
            path = Path(image_field.path).resolve()
            assert path.is_relative_to(media_root)
            with Image.open(path) as image:
                assert image.format == "JPEG"
                assert image.size == (size, size)


def test_a_second_run_adds_and_overwrites_nothing(settings):
    load_demo()
    member = Profile.objects.get(user__email="bijeenkomsten@example.org")
    member.bio = "Mijn eigen tekst."
    member.save()

    def counts():
        files = sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
        return (
            User.objects.count(),
            Profile.objects.count(),
            EmailAddress.objects.count(),
            TaggedProfile.objects.count(),
            Tag.objects.count(),
            files,
        )

    before = counts()
    load_demo()
    assert counts() == before
    assert Profile.objects.get(pk=member.pk).bio == "Mijn eigen tekst."


# The agenda: sessions_app/demo.py.


def test_demo_agenda_has_a_past_and_a_future():
    load_demo()
    now = timezone.now()
    published = Event.objects.filter(status=EventStatus.PUBLISHED)
    meetings = published.filter(kind=EventKind.MEETING)
    public = published.filter(kind=EventKind.PUBLIC)
    assert meetings.past(now).count() >= 5
    assert meetings.upcoming(now).count() >= 3
    assert public.past(now).exists()
    assert public.upcoming(now).count() >= 2
    draft = Event.objects.get(status=EventStatus.DRAFT)
    assert draft.start > now
    assert draft not in Event.objects.visible_to(User.objects.get(email="online@example.org"))
    assert draft in Event.objects.visible_to(User.objects.get(email="coordinator@example.org"))
    assert Event.objects.filter(status=EventStatus.CANCELLED).count() == 1
    assert Event.objects.visible_to(AnonymousUser()).filter(kind=EventKind.PUBLIC).count() >= 4
    assert published.exclude(online_link="").exists()


def test_demo_meetings_keep_a_rhythm():
    load_demo()
    starts = [
        timezone.localtime(event.start)
        for event in Event.objects.filter(kind=EventKind.MEETING).order_by("start")
    ]
    assert len({(start.weekday(), start.time()) for start in starts}) == 1
    assert {(b.date() - a.date()).days for a, b in pairwise(starts)} == {28}


def test_demo_events_pass_validation_and_have_dutch_markdown():
    load_demo()
    for event in Event.objects.all():
        event.full_clean()  # summary length, slug, deadline before the start, link
        assert len(event.summary) <= 300
        assert event.description_html.startswith("<")
        assert not any(line.startswith("# ") for line in event.description.splitlines())
        assert event.place or event.online_link


def test_demo_has_a_full_upcoming_meeting_with_a_waiting_list():
    load_demo()
    now = timezone.now()
    full = [
        event
        for event in Event.objects.filter(status=EventStatus.PUBLISHED).upcoming(now).with_counts()
        if event.capacity is not None and event.confirmed_count == event.capacity
    ]
    assert len(full) == 1
    event = full[0]
    assert event.kind == EventKind.MEETING and event.is_open_for_registration(now)
    waiting = list(event.registrations.waitlisted())
    assert 2 <= len(waiting) <= 3
    joined = [registration.waitlisted_at for registration in waiting]
    assert None not in joined and joined == sorted(set(joined))
    # The demo login for meetings has a place elsewhere, and can join this waiting list.
    member = User.objects.get(email="bijeenkomsten@example.org")
    assert not event.registrations.active().filter(user=member).exists()
    assert Registration.objects.filter(
        user=member,
        status=RegistrationStatus.CONFIRMED,
        event__kind=EventKind.MEETING,
        event__start__gt=now,
    ).exists()
    assert register_member(event, member).status == RegistrationStatus.WAITLISTED


def test_demo_registrations_keep_the_rules():
    load_demo()
    now = timezone.now()
    for event in Event.objects.with_counts():
        assert event.capacity is None or event.confirmed_count <= event.capacity, event
    registrations = Registration.objects.select_related("event", "user__profile")
    assert registrations.count() >= 100
    for registration in registrations:
        assert registration.created_at < min(registration.event.start, now)
        if registration.status == RegistrationStatus.CONFIRMED:
            assert registration.confirmed_at is not None
        if registration.user is None:
            assert registration.guest_name
            assert registration.guest_email == registration.guest_email.lower()
            assert registration.guest_email.endswith("@example.org")
            assert registration.event.kind == EventKind.PUBLIC
        else:
            assert registration.guest_email == ""
            profile = registration.user.profile
            assert profile.approved_at < registration.event.start
            if registration.event.kind == EventKind.MEETING:
                assert profile.participation_level == ParticipationLevel.MEETINGS
    assert not registrations.filter(event__start__gt=now).exclude(attended=None).exists()
    guests = registrations.filter(user=None)
    assert guests.filter(status=RegistrationStatus.CONFIRMED).count() >= 3
    assert guests.filter(status=RegistrationStatus.PENDING, event__start__gt=now).exists()
    # Members of every level come to public events.
    levels = registrations.filter(event__kind=EventKind.PUBLIC).values_list(
        "user__profile__participation_level", flat=True
    )
    assert set(ParticipationLevel.values) <= set(levels)


def test_demo_past_meetings_record_who_attended():
    load_demo()
    now = timezone.now()
    past = Event.objects.filter(kind=EventKind.MEETING, status=EventStatus.PUBLISHED).past(now)
    for event in past:
        confirmed = event.registrations.confirmed()
        assert confirmed.filter(attended=True).count() > confirmed.count() / 2
        assert not confirmed.filter(attended=None).exists()
    # The admin's give-and-take filter finds meeting members on both sides.
    meeting_members = Profile.objects.active().filter(
        participation_level=ParticipationLevel.MEETINGS
    )
    quiet = Profile.objects.without_contributions_since(now - timedelta(days=90))
    assert meeting_members.filter(pk__in=quiet).exists()
    assert meeting_members.exclude(pk__in=quiet).exists()


def test_a_second_run_leaves_the_agenda_alone():
    load_demo()
    event = Event.objects.get(slug="bijeenkomst-oogst")
    event.title = "Eigen titel van de coördinator"
    event.save()
    Registration.objects.filter(event=event).delete()

    def snapshot():
        return (
            list(Event.objects.order_by("pk").values()),
            list(Registration.objects.order_by("pk").values()),
        )

    before = snapshot()
    load_demo()
    assert snapshot() == before
