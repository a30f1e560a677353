"""Which figures the yearly report shows, in its order. The figure modules count
(dashboard/overview.py lists the dashboard's by key); this module only chooses.

A published report is public, so it holds only figures that name nothing a visitor may
not see: no person, no members' meeting, no members-only item. The dashboard's per-event
table and its tools with their accounts of use name those by title, so the report has
its own variants of them (dashboard/report_public_figures.py): public events and items
by title, the members' meetings and members-only items counted in one line each.
"""

from __future__ import annotations

from functools import partial

from . import member_figures
from .figures import Figure
from .overview import FIGURES, Computation
from .periods import Period
from .report_public_figures import events_with_attendance, tools_with_uptake
from .value_figures import value_matrix

# The members per level at the year's end are the last month of the levels over time; the
# dashboard's members per level and per sector count today, which a report of a past year
# must not, so the report counts the sectors at its year's end.
REPORT_FIGURES: list[Computation] = [
    member_figures.members_by_sector_at_the_end,
    FIGURES["levels-over-time"],
    events_with_attendance,
    FIGURES["attendance"],
    FIGURES["items-per-kind"],
    tools_with_uptake,
    FIGURES["questions"],
    FIGURES["stories-per-cycle"],
    partial(value_matrix, public=True),
]


def figures_of_year(period: Period) -> list[Figure]:
    """The report's figures over `period` (its year), counted now."""
    return [figure(period) for figure in REPORT_FIGURES]
