from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .search_index import INDEX


class QuestionsConfig(AppConfig):
    """Questions from practice: members ask, the community answers."""

    name = "questions"
    verbose_name = _("Questions from practice")

    def ready(self) -> None:
        from knowledge import item_links, search_groups

        from . import links
        from .search import library_group

        search_groups.register(library_group)
        # An item's page shows the question it grew out of and those a report discussed.
        item_links.register(links.item_links)
        post_migrate.connect(restore_search_triggers, sender=self)


def restore_search_triggers(using: str, **kwargs) -> None:
    """A migration that rebuilt the questions' table on SQLite took the index's triggers."""
    INDEX.restore_triggers(connections[using])
