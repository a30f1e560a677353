from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Staying in touch between meetings: what members follow, the notifications that
    follow from it, how often they hear of them, and the digests by e-mail."""

    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from knowledge import follow_buttons
        from members import backends

        from . import following, forgetting, news, unread

        # New items, questions, answers, comments, experiences and stories are news.
        news.connect()
        # A deleted thing takes its follows and notifications along.
        forgetting.connect()
        # The follow buttons on the pages of items, tags, questions (and profiles).
        follow_buttons.register(following.follow_buttons)
        # The header's unread count, loaded with the signed-in user.
        backends.load_with_user(unread.ATTRIBUTE, unread.unread_count_of_loaded_user)
