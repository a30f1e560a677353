"""A starting outline for each kind of library item, so writers know what to cover."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import ResourceKind

OUTLINES: dict[str, Promise] = {
    ResourceKind.CASE: _(
        "## Context\n\nWhere and with whom did this take place? What was the question?\n\n"
        "## Approach\n\nWhat did you do, step by step, and why?\n\n"
        "## Result\n\nWhat came of it, for residents and for the professionals?\n\n"
        "## Lessons\n\nWhat would you do again, and what differently?\n"
    ),
    ResourceKind.TOOL: _(
        "## Purpose\n\nWhat does this tool help you do?\n\n"
        "## Target group\n\nFor whom is it meant?\n\n"
        "## Materials\n\nWhat do you need?\n\n"
        "## Steps\n\n1. \n2. \n3. \n\n"
        "## Duration\n\nHow long does it take?\n"
    ),
    ResourceKind.BACKGROUND: _(
        "## What it is about\n\nThe main idea in a few sentences.\n\n"
        "## Why it matters for community development work\n\n\n"
        "## Sources\n\n- \n"
    ),
    ResourceKind.REPORT: _(
        "## Who took part\n\n\n"
        "## What we discussed\n\n\n"
        "## What we learned\n\n\n"
        "## Next steps\n\n- \n"
    ),
}


def outline_for(kind: str) -> str:
    return str(OUTLINES.get(kind, ""))
