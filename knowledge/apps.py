from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .search_index import restore_triggers


class KnowledgeConfig(AppConfig):
    """The knowledge library: practice cases, tools, background and meeting reports."""

    name = "knowledge"
    verbose_name = _("Knowledge library")

    def ready(self) -> None:
        post_migrate.connect(restore_search_triggers, sender=self)


def restore_search_triggers(using: str, **kwargs) -> None:
    """A migration that rebuilt the items' table on SQLite took the index's triggers."""
    restore_triggers(connections[using])
