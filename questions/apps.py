from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    """Questions from practice: members ask, the community answers."""

    name = "questions"
    verbose_name = _("Questions from practice")

    def ready(self) -> None:
        from knowledge import search_groups

        from .search import library_group

        search_groups.register(library_group)
