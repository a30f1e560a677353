"""The agenda sits below the library: the pages that show both are the portal's."""

from pathlib import Path

from django.conf import settings
from django.urls import resolve, reverse

PAGES_WITH_REPORTS = [
    ("agenda:detail", ["een-activiteit"]),
    ("agenda:register_guest", ["een-activiteit"]),
    ("agenda:archive", []),
]


def test_the_agenda_pages_that_show_reports_are_the_portals():
    for name, args in PAGES_WITH_REPORTS:
        assert resolve(reverse(name, args=args)).func.__module__ == "portal.views", name


def test_the_agenda_does_not_reach_the_library_through_its_relations():
    for module in (Path(settings.BASE_DIR) / "sessions_app").rglob("*.py"):
        source = module.read_text()
        assert "related_model" not in source, module
        assert ".resources" not in source, module
