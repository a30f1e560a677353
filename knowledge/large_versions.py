"""Versions for the large data set (`load_large_data`): every item has the version it is
now, and about a third have earlier ones, as a library kept for years would.

An earlier version is the text without its last paragraphs (written later), made by one
of the item's authors between its creation and its current version. Rows are inserted in
bulk; Markdown is rendered once per distinct text (the loader's cache).
"""

import random
from collections.abc import Mapping
from datetime import datetime

from atelier.bulk_rows import insert_objects

from .models import Resource

HistoricalResource = Resource.history.model
# Shares of items by how many earlier versions they have.
EARLIER_VERSIONS = [(0, 65), (1, 25), (2, 10)]


def _row(resource: Resource, date: datetime, **texts) -> object:
    fields = {
        field.attname: getattr(resource, field.attname)
        for field in HistoricalResource.tracked_fields
    }
    return HistoricalResource(
        **{**fields, **texts},
        history_date=date,
        history_user_id=resource.created_by_id,
        history_type="+",
    )


def add_versions(resources: list[Resource], rng: random.Random, html: Mapping[str, str]) -> str:
    """Insert the versions of `resources` (just loaded); returns a line for the report."""
    counts, weights = zip(*EARLIER_VERSIONS, strict=True)
    rows = []
    for resource in resources:
        current = resource.published_at or resource.created_at
        paragraphs = resource.body.split("\n\n")
        earlier = min(rng.choices(counts, weights)[0], len(paragraphs) - 1)
        for number in range(earlier, 0, -1):
            body = "\n\n".join(paragraphs[:-number])
            date = resource.created_at + (current - resource.created_at) * (earlier - number) / (
                earlier + 1
            )
            rows.append(_row(resource, date, body=body, body_html=html[body]))
        rows.append(_row(resource, current))
    insert_objects(HistoricalResource, rows)
    return f"{len(rows):,} versions of {len(resources):,} items"
