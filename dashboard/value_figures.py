"""Value: the value stories per cycle, and the value-creation matrix that sets the counts
indicating each cycle beside the stories that tell it (Wenger, Trayner & De Laat, 2011)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from knowledge.models import Resource
from value.models import Cycle, CycleState, StoryAudience, ValueStory, ValueStoryQuerySet

from .activity import CONTRIBUTION_KINDS, ContributionKind
from .figures import ChartKind, Figure
from .measures import during
from .periods import Period

# The newest stories the matrix links to per cycle.
STORIES_SHOWN = 10

# The contribution data that indicates each cycle, after the toolkit's examples (attendance,
# answers, re-use): taking part and answering are immediate value; what is written down
# for others (items, comments) is potential value; an account of using an item is applied
# value. Realised and reframing value show in practice and in how people think, which the
# site does not record: for those cycles only the stories speak.
ITEMS_PUBLISHED = ContributionKind(
    "items-published",
    _("Library items published"),
    Resource.objects.published,
    "published_at",
    "created_by",
)
_KINDS = {kind.key: kind for kind in (*CONTRIBUTION_KINDS, ITEMS_PUBLISHED)}
INDICATORS = {
    Cycle.IMMEDIATE: ("meetings", "answers"),
    Cycle.POTENTIAL: ("items-published", "comments"),
    Cycle.APPLIED: ("uptakes",),
    Cycle.REALISED: (),
    Cycle.REFRAMING: (),
}
INDICATOR_KINDS = tuple(_KINDS[key] for keys in INDICATORS.values() for key in keys)

MATRIX_NOTE = _(
    "Meetings attended and answers indicate immediate value, items published and comments "
    "potential value, accounts of use applied value; realised and reframing value are told "
    "only in stories. Links: the %(shown)d newest stories per cycle."
)
PUBLIC_MATRIX_NOTE = _(
    "Meetings attended and answers indicate immediate value, items published and comments "
    "potential value, accounts of use applied value; realised and reframing value are told "
    "only in stories."
)


def _stories_in(period: Period) -> ValueStoryQuerySet:
    return ValueStory.objects.filter(during("created_at", period))


def stories_per_cycle(period: Period) -> Figure:
    """Value stories written in `period` per cycle, happened and intended apart (a story may
    tell several cycles)."""
    counts = _stories_in(period).aggregate(
        **{
            f"{cycle}_{state}": Count("pk", filter=Q(**{f"{cycle}_state": state}))
            for cycle in Cycle.values
            for state in CycleState.values
        }
    )
    return Figure(
        key="stories-per-cycle",
        title=_("Value stories per cycle"),
        description=_(
            "How many value stories of the period tell each cycle of value, as having happened "
            "or as intended."
        ),
        columns=[_("Cycle"), _("Happened"), _("Intended")],
        rows=[
            [
                cycle.label,
                counts[f"{cycle.value}_{CycleState.HAPPENED.value}"],
                counts[f"{cycle.value}_{CycleState.INTENDED.value}"],
            ]
            for cycle in Cycle
        ],
        note=_("A story may tell several cycles: it counts once for each."),
    )


def value_matrix(period: Period, public: bool = False) -> Figure:
    """For each cycle, the counts that indicate it beside the number of stories of `period`
    that tell it, with links to the newest of those stories.

    `public` (the published yearly report): links only to stories whose authors chose the
    public audience; the counts stay, as they name no one.
    """
    indicated = {
        kind.key: kind.between(period.starts_at, period.ends_at).count() for kind in INDICATOR_KINDS
    }
    stories = _stories_in(period)
    told = stories.aggregate(
        **{cycle: Count("pk", filter=~Q(**{cycle: ""})) for cycle in Cycle.values}
    )
    linked = stories.filter(audience=StoryAudience.PUBLIC) if public else stories
    links = tuple(
        tuple(
            (story.title, story.get_absolute_url())
            for story in linked.telling(cycle).only("title").newest_first()[:STORIES_SHOWN]
        )
        for cycle in Cycle
    )
    return Figure(
        key="value-matrix",
        title=_("Value-creation matrix"),
        description=_(
            "For each cycle of value, the contribution data that indicates it beside the number "
            "of value stories of the period that tell it."
        ),
        columns=[
            _("Cycle"),
            *(kind.label for kind in INDICATOR_KINDS),
            _("Value stories"),
        ],
        rows=[
            [
                cycle.label,
                *(
                    indicated[kind.key] if kind.key in INDICATORS[cycle] else None
                    for kind in INDICATOR_KINDS
                ),
                told[cycle.value],
            ]
            for cycle in Cycle
        ],
        chart=ChartKind.TABLE,
        note=PUBLIC_MATRIX_NOTE if public else MATRIX_NOTE % {"shown": STORIES_SHOWN},
        links=links,
    )
