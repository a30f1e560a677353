"""Knowledge: library items published per kind, tools and cases with accounts of use,
questions asked and answered, the time to a first answer, questions left open."""

from __future__ import annotations

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from knowledge.models import Resource, ResourceKind, Uptake
from questions.models import Answer, Question

from .figures import ChartKind, Figure
from .measures import during, in_days, median
from .periods import Period

# The page shows the tools and cases with the most accounts of use; the CSV holds all.
TOOLS_SHOWN = 25
# A question without any answer for longer than this is "open" on the dashboard.
OPEN_DAYS = 14


def items_per_kind(period: Period) -> Figure:
    """Library items first published in `period`, per kind."""
    counted = dict(
        Resource.objects.published()
        .filter(during("published_at", period))
        .order_by()
        .values_list("kind")
        .annotate(items=Count("pk"))
    )
    return Figure(
        key="items-per-kind",
        title=_("Library items published"),
        description=_("How many library items of each kind were published in the period."),
        columns=[_("Kind"), _("Items")],
        rows=[[kind.label, counted.get(kind, 0)] for kind in ResourceKind],
    )


def accounts_of_use(period: Period) -> QuerySet[Uptake]:
    """The accounts of using a tool or case written in `period`; hidden ones left out."""
    return Uptake.objects.filter(
        during("created_at", period),
        hidden=False,
        resource__kind__in=[ResourceKind.TOOL, ResourceKind.CASE],
    )


def tool_uptake(period: Period, shown: int | None = TOOLS_SHOWN) -> Figure:
    """Tools and cases with accounts of use written in `period`, the most used first (the
    `shown` first; all with None), with how many accounts each had."""
    accounts = accounts_of_use(period)
    totals = accounts.aggregate(accounts=Count("pk"), items=Count("resource", distinct=True))
    rows = (
        accounts.order_by()
        .values("resource", "resource__title")
        .annotate(accounts=Count("pk"))
        .order_by("-accounts", "resource__title", "resource")
    )
    if shown is not None:
        rows = rows[:shown]
    note = _("%(items)d tools and cases had %(accounts)d accounts of use in the period.") % totals
    if shown is not None and totals["items"] > shown:
        note = f"{note} " + gettext(
            "The page shows the %(shown)d most used; the CSV holds all."
        ) % {"shown": shown}
    return Figure(
        key="tool-uptake",
        title=_("Tools and cases in use"),
        description=_(
            "The tools and practice cases members wrote accounts of use of in the period, and "
            "how many accounts each had."
        ),
        columns=[_("Item"), _("Accounts of use")],
        rows=[[row["resource__title"], row["accounts"]] for row in rows],
        note=note,
    )


def questions(period: Period) -> Figure:
    """Questions published in `period`: how many, how many have an answer, and how many an
    answer marked as the one that helped."""
    counts = (
        Question.objects.published()
        .filter(during("published_at", period))
        .aggregate(
            asked=Count("pk"),
            answered=Count("pk", filter=Q(answer_count__gt=0)),
            helped=Count("pk", filter=Q(helped_answer__isnull=False)),
        )
    )
    return Figure(
        key="questions",
        title=_("Questions from practice"),
        description=_(
            "How many questions were asked in the period, how many of them have an answer, and "
            "for how many the asker marked the answer that helped."
        ),
        columns=[_("Questions"), _("Number")],
        rows=[
            [gettext("Questions asked"), counts["asked"]],
            [gettext("With an answer"), counts["answered"]],
            [gettext("With the answer that helped"), counts["helped"]],
        ],
        note=_("Answers given so far to the questions asked in the period."),
    )


def days_to_first_answer(period: Period) -> float | None:
    """The median number of days from publishing to the first shown answer, over the
    questions published in `period` that have one (None without any: without an answer
    the wait is NULL, which the median leaves out)."""
    first_answer = (
        Answer.objects.shown()
        .filter(question=OuterRef("pk"))
        .order_by()
        .values("question")
        .annotate(first=Min("created_at"))
        .values("first")
    )
    answered = (
        Question.objects.published()
        .filter(during("published_at", period))
        .annotate(first_answer_at=Subquery(first_answer))
    )
    waited = ExpressionWrapper(
        F("first_answer_at") - F("published_at"), output_field=DurationField()
    )
    return in_days(median(answered, waited))


def answering(period: Period) -> Figure:
    """The median time to a first answer in `period`, and the questions open too long now."""
    return Figure(
        key="answering",
        title=_("Answering"),
        description=_(
            "The median number of days questions of the period waited for their first answer, "
            "and how many questions have waited more than two weeks without any answer today."
        ),
        columns=[_("Measure"), pgettext_lazy("a measured number", "Value")],
        rows=[
            [gettext("Median days to a first answer"), days_to_first_answer(period)],
            [
                gettext("Questions without an answer for more than %(days)d days, today")
                % {"days": OPEN_DAYS},
                Question.objects.waiting_for_an_answer(OPEN_DAYS).count(),
            ],
        ],
        chart=ChartKind.TABLE,
        note=_(
            "With an even number of questions the median is the mean of the two middle ones; "
            "without answered questions it stays empty."
        ),
    )
