"""A starting outline for the kinds of library item with one text, so writers know what to
cover; a tool and a case have a field per section instead (knowledge/sections.py)."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import ResourceKind

OUTLINES: dict[str, Promise] = {
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
