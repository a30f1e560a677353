"""Rate limits for the site's own forms, in the cache that all workers share.

The limits live beside allauth's in settings.ACCOUNT_RATE_LIMITS and are counted by
allauth's rate limiter, so sign-up, login, guest registration, comments and uploads
follow one mechanism.
"""

from allauth.core import ratelimit
from django.http import HttpRequest


def allow(request: HttpRequest, action: str, key: str | None = None) -> bool:
    """Count one attempt at `action`; False once its limit is reached."""
    return ratelimit.consume(request, action=action, key=key)
