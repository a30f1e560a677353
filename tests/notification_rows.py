"""Follows and notifications written straight through the models, for the tests of
following, notifications and digests."""

from datetime import timedelta

from django.utils import timezone

from notifications.models import Follow, Kind, Notification


def follow(user, thing) -> Follow:
    """`user` follows `thing` (a tag, item, question or member)."""
    return Follow.objects.create(user=user, target=thing)


def notify(user, thing, kind=Kind.ITEMS, count=1, minutes_ago=0, read=False) -> Notification:
    """A notification for `user` about `thing`, `minutes_ago` old, read or not."""
    when = timezone.now() - timedelta(minutes=minutes_ago)
    return Notification.objects.create(
        user=user,
        kind=kind,
        target=thing,
        count=count,
        created_at=when,
        updated_at=when,
        read_at=when if read else None,
    )
