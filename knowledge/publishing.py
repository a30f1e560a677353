"""Publishing a library item and making it a draft again: the one place its status changes.

A published item is seen by its audience (`Resource.objects.visible_to`); a draft only by
its authors and the coordinator. The first publication date stays when an item is made a
draft and published again (`Resource.save` records it): lists and the feed order by it.
The writer's form (knowledge/sharing.py), the item's page, the admin's change form and
its actions call these functions.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from atelier import page_cache

from .models import Resource, ResourceStatus


def publish(resource: Resource) -> None:
    """Mark one item published; the caller saves it with the rest of its changes."""
    resource.status = ResourceStatus.PUBLISHED


def keep_as_draft(resource: Resource) -> None:
    """Mark a new item a draft (an item once published stays so until unpublished)."""
    if resource.pk is None:
        resource.status = ResourceStatus.DRAFT


def unpublish(resource: Resource) -> None:
    """Make one item a draft again, and save it."""
    resource.status = ResourceStatus.DRAFT
    resource.save(update_fields=["status", "updated_at"])


@transaction.atomic
def publish_all(resources: QuerySet[Resource]) -> int:
    """Publish the drafts among `resources` (the admin's action). Returns how many.

    One by one, so that `Resource.save` dates each first publication and its signals
    refresh what shows the library.
    """
    drafts = list(resources.filter(status=ResourceStatus.DRAFT))
    for resource in drafts:
        publish(resource)
        resource.save()
    return len(drafts)


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
