"""The published yearly reports that /opbrengst/ links to.

The reports live in an app above this one (dashboard), whose addresses share /opbrengst/;
value knows no app above it. The dashboard registers a function in its AppConfig.ready()
that lists the published reports as links, newest year first.
"""

from __future__ import annotations

from collections.abc import Callable

from knowledge.item_links import Link

PublishedReports = Callable[[], list[Link]]

_registered: list[PublishedReports] = []


def register(published_reports: PublishedReports) -> None:
    """List what `published_reports()` returns on /opbrengst/ (once, however often an
    app's ready() runs)."""
    if published_reports not in _registered:
        _registered.append(published_reports)


def published_reports() -> list[Link]:
    """The links the registered apps give; each function runs a fixed number of queries."""
    return [link for published in _registered for link in published()]
