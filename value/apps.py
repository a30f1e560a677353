from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .search_index import INDEX


class ValueConfig(AppConfig):
    """What the atelier changes in practice: members' value stories, and the follow-up
    that asks for them a few weeks after a meeting."""

    name = "value"
    verbose_name = _("Value")

    def ready(self) -> None:
        from knowledge import item_links, search_groups
        from questions import page_links

        from . import links, search

        # The pages of items and questions show the stories about them.
        item_links.register(links.item_links)
        page_links.register(links.question_links)
        # A search of the library shows the stories it finds too.
        search_groups.register(search.library_group)
        post_migrate.connect(restore_search_triggers, sender=self)


def restore_search_triggers(using: str, **kwargs) -> None:
    """A migration that rebuilt the stories' table on SQLite took the index's triggers."""
    INDEX.restore_triggers(connections[using])
