from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    """Questions from practice: members ask, the community answers."""

    name = "questions"
    verbose_name = _("Questions from practice")
