from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .search_index import INDEX


class SessionsAppConfig(AppConfig):
    """The agenda: members' meetings and public events, registration and calendars."""

    name = "sessions_app"
    verbose_name = _("Agenda")

    def ready(self):
        from members.signals import membership_changed

        from .registration import release_after_membership_change

        # A new level or status releases the places the person may no longer hold.
        membership_changed.connect(
            release_after_membership_change, dispatch_uid="sessions_app.release_registrations"
        )
        post_migrate.connect(restore_search_triggers, sender=self)


def restore_search_triggers(using: str, **kwargs) -> None:
    """A migration that rebuilt the events' table on SQLite took the index's triggers."""
    INDEX.restore_triggers(connections[using])
