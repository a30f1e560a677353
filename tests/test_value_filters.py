"""The filters of /opbrengst/ (a GET form that works without JavaScript): by cycle, by the
writer's sector, by tool or case and by meeting; a value that is wrong, or names something
the reader may not see, filters nothing. The newest come first, in bounded pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from atelier import bounded_paging
from knowledge.models import ResourceKind, Visibility
from members.models import Sector
from sessions_app.models import EventKind
from value.models import CycleState, StoryAudience

from .factories import make_event, make_item, make_member, make_story
from .helpers import SCRIPT, page_titles

pytestmark = pytest.mark.django_db

LIST = reverse("value:list")


@pytest.fixture
def stories():
    practice = make_member("praktijk@example.org", sector=Sector.PRACTICE)
    education = make_member("onderwijs@example.org", sector=Sector.EDUCATION)
    meeting = make_event("signaleren", kind=EventKind.PUBLIC, days_ahead=-30)
    tool = make_item("signalenkaart", kind=ResourceKind.TOOL)
    now = timezone.now()
    return {
        "meeting": meeting,
        "tool": tool,
        "Toegepast in de praktijk": make_story(
            practice, StoryAudience.PUBLIC, (meeting,), title="Toegepast in de praktijk",
            created_at=now - timedelta(days=3),
        ),
        "Herdefinieerd in het onderwijs": make_story(
            education, StoryAudience.PUBLIC, (tool,), title="Herdefinieerd in het onderwijs",
            reframing="Succes is nu iets anders.", reframing_state=CycleState.HAPPENED,
            created_at=now - timedelta(days=2),
        ),
        "Over beide": make_story(
            education, StoryAudience.PUBLIC, (meeting, tool), title="Over beide",
            created_at=now - timedelta(days=1),
        ),
    }  # fmt: skip


def titles(client, **filters) -> list[str]:
    response = client.get(LIST, filters)
    assert response.status_code == 200
    return page_titles(response)


ALL = ["Over beide", "Herdefinieerd in het onderwijs", "Toegepast in de praktijk"]


def test_the_newest_story_comes_first(client, stories):
    assert titles(client) == ALL


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"cyclus": "applied"}, ["Over beide", "Toegepast in de praktijk"]),
        ({"cyclus": "reframing"}, ["Herdefinieerd in het onderwijs"]),
        ({"cyclus": "realised"}, []),
        ({"sector": "education"}, ["Over beide", "Herdefinieerd in het onderwijs"]),
        ({"sector": "research"}, []),
        ({"werkvorm": "signalenkaart"}, ["Over beide", "Herdefinieerd in het onderwijs"]),
        ({"bijeenkomst": "signaleren"}, ["Over beide", "Toegepast in de praktijk"]),
        ({"bijeenkomst": "signaleren", "werkvorm": "signalenkaart"}, ["Over beide"]),
        ({"bijeenkomst": "signaleren", "sector": "practice", "cyclus": "applied"},
         ["Toegepast in de praktijk"]),
    ],
)  # fmt: skip
def test_each_filter_narrows_the_list(client, stories, filters, expected):
    assert titles(client, **filters) == expected


@pytest.mark.parametrize(
    "filters",
    [
        {"cyclus": "geluk"},
        {"sector": SCRIPT},
        {"werkvorm": "bestaat-niet"},
        {"bijeenkomst": "x" * 5000},
        {"bijeenkomst": "\x00"},
        {"pagina": "-1"},
        {"pagina": "9999999999999999999999"},
    ],
)
def test_a_wrong_value_filters_nothing_and_never_fails(client, stories, filters):
    assert titles(client, **filters) == ALL


def test_a_meeting_or_tool_the_reader_may_not_see_filters_nothing(client, stories):
    meeting = make_event("ledenoverleg", kind=EventKind.MEETING, days_ahead=-20)
    tool = make_item("ledenwerkvorm", kind=ResourceKind.TOOL, visibility=Visibility.MEMBERS)
    make_story(make_member(), StoryAudience.PUBLIC, (meeting, tool), title="Openbaar verhaal")

    assert titles(client, bijeenkomst="ledenoverleg")[0] == "Openbaar verhaal"
    assert len(titles(client, werkvorm="ledenwerkvorm")) == 4
    page = client.get(LIST).content.decode()
    assert "ledenoverleg" not in page and "ledenwerkvorm" not in page

    client.force_login(make_member("lid@example.org"))
    assert titles(client, bijeenkomst="ledenoverleg") == ["Openbaar verhaal"]


def test_the_filters_offer_the_meetings_and_tools_of_the_stories(client, stories):
    other = make_event("zonder-verhaal", kind=EventKind.PUBLIC, days_ahead=-5)
    response = client.get(LIST)
    assert list(response.context["events"]) == [stories["meeting"]]
    assert list(response.context["resources"]) == [stories["tool"]]
    assert other not in response.context["events"]


def test_a_long_list_is_counted_only_so_far(client, stories, monkeypatch):
    monkeypatch.setattr(bounded_paging, "MAX_COUNTED", 2)
    response = client.get(LIST)
    assert "Meer dan 2 verhalen" in response.content.decode()
    assert response.context["page"].paginator.num_pages == 1
