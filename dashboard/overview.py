"""The dashboard's figures in their order, grouped in sections: the one entry point the
dashboard's page, its CSV downloads and the yearly report call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import activity, event_figures, knowledge_figures, member_figures, value_figures
from .figures import Figure
from .periods import Period
from .shared_work import one_page

Computation = Callable[[Period], Figure]


@dataclass(frozen=True)
class Section:
    """A heading and the figures under it."""

    heading: str | Promise
    figures: list[Figure]


# Each figure by its key (Figure.key, the address of its CSV) with the function that
# computes it. The page shows a bounded part of the long tables (the latest events, the
# most used tools and cases).
FIGURES: dict[str, Computation] = {
    "members-by-level": member_figures.members_by_level,
    "members-by-sector": member_figures.members_by_sector,
    "members-by-status": member_figures.members_by_status,
    "levels-over-time": member_figures.levels_over_time,
    "applications": member_figures.applications,
    "decisions": member_figures.decisions,
    "tiers": activity.tiers,
    "tier-movement": activity.tier_movement,
    "give-and-take": activity.give_and_take,
    "events": event_figures.events,
    "attendance": event_figures.attendance,
    "items-per-kind": knowledge_figures.items_per_kind,
    "tool-uptake": knowledge_figures.tool_uptake,
    "questions": knowledge_figures.questions,
    "answering": knowledge_figures.answering,
    "stories-per-cycle": value_figures.stories_per_cycle,
    "value-matrix": value_figures.value_matrix,
}

# The sections' headings and their figures' keys, in the page's order.
SECTIONS: list[tuple[str | Promise, list[str]]] = [
    (
        _("Members"),
        [
            "members-by-level",
            "members-by-sector",
            "members-by-status",
            "levels-over-time",
            "applications",
            "decisions",
        ],
    ),
    (_("Participation"), ["tiers", "tier-movement", "give-and-take"]),
    (_("Meetings and events"), ["events", "attendance"]),
    (_("Knowledge"), ["items-per-kind", "tool-uptake", "questions", "answering"]),
    (_("Value"), ["stories-per-cycle", "value-matrix"]),
]

# A CSV holds all of a figure's rows: the long tables without their bound.
COMPLETE: dict[str, Computation] = {
    "events": partial(event_figures.events, shown=None),
    "tool-uptake": partial(knowledge_figures.tool_uptake, shown=None),
}


def sections_for(period: Period) -> list[Section]:
    """Every figure of the dashboard over `period`, in its sections, in order; what several
    figures count (the tiers) counted once."""
    with one_page():
        return [
            Section(heading, [FIGURES[key](period) for key in keys]) for heading, keys in SECTIONS
        ]


def figures_for(period: Period) -> list[Figure]:
    """Every figure of the dashboard over `period`, in order (the sections' figures)."""
    return [figure for section in sections_for(period) for figure in section.figures]


def figure(key: str, period: Period) -> Figure:
    """The figure `key` over `period` with all its rows, for its CSV download.

    Raises KeyError for a key that names no figure (the view answers 404).
    """
    return COMPLETE.get(key, FIGURES[key])(period)
