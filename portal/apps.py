from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """What spans the apps: the home page, a member's contributions and data, the demo."""

    name = "portal"
    verbose_name = _("Portal")
