"""Factories for the test data: accounts, profiles at each participation level and status,
coordinators, events, registrations, library items, attachments and comments (factory_boy), and
the `make_*` functions the tests call them through.

Every factory builds what the tests rely on unless told otherwise: an active member taking part
in meetings, a published meeting a week from now, a published public library item.
"""

import itertools
from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from atelier.coordinator import COORDINATOR_GROUP
from dashboard.models import YearReport
from knowledge.models import (
    Attachment,
    Comment,
    Resource,
    ResourceKind,
    ResourceStatus,
    Uptake,
    Visibility,
)
from knowledge.sharing import unique_slug
from members.models import MembershipStatus, ParticipationLevel, Profile, User
from questions.models import Answer, Question, QuestionStatus
from sessions_app.models import Event, EventKind, EventStatus, Registration, RegistrationStatus
from value.models import CycleState, StoryAudience, ValueStory

from .samples import pdf

PASSWORD = "een-goed-wachtwoord-42"
PDF_BYTES = pdf()  # a real one: attachments are checked by their structure

# The six roles of docs/design.md's access table.
ROLES = [
    "visitor",
    "applicant",
    "member_public_events",
    "member_online",
    "member_meetings",
    "coordinator",
]

_numbers = itertools.count(1)


class UserFactory(DjangoModelFactory):
    """An account with a verified primary e-mail address, as after sign-up."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"lid{n}@example.org")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, email, password, **fields):
        user = model_class.objects.create_user(email, password, **fields)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user


class CoordinatorFactory(UserFactory):
    """Staff in the coordinator group, never a superuser."""

    class Meta:
        skip_postgeneration_save = True

    email = "coordinator@example.org"
    is_staff = True

    @factory.post_generation
    def coordinator_group(user, create, extracted, **kwargs):
        user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))


class ProfileFactory(DjangoModelFactory):
    """An approved, active profile taking part in meetings; `applied=True` for an application
    not yet decided; any other status or level by its field."""

    class Meta:
        model = Profile

    class Params:
        # One moment for consent and approval, as when a coordinator approves at once.
        now = factory.LazyFunction(timezone.now)
        applied = factory.Trait(status=MembershipStatus.APPLIED)

    user = factory.SubFactory(UserFactory)
    status = MembershipStatus.ACTIVE
    participation_level = ParticipationLevel.MEETINGS
    display_name = factory.LazyAttribute(
        lambda profile: profile.user.email.split("@")[0].replace(".", " ").title()
    )
    organisation = "Zuyd Hogeschool"
    sector = "research"
    motivation = "Ik deel mijn ervaring met buurtwerk en leer graag van anderen."
    privacy_consent_at = factory.SelfAttribute("now")
    approved_at = factory.LazyAttribute(
        lambda profile: profile.now if profile.status != MembershipStatus.APPLIED else None
    )


class EventFactory(DjangoModelFactory):
    """A published meeting a week from now, two hours long."""

    class Meta:
        model = Event

    class Params:
        days_ahead = 7
        default_start = factory.LazyAttribute(
            lambda event: timezone.now() + timedelta(days=event.days_ahead)
        )

    slug = "bijeenkomst"
    kind = EventKind.MEETING
    status = EventStatus.PUBLISHED
    capacity = None
    title = factory.LazyAttribute(lambda event: event.slug.replace("-", " ").capitalize())
    summary = "Samen leren over samenlevingsopbouw."
    start = factory.SelfAttribute("default_start")
    # Two hours after the default start, also when only `start` is given (as always).
    end = factory.LazyAttribute(lambda event: event.default_start + timedelta(hours=2))
    place = "Zuyd Hogeschool, Heerlen"


class RegistrationFactory(DjangoModelFactory):
    """A confirmed place for a member at the published meeting; a guest by `guest_name` and
    `guest_email` with `user=None`."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED


def complete_sections(kind: str, main_text: str) -> dict[str, str]:
    """The required sections of a tool or case, `main_text` its approach or situation."""
    if kind == ResourceKind.TOOL:
        return {"target_group": "Bewoners.", "goal": "Samen praten.", "approach": main_text}
    if kind == ResourceKind.CASE:
        return {"situation": main_text, "what_we_did": "We gingen langs."}
    return {}


