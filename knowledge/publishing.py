"""Publishing a library item and making it a draft again: the one place its status changes.

A published item is seen by its audience (`Resource.objects.visible_to`); a draft only by
its authors and the coordinator. The first publication date stays when an item is made a
draft and published again (`Resource.save` records it): lists and the feed order by it.
The writer's form (knowledge/sharing.py), the item's page and the admin's actions call
these functions.
"""

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


def publish_all(resources: QuerySet[Resource]) -> int:
    """Publish the drafts among `resources` (the admin's action). Returns how many."""
    drafts = resources.filter(status=ResourceStatus.DRAFT)
    count = drafts.count()
    now = timezone.now()
    drafts.filter(published_at__isnull=True).update(published_at=now)
    # update() skips auto_now: the feed's "updated" date must still move.
    drafts.update(status=ResourceStatus.PUBLISHED, updated_at=now)
    page_cache.mark_stale("library")  # update() sends no signals
    return count


def unpublish_all(resources: QuerySet[Resource]) -> int:
    """Make the published items among `resources` drafts again. Returns how many."""
    count = resources.filter(status=ResourceStatus.PUBLISHED).update(
        status=ResourceStatus.DRAFT, updated_at=timezone.now()
    )
    page_cache.mark_stale("library")  # update() sends no signals
    return count
