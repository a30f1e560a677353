"""Experiences of using tools and cases for the large data set (`manage.py load_large_data`).

About three for every ten library items, on published tools and cases, a few of them
drawing most; written by active members after the item was published and after they
joined, some made public, a few hidden by the coordinator. The words are data in
demo/large/uptake.toml and the neighbourhoods in demo/large/places.toml.
"""

import random
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from django.db.models import F

from atelier.bulk_rows import insert_objects
from atelier.content_files import DEMO_FOLDER, read_toml

from .models import Resource, ResourceStatus, Uptake
from .uptake import USED_KINDS

WORDS = read_toml(DEMO_FOLDER / "large" / "uptake.toml")
NEIGHBOURHOODS = read_toml(DEMO_FOLDER / "large" / "places.toml")["neighbourhoods"]
PER_ITEM = 0.3  # experiences for every library item
PUBLIC_SHARE = 0.4
HIDDEN_SHARE = 0.01


class Writer(Protocol):
    user_id: int
    since: datetime  # when they became a member


def add_experiences(
    rng: random.Random, items: Sequence[Resource], writers: Sequence[Writer], now: datetime
) -> str:
    """Insert the experiences for `items` (all the library's items, just loaded) in bulk;
    returns a line for the loader's report."""
    used = [item for item in items if item.status == ResourceStatus.PUBLISHED]
    used = [item for item in used if item.kind in USED_KINDS]
    if not used or not writers:
        return "no experiences: no published tools or cases"
    count = round(len(items) * PER_ITEM)
    popularity = [rng.random() ** 3 + 0.02 for _ in used]
    targets = rng.choices(used, weights=popularity, k=count)
    experiences = [
        _experience(rng, item, writer, now)
        for item, writer in zip(targets, rng.choices(writers, k=count), strict=True)
    ]
    created = insert_objects(Uptake, experiences)
    # Bulk inserts set `updated_at` to now: written once, never changed.
    first = min(experience.pk for experience in created)
    Uptake.objects.filter(pk__gte=first).update(updated_at=F("created_at"))
    public = sum(experience.is_public for experience in experiences)
    return f"{count:,} experiences ({public:,} public) on {len(set(targets)):,} tools and cases"


def _experience(rng: random.Random, item: Resource, writer: Writer, now: datetime) -> Uptake:
    since = max(item.published_at or item.created_at, writer.since)
    written = since + (now - since) * rng.random() ** 2
    used_on = written - timedelta(days=rng.uniform(0, 60))
    place = rng.choice(NEIGHBOURHOODS)
    sentences = rng.sample(WORDS["happened"], rng.choice((1, 2)))
    return Uptake(
        resource_id=item.pk,
        author_id=writer.user_id,
        used_on=used_on.date(),
        organisation=rng.choice(WORDS["organisations"]),
        place=place,
        group=rng.choice(WORDS["groups"]),
        what_happened=" ".join(sentences).format(place=place),
        what_to_change=rng.choice(WORDS["changes"]),
        is_public=rng.random() < PUBLIC_SHARE,
        hidden=rng.random() < HIDDEN_SHARE,
        created_at=written,
    )
