"""Follows and notifications of the large data set (`manage.py load_large_data`): at
--scale 1 some 20,000 follows and 40,000 notifications for the 5,000 members, inserted
as plain rows like the rest of the set (atelier/bulk_rows.py).

Each active member follows a few tags (the popular ones most), an item or two, now and
then a question or another member, and has some notifications of the last weeks about
published items and questions, most of them read.
"""

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag

from atelier.bulk_rows import insert_rows
from knowledge.models import Resource, ResourceStatus
from members.models import User
from questions.models import Question, QuestionStatus

from .models import Follow, Kind, Notification

# On average per member: (how many, of what).
TAGS_FOLLOWED = 2
ITEMS_FOLLOWED = 1
NOTIFICATIONS = 8
READ_SHARE = 0.7
NEWS_DAYS = 60


def add_follows_and_notifications(
    rng: random.Random,
    member_ids: Sequence[int],
    tags: Sequence[Tag],
    resources: Sequence[Resource],
    questions: Sequence[Question],
    now: datetime,
) -> str:
    """Insert the follows and notifications; returns a line for the loader's report."""
    items = [item.pk for item in resources if item.status == ResourceStatus.PUBLISHED]
    asked = [question.pk for question in questions if question.status == QuestionStatus.PUBLISHED]
    if not member_ids or not items or not asked or not tags:
        return "no follows: no members, published items or questions"
    follows = _follows(rng, member_ids, [tag.pk for tag in tags], items, asked)
    notifications = _notifications(rng, member_ids, items, asked, now)
    insert_rows(Follow, follows)
    insert_rows(Notification, notifications)
    unread = sum(notification["read_at"] is None for notification in notifications)
    return f"{len(follows):,} follows, {len(notifications):,} notifications ({unread:,} unread)"


def _follows(
    rng: random.Random,
    member_ids: Sequence[int],
    tag_ids: list[int],
    items: list[int],
    asked: list[int],
) -> list[dict]:
    types = {
        model: ContentType.objects.get_for_model(model) for model in (Tag, Resource, Question, User)
    }
    # The popular tags (the first of the vocabulary) are followed most.
    tag_weights = [1 / (rank + 3) for rank in range(len(tag_ids))]
    follows = []
    for member in member_ids:
        chosen = {
            (Tag, tag)
            for tag in rng.choices(
                tag_ids, weights=tag_weights, k=rng.randint(0, 2 * TAGS_FOLLOWED)
            )
        }
        chosen |= {
            (Resource, item)
            for item in rng.sample(items, min(len(items), rng.randint(0, 2 * ITEMS_FOLLOWED)))
        }
        if rng.random() < 0.5:
            chosen.add((Question, rng.choice(asked)))
        other = rng.choice(member_ids)
        if rng.random() < 0.5 and other != member:
            chosen.add((User, other))
        follows += [
            {"user_id": member, "content_type_id": types[model].pk, "object_id": pk}
            for model, pk in chosen
        ]
    return follows


def _notifications(
    rng: random.Random, member_ids: Sequence[int], items: list[int], asked: list[int], now: datetime
) -> list[dict]:
    kinds = [
        (Kind.ITEMS, Resource, items),
        (Kind.COMMENTS, Resource, items),
        (Kind.QUESTIONS, Question, asked),
        (Kind.ANSWERS, Question, asked),
    ]
    types = {model: ContentType.objects.get_for_model(model) for model in (Resource, Question)}
    notifications = []
    for member in member_ids:
        # One notification per kind and thing: news about the same thing adds to its count.
        chosen = set()
        for _ in range(rng.randint(0, 2 * NOTIFICATIONS)):
            kind, model, pool = rng.choice(kinds)
            chosen.add((kind, model, rng.choice(pool)))
        for kind, model, pk in chosen:
            when = now - timedelta(days=NEWS_DAYS * rng.random())
            notifications.append(
                {
                    "user_id": member,
                    "kind": kind,
                    "target_type_id": types[model].pk,
                    "target_id": pk,
                    "count": rng.choice((1, 1, 1, 2, 3))
                    if kind in (Kind.COMMENTS, Kind.ANSWERS)
                    else 1,
                    "created_at": when,
                    "updated_at": when,
                    "read_at": when + timedelta(hours=rng.uniform(1, 72))
                    if rng.random() < READ_SHARE
                    else None,
                }
            )
    return notifications
