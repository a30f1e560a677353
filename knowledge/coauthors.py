"""Co-authors by consent: asking someone, their answer, and leaving an item.

Naming a member as co-author asks them (a request and an e-mail); until they accept
they are shown nowhere as an author and have no author's rights. No one removes another
author: each author leaves by themselves, the item's creator included.
"""

from django.db import transaction
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from atelier.addresses import absolute_url
from atelier.mail import send_templated_mail
from members.models import User

from .models import Authorship, AuthorshipStatus, Resource


class CoauthorError(Exception):
    """A change of authors the rules do not allow; `message` says why, in Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@transaction.atomic
def name_coauthors(resource: Resource, editor: User, named: list[User]) -> list[Authorship]:
    """After `editor` saved the item's form naming these members as co-authors.

    A named member who is not an author and was not asked is asked now. A request no
    longer named is withdrawn (it was never shown). Authors who accepted stay, named or
    not, and someone who declined is not asked again. Returns the new requests.
    """
    existing = {authorship.user_id: authorship for authorship in resource.authorships.all()}
    named_ids = {user.pk for user in named}
    resource.authorships.pending().exclude(user__in=named_ids).delete()
    position = (resource.authorships.aggregate(last=Max("position"))["last"] or 0) + 1
    asked = []
    for user in named:
        if user.pk in existing or user.pk == getattr(editor, "pk", None):
            continue
        asked.append(
            Authorship.objects.create(
                resource=resource,
                user=user,
                position=position,
                status=AuthorshipStatus.PENDING,
                invited_by=editor,
            )
        )
        position += 1
    for authorship in asked:
        send_request(authorship)
    return asked


def pending_requests_for(user: User) -> QuerySet[Authorship]:
    """The requests `user` has not answered yet, oldest first."""
    return (
        Authorship.objects.pending()
        .filter(user=user)
        .select_related("resource", "invited_by__profile")
        .order_by("pk")
    )


def accept(authorship: Authorship) -> None:
    authorship.status = AuthorshipStatus.ACCEPTED
    authorship.save(update_fields=["status"])


def decline(authorship: Authorship) -> None:
    authorship.status = AuthorshipStatus.DECLINED
    authorship.save(update_fields=["status"])


@transaction.atomic
def leave(resource: Resource, user: User) -> None:
    """`user` stops being an author of `resource`; the last author cannot leave."""
    authorships = Authorship.objects.select_for_update().filter(resource=resource)
    accepted = list(authorships.accepted())
    if not any(authorship.user_id == user.pk for authorship in accepted):
        raise CoauthorError(_("You are not an author of this item."))
    if len(accepted) == 1:
        raise CoauthorError(
            _(
                "You are the only author of this item. Delete it, or ask the coordinator "
                "to take it over."
            )
        )
    authorships.filter(user=user).delete()


def send_request(authorship: Authorship) -> None:
    """The e-mail that asks a member to be co-author, with the address to answer."""
    context = {
        "resource": authorship.resource,
        "inviter_name": capfirst(authorship.inviter_name),  # it starts the sentence
        "requests_url": absolute_url(reverse("knowledge:coauthor_requests")),
    }
    send_templated_mail(
        "knowledge/email/coauthor_request",
        context,
        [authorship.user.email],
        key=f"coauthor_request:{authorship.pk}:{authorship.user_id}",
    )
