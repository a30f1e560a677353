"""How a tool's page counts its accounts of use: proper Dutch for one and for more, an
invitation to be the first for a member when there are none, and nothing for a visitor
then (templates/knowledge/_uptake.html, knowledge/uptake_views.py)."""

import pytest

from knowledge.models import ResourceKind

from .factories import complete_sections, make_item, make_member, make_uptake
from .helpers import text

pytestmark = pytest.mark.django_db

INVITATION = "Nog geen lid vertelde hoe die dit in de praktijk gebruikte."


@pytest.fixture
def tool(db):
    return make_item(
        "de-buurtkaart",
        make_member("auteur@example.org"),
        kind=ResourceKind.TOOL,
        sections=complete_sections(ResourceKind.TOOL, "Teken de buurt."),
    )


def page(client, tool) -> str:
    return text(client.get(tool.get_absolute_url()))


def test_without_accounts_a_member_is_invited_to_be_the_first(client, tool):
    client.force_login(make_member("lezer@example.org"))
    shown = page(client, tool)
    assert INVITATION in shown and "Vertel het als eerste." in shown
    assert "0 keer" not in shown


def test_without_accounts_a_visitor_sees_no_count_at_all(client, tool):
    shown = page(client, tool)
    assert 'id="gebruikt"' not in shown
    assert "0 keer" not in shown and INVITATION not in shown


def test_one_account_is_counted_once(client, tool):
    make_uptake(tool, make_member("gebruiker@example.org"), is_public=True)
    assert "Eén keer in de praktijk gebruikt, zoals een lid vertelt." in page(client, tool)


def test_more_accounts_are_counted_in_the_plural(client, tool):
    for number in range(3):
        make_uptake(tool, make_member(f"gebruiker{number}@example.org"), is_public=True)
    shown = page(client, tool)
    assert "3 keer in de praktijk gebruikt, zoals leden vertellen." in shown
    assert INVITATION not in shown
