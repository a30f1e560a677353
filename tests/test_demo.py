"""Demo data: `make run` loads it the first time and leaves the database alone after."""

from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from PIL import Image
from taggit.models import Tag

from atelier.models import Page
from atelier.site_texts import default_page_texts
from knowledge.models import (
    Attachment,
    Comment,
    FeaturedTag,
    Resource,
    ResourceKind,
    ResourceStatus,
    TaggedResource,
    Visibility,
)
from knowledge.publishing import can_publish
from knowledge.sections import has_sections
from members.models import (
    LevelRequest,
    MembershipStatus,
    ParticipationLevel,
    Profile,
    Sector,
    TaggedProfile,
    User,
)
from portal.contributions import without_contributions_since
from sessions_app.demo import demo_events
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
    assert about.body == default_page_texts()["about"]["body"]
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
    for texts in default_page_texts().values():
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


def test_demo_has_one_level_request_for_the_coordinator_to_decide():
    load_demo()
    (waiting,) = LevelRequest.objects.open()
    assert waiting.level == ParticipationLevel.MEETINGS
    assert waiting.profile.participation_level == waiting.previous_level
    assert waiting.profile.is_active_member
    assert waiting.note
    load_demo()
    assert LevelRequest.objects.count() == 1  # a second run adds none


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
    """Two seasons, each a meeting every four weeks on its own day at the same hour: last
    year's autumn (for last year's yearly report) and this year's series around today. In
    the first months of a year the two overlap in time, never on the same day."""
    load_demo()
    last_years = {event.slug for event in demo_events() if event.last_year_from}
    meetings = Event.objects.filter(kind=EventKind.MEETING).order_by("start")
    seasons = [
        [
            timezone.localtime(event.start)
            for event in meetings
            if (event.slug in last_years) == past
        ]
        for past in (True, False)
    ]
    assert [len(season) >= 2 for season in seasons] == [True, True]
    assert {start.year for start in seasons[0]} == {timezone.localdate().year - 1}
    for season in seasons:
        assert len({(start.weekday(), start.time()) for start in season}) == 1
        assert {(b.date() - a.date()).days for a, b in pairwise(season)} == {28}
    assert seasons[0][0].weekday() != seasons[1][0].weekday()


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
    quiet = without_contributions_since(Profile.objects.all(), now - timedelta(days=90))
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


# The library: knowledge/demo.py.

# Tools and cases are written in their sections (knowledge/sections.py), the other kinds in
# one text with these headings.
OUTLINE_HEADINGS = {
    ResourceKind.BACKGROUND: (
        "## Waar het over gaat",
        "## Waarom het ertoe doet voor samenlevingsopbouw",
        "## Bronnen",
    ),
    ResourceKind.REPORT: (
        "## Wie deden er mee",
        "## Wat we bespraken",
        "## Wat we leerden",
        "## Volgende stappen",
    ),
}


def test_demo_library_has_every_kind_both_visibilities_and_drafts():
    load_demo()
    now = timezone.now()
    published = Resource.objects.published()
    assert published.count() >= 28
    for kind in ResourceKind.values:
        assert published.filter(kind=kind).count() >= 4, kind
    public = published.filter(visibility=Visibility.PUBLIC).count()
    members = published.filter(visibility=Visibility.MEMBERS).count()
    assert members >= 5
    assert 0.55 <= public / (public + members) <= 0.75  # about two thirds public
    dates = sorted(published.values_list("published_at", flat=True))
    assert dates[-1] < now
    assert now - timedelta(days=550) < dates[0] < now - timedelta(days=365)  # 18 months
    drafts = Resource.objects.filter(status=ResourceStatus.DRAFT)
    assert drafts.count() == 2
    assert not drafts.exclude(published_at=None).exists()
    member = User.objects.get(email="bijeenkomsten@example.org")
    own_draft = drafts.get(authors=member)
    assert own_draft in Resource.objects.visible_to(member)
    for other in (AnonymousUser(), User.objects.get(email="events@example.org")):
        assert own_draft not in Resource.objects.visible_to(other)
        assert not Resource.objects.visible_to(other).filter(status=ResourceStatus.DRAFT).exists()


def test_demo_library_items_are_dutch_markdown_in_their_kinds_outline():
    load_demo()
    vocabulary = set(TaggedResource.objects.values_list("tag__name", flat=True))
    assert 12 <= len(vocabulary) <= 18  # one shared vocabulary of about fifteen tags
    for resource in Resource.objects.prefetch_related("tags"):
        resource.full_clean()
        assert resource.slug == slugify(resource.title)
        assert len(resource.summary) <= 300
        assert not any(line.startswith("# ") for line in resource.body.splitlines())
        if has_sections(resource.kind):
            # The sections ask for more (active elements, foundation, literature).
            assert 150 <= len(resource.body.split()) <= 600, resource.slug
            assert resource.sections, resource.slug
            assert resource.status == ResourceStatus.DRAFT or can_publish(resource), resource.slug
            continue
        assert 150 <= len(resource.body.split()) <= 400, resource.slug
        assert resource.body_html.startswith("<h2>")
        for heading in OUTLINE_HEADINGS[resource.kind]:
            assert heading in resource.body, (resource.slug, heading)
        assert 2 <= resource.tags.count() <= 4, resource.slug
    assert Resource.objects.filter(title="Signalenkaart", kind=ResourceKind.TOOL).exists()


