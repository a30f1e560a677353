from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValueConfig(AppConfig):
    """What the atelier changes in practice: members' value stories, and the follow-up
    that asks for them a few weeks after a meeting."""

    name = "value"
    verbose_name = _("Value")
