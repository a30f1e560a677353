"""The coordinator's role: a staff account in the group "Coördinator", not a superuser.

The permissions the group holds are listed here, in one place: `COORDINATOR_PERMISSIONS`,
by app and model. A new model the coordinator works with gets its line there; after every
`migrate` the group is brought in line, so its permissions reach the coordinator without
a hand-written data migration.
"""

from typing import Any

from django.apps import AppConfig, apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

COORDINATOR_GROUP = "Coördinator"

COORDINATOR_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "atelier": {
        "sitesettings": ("view", "change"),
        "page": ("view", "change"),
        "outgoingmail": ("view", "change"),  # change: only "send again" (atelier/admin.py)
    },
    "members": {
        "user": ("view", "change"),
        "profile": ("view", "change"),
        "levelrequest": ("view", "change"),
    },
    "sessions_app": {
        "event": ("view", "add", "change", "delete"),
        "registration": ("view", "change"),
    },
    "knowledge": {
        "resource": ("view", "add", "change", "delete"),
        "authorship": ("view", "add", "change", "delete"),
        "attachment": ("view", "delete"),
        "comment": ("view", "change"),
        "featuredtag": ("view", "add", "change", "delete"),
        "recognition": ("view", "add", "change", "delete"),  # on a tool's change form
        "uptake": ("view", "change", "delete"),
    },
    "questions": {
        "question": ("view", "change", "delete"),
        "answer": ("view", "change"),
    },
    "value": {
        "valuestory": ("view", "change", "delete"),
    },
    "dashboard": {
        "yearreport": ("view", "add", "change", "delete"),
    },
    "taggit": {
        "tag": ("view", "add", "change", "delete"),
    },
    "account": {
        # Seeing a member's addresses, never changing one: an address is a way into its
        # account (login and password reset find accounts by it). docs/security.md, 9.
        "emailaddress": ("view",),
    },
}


def coordinator_permissions() -> QuerySet[Permission]:
    """The Permission rows the coordinator should hold, as far as they exist yet."""
    wanted = Permission.objects.none()
    for app_label, models in COORDINATOR_PERMISSIONS.items():
        for model, actions in models.items():
            try:
                content_type = ContentType.objects.get(app_label=app_label, model=model)
            except ContentType.DoesNotExist:
                continue
            codenames = [f"{action}_{model}" for action in actions]
            wanted |= Permission.objects.filter(content_type=content_type, codename__in=codenames)
    return wanted


def sync_coordinator_permissions(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Give the coordinator group exactly the permissions listed above (after `migrate`)."""
    if sender.label != "atelier":
        return
    # post_migrate creates content types and permissions app by app; make sure all exist
    # before granting them, whatever order the receivers run in.
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    group, _created = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    group.permissions.set(coordinator_permissions())
