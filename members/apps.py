from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .search_index import INDEX


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        post_migrate.connect(restore_search_triggers, sender=self)


def restore_search_triggers(using: str, **kwargs) -> None:
    """A migration that rebuilt the profiles' table on SQLite took the index's triggers."""
    INDEX.restore_triggers(connections[using])
