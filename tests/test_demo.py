"""Demo data: `make run` loads it the first time and leaves the database alone after."""

import pytest
from django.core.management import call_command

from atelier.models import Page
from atelier.site_texts import PAGE_TEXTS
from members.models import User

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    from io import StringIO

    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_fills_the_pages_and_prints_the_logins():
    output = load_demo()
    assert "coordinator@example.org" in output
    assert "leeratelier-demo" in output
    about = Page.objects.get(key="about")
    assert about.body == PAGE_TEXTS["about"]["body"]
    assert about.body_html.startswith("<")
    coordinator = User.objects.get(email="coordinator@example.org")
    assert coordinator.is_staff and not coordinator.is_superuser
    assert coordinator.groups.filter(name="Coördinator").exists()
    assert coordinator.check_password("leeratelier-demo")


def test_demo_is_idempotent_and_keeps_the_coordinators_edits():
    load_demo()
    about = Page.objects.get(key="about")
    about.body = "Eigen tekst van de coördinator."
    about.save()
    counts = (User.objects.count(), Page.objects.count())
    load_demo()
    assert (User.objects.count(), Page.objects.count()) == counts
    assert Page.objects.get(key="about").body == "Eigen tekst van de coördinator."


def test_demo_texts_have_no_first_level_headings():
    # The page title is the h1; texts start their sections at h2.
    for texts in PAGE_TEXTS.values():
        for field in ("body", "body_en"):
            assert not any(line.startswith("# ") for line in texts[field].splitlines())
