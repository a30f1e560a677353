"""How to cite a library item, in APA 7 style (a web page by its authors)."""

from typing import Any

from django.conf import settings
from django.utils import formats, timezone
from django.utils.html import format_html

from .models import Resource


def apa_name(display_name: str) -> str:
    """ "Noor Bakker" → "Bakker, N."; "Ans de Vries" → "de Vries, A." (APA keeps particles)."""
    parts = display_name.split()
    if len(parts) < 2:
        return display_name
    given, family = parts[0], " ".join(parts[1:])
    # APA keeps the hyphen of a hyphenated given name: "Jean-Paul" → "J.-P."
    initials = "-".join(f"{piece[0]}." for piece in given.split("-") if piece)
    return f"{family}, {initials}"


def _authors(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    if len(names) <= 20:
        return ", ".join(names[:-1]) + ", & " + names[-1]
    return ", ".join(names[:19]) + ", … " + names[-1]


def apa_citation(resource: Resource, url: str, version: Any = None) -> str:
    """The citation as safe HTML: the title in italics, everything else escaped.

    With `version` (knowledge/versions.py) it cites that version: its title and its date.
    """
    names = [
        apa_name(author.profile.display_name)
        for author in resource.ordered_authors()
        if hasattr(author, "profile")
    ]
    title = version.title if version else resource.title
    date = timezone.localtime(
        version.history_date if version else resource.published_at or resource.created_at
    )
    when = f"{date.year}, {formats.date_format(date, 'j F')}"
    if names:
        return format_html(
            "{} ({}). <i>{}</i>. {}. {}",
            _authors(names),
            when,
            title,
            settings.SITE_NAME,
            url,
        )
    return format_html("{} ({}). <i>{}</i>. {}", settings.SITE_NAME, when, title, url)
