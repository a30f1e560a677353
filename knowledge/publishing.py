"""Publishing a library item and making it a draft again: the one place its status changes.

A published item is seen by its audience (`Resource.objects.visible_to`); a draft only by
its authors and the coordinator. The first publication date stays when an item is made a
draft and published again (`Resource.save` records it): lists and the feed order by it.
The writer's form (knowledge/sharing.py), the item's page, the admin's change form and
its actions call these functions.

A draft may be incomplete; to be published, an item needs its summary and, for a tool or
a case, the sections knowledge/sections.py marks required (`missing_for_publication`).
"""

from typing import NamedTuple

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from atelier import page_cache

from .models import Resource, ResourceStatus
from .sections import required_sections


class Missing(NamedTuple):
    """Something an item needs before it is published: the field ("summary" or a
    section's key) and what to do, in the reader's language."""

    field: str
    message: str


def missing_for_publication(resource: Resource) -> list[Missing]:
    """What the item still lacks to be published, in the order of the form; [] if ready.

    Reads the texts as they are on the object, so a form can ask before saving.
    """
    missing = []
    if not resource.summary.strip():
        missing.append(Missing("summary", _("Write a short summary before publishing.")))
    for section in required_sections(resource.kind):
        if not str(resource.sections.get(section.key) or "").strip():
            message = _("Fill in “%(section)s” before publishing. A draft may leave it empty.") % {
                "section": section.label
            }
            missing.append(Missing(section.key, message))
    return missing


def can_publish(resource: Resource) -> bool:
    return not missing_for_publication(resource)


def publish(resource: Resource) -> None:
    """Mark one item published; the caller saves it with the rest of its changes, after
    checking `missing_for_publication` (its form shows what is missing)."""
    resource.status = ResourceStatus.PUBLISHED


def keep_as_draft(resource: Resource) -> None:
    """Mark a new item a draft (an item once published stays so until unpublished)."""
    if resource.pk is None:
        resource.status = ResourceStatus.DRAFT


def unpublish(resource: Resource) -> None:
    """Make one item a draft again, and save it."""
    resource.status = ResourceStatus.DRAFT
    resource.save(update_fields=["status", "updated_at"])


class PublishedAll(NamedTuple):
    published: int
    incomplete: list[Resource]  # drafts left as they are: they lack something


@transaction.atomic
def publish_all(resources: QuerySet[Resource]) -> PublishedAll:
    """Publish the complete drafts among `resources` (the admin's action).

    One by one, so that `Resource.save` dates each first publication and its signals
    refresh what shows the library. Incomplete drafts stay drafts and are named back.
    """
    drafts = list(resources.filter(status=ResourceStatus.DRAFT))
    ready = [resource for resource in drafts if can_publish(resource)]
    for resource in ready:
        publish(resource)
        resource.save()
    return PublishedAll(len(ready), [resource for resource in drafts if resource not in ready])


@transaction.atomic
def unpublish_all(resources: QuerySet[Resource]) -> int:
    """Make the published items among `resources` drafts again. Returns how many."""
    published = list(resources.filter(status=ResourceStatus.PUBLISHED))
    count = Resource.objects.filter(pk__in=[resource.pk for resource in published]).update(
        status=ResourceStatus.DRAFT, updated_at=timezone.now()
    )
    page_cache.mark_stale("library", "tag-counts")  # update() sends no signals
    for resource in published:
        resource.status = ResourceStatus.DRAFT
    # Nor does it make versions (knowledge/versions.py): one each, by whoever asked.
    Resource.history.bulk_history_create(published, update=True)
    return count
