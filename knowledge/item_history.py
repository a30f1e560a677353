"""How an item's versions are recorded: every save that changes what it says is one.

django-simple-history writes a version (a row of knowledge.HistoricalResource) after every
save of an item, whichever path saved it: the writer's form, the admin, a restore, a
loader. `ItemHistory` leaves out the saves that change nothing a reader would call a
change, so the list of versions holds no empty ones: a save that only renders the stored
HTML again, dates the first publication or re-saves the same text.

Who made the change comes from the request (simple_history's HistoryRequestMiddleware)
or, outside requests, from `item._history_user`, which loaders set where there is a person.
"""

from typing import Any

from django.db.models import Model
from simple_history.models import HistoricalRecords

# What a version is about: the texts, the address, and who may read it. The stored HTML
# follows from the texts; the dates and the creator are bookkeeping.
NOT_A_CHANGE = {"body_html", "sections_html", "published_at", "created_at", "created_by"}


def changed_fields(item: Model) -> list[str]:
    """The fields of `item` that differ from its newest version (all of them if none)."""
    history = item.history  # type: ignore[attr-defined]
    fields = [
        field.attname for field in history.model.tracked_fields if field.name not in NOT_A_CHANGE
    ]
    newest = history.order_by("-history_date", "-history_id").values(*fields).first()
    if newest is None:
        return fields
    return [name for name in fields if getattr(item, name) != newest[name]]


class ItemHistory(HistoricalRecords):
    """HistoricalRecords that records a change only when there is one."""

    def post_save(self, instance: Any, created: bool, using: Any = None, **kwargs: Any) -> None:
        if created or kwargs.get("raw") or changed_fields(instance):
            super().post_save(instance, created, using=using, **kwargs)
