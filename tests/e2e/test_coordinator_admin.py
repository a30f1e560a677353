"""The admin the coordinator works in passes axe (WCAG 2.1 AA), page by page."""

import io
import re

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from atelier.coordinator import COORDINATOR_PERMISSIONS
from knowledge.models import Resource
from members.demo import DEMO_PASSWORD
from sessions_app.models import Event

from .conftest import assert_accessible


def log_in_as_the_demo_coordinator(page, next_path: str) -> None:
    page.goto(f"/accounts/login/?next={next_path}")
    page.get_by_role("textbox", name="E-mailadres").fill("coordinator@example.org")
    page.get_by_role("textbox", name="Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))


def coordinator_pages() -> list[str]:
    """Index, and per model the coordinator may see: its list, its add form (if allowed)
    and the change form of one of its rows."""
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        actions = COORDINATOR_PERMISSIONS.get(meta.app_label, {}).get(meta.model_name)
        if not actions:
            continue
        name = f"admin:{meta.app_label}_{meta.model_name}"
        pages.append(reverse(f"{name}_changelist"))
        if "add" in actions:
            pages.append(reverse(f"{name}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"{name}_change", args=[first.pk]))
    return pages


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def test_every_admin_page_the_coordinator_uses_passes_axe(page, demo):
    log_in_as_the_demo_coordinator(page, "/admin/")
    failures = []
    for path in coordinator_pages():
        page.goto(path)
        try:
            assert_accessible(page)
        except AssertionError as failure:
            failures.append(str(failure))
    # An event with registrations: the inline attendance selects; a tool's versions.
    event = Event.objects.filter(registrations__isnull=False).order_by("-start").first()
    tool = Resource.objects.get(slug="signalenkaart")
    for path in (
        reverse("admin:sessions_app_event_change", args=[event.pk]),
        reverse("admin:knowledge_resource_history", args=[tool.pk]),
    ):
        page.goto(path)
        try:
            assert_accessible(page)
        except AssertionError as failure:
            failures.append(str(failure))
    assert not failures, "\n\n".join(failures)


def test_the_series_form_is_styled_and_passes_axe(page, demo):
    log_in_as_the_demo_coordinator(page, "/admin/sessions_app/event/")
    event = Event.objects.order_by("-start").first()
    page.locator(f'input[name="_selected_action"][value="{event.pk}"]').check()
    page.locator('select[name="action"]').select_option("plan_series")
    page.locator('button[name="index"]').click()
    expect(page.get_by_role("button", name="Deze data plannen")).to_be_visible()
    # Laid out and styled as the admin's other forms: aligned rows, bordered inputs.
    expect(page.locator("fieldset.module.aligned .form-row")).to_have_count(4)
    start = page.get_by_label("Begin van de eerste nieuwe datum")
    assert start.evaluate("el => getComputedStyle(el).borderTopStyle") == "solid"
    assert_accessible(page)


def test_the_events_slug_field_says_what_it_is(page, demo):
    log_in_as_the_demo_coordinator(page, "/admin/sessions_app/event/add/")
    expect(page.get_by_label("Webadres (slug)")).to_be_visible()


def test_the_history_of_a_tool_lists_its_versions(page, demo):
    tool = Resource.objects.get(slug="signalenkaart")
    log_in_as_the_demo_coordinator(page, f"/admin/knowledge/resource/{tool.pk}/change/")
    page.get_by_role("link", name="Geschiedenis").click()
    history = page.locator("#change-history")
    for number in (3, 2, 1):
        expect(history.get_by_role("link", name=f"Versie {number}", exact=True)).to_be_visible()
    assert_accessible(page)
    history.get_by_role("link", name="Versie 1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tool.title)
