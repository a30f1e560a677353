from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """The knowledge library: practice cases, tools, background and meeting reports."""

    name = "knowledge"
    verbose_name = _("Knowledge library")
