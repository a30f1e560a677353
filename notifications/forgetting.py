"""A deleted thing takes its follows and notifications along.

Follows and notifications point at their thing through a content type and an id, which
the database cannot cascade: when a tag, an item, a question, an experience, a story or
an account is deleted, this deletes what pointed at it. (What a member may no longer
see without it being deleted is left out where it is shown: notifications/targets.py.)
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete
from taggit.models import Tag

from knowledge.models import Resource, Uptake
from members.models import User
from questions.models import Question
from value.models import ValueStory

from .models import Follow, Notification

POINTED_AT = (Tag, Resource, Question, User, Uptake, ValueStory)


def forget(sender, instance, **kwargs) -> None:
    """Delete the follows of `instance`, and the notifications about it."""
    thing_type = ContentType.objects.get_for_model(sender)
    Follow.objects.filter(content_type=thing_type, object_id=instance.pk).delete()
    Notification.objects.filter(target_type=thing_type, target_id=instance.pk).delete()


def connect() -> None:
    """Listen for deletions (the app's ready())."""
    for model in POINTED_AT:
        post_delete.connect(forget, sender=model, dispatch_uid=f"forget:{model._meta.label_lower}")
