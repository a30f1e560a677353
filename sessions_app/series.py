"""A series of meetings: the coordinator plans follow-up dates of an event in one go.

The atelier meets in a rhythm (docs/design.md); the admin's "Plan follow-up dates" action
copies an event to new dates at a fixed interval.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import Event, EventStatus


@transaction.atomic
def copy_to_dates(
    original: Event, first_start: datetime, count: int, interval_weeks: int, publish: bool
) -> list[Event]:
    """`count` copies of `original`, the first at `first_start`, then every `interval_weeks`.

    Each keeps the original's length and how long before the start registration closes;
    its address is the title and the date (with a number when taken). Published at once
    when `publish`, otherwise drafts for the coordinator to finish.
    """
    duration = original.end - original.start
    deadline_offset = (
        original.start - original.registration_deadline if original.registration_deadline else None
    )
    created = []
    for number in range(count):
        start = first_start + timedelta(weeks=interval_weeks * number)
        base_slug = slugify(f"{original.title}-{timezone.localtime(start):%Y-%m-%d}")[:110]
        slug, suffix = base_slug, 2
        while Event.objects.filter(slug=slug).exists():
            slug, suffix = f"{base_slug}-{suffix}", suffix + 1
        created.append(
            Event.objects.create(
                kind=original.kind,
                title=original.title,
                slug=slug,
                summary=original.summary,
                description=original.description,
                start=start,
                end=start + duration,
                place=original.place,
                online_link=original.online_link,
                capacity=original.capacity,
                registration_deadline=start - deadline_offset if deadline_offset else None,
                status=EventStatus.PUBLISHED if publish else EventStatus.DRAFT,
            )
        )
    return created
