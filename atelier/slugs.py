"""Addresses made from titles: a slug that no other row of the model has, and a save that
picks another one if someone took it a moment ago."""

from collections.abc import Callable, Collection
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.crypto import get_random_string
from django.utils.text import slugify

# Letters and digits that cannot be mistaken for one another.
SLUG_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def unique_slug(
    model: type[Model],
    title: str,
    *,
    reserved: Collection[str],
    fallback: str,
    instance_pk: int | None = None,
) -> str:
    """A slug of `title` that no other row of `model` has and that is not `reserved`
    (the addresses of the app's own pages); `fallback` for a title without letters."""
    base = slugify(title)[:100] or fallback
    slug = base
    while (
        slug in reserved
        or model._default_manager.filter(slug=slug).exclude(pk=instance_pk).exists()
    ):
        slug = f"{base}-{get_random_string(5, SLUG_ALPHABET)}"
    return slug


def save_with_unique_slug(instance: Any, new_slug: Callable[[str], str], attempts: int = 5) -> None:
    """Save a new `instance`; if another row took its slug a moment ago, ask `new_slug`
    for another (from the title and a random word) and try again."""
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                instance.save()
            return
        except IntegrityError:
            if attempt == attempts - 1 or instance.pk is not None:
                raise
            instance.slug = new_slug(f"{instance.title} {get_random_string(4)}")
