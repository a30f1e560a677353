from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsAppConfig(AppConfig):
    """The agenda: members' meetings and public events, registration and calendars."""

    name = "sessions_app"
    verbose_name = _("Agenda")