class ResourceFactory(DjangoModelFactory):
    """A library item, published and public; `created_by` is also its first author, the
    `coauthors` follow in order."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    kind = ResourceKind.TOOL
    title = "Het buurtgesprek"
    slug = factory.LazyAttribute(lambda resource: unique_slug(resource.title))
    summary = "Kort over deze werkvorm."
    body = "Een werkvorm om met bewoners in gesprek te gaan."
    # A tool or case is complete enough to publish: its required sections, the body the
    # main one (a tool's approach, a case's situation).
    sections = factory.LazyAttribute(
        lambda resource: complete_sections(resource.kind, resource.body)
    )
    visibility = Visibility.PUBLIC
    status = ResourceStatus.PUBLISHED
    published_at = None
    created_by = None

    @factory.post_generation
    def coauthors(resource, create, extracted, **kwargs):
        if resource.created_by is not None:
            resource.set_authors([resource.created_by, *(extracted or ())])

    @factory.post_generation
    def tags(resource, create, extracted, **kwargs):
        if extracted:
            resource.tags.add(*extracted)


class AttachmentFactory(DjangoModelFactory):
    """A PDF attachment stored under a random-looking name, as an upload is, or under
    `stored_as`."""

    class Meta:
        model = Attachment

    class Params:
        data = PDF_BYTES
        stored_as = None

    resource = factory.SubFactory(ResourceFactory)
    download_name = "verslag.pdf"
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda attachment: len(attachment.data))

    file = factory.LazyAttribute(
        lambda attachment: ContentFile(
            attachment.data, name=attachment.stored_as or f"{next(_numbers):032x}.pdf"
        )
    )


class CommentFactory(DjangoModelFactory):
    """A member's comment on a library item."""

    class Meta:
        model = Comment

    resource = factory.SubFactory(ResourceFactory)
    author = factory.SubFactory(UserFactory)
    body = "Mooi!"


class QuestionFactory(DjangoModelFactory):
    """A published question from practice that members may read, asked by an active member."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    title = "Hoe houd ik de signaalfunctie overeind?"
    slug = factory.Sequence(lambda number: f"vraag-{number}")
    body = "In onze wijk financiert de gemeente alleen nog individuele hulp."
    asker = factory.LazyFunction(lambda: ProfileFactory().user)
    visibility = Visibility.MEMBERS
    status = QuestionStatus.PUBLISHED

    @factory.post_generation
    def tags(question, create, extracted, **kwargs):
        if extracted:
            question.tags.add(*extracted)


class AnswerFactory(DjangoModelFactory):
    """A member's answer to a published question."""

    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    author = factory.LazyFunction(lambda: ProfileFactory().user)
    body = "Wij houden een signalenlogboek bij en bespreken het elk kwartaal met de gemeente."


def make_user(email: str = "lid@example.org", password: str = PASSWORD, **fields) -> User:
    """An account with a verified primary e-mail address, as after sign-up."""
    return UserFactory(email=email, password=password, **fields)


def make_coordinator(email: str = "coordinator@example.org") -> User:
    return CoordinatorFactory(email=email)


def make_profile(
    user: User,
    status: str = MembershipStatus.ACTIVE,
    level: str = ParticipationLevel.MEETINGS,
    **fields,
) -> Profile:
    return ProfileFactory(user=user, status=status, participation_level=level, **fields)


def make_member(
    email: str = "deelnemer@example.org", level: str = ParticipationLevel.MEETINGS, **fields
) -> User:
    """An approved, active member at the given participation level."""
    user = make_user(email)
    make_profile(user, MembershipStatus.ACTIVE, level, **fields)
    return user


def make_applicant(email: str = "aanvrager@example.org", **fields) -> User:
    """Someone who applied and waits for the coordinator's decision."""
    user = make_user(email)
    ProfileFactory(user=user, applied=True, **fields)
    return user


def members(count: int, level=ParticipationLevel.MEETINGS, prefix="lid") -> list:
    return [make_member(f"{prefix}{n}@example.org", level) for n in range(count)]


def make_role(role: str) -> User | None:
    """A user in one of the six roles (None for the anonymous visitor)."""
    if role == "visitor":
        return None
    if role == "applicant":
        return make_applicant("aanvrager@example.org")
    if role == "coordinator":
        return make_coordinator()
    level = role.removeprefix("member_")
    return make_member(f"{level.replace('_', '-')}@example.org", level)


