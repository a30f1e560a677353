"""What a member's data download (portal/privacy.py) holds of this app: what they follow
and the notification settings they chose."""

from atelier.addresses import absolute_url
from members.models import User

from .following import followed_things, follows_of
from .models import NotificationSetting


def member_data(user: User) -> dict:
    """The member's follows and chosen settings, as plain JSON-ready data."""
    follows = list(follows_of(user))
    lines = followed_things(user, follows)
    return {
        "follows": [
            {
                "kind": line.kind,
                "name": line.name or None,
                "address": absolute_url(line.url) if line.url else None,
                "since": follow.created_at.isoformat(),
            }
            for follow, line in zip(follows, lines, strict=True)
        ],
        "notification_settings": [
            {"kind": setting.kind, "frequency": setting.frequency}
            for setting in NotificationSetting.objects.filter(user=user).order_by("kind")
        ],
    }
