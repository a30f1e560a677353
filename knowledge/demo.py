"""Demo library for `make run`: cases, tools, background and reports that look lived in.

The items are Markdown files in demo/library/, one an item, named by its slug; the header
holds the facts (authors by their key in demo/members/, a report's meeting by its slug in
demo/events/), the body is the item's text. The comments on an item are in
demo/library/comments/<slug>.toml, attached files in demo/library/files/, the library's
first themes in demo/library/themes.toml (demo/README.md explains the fields).

Dates are relative to today; a report is dated a few days after its meeting. Items are
looked up by slug: an item that exists is left alone, with its tags, comments and files,
so a second run adds nothing and changes nothing. Themes are only set when there are
none yet, so the coordinator's choice of themes stands.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from taggit.models import Tag

from atelier.content_files import DEMO_FOLDER, build, read_content_folder, read_toml
from members.demo import demo_profiles
from sessions_app.models import Event, EventKind

from .attachments import check_attachment
from .models import (
    Attachment,
    Comment,
    FeaturedTag,
    Recognition,
    Resource,
    ResourceStatus,
    Visibility,
)
from .sharing import add_attachment

FOLDER = DEMO_FOLDER / "library"
PUBLISH_HOUR = time(10)


@dataclass(frozen=True)
class DemoComment:
    by: str  # the key of a demo member
    days_later: int  # days after the item was published
    text: str
    hidden: bool = False  # hidden by the coordinator


@dataclass(frozen=True)
class DemoResource:
    slug: str
    kind: str
    title: str
    summary: str
    body: str
    tags: list[str]
    authors: list[str]  # keys of demo members; the first created it. Empty: a former member
    published_days_ago: int  # a draft: written; a report: only if its meeting is gone
    visibility: str = Visibility.PUBLIC
    status: str = ResourceStatus.PUBLISHED
    meeting: str = ""  # the slug of the past meeting a report is about
    attachment: str = ""  # a file in demo/library/files/, named as people download it
    comments: tuple[DemoComment, ...] = ()
    # A tool's recognition by a databank: databank, level, days_ago, url (models.Recognition).
    recognition: dict | None = None


def demo_library() -> list[DemoResource]:
    """The demo items of demo/library/, with their comments."""
    return [
        file.build(DemoResource, slug=file.key, body=file.body, comments=_comments(file.key))
        for file in read_content_folder(FOLDER)
    ]


def _comments(slug: str) -> tuple[DemoComment, ...]:
    path = FOLDER / "comments" / f"{slug}.toml"
    if not path.exists():
        return ()
    return tuple(build(DemoComment, path, **fields) for fields in read_toml(path)["comment"])


def load_library(now=None) -> int:
    """Add the demo items that are missing, with their comments and files; returns how many."""
    now = now or timezone.now()
    library = demo_library()
    existing = set(
        Resource.objects.filter(slug__in=[demo.slug for demo in library]).values_list(
            "slug", flat=True
        )
    )
    users = {key: profile.user for key, profile in demo_profiles().items()}
    # The past meetings, oldest first; reports are looked up among them by slug.
    meetings = {
        event.slug: event
        for event in Event.objects.published()
        .filter(kind=EventKind.MEETING)
        .past(now)
        .order_by("start")
    }
    created = 0
    for number, demo in enumerate(library):
        if demo.slug in existing:
            continue  # someone's item now, comments and files and all
        _create_resource(demo, number, users, meetings.get(demo.meeting), now)
        created += 1
    _feature_themes()
    return created


def _moment(now, days_ago: int, number: int) -> datetime:
    """A fixed time of day on the day `days_ago` days before today (Europe/Amsterdam)."""
    tz = timezone.get_default_timezone()
    day = timezone.localdate(now, tz) - timedelta(days=days_ago)
    at = datetime.combine(day, PUBLISH_HOUR, tzinfo=tz) + timedelta(minutes=37 * (number % 11))
    return min(at, now - timedelta(hours=1))


def _create_resource(demo: DemoResource, number: int, users, event: Event | None, now):
    if event is not None:
        # A report appears a few days after its meeting (a draft: is being written).
        since = (timezone.localdate(now) - timezone.localdate(event.end)).days
        days_ago = max(since - (3 if demo.status == ResourceStatus.PUBLISHED else 2), 1)
    else:
        days_ago = demo.published_days_ago
    when = _moment(now, days_ago, number)
    published = demo.status == ResourceStatus.PUBLISHED
    created_at = when - timedelta(days=2) if published else when
    authors = [users[key] for key in demo.authors if key in users]
    resource = Resource(
        kind=demo.kind,
        title=demo.title,
        slug=demo.slug,
        summary=demo.summary,
        body=demo.body,
        created_by=authors[0] if authors else None,
        visibility=demo.visibility,
        status=demo.status,
        event=event,
        published_at=when if published else None,
        created_at=created_at,
    )
    resource._history_user = authors[0] if authors else None  # its first version's writer
    resource._history_date = created_at
    resource.save()  # renders the Markdown; a tool's or case's at its section headings
    Resource.objects.filter(pk=resource.pk).update(updated_at=when)
    resource.set_authors(authors)
    resource.tags.add(*demo.tags)
    if demo.recognition:
        _recognise(resource, now, **demo.recognition)
    if demo.attachment:
        _attach(resource, demo.attachment, authors[0] if authors else None, when)
    for position, comment in enumerate(demo.comments, start=1):
        author = users.get(comment.by)
        if author is None:
            continue
        at = when + timedelta(days=comment.days_later, hours=position)
        at = min(at, now - timedelta(minutes=10 * (len(demo.comments) - position + 1)))
        saved = Comment.objects.create(
            resource=resource,
            author=author,
            body=comment.text,
            hidden=comment.hidden,
            created_at=at,
        )
        Comment.objects.filter(pk=saved.pk).update(updated_at=at)
    return resource


def _recognise(resource: Resource, now, databank: str, level: str, days_ago: int, url: str):
    Recognition.objects.create(
        resource=resource,
        databank=databank,
        level=level,
        recognised_on=timezone.localdate(now) - timedelta(days=days_ago),
        url=url,
    )


def _attach(resource: Resource, download_name: str, uploaded_by, when) -> None:
    content = (FOLDER / "files" / download_name).read_bytes()
    checked = check_attachment(SimpleUploadedFile(download_name, content))
    attachment = add_attachment(resource, checked, uploaded_by)
    Attachment.objects.filter(pk=attachment.pk).update(created_at=when)


def _feature_themes() -> None:
    """The first themes of the library, unless the coordinator has chosen some already."""
    if FeaturedTag.objects.exists():
        return
    themes = read_toml(FOLDER / "themes.toml")["theme"]
    for position, theme in enumerate(themes, start=1):
        name, description = theme["tag"], theme["description"]
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        FeaturedTag.objects.create(tag=tag, description=description, position=position)