def make_event(
    slug: str = "bijeenkomst",
    kind: str = EventKind.MEETING,
    status: str = EventStatus.PUBLISHED,
    days_ahead: float = 7,
    capacity: int | None = None,
    **fields,
) -> Event:
    """A published event a week from now, two hours long."""
    return EventFactory(
        slug=slug, kind=kind, status=status, days_ahead=days_ahead, capacity=capacity, **fields
    )


def make_event_at(slug, start, hours=2, **fields) -> Event:
    """An event at a fixed moment (whole seconds, so it survives a round trip via iCalendar)."""
    return make_event(slug, start=start, end=start + timedelta(hours=hours), **fields)


def make_resource(title: str = "Het buurtgesprek", author=None, **fields) -> Resource:
    """A library item, published and public unless told otherwise."""
    slug = fields.pop("slug", None) or unique_slug(title)
    return ResourceFactory(title=title, slug=slug, created_by=author, **fields)


def make_registration(
    event: Event, user: User | None = None, status: str = RegistrationStatus.CONFIRMED, **fields
) -> Registration:
    """A member's registration for the event, confirmed unless told otherwise; without a user,
    a guest's (give `guest_name` and `guest_email`)."""
    return RegistrationFactory(event=event, user=user, status=status, **fields)


def make_item(slug: str = "werkvorm", author: User | None = None, **fields) -> Resource:
    """A short library item titled after its slug ("open-stuk" is "Open stuk"), published and
    public unless told otherwise; `author` created it and is its first author."""
    defaults = {"title": slug.replace("-", " ").capitalize(), "summary": "Kort.", "body": "Tekst."}
    return ResourceFactory(slug=slug, created_by=author, **{**defaults, **fields})


def make_attachment(
    resource, name: str = "verslag.pdf", data: bytes = PDF_BYTES, stored_as: str | None = None
) -> Attachment:
    """A PDF attachment of the item, stored under a random-looking name or `stored_as`."""
    return AttachmentFactory(resource=resource, download_name=name, data=data, stored_as=stored_as)


def make_comment(resource: Resource, author: User, body: str = "Mooi!", **fields) -> Comment:
    return CommentFactory(resource=resource, author=author, body=body, **fields)


def make_question(asker: User | None = None, **fields) -> Question:
    """A published members-only question, asked by `asker` (a new member unless given)."""
    if asker is not None:
        fields["asker"] = asker
    return QuestionFactory(**fields)


def make_answer(question: Question, author: User, body: str | None = None, **fields) -> Answer:
    """`author`'s answer to `question`. Counting answers is the questions app's business:
    this only writes the row."""
    if body is not None:
        fields["body"] = body
    return AnswerFactory(question=question, author=author, **fields)


def make_story(
    author: User | None, audience: str = StoryAudience.MEMBERS, about=(), **fields
) -> ValueStory:
    """`author`'s value story for `audience`, telling the applied cycle (happened) unless the
    cycles are given; `about` holds the events, items and questions it is about."""
    if not any(cycle in fields for cycle in ("immediate", "potential", "realised", "reframing")):
        fields.setdefault("applied", "Ik gebruik de werkvorm nu in mijn eigen wijk.")
        fields.setdefault("applied_state", CycleState.HAPPENED)
    story = ValueStory.objects.create(
        author=author, audience=audience, title=fields.pop("title", "Wat het me bracht"), **fields
    )
    for thing in about:
        {Event: story.events, Resource: story.resources, Question: story.questions}[
            type(thing)
        ].add(thing)
    return story


def make_uptake(resource: Resource, author: User | None, **fields) -> Uptake:
    """`author`'s experience of using `resource` a week ago, for members only unless told."""
    defaults = {
        "used_on": timezone.localdate() - timedelta(days=7),
        "place": "Heerlen-Noord",
        "group": "bewoners van de Schandelerstraat",
        "what_happened": "Twaalf bewoners kwamen; het gesprek ging over de speeltuin.",
    }
    return Uptake.objects.create(resource=resource, author=author, **{**defaults, **fields})


def make_year_report(year: int, stories=(), published: bool = True, **fields) -> YearReport:
    """The yearly report of `year` holding `stories`, published unless told otherwise."""
    report = YearReport.objects.create(
        year=year, published_at=timezone.now() if published else None, **fields
    )
    report.stories.set(stories)
    return report
