from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Staying in touch between meetings: what members follow, the notifications that
    follow from it, how often they hear of them, and the digests by e-mail."""

    name = "notifications"
    verbose_name = _("Notifications")
