from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsAppConfig(AppConfig):
    """The agenda: members' meetings and public events, registration and calendars."""

    name = "sessions_app"
    verbose_name = _("Agenda")

    def ready(self):
        from members.signals import membership_changed

        from .registration import release_after_membership_change

        # A new level or status releases the places the person may no longer hold.
        membership_changed.connect(
            release_after_membership_change, dispatch_uid="sessions_app.release_registrations"
        )
