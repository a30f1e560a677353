"""Who can help with a question: members who chose to be asked, ranked by how well they fit.

A member fits a question by the expertise tags they share with it and by the answers of
theirs that helped on other questions with those tags. The ranking is one aggregate query
with a LIMIT, whatever the number of members and answers; naming why each one fits reads
the few chosen members' rows only.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import Profile, TaggedProfile, User

from .models import Question

SUGGESTIONS = 5


@dataclass
class Helper:
    """A member who can help, and why: the question's tags in their expertise, and the
    questions with those tags that an answer of theirs helped (with those questions' tags)."""

    profile: Profile
    shared_tags: list[str] = field(default_factory=list)
    helped_count: int = 0
    helped_tags: list[str] = field(default_factory=list)

    @property
    def user(self) -> User:
        return self.profile.user

    @property
    def explanation(self) -> str:
        """Why, in one line: "deelt de tags armoede en signaalfunctie; beantwoordde 2
        vragen over armoede"."""
        parts = []
        if self.shared_tags:
            parts.append(
                ngettext(
                    "shares the tag %(tags)s",
                    "shares the tags %(tags)s",
                    len(self.shared_tags),
                )
                % {"tags": _tag_list(self.shared_tags)}
            )
        if self.helped_count:
            parts.append(
                ngettext(
                    "answered %(count)d question on %(tags)s",
                    "answered %(count)d questions on %(tags)s",
                    self.helped_count,
                )
                % {"count": self.helped_count, "tags": _tag_list(self.helped_tags)}
            )
        return "; ".join(parts)


def _tag_list(names: list[str]) -> str:
    return str(get_text_list(names, _("and")))


def viewers_among(question: Question, users: Iterable[User]) -> set[int]:
    """The ids of those among `users` who may see `question`, in one query.

    Asks Question.objects.visible_to for each of them, so that the rule of who sees what
    keeps its one home; a union of a few one-row reads, not a query per person."""
    checks = [
        Question.objects.visible_to(user)
        .filter(pk=question.pk)
        .order_by()
        .annotate(viewer=Value(user.pk, output_field=IntegerField()))
        .values_list("viewer", flat=True)
        for user in users
    ]
    if not checks:
        return set()
    return set(checks[0].union(*checks[1:], all=True))


def _tag_ids(question: Question) -> list[int]:
    # Through tag_list, so that tags the page read with the question cost no query.
    return [tag.pk for tag in question.tag_list()]


def _helped_on(tag_ids: list[int], question: Question) -> QuerySet[Question]:
    """Published questions other than `question`, with one of the tags, whose answer that
    helped has an author."""
    return (
        Question.objects.published()
        .exclude(pk=question.pk)
        .filter(tags__in=tag_ids, helped_answer__author__isnull=False)
    )


def _ranked(question: Question, tag_ids: list[int], limit: int) -> list[Profile]:
    """The best fitting candidates: one query, reading the rows of the question's tags."""
    shared = (
        TaggedProfile.objects.filter(content_object=OuterRef("pk"), tag__in=tag_ids)
        .values("content_object")
        .annotate(count=Count("pk"))
        .values("count")
    )
    helped = (
        _helped_on(tag_ids, question)
        .filter(helped_answer__author=OuterRef("user"))
        .values("helped_answer__author")
        .annotate(count=Count("pk", distinct=True))
        .values("count")
    )
    tagged = TaggedProfile.objects.filter(tag__in=tag_ids).values("content_object")
    helpers = _helped_on(tag_ids, question).values("helped_answer__author")
    candidates = (
        Profile.objects.open_to_questions()
        .filter(Q(pk__in=tagged) | Q(user__in=helpers))
        .exclude(user__help_requests__question=question)
        # Whoever answered already (shown or hidden) has said what they know.
        .exclude(user__answers__question=question)
    )
    if question.asker_id is not None:
        candidates = candidates.exclude(user=question.asker_id)
    return list(
        candidates.annotate(
            shared_count=Coalesce(Subquery(shared), 0),
            helped_count=Coalesce(Subquery(helped), 0),
        )
        .annotate(score=F("shared_count") + F("helped_count"))
        .order_by("-score", "-helped_count", "display_name", "pk")
        .select_related("user")[:limit]
    )


def _explained(question: Question, tag_ids: list[int], profiles: list[Profile]) -> list[Helper]:
    """Name the shared tags and the tags of the questions each one's answers helped on:
    two queries over the chosen few."""
    helpers = {profile.user_id: Helper(profile) for profile in profiles}
    by_profile = {profile.pk: profile.user_id for profile in profiles}
    expertise = (
        TaggedProfile.objects.filter(content_object__in=by_profile, tag__in=tag_ids)
        .order_by("tag__name")
        .values_list("content_object", "tag__name")
    )
    for profile_id, name in expertise:
        helpers[by_profile[profile_id]].shared_tags.append(name)
    helped = (
        _helped_on(tag_ids, question)
        .filter(helped_answer__author__in=helpers)
        .order_by("tags__name")
        .values_list("helped_answer__author", "pk", "tags__name")
    )
    questions: dict[int, set[int]] = defaultdict(set)
    for author_id, question_id, name in helped:
        questions[author_id].add(question_id)
        if name not in helpers[author_id].helped_tags:
            helpers[author_id].helped_tags.append(name)
    for author_id, answered in questions.items():
        helpers[author_id].helped_count = len(answered)
    return list(helpers.values())


def who_can_help(
    question: Question, user: User | None = None, limit: int = SUGGESTIONS
) -> list[Helper]:
    """Up to `limit` members who can help with `question`, best fit first, each with why.

    Only active members who chose to be asked, who may see the question and were neither
    asked about it nor answered it yet; never the asker, nor `user` (who is looking). A
    question without tags has nobody to match."""
    tag_ids = _tag_ids(question)
    if not tag_ids or not question.is_published:
        return []
    profiles = [
        profile
        for profile in _ranked(question, tag_ids, limit + 1)
        if user is None or profile.user_id != user.pk
    ][:limit]
    may_see = viewers_among(question, [profile.user for profile in profiles])
    chosen = [profile for profile in profiles if profile.user_id in may_see]
    return _explained(question, tag_ids, chosen)
