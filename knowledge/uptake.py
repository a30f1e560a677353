"""Accounts of using a tool or case in practice ("Ik heb dit gebruikt"): who may record
one, the recording, and the e-mail that tells the item's authors.

Who may read an account is decided by `Uptake.objects.visible_to(user)`, who may change
or delete one by `Uptake.objects.editable_by(user)` (knowledge/models.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet

from atelier.addresses import absolute_url
from atelier.mail import send_templated_mail
from members import access, unsubscribe
from members.models import User

from .models import Authorship, Resource, ResourceKind, Uptake

if TYPE_CHECKING:
    from members.access import AnyUser

# What one applies in practice: tools and practice cases, not background or reports.
USED_KINDS = (ResourceKind.TOOL, ResourceKind.CASE)


def takes_accounts(resource: Resource) -> bool:
    """Whether the item's page shows accounts of using it."""
    return resource.kind in USED_KINDS


def recordable_for(user: AnyUser) -> QuerySet[Resource]:
    """The items `user` may record using: published tools and cases they may see, for
    active members and the coordinator (docs/design.md, "record using a tool")."""
    if not access.can_contribute(user):
        return Resource.objects.none()
    return Resource.objects.visible_to(user).published().filter(kind__in=USED_KINDS)


def may_record(user: AnyUser, resource: Resource) -> bool:
    return recordable_for(user).filter(pk=resource.pk).exists()


@transaction.atomic
def record(account: Uptake, resource: Resource, writer: User) -> Uptake:
    """Save a new account of `writer` using `resource` and tell the item's authors: their
    e-mails are queued with the account, committed or rolled back with it."""
    account.resource = resource
    account.author = writer
    account.save()
    tell_authors(account)
    return account


def authors_to_tell(account: Uptake) -> list[User]:
    """The item's authors who hear of a new account: those who agreed to be author, not
    the writer, still members who want e-mail about their items (the comments' setting),
    and only if they may read the account at this moment."""
    authorships = Authorship.objects.accepted().filter(resource=account.resource)
    authors = User.objects.filter(pk__in=authorships.exclude(user=account.author).values("user"))
    return [
        author
        for author in authors.select_related("profile").order_by("pk")
        if _wants_mail(author) and Uptake.objects.visible_to(author).contains(account)
    ]


def _wants_mail(user: User) -> bool:
    profile = access.profile_of(user)
    return profile is not None and profile.notify_on_comments and access.is_member(user)


def tell_authors(account: Uptake) -> None:
    """One e-mail to each author who hears of the account (`authors_to_tell`), HTML and
    text, with a link to the account."""
    context = {
        "account": account,
        "resource": account.resource,
        "writer_name": account.writer_name(),
        "account_url": absolute_url(account.get_absolute_url()),
    }
    for author in authors_to_tell(account):  # one each: authors do not see each other's address
        way_out = unsubscribe.way_out(author.pk, unsubscribe.COMMENTS)
        send_templated_mail(
            "knowledge/email/new_uptake",
            {**context, "way_out": way_out},
            [author.email],
            headers=way_out.headers,
            key=f"uptake:{account.pk}",
        )
