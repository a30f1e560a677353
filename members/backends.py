"""Login backends that load a member's profile together with the user.

Almost every page a logged-in member opens asks their profile: its status and
participation level decide what they may see. Loading both in one query saves a query
on each of those pages; apps above add what every page shows of the member in the same
way (`load_with_user`).
"""

from collections.abc import Callable
from typing import Any

from allauth.account import auth_backends as allauth_backends
from asgiref.sync import sync_to_async
from django.contrib.auth import backends as django_backends
from django.contrib.auth import get_user_model

# What apps above add to the signed-in user in the same query, by attribute name: a
# function giving the annotation (the header's count of unread notifications).
_loaded_with_user: dict[str, Callable[[], Any]] = {}


def load_with_user(name: str, expression: Callable[[], Any]) -> None:
    """Load `expression()` as `user.<name>` with every signed-in user (from an app's
    ready()): a subquery of the same query, not one more query on every page."""
    _loaded_with_user[name] = expression


class LoadsProfileWithUser:
    def get_user(self, user_id):
        User = get_user_model()
        extra = {name: expression() for name, expression in _loaded_with_user.items()}
        try:
            user = User._default_manager.select_related("profile").annotate(**extra).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        return await sync_to_async(self.get_user)(user_id)


class ModelBackend(LoadsProfileWithUser, django_backends.ModelBackend):
    """Django's own, which the admin's login form uses."""


class AuthenticationBackend(LoadsProfileWithUser, allauth_backends.AuthenticationBackend):
    """django-allauth's, which the site's login form uses."""
