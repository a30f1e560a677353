"""Which of the dashboard's figures the yearly report shows, in its order. The figure
modules count (dashboard/overview.py lists them by key); this module only chooses.

A published report is public, so it holds only figures that count the whole atelier:
nothing that names a person, a members' meeting or a members-only item. The per-event
table and the tools with their accounts of use name meetings and items by title (members
only, some of them), so they stay on the dashboard.
"""

from __future__ import annotations

from functools import partial

from .figures import Figure
from .overview import FIGURES, Computation
from .periods import Period
from .value_figures import value_matrix

REPORT_FIGURES: list[Computation] = [
    FIGURES["members-by-level"],
    FIGURES["members-by-sector"],
    FIGURES["levels-over-time"],
    FIGURES["attendance"],
    FIGURES["items-per-kind"],
    FIGURES["questions"],
    FIGURES["stories-per-cycle"],
    partial(value_matrix, public=True),
]


def figures_of_year(period: Period) -> list[Figure]:
    """The report's figures over `period` (its year), counted now."""
    return [figure(period) for figure in REPORT_FIGURES]
