"""The coordinator's admin of value stories: plain fields, what a story is about as plain
multiple selects (no autocomplete or filter_horizontal, which fail axe), a filter per
cycle; the coordinator may change and delete a story but not add one in someone's name."""

import pytest
from django.urls import reverse

from value.models import CycleState, StoryAudience

from .factories import make_member, make_story
from .helpers import text

pytestmark = pytest.mark.django_db


def test_the_change_page_uses_plain_multiple_selects(admin_client):
    story = make_story(make_member(), StoryAudience.COORDINATOR, title="Alleen voor Demi")

    page = admin_client.get(reverse("admin:value_valuestory_change", args=[story.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    for name in ("events", "resources", "questions"):
        assert f'<select name="{name}"' in html and "multiple" in html
    assert "admin-autocomplete" not in html and "selectfilter" not in html.lower()


def test_the_list_filters_by_cycle(admin_client):
    make_story(make_member("een@example.org"), title="Toegepast verhaal")
    make_story(
        make_member("twee@example.org"),
        title="Direct verhaal",
        immediate="Een goed gesprek.",
        immediate_state=CycleState.HAPPENED,
    )

    page = text(
        admin_client.get(reverse("admin:value_valuestory_changelist"), {"cyclus": "immediate"})
    )

    assert "Direct verhaal" in page and "Toegepast verhaal" not in page


def test_the_coordinator_changes_and_deletes_but_adds_none(admin_client):
    changelist = admin_client.get(reverse("admin:value_valuestory_changelist"))
    permissions = changelist.context["cl"].model_admin
    request = changelist.wsgi_request
    assert permissions.has_change_permission(request)
    assert permissions.has_delete_permission(request)
    assert not permissions.has_add_permission(request)