def test_demo_reports_belong_to_past_meetings():
    load_demo()
    now = timezone.now()
    reports = Resource.objects.published().filter(kind=ResourceKind.REPORT)
    assert reports.exclude(event=None).count() >= 3
    for report in reports.exclude(event=None).select_related("event"):
        assert report.event.kind == EventKind.MEETING
        assert report.event.end < report.published_at < now
        # A report of a members' meeting is for members, like the meeting itself.
        assert report.visibility == Visibility.MEMBERS
    past = Event.objects.filter(kind=EventKind.MEETING, status=EventStatus.PUBLISHED).past(now)
    assert past.filter(resources__kind=ResourceKind.REPORT).exists()


def test_demo_library_is_written_by_demo_members():
    load_demo()
    resources = Resource.objects.prefetch_related("authors__profile")
    authors = {author for resource in resources for author in resource.authors.all()}
    assert len(authors) >= 10
    assert sum(resource.authors.count() == 2 for resource in resources) >= 5
    for resource in resources:
        names = [author.email for author in resource.authors.all()]
        if names:
            assert resource.created_by.email in names
        for author in resource.authors.all():
            assert author.profile.approved_at < resource.created_at, (resource.slug, author)
    # A former member: the account is gone, the item stays with "voormalig lid".
    orphan = Resource.objects.public().get(authors=None)
    assert orphan.created_by is None
    with translation.override("nl"):
        assert orphan.author_names() == ["voormalig lid"]


def test_demo_library_shows_a_former_member(client):
    load_demo()
    orphan = Resource.objects.public().get(authors=None)
    response = client.get(orphan.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "voormalig lid" in response.content.decode()


def test_demo_library_has_comments_and_one_hidden():
    load_demo()
    now = timezone.now()
    comments = Comment.objects.select_related("author__profile", "resource")
    assert comments.count() >= 20
    assert comments.values("resource").distinct().count() >= 10
    assert comments.values("author").distinct().count() >= 10
    hidden = comments.get(hidden=True)
    assert hidden not in Comment.objects.shown()
    for comment in comments:
        assert comment.resource.status == ResourceStatus.PUBLISHED
        assert comment.resource.published_at < comment.created_at < now
        assert comment.author.profile.status == MembershipStatus.ACTIVE
        assert comment.author.profile.approved_at < comment.created_at
        assert comment.body_html.startswith("<p>")


def test_demo_library_has_themes():
    load_demo()
    themes = list(FeaturedTag.objects.select_related("tag"))
    assert 5 <= len(themes) <= 6
    assert len({theme.position for theme in themes}) == len(themes)
    for theme in themes:
        assert 0 < len(theme.description) <= 300
        assert Resource.objects.public().filter(tags=theme.tag).count() >= 3


def _assert_valid_pdf(data: bytes) -> None:
    """Header, objects where the cross-reference table says they are, trailer."""
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    startxref = int(data[data.rindex(b"startxref") :].split()[1])
    assert data[startxref:].startswith(b"xref")
    lines = data[startxref:].split(b"\n")
    first, count = (int(value) for value in lines[1].split())
    assert first == 0 and count >= 4
    for number, entry in enumerate(lines[2 : 2 + count]):
        offset, _generation, kind = entry.split()
        if kind == b"n":
            assert data[int(offset) :].startswith(b"%d 0 obj" % number)
    assert b"/Root 1 0 R" in data[data.rindex(b"trailer") :]


def test_demo_attachments_are_files_made_in_code(settings, client):
    load_demo()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    attachments = list(Attachment.objects.select_related("resource"))
    assert attachments
    kinds = set()
    for attachment in attachments:
        path = Path(attachment.file.path).resolve()
        assert path.is_relative_to(media_root) and path.is_file()
        assert attachment.size == path.stat().st_size
        data = path.read_bytes()
        if attachment.content_type == "application/pdf":
            _assert_valid_pdf(data)
            assert attachment.download_name.endswith(".pdf")
        else:
            assert attachment.content_type == "image/png"
            with Image.open(path) as image:
                assert image.format == "PNG"
        kinds.add(attachment.content_type)
        assert attachment.uploaded_by in attachment.resource.authors.all()
    assert "application/pdf" in kinds
    tool = Resource.objects.public().get(kind=ResourceKind.TOOL, attachments__isnull=False)
    pdf = tool.attachments.get()
    response = client.get(pdf.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    for attachment in Attachment.objects.filter(resource__visibility=Visibility.MEMBERS):
        assert client.get(attachment.get_absolute_url()).status_code in (302, 404)


def test_a_second_run_leaves_the_library_alone(settings):
    load_demo()
    item = Resource.objects.get(slug="signalenkaart")
    item.title = "Signalenkaart, door de coördinator herschreven"
    item.save()
    FeaturedTag.objects.filter(position=1).delete()  # the coordinator's choice of themes

    def snapshot():
        files = sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
        return (
            list(Resource.objects.order_by("pk").values()),
            list(Resource.authors.through.objects.order_by("pk").values()),
            list(TaggedResource.objects.order_by("pk").values()),
            list(Comment.objects.order_by("pk").values()),
            list(Attachment.objects.order_by("pk").values()),
            list(FeaturedTag.objects.order_by("pk").values()),
            list(Tag.objects.order_by("pk").values()),
            files,
        )

    before = snapshot()
    load_demo()
    assert snapshot() == before
