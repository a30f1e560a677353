"""Sharing in the library: saving an item with its authors and files, and comments."""

from typing import TYPE_CHECKING

from django.db import transaction

from atelier import slugs
from atelier.addresses import absolute_url
from atelier.mail import send_templated_mail
from members import access, unsubscribe
from members.models import User

from . import coauthors as coauthor_rules
from . import publishing
from .attachments import CheckedAttachment
from .models import RESERVED_SLUGS, Attachment, Comment, Resource

if TYPE_CHECKING:
    from .forms import ResourceForm  # the form module imports this one


def unique_slug(title: str, instance_pk: int | None = None) -> str:
    return slugs.unique_slug(
        Resource, title, reserved=RESERVED_SLUGS, fallback="item", instance_pk=instance_pk
    )


@transaction.atomic
def save_resource(form: "ResourceForm", author: User, publish: bool) -> Resource:
    """Save a valid ResourceForm: authors, tags, status and a new attachment.

    The writer of a new item is its first author. Named co-authors are asked
    (knowledge.coauthors) and join at the end once they agree; no edit removes an author
    who agreed. The coordinator, who edits without being an author, is never added.
    """
    resource = form.save(commit=False)
    is_new = resource.pk is None
    if is_new:
        resource.created_by = author
        resource.slug = unique_slug(resource.title)
    if publish:
        publishing.publish(resource)
    else:
        publishing.keep_as_draft(resource)
    _save_with_unique_slug(resource)
    form.save_m2m()  # tags
    if is_new:
        resource.set_authors([author])
    coauthor_rules.name_coauthors(resource, author, form.cleaned_data.get("coauthors", []))
    if form.checked_attachment is not None:
        add_attachment(resource, form.checked_attachment, author)
    return resource


def _save_with_unique_slug(resource: Resource, attempts: int = 5) -> None:
    slugs.save_with_unique_slug(resource, unique_slug, attempts)


def add_attachment(resource: Resource, checked: CheckedAttachment, uploaded_by: User) -> Attachment:
    attachment = Attachment(
        resource=resource,
        download_name=checked.download_name,
        content_type=checked.content_type,
        size=checked.content.size,
        uploaded_by=uploaded_by,
    )
    attachment.file.save(checked.content.name, checked.content, save=False)
    attachment.save()
    return attachment


def remove_attachment(attachment: Attachment) -> None:
    attachment.delete()  # the stored file goes once the deletion is committed (models.py)


@transaction.atomic
def add_comment(resource: Resource, author: User, body: str) -> Comment:
    """Save a comment and tell the item's other authors, if they want to know (their
    e-mails are queued with the comment: both or neither).

    Only authors who are still members (or the coordinator) hear of it: a paused or
    ended membership, or a switched-off account, gets no mail from the library.
    """
    comment = Comment.objects.create(resource=resource, author=author, body=body)
    authors = [  # those asked to be co-author hear nothing until they accept
        authorship.user
        for authorship in resource.authorships.accepted()
        .exclude(user=author)
        .select_related("user__profile")
    ]
    recipients = [
        user
        for user in authors
        if getattr(getattr(user, "profile", None), "notify_on_comments", False)
        and access.is_member(user)
    ]
    context = {
        "comment": comment,
        "resource": resource,
        "author_name": author.display_name,
        "resource_url": absolute_url(resource.get_absolute_url()),
    }
    for recipient in recipients:  # one mail each: authors do not see each other's address
        way_out = unsubscribe.way_out(recipient.pk, unsubscribe.COMMENTS)
        send_templated_mail(
            "knowledge/email/new_comment",
            {**context, "way_out": way_out},
            [recipient.email],
            headers=way_out.headers,
            key=f"comment:{comment.pk}",
        )
    return comment
