"""The choices of a membership: how a member takes part, and where the membership stands.

Apart from models.py because the access rules (access.py) depend on these alone: the
models import the access rules, and both import these at the top.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipationLevel(models.TextChoices):
    MEETINGS = "meetings", _("Meetings participant")
    ONLINE = "online", _("Online platform")
    PUBLIC_EVENTS = "public_events", _("Public events only")


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")
